// Hostile input through every export: each call returns normally or throws a typed error
// (a HooksealError subclass, TypeError or RangeError) within a bounded time, never anything else,
// never a trap; and afterwards the same module instance still verifies the Standard Webhooks
// vector. The inputs are what an attacker or a confused caller hands over: huge, deep, sparse,
// malformed, of the wrong type, null and undefined, proxies, throwing getters and toJSON,
// detached buffers, lone surrogates.
import test from 'node:test';
import assert from 'node:assert/strict';
import * as hs from 'hookseal';
import vectors from './vectors.cjs';

const STANDARD = vectors.vectors.find((v) => v.scheme === 'standard');

// Generous: a superlinear path on these sizes takes minutes; a loaded machine, a second.
const SLOW_MS = 5000;

function hostileValues() {
  const deep = (n, make) => {
    let v = 1;
    for (let i = 0; i < n; i++) v = make(v);
    return v;
  };
  const cycle = { a: 1 };
  cycle.self = cycle;
  const throwing = {};
  Object.defineProperty(throwing, 'scheme', { enumerable: true, get() { throw new Error('getter'); } });
  Object.defineProperty(throwing, 'webhook-signature', { enumerable: true, get() { throw new Error('getter'); } });
  const detached = new ArrayBuffer(16);
  structuredClone(detached, { transfer: [detached] });
  const detachedView = new Uint8Array(new ArrayBuffer(8));
  structuredClone(detachedView.buffer, { transfer: [detachedView.buffer] });
  const proxyThrows = new Proxy({}, {
    get() { throw new Error('proxy get'); },
    has() { throw new Error('proxy has'); },
    ownKeys() { throw new Error('proxy ownKeys'); },
    getOwnPropertyDescriptor() { throw new Error('proxy descriptor'); },
  });
  const proxyEmpty = new Proxy({}, {});
  const sparse = [];
  sparse.length = 2 ** 30;
  return [
    undefined, null, true, false, 0, -0, NaN, Infinity, -1, 2 ** 53 + 2, 1e308, 10n, Symbol('s'),
    '', ' ', '\ud800', 'a\udc00b', '\u0000', 'x'.repeat(1 << 20), '{'.repeat(100000), '['.repeat(100000),
    '{"a":1,"a":2}', 'not json', '"\\ud800"', '1e400', 'https://[::1]/', 'http://localhost/', 'whsec_', 'whsec_!!!',
    'standard', 'custom', '__proto__', 'constructor',
    {}, [], [[]], [null], [undefined], { __proto__: null }, Object.create({ inherited: 1 }),
    deep(100000, (v) => [v]), deep(100000, (v) => ({ v })), deep(200, (v) => ({ v })),
    Object.fromEntries(Array.from({ length: 200000 }, (_, i) => [`k${i}`, i])),
    new Array(2 ** 28), sparse, cycle, throwing, proxyThrows, proxyEmpty,
    { toJSON() { throw new Error('toJSON'); } }, { toJSON: () => cycle }, { toJSON: () => 10n },
    () => 1, new Date(NaN), new Map([['a', 1]]), new Set([1]), /re/, new Error('e'),
    new Uint8Array(0), new Uint8Array([0xff, 0xfe]), new Uint16Array([0xd800]), new DataView(new ArrayBuffer(4)),
    new ArrayBuffer(0), detached, detachedView, new Uint8Array(1 << 20),
    { scheme: 'standard', secret: null }, { scheme: 'standard', secret: 'whsec_' + 'A'.repeat(100000) },
    { scheme: { signatureHeader: '__proto__', encoding: 'hex' }, secret: 'x' },
    { scheme: { signatureHeader: 'x', encoding: 'hex', template: '{'.repeat(5000) }, secret: 'x' },
    { scheme: 'standard', secrets: Array(1000).fill('whsec_AAAA') },
    { scheme: 'standard', secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', toleranceSeconds: -1, limits: { payloadBytes: -1 } },
    { type: 'string', pattern: '(a*)*b' }, { $ref: '#' }, { type: 'object', required: Array(100000).fill('a') },
    { 'webhook-id': ['a', ['b']], 'webhook-signature': 'v1,' + 'A'.repeat(100000) },
    new Headers([['webhook-signature', 'v1,x']]),
    Array.from({ length: 5000 }, (_, i) => [`x-${i}`, 'v']),
  ];
}

function typed(e) {
  return e instanceof hs.HooksealError || e instanceof TypeError || e instanceof RangeError;
}

async function call(label, fn) {
  const start = performance.now();
  try {
    const out = fn();
    if (out && typeof out.then === 'function') await out;
  } catch (e) {
    assert.ok(typed(e), `${label}: threw an untyped ${e?.constructor?.name}: ${e?.message}`);
  }
  const ms = performance.now() - start;
  assert.ok(ms < SLOW_MS, `${label}: took ${ms.toFixed(0)} ms`);
}

const secret = STANDARD.secret;
const good = {
  options: { scheme: 'standard', secret },
  payload: STANDARD.payload,
  headers: STANDARD.headers,
};

test('every export ends hostile input in a typed error, in bounded time, and the instance survives', async () => {
  const values = hostileValues();
  const verifier = new hs.Verifier({ ...good.options, toleranceSeconds: 0 });
  const signer = new hs.Signer(good.options);
  const webhook = new hs.Webhook(secret);
  const compiled = hs.compileSchema('talkover');
  let calls = 0;
  for (const [i, bad] of values.entries()) {
    const shapes = [
      ['new Verifier(bad)', () => new hs.Verifier(bad)],
      ['Verifier.verify(bad payload)', () => verifier.verify(bad, good.headers)],
      ['Verifier.verify(bad headers)', () => verifier.verify(good.payload, bad)],
      ['Verifier.verify(bad options)', () => verifier.verify(good.payload, good.headers, bad)],
      ['Verifier.verifyAsync(bad payload)', () => verifier.verifyAsync(bad, good.headers)],
      ['new Signer(bad)', () => new hs.Signer(bad)],
      ['Signer.sign(bad payload)', () => signer.sign(bad)],
      ['Signer.sign(bad options)', () => signer.sign(good.payload, bad)],
      ['Signer.signAsync(bad payload)', () => signer.signAsync(bad)],
      ['new Webhook(bad)', () => new hs.Webhook(bad)],
      ['new Webhook(secret, bad)', () => new hs.Webhook(secret, bad)],
      ['Webhook.verify(bad, headers)', () => webhook.verify(bad, good.headers)],
      ['Webhook.verify(payload, bad)', () => webhook.verify(good.payload, bad)],
      ['Webhook.sign(bad, date, payload)', () => webhook.sign(bad, new Date(), good.payload)],
      ['Webhook.sign(id, bad, payload)', () => webhook.sign('msg_1', bad, good.payload)],
      ['generateSecret(bad)', () => hs.generateSecret(bad)],
      ['canonicalize(bad)', () => hs.canonicalize(bad)],
      ['canonicalizeValue(bad)', () => hs.canonicalizeValue(bad)],
      ['validateConfig(bad, {})', () => hs.validateConfig(bad, {})],
      ['validateConfig(talkover, bad)', () => hs.validateConfig('talkover', bad)],
      ['validateConfig(talkover, {}, bad)', () => hs.validateConfig('talkover', {}, bad)],
      ['validateConfigJson(talkover, bad)', () => hs.validateConfigJson('talkover', bad)],
      ['validateConfigJson(bad, text)', () => hs.validateConfigJson(bad, '{}')],
      ['compileSchema(bad)', () => hs.compileSchema(bad)],
      ['CompiledSchema.validate(bad)', () => compiled.validate(bad)],
      ['CompiledSchema.validateJson(bad)', () => compiled.validateJson(bad)],
      ['checkWebhookUrl(bad)', () => hs.checkWebhookUrl(bad)],
      ['checkWebhookUrl(url, bad)', () => hs.checkWebhookUrl('https://example.com/', bad)],
      ['diagnose(bad, payload, headers)', () => hs.diagnose(bad, good.payload, good.headers)],
      ['diagnose(options, bad, headers)', () => hs.diagnose(good.options, bad, good.headers)],
      ['diagnose(options, payload, bad)', () => hs.diagnose(good.options, good.payload, bad)],
      ['planDelivery(bad)', () => hs.planDelivery(bad)],
      ['planDelivery({ configJson: bad })', () => hs.planDelivery({ ...good.options, schema: 'talkover', event: 'e', body: '{}', configJson: bad })],
      ['retrySchedule(bad)', () => hs.retrySchedule(bad)],
      ['classifyAttempt(bad)', () => hs.classifyAttempt(bad)],
      ['checkResolvedAddress(bad)', () => hs.checkResolvedAddress(bad)],
    ];
    for (const [label, fn] of shapes) {
      await call(`${label} with hostile value #${i}`, fn);
      calls++;
    }
  }
  assert.ok(calls > 2000, `${calls} calls`);
  // The same instance still works: the Standard Webhooks vector verifies.
  assert.equal(new hs.Verifier({ ...good.options, toleranceSeconds: 0 }).verify(good.payload, good.headers).secretIndex, 0);
  assert.equal(verifier.verify(good.payload, good.headers).secretIndex, 0);
});
