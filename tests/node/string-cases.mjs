// Cases for the two ways a JavaScript string reaches the wasm: up to 256 UTF-16 units by
// wasm-bindgen's own copy, longer ones by the runtime's TextEncoder (src/wasm/text.js). Both paths
// must give the same bytes, and the strict one (canonicalize, schemas) must refuse a lone
// surrogate wherever it stands. Used by strings.test.mjs and strings-fallback.test.mjs.
import assert from 'node:assert/strict';
import npmCanonicalize from 'canonicalize';

// Lengths on both sides of the 256-unit threshold and far past it.
export const LENGTHS = [0, 1, 200, 255, 256, 257, 258, 1000, 70_000];

/** A deterministic well-formed string of exactly `length` UTF-16 units: ASCII, 2-, 3- and
 * 4-byte UTF-8 (the last as surrogate pairs, never cut). */
export function wellFormedText(length, seed = 1) {
  const pieces = ['a', 'Z', '7', ' ', 'é', '✓', '😀'];
  let out = '';
  let state = seed;
  while (out.length < length) {
    state = (state * 1103515245 + 12345) >>> 0;
    const piece = pieces[state % pieces.length];
    out += out.length + piece.length <= length ? piece : 'a';
  }
  return out;
}

/** `text` with a lone surrogate at its start, middle or end. */
export function withLoneSurrogate(text, where, surrogate) {
  const at = where === 'start' ? 0 : where === 'end' ? text.length : Math.floor(text.length / 2);
  // Keep pairs intact: move off a low surrogate.
  const cut = at > 0 && at < text.length && /[\udc00-\udfff]/.test(text[at]) ? at + 1 : at;
  return text.slice(0, cut) + surrogate + text.slice(cut);
}

export function throwsLoneSurrogate(fn, what) {
  assert.throws(fn, (e) => {
    assert.equal(e.name, 'CanonicalizationError', `${what}: ${e.name}: ${e.message}`);
    assert.equal(e.code, 'lone_surrogate', `${what}: ${e.message}`);
    return true;
  }, what);
}

/** The strict path: well-formed strings canonicalize as npm `canonicalize` does, from JSON
 * text and from values; a lone surrogate anywhere is refused by both entry points. */
export function checkStrictPath({ canonicalize, canonicalizeValue }) {
  for (const length of LENGTHS) {
    const text = wellFormedText(length, length + 3);
    const value = { [text.slice(0, 300)]: text };
    const expected = npmCanonicalize(value);
    assert.equal(canonicalize(JSON.stringify(value)), expected, `text of ${length} units`);
    assert.equal(canonicalizeValue(value), expected, `value of ${length} units`);
    for (const where of ['start', 'middle', 'end']) {
      for (const surrogate of ['\ud800', '\udfff']) {
        const bad = withLoneSurrogate(text, where, surrogate);
        const what = `${length} units, ${surrogate === '\ud800' ? 'high' : 'low'} surrogate at the ${where}`;
        // A raw (unescaped) lone surrogate inside JSON text: the text itself is ill-formed.
        throwsLoneSurrogate(() => canonicalize(`["${bad}"]`), `canonicalize: ${what}`);
        throwsLoneSurrogate(() => canonicalizeValue([bad]), `canonicalizeValue: ${what}`);
        throwsLoneSurrogate(() => canonicalizeValue({ [bad]: 1 }), `canonicalizeValue key: ${what}`);
      }
    }
  }
}
