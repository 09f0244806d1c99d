// The native HMAC of Node, Bun and Deno (`node:crypto`, synchronous, using the CPU's SHA
// instructions where it has them). Only the MAC runs here; `engine.mjs` keeps every rule in Rust.
// Ed25519 (v1a) is not offered here although node:crypto has it: its check accepts signatures
// whose R has small order (in Node 20 and 22; Node 24 refuses them), which the core's strict
// verification refuses, so the same delivery would get another answer in Node than in the other runtimes.

import { Buffer } from 'node:buffer';
import { createHmac, createSecretKey } from 'node:crypto';

/**
 * Below this many payload bytes the wasm HMAC, which needs no call out of wasm and no native
 * object per MAC, is faster than `node:crypto` in Node and Deno; Bun's `node:crypto` costs little
 * per call, so there it computes every MAC. `make bench` measures both sides of the threshold.
 */
export const NATIVE_FROM_BYTES = globalThis.Bun === undefined ? 1024 : 0;

export function nodeHost(nativeFrom = NATIVE_FROM_BYTES) {
  return {
    key: (bytes) => createSecretKey(bytes),
    hmac(key, before, payload, after) {
      const mac = createHmac('sha256', key);
      mac.update(before);
      mac.update(payload);
      if (after.length > 0) mac.update(after);
      return mac.digest();
    },
    byteLength: (text) => Buffer.byteLength(text, 'utf8'),
    prefer: (length) => length >= nativeFrom,
  };
}
