'use strict';
// CommonJS entry for Node: `require('hookseal')` and its lean entries (the `node`+`require` condition
// → index.cjs, verify.cjs, config.cjs), then the shared ES module smoke test through a dynamic
// import. Prints `SMOKE OK <entry> <steps>`.
const hookseal = require('hookseal');
const verify = require('hookseal/verify');
const config = require('hookseal/config');

const entry = require.resolve('hookseal');
for (const lean of ['verify', 'config']) {
  const resolved = require.resolve(`hookseal/${lean}`);
  const expected = entry.replace(/index\.cjs$/, `${lean}.cjs`);
  if (resolved !== expected) throw new Error(`hookseal/${lean} resolved to ${resolved}, expected ${expected}`);
}

import('./smoke.mjs').then(({ smokeAll }) => {
  const steps = smokeAll(hookseal, verify, config);
  console.log(`SMOKE OK ${entry} ${steps.join(',')}`);
}).catch((e) => {
  console.error(e && e.stack || e);
  process.exitCode = 1;
});
