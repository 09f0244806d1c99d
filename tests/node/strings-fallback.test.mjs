// The same strict-path checks on a runtime without String.prototype.isWellFormed (Node 18, older
// browsers): src/wasm/text.js then finds lone surrogates with a regular expression. Its own file,
// because node --test runs each file in its own process and the package must load after the
// method is gone.
import test from 'node:test';
import { checkStrictPath } from './string-cases.mjs';

test('canonicalize refuses lone surrogates without String.prototype.isWellFormed', async () => {
  // text.js looks for the method once, when the package loads; npm `canonicalize` (the reference
  // in the checks) needs it afterwards, so it is only missing while hookseal loads.
  const isWellFormed = String.prototype.isWellFormed;
  delete String.prototype.isWellFormed;
  let hookseal;
  try {
    hookseal = await import('hookseal');
  } finally {
    String.prototype.isWellFormed = isWellFormed;
  }
  checkStrictPath(hookseal);
});
