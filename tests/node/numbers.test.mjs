// hookseal/config's wasm reads long decimals and writes non-integer doubles with the host's
// `Number(text)` and `String(n)` (feature `host-numbers`), where the other entries use their own
// Rust (correcting bignum comparisons, ryu-js). Both must give the same numbers: the published
// ECMAScript number vectors (tests/vectors/jcs, from RFC 8785's reference data) and decimals
// around and far beyond a double's precision, through every path that reads or writes a number.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import * as full from 'hookseal';
import * as config from 'hookseal/config';

const VECTORS = new URL('../vectors/jcs/numbers/es6testfile10k.txt', import.meta.url);

/** The 10,000 doubles of the vector file, each with the text ECMAScript writes for it. */
function vectors() {
  const out = [];
  for (const line of readFileSync(VECTORS, 'utf8').split('\n')) {
    if (!line) continue;
    const [hex, text] = line.split(',');
    const view = new DataView(new ArrayBuffer(8));
    view.setBigUint64(0, BigInt(`0x${hex}`));
    const n = view.getFloat64(0);
    if (Number.isFinite(n)) out.push([n, text]);
  }
  return out;
}

let seed = 0x2545f491;
function next() {
  seed ^= seed << 13; seed >>>= 0;
  seed ^= seed >>> 17;
  seed ^= seed << 5; seed >>>= 0;
  return seed;
}
const digits = (n) => Array.from({ length: n }, () => String(next() % 10)).join('');

/** Decimals that Clinger's fast path cannot read: 17 to 40 significant digits, 800 and more, the
 * halfway points between neighbouring doubles and exponents at the ends of the range. */
function hardDecimals() {
  const out = [];
  for (let i = 0; i < 2000; i++) {
    const exponent = (next() % 638) - 330;
    out.push(`${1 + (next() % 9)}.${digits(16 + (next() % 24))}e${exponent}`);
  }
  for (let i = 0; i < 20; i++) out.push(`0.${digits(850)}`, `1${digits(899)}e-880`);
  // 2^-1074 and 2^1023 with their halfway neighbours, and past both ends.
  out.push('4.9406564584124654e-324', '2.4703282292062327e-324', '2.4703282292062328e-324',
    '8.98846567431158e307', '1.7976931348623157e308', '1.7976931348623158e308', '1e-400', '0.1e-9999');
  out.push('9007199254740993', '9007199254740993.0000000001', '0.30000000000000004', '123456789012345678901234567890');
  return out;
}

test('the config entry reads every number as the full entry and JSON.parse do', () => {
  const texts = [...vectors().map(([, text]) => text), ...hardDecimals()];
  const text = `[${texts.join(',')}]`;
  const expected = JSON.parse(text);
  const ours = config.compileSchema({}).validateJson(text);
  const theirs = full.compileSchema({}).validateJson(text);
  assert.deepEqual(ours.errors, []);
  assert.equal(ours.value.length, expected.length);
  for (let i = 0; i < expected.length; i++) {
    assert.ok(Object.is(ours.value[i], expected[i]), `${texts[i]}: ${ours.value[i]} vs ${expected[i]}`);
    assert.ok(Object.is(theirs.value[i], expected[i]), `full: ${texts[i]}`);
  }
});

test('a number past a double\'s range is number_out_of_range in both entries', () => {
  for (const text of ['[1e400]', '[-2e308]', `[${digits(400)}]`]) {
    const [ours, theirs] = [config, full].map((entry) => entry.compileSchema({}).validateJson(text));
    assert.equal(ours.valid, false, text);
    assert.deepEqual(ours.errors, theirs.errors, text);
  }
});

test('the config entry writes every number as ECMAScript does, in results and in messages', () => {
  const all = vectors();
  // Values cross to the wasm as JSON.stringify text (which writes -0 as 0) and come back as the
  // wasm's JSON text.
  const result = config.compileSchema({}).validate(all.map(([n]) => n));
  for (let i = 0; i < all.length; i++) assert.ok(Object.is(result.value[i], all[i][0] || 0), all[i][1]);
  // Messages and params print the bound with the wasm's own writer.
  for (const [n, text] of all.filter((_, i) => i % 20 === 0)) {
    const above = n + Math.abs(n) + 1;
    if (!Number.isFinite(above)) continue;
    const [ours, theirs] = [config, full].map((entry) => entry.compileSchema({ maximum: n }).validate(above));
    assert.equal(ours.errors[0].message, `must be <= ${text}`);
    assert.deepEqual(ours.errors, theirs.errors);
  }
  // The provider styles word their own messages around the same numbers.
  for (const style of ['laravel', 'jelou']) {
    const schema = { type: 'object', properties: { n: { type: 'number', exclusiveMaximum: 0.30000000000000004 } } };
    const [ours, theirs] = [config, full].map((entry) => entry.compileSchema(schema, { errorStyle: style }).validate({ n: 1.5e-7 + 1 }));
    assert.deepEqual(ours, theirs, style);
    assert.match(JSON.stringify(ours), /0\.30000000000000004/);
  }
});
