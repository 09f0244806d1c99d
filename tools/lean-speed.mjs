// Verify and sign speed of each lean entry against the full `hookseal`, in one process, with the
// same body and secret: `node tools/lean-speed.mjs [pkg-dir]` after `make pkg`. Each flavour is
// measured twice: the browser entries (the wasm's own HMAC, as a browser or bundler runs it) and the
// Node entries (`.cjs`, whose host may hand HMAC to node:crypto). Rounds alternate between the
// entries so that warm-up and machine noise fall on both; the figure is the median ratio.
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const pkg = resolve(process.argv[2] ?? 'pkg');
const require = createRequire(`${pkg}/`);
const flavours = {
  browser: [await import(pathToFileURL(`${pkg}/index.browser.mjs`)), await import(pathToFileURL(`${pkg}/verify.browser.mjs`))],
  node: [require('./index.cjs'), require('./verify.cjs')],
};
const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const now = 1_700_000_000;

/** Nanoseconds per call of `fn`, over enough calls to take about `ms`. */
function timeOf(fn, ms = 40) {
  let n = 1;
  for (;;) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i++) fn();
    const ns = Number(process.hrtime.bigint() - start);
    if (ns > ms * 1e6) return ns / n;
    n *= 2;
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
console.log('lean ÷ full time, one process (above 1: the lean entry is slower)');
for (const [flavour, [full, lean]] of Object.entries(flavours)) {
  for (const size of [64, 1024, 65536]) {
    const body = JSON.stringify({ data: 'x'.repeat(Math.max(0, size - 11)) });
    const cases = (hs) => {
      const signer = new hs.Signer({ scheme: 'standard', secret });
      const headers = signer.sign(body, { id: 'msg_1', timestamp: now });
      const verifier = new hs.Verifier({ scheme: 'standard', secret });
      return {
        verify: () => verifier.verify(body, headers, { now }),
        sign: () => signer.sign(body, { id: 'msg_1', timestamp: now }),
      };
    };
    const [f, l] = [cases(full), cases(lean)];
    for (const op of ['verify', 'sign']) {
      const ratios = [];
      for (let round = 0; round < 7; round++) ratios.push(timeOf(l[op]) / timeOf(f[op]));
      console.log(`  ${flavour.padEnd(8)} ${op.padEnd(7)} ${String(body.length).padStart(6)} B  ${median(ratios).toFixed(2)}×  (full ${(timeOf(f[op]) / 1000).toFixed(2)} µs)`);
    }
  }
}
