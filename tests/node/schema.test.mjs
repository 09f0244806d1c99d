// Webhook-config validation through the JavaScript API: the seed providers' answers, URL policy,
// and agreement with ajv (draft 2020-12 + ajv-formats) on thousands of generated configs.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import {
  validateConfig, validateConfigJson, compileSchema, checkWebhookUrl, reservedHeaders, CanonicalizationError, SchemaError,
} from 'hookseal';

const schemaDoc = (name) => JSON.parse(readFileSync(new URL(`../../schemas/${name}.json`, import.meta.url), 'utf8'));

test('talkover answers exactly as the seed documents (Laravel 422)', () => {
  const r = validateConfig('talkover', { name: 'My Webhook', events: [] });
  assert.equal(r.valid, false);
  assert.equal(r.response.status, 422);
  assert.equal(JSON.stringify(r.response.body), JSON.stringify({
    message: 'The given data was invalid.',
    errors: {
      webhook_url: ['The webhook url field is required.'],
      events: ['The events field must contain at least 1 items.'],
    },
  }));
  assert.deepEqual(r.fieldErrors, r.response.body.errors);
  // Defaults are filled into `value`, the input is not changed.
  const ok = validateConfig('talkover', { name: 'n', webhook_url: 'https://example.com/h', events: ['event_phone_call_started'] });
  assert.equal(ok.valid, true);
  assert.equal(ok.response, undefined);
  assert.deepEqual(ok.value, { name: 'n', webhook_url: 'https://example.com/h', events: ['event_phone_call_started'], timeout: 30, max_retries: 3, enabled: true });
  assert.deepEqual(ok.errors, []);
});

test('jelou and jurichat answer in their styles', () => {
  const jelou = validateConfig('jelou', { webhookUrl: 'https://example.com/h', authType: 'bearer' });
  assert.equal(jelou.valid, false);
  assert.equal(jelou.response.status, 422);
  assert.ok(jelou.fieldErrors.authorization, JSON.stringify(jelou.fieldErrors));
  assert.equal(validateConfig('jelou', { webhookUrl: 'https://example.com/h', authType: 'no_auth' }).valid, true);
  const juri = validateConfig('jurichat', { name: '', url: 'http://example.com', events: ['nope'] });
  assert.equal(juri.valid, false);
  assert.equal(juri.response.status, 400);
  assert.ok(Object.keys(juri.fieldErrors).includes('url'), JSON.stringify(juri.fieldErrors));
  const good = validateConfig('jurichat', { name: 'CRM', url: 'https://crm.example.com/hooks', events: ['crm.lead.created'] });
  assert.equal(good.valid, true, JSON.stringify(good.errors));
  assert.equal(good.value.isActive, true);
});

test('validateConfigJson parses strictly; compileSchema validates many times', () => {
  const dup = validateConfigJson('talkover', '{"name":"a","name":"b"}');
  assert.equal(dup.valid, false);
  assert.deepEqual(dup.errors.map((e) => [e.keyword, e.params.code]), [['json', 'duplicate_key']]);
  assert.equal(validateConfigJson('talkover', '{"name":"a","webhook_url":"https://e.com","events":["event_phone_call_ended"]}').valid, true);
  // A string given to validateConfig is a JSON string, not text to parse.
  const text = validateConfig('talkover', '{"name":"a","webhook_url":"https://e.com","events":["event_phone_call_ended"]}');
  assert.equal(text.valid, false);
  assert.deepEqual(text.errors.map((e) => [e.path, e.keyword]), [['', 'type']]);
  assert.throws(() => validateConfig('talkover', { name: 'a\ud800' }), (e) => e instanceof CanonicalizationError && e.code === 'lone_surrogate');
  const s = compileSchema({ type: 'object', required: ['url'], properties: { url: { type: 'string', format: 'webhook-url' } } });
  assert.equal(s.validate({ url: 'https://example.com' }).valid, true);
  const bad = s.validate({ url: 'https://10.0.0.1/hook' });
  assert.equal(bad.valid, false);
  assert.equal(bad.errors[0].path, '/url');
  assert.equal(bad.errors[0].keyword, 'format');
  assert.throws(() => compileSchema({ type: 'object', unevaluatedProperties: false }), (e) => e instanceof SchemaError && e.code === 'invalid_schema');
  assert.throws(() => validateConfig('nope', {}), (e) => e instanceof SchemaError && e.code === 'invalid_schema');
  const custom = validateConfig('talkover', { name: 'n', webhook_url: 'https://e.com', events: ['my.event'] }, { events: ['my.event'] });
  assert.equal(custom.valid, true, JSON.stringify(custom.errors));
  // A `__proto__` member stays data.
  const proto = validateConfigJson({ type: 'object' }, '{"__proto__": {"polluted": true}}');
  assert.equal(Object.getPrototypeOf(proto.value), Object.prototype);
  assert.deepEqual(Object.keys(proto.value), ['__proto__']);
  assert.equal({}.polluted, undefined);
});

test('reserved headers include hop-by-hop and signature headers', () => {
  const reserved = reservedHeaders();
  for (const h of ['host', 'content-length', 'transfer-encoding', 'connection', 'webhook-signature', 'stripe-signature', 'x-hub-signature-256']) {
    assert.ok(reserved.includes(h), h);
  }
  const r = validateConfig('jurichat', { name: 'n', url: 'https://e.com', events: ['webhook.test'], headers: { Host: 'x', 'X-Ok': 'a\r\nInjected: 1' } });
  assert.equal(r.valid, false);
  assert.deepEqual(r.errors.map((e) => e.path).sort(), ['/headers/Host', '/headers/X-Ok']);
});

test('checkWebhookUrl: the URL table of the Rust tests, through the host URL parser', () => {
  // The same rows tests/url_policy.rs runs through the url crate: both parsers must agree.
  const { rows } = JSON.parse(readFileSync(new URL('../data/url_policy.json', import.meta.url), 'utf8'));
  assert.ok(rows.length >= 80);
  const wrong = [];
  for (const [url, want] of rows) {
    const r = checkWebhookUrl(url);
    if (want === 'ok' ? !r.ok || 'code' in r : r.ok || r.code !== want || typeof r.message !== 'string') {
      wrong.push(`${JSON.stringify(url)}: want ${want}, got ${JSON.stringify(r)}`);
    }
  }
  assert.deepEqual(wrong, []);
  assert.equal(checkWebhookUrl('http://example.com/', { allowHttp: true }).ok, true);
  assert.equal(checkWebhookUrl('https://10.0.0.1/', { allowPrivate: true }).ok, true);
});

/** ajv for one of the shipped schema documents, with hookseal's `webhook-url` format. */
function ajvFor(name) {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addFormat('webhook-url', (s) => checkWebhookUrl(s).ok);
  // The custom-header rules, written independently from the text: an RFC 9110 token that
  // is not hop-by-hop or a signature header; a value without CR, LF or NUL.
  const reserved = new Set(reservedHeaders());
  ajv.addFormat('webhook-header-name', (s) => /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(s) && !reserved.has(s.toLowerCase()));
  ajv.addFormat('webhook-header-value', (s) => !/[\r\n\0]/.test(s));
  return ajv.compile(schemaDoc(name));
}

function rng(seed) {
  let s = seed >>> 0;
  return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32; };
}

const POOL = {
  string: ['', 'a', 'x'.repeat(100), 'x'.repeat(101), 'x'.repeat(255), 'x'.repeat(256), 'x'.repeat(500), 'x'.repeat(501), 'é'.repeat(100), '😀'.repeat(101)],
  url: ['https://example.com/hooks', 'https://crm.example.com:8443/a?b=c', 'http://example.com/x', 'https://10.0.0.1/', 'https://localhost/', 'not a url', '', 'https://' + 'a'.repeat(490) + '.com'],
  number: [-1, 0, 1, 4, 5, 6, 10, 11, 30, 119, 120, 121, 5.5, 1e21],
  other: [null, true, false, [], {}, ['x'], { a: 1 }],
};

function randomLeaf(rand) {
  const kinds = Object.keys(POOL);
  const pool = POOL[kinds[Math.floor(rand() * kinds.length)]];
  return pool[Math.floor(rand() * pool.length)];
}

/** A mutation of `base`: drop, replace or add members, shrink or grow arrays. */
function mutate(base, rand, eventsPool) {
  const out = structuredClone(base);
  const keys = Object.keys(out);
  for (let m = 1 + Math.floor(rand() * 3); m > 0; m--) {
    const r = rand();
    const key = keys[Math.floor(rand() * keys.length)];
    if (r < 0.2) delete out[key];
    else if (r < 0.6) out[key] = randomLeaf(rand);
    else if (r < 0.8 && Array.isArray(out[key])) {
      out[key] = rand() < 0.5 ? [] : [...out[key], rand() < 0.7 ? eventsPool[Math.floor(rand() * eventsPool.length)] : 'unknown.event'];
    } else if (r < 0.9) out['extra' + Math.floor(rand() * 3)] = randomLeaf(rand);
    else if (key === 'headers' || key === 'metadata') out[key] = { 'X-Custom': 'v', ...(rand() < 0.5 ? { Host: 'evil' } : { 'Bad Header': 'v' }) };
  }
  return out;
}

const BASES = {
  jurichat: [{ name: 'CRM', url: 'https://crm.example.com/hooks', events: ['crm.lead.created'], description: 'd', isActive: false, headers: { Authorization: 'Bearer t' } },
    ['crm.lead.created', 'contact.deleted', 'webhook.test']],
  jelou: [{ webhookUrl: 'https://example.com/hook', authType: 'bearer', authorization: 'Bearer abc' }, ['bearer', 'api_key', 'basic', 'no_auth']],
  talkover: [{ name: 'My Webhook', webhook_url: 'https://example.com/h', webhook_secret: 's', events: ['event_phone_call_started'], timeout: 30, max_retries: 3, enabled: true },
    ['event_phone_call_started', 'event_phone_call_ended']],
  'standard-webhooks-endpoint': [{ url: 'https://example.com/wh', description: 'x', filterTypes: ['invoice.paid'], disabled: false, metadata: { team: 'a' } }, ['invoice.paid']],
};

for (const [name, [base, events]] of Object.entries(BASES)) {
  test(`${name}: agrees with ajv on 2000 generated configs`, () => {
    const ajvValidate = ajvFor(name);
    const compiled = compileSchema(name);
    const rand = rng(name.length * 7919);
    let valid = 0;
    for (let i = 0; i < 2000; i++) {
      const config = i === 0 ? base : mutate(base, rand, events);
      const ours = compiled.validate(config);
      const theirs = ajvValidate(config);
      assert.equal(ours.valid, theirs, `config ${i}: ${JSON.stringify(config).slice(0, 300)}\nours: ${JSON.stringify(ours.errors).slice(0, 400)}\najv: ${JSON.stringify(ajvValidate.errors).slice(0, 400)}`);
      assert.equal(ours.valid, ours.errors.length === 0);
      valid += ours.valid ? 1 : 0;
    }
    // Both outcomes must be well represented, or the comparison proves little.
    assert.ok(valid > 100 && valid < 1900, `valid ${valid} of 2000`);
  });
}

test('a schema nested 100,000 levels deep is a schema error, as an object and as text', () => {
  let deep = { type: 'object' };
  for (let i = 0; i < 100_000; i++) deep = { properties: { a: deep } };
  assert.throws(() => compileSchema(deep), (e) => e instanceof SchemaError && e.code === 'schema_too_deep');
  let text = '{"type":"object"}';
  for (let i = 0; i < 2_000; i++) text = `{"properties":{"a":${text}}}`;
  assert.throws(() => validateConfig(JSON.parse(text), {}), (e) => e instanceof SchemaError && e.code === 'schema_too_deep');
});
