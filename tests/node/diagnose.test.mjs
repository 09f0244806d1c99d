// diagnose() through the package: one delivery signed correctly, one mistake made on the way, and
// the finding that names it. Every result is checked for messages that echo a secret.
import test from 'node:test';
import assert from 'node:assert/strict';
import { diagnose, Signer } from 'hookseal';

const NOW = 1_700_000_000;
const TEXT = "It's a Secret to Everybody";
const WHSEC = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const BODY = '{"type":"invoice.paid","data":{"amount":1250,"note":"café"}}';

function sign(scheme, secret, body = BODY, timestamp = NOW) {
  return new Signer({ scheme, secret }).sign(body, { timestamp, id: 'msg_1' });
}

/** diagnose() at NOW, asserting that no message contains any of `secrets` (or their key part). */
function run(options, body, headers, secrets = [options.secret]) {
  const d = diagnose(options, body, headers, { now: NOW });
  assert.deepEqual(Object.keys(d), ['ok', 'scheme', 'findings']);
  for (const f of d.findings) {
    assert.deepEqual(Object.keys(f), ['code', 'message']);
    for (const s of secrets.filter((s) => typeof s === 'string')) {
      const core = s.trim().replace(/^["'`]|["'`]$/g, '');
      assert.ok(!f.message.includes(core), `message echoes the secret: ${f.message}`);
      assert.ok(!f.message.includes(core.replace(/^whsec_/, '')), `message echoes the key: ${f.message}`);
    }
  }
  return d;
}

const codes = (d) => d.findings.map((f) => f.code);

test('a correct delivery is ok, with the scheme given or detected', () => {
  const headers = sign('standard', WHSEC);
  assert.deepEqual(run({ scheme: 'standard', secret: WHSEC }, BODY, headers), { ok: true, scheme: 'standard', findings: [] });
  assert.deepEqual(run({ secret: WHSEC }, BODY, headers), { ok: true, scheme: 'standard', findings: [] });
  // Any HeadersLike and any payload form, as verify() takes them.
  const d = run({ secret: WHSEC }, new TextEncoder().encode(BODY), new Headers(headers));
  assert.equal(d.ok, true);
});

test('secret_whitespace', () => {
  const headers = sign('github', TEXT);
  const d = run({ scheme: 'github', secret: `${TEXT}\n` }, BODY, headers);
  assert.equal(d.ok, false);
  assert.deepEqual(codes(d), ['secret_whitespace']);
  assert.match(d.findings[0].message, /line break/);
});

test('secret_form', () => {
  const key = Buffer.from(WHSEC.slice('whsec_'.length), 'base64');
  const headers = sign('github', new Uint8Array(key));
  const d = run({ scheme: 'github', secret: WHSEC }, BODY, headers);
  assert.deepEqual(codes(d), ['secret_form']);
  assert.match(d.findings[0].message, /base64-decoded bytes after `whsec_`/);
});

test('timestamp_milliseconds', () => {
  const headers = sign('stripe', TEXT, BODY, NOW * 1000);
  const d = run({ scheme: 'stripe', secret: TEXT }, BODY, headers);
  assert.deepEqual(codes(d), ['timestamp_milliseconds']);
  assert.match(d.findings[0].message, new RegExp(`as seconds it would be ${NOW}`));
});

test('timestamp_outside_tolerance', () => {
  const headers = sign('slack', TEXT, BODY, NOW - 1000);
  const d = run({ scheme: 'slack', secret: TEXT, toleranceSeconds: 600 }, BODY, headers);
  assert.deepEqual(codes(d), ['timestamp_outside_tolerance']);
  assert.match(d.findings[0].message, /1000 s in the past, 400 s beyond the tolerance of 600 s/);
  assert.match(d.findings[0].message, /signature itself matches/);
});

test('body_reserialized', () => {
  const sent = JSON.stringify(JSON.parse(BODY), null, 2);
  const headers = sign('shopify', TEXT, sent);
  // The receiver parsed the body and handed JSON.stringify(req.body) over.
  const d = run({ scheme: 'shopify', secret: TEXT }, JSON.stringify(JSON.parse(sent)), headers);
  assert.deepEqual(codes(d), ['body_reserialized']);
  assert.match(d.findings[0].message, /2-space indent/);
  assert.match(d.findings[0].message, /raw request body/);
});

test('body_not_raw', () => {
  const headers = sign('github', TEXT);
  const d = run({ scheme: 'github', secret: TEXT }, String(JSON.parse(BODY)), headers);
  assert.deepEqual(codes(d), ['body_not_raw', 'no_matching_signature']);
  assert.deepEqual(codes(run({ scheme: 'github', secret: TEXT }, '', headers)), ['body_not_raw', 'no_matching_signature']);
});

test('headers_of_other_scheme', () => {
  const headers = sign('github', TEXT);
  const d = run({ scheme: 'stripe', secret: TEXT }, BODY, headers);
  assert.deepEqual(codes(d), ['headers_of_other_scheme', 'missing_header']);
  assert.match(d.findings[0].message, /verifies with the `github` scheme/);
});

test('unsupported_signature_version', () => {
  const headers = { 'X-Hub-Signature': 'sha1=abc', 'X-Hub-Signature-256': 'sha1=abcdef' };
  const d = run({ secret: TEXT }, BODY, headers);
  assert.equal(d.scheme, 'github');
  assert.deepEqual(codes(d), ['unsupported_signature_version']);
  assert.match(d.findings[0].message, /`sha1=`/);
});

test('signature_encoding', () => {
  const { 'x-shopify-hmac-sha256': base64 } = sign('shopify', TEXT);
  const d = run({ scheme: 'github', secret: TEXT }, BODY, { 'x-hub-signature-256': `sha256=${base64}` });
  assert.deepEqual(codes(d), ['signature_encoding']);
  assert.match(d.findings[0].message, /written in base64, but the `github` scheme expects hex/);
});

test('verifier codes are findings when nothing more specific applies', () => {
  assert.deepEqual(codes(run({ scheme: 'stripe', secret: TEXT }, BODY, {})), ['missing_header']);
  assert.deepEqual(codes(run({ scheme: 'stripe', secret: TEXT }, BODY, { 'stripe-signature': 'v1=ab' })), ['malformed_header']);
  const bad = { 'x-slack-signature': 'v0=aa', 'x-slack-request-timestamp': 'yesterday' };
  assert.deepEqual(codes(run({ scheme: 'slack', secret: TEXT }, BODY, bad)), ['invalid_timestamp']);
  assert.deepEqual(codes(run({ scheme: 'standard', secret: 'not*base64' }, BODY, sign('standard', WHSEC))), ['invalid_secret']);
  const none = run({ secret: TEXT }, BODY, { 'content-type': 'application/json' });
  assert.deepEqual({ ok: none.ok, scheme: none.scheme, codes: codes(none) }, { ok: false, scheme: null, codes: ['missing_header'] });
});

test('a wrong secret or a tampered body gets no misleading finding', () => {
  for (const scheme of ['standard', 'stripe', 'github', 'slack', 'shopify', 'zoom']) {
    const headers = sign(scheme, WHSEC);
    const wrong = 'whsec_AAECAwQFBgcICQoLDA0ODxAREhM=';
    assert.deepEqual(codes(run({ scheme, secret: wrong }, BODY, headers, [wrong, WHSEC])), ['no_matching_signature'], scheme);
    assert.deepEqual(codes(run({ scheme, secret: WHSEC }, BODY.replace('1250', '9250'), headers)), ['no_matching_signature'], scheme);
  }
});

test('messages never contain the secret, whatever the mistake', () => {
  const secrets = [TEXT, ` ${TEXT} `, `"${WHSEC}"`, WHSEC, 'a1b2c3d4e5f60718', '', 'x'.repeat(300)];
  const deliveries = [sign('standard', WHSEC), sign('github', TEXT), sign('stripe', TEXT, BODY, NOW * 1000), {}];
  for (const secret of secrets) {
    for (const headers of deliveries) {
      for (const scheme of [undefined, 'standard', 'github', 'stripe']) {
        const d = run({ scheme, secret }, BODY, headers, [secret].filter(Boolean));
        assert.equal(typeof d.ok, 'boolean');
        assert.ok(d.ok || d.findings.length > 0);
      }
    }
  }
});

test('wrong argument types are TypeErrors, like verify()', () => {
  assert.throws(() => diagnose(null, BODY, {}), TypeError);
  assert.throws(() => diagnose({ secret: TEXT }, JSON.parse(BODY), {}), TypeError);
});
