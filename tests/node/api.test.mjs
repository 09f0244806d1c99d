// The package through `import` (ES modules): vectors, every HeadersLike form, error codes, options.
import test from 'node:test';
import assert from 'node:assert/strict';
import * as hookseal from 'hookseal';
import vectorsModule from './vectors.cjs';

const { Verifier, Signer, Webhook, generateSecret, WebhookVerificationError, HooksealError } = hookseal;
const { vectors, checkVectors } = vectorsModule;

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const std = vectors.find((v) => v.scheme === 'standard');
const NOW = std.timestamp;

/** Asserts that `fn` throws a hookseal error with `code`. */
function throwsCode(fn, code, Class = WebhookVerificationError) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof Class, `expected ${Class.name}, got ${e?.name}: ${e?.message}`);
    assert.equal(e.code, code, e.message);
    return true;
  });
}

test('published vectors verify and re-sign (ESM)', () => checkVectors(hookseal, assert));

test('verify returns exactly { scheme, id?, timestamp?, secretIndex }', () => {
  const standard = new Verifier({ scheme: 'standard', secret: SECRET }).verify(std.payload, std.headers, { now: NOW });
  assert.deepStrictEqual(standard, { scheme: 'standard', id: std.headers['webhook-id'], timestamp: NOW, secretIndex: 0 });
  assert.deepStrictEqual(Object.keys(standard), ['scheme', 'id', 'timestamp', 'secretIndex']);
  // GitHub signs neither an id nor a timestamp: the keys are absent, not undefined.
  const secrets = ['old', 'new'];
  const headers = new Signer({ scheme: 'github', secret: 'new' }).sign('{}');
  const github = new Verifier({ scheme: 'github', secrets }).verify('{}', headers);
  assert.deepStrictEqual(github, { scheme: 'github', secretIndex: 1 });
  assert.deepStrictEqual(Object.keys(github), ['scheme', 'secretIndex']);
  // A custom scheme reports itself as `custom`, with the timestamp it signs.
  const custom = { signatureHeader: 'x-sig', encoding: 'hex', template: '{timestamp}.{body}', timestampHeader: 'x-ts' };
  const signed = new Signer({ scheme: custom, secret: 's' }).sign('{}', { timestamp: 1700000000 });
  assert.deepStrictEqual(new Verifier({ scheme: custom, secret: 's', toleranceSeconds: 0 }).verify('{}', signed),
    { scheme: 'custom', timestamp: 1700000000, secretIndex: 0 });
});

test('every HeadersLike form', () => {
  const verifier = new Verifier({ scheme: 'standard', secret: SECRET });
  const h = std.headers;
  const upper = Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toUpperCase(), v]));
  const mixed = { 'Webhook-Id': h['webhook-id'], 'WEBHOOK-timestamp': h['webhook-timestamp'], 'webhook-Signature': h['webhook-signature'] };
  const nodeStyle = { ...h, 'webhook-signature': ['v1,AAAA', h['webhook-signature']], 'x-forwarded-for': undefined };
  const svix = Object.fromEntries(Object.entries(h).map(([k, v]) => [k.replace('webhook-', 'svix-'), v]));
  const forms = {
    'plain object': h,
    'upper-case object': upper,
    'mixed-case object': mixed,
    'Node IncomingHttpHeaders (array values)': nodeStyle,
    'svix-* names': svix,
    'WHATWG Headers': new Headers(h),
    'Headers with a repeated signature header': (() => { const x = new Headers(h); x.append('webhook-signature', 'v1,AAAA'); return x; })(),
    Map: new Map(Object.entries(h)),
    'array of pairs': Object.entries(h),
  };
  for (const [name, headers] of Object.entries(forms)) {
    const got = verifier.verify(std.payload, headers, { now: NOW });
    assert.equal(got.id, std.id, name);
  }
  assert.throws(() => verifier.verify(std.payload, null, { now: NOW }), TypeError);
  assert.throws(() => verifier.verify(std.payload, 'webhook-id: x', { now: NOW }), TypeError);
});

test('HeadersLike edge cases: value types, malformed entries, limits, odd characters', () => {
  const verifier = new Verifier({ scheme: 'standard', secret: SECRET });
  const h = std.headers;
  const ok = (headers, what) => assert.equal(verifier.verify(std.payload, headers, { now: NOW }).secretIndex, 0, what);
  const typeError = (headers, pattern, what) =>
    assert.throws(() => verifier.verify(std.payload, headers, { now: NOW }), (e) => e instanceof TypeError && pattern.test(e.message), what);
  const WRONG = /^headers must be a Headers, a Map, an array of \[name, value\] pairs or a plain object$/;
  const BAD_VALUE = /^header values must be strings \(or arrays of strings\)$/;
  // A number is written as String(n); null, undefined and array holes are skipped.
  ok({ ...h, 'webhook-timestamp': NOW }, 'number value');
  ok({ ...h, 'x-empty': null, 'x-missing': undefined, 'webhook-signature': [undefined, h['webhook-signature'], null] }, 'skipped values');
  ok([...Object.entries(h), ['x-lonely']], 'a pair without a value');
  ok(function* () { yield* Object.entries(h); }(), 'any iterable of pairs');
  // Anything else is a TypeError, whatever the position.
  typeError({ ...h, 'x-flag': true }, BAD_VALUE, 'boolean value');
  typeError({ ...h, 'x-object': {} }, BAD_VALUE, 'object value');
  typeError({ ...h, 'x-nested': [['a']] }, BAD_VALUE, 'nested array value');
  typeError([...Object.entries(h), [1, 'x']], WRONG, 'a non-string name');
  typeError([...Object.entries(h), 'ab'], WRONG, 'an entry that is a string');
  typeError([...Object.entries(h), null], WRONG, 'a null entry');
  typeError({ [Symbol.iterator]() { throw new Error('boom'); } }, WRONG, 'an iterator that throws');
  typeError(() => h, WRONG, 'a function');
  typeError(42, WRONG, 'a number');
  // At most 1000 entries by default (`limits.headerCount`): a request with more is refused.
  const filler = Array.from({ length: 1000 }, (_, i) => [`x-filler-${i}`, 'v']);
  const [signature, ...others] = [['webhook-signature', h['webhook-signature']], ...Object.entries(h).filter(([k]) => k !== 'webhook-signature')];
  // The signature as entry 1001.
  throwsCode(() => verifier.verify(std.payload, [...others, ...filler.slice(others.length), signature], { now: NOW }), 'too_many_headers');
  ok([...filler.slice(Object.keys(h).length), ...Object.entries(h)], 'exactly 1000 entries');
  // Line feeds and lone surrogates in a hand-built object do not shift other headers.
  ok({ 'x-a\nwebhook-id': 'evil', 'x-b': 'line\nfeed', 'x-c': '\ud800', ...h }, 'odd characters elsewhere');
  throwsCode(() => verifier.verify(std.payload, { ...h, 'webhook-id': `${h['webhook-id']}\n` }, { now: NOW }), 'no_matching_signature');
});

test('every payload form, and a parsed object is a TypeError', () => {
  const verifier = new Verifier({ scheme: 'standard', secret: SECRET });
  const bytes = new TextEncoder().encode(std.payload);
  for (const payload of [std.payload, bytes, Buffer.from(std.payload), bytes.buffer, new DataView(bytes.buffer)]) {
    assert.equal(verifier.verify(payload, std.headers, { now: NOW }).secretIndex, 0);
  }
  const sub = new Uint8Array(bytes.length + 4);
  sub.set(bytes, 2);
  assert.equal(verifier.verify(sub.subarray(2, 2 + bytes.length), std.headers, { now: NOW }).secretIndex, 0);
  assert.throws(() => verifier.verify(JSON.parse(std.payload), std.headers, { now: NOW }),
    (e) => e instanceof TypeError && /raw/.test(e.message));
});

test('error codes', () => {
  const verifier = new Verifier({ scheme: 'standard', secret: SECRET });
  const h = std.headers;
  const without = (name) => Object.fromEntries(Object.entries(h).filter(([k]) => k !== name));
  throwsCode(() => verifier.verify(std.payload, without('webhook-id'), { now: NOW }), 'missing_header');
  throwsCode(() => verifier.verify(std.payload, without('webhook-signature'), { now: NOW }), 'missing_header');
  throwsCode(() => verifier.verify(std.payload, { ...h, 'webhook-signature': 'garbage' }, { now: NOW }), 'malformed_header');
  throwsCode(() => verifier.verify(std.payload, { ...h, 'webhook-timestamp': 'soon' }, { now: NOW }), 'invalid_timestamp');
  throwsCode(() => verifier.verify(std.payload, h, { now: NOW + 301 }), 'timestamp_too_old');
  throwsCode(() => verifier.verify(std.payload, h, { now: NOW - 301 }), 'timestamp_too_new');
  assert.equal(verifier.verify(std.payload, h, { now: NOW + 300 }).secretIndex, 0);
  throwsCode(() => verifier.verify(std.payload + ' ', h, { now: NOW }), 'no_matching_signature');
  throwsCode(() => verifier.verify(std.payload, { ...h, 'webhook-signature': 'v1,' }, { now: NOW }), 'no_matching_signature');
  throwsCode(() => new Verifier({ scheme: 'standard', secret: 'whsec_***' }), 'invalid_secret');
  throwsCode(() => new Verifier({ scheme: 'standard', secret: '' }), 'invalid_secret');
  throwsCode(() => new Verifier({ scheme: 'standard' }), 'invalid_secret');
  throwsCode(() => new Verifier({ scheme: 'nope', secret: 'x' }), 'invalid_scheme');
  throwsCode(() => new Verifier({ scheme: 'square', secret: 'x' }), 'invalid_scheme');
  throwsCode(() => new Verifier({ scheme: 'github', secret: 'x', toleranceSeconds: -1 }), 'invalid_options');
  throwsCode(() => new Signer({ scheme: 'standard', secret: SECRET }).sign('x', { id: 'has space' }), 'invalid_options');
  throwsCode(() => new Webhook(SECRET).verify('not json', new Signer({ scheme: 'standard', secret: SECRET }).sign('not json')), 'invalid_payload');
  assert.throws(() => new Verifier('standard'), TypeError);
  assert.throws(() => new Verifier({ scheme: 'github', secret: 'x', canonical: 'yes' }), TypeError);
  assert.throws(() => hookseal.checkWebhookUrl('https://example.com', { allowHttp: 1 }), TypeError);
});

test('messages never contain the secret', async () => {
  const { inspect } = await import('node:util');
  // A marker no message has a reason to hold: the base64 of a secret, and that secret as text.
  const canary = 'aG9va3NlYWwtY2FuYXJ5LWtleQ'; // "hookseal-canary-key"
  const leaks = (text) => text.includes(canary) || text.includes('hookseal-canary-key') || text.includes('canary');
  const thrown = [];
  const refused = (what, fn) => {
    try { fn(); } catch (e) { thrown.push([what, e]); return; }
    assert.fail(`${what}: accepted`);
  };
  // Secrets in every invalid form, alone and behind valid ones, for every key encoding.
  for (const secret of [`whsec_${canary}!`, `whsec_${canary}=x`, `${canary}\n`, `whsec_${canary} ${canary}`]) {
    refused(`standard secret ${secret}`, () => new Verifier({ scheme: 'standard', secret }));
    refused(`third standard secret ${secret}`, () => new Signer({ scheme: 'standard', secrets: [SECRET, SECRET, secret] }));
  }
  const custom = (secretEncoding) => ({ signatureHeader: 'x-sig', encoding: 'hex', secretEncoding });
  refused('hex secret', () => new Signer({ scheme: custom('hex'), secret: `${canary}zz` }));
  refused('base64 secret', () => new Verifier({ scheme: custom('base64'), secret: `${canary}*` }));
  // Headers carrying the secret where a signature, a timestamp or an id belongs.
  const secret = `canary-${canary}`;
  const github = new Verifier({ scheme: 'github', secret });
  for (const value of [secret, `sha256=${secret}`, `sha1=${secret}`, `sha256=00 ${secret}`]) {
    refused(`signature header ${value}`, () => github.verify('x', { 'x-hub-signature-256': value }));
  }
  const standard = new Verifier({ scheme: 'standard', secret: SECRET });
  const forged = [['webhook-timestamp', secret], ['webhook-id', secret], ['webhook-signature', `v1,${secret}`]];
  for (const [name, value] of forged) {
    refused(`${name} ${value}`, () => standard.verify(std.payload, { ...std.headers, [name]: value }, { now: NOW }));
  }
  refused('wrong secret', () => github.verify('x', new Signer({ scheme: 'github', secret: 'other' }).sign('x')));
  // Everything a program may log: the errors, and the objects that hold the secret.
  assert.equal(thrown.length, 18);
  for (const [what, e] of thrown) {
    assert.ok(e instanceof HooksealError, `${what}: ${e}`);
    for (const text of [e.message, String(e), e.stack ?? '', inspect(e, { depth: 4, showHidden: true })]) {
      assert.ok(!leaks(text), `${what}: ${text}`);
    }
  }
  for (const object of [github, new Signer({ scheme: 'github', secret })]) {
    for (const text of [String(object), inspect(object, { depth: 4, showHidden: true }), JSON.stringify(object) ?? '']) {
      assert.ok(!leaks(text), text);
    }
  }
});

test('rotation: secretIndex and one signature per secret', () => {
  const oldSecret = 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD';
  const signed = new Signer({ scheme: 'standard', secret: oldSecret }).sign('{}', { timestamp: NOW });
  const verifier = new Verifier({ scheme: 'standard', secrets: [SECRET, oldSecret] });
  assert.equal(verifier.verify('{}', signed, { now: NOW }).secretIndex, 1);
  const both = new Signer({ scheme: 'standard', secrets: [SECRET, oldSecret] }).sign('{}', { timestamp: NOW });
  assert.equal(both['webhook-signature'].split(' ').length, 2);
  assert.equal(new Verifier({ scheme: 'standard', secret: oldSecret }).verify('{}', both, { now: NOW }).secretIndex, 0);
});

test('sign: generated ids, default timestamp, lower-case header names, raw secrets', () => {
  const signer = new Signer({ scheme: 'standard', secret: SECRET });
  const a = signer.sign('{}');
  const b = signer.sign('{}');
  assert.match(a['webhook-id'], /^msg_[A-Za-z0-9]{24}$/);
  assert.notEqual(a['webhook-id'], b['webhook-id']);
  assert.ok(Math.abs(Number(a['webhook-timestamp']) - Date.now() / 1000) < 5);
  assert.equal(new Verifier({ scheme: 'standard', secret: SECRET }).verify('{}', a).id, a['webhook-id']);
  const custom = { signatureHeader: 'X-JuriChat-Signature', encoding: 'hex', prefix: 'sha256=', template: '{timestamp}.{body}', timestampHeader: 'X-JuriChat-Timestamp' };
  const h = new Signer({ scheme: custom, secret: 'jc' }).sign('{}', { timestamp: NOW });
  assert.deepEqual(Object.keys(h), ['x-jurichat-timestamp', 'x-jurichat-signature']);
  assert.match(h['x-jurichat-signature'], /^sha256=[0-9a-f]{64}$/);
  assert.equal(new Verifier({ scheme: custom, secret: 'jc' }).verify('{}', h, { now: NOW }).timestamp, NOW);
  throwsCode(() => new Signer({ scheme: { ...custom, timestampHeader: undefined }, secret: 'x' }), 'invalid_scheme');
  const key = crypto.getRandomValues(new Uint8Array(32));
  const raw = new Signer({ scheme: 'standard', secret: key }).sign('{}', { timestamp: NOW });
  const asText = 'whsec_' + Buffer.from(key).toString('base64');
  assert.equal(new Verifier({ scheme: 'standard', secret: asText }).verify('{}', raw, { now: NOW }).secretIndex, 0);
});

test('generateSecret formats', () => {
  assert.match(generateSecret(), /^whsec_[A-Za-z0-9+/]{43}=$/);
  assert.equal(Buffer.from(generateSecret().slice(6), 'base64').length, 32);
  assert.match(generateSecret({ format: 'hex', bytes: 24 }), /^[0-9a-f]{48}$/);
  assert.equal(Buffer.from(generateSecret({ format: 'base64', bytes: 64 }), 'base64').length, 64);
  assert.notEqual(generateSecret(), generateSecret());
  throwsCode(() => generateSecret({ bytes: 8 }), 'invalid_options');
  throwsCode(() => generateSecret({ format: 'pem' }), 'invalid_options');
});

test('free() and Symbol.dispose release the instance', () => {
  const v = new Verifier({ scheme: 'github', secret: 'x' });
  v.free();
  assert.throws(() => v.verify('x', { 'x-hub-signature-256': 'sha256=00' }));
  assert.equal(typeof Verifier.prototype[Symbol.dispose], Symbol.dispose ? 'function' : 'undefined');
});

test('Webhook is a drop-in for the standardwebhooks class', () => {
  const wh = new Webhook(SECRET);
  assert.equal(wh.sign(std.id, new Date(NOW * 1000), std.payload), std.headers['webhook-signature']);
  const fresh = new Signer({ scheme: 'standard', secret: SECRET }).sign(std.payload);
  assert.deepEqual(wh.verify(std.payload, fresh), JSON.parse(std.payload));
  assert.equal(wh.verify('', new Signer({ scheme: 'standard', secret: SECRET }).sign('')), undefined);
  const rawKey = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
  const viaRaw = new Webhook(rawKey, { format: 'raw' }).sign('m', new Date(0), 'p');
  assert.equal(new Webhook('whsec_' + Buffer.from(rawKey).toString('base64')).sign('m', new Date(0), 'p'), viaRaw);
  assert.throws(() => wh.verify(std.payload, std.headers), (e) => e instanceof HooksealError && e.code === 'timestamp_too_old');
});
