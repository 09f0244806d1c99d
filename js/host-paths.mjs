// Verify and sign with the MAC computed by the host (`node:crypto` in Node, Bun and Deno; see
// `host-node.mjs`), over the pieces of `engine.mjs` it is handed. Only the Node, Bun and Deno
// entries load this module; browser bundles never carry it.
//
// Rust still runs every rule: `verifyBegin`/`signBegin` check the request and return the signed
// content around the body, `verifyFinish`/`signFinish` compare or write the signatures. Between them
// the host hashes, in one of two ways:
// - one call of the host's one-shot SHA-256 per key over HMAC's inner message (the key's inner
//   block, the content before the body, the body, the content after it), laid out around the
//   payload in wasm memory; Rust then takes HMAC's outer hash, one block. A native HMAC object
//   costs more per call than the whole one-shot hash of a short body.
// - the host's streaming HMAC (`host.hmac`), where the runtime has no one-shot hash or the content
//   around the body is longer than the room left for it.

import { OUTPUT_LEN, OUTPUT_PTR } from './region.mjs';

/**
 * Room left before a payload written for the one-shot hash (HMAC's inner key block and the signed
 * content before the body go there) and after it (the content after the body). Longer content,
 * such as a long URL in a Square-style scheme, takes the streaming path.
 */
const AROUND_ROOM = 512;
const KEY_BLOCK = 64;

// Slot number of `src/wasm/engine.rs`.
const BEFORE_LEN = 4;

/**
 * `host`: `key(bytes)` a native key object, `hmac(key, before, payload, after)` the 32-byte
 * HMAC-SHA256, `innerHash(bytes)` (optional) the SHA-256 of `bytes` in one call,
 * `byteLength(text)` a string's UTF-8 length, `prefer(length)` whether the host's MAC beats wasm's
 * for a payload of that length.
 */
export function hostPaths(host) {
  return { paths: (core) => createPaths(host, core) };
}

function createPaths(host, core) {
  const { engine, region, writeHeaders, writeId, writeText, writeTags, fail, result, headersFrom } = core;
  const oneShot = host.innerHash !== undefined;

  /** Keeps the native keys (and the inner key blocks) beside a compiled object; true if it can use them. */
  function prepare(compiled) {
    compiled.hostKeys = compiled.keys.map((key) => host.key(key));
    compiled.innerKeys = oneShot
      ? compiled.keys.map((_, i) => compiled.innerKeys.subarray(KEY_BLOCK * i, KEY_BLOCK * (i + 1)))
      : null;
    return true;
  }

  /** The host's HMACs of `before ‖ payload ‖ after` (the output of a `…Begin` call) under `keys`. */
  function hostTags(keys, payload) {
    const content = region.output();
    const split = region.slot(BEFORE_LEN);
    const before = content.subarray(0, split);
    const after = content.subarray(split);
    return keys.map((key) => host.hmac(key, before, payload, after));
  }

  /** Writes a payload at `at` (room for it is reserved); returns its length in bytes. */
  function writePayload(bytes, payload, at) {
    if (bytes === undefined) return writeText(payload, at) - at;
    region.u8.set(bytes, at);
    return bytes.length;
  }

  /**
   * After a `…Begin` call, with the payload at `at`: writes the tags of the first `count` keys,
   * inner hashes from the one-shot hash where the content around the body fits the room left for
   * it, else whole MACs from `host.hmac`. Returns whether they are inner hashes.
   */
  function writeInnerTags(compiled, at, length, count) {
    region.views();
    const u8 = region.u8;
    const out = region.slot(OUTPUT_PTR);
    const split = region.slot(BEFORE_LEN);
    const afterLength = region.slot(OUTPUT_LEN) - split;
    if (KEY_BLOCK + split > AROUND_ROOM || afterLength > AROUND_ROOM) {
      writeTags(hostTags(compiled.hostKeys.slice(0, count), u8.subarray(at, at + length)));
      return false;
    }
    const start = at - split - KEY_BLOCK;
    const end = at + length + afterLength;
    u8.copyWithin(at - split, out, out + split);
    u8.copyWithin(at + length, out + split, out + split + afterLength);
    const tags = [];
    for (let i = 0; i < count; i++) {
      u8.set(compiled.innerKeys[i], start);
      tags.push(host.innerHash(u8.subarray(start, end)));
    }
    u8.fill(0, start, start + KEY_BLOCK);
    writeTags(tags);
    return true;
  }

  function verify(compiled, bytes, payload, headers, now) {
    if (oneShot) {
      if (!host.prefer(bytes === undefined ? payload.length : bytes.length)) return undefined;
      const room = bytes === undefined ? 3 * payload.length : bytes.length;
      const [block, count] = writeHeaders(compiled, headers, room + 2 * AROUND_ROOM);
      const at = region.input + block + AROUND_ROOM;
      const length = writePayload(bytes, payload, at);
      if (engine.verifyBegin(block, length, count, now) !== 0) throw fail();
      const keys = compiled.innerKeys.length;
      if (engine.verifyFinish(keys, writeInnerTags(compiled, at, length, keys)) !== 0) throw fail();
    } else {
      const length = bytes === undefined ? host.byteLength(payload) : bytes.length;
      if (!host.prefer(length)) return undefined;
      const [block, count] = writeHeaders(compiled, headers, 0);
      if (engine.verifyBegin(block, length, count, now) !== 0) throw fail();
      const tags = hostTags(compiled.hostKeys, bytes ?? payload);
      writeTags(tags);
      if (engine.verifyFinish(tags.length, false) !== 0) throw fail();
    }
    region.views();
    return result(compiled);
  }

  function sign(compiled, bytes, payload, options, timestamp) {
    if (oneShot) {
      if (!host.prefer(bytes === undefined ? payload.length : bytes.length)) return undefined;
      const room = bytes === undefined ? 3 * payload.length : bytes.length;
      const [idLength, random] = writeId(compiled, options, room + 2 * AROUND_ROOM);
      const at = region.input + Math.max(idLength, 0) + random + AROUND_ROOM;
      const length = writePayload(bytes, payload, at);
      if (engine.signBegin(idLength, random, timestamp) !== 0) throw fail();
      const count = compiled.tagCount;
      if (engine.signFinish(count, writeInnerTags(compiled, at, length, count)) !== 0) throw fail();
    } else {
      if (!host.prefer(bytes === undefined ? host.byteLength(payload) : bytes.length)) return undefined;
      const [idLength, random] = writeId(compiled, options, 0);
      if (engine.signBegin(idLength, random, timestamp) !== 0) throw fail();
      const tags = hostTags(compiled.hostKeys.slice(0, compiled.tagCount), bytes ?? payload);
      writeTags(tags);
      if (engine.signFinish(tags.length, false) !== 0) throw fail();
    }
    return headersFrom(region.output());
  }

  return { prepare, verify, sign };
}
