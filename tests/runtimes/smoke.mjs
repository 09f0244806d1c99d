// The runtime smoke test: one function, `smoke(hookseal)`, that takes the package's module namespace
// (however the runtime loaded it) and throws on the first failure; `smokeLean` does the same for the
// lean entries `hookseal/verify` and `hookseal/config`, and `smokeAll` runs all three. `make test-runtimes` runs it in
// Node (CJS and ESM), Bun, Deno, workerd and headless Chromium (plain and bundled pages), so it has
// no imports at all: no node:assert, no fs. The one published vector it needs is inlined below;
// run.mjs checks in Node that it still equals ../vectors/signatures.json.
//
// Each check is one function in STEPS; a new check (such as validating a seed config with
// `validateConfig` once it exists) is one more function added to that list.

/** The first Standard Webhooks vector of tests/vectors/signatures.json. */
export const STANDARD_VECTOR = {
  scheme: 'standard',
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  payload: '{"test": 2432232314}',
  headers: {
    'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
    'webhook-timestamp': '1614265330',
    'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
  },
};

/** The Standard Webhooks v1a (Ed25519) vector of tests/vectors/signatures-v1a.json. */
export const V1A_VECTOR = {
  scheme: 'standard-v1a',
  secretKey: 'whsk_6Xb/dCcHpPea21PS1N9VY/NZW723CEc77N4rJCubMbfVKIDij2HKpMKkioLlX0dRqSKJp4AJ6p9lMicMFs6Kvg==',
  publicKey: 'whpk_1SiA4o9hyqTCpIqC5V9HUakiiaeACeqfZTInDBbOir4=',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  payload: '{"test": 2432232314}',
  headers: {
    'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
    'webhook-timestamp': '1614265330',
    'webhook-signature': 'v1a,hnO3f9T8Ytu9HwrXslvumlUpqtNVqkhqw/enGzPCXe5BdqzCInXqYXFymVJaA7AZdpXwVLPo3mNl8EM+m7TBAg==',
  },
};

/** A platform's own scheme, as a custom-scheme object. */
export const CUSTOM_SCHEME = {
  signatureHeader: 'X-JuriChat-Signature',
  encoding: 'hex',
  prefix: 'sha256=',
  template: '{timestamp}.{body}',
  timestampHeader: 'X-JuriChat-Timestamp',
};

export const PRESETS = ['standard', 'stripe', 'github', 'slack', 'shopify', 'square', 'zoom'];

function check(condition, message) {
  if (!condition) throw new Error(`smoke: ${message}`);
}

function equal(actual, expected, what) {
  check(actual === expected, `${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

/** Runs `fn`, which must throw an instance of `Class` with `code`; returns the error. */
function throwsCode(fn, Class, code, what) {
  try {
    fn();
  } catch (e) {
    check(e instanceof Class, `${what}: expected ${Class.name}, got ${e && e.name}: ${e && e.message}`);
    equal(e.code, code, `${what}: error code`);
    return e;
  }
  throw new Error(`smoke: ${what}: did not throw`);
}

/** The published Standard Webhooks vector verifies, re-signs identically, and works with `Webhook`. */
function standardVector(h) {
  const v = STANDARD_VECTOR;
  const got = new h.Verifier({ scheme: v.scheme, secret: v.secret }).verify(v.payload, v.headers, { now: v.timestamp });
  equal(got.scheme, 'standard', 'vector scheme');
  equal(got.id, v.id, 'vector id');
  equal(got.timestamp, v.timestamp, 'vector timestamp');
  equal(got.secretIndex, 0, 'vector secretIndex');
  const signed = new h.Signer({ scheme: v.scheme, secret: v.secret }).sign(v.payload, { id: v.id, timestamp: v.timestamp });
  equal(JSON.stringify(signed), JSON.stringify(v.headers), 'vector re-signed headers');
  equal(new h.Webhook(v.secret).sign(v.id, new Date(v.timestamp * 1000), v.payload), v.headers['webhook-signature'], 'Webhook.sign');
}

/** The v1a vector verifies with the public key, re-signs identically with the secret key (Ed25519 is
 * deterministic), rejects a tampered body; a fresh key pair signs and verifies beside an HMAC secret. */
function v1aVector(h) {
  const v = V1A_VECTOR;
  const verifier = new h.Verifier({ scheme: 'standard', secret: v.publicKey });
  const got = verifier.verify(v.payload, v.headers, { now: v.timestamp });
  equal(got.id, v.id, 'v1a vector id');
  equal(got.secretIndex, 0, 'v1a vector secretIndex');
  throwsCode(() => verifier.verify(v.payload.replace('2432', '2433'), v.headers, { now: v.timestamp }), h.WebhookVerificationError,
    'no_matching_signature', 'v1a tampered body');
  const signed = new h.Signer({ scheme: 'standard', secret: v.secretKey }).sign(v.payload, { id: v.id, timestamp: v.timestamp });
  equal(JSON.stringify(signed), JSON.stringify(v.headers), 'v1a vector re-signed headers');
  equal(new h.Webhook(v.secretKey).sign(v.id, new Date(v.timestamp * 1000), v.payload), v.headers['webhook-signature'], 'Webhook(whsk_).sign');
  equal(h.publicKeyOf(v.secretKey), v.publicKey, 'publicKeyOf');
  const pair = h.generateKeyPair();
  check(/^whsk_[A-Za-z0-9+/]{43}=$/.test(pair.secretKey) && /^whpk_[A-Za-z0-9+/]{43}=$/.test(pair.publicKey), 'generateKeyPair() format');
  const hmac = h.generateSecret();
  const headers = new h.Signer({ scheme: 'standard', secrets: [hmac, pair.secretKey] }).sign(v.payload);
  check(/^v1,\S+ v1a,\S+$/.test(headers['webhook-signature']), `v1 and v1a in one header: ${headers['webhook-signature']}`);
  equal(new h.Verifier({ scheme: 'standard', secrets: [pair.publicKey] }).verify(v.payload, headers).secretIndex, 0, 'v1a beside v1');
  throwsCode(() => new h.Signer({ scheme: 'standard', secret: pair.publicKey }), h.WebhookVerificationError, 'invalid_secret',
    'a public key cannot sign');
}

/** Every preset scheme and a custom one: sign, verify (string and bytes), reject a tampered body;
 * with a short body and a long one (strings past 256 UTF-16 units take the native encoder). */
function everyScheme(h) {
  equal(JSON.stringify(h.schemes()), JSON.stringify(PRESETS), 'schemes()');
  const data = { id: 'c_42', name: 'Zoë 中文 🦀' };
  const short = JSON.stringify({ type: 'contact.created', data });
  const long = JSON.stringify({ type: 'contact.created', data: { ...data, notes: 'Zoë 中文 🦀 '.repeat(200) } });
  for (const body of [short, long]) signAndVerify(h, body);
}

function signAndVerify(h, body) {
  const bytes = new TextEncoder().encode(body);
  const now = Math.floor(Date.now() / 1000);
  for (const scheme of [...PRESETS, CUSTOM_SCHEME]) {
    const name = `${typeof scheme === 'string' ? scheme : 'custom'} (${body.length} units)`;
    const secret = scheme === 'standard' ? h.generateSecret() : h.generateSecret({ format: 'hex' });
    const options = { scheme, secret, notificationUrl: 'https://example.com/webhooks/square' };
    const headers = new h.Signer(options).sign(body);
    check(Object.keys(headers).length > 0, `${name}: sign returned no headers`);
    for (const key of Object.keys(headers)) equal(key, key.toLowerCase(), `${name}: header name case`);
    const verifier = new h.Verifier(options);
    const result = verifier.verify(body, headers);
    equal(result.secretIndex, 0, `${name}: secretIndex`);
    check(typeof result.scheme === 'string' && result.scheme.length > 0, `${name}: result.scheme`);
    if (result.timestamp !== undefined) check(Math.abs(result.timestamp - now) < 60, `${name}: timestamp`);
    equal(verifier.verify(bytes, headers).secretIndex, 0, `${name}: Uint8Array payload`);
    const fixed = { id: 'msg_smoke', timestamp: now };
    equal(JSON.stringify(new h.Signer(options).sign(body, fixed)), JSON.stringify(new h.Signer(options).sign(bytes, fixed)),
      `${name}: a string signs as its UTF-8 bytes`);
    throwsCode(() => verifier.verify(body.replace('42', '43'), headers), h.WebhookVerificationError,
      'no_matching_signature', `${name}: tampered body`);
    verifier.free();
  }
  check(/^whsec_[A-Za-z0-9+/]{43}=$/.test(h.generateSecret()), 'generateSecret() format');
}

/** RFC 8785 canonical JSON from text and from a value; an invalid input's error class and code. */
function canonicalization(h) {
  equal(h.canonicalize('{ "b": [1.0E2, "\\u0041"], "a": -0 }'), '{"a":0,"b":[100,"A"]}', 'canonicalize');
  equal(h.canonicalize(new TextEncoder().encode('{"€":1,"$":2}')), '{"$":2,"€":1}', 'canonicalize(bytes)');
  equal(h.canonicalizeValue({ b: 2, a: [1, 'é', 1e21, 0.1], u: undefined }), '{"a":[1,"é",1e+21,0.1],"b":2}', 'canonicalizeValue');
  // Long strings take the runtime's TextEncoder and isWellFormed: the same answers.
  const long = 'Zoë 中文 🦀 '.repeat(100);
  equal(h.canonicalize(`{"b":1,"a":"${long}"}`), `{"a":"${long}","b":1}`, 'canonicalize(long text)');
  equal(h.canonicalizeValue({ b: 1, a: long }), `{"a":"${long}","b":1}`, 'canonicalizeValue(long string)');
  throwsCode(() => h.canonicalize(`["${long}\ud800${long}"]`), h.CanonicalizationError, 'lone_surrogate', 'long text, lone surrogate');
  throwsCode(() => h.canonicalizeValue([long + '\udc00']), h.CanonicalizationError, 'lone_surrogate', 'long string, lone surrogate');
  const e = throwsCode(() => h.canonicalize('{"a":1,"a":2}'), h.CanonicalizationError, 'duplicate_key', 'duplicate key');
  check(e instanceof h.HooksealError && e instanceof Error, 'CanonicalizationError extends HooksealError and Error');
}

/** Errors are real classes with a stable `code`, caught the way an application catches them. */
function errors(h) {
  const v = STANDARD_VECTOR;
  const verifier = new h.Verifier({ scheme: 'standard', secret: v.secret });
  let caught;
  try {
    verifier.verify(v.payload, v.headers); // the vector is from 2021: far outside the tolerance now
  } catch (e) {
    caught = e;
  }
  check(caught instanceof h.WebhookVerificationError, `expected a WebhookVerificationError, got ${caught}`);
  check(caught instanceof h.HooksealError && caught instanceof Error, 'WebhookVerificationError extends HooksealError and Error');
  equal(caught.code, 'timestamp_too_old', 'stale delivery code');
  const { 'webhook-signature': _, ...unsigned } = v.headers;
  throwsCode(() => verifier.verify(v.payload, unsigned, { now: v.timestamp }), h.WebhookVerificationError, 'missing_header', 'missing header');
  throwsCode(() => new h.Verifier({ scheme: 'nope', secret: 'x' }), h.WebhookVerificationError, 'invalid_scheme', 'unknown scheme');
  let typeError;
  try { verifier.verify(JSON.parse(v.payload), v.headers, { now: v.timestamp }); } catch (e) { typeError = e; }
  check(typeError instanceof TypeError, 'a parsed payload is a TypeError');
}

/** A seed provider's config is validated, with its defaults and its API's error answer. */
function seedConfig(h) {
  const bad = h.validateConfig('talkover', { name: 'My Webhook', events: [] });
  equal(bad.valid, false, 'invalid talkover config');
  equal(JSON.stringify(bad.response), JSON.stringify({ status: 422, body: { message: 'The given data was invalid.', errors: {
    webhook_url: ['The webhook url field is required.'], events: ['The events field must contain at least 1 items.'] } } }),
  'talkover 422 answer');
  const good = h.validateConfigJson('jurichat', '{"name":"CRM","url":"https://crm.example.com/h","events":["crm.lead.created"]}');
  equal(good.valid, true, 'valid jurichat config');
  equal(good.value.isActive, true, 'default filled in');
  const dup = h.validateConfigJson('jurichat', new TextEncoder().encode('{"name":"a","name":"b"}'));
  equal(JSON.stringify([dup.valid, dup.errors[0].keyword, dup.errors[0].params.code, dup.response.status]),
    JSON.stringify([false, 'json', 'duplicate_key', 400]), 'unparsable JSON text is an invalid result');
  equal(h.compileSchema({ type: 'string' }).validate('hello').valid, true, 'a string is a string instance');
  equal(h.validateConfig({ type: 'object' }, '{}').errors[0].keyword, 'type', 'a string is not parsed');
  equal(h.checkWebhookUrl('https://[::ffff:127.0.0.1]/').code, 'loopback_address', 'URL policy');
  throwsCode(() => h.compileSchema({ type: 'object', unevaluatedProperties: false }), h.SchemaError, 'invalid_schema', 'unsupported keyword');
}

/** The checks, in order. */
export const STEPS = [standardVector, v1aVector, everyScheme, canonicalization, errors, seedConfig];

/** What each lean entry offers: the checks of its names, and names that only `hookseal` has. */
export const LEAN = {
  verify: {
    names: ['Verifier', 'Signer', 'Webhook', 'generateSecret', 'schemes', 'HooksealError', 'WebhookVerificationError'],
    steps: [standardVector, everyScheme, errors, canonicalMode, noEd25519],
    absent: ['canonicalize', 'validateConfig', 'diagnose', 'planDelivery', 'generateKeyPair'],
  },
  config: {
    names: ['validateConfig', 'compileSchema', 'CompiledSchema', 'checkWebhookUrl', 'reservedHeaders', 'generateSecret',
      'HooksealError', 'CanonicalizationError', 'SchemaError'],
    steps: [seedConfig, configErrors],
    absent: ['Verifier', 'canonicalize', 'diagnose', 'planDelivery'],
  },
};

/** Canonical mode: a body re-serialized with other whitespace and member order still verifies. */
function canonicalMode(h) {
  const secret = h.generateSecret();
  const options = { scheme: 'standard', secret, canonical: true };
  const headers = new h.Signer(options).sign('{"b":[1.0E2],"a":"é"}');
  equal(new h.Verifier(options).verify('{ "a": "\\u00e9", "b": [100] }', headers).secretIndex, 0, 'canonical mode');
  throwsCode(() => new h.Verifier(options).verify('{"a":1,"a":2}', headers), h.WebhookVerificationError, 'duplicate_key',
    'canonical mode, duplicate key');
}

/** The lean verify entry has no Ed25519: a v1a key is refused with a typed error, not a crash. */
function noEd25519(h) {
  throwsCode(() => new h.Verifier({ scheme: 'standard', secret: V1A_VECTOR.publicKey }), h.WebhookVerificationError, 'invalid_secret',
    'a whpk_ key without Ed25519');
}

/** The config entry: strict JSON text, values as values, schemas, secrets. */
function configErrors(h) {
  const dup = h.validateConfigJson('jurichat', '{"name":1,"name":2}');
  equal(JSON.stringify([dup.valid, dup.errors[0].params.code, dup.response.status]), JSON.stringify([false, 'duplicate_key', 400]),
    'strict JSON text: a duplicate key is an invalid result');
  equal(h.compileSchema({ type: 'string' }).validate('hello').valid, true, 'a string is a string instance');
  const schema = h.compileSchema({ type: 'object', required: ['url'] });
  check(schema instanceof h.CompiledSchema, 'compileSchema returns a CompiledSchema');
  equal(schema.validate({}).valid, false, 'CompiledSchema.validate');
  schema.free();
  check(h.reservedHeaders().includes('webhook-signature'), 'reservedHeaders()');
  check(/^[0-9a-f]{64}$/.test(h.generateSecret({ format: 'hex' })), 'generateSecret({ format: hex })');
}

function runSteps(h, steps, prefix) {
  const done = [];
  for (const step of steps) {
    try {
      step(h);
    } catch (e) {
      e.message = `[${prefix}${step.name}] ${e.message}`;
      throw e;
    }
    done.push(prefix + step.name);
  }
  return done;
}

/** Runs every step against the hookseal namespace `h`; throws on the first failure. Returns the step names. */
export function smoke(h) {
  for (const name of ['Verifier', 'Signer', 'Webhook', 'generateSecret', 'schemes', 'canonicalize', 'canonicalizeValue',
    'validateConfig', 'validateConfigJson', 'compileSchema', 'checkWebhookUrl', 'HooksealError', 'WebhookVerificationError', 'CanonicalizationError', 'SchemaError',
    'generateKeyPair', 'publicKeyOf']) {
    check(typeof h[name] === 'function', `export ${name} is ${typeof h[name]}`);
  }
  return runSteps(h, STEPS, '');
}

/** The smoke of a lean entry (`verify` or `config`): exactly its names, and its checks. */
export function smokeLean(entry, h) {
  const { names, steps, absent } = LEAN[entry];
  for (const name of names) check(typeof h[name] === 'function', `hookseal/${entry}: export ${name} is ${typeof h[name]}`);
  for (const name of absent) check(!(name in h), `hookseal/${entry} exports ${name}, which only hookseal has`);
  return runSteps(h, steps, `${entry}:`);
}

/** `smoke` of `hookseal`, then `smokeLean` of `hookseal/verify` and `hookseal/config`. */
export function smokeAll(full, verify, config) {
  return [...smoke(full), ...smokeLean('verify', verify), ...smokeLean('config', config)];
}
