'use strict';
// The published vectors of tests/vectors/signatures.json, for the CJS and ESM suites alike.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const file = join(__dirname, '..', 'vectors', 'signatures.json');
const vectors = JSON.parse(readFileSync(file, 'utf8')).vectors;

/** Verifier/Signer options for a vector. */
function optionsFor(v) {
  return { scheme: v.scheme, secret: v.secret };
}

/** The `now` at which a vector is fresh. */
function nowFor(v) {
  return v.timestamp ?? 1_700_000_000;
}

/** Checks every vector with the given package exports; `assert` is node:assert/strict. */
function checkVectors(hookseal, assert) {
  assert.ok(vectors.length >= 5);
  for (const v of vectors) {
    const verifier = new hookseal.Verifier(optionsFor(v));
    const got = verifier.verify(v.payload, v.headers, { now: nowFor(v) });
    assert.equal(got.scheme, v.scheme, v.source);
    assert.equal(got.secretIndex, 0);
    assert.equal(got.timestamp, v.timestamp, v.source);
    assert.equal(got.id, v.id, v.source);

    const signed = new hookseal.Signer(optionsFor(v)).sign(v.payload, { id: v.id, timestamp: v.timestamp ?? 0 });
    assert.deepEqual(Object.keys(signed).sort(), Object.keys(v.headers).sort(), v.source);
    for (const [name, value] of Object.entries(signed)) {
      // Stripe's published header also carries a `v0` test signature that hookseal does not write.
      if (v.scheme === 'stripe') assert.ok(v.headers[name].startsWith(value), `${v.source}: ${value}`);
      else assert.equal(value, v.headers[name], v.source);
    }

    const tampered = v.payload.slice(0, -1) + String.fromCharCode(v.payload.charCodeAt(v.payload.length - 1) ^ 1);
    assert.throws(() => verifier.verify(tampered, v.headers, { now: nowFor(v) }),
      (e) => e instanceof hookseal.WebhookVerificationError && e.code === 'no_matching_signature');
  }
}

module.exports = { vectors, optionsFor, nowFor, checkVectors };
