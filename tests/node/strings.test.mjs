// Strings into the wasm by both paths (see string-cases.mjs): payload strings sign and verify as
// their UTF-8 bytes (lone surrogates as U+FFFD, like TextEncoder, Buffer.from and Fetch bodies),
// and the strict path of canonicalize refuses lone surrogates.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import * as hookseal from 'hookseal';
import { LENGTHS, wellFormedText, withLoneSurrogate, checkStrictPath } from './string-cases.mjs';

const { Signer, Verifier, generateSecret } = hookseal;

test('payload strings sign as their UTF-8 bytes on both sides of the threshold', () => {
  const secret = generateSecret();
  const signer = new Signer({ scheme: 'github', secret });
  const verifier = new Verifier({ scheme: 'github', secret });
  for (const length of LENGTHS) {
    for (const body of [
      wellFormedText(length, length),
      withLoneSurrogate(wellFormedText(length, length + 1), 'middle', '\ud800'),
      withLoneSurrogate(wellFormedText(length, length + 2), 'end', '\udc00'),
    ]) {
      const bytes = Buffer.from(body, 'utf8');
      const expected = 'sha256=' + createHmac('sha256', secret).update(bytes).digest('hex');
      const headers = signer.sign(body);
      assert.equal(headers['x-hub-signature-256'], expected, `${length} units`);
      assert.deepEqual(signer.sign(new Uint8Array(bytes)), headers, `${length} units as bytes`);
      assert.equal(verifier.verify(body, headers).scheme, 'github');
      assert.equal(verifier.verify(new TextEncoder().encode(body), headers).scheme, 'github');
    }
  }
});

test('canonicalize: both string paths agree with npm canonicalize and refuse lone surrogates', () => {
  assert.equal(typeof ''.isWellFormed, 'function', 'this run checks the native path');
  checkStrictPath(hookseal);
});
