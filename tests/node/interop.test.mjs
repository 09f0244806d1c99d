// Interoperability with the real peer libraries from npm, both ways, on hundreds of random bodies
// (multi-byte UTF-8 included): what hookseal signs they verify, and what they sign hookseal verifies.
import test from 'node:test';
import assert from 'node:assert/strict';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { Webhook as SvixWebhook } from 'svix';
import Stripe from 'stripe';
import { sign as octokitSign, verify as octokitVerify } from '@octokit/webhooks-methods';
import { Verifier, Signer, Webhook, generateSecret } from 'hookseal';

const ROUNDS = 300;
const ALPHABET = ['a', 'Z', '0', ' ', '"', '\\', '\n', 'é', 'ß', '中', '文', '€', '😀', '🦀', '\u2028', '\u0000', '{', '}'];

/** A deterministic generator, so a failure names a reproducible round. */
function rng(seed) {
  let s = seed >>> 0;
  return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32; };
}

function randomText(rand) {
  const n = Math.floor(rand() * 200);
  let out = '';
  for (let i = 0; i < n; i++) out += ALPHABET[Math.floor(rand() * ALPHABET.length)];
  return out;
}

/** Random JSON bodies (Stripe and Svix parse what they verify). */
function* bodies(seed) {
  const rand = rng(seed);
  for (let i = 0; i < ROUNDS; i++) {
    yield [i, JSON.stringify({ id: `evt_${i}`, text: randomText(rand), n: rand() * 1e6, nested: { list: [randomText(rand)] } })];
  }
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

for (const [name, PeerWebhook] of [['standardwebhooks', StandardWebhook], ['svix', SvixWebhook]]) {
  test(`${name}: verifies what hookseal signs, and hookseal verifies what it signs`, () => {
    const secret = generateSecret();
    const peer = new PeerWebhook(secret);
    const signer = new Signer({ scheme: 'standard', secret });
    const verifier = new Verifier({ scheme: 'standard', secret });
    const dropIn = new Webhook(secret);
    for (const [i, body] of bodies(name.length)) {
      const headers = signer.sign(body);
      // standardwebhooks returns the parsed body; svix 2.x returns nothing. Both throw on failure.
      const parsed = peer.verify(body, headers);
      if (name === 'standardwebhooks') assert.deepEqual(parsed, JSON.parse(body), `round ${i}`);
      if (name === 'svix') {
        const svixHeaders = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.replace('webhook-', 'svix-'), v]));
        peer.verify(body, svixHeaders);
      }
      const id = `msg_${i}`;
      const date = new Date();
      const peerSig = peer.sign(id, date, body);
      assert.equal(dropIn.sign(id, date, body), peerSig, `round ${i}`);
      const peerHeaders = { 'webhook-id': id, 'webhook-timestamp': String(Math.floor(date / 1000)), 'webhook-signature': peerSig };
      assert.equal(verifier.verify(body, peerHeaders).id, id);
      assert.deepEqual(dropIn.verify(body, peerHeaders), JSON.parse(body));
      assert.throws(() => peer.verify(body + ' ', headers));
    }
  });
}

test('stripe: constructEvent accepts hookseal headers; hookseal accepts generateTestHeaderString', () => {
  const stripe = new Stripe('sk_test_hookseal');
  const secret = 'whsec_' + generateSecret({ format: 'hex' });
  const signer = new Signer({ scheme: 'stripe', secret });
  const verifier = new Verifier({ scheme: 'stripe', secret });
  for (const [i, body] of bodies(7)) {
    const header = signer.sign(body)['stripe-signature'];
    const event = stripe.webhooks.constructEvent(body, header, secret);
    assert.equal(event.id, `evt_${i}`);
    assert.throws(() => stripe.webhooks.constructEvent(body + ' ', header, secret));
    const timestamp = nowSeconds();
    const theirs = stripe.webhooks.generateTestHeaderString({ payload: body, secret, timestamp });
    assert.equal(theirs, signer.sign(body, { timestamp })['stripe-signature'], `round ${i}`);
    assert.equal(verifier.verify(body, { 'Stripe-Signature': theirs }).timestamp, timestamp);
    assert.throws(() => verifier.verify(body, { 'stripe-signature': theirs.replace(/.$/, (c) => (c === '0' ? '1' : '0')) }),
      (e) => e.code === 'no_matching_signature');
  }
});

test('@octokit/webhooks-methods: sign and verify both ways', async () => {
  const secret = generateSecret({ format: 'base64' });
  const signer = new Signer({ scheme: 'github', secret });
  const verifier = new Verifier({ scheme: 'github', secret });
  for (const [i, body] of bodies(11)) {
    const ours = signer.sign(body)['x-hub-signature-256'];
    assert.equal(await octokitSign(secret, body), ours, `round ${i}`);
    assert.equal(await octokitVerify(secret, body, ours), true);
    assert.equal(await octokitVerify(secret, body + 'x', ours), false);
    const theirs = await octokitSign(secret, body);
    assert.equal(verifier.verify(body, { 'X-Hub-Signature-256': theirs }).secretIndex, 0);
  }
});
