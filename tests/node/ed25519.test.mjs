// Standard Webhooks v1a (Ed25519) through the JavaScript API, against node:crypto's Ed25519
// (OpenSSL) as the independent peer: the published vector; both ways on hundreds of random key
// pairs and bodies, with both `whsk_` forms; mixed v1/v1a headers and rotation across kinds;
// tampering; non-canonical and small-order inputs; malformed keys.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import crypto from 'node:crypto';
import nacl from 'tweetnacl';
import {
  Verifier, Signer, Webhook, generateKeyPair, publicKeyOf, generateSecret, diagnose, WebhookVerificationError,
} from 'hookseal';

const VECTOR = JSON.parse(readFileSync(new URL('../vectors/signatures-v1a.json', import.meta.url), 'utf8')).vectors[0];
const ROUNDS = 300;
/** The order of the Ed25519 group. */
const L = (1n << 252n) + 27742317777372353535851937790883648493n;
const PKCS8_SEED = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI = Buffer.from('302a300506032b6570032100', 'hex');
const ALPHABET = ['a', 'Z', '0', ' ', '"', '\\', '\n', 'é', '中', '€', '😀', '\u2028', '\u0000', '{', '}'];

function rng(seed) {
  let s = seed >>> 0;
  return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32; };
}

function randomBody(rand) {
  let text = '';
  const n = Math.floor(rand() * 300);
  for (let i = 0; i < n; i++) text += ALPHABET[Math.floor(rand() * ALPHABET.length)];
  return JSON.stringify({ type: 'invoice.paid', text, n: rand() });
}

/** A node:crypto key pair and its raw parts: the 32-byte seed and the 32-byte public key. */
function nodePair() {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
  const seed = privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(-32);
  const pub = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  return { privateKey, publicKey, seed, pub };
}

const whsk = (bytes) => `whsk_${Buffer.from(bytes).toString('base64')}`;
const whpk = (bytes) => `whpk_${Buffer.from(bytes).toString('base64')}`;
const rawOf = (key) => Buffer.from(key.slice(5), 'base64');
const nodePublic = (raw) => crypto.createPublicKey({ key: Buffer.concat([SPKI, raw]), format: 'der', type: 'spki' });
const nodePrivate = (seed) => crypto.createPrivateKey({ key: Buffer.concat([PKCS8_SEED, seed]), format: 'der', type: 'pkcs8' });
const signedContent = (id, timestamp, body) => Buffer.from(`${id}.${timestamp}.${body}`);
const v1aOf = (header) => header.split(' ').filter((s) => s.startsWith('v1a,')).map((s) => Buffer.from(s.slice(4), 'base64'));

function throwsCode(fn, code) {
  assert.throws(fn, (e) => e instanceof WebhookVerificationError && e.code === code, `expected ${code}`);
}

function le(bytes) {
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i]);
  return n;
}

function toLe(n, length) {
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i++) { out[i] = Number(n & 0xffn); n >>= 8n; }
  return out;
}

test('the published vector (svix server tests): 64-byte whsk_, its whpk_, through every class', () => {
  const v = VECTOR;
  const seedForm = whsk(rawOf(v.secretKey).subarray(0, 32));
  assert.equal(publicKeyOf(v.secretKey), v.publicKey);
  assert.equal(publicKeyOf(seedForm), v.publicKey);
  // node:crypto derives the same public key from the seed, and verifies the published signature.
  const fromNode = crypto.createPublicKey(nodePrivate(rawOf(v.secretKey).subarray(0, 32)));
  assert.deepEqual(fromNode.export({ format: 'der', type: 'spki' }).subarray(-32), rawOf(v.publicKey));
  const [sig] = v1aOf(v.headers['webhook-signature']);
  assert.ok(crypto.verify(null, signedContent(v.id, v.timestamp, v.payload), fromNode, sig));
  for (const key of [v.publicKey, v.secretKey, seedForm]) {
    const got = new Verifier({ scheme: 'standard', secret: key }).verify(v.payload, v.headers, { now: v.timestamp });
    assert.deepEqual(got, { scheme: 'standard', id: v.id, timestamp: v.timestamp, secretIndex: 0 });
    assert.deepEqual(new Verifier({ scheme: 'svix', secret: key }).verify(Buffer.from(v.payload), v.headers, { now: v.timestamp }).id, v.id);
  }
  for (const key of [v.secretKey, seedForm]) {
    assert.deepEqual(new Signer({ scheme: 'standard', secret: key }).sign(v.payload, { id: v.id, timestamp: v.timestamp }), v.headers);
    assert.equal(new Webhook(key).sign(v.id, new Date(v.timestamp * 1000), v.payload), v.headers['webhook-signature']);
  }
  // The drop-in with a public key verifies (its clock is real, so re-sign the vector at now).
  const now = Math.floor(Date.now() / 1000);
  const headers = new Signer({ scheme: 'standard', secret: v.secretKey }).sign(v.payload, { id: v.id, timestamp: now });
  assert.deepEqual(new Webhook(v.publicKey).verify(v.payload, headers), JSON.parse(v.payload));
  assert.deepEqual(new Webhook(v.secretKey).verify(v.payload, headers), JSON.parse(v.payload));
  throwsCode(() => new Webhook(v.publicKey).sign(v.id, new Date(), v.payload), 'invalid_secret');
});

test(`node:crypto verifies what hookseal signs, and hookseal verifies what node:crypto signs (${ROUNDS} key pairs, both whsk_ forms)`, () => {
  const rand = rng(14);
  for (let i = 0; i < ROUNDS; i++) {
    const pair = nodePair();
    const secretKey = i % 2 === 0 ? whsk(pair.seed) : whsk(Buffer.concat([pair.seed, pair.pub]));
    const publicKey = whpk(pair.pub);
    assert.equal(publicKeyOf(secretKey), publicKey, `round ${i}`);
    const body = randomBody(rand);
    const id = `msg_${i}`;
    const timestamp = 1_700_000_000 + i;
    const headers = new Signer({ scheme: 'standard', secret: secretKey }).sign(body, { id, timestamp });
    const [ours] = v1aOf(headers['webhook-signature']);
    const content = signedContent(id, timestamp, body);
    assert.ok(crypto.verify(null, content, pair.publicKey, ours), `round ${i}: node rejects hookseal's signature`);
    const theirs = crypto.sign(null, content, pair.privateKey);
    assert.deepEqual(ours, theirs, `round ${i}: Ed25519 is deterministic, so both sign alike`);
    const received = { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': `v1a,${theirs.toString('base64')}` };
    const verifier = new Verifier({ scheme: 'standard', secret: publicKey });
    assert.equal(verifier.verify(body, received, { now: timestamp }).id, id, `round ${i}`);
    assert.equal(verifier.verify(new TextEncoder().encode(body), received, { now: timestamp }).id, id);
    // Tampering with anything signed fails.
    throwsCode(() => verifier.verify(body + ' ', received, { now: timestamp }), 'no_matching_signature');
    throwsCode(() => verifier.verify(body, { ...received, 'webhook-id': `${id}x` }, { now: timestamp }), 'no_matching_signature');
    throwsCode(() => verifier.verify(body, { ...received, 'webhook-timestamp': String(timestamp + 1) }, { now: timestamp }),
      'no_matching_signature');
    const flipped = Buffer.from(theirs);
    flipped[Math.floor(rand() * 64)] ^= 1 << Math.floor(rand() * 8);
    throwsCode(() => verifier.verify(body, { ...received, 'webhook-signature': `v1a,${flipped.toString('base64')}` }, { now: timestamp }),
      'no_matching_signature');
  }
});

test('generateKeyPair makes seed-form keys that node:crypto accepts', () => {
  for (let i = 0; i < 50; i++) {
    const { secretKey, publicKey } = generateKeyPair();
    assert.match(secretKey, /^whsk_[A-Za-z0-9+/]{43}=$/);
    assert.match(publicKey, /^whpk_[A-Za-z0-9+/]{43}=$/);
    assert.equal(publicKeyOf(secretKey), publicKey);
    const derived = crypto.createPublicKey(nodePrivate(rawOf(secretKey)));
    assert.deepEqual(derived.export({ format: 'der', type: 'spki' }).subarray(-32), rawOf(publicKey));
    const headers = new Webhook(secretKey).sign(`msg_${i}`, new Date(), '{}');
    const [sig] = v1aOf(headers);
    const now = Math.floor(Date.now() / 1000);
    assert.ok([now, now - 1].some((t) => crypto.verify(null, signedContent(`msg_${i}`, t, '{}'), nodePublic(rawOf(publicKey)), sig)));
  }
  assert.notEqual(generateKeyPair().secretKey, generateKeyPair().secretKey);
});

test('mixed v1/v1a headers and rotation from HMAC to Ed25519 report the matching secret', () => {
  const hmac = generateSecret();
  const oldPair = generateKeyPair();
  const pair = generateKeyPair();
  const body = '{"event":"rotate"}';
  const both = new Signer({ scheme: 'standard', secrets: [hmac, pair.secretKey] }).sign(body);
  assert.match(both['webhook-signature'], /^v1,\S+ v1a,\S+$/);
  const now = Number(both['webhook-timestamp']);
  // node:crypto checks the v1a half, node's HMAC the v1 half.
  const content = signedContent(both['webhook-id'], now, body);
  assert.ok(crypto.verify(null, content, nodePublic(rawOf(pair.publicKey)), v1aOf(both['webhook-signature'])[0]));
  const mac = crypto.createHmac('sha256', Buffer.from(hmac.slice(6), 'base64')).update(content).digest('base64');
  assert.equal(both['webhook-signature'].split(' ')[0], `v1,${mac}`);
  const cases = [
    [[pair.publicKey, hmac], 0],
    [[hmac, pair.publicKey], 0],
    [[oldPair.publicKey, pair.publicKey], 1],
    [[oldPair.publicKey, hmac], 1],
    [[pair.secretKey], 0],
  ];
  for (const [secrets, index] of cases) {
    assert.equal(new Verifier({ scheme: 'standard', secrets }).verify(body, both).secretIndex, index, secrets.join());
  }
  // During the move: the receiver holds `whpk_new, whsec_old`; an old sender still sends v1 only.
  const v1Only = new Signer({ scheme: 'standard', secret: hmac }).sign(body);
  assert.equal(new Verifier({ scheme: 'standard', secrets: [pair.publicKey, hmac] }).verify(body, v1Only).secretIndex, 1);
  // After it: a v1-only delivery does not verify with the public key alone.
  throwsCode(() => new Verifier({ scheme: 'standard', secret: pair.publicKey }).verify(body, v1Only), 'no_matching_signature');
  // Repeated headers (Node's arrays, a Fetch Headers' ", " join) are all candidates.
  const [v1, v1a] = both['webhook-signature'].split(' ');
  const verifier = new Verifier({ scheme: 'standard', secret: pair.publicKey });
  assert.equal(verifier.verify(body, { ...both, 'webhook-signature': [v1, v1a] }).secretIndex, 0);
  assert.equal(verifier.verify(body, new Headers([...Object.entries({ ...both, 'webhook-signature': v1 }), ['webhook-signature', v1a]])).secretIndex, 0);
  // A v1a candidate counts toward the signature limit.
  const many = { ...both, 'webhook-signature': Array(65).fill(v1a).join(' ') };
  throwsCode(() => verifier.verify(body, many), 'too_many_signatures');
  // diagnose(): a public key makes v1a a checked version, not an unsupported one.
  const onlyV1a = { ...both, 'webhook-signature': v1a };
  assert.deepEqual(diagnose({ secret: pair.publicKey }, body, onlyV1a), { ok: true, scheme: 'standard', findings: [] });
  assert.equal(diagnose({ secret: hmac }, body, onlyV1a).findings[0].code, 'unsupported_signature_version');
  assert.equal(diagnose({ secret: oldPair.publicKey }, body, onlyV1a).findings[0].code, 'no_matching_signature');
});

test('non-canonical signatures (S + L) are refused, as node:crypto refuses them', () => {
  const pair = nodePair();
  const verifier = new Verifier({ scheme: 'standard', secret: whpk(pair.pub) });
  let checked = 0;
  for (let i = 0; checked < 20; i++) {
    const id = `msg_${i}`;
    const content = signedContent(id, 1, '{}');
    const sig = crypto.sign(null, content, pair.privateKey);
    const s = le(sig.subarray(32));
    if (s + L >= 1n << 256n) continue;
    const high = Buffer.concat([sig.subarray(0, 32), toLe(s + L, 32)]);
    const headers = (sig) => ({ 'webhook-id': id, 'webhook-timestamp': '1', 'webhook-signature': `v1a,${sig.toString('base64')}` });
    assert.equal(verifier.verify('{}', headers(sig), { now: 1 }).secretIndex, 0);
    assert.equal(crypto.verify(null, content, pair.publicKey, high), false);
    throwsCode(() => verifier.verify('{}', headers(high), { now: 1 }), 'no_matching_signature');
    checked++;
  }
});

test("a signature whose R is of small order is refused (tweetnacl's cofactorless check accepts it)", () => {
  // The key owner can make one: R = identity and S = k·a, so that [S]B = R + [k]A holds.
  // tweetnacl is the witness, not node:crypto: Node 20 and 22 accept it, Node 24 refuses it.
  for (let i = 0; i < 10; i++) {
    const pair = nodePair();
    const h = crypto.createHash('sha512').update(pair.seed).digest();
    const scalar = Buffer.from(h.subarray(0, 32));
    scalar[0] &= 248; scalar[31] &= 127; scalar[31] |= 64;
    const R = Buffer.alloc(32);
    R[0] = 1;
    const content = signedContent(`msg_${i}`, 1, '{}');
    const k = le(crypto.createHash('sha512').update(R).update(pair.pub).update(content).digest()) % L;
    const sig = Buffer.concat([R, toLe((k * le(scalar)) % L, 32)]);
    assert.equal(nacl.sign.detached.verify(content, sig, pair.pub), true, 'the forged-R signature is valid under the lax equation');
    const headers = { 'webhook-id': `msg_${i}`, 'webhook-timestamp': '1', 'webhook-signature': `v1a,${sig.toString('base64')}` };
    throwsCode(() => new Verifier({ scheme: 'standard', secret: whpk(pair.pub) }).verify('{}', headers, { now: 1 }), 'no_matching_signature');
  }
});

test('small-order public keys, non-points and wrong lengths are invalid_secret', () => {
  // The eight points of small order (and the non-canonical sign-bit forms of two of them).
  const smallOrder = [
    '0100000000000000000000000000000000000000000000000000000000000000',
    'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
    '0000000000000000000000000000000000000000000000000000000000000000',
    '0000000000000000000000000000000000000000000000000000000000000080',
    '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
    '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85',
    'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
    'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa',
    '0100000000000000000000000000000000000000000000000000000000000080',
  ];
  for (const hex of smallOrder) {
    throwsCode(() => new Verifier({ scheme: 'standard', secret: whpk(Buffer.from(hex, 'hex')) }), 'invalid_secret');
  }
  // y = 2 is not the y of any point.
  const notAPoint = Buffer.alloc(32);
  notAPoint[0] = 2;
  throwsCode(() => new Verifier({ scheme: 'standard', secret: whpk(notAPoint) }), 'invalid_secret');
  const pair = nodePair();
  for (const bad of [
    whpk(pair.pub.subarray(0, 31)), whpk(Buffer.concat([pair.pub, Buffer.alloc(1)])), whsk(pair.seed.subarray(0, 31)),
    whsk(Buffer.concat([pair.seed, pair.pub, Buffer.alloc(1)])), whsk(Buffer.alloc(48)), 'whsk_', 'whpk_', 'whpk_***',
  ]) {
    throwsCode(() => new Verifier({ scheme: 'standard', secret: bad }), 'invalid_secret');
  }
  // A 64-byte key whose public half is not the seed's.
  const other = nodePair();
  throwsCode(() => new Signer({ scheme: 'standard', secret: whsk(Buffer.concat([pair.seed, other.pub])) }), 'invalid_secret');
  // A public key cannot sign; other schemes take no Ed25519 keys; messages never echo a key.
  try {
    new Signer({ scheme: 'standard', secrets: [generateSecret(), whpk(pair.pub)] });
    assert.fail('signed with a public key');
  } catch (e) {
    assert.equal(e.code, 'invalid_secret');
    assert.ok(!e.message.includes(pair.pub.toString('base64').slice(0, 20)));
  }
  for (const scheme of ['stripe', 'github', { signatureHeader: 'x-sig', encoding: 'hex', secretEncoding: 'whsec' }]) {
    throwsCode(() => new Verifier({ scheme, secret: whpk(pair.pub) }), 'invalid_secret');
  }
  throwsCode(() => publicKeyOf(whpk(pair.pub)), 'invalid_secret');
  throwsCode(() => publicKeyOf('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'), 'invalid_secret');
  assert.throws(() => publicKeyOf(42), TypeError);
});

test('a large body verifies with Ed25519 beside an HMAC secret on the Node path', () => {
  const pair = generateKeyPair();
  const hmac = generateSecret();
  const body = JSON.stringify({ blob: 'x'.repeat(200_000) });
  const headers = new Signer({ scheme: 'standard', secrets: [pair.secretKey, hmac] }).sign(body);
  const now = Number(headers['webhook-timestamp']);
  const content = signedContent(headers['webhook-id'], now, body);
  assert.ok(crypto.verify(null, content, nodePublic(rawOf(pair.publicKey)), v1aOf(headers['webhook-signature'])[0]));
  assert.equal(new Verifier({ scheme: 'standard', secrets: [hmac, pair.publicKey] }).verify(body, headers).secretIndex, 0);
  assert.equal(new Verifier({ scheme: 'standard', secrets: [pair.publicKey] }).verify(Buffer.from(body), headers).secretIndex, 0);
  // The HMAC-only verifier still takes node:crypto's HMAC for this size, and agrees.
  assert.equal(new Verifier({ scheme: 'standard', secret: hmac }).verify(body, headers).secretIndex, 0);
});
