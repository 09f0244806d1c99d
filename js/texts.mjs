// canonicalize, canonicalizeValue (and schema validation) over the flat text crossing of
// `src/wasm/texts.rs`: values go in as JSON text written straight into wasm memory, results come
// out as text. The engine's native JSON.stringify walks the value, with a replacer that keeps
// hookseal's rules where JSON.stringify would silently change the value (NaN and Infinity would
// become null, functions and symbols would vanish).

const OUTPUT_PTR = 0;
const OUTPUT_LEN = 1;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

// `isWellFormed` is in Node 20+, Deno, Bun, workerd and current browsers; Node 18 needs the regex.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const wellFormed =
  typeof ''.isWellFormed === 'function' ? (text) => text.isWellFormed() : (text) => !LONE_SURROGATE.test(text);

export function createTexts(glue, exports) {
  const texts = new glue.Texts();
  const memory = exports.memory;
  const { CanonicalizationError } = glue.__errorClasses();
  const slots = texts.slots() / 8;
  let capacity = 0;
  let input = 0;
  let u8 = new Uint8Array(0);
  let f64 = new Float64Array(0);

  function views() {
    if (u8.byteLength === 0) {
      u8 = new Uint8Array(memory.buffer);
      f64 = new Float64Array(memory.buffer);
    }
  }

  function reserve(size) {
    if (size > capacity) {
      capacity = Math.max(size, capacity * 2, 4096);
      input = texts.reserve(capacity);
    }
    views();
  }

  /** Writes JSON text (a string already checked for lone surrogates, or UTF-8 bytes); returns its length. */
  function write(text) {
    if (typeof text !== 'string') {
      reserve(text.length);
      u8.set(text, input);
      return text.length;
    }
    reserve(3 * text.length);
    return encoder.encodeInto(text, u8.subarray(input, input + 3 * text.length)).written;
  }

  function output() {
    views();
    const at = f64[slots + OUTPUT_PTR];
    return decoder.decode(u8.subarray(at, at + f64[slots + OUTPUT_LEN]));
  }

  function fail(Class = CanonicalizationError) {
    const text = output();
    const newline = text.indexOf('\n');
    return new Class(text.slice(0, newline), text.slice(newline + 1));
  }

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

  const unsupported = (what) => new CanonicalizationError('unsupported_value', `${what} has no JSON form`);

  /** JSON.stringify's walk, refusing what it would otherwise change or drop silently. */
  function replacer(key, value) {
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

  /** `value` as JSON text, with hookseal's codes for what has no JSON form. */
  function stringify(value) {
    let text;
    try {
      text = JSON.stringify(value, replacer);
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

  function canonicalizeValue(value) {
    const length = write(stringify(value));
    if (texts.canonicalize(length) !== 0) throw fail();
    return output();
  }

  return { canonicalize, canonicalizeValue, stringify, write, output, fail, texts };
}
