'use strict';
// The package through `require` (CommonJS).
const test = require('node:test');
const assert = require('node:assert/strict');
const hookseal = require('hookseal');
const { checkVectors } = require('./vectors.cjs');

test('require() loads the synchronous API', () => {
  for (const name of ['Verifier', 'Signer', 'Webhook', 'generateSecret', 'WebhookVerificationError', 'HooksealError']) {
    assert.equal(typeof hookseal[name], 'function', name);
  }
  assert.deepEqual(hookseal.schemes(), ['standard', 'stripe', 'github', 'slack', 'shopify', 'square', 'zoom']);
});

test('published vectors verify and re-sign (CJS)', () => checkVectors(hookseal, assert));

test('errors are WebhookVerificationError with a code (CJS)', () => {
  const v = new hookseal.Verifier({ scheme: 'github', secret: 's' });
  assert.throws(() => v.verify('x', {}), (e) => e instanceof hookseal.WebhookVerificationError
    && e instanceof hookseal.HooksealError && e instanceof Error && e.code === 'missing_header'
    && e.name === 'WebhookVerificationError');
});
