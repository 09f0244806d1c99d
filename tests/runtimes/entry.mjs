// ES module entry for Node (ESM), Bun and Deno: imports the package by its bare name, so each runtime
// picks its own export condition (node → index.mjs, bun → index.mjs, deno → index.mjs), runs the
// smoke test and prints `SMOKE OK <resolved entry> <steps>` for run.mjs.
import * as hookseal from 'hookseal';
import { smoke } from './smoke.mjs';

const steps = smoke(hookseal);
console.log(`SMOKE OK ${import.meta.resolve('hookseal')} ${steps.join(',')}`);
