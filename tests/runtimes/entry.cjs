'use strict';
// CommonJS entry for Node: `require('hookseal')` (the `node`+`require` condition → index.cjs), then
// the shared ES module smoke test through a dynamic import. Prints `SMOKE OK <entry> <steps>`.
const hookseal = require('hookseal');

import('./smoke.mjs').then(({ smoke }) => {
  const steps = smoke(hookseal);
  console.log(`SMOKE OK ${require.resolve('hookseal')} ${steps.join(',')}`);
}).catch((e) => {
  console.error(e && e.stack || e);
  process.exitCode = 1;
});
