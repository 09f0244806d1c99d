// The MAC paths give byte-identical results: the same package API built over wasm's HMAC alone,
// over node:crypto's one-shot `hash` of HMAC's inner message (the outer hash in Rust), and over
// node:crypto's `createHmac`, on the same random inputs in every preset and in custom schemes
// (signatures, verification results, and every error's code and message), with content around
// the body both shorter and longer than the room the one-shot path lays out for it. And `require`
// and `import` give one module instance.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as glue from '../../pkg/hookseal.js';
import { createApi } from '../../pkg/api.mjs';
import { nodeHost } from '../../pkg/host-node.mjs';

const exports = glue.initSync({ module: readFileSync(new URL('../../pkg/hookseal_bg.wasm', import.meta.url)) });
const wasmOnly = createApi(glue, exports);
const native = createApi(glue, exports, nodeHost(0));
const streaming = createApi(glue, exports, nodeHost(0, { oneShot: false }));
const paths = [['wasm', wasmOnly], ['node:crypto hash', native], ['node:crypto createHmac', streaming]];

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
const ALPHABET = ['a', 'Z', '0', ' ', '"', '\\', '\n', 'é', '中', '😀', '\u2028', '\u0000', '\ud800', '\udfff'];

function randomBody(rand) {
  const length = Math.floor(rand() ** 3 * 5000);
  let text = '';
  for (let i = 0; i < length; i++) text += ALPHABET[Math.floor(rand() * ALPHABET.length)];
  return rand() < 0.5 ? text : new TextEncoder().encode(text);
}

const SCHEMES = [
  ['standard', ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD']],
  ['stripe', ['whsec_test_secret', 'whsec_old']],
  ['github', ['It\u2019s a Secret to Everybody', 'old']],
  ['slack', ['8f742231b10e8888abcd99yyyzzz85a5', 'old']],
  ['shopify', ['hush', 'old']],
  ['zoom', ['zoom-secret', 'old']],
  ['square', ['square-secret', 'old']],
  [{ signatureHeader: 'X-JuriChat-Signature', encoding: 'hex', prefix: 'sha256=', template: '{timestamp}.{body}', timestampHeader: 'X-JuriChat-Timestamp' }, ['juri', 'old']],
  [{ signatureHeader: 'X-Sig', encoding: 'base64', template: '{id}:{body}:{timestamp}', idHeader: 'X-Id', timestampHeader: 'X-Ts' }, ['k', 'old']],
  [{ signatureHeader: 'X-Sig', encoding: 'hex', template: '{body}|{url}', secretEncoding: 'hex' }, ['00ff10', 'abcdef']],
];

const outcome = (fn) => {
  try {
    return { ok: fn() };
  } catch (e) {
    return { name: e.name, code: e.code, message: e.message };
  }
};

test('the wasm and node:crypto MAC paths agree byte for byte', () => {
  const rand = rng(11);
  const NOW = 1_700_000_000;
  // A URL longer than the room left around the body: Square-style content takes createHmac then.
  const longUrl = `https://example.com/${'hook/'.repeat(120)}`;
  assert.ok(longUrl.length > 512);
  for (let round = 0; round < 600; round++) {
    const [scheme, secrets] = SCHEMES[round % SCHEMES.length];
    const notificationUrl = rand() < 0.25 ? longUrl : 'https://example.com/hook';
    const options = { scheme, secrets: rand() < 0.5 ? secrets : [secrets[1], secrets[0]], notificationUrl };
    const body = randomBody(rand);
    const at = NOW + Math.floor(rand() * 600) - 300;
    const id = rand() < 0.2 ? `msg_${'x'.repeat(240)}_${round}` : `msg_${round}`;
    const [wasmHeaders, ...others] = paths.map(([, api]) => new api.Signer(options).sign(body, { id, timestamp: at }));
    for (const [i, headers] of others.entries()) {
      assert.deepEqual(headers, wasmHeaders, `round ${round}: signed headers, ${paths[i + 1][0]}`);
    }
    const verifiers = paths.map(([, api]) => new api.Verifier({ ...options, secrets }));
    const tampered = typeof body === 'string' ? `${body}x` : new Uint8Array([...body, 1]);
    for (const [payload, headers, now] of [
      [body, wasmHeaders, NOW],
      [tampered, wasmHeaders, NOW],
      [body, wasmHeaders, NOW + 10_000],
      [body, {}, NOW],
      [body, Object.fromEntries(Object.entries(wasmHeaders).map(([k, v]) => [k.toUpperCase(), `${v} `])), NOW],
    ]) {
      const [a, ...rest] = verifiers.map((v) => outcome(() => v.verify(payload, headers, { now })));
      for (const [i, b] of rest.entries()) assert.deepEqual(b, a, `round ${round}: verify, ${paths[i + 1][0]}`);
    }
    assert.equal(typeof outcome(() => verifiers[0].verify(body, wasmHeaders, { now: NOW })).ok?.secretIndex, 'number', `round ${round}`);
  }
});

test('both paths refuse the same limits with the same codes', () => {
  for (const [, api] of paths) {
    const signer = new api.Signer({ scheme: 'standard', secret: SCHEMES[0][1][0] });
    const headers = signer.sign('0123456789', { id: 'msg_1', timestamp: 1000 });
    const tight = (limits) => new api.Verifier({ scheme: 'standard', secret: SCHEMES[0][1][0], limits });
    assert.equal(outcome(() => tight({ payloadBytes: 9 }).verify('0123456789', headers, { now: 1000 })).code, 'payload_too_large');
    assert.equal(outcome(() => tight({ payloadBytes: 10 }).verify('0123456789', headers, { now: 1000 })).ok.secretIndex, 0);
    assert.equal(outcome(() => tight({ headerBytes: 10 }).verify('0123456789', headers, { now: 1000 })).code, 'headers_too_large');
    assert.equal(outcome(() => tight({ headerCount: 2 }).verify('0123456789', headers, { now: 1000 })).code, 'too_many_headers');
    assert.equal(outcome(() => tight({ signatures: 0 }).verify('0123456789', headers, { now: 1000 })).code, 'too_many_signatures');
  }
});

test('require and import load one module instance', async () => {
  const required = createRequire(import.meta.url)('hookseal');
  const imported = await import('hookseal');
  for (const name of ['Verifier', 'Signer', 'Webhook', 'CompiledSchema', 'HooksealError', 'WebhookVerificationError']) {
    assert.equal(imported[name], required[name], name);
  }
  const v = new required.Verifier({ scheme: 'github', secret: 'x' });
  assert.ok(v instanceof imported.Verifier);
  try {
    v.verify('body', { 'x-hub-signature-256': 'sha256=00' });
  } catch (e) {
    assert.ok(e instanceof imported.WebhookVerificationError);
  }
});

test('verifyAsync and signAsync (WebCrypto for large bodies) agree with the synchronous paths, also interleaved', async () => {
  const rand = rng(23);
  const NOW = 1_700_000_000;
  const jobs = [];
  for (let round = 0; round < 120; round++) {
    const [scheme, secrets] = SCHEMES[round % SCHEMES.length];
    const options = { scheme, secrets, notificationUrl: 'https://example.com/hook' };
    // Half the bodies above the WebCrypto threshold.
    let body = randomBody(rand);
    if (round % 2) body = typeof body === 'string' ? body.padEnd(5000 + round, 'é') : new Uint8Array(6000 + round).fill(round);
    const at = NOW + (round % 7);
    const id = `msg_async_${round}`;
    const signer = new wasmOnly.Signer(options);
    const expected = new native.Signer(options).sign(body, { id, timestamp: at });
    jobs.push((async () => {
      assert.deepEqual(await signer.signAsync(body, { id, timestamp: at }), expected, `round ${round}: signAsync`);
      const verifier = new wasmOnly.Verifier(options);
      const tampered = typeof body === 'string' ? `${body}!` : new Uint8Array([...body, 7]);
      for (const [payload, now] of [[body, NOW], [tampered, NOW], [body, NOW + 5000]]) {
        const sync = outcome(() => verifier.verify(payload, expected, { now }));
        let async;
        try {
          async = { ok: await verifier.verifyAsync(payload, expected, { now }) };
        } catch (e) {
          async = { name: e.name, code: e.code, message: e.message };
        }
        assert.deepEqual(async, sync, `round ${round}: verifyAsync`);
      }
      // Without an id, signAsync makes one and the signature covers it.
      const fresh = await signer.signAsync(body, { timestamp: at });
      assert.equal(new native.Verifier(options).verify(body, fresh, { now: NOW }).secretIndex, 0);
    })());
  }
  await Promise.all(jobs);
});
