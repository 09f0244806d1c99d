// The native HMAC of Node, Bun and Deno (`node:crypto`, synchronous, using the CPU's SHA
// instructions where it has them). Only the MAC runs here; `engine.mjs` keeps every rule in Rust.
// Ed25519 (v1a) is not offered here although node:crypto has it: its check accepts signatures
// whose R has small order (in Node 20 and 22; Node 24 refuses them), which the core's strict
// verification refuses, so the same delivery would get another answer in Node than in the other runtimes.

import { Buffer } from 'node:buffer';
import * as nodeCrypto from 'node:crypto';
import { hostPaths } from './host-paths.mjs';

/**
 * Below this many payload bytes the wasm HMAC, which needs no call out of wasm and no native
 * object per MAC, is faster than `node:crypto`: each runtime's native call costs differently (least
 * in Bun, most in Deno). `make bench` measures both sides of the threshold.
 */
export const NATIVE_FROM_BYTES = globalThis.Bun !== undefined ? 512 : globalThis.Deno !== undefined ? 3072 : 768;

/**
 * `nativeFrom`: the payload length from which the native MAC is used. `oneShot`: whether to hash
 * HMAC's inner message in one call of `crypto.hash` (Node ≥ 20.12, Bun, Deno) where the runtime
 * has it, with the outer hash, one block, left to Rust; a `createHmac` object costs more per call
 * than the whole one-shot hash of a short body. Both are settable so that tests can take each path.
 */
export function nodeHost(nativeFrom = NATIVE_FROM_BYTES, { oneShot = true } = {}) {
  const hash = oneShot && typeof nodeCrypto.hash === 'function' ? nodeCrypto.hash : undefined;
  return hostPaths({
    key: (bytes) => nodeCrypto.createSecretKey(bytes),
    innerHash: hash === undefined ? undefined : (bytes) => hash('sha256', bytes, 'buffer'),
    hmac(key, before, payload, after) {
      const mac = nodeCrypto.createHmac('sha256', key);
      mac.update(before);
      mac.update(payload);
      if (after.length > 0) mac.update(after);
      return mac.digest();
    },
    byteLength: (text) => Buffer.byteLength(text, 'utf8'),
    prefer: (length) => length >= nativeFrom,
  });
}
