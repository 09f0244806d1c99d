// ES module entry for Node (ESM), Bun and Deno: imports the package and its lean entries by their bare
// names, so each runtime picks its own export condition (node → index.mjs, bun → index.mjs, deno →
// index.mjs; verify.mjs and config.mjs beside it), runs the smoke test of all three and prints
// `SMOKE OK <resolved entry> <steps>` for run.mjs.
import * as hookseal from 'hookseal';
import * as verify from 'hookseal/verify';
import * as config from 'hookseal/config';
import { smokeAll } from './smoke.mjs';

const entry = import.meta.resolve('hookseal');
for (const lean of ['verify', 'config']) {
  const resolved = import.meta.resolve(`hookseal/${lean}`);
  const expected = entry.replace(/index(\.\w+)$/, `${lean}$1`);
  if (resolved !== expected) throw new Error(`hookseal/${lean} resolved to ${resolved}, expected ${expected}`);
}
const steps = smokeAll(hookseal, verify, config);
console.log(`SMOKE OK ${entry} ${steps.join(',')}`);
