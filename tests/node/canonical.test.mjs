// RFC 8785 through the JavaScript API: the published vectors, agreement with npm `canonicalize`
// on thousands of random values, error codes, and canonical-mode signatures that survive
// JSON.parse + JSON.stringify(…, null, 2).
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import npmCanonicalize from 'canonicalize';
import {
  canonicalize, canonicalizeValue, Signer, Verifier, generateSecret,
  CanonicalizationError, WebhookVerificationError,
} from 'hookseal';

const jcs = new URL('../vectors/jcs/', import.meta.url);

function throwsCode(fn, code, Class = CanonicalizationError) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof Class, `expected ${Class.name}, got ${e?.name}: ${e?.message}`);
    assert.equal(e.code, code, e.message);
    return true;
  });
}

test('every jcs/input file canonicalizes to jcs/output, from a string and from bytes', () => {
  const files = readdirSync(new URL('input/', jcs));
  assert.ok(files.length >= 6);
  for (const name of files) {
    const input = readFileSync(new URL(`input/${name}`, jcs));
    const expected = readFileSync(new URL(`output/${name}`, jcs), 'utf8');
    assert.equal(canonicalize(input.toString('utf8')), expected, name);
    assert.equal(canonicalize(new Uint8Array(input)), expected, name);
    assert.equal(canonicalizeValue(JSON.parse(input.toString('utf8'))), expected, name);
  }
  const sortIn = readFileSync(new URL('rfc8785-sort-input.json', jcs), 'utf8');
  assert.equal(canonicalize(sortIn), readFileSync(new URL('rfc8785-sort-output.json', jcs), 'utf8'));
});

test('RFC 8785 Appendix B through the value API, NaN and Infinity refused', () => {
  const rows = readFileSync(new URL('rfc8785-appendix-b.csv', jcs), 'utf8').trim().split('\n');
  let checked = 0;
  for (const row of rows) {
    const [hex, expected] = row.split(',');
    if (!/^[0-9a-f]{16}$/i.test(hex)) continue; // header line
    const n = new DataView(new BigUint64Array([BigInt('0x' + hex)]).buffer).getFloat64(0, true);
    if (expected === '' || expected === undefined) throwsCode(() => canonicalizeValue(n), 'number_out_of_range');
    else assert.equal(canonicalizeValue(n), expected, hex);
    checked++;
  }
  assert.ok(checked >= 20, `checked ${checked}`);
});

/** Random JSON values; strings include astral characters and escapes npm canonicalize must handle. */
function rng(seed) {
  let s = seed >>> 0;
  return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32; };
}
const CHARS = ['a', 'B', 'é', '\u00ff', '\u0100', '€', '\ue000', '\uffff', '😀', '\u{10ffff}', '"', '\\', '/', '\n', '\u0001', '\u007f', '\u2028', ' '];
function randomString(rand) {
  let s = '';
  for (let i = Math.floor(rand() * 8); i > 0; i--) s += CHARS[Math.floor(rand() * CHARS.length)];
  return s;
}
function randomNumber(rand) {
  const kinds = [
    () => Math.floor(rand() * 2000) - 1000,
    () => (rand() - 0.5) * 10 ** Math.floor(rand() * 40 - 20),
    () => 10 ** Math.floor(rand() * 600 - 300) * rand(),
    () => -0,
    () => Number.MAX_SAFE_INTEGER + Math.floor(rand() * 100),
    () => new DataView(crypto.getRandomValues(new Uint8Array(8)).buffer).getFloat64(0),
  ];
  const n = kinds[Math.floor(rand() * kinds.length)]();
  return Number.isFinite(n) ? n : 0;
}
function randomValue(rand, depth = 0) {
  const r = rand();
  if (depth > 4 || r < 0.35) {
    const leaf = Math.floor(rand() * 5);
    return [null, true, false, randomString(rand), randomNumber(rand)][leaf];
  }
  if (r < 0.65) return Array.from({ length: Math.floor(rand() * 5) }, () => randomValue(rand, depth + 1));
  const o = {};
  for (let i = Math.floor(rand() * 6); i > 0; i--) o[randomString(rand)] = randomValue(rand, depth + 1);
  return o;
}

test('agrees with npm canonicalize on 5000 random values, as values and as re-serialized text', () => {
  const rand = rng(8785);
  for (let i = 0; i < 5000; i++) {
    const value = randomValue(rand);
    const expected = npmCanonicalize(value);
    assert.equal(canonicalizeValue(value), expected, `value ${i}`);
    assert.equal(canonicalize(JSON.stringify(value, null, i % 3)), expected, `text ${i}`);
    assert.equal(canonicalize(expected), expected, `idempotent ${i}`);
  }
});

test('error codes', () => {
  throwsCode(() => canonicalize('{"a":1,"a":2}'), 'duplicate_key');
  throwsCode(() => canonicalize('{"x":{"a":1,"\\u0061":2}}'), 'duplicate_key');
  throwsCode(() => canonicalize('["\\ud800"]'), 'lone_surrogate');
  throwsCode(() => canonicalize('["\ud800"]'), 'lone_surrogate');
  throwsCode(() => canonicalizeValue({ s: 'a\udc00b' }), 'lone_surrogate');
  throwsCode(() => canonicalize(new Uint8Array([0x22, 0xff, 0x22])), 'invalid_utf8');
  throwsCode(() => canonicalize('[1,]'), 'invalid_json');
  throwsCode(() => canonicalize('1e400'), 'number_out_of_range');
  throwsCode(() => canonicalize('['.repeat(129) + ']'.repeat(129)), 'too_deep');
  assert.equal(canonicalize('['.repeat(128) + ']'.repeat(128)), '['.repeat(128) + ']'.repeat(128));
  throwsCode(() => canonicalize('['.repeat(100000)), 'too_deep');
  for (const bad of [NaN, Infinity, -Infinity]) throwsCode(() => canonicalizeValue([bad]), 'number_out_of_range');
  throwsCode(() => canonicalizeValue({ f() {} }), 'unsupported_value');
  throwsCode(() => canonicalizeValue([Symbol('s')]), 'unsupported_value');
  throwsCode(() => canonicalizeValue({ n: 10n }), 'unsupported_value');
  throwsCode(() => canonicalizeValue(undefined), 'unsupported_value');
  const cycle = { a: [] };
  cycle.a.push(cycle);
  throwsCode(() => canonicalizeValue(cycle), 'circular_reference');
  assert.throws(() => canonicalize({ a: 1 }), TypeError);
  // Shared references are not cycles; toJSON is honoured; undefined members are left out.
  const shared = { x: 1 };
  assert.equal(canonicalizeValue({ b: shared, a: shared }), '{"a":{"x":1},"b":{"x":1}}');
  assert.equal(canonicalizeValue({ d: new Date(0), u: undefined, l: [undefined] }), '{"d":"1970-01-01T00:00:00.000Z","l":[null]}');
});

test('canonical-mode signatures survive JSON.parse + JSON.stringify(…, null, 2) in every scheme', () => {
  const event = { type: 'contact.created', data: { name: 'Zoë 中文 😀', amount: 1.5e21, tiny: 1e-7, list: [3, 2, 1] }, z: null, a: true };
  const sent = JSON.stringify(event);
  const received = JSON.stringify(JSON.parse(sent), null, 2);
  assert.notEqual(sent, received);
  for (const scheme of ['standard', 'stripe', 'github', 'slack', 'shopify', 'square', 'zoom']) {
    const options = { scheme, secret: generateSecret(), notificationUrl: 'https://example.com/h', canonical: true };
    const headers = new Signer(options).sign(sent);
    assert.equal(new Verifier(options).verify(received, headers).secretIndex, 0, scheme);
    // Without canonical mode the re-serialized body does not verify: the raw bytes changed.
    assert.throws(() => new Verifier({ ...options, canonical: false }).verify(received, headers),
      (e) => e.code === 'no_matching_signature');
    // A changed value still fails.
    assert.throws(() => new Verifier(options).verify(received.replace('1.5e+21', '1.5e+20'), headers),
      (e) => e.code === 'no_matching_signature', scheme);
  }
  const options = { scheme: 'standard', secret: generateSecret(), canonical: true };
  const headers = new Signer(options).sign(sent);
  throwsCode(() => new Verifier(options).verify('{"a":1,"a":1}', headers), 'duplicate_key', WebhookVerificationError);
  throwsCode(() => new Verifier(options).verify('not json', headers), 'invalid_json', WebhookVerificationError);
  throwsCode(() => new Signer(options).sign('{"x":NaN}'), 'invalid_json', WebhookVerificationError);
});
