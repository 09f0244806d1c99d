// Strings to UTF-8 with the runtime's native TextEncoder. wasm-bindgen's own string passing copies
// ASCII one UTF-16 unit at a time in JavaScript, and js-sys checks well-formedness with one call
// into JavaScript per unit: for a large body either costs more than the HMAC itself.

const encoder = new TextEncoder();

// `isWellFormed` is in Node 20+, Deno, Bun, workerd and current browsers; Node 18 needs the regex.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const wellFormed =
  typeof ''.isWellFormed === 'function' ? (text) => text.isWellFormed() : (text) => !LONE_SURROGATE.test(text);

/**
 * UTF-8 bytes of `text`. A lone surrogate becomes U+FFFD, as TextEncoder and every Fetch body
 * write it, unless `strict`: then the result is `undefined`. (One function, not two: wasm-bindgen
 * 0.2.130 imports each direct import of a snippet under its own name, and esbuild warns about the
 * duplicate key that makes.)
 */
export function utf8(text, strict) {
  return strict && !wellFormed(text) ? undefined : encoder.encode(text);
}
