// The sending side end to end: planDelivery → deliver/attempt over real HTTP to receivers on
// 127.0.0.1 (Node `http`), with the three seed providers' configs. Every delivered attempt is
// checked with hookseal's Verifier and, for the Standard Webhooks scheme, with the npm
// `standardwebhooks` package. Retry waits run on an injected clock (a fake `now` advanced by the
// injected `sleep`), so the suite takes seconds; attempt timeouts are real time.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import {
  planDelivery, deliver, attempt, retrySchedule, classifyAttempt, checkResolvedAddress, compileSchema,
  generateSecret, reservedHeaders, Verifier, DeliveryError, HooksealError,
} from 'hookseal';

const LOCAL = { allowHttp: true, allowPrivate: true };
const BODY = JSON.stringify({ type: 'event_phone_call_ended', data: { call: 'c_42', caller: 'Zoë' } });

/**
 * A receiver on 127.0.0.1: `respond(req, n)` answers request `n` (from 0) by returning
 * `[status, headers?]`, or `null` to never answer. Records every request with its body.
 */
async function receiver(respond) {
  const requests = [];
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const n = requests.length;
      requests.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const answer = respond(req, n);
      if (answer === null) return;
      const [status, headers = {}] = answer;
      res.writeHead(status, headers).end();
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}/webhook`;
  return {
    url,
    requests,
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A fake wall clock: `sleep(ms)` records the wait and moves `now` forward instead of waiting. */
function fakeClock(start = Date.now()) {
  let t = start;
  const waits = [];
  return {
    waits,
    now: () => t,
    sleep: async (ms) => {
      waits.push(ms);
      t += ms;
    },
  };
}

const talkover = (url, extra = {}) => ({
  name: 'My Webhook',
  webhook_url: url,
  webhook_secret: 'optional_secret_for_hmac',
  events: ['event_phone_call_started', 'event_phone_call_ended'],
  timeout: 30,
  max_retries: 3,
  enabled: true,
  ...extra,
});

const jurichatScheme = { signatureHeader: 'X-JuriChat-Signature', encoding: 'hex' };
const jurichat = (url, extra = {}) => ({
  name: 'Integração com CRM',
  url,
  events: ['crm.lead.created', 'contact.created'],
  description: 'Leads para o CRM',
  isActive: true,
  headers: { 'X-Office-Id': 'office-1', Authorization: 'Bearer crm-token' },
  ...extra,
});

// Jelou's signingSecret is hex; the seed does not name the signature header (hookseal's mapping).
const jelouScheme = { signatureHeader: 'X-Jelou-Signature', encoding: 'hex', secretEncoding: 'hex' };
const JELOU_SECRET = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';

/** Verifies one received request with hookseal at the timestamp it carries; returns that timestamp. */
function verifyStandard(request, secret) {
  const verified = new Verifier({ scheme: 'standard', secret }).verify(request.body, request.headers);
  new StandardWebhook(secret).verify(request.body, request.headers); // throws on a bad signature
  return verified;
}

test('a receiver failing twice then succeeding: retried on the schedule, every attempt signed afresh', async () => {
  const rx = await receiver((_, n) => [n < 2 ? 503 : 204]);
  const clock = fakeClock();
  const secret = generateSecret();
  try {
    const input = { config: talkover(rx.url), schema: 'talkover', scheme: 'standard', secret, event: 'event_phone_call_ended', body: BODY, ...LOCAL };
    const result = await deliver(input, { now: clock.now, sleep: clock.sleep, schedule: [1000, 2000, 4000] });
    assert.equal(result.delivered, true);
    assert.deepEqual(result.attempts.map((a) => a.status), [503, 503, 204]);
    assert.deepEqual(clock.waits, [1000, 2000]);
    assert.equal(rx.requests.length, 3);
    const verified = rx.requests.map((r) => verifyStandard(r, secret));
    // One id for the delivery; a fresh timestamp per attempt, as far apart as the waits.
    assert.ok(result.id.startsWith('msg_'));
    assert.deepEqual(verified.map((v) => v.id), [result.id, result.id, result.id]);
    const ts = verified.map((v) => v.timestamp);
    assert.deepEqual([ts[1] - ts[0], ts[2] - ts[1]], [1, 2]);
    assert.deepEqual(rx.requests.map((r) => r.body), [BODY, BODY, BODY]);
    assert.equal(rx.requests[0].headers['content-type'], 'application/json');
    assert.equal(rx.requests[0].method, 'POST');
    // retryAt is when the next attempt was due on the injected clock.
    const start = clock.now() - 3000;
    assert.deepEqual(result.attempts.map((a) => a.retryAt), [start + 1000, start + 3000, undefined]);
    for (const a of result.attempts) assert.ok(Number.isInteger(a.durationMs) && a.durationMs >= 0);
  } finally {
    await rx.close();
  }
});

test('the default schedule is the core exponential backoff, bounded by the config max_retries', async () => {
  const rx = await receiver(() => [500]);
  const clock = fakeClock();
  try {
    const input = { config: talkover(rx.url, { max_retries: 2 }), schema: 'talkover', scheme: 'github', secret: 's3cret', event: 'event_phone_call_started', body: BODY, ...LOCAL };
    const random = () => 0.5;
    const result = await deliver(input, { now: clock.now, sleep: clock.sleep, random });
    assert.equal(result.delivered, false);
    assert.equal(result.reason, 'max_retries');
    assert.equal(result.attempts.length, 3);
    assert.deepEqual(clock.waits, retrySchedule({ maxRetries: 2 }, { random }));
    assert.deepEqual(clock.waits, [2500, 5000]); // half of 5 s, half of 10 s
    for (const r of rx.requests) new Verifier({ scheme: 'github', secret: 's3cret' }).verify(r.body, r.headers);
  } finally {
    await rx.close();
  }
});

test('an attempt that gets no answer times out at the plan timeout and is retried', async () => {
  const rx = await receiver(() => null);
  // A compiled schema with its own mapping: timeouts from 1 s, so the test waits 2 s in all.
  const schema = compileSchema({
    type: 'object',
    required: ['target'],
    properties: { target: { type: 'string', format: 'uri' }, timeout: { type: 'integer', minimum: 1 }, retries: { type: 'integer' } },
  });
  const clock = fakeClock();
  try {
    const input = {
      config: { target: rx.url, timeout: 1, retries: 1 },
      schema,
      fields: { url: 'target', timeoutSeconds: 'timeout', maxRetries: 'retries' },
      scheme: 'github',
      secret: 's3cret',
      event: 'any',
      body: BODY,
      ...LOCAL,
    };
    const plan = planDelivery(input);
    assert.equal(plan.request.timeoutMs, 1000);
    const started = performance.now();
    const result = await deliver(input, { now: clock.now, sleep: clock.sleep, schedule: [10] });
    assert.equal(result.delivered, false);
    assert.equal(result.reason, 'max_retries');
    assert.deepEqual(result.attempts.map((a) => a.error), ['timeout', 'timeout']);
    for (const a of result.attempts) assert.ok(a.durationMs >= 900 && a.durationMs < 5000, `${a.durationMs}`);
    assert.ok(performance.now() - started < 10_000);
    assert.equal(rx.requests.length, 2);
  } finally {
    await rx.close();
  }
});

test('429 with Retry-After: the receiver hint replaces the schedule delay', async () => {
  const rx = await receiver((_, n) => (n === 0 ? [429, { 'Retry-After': '7' }] : [200]));
  const clock = fakeClock();
  const secret = generateSecret();
  try {
    const input = { config: talkover(rx.url), schema: 'talkover', scheme: 'standard', secret, event: 'event_phone_call_ended', body: BODY, ...LOCAL };
    const result = await deliver(input, { now: clock.now, sleep: clock.sleep, schedule: [1000, 1000, 1000] });
    assert.equal(result.delivered, true);
    assert.deepEqual(result.attempts.map((a) => a.status), [429, 200]);
    assert.deepEqual(clock.waits, [7000]);
    const [first, second] = rx.requests.map((r) => verifyStandard(r, secret));
    assert.equal(second.timestamp - first.timestamp, 7);
  } finally {
    await rx.close();
  }
});

test('a redirect is not followed and not retried', async () => {
  const elsewhere = await receiver(() => [204]);
  const rx = await receiver(() => [302, { Location: elsewhere.url }]);
  const clock = fakeClock();
  try {
    const input = { config: talkover(rx.url), schema: 'talkover', scheme: 'github', secret: 's3cret', event: 'event_phone_call_ended', body: BODY, ...LOCAL };
    const result = await deliver(input, { now: clock.now, sleep: clock.sleep });
    assert.deepEqual(result, { delivered: false, reason: 'redirect', id: undefined, attempts: result.attempts });
    assert.deepEqual(result.attempts.map((a) => a.status), [302]);
    assert.equal(rx.requests.length, 1);
    assert.equal(elsewhere.requests.length, 0);
    assert.deepEqual(clock.waits, []);
  } finally {
    await rx.close();
    await elsewhere.close();
  }
});

test('410 Gone stops the delivery at once', async () => {
  const rx = await receiver(() => [410]);
  const clock = fakeClock();
  try {
    const input = { config: talkover(rx.url), schema: 'talkover', scheme: 'github', secret: 's3cret', event: 'event_phone_call_ended', body: BODY, ...LOCAL };
    const result = await deliver(input, { now: clock.now, sleep: clock.sleep });
    assert.equal(result.delivered, false);
    assert.equal(result.reason, 'gone');
    assert.deepEqual(result.attempts.map((a) => [a.status, a.retryAt]), [[410, undefined]]);
    assert.equal(rx.requests.length, 1);
  } finally {
    await rx.close();
  }
});

test('JuriChat: the custom headers arrive beside a signature the custom scheme verifies', async () => {
  const rx = await receiver(() => [200]);
  const secret = 'jurichat-webhook-secret';
  try {
    const input = { config: jurichat(rx.url), schema: 'jurichat', scheme: jurichatScheme, secret, event: 'contact.created', body: BODY, ...LOCAL };
    const result = await deliver(input);
    assert.equal(result.delivered, true);
    const [r] = rx.requests;
    assert.equal(r.headers['x-office-id'], 'office-1');
    assert.equal(r.headers.authorization, 'Bearer crm-token');
    assert.match(r.headers['x-jurichat-signature'], /^[0-9a-f]{64}$/);
    new Verifier({ scheme: jurichatScheme, secret }).verify(r.body, r.headers);
    // The plan names every header in lower case, as they arrive.
    const plan = planDelivery(input);
    assert.deepEqual(Object.keys(plan.request.headers), ['x-jurichat-signature', 'x-office-id', 'authorization', 'content-type']);
  } finally {
    await rx.close();
  }
});

test('reserved and signature headers cannot be smuggled in through custom headers', async () => {
  const rx = await receiver(() => [200]);
  try {
    const plan = (headers, scheme = jurichatScheme) =>
      planDelivery({ config: jurichat(rx.url, { headers }), schema: 'jurichat', scheme, secret: 'k', event: 'contact.created', body: BODY, ...LOCAL });
    const codeOf = (fn) => {
      try {
        fn();
      } catch (e) {
        assert.ok(e instanceof DeliveryError, String(e));
        return e.code;
      }
      assert.fail('planned');
    };
    // The JuriChat schema itself refuses reserved and signature names and CR/LF values …
    for (const headers of [{ Host: 'evil.example' }, { 'Content-Length': '0' }, { 'Transfer-Encoding': 'chunked' }, { 'X-A': 'v\r\nX-Injected: 1' }, { 'webhook-signature': 'v1,forged' }, { 'x-JURICHAT-signature': 'forged' }]) {
      assert.equal(codeOf(() => plan(headers)), 'invalid_config', JSON.stringify(headers));
    }
    // … and content-type, which it allows, is the delivery's own.
    assert.equal(codeOf(() => plan({ 'Content-Type': 'text/plain' })), 'duplicate_header');
    // Under a schema that checks nothing about headers, the planner still does.
    const loose = compileSchema({ type: 'object', properties: { url: { type: 'string' }, headers: { type: 'object' } } });
    const acme = { signatureHeader: 'X-Acme-Signature', encoding: 'hex', template: '{timestamp}.{body}', timestampHeader: 'X-Acme-Timestamp' };
    const custom = (headers) => () =>
      planDelivery({ config: { url: rx.url, headers }, schema: loose, fields: { url: 'url', headers: 'headers' }, scheme: acme, secret: 'k', event: 'e', body: BODY, ...LOCAL });
    assert.equal(codeOf(custom({ Host: 'evil.example' })), 'reserved_header');
    assert.equal(codeOf(custom({ Connection: 'close' })), 'reserved_header');
    assert.equal(codeOf(custom({ 'x-acme-timestamp': '0' })), 'duplicate_header');
    assert.equal(codeOf(custom({ 'X-ACME-SIGNATURE': 'forged' })), 'duplicate_header');
    assert.equal(codeOf(custom({ 'X-A': 'v\r\nX-Injected: 1' })), 'invalid_header_value');
    assert.equal(codeOf(custom({ 'Bad Name': 'v' })), 'invalid_header_name');
    assert.equal(codeOf(custom({ 'X-A': '1', 'x-a': '2' })), 'duplicate_header');
    assert.ok(reservedHeaders().includes('host'));
    // deliver refuses before sending anything.
    await assert.rejects(
      deliver({ config: jurichat(rx.url, { headers: { 'Content-Type': 'text/forged' } }), schema: 'jurichat', scheme: jurichatScheme, secret: 'k', event: 'contact.created', body: BODY, ...LOCAL }),
      (e) => e instanceof DeliveryError && e.code === 'duplicate_header' && !e.message.includes('forged'),
    );
    assert.equal(rx.requests.length, 0);
  } finally {
    await rx.close();
  }
});

test('Jelou: the authentication header of authType arrives, signed with the hex signingSecret', async () => {
  const rx = await receiver(() => [200]);
  try {
    const send = (config) => deliver({ config, schema: 'jelou', scheme: jelouScheme, secret: JELOU_SECRET, event: 'message.created', body: BODY, ...LOCAL });
    assert.equal((await send({ webhookUrl: rx.url, authType: 'bearer', authorization: 'my-secret-token' })).delivered, true);
    assert.equal((await send({ webhookUrl: rx.url, authType: 'api_key', authorization: 'API_KEY' })).delivered, true);
    assert.equal((await send({ webhookUrl: rx.url })).delivered, true); // authType defaults to no_auth
    const [bearer, apiKey, none] = rx.requests;
    assert.equal(bearer.headers.authorization, 'Bearer my-secret-token');
    assert.equal(apiKey.headers['x-api-key'], 'API_KEY');
    assert.equal(apiKey.headers.authorization, undefined);
    assert.equal(none.headers.authorization ?? none.headers['x-api-key'], undefined);
    for (const r of rx.requests) new Verifier({ scheme: jelouScheme, secret: JELOU_SECRET }).verify(r.body, r.headers);
  } finally {
    await rx.close();
  }
});

test('a disabled endpoint and an unsubscribed event are not sent', async () => {
  const rx = await receiver(() => [200]);
  try {
    const base = { scheme: 'github', secret: 's3cret', body: BODY, ...LOCAL };
    const off = await deliver({ ...base, config: talkover(rx.url, { enabled: false }), schema: 'talkover', event: 'event_phone_call_ended' });
    assert.deepEqual(off, { delivered: false, reason: 'endpoint_disabled', attempts: [] });
    const inactive = await deliver({ ...base, config: jurichat(rx.url, { isActive: false }), schema: 'jurichat', event: 'contact.created' });
    assert.equal(inactive.reason, 'endpoint_disabled');
    const other = await deliver({ ...base, config: talkover(rx.url), schema: 'talkover', event: 'event_agent_transferred' });
    assert.deepEqual(other, { delivered: false, reason: 'event_not_subscribed', attempts: [] });
    const plan = planDelivery({ ...base, config: jurichat(rx.url), schema: 'jurichat', event: 'crm.lead.deleted' });
    assert.deepEqual(plan, { send: false, reason: 'event_not_subscribed', message: 'the endpoint does not subscribe to this event' });
    const queued = await attempt({ ...base, config: talkover(rx.url, { enabled: false }), schema: 'talkover', event: 'event_phone_call_ended' });
    assert.equal(queued.outcome, 'skipped');
    assert.equal(queued.reason, 'endpoint_disabled');
    assert.equal(rx.requests.length, 0);
  } finally {
    await rx.close();
  }
});

test('a private or loopback destination is refused without allowPrivate, however the name resolved', async () => {
  const rx = await receiver(() => [200]);
  const port = new URL(rx.url).port;
  try {
    const input = (url, flags) => ({ config: talkover(url), schema: 'talkover', scheme: 'github', secret: 's3cret', event: 'event_phone_call_ended', body: BODY, ...flags });
    // IP literals: refused when planning, by the URL policy.
    assert.throws(() => planDelivery(input(rx.url, {})), (e) => e.code === 'insecure_scheme');
    assert.throws(() => planDelivery(input(rx.url, { allowHttp: true })), (e) => e.code === 'loopback_address');
    // A name that passes the URL policy but resolves to loopback: refused before connecting.
    const named = `http://receiver.example:${port}/webhook`;
    const toLoopback = async () => ['127.0.0.1'];
    const refused = await deliver(input(named, { allowHttp: true }), { resolve: toLoopback, sleep: async () => assert.fail('retried') });
    assert.deepEqual(refused.attempts.map((a) => a.error), ['address_refused']);
    assert.equal(refused.reason, 'address_refused');
    // Every address counts: one private among public ones is enough.
    const mixed = await deliver(input(named, { allowHttp: true }), { resolve: async () => ['93.184.215.14', '::ffff:10.0.0.5'] });
    assert.equal(mixed.reason, 'address_refused');
    // A name that does not resolve is a DNS failure, retried like any network failure.
    const clock = fakeClock();
    const unknown = await deliver(input(named, { allowHttp: true }), { resolve: async () => { throw new Error('ENOTFOUND'); }, now: clock.now, sleep: clock.sleep, schedule: [5] });
    assert.deepEqual(unknown.attempts.map((a) => a.error), ['dns', 'dns']);
    // The default resolver (node:dns) is used when none is given: the reserved .invalid name never resolves.
    // (A 5 s timeout bounds the test where the system resolver hangs instead of answering.)
    const invalidInput = { ...input(`http://hookseal.invalid:${port}/`, { allowHttp: true }), config: talkover(`http://hookseal.invalid:${port}/`, { timeout: 5 }) };
    const invalid = await deliver(invalidInput, { now: clock.now, sleep: clock.sleep, schedule: [] });
    assert.deepEqual(invalid.attempts.map((a) => a.error), ['dns']);
    // With allowPrivate the loopback receiver is reached.
    const local = await deliver(input(rx.url, LOCAL));
    assert.equal(local.delivered, true);
    assert.equal(rx.requests.length, 1);
  } finally {
    await rx.close();
  }
});

test('attempt: one signed try for a queue that owns the schedule', async () => {
  const rx = await receiver((_, n) => [n === 0 ? 503 : 204]);
  const clock = fakeClock();
  const secret = generateSecret();
  try {
    const input = { config: talkover(rx.url, { max_retries: 1 }), schema: 'talkover', scheme: 'standard', secret, event: 'event_phone_call_ended', body: BODY, ...LOCAL };
    const first = await attempt(input, { now: clock.now, schedule: [2000] });
    assert.equal(first.outcome, 'retry');
    assert.equal(first.delayMs, 2000);
    assert.equal(first.retryAt, clock.now() + 2000);
    assert.equal(first.attempt.status, 503);
    clock.sleep(first.delayMs);
    const second = await attempt({ ...input, id: first.id }, { now: clock.now, attemptsMade: 1, schedule: [2000] });
    assert.equal(second.outcome, 'delivered');
    assert.equal(second.retryAt, null);
    const [a, b] = rx.requests.map((r) => verifyStandard(r, secret));
    assert.equal(a.id, b.id);
    assert.equal(b.timestamp - a.timestamp, 2);
    // Retries exhausted: a retryable failure stops.
    const rx2 = await receiver(() => [503]);
    try {
      const last = await attempt({ ...input, config: talkover(rx2.url, { max_retries: 1 }) }, { attemptsMade: 1 });
      assert.deepEqual([last.outcome, last.reason, last.retryAt], ['stop', 'max_retries', null]);
    } finally {
      await rx2.close();
    }
  } finally {
    await rx.close();
  }
});

test('planDelivery: the request as data, bodies keep their type, errors are DeliveryErrors', () => {
  const base = { schema: 'talkover', scheme: 'standard', secret: generateSecret(), event: 'event_phone_call_ended' };
  const config = talkover('https://example.com/webhook');
  const plan = planDelivery({ ...base, config, body: BODY, id: 'msg_fixed', timestamp: 1_756_940_391 });
  assert.equal(plan.send, true);
  const { request } = plan;
  assert.deepEqual(
    { ...request, headers: Object.keys(request.headers) },
    { url: 'https://example.com/webhook', method: 'POST', headers: ['webhook-id', 'webhook-timestamp', 'webhook-signature', 'content-type'], body: BODY, id: 'msg_fixed', timestamp: 1_756_940_391, timeoutMs: 30_000, maxRetries: 3 },
  );
  const bytes = new TextEncoder().encode(BODY);
  // Stored JSON text goes in `configJson`, as a string or UTF-8 bytes.
  const binary = planDelivery({ ...base, configJson: new TextEncoder().encode(JSON.stringify(config)), body: bytes });
  assert.ok(binary.request.body instanceof Uint8Array);
  assert.deepEqual(binary.request.body, bytes);
  assert.ok(Math.abs(binary.request.timestamp - Date.now() / 1000) < 5);
  assert.match(binary.request.id, /^msg_/);

  // invalid_config carries what validateConfig returns, and the provider's answer.
  assert.throws(() => planDelivery({ ...base, config: { name: 'x', events: [] }, body: BODY }), (e) => {
    assert.ok(e instanceof DeliveryError && e instanceof HooksealError);
    assert.equal(e.name, 'DeliveryError');
    assert.equal(e.code, 'invalid_config');
    assert.equal(e.response.status, 422);
    assert.deepEqual(e.fieldErrors.webhook_url, ['The webhook url field is required.']);
    assert.ok(e.errors.length >= 2);
    return true;
  });
  const codeOf = (input) => {
    try {
      planDelivery(input);
    } catch (e) {
      assert.ok(e instanceof DeliveryError || e instanceof TypeError, String(e));
      return e.code ?? e.name;
    }
    return 'planned';
  };
  assert.equal(codeOf({ ...base, secret: undefined, config, body: BODY }), 'invalid_secret');
  assert.equal(codeOf({ ...base, scheme: 'nope', config, body: BODY }), 'invalid_scheme');
  assert.equal(codeOf({ ...base, schema: 'nope', config, body: BODY }), 'invalid_schema');
  // `config` is a value: a string is a JSON string, which the schema refuses (an object is wanted).
  assert.throws(() => planDelivery({ ...base, config: JSON.stringify(config), body: BODY }), (e) => {
    assert.equal(e.code, 'invalid_config');
    assert.deepEqual(e.errors.map((x) => [x.path, x.keyword]), [['', 'type']]);
    return true;
  });
  // JSON text the strict parser refuses is an invalid config, with the provider's 400.
  assert.throws(() => planDelivery({ ...base, configJson: '{"name":"a","name":"b"}', body: BODY }), (e) => {
    assert.ok(e instanceof DeliveryError);
    assert.equal(e.code, 'invalid_config');
    assert.deepEqual(e.errors.map((x) => [x.path, x.keyword, x.params.code]), [['', 'json', 'duplicate_key']]);
    assert.equal(e.response.status, 400);
    return true;
  });
  assert.equal(codeOf({ ...base, configJson: JSON.stringify(config), body: BODY }), 'planned');
  assert.equal(codeOf({ ...base, configJson: 'a\ud800', body: BODY }), 'invalid_config');
  assert.equal(codeOf({ ...base, configJson: config, body: BODY }), 'TypeError');
  assert.equal(codeOf({ ...base, config, configJson: JSON.stringify(config), body: BODY }), 'invalid_options');
  assert.equal(codeOf({ ...base, body: BODY }), 'TypeError');
  assert.equal(codeOf({ ...base, config, body: { parsed: true } }), 'TypeError');
  assert.equal(codeOf({ ...base, config, body: BODY, fields: { url: 'u' } }), 'invalid_options');
  assert.equal(codeOf({ ...base, config: talkover('https://10.0.0.5/h'), body: BODY }), 'private_address');
  // The secret never appears in a message.
  assert.throws(() => planDelivery({ ...base, secret: 'whsec_!!!not-base64', config, body: BODY }), (e) => e.code === 'invalid_secret' && !e.message.includes('not-base64'));
});

test('retrySchedule, classifyAttempt and checkResolvedAddress are the core rules', () => {
  assert.deepEqual(retrySchedule({ maxRetries: 10 }, { preset: 'svix' }), [5000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000]);
  assert.deepEqual(retrySchedule({ maxRetries: 3 }, { baseMs: 100, capMs: 250, random: () => 0.999999999 }), [100, 200, 250]);
  const plan = planDelivery({ config: talkover('https://example.com/h', { max_retries: 2 }), schema: 'talkover', scheme: 'github', secret: 's', event: 'event_phone_call_ended', body: '{}' });
  const delays = retrySchedule(plan);
  assert.equal(delays.length, 2);
  assert.ok(delays[0] <= 5000 && delays[1] <= 10_000);
  assert.throws(() => retrySchedule({ maxRetries: 1 }, { random: () => 1 }), (e) => e instanceof DeliveryError && e.code === 'invalid_options');
  assert.throws(() => retrySchedule({ send: false }), TypeError);

  const now = 784_111_777; // Sun, 06 Nov 1994 08:49:37 GMT
  assert.deepEqual(classifyAttempt({ status: 204 }), { verdict: 'delivered' });
  assert.deepEqual(classifyAttempt({ status: 503 }), { verdict: 'retry' });
  assert.deepEqual(classifyAttempt({ status: 429, retryAfter: 'Sun, 06 Nov 1994 08:51:37 GMT' }, { now }), { verdict: 'retry', retryAfterMs: 120_000 });
  assert.deepEqual(classifyAttempt({ status: 503, retryAfter: '86400' }), { verdict: 'retry', retryAfterMs: 3_600_000 });
  assert.deepEqual(classifyAttempt({ status: 301 }), { verdict: 'stop', reason: 'redirect' });
  assert.deepEqual(classifyAttempt({ status: 410 }), { verdict: 'stop', reason: 'gone' });
  assert.deepEqual(classifyAttempt({ status: 400 }), { verdict: 'stop', reason: 'client_error' });
  assert.deepEqual(classifyAttempt({ error: 'timeout' }), { verdict: 'retry' });
  assert.deepEqual(classifyAttempt({ error: 'dns' }), { verdict: 'retry' });
  assert.deepEqual(classifyAttempt({ error: 'address_refused' }), { verdict: 'stop', reason: 'address_refused' });
  assert.throws(() => classifyAttempt({ error: 'boom' }), (e) => e.code === 'invalid_options');

  assert.deepEqual(checkResolvedAddress('93.184.215.14'), { ok: true, address: '93.184.215.14' });
  assert.equal(checkResolvedAddress('::ffff:10.0.0.5').code, 'private_address');
  assert.equal(checkResolvedAddress('127.0.0.1').code, 'loopback_address');
  assert.equal(checkResolvedAddress('127.0.0.1', { allowPrivate: true }).ok, true);
  assert.equal(checkResolvedAddress('0.0.0.0', { allowPrivate: true }).code, 'unspecified_address');
  assert.equal(checkResolvedAddress('example.com').code, 'invalid_address');
});
