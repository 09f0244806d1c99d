// The lean entries against the full one in one process: each is its own module instance, yet its
// errors are instances of every entry's classes of the same kind (and of no other kind), and what one
// entry signs the others verify.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRequire } from 'node:module';

import * as full from 'hookseal';
import * as verify from 'hookseal/verify';
import * as config from 'hookseal/config';

const require = createRequire(import.meta.url);

function thrown(fn) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  assert.fail('did not throw');
}

test('an error of hookseal/verify is an instance of every entry\'s class of its kind', () => {
  const e = thrown(() => new verify.Verifier({ scheme: 'github', secret: 's' }).verify('{}', {}));
  assert.equal(e.code, 'missing_header');
  for (const entry of [full, verify, require('hookseal'), require('hookseal/verify')]) {
    assert.ok(e instanceof entry.WebhookVerificationError);
    assert.ok(e instanceof entry.HooksealError);
  }
  assert.ok(!(e instanceof full.SchemaError));
  assert.ok(!(e instanceof full.CanonicalizationError));
  assert.ok(!(e instanceof config.SchemaError));
  assert.ok(e instanceof Error);
});

test('an error of hookseal/config is an instance of its kind only', () => {
  const e = thrown(() => config.compileSchema({ type: 'no-such-type' }));
  assert.equal(e.code, 'invalid_schema');
  assert.ok(e instanceof full.SchemaError);
  assert.ok(e instanceof full.HooksealError);
  assert.ok(e instanceof verify.HooksealError);
  assert.ok(!(e instanceof full.WebhookVerificationError));
  assert.ok(!(e instanceof verify.WebhookVerificationError));
  const f = thrown(() => full.compileSchema({ type: 'no-such-type' }));
  assert.ok(f instanceof config.SchemaError);
});

test('values that are not hookseal errors are not instances', () => {
  for (const value of [new Error('x'), new TypeError('x'), { code: 'missing_header' }, null, undefined, 1, 'x', Symbol('x'), () => {}]) {
    assert.ok(!(value instanceof full.HooksealError));
    assert.ok(!(value instanceof verify.WebhookVerificationError));
  }
});

test('what one entry signs, every entry verifies, with the same headers', () => {
  const secret = full.generateSecret();
  const options = { scheme: 'standard', secret };
  const payload = JSON.stringify({ type: 'invoice.paid', data: { id: 'in_1', amount: 4200 } });
  const at = { id: 'msg_entries', timestamp: 1_700_000_000 };
  const byFull = new full.Signer(options).sign(payload, at);
  const byLean = new verify.Signer(options).sign(payload, at);
  assert.deepEqual(byLean, byFull);
  const now = { now: 1_700_000_000 };
  assert.equal(new verify.Verifier(options).verify(payload, byFull, now).secretIndex, 0);
  assert.equal(new full.Verifier(options).verify(payload, byLean, now).secretIndex, 0);
});

test('config validates alike in both entries', () => {
  const input = { name: 'CRM', url: 'https://crm.example.com/h', events: ['crm.lead.created'] };
  assert.deepEqual(config.validateConfig('jurichat', input), full.validateConfig('jurichat', input));
  assert.deepEqual(config.validateConfigJson('jurichat', '{"name":1,"name":2}'), full.validateConfigJson('jurichat', '{"name":1,"name":2}'));
});
