// Verifier, Signer and Webhook over the flat crossing of `src/wasm/engine.rs`.
//
// A call writes its inputs into one reusable region of wasm memory (the headers the scheme needs,
// the payload, or the MACs) and passes only numbers; results come back as numbers in fixed slots
// and bytes read in place. The objects hold their compiled state as bytes (a descriptor, and key
// bytes for the host's HMAC), so they own no wasm memory: `free()` and `using` are no-ops kept for
// compatibility, and objects that are never freed cost only what the garbage collector reclaims.
//
// Where the runtime has a synchronous native HMAC (`node:crypto` in Node, Bun and Deno), the MAC is
// computed by it; every rule around the MAC (header parsing, limits, tolerance, decoding, the
// constant-time comparison) still runs in Rust, between `verifyBegin` and `verifyFinish`. An object
// holding an Ed25519 key (`whsk_`/`whpk_`, Standard Webhooks v1a) always takes the one-call wasm
// path: its signatures are checked by one implementation everywhere, and its payload has to be in
// wasm memory for them anyway.

import { readHeaders } from './headers.mjs';
import { Region } from './region.mjs';

const PAYLOAD =
  'payload must be the raw request body as received (string, Uint8Array or ArrayBuffer); ' +
  'a parsed object cannot be verified because re-serializing it changes the bytes';

// Slot numbers of `src/wasm/engine.rs`.
const SECRET_INDEX = 0;
const TIMESTAMP = 1;
const BEFORE_LEN = 4;

/**
 * From this many payload bytes, `verifyAsync` and `signAsync` hash with WebCrypto: below it, the
 * promise WebCrypto settles costs more than hashing in wasm (`make bench` measures both sides).
 */
const WEBCRYPTO_FROM_BYTES = 4096;
const preferWebCrypto = (length) => length >= WEBCRYPTO_FROM_BYTES;

/** Random bytes offered to Rust for a message id (rejection sampling rarely needs more). */
const ID_RANDOM = 32;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * The API over one instantiated module. `host`, where given, computes MACs natively: its
 * `paths(core)` returns `{ prepare(compiled), verify(…), sign(…) }` over the pieces of this engine
 * passed in `core` (see `host-paths.mjs`); its `verify` and `sign` return `undefined` where wasm
 * should compute the MAC.
 */
export function createEngine(glue, exports, host) {
  const engine = new glue.Engine();
  const memory = exports.memory;
  const { WebhookVerificationError } = glue.__errorClasses();
  const region = new Region(engine, memory);
  let loadedVerifier = null;
  let loadedSigner = null;

  const views = () => region.views();
  const reserve = (size) => region.reserve(size);
  const output = () => region.output();
  const fail = () => region.failure(WebhookVerificationError);
  const onHost =
    host === undefined
      ? null
      : host.paths({ engine, region, writeHeaders, writeId, writeText, writeTags, fail, result, headersFrom });

  /** Writes `text` as UTF-8 at `at` (room for 3 bytes per UTF-16 unit is reserved); returns the end. */
  function writeText(text, at) {
    const n = text.length;
    if (n < 64) {
      for (let i = 0; i < n; i++) {
        const c = text.charCodeAt(i);
        if (c > 0x7f) return at + encoder.encodeInto(text, region.u8.subarray(at, at + 3 * n)).written;
        region.u8[at + i] = c;
      }
      return at + n;
    }
    return at + encoder.encodeInto(text, region.u8.subarray(at, at + 3 * n)).written;
  }

  function writeU32(value, at) {
    region.u8[at] = value;
    region.u8[at + 1] = value >>> 8;
    region.u8[at + 2] = value >>> 16;
    region.u8[at + 3] = value >>> 24;
  }

  /** The bytes of a binary payload, or `undefined` for a string. */
  function payloadBytes(payload) {
    if (typeof payload === 'string') return undefined;
    if (payload instanceof Uint8Array) return payload;
    if (payload instanceof ArrayBuffer) return new Uint8Array(payload);
    if (ArrayBuffer.isView(payload)) return new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength);
    throw new TypeError(PAYLOAD);
  }

  function compiledFrom(meta) {
    const wanted = new Map();
    meta.names.forEach((name, i) => {
      if (!wanted.has(name)) wanted.set(name, i);
    });
    meta.wanted = wanted;
    meta.onHost = onHost !== null && !meta.asymmetric && !meta.canonical && onHost.prepare(meta);
    return meta;
  }

  /**
   * Writes the header block (`src/wasm/engine.rs` reads it) at the start of the input region,
   * leaving `extra` bytes of room after it; returns [block length, entries read].
   */
  function writeHeaders(compiled, headers, extra) {
    const found = [];
    const count = readHeaders(headers, compiled.wanted, found, compiled.headerCount);
    const names = compiled.names;
    let size = 4 * names.length;
    for (let i = 0; i < names.length; i++) {
      const list = found[i];
      if (list !== undefined) for (const value of list) size += 4 + 3 * value.length;
    }
    reserve(size + extra);
    let at = region.input;
    for (let i = 0; i < names.length; i++) {
      const list = found[i];
      writeU32(list === undefined ? 0 : list.length, at);
      at += 4;
      if (list === undefined) continue;
      for (const value of list) {
        const end = writeText(value, at + 4);
        writeU32(end - at - 4, at);
        at = end;
      }
    }
    return [at - region.input, count];
  }

  function loadVerifier(compiled) {
    if (loadedVerifier === compiled) return;
    reserve(compiled.descriptor.length);
    region.u8.set(compiled.descriptor, region.input);
    loadedVerifier = engine.loadVerifier(compiled.descriptor.length) ? compiled : null;
  }

  function loadSigner(compiled) {
    if (loadedSigner === compiled) return;
    reserve(compiled.descriptor.length);
    region.u8.set(compiled.descriptor, region.input);
    loadedSigner = engine.loadSigner(compiled.descriptor.length) ? compiled : null;
  }

  function clockSeconds(options, key) {
    if (options === undefined || options === null) return Date.now() / 1000;
    let value;
    try {
      value = options[key];
    } catch {
      throw new TypeError(`options.${key} cannot be read`);
    }
    if (value === undefined || value === null) return Date.now() / 1000;
    if (typeof value !== 'number') {
      throw new WebhookVerificationError('invalid_options', `\`${key}\` must be a number`);
    }
    return value;
  }

  function result(compiled) {
    const out = { scheme: compiled.scheme };
    const idLength = region.slot(BEFORE_LEN);
    if (idLength >= 0) out.id = decoder.decode(output());
    const timestamp = region.slot(TIMESTAMP);
    if (timestamp === timestamp) out.timestamp = timestamp;
    out.secretIndex = region.slot(SECRET_INDEX);
    return out;
  }

  function verify(compiled, payload, headers, now) {
    const bytes = payloadBytes(payload);
    loadVerifier(compiled);
    if (compiled.onHost) {
      const answer = onHost.verify(compiled, bytes, payload, headers, now);
      if (answer !== undefined) return answer;
    }
    const room = bytes === undefined ? 3 * payload.length : bytes.length;
    const [block, count] = writeHeaders(compiled, headers, room);
    let length;
    if (bytes === undefined) {
      length = writeText(payload, region.input + block) - region.input - block;
    } else {
      region.u8.set(bytes, region.input + block);
      length = bytes.length;
    }
    if (engine.verify(block, length, count, now) !== 0) throw fail();
    views();
    return result(compiled);
  }

  /** Writes the id (or random bytes to make one) at the start of the input region. */
  function writeId(compiled, options, extra) {
    let id;
    try {
      id = options === undefined || options === null ? undefined : options.id;
    } catch {
      throw new TypeError('options.id cannot be read');
    }
    if (id === null) id = undefined;
    if (id !== undefined && typeof id !== 'string') {
      throw new WebhookVerificationError('invalid_options', '`id` must be a string');
    }
    const random = id === undefined && compiled.needsId ? ID_RANDOM : 0;
    reserve((id === undefined ? 0 : 3 * id.length) + random + extra);
    const idLength = id === undefined ? -1 : writeText(id, region.input) - region.input;
    if (random > 0) crypto.getRandomValues(region.u8.subarray(region.input, region.input + random));
    return [idLength, random];
  }

  function headersFrom(bytes) {
    const parts = decoder.decode(bytes).split('\n');
    const out = {};
    for (let i = 0; i + 1 < parts.length; i += 2) {
      if (parts[i] === '__proto__') {
        Object.defineProperty(out, parts[i], { value: parts[i + 1], writable: true, enumerable: true, configurable: true });
      } else {
        out[parts[i]] = parts[i + 1];
      }
    }
    return out;
  }

  function sign(compiled, payload, options) {
    const bytes = payloadBytes(payload);
    const timestamp = clockSeconds(options, 'timestamp');
    loadSigner(compiled);
    if (compiled.onHost) {
      const answer = onHost.sign(compiled, bytes, payload, options, timestamp);
      if (answer !== undefined) return answer;
    }
    const room = bytes === undefined ? 3 * payload.length : bytes.length;
    const [idLength, random] = writeId(compiled, options, room);
    const start = region.input + Math.max(idLength, 0) + random;
    let length;
    if (bytes === undefined) {
      length = writeText(payload, start) - start;
    } else {
      region.u8.set(bytes, start);
      length = bytes.length;
    }
    if (engine.sign(idLength, random, length, timestamp) !== 0) throw fail();
    return headersFrom(output());
  }

  // ---- verifyAsync / signAsync: WebCrypto's HMAC where it beats wasm's (large bodies in browsers
  // and workerd). Between the checks and the comparison there is an `await`, during which other
  // calls may use the engine; so the checks run again after it, in the same turn as the
  // comparison, with the same inputs and clock: every rule is still applied by Rust, once for the
  // answer that counts.
  const subtle = globalThis.crypto?.subtle;

  /** A payload as bytes (strings as their UTF-8, as every other path signs them). */
  const asBytes = (payload) => payloadBytes(payload) ?? encoder.encode(payload);

  function cryptoKeys(compiled) {
    compiled.cryptoKeys ??= Promise.all(
      compiled.keys.map((key) => subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])),
    );
    return compiled.cryptoKeys;
  }

  async function webCryptoTags(compiled, before, bytes, after, count) {
    const data = new Uint8Array(before.length + bytes.length + after.length);
    data.set(before);
    data.set(bytes, before.length);
    data.set(after, before.length + bytes.length);
    const keys = (await cryptoKeys(compiled)).slice(0, count);
    return (await Promise.all(keys.map((key) => subtle.sign('HMAC', key, data)))).map((tag) => new Uint8Array(tag));
  }

  /** The signed content around the body, copied out of wasm memory (an `await` follows). */
  function contentCopy() {
    const content = output();
    const split = region.slot(BEFORE_LEN);
    return [content.slice(0, split), content.slice(split)];
  }

  function writeTags(tags) {
    reserve(32 * tags.length);
    for (let i = 0; i < tags.length; i++) region.u8.set(tags[i], region.input + 32 * i);
  }

  async function verifyAsync(compiled, payload, headers, now) {
    const bytes = host !== undefined || compiled.canonical || subtle === undefined ? undefined : asBytes(payload);
    if (bytes === undefined || !preferWebCrypto(bytes.length)) return verify(compiled, payload, headers, now);
    loadVerifier(compiled);
    let [block, count] = writeHeaders(compiled, headers, 0);
    if (engine.verifyBegin(block, bytes.length, count, now) !== 0) throw fail();
    const [before, after] = contentCopy();
    const tags = await webCryptoTags(compiled, before, bytes, after, compiled.keys.length);
    loadVerifier(compiled);
    [block, count] = writeHeaders(compiled, headers, 0);
    if (engine.verifyBegin(block, bytes.length, count, now) !== 0) throw fail();
    writeTags(tags);
    if (engine.verifyFinish(tags.length, false) !== 0) throw fail();
    views();
    return result(compiled);
  }

  async function signAsync(compiled, payload, options) {
    const bytes = host !== undefined || compiled.canonical || subtle === undefined ? undefined : asBytes(payload);
    if (bytes === undefined || !preferWebCrypto(bytes.length)) return sign(compiled, payload, options);
    const timestamp = clockSeconds(options, 'timestamp');
    let id = options?.id ?? undefined;
    if (id === undefined && compiled.needsId) id = glue.messageId();
    const fixed = { id, timestamp };
    loadSigner(compiled);
    let [idLength, random] = writeId(compiled, fixed, 0);
    if (engine.signBegin(idLength, random, timestamp) !== 0) throw fail();
    const [before, after] = contentCopy();
    const tags = await webCryptoTags(compiled, before, bytes, after, compiled.tagCount);
    loadSigner(compiled);
    [idLength, random] = writeId(compiled, fixed, 0);
    if (engine.signBegin(idLength, random, timestamp) !== 0) throw fail();
    writeTags(tags);
    if (engine.signFinish(tags.length, false) !== 0) throw fail();
    return headersFrom(output());
  }

  /**
   * A plain copy of the options (and of the objects in them that Rust reads), made here so that a
   * getter or proxy that throws is a TypeError in JavaScript, never an exception thrown through the
   * engine's wasm frames while it is borrowed.
   */
  function snapshot(options) {
    if (typeof options !== 'object' || options === null) return options;
    try {
      const copy = { ...options };
      for (const key of ['scheme', 'limits']) {
        if (typeof copy[key] === 'object' && copy[key] !== null) copy[key] = { ...copy[key] };
      }
      if (Array.isArray(copy.secrets)) copy.secrets = Array.from(copy.secrets);
      return copy;
    } catch {
      throw new TypeError('options cannot be read');
    }
  }

  const compileVerifier = (options) => {
    const compiled = compiledFrom(engine.compileVerifier(snapshot(options)));
    loadedVerifier = compiled;
    return compiled;
  };
  const compileSigner = (options) => {
    const compiled = compiledFrom(engine.compileSigner(snapshot(options)));
    loadedSigner = compiled;
    return compiled;
  };

  class Verifier {
    #compiled;
    constructor(options) {
      this.#compiled = compileVerifier(options);
    }
    verify(payload, headers, options) {
      return verify(this.#compiled, payload, headers, clockSeconds(options, 'now'));
    }
    /** `verify` with the same options, rules and results, computing large bodies' MACs with
     * WebCrypto where the runtime has no faster synchronous HMAC (browsers, workerd). */
    async verifyAsync(payload, headers, options) {
      return verifyAsync(this.#compiled, payload, headers, clockSeconds(options, 'now'));
    }
    /** Nothing to free: kept so that code written for earlier versions runs unchanged. */
    free() {}
  }

  class Signer {
    #compiled;
    constructor(options) {
      this.#compiled = compileSigner(options);
    }
    sign(payload, options) {
      return sign(this.#compiled, payload, options);
    }
    /** `sign`, with WebCrypto's HMAC for large bodies where that is faster (see `verifyAsync`). */
    async signAsync(payload, options) {
      return signAsync(this.#compiled, payload, options);
    }
    /** Nothing to free: kept so that code written for earlier versions runs unchanged. */
    free() {}
  }

  class Webhook {
    #verifier;
    #signer;
    #signError = null;
    constructor(secret, options) {
      const normalized = glue.webhookSecret(secret, options);
      this.#verifier = compileVerifier({ scheme: 'standard', secret: normalized });
      // A public key (`whpk_`) verifies but cannot sign: the error waits for `sign`.
      try {
        this.#signer = compileSigner({ scheme: 'standard', secret: normalized });
      } catch (e) {
        if (!(e instanceof WebhookVerificationError)) throw e;
        this.#signError = e;
      }
    }
    /** Verifies and returns the parsed JSON payload (`undefined` for an empty body). */
    verify(payload, headers) {
      verify(this.#verifier, payload, headers, Date.now() / 1000);
      let text = payload;
      if (typeof payload !== 'string') {
        try {
          text = new TextDecoder('utf-8', { fatal: true }).decode(payloadBytes(payload));
        } catch {
          throw new WebhookVerificationError('invalid_payload', 'the payload is not UTF-8 text');
        }
      }
      if (text === '') return undefined;
      try {
        return JSON.parse(text);
      } catch {
        throw new WebhookVerificationError('invalid_payload', 'the payload is not JSON');
      }
    }
    /** Signs like the reference libraries: returns `v1,<base64>` (`v1a,<base64>` for a `whsk_` key). */
    sign(msgId, timestamp, payload) {
      if (!(timestamp instanceof Date)) throw new TypeError('timestamp must be a Date');
      if (typeof msgId !== 'string') throw new TypeError('msgId must be a string');
      if (this.#signError !== null) throw new WebhookVerificationError(this.#signError.code, this.#signError.message);
      const headers = sign(this.#signer, payload, { id: msgId, timestamp: Math.floor(timestamp.getTime() / 1000) });
      return headers[this.#signer.signatureHeader];
    }
    /** Nothing to free: kept so that code written for earlier versions runs unchanged. */
    free() {}
  }

  if (typeof Symbol.dispose === 'symbol') {
    for (const Class of [Verifier, Signer, Webhook]) Class.prototype[Symbol.dispose] = Class.prototype.free;
  }
  return { Verifier, Signer, Webhook };
}
