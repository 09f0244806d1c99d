// Schema validation (`validate` of a value, `validateJson` of text), and canonicalize and
// canonicalizeValue (`createCanonical`), over the flat text crossing of `src/wasm/texts.rs`: values go in as JSON text written
// straight into wasm memory, results come out as text. The engine's native JSON.stringify walks
// the value, with a replacer that keeps hookseal's rules where JSON.stringify would silently
// change the value (NaN and Infinity would become null, functions and symbols would vanish).

import { Region } from './region.mjs';

/** The parser's default array limit (`ParseOptions::max_items`): a longer array is refused before
 * JSON.stringify spends time on it (a sparse `new Array(2 ** 28)` would take seconds). */
const MAX_ITEMS = 100_000;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

// `isWellFormed` is in Node 20+, Deno, Bun, workerd and current browsers; Node 18 needs the regex.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const wellFormed =
  typeof ''.isWellFormed === 'function' ? (text) => text.isWellFormed() : (text) => !LONE_SURROGATE.test(text);

export function createTexts(glue, exports) {
  const texts = new glue.Texts();
  const memory = exports.memory;
  const errors = glue.__errorClasses();
  const { CanonicalizationError } = errors;
  const region = new Region(texts, memory);

  /** Writes JSON text (a string already checked for lone surrogates, or UTF-8 bytes); returns its length. */
  function write(text) {
    if (typeof text !== 'string') {
      region.reserve(text.length);
      region.u8.set(text, region.input);
      return text.length;
    }
    region.reserve(3 * text.length);
    return encoder.encodeInto(text, region.u8.subarray(region.input, region.input + 3 * text.length)).written;
  }

  const output = () => decoder.decode(region.output());
  const fail = () => region.failure(CanonicalizationError);

  const unsupported = (what) => new CanonicalizationError('unsupported_value', `${what} has no JSON form`);

  const tooManyItems = () =>
    new CanonicalizationError('too_many_items', `an array has more than ${MAX_ITEMS} items`);

  /** JSON.stringify's walk, refusing what it would otherwise change or drop silently. */
  function replacer(key, value) {
    if (Array.isArray(value) && value.length > MAX_ITEMS) throw tooManyItems();
    switch (typeof value) {
      case 'number':
        if (value - value !== 0) {
          throw new CanonicalizationError('number_out_of_range', 'NaN and Infinity have no JSON form');
        }
        return value;
      case 'function':
        throw unsupported('a function');
      case 'symbol':
        throw unsupported('a symbol');
      case 'bigint':
        throw unsupported('a BigInt');
      default:
        return value;
    }
  }

  /**
   * True if JSON.stringify would write `value` as it is: only plain objects and arrays, strings,
   * booleans, null and finite numbers (undefined members are dropped as intended), no `toJSON`, not
   * too deep. Then the native fast path (no replacer) gives the same text; anything else takes the
   * replacer's path, which decides exactly. The walk is linear and cheap next to stringifying.
   */
  function plain(value, depth) {
    switch (typeof value) {
      case 'string':
      case 'boolean':
      case 'undefined':
        return true;
      case 'number':
        return value - value === 0;
      case 'object':
        break;
      default:
        return false;
    }
    if (value === null) return true;
    if (depth > 128 || typeof value.toJSON === 'function') return false;
    if (Array.isArray(value)) {
      if (value.length > MAX_ITEMS) return false;
      for (let i = 0; i < value.length; i++) if (!plain(value[i], depth + 1)) return false;
      return true;
    }
    for (const key in value) {
      if (Object.prototype.hasOwnProperty.call(value, key) && !plain(value[key], depth + 1)) return false;
    }
    return true;
  }

  /** `value` as JSON text, with hookseal's codes for what has no JSON form. */
  function stringify(value) {
    let text;
    try {
      if (Array.isArray(value) && value.length > MAX_ITEMS) throw tooManyItems();
      text = plain(value, 0) ? JSON.stringify(value) : JSON.stringify(value, replacer);
    } catch (e) {
      if (e instanceof CanonicalizationError) throw e;
      if (e instanceof RangeError) {
        throw new CanonicalizationError('too_deep', 'the value nests too deeply to be JSON');
      }
      if (e instanceof TypeError && /circular|cyclic/i.test(e.message)) {
        throw new CanonicalizationError('circular_reference', 'the value contains itself');
      }
      throw new CanonicalizationError('unsupported_value', `the value cannot be read as JSON: ${e?.message ?? e}`);
    }
    if (text === undefined) throw unsupported('undefined');
    // JSON.stringify escapes lone surrogates (`\udc00`), which hookseal's parser refuses.
    return text;
  }

  /**
   * `validate(value)`: any value is the instance, a string a JSON string. The value crosses as
   * `stringify` text, so what has no JSON form throws as in `canonicalizeValue`, `undefined` as the
   * whole instance included (`unsupported_value`: no JSON value to validate, most often a missing
   * argument or body).
   */
  function validate(compiled, value) {
    const length = write(stringify(value));
    if (texts.validate(compiled, length) !== 0) throw fail();
    return JSON.parse(output());
  }

  /**
   * `validateJson(text)`: JSON text (a string or UTF-8 bytes), parsed strictly in Rust. Text it
   * refuses is an invalid result with keyword `json`, never a throw; only a wrong type throws.
   */
  function validateJson(compiled, text, name) {
    let status;
    if (typeof text === 'string') {
      // TextEncoder would replace a lone surrogate with U+FFFD; the refusal is Rust's result.
      status = wellFormed(text) ? texts.validateJson(compiled, write(text)) : texts.validateLoneSurrogate(compiled);
    } else if (text instanceof Uint8Array) {
      status = texts.validateJson(compiled, write(text));
    } else {
      throw new TypeError(`${name} takes JSON text (a string or a Uint8Array); validate a value with validate`);
    }
    if (status !== 0) throw fail();
    return JSON.parse(output());
  }

  return { validate, validateJson, stringify, write, output, fail, errors, calls: texts };
}

/** `canonicalize` and `canonicalizeValue` over `createTexts`'s crossing: apart, so that a bundle of
 * `hookseal/config`, which has no canonicalization, leaves them out. */
export function createCanonical({ write, output, fail, stringify, errors, calls: texts }) {
  const { CanonicalizationError } = errors;
  const loneSurrogate = () =>
    new CanonicalizationError('lone_surrogate', 'the string holds an unpaired UTF-16 surrogate');

  /** JSON text as given to `canonicalize`: a string (no lone surrogates) or UTF-8 bytes. */
  function jsonText(json) {
    if (typeof json === 'string') {
      if (!wellFormed(json)) throw loneSurrogate();
      return json;
    }
    if (json instanceof Uint8Array) return json;
    throw new TypeError('canonicalize takes JSON text (a string or a Uint8Array)');
  }

  function canonicalize(json) {
    const length = write(jsonText(json));
    if (texts.canonicalize(length) !== 0) throw fail();
    return output();
  }

  function canonicalizeValue(value) {
    const length = write(stringify(value));
    if (texts.canonicalize(length) !== 0) throw fail();
    return output();
  }

  return { canonicalize, canonicalizeValue };
}
