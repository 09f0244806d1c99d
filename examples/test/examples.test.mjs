// `make test-examples`: each framework example (express.mjs, hono.mjs, fetch-handler.mjs) is started
// on 127.0.0.1 with a free port, sent real HTTP deliveries signed here with hookseal's Signer, and
// stopped. A genuine delivery must be accepted (200/204); a tampered, unsigned or stale one must get
// 400 with the hookseal error code in the JSON body.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Signer, generateSecret } from 'hookseal';

const EXAMPLES = [
  { name: 'express', file: '../express.mjs', scheme: 'github', ok: 200 },
  { name: 'hono (@hono/node-server)', file: '../hono.mjs', scheme: 'stripe', ok: 200 },
  { name: 'fetch handler', file: '../fetch-handler.mjs', scheme: 'standard', ok: 204 },
];

const event = { type: 'contact.created', data: { id: 'c_42', name: 'Zoë 中文 🦀' } };
const body = JSON.stringify(event);

/** POSTs to `url` with a time limit; resolves to `{ status, json }` (json is null for an empty body). */
async function post(url, payload, headers) {
  const res = await fetch(url, {
    method: 'POST',
    body: payload,
    headers: { 'content-type': 'application/json', ...headers },
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

for (const example of EXAMPLES) {
  describe(`examples/${example.file.slice(3)}: ${example.name}`, () => {
    const secret = example.scheme === 'standard' ? generateSecret() : generateSecret({ format: 'hex' });
    const signer = new Signer({ scheme: example.scheme, secret });
    let server;
    let url;

    before(async () => {
      const { start } = await import(example.file);
      server = await start({ scheme: example.scheme, secret, port: 0, host: '127.0.0.1' });
      url = `${server.url}/webhook`;
      assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    });
    after(() => server?.close());

    test(`a signed delivery is accepted (${example.ok})`, async () => {
      const headers = signer.sign(body, { id: 'msg_example_1' });
      const { status, json } = await post(url, body, headers);
      assert.equal(status, example.ok, JSON.stringify(json));
      if (example.ok === 200) {
        assert.equal(json.ok, true);
        assert.equal(json.type, 'contact.created');
      }
    });

    test('a tampered body gets 400 no_matching_signature', async () => {
      const headers = signer.sign(body);
      const { status, json } = await post(url, body.replace('c_42', 'c_43'), headers);
      assert.equal(status, 400);
      assert.deepEqual(json, { error: 'no_matching_signature' });
    });

    test('a signature from another secret gets 400 no_matching_signature', async () => {
      const other = example.scheme === 'standard' ? generateSecret() : generateSecret({ format: 'hex' });
      const headers = new Signer({ scheme: example.scheme, secret: other }).sign(body);
      const { status, json } = await post(url, body, headers);
      assert.equal(status, 400);
      assert.deepEqual(json, { error: 'no_matching_signature' });
    });

    test('an unsigned delivery gets 400 missing_header', async () => {
      const { status, json } = await post(url, body, {});
      assert.equal(status, 400);
      assert.deepEqual(json, { error: 'missing_header' });
    });

    if (example.scheme !== 'github') {
      test('a replayed delivery (an hour old) gets 400 timestamp_too_old', async () => {
        const headers = signer.sign(body, { timestamp: Math.floor(Date.now() / 1000) - 3600 });
        const { status, json } = await post(url, body, headers);
        assert.equal(status, 400);
        assert.deepEqual(json, { error: 'timestamp_too_old' });
      });
    }
  });
}

test('the fetch handler works without a server, on Request objects', async () => {
  const { createHandler } = await import('../fetch-handler.mjs');
  const secret = generateSecret();
  const handle = createHandler({ secret });
  const headers = new Signer({ scheme: 'standard', secret }).sign(body);
  const request = (payload, h) => new Request('http://localhost/webhook', { method: 'POST', body: payload, headers: h });
  assert.equal((await handle(request(body, headers))).status, 204);
  const bad = await handle(request(`${body} `, headers));
  assert.equal(bad.status, 400);
  assert.deepEqual(await bad.json(), { error: 'no_matching_signature' });
  assert.equal((await handle(new Request('http://localhost/other'))).status, 404);
  assert.equal((await handle(new Request('http://localhost/webhook'))).status, 405);
});
