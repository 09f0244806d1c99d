// A dudect-style timing study (`make bench`, not a test): is verification time independent of how
// many leading bytes of a forged signature are right? Two classes of forgeries, 0 and 31 leading
// bytes equal to the real MAC, measured interleaved in random order; Welch's t statistic of the
// two timing distributions (|t| below ~4.5 is the usual "no leak detected" threshold). Prints
// `TIMING_JSON {…}`. Run in Node, for the wasm path and for the node:crypto path.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const pkg = dirname(createRequire(import.meta.url).resolve('hookseal/package.json'));
const glue = await import(join(pkg, 'hookseal.js'));
const { createApi } = await import(join(pkg, 'api.mjs'));
const { nodeHost } = await import(join(pkg, 'host-node.mjs'));
const exports = glue.initSync({ module: readFileSync(join(pkg, 'hookseal_bg.wasm')) });

const SAMPLES = Number(process.env.TIMING_SAMPLES ?? 200_000);
const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const body = JSON.stringify({ type: 'invoice.paid', data: { id: 'in_1', amount: 1250 } });

function welch(a, b) {
  const stats = (xs) => {
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1);
    return [mean, variance];
  };
  const [ma, va] = stats(a);
  const [mb, vb] = stats(b);
  return (ma - mb) / Math.sqrt(va / a.length + vb / b.length);
}

const out = {};
for (const [path, api] of [['wasm', createApi(glue, exports)], ['node:crypto', createApi(glue, exports, nodeHost(0))]]) {
  const headers = new api.Signer({ scheme: 'standard', secret }).sign(body, { id: 'msg_1', timestamp: 1000 });
  const real = Buffer.from(headers['webhook-signature'].slice(3), 'base64');
  const forged = (equal) => {
    const sig = Buffer.from(real);
    for (let i = equal; i < 32; i++) sig[i] ^= 0x5a;
    return { ...headers, 'webhook-signature': `v1,${sig.toString('base64')}` };
  };
  const classes = [forged(0), forged(31)];
  const verifier = new api.Verifier({ scheme: 'standard', secret });
  const times = [[], []];
  // Crop the slowest 5% of each class (GC pauses, preemption), as dudect does.
  for (let i = 0; i < SAMPLES; i++) {
    const which = Math.random() < 0.5 ? 0 : 1;
    const start = process.hrtime.bigint();
    try {
      verifier.verify(body, classes[which], { now: 1000 });
    } catch {
      // Both classes fail: only the time matters.
    }
    times[which].push(Number(process.hrtime.bigint() - start));
  }
  const crop = (xs) => xs.sort((a, b) => a - b).slice(0, Math.floor(xs.length * 0.95));
  const t = welch(crop(times[0]), crop(times[1]));
  out[path] = { t, samples: SAMPLES };
  console.log(`Timing (${path}): 0 vs 31 leading bytes right, Welch t = ${t.toFixed(2)} over ${SAMPLES} verifications`);
}
console.log(`TIMING_JSON ${JSON.stringify(out)}`);
