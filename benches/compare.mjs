// `make bench`: verification speed of hookseal and the peer libraries, measured side by side in one
// run and reported as ratios, plus the size of what the package ships. Nothing here is asserted:
// wall-clock figures vary by machine; the ratios are what to compare.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { Webhook as SvixWebhook } from 'svix';
import Stripe from 'stripe';
import { verify as octokitVerify } from '@octokit/webhooks-methods';
import { Signer, Verifier, generateSecret } from 'hookseal';

const MIN_MS = Number(process.env.BENCH_MS || 400);

/** Runs `fn` repeatedly for at least MIN_MS and returns operations per second, after a quarter
 * of that warming up (a fixed count of calls left the first library measured still being
 * optimized by the JIT, which made it look up to 2x slower). */
async function opsPerSecond(fn) {
  const warm = performance.now();
  while (performance.now() - warm < MIN_MS / 4) {
    for (let i = 0; i < 100; i++) await fn();
  }
  let n = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < MIN_MS) {
    for (let i = 0; i < 100; i++) await fn();
    n += 100;
    elapsed = performance.now() - start;
  }
  return (n * 1000) / elapsed;
}

const sizes = [1024, 64 * 1024];
const rows = [];
for (const size of sizes) {
  const body = JSON.stringify({ type: 'bench', data: 'x'.repeat(size - 30) });
  const secret = generateSecret();
  const now = Math.floor(Date.now() / 1000);

  const stdHeaders = new Signer({ scheme: 'standard', secret }).sign(body);
  const hsStd = new Verifier({ scheme: 'standard', secret });
  const peerStd = new StandardWebhook(secret);
  const peerSvix = new SvixWebhook(secret);
  const ours = await opsPerSecond(() => hsStd.verify(body, stdHeaders));
  rows.push(['standard', size, 'hookseal Verifier', ours, 1]);
  for (const [name, peer] of [['standardwebhooks', peerStd], ['svix', peerSvix]]) {
    const theirs = await opsPerSecond(() => peer.verify(body, stdHeaders));
    rows.push(['standard', size, name, theirs, ours / theirs]);
  }

  const stripeSecret = 'whsec_' + generateSecret({ format: 'hex' });
  const stripe = new Stripe('sk_test_bench');
  const stripeHeader = new Signer({ scheme: 'stripe', secret: stripeSecret }).sign(body)['stripe-signature'];
  const hsStripe = new Verifier({ scheme: 'stripe', secret: stripeSecret });
  const oursStripe = await opsPerSecond(() => hsStripe.verify(body, { 'stripe-signature': stripeHeader }));
  rows.push(['stripe', size, 'hookseal Verifier', oursStripe, 1]);
  const stripeOps = await opsPerSecond(() => stripe.webhooks.signature.verifyHeader(body, stripeHeader, stripeSecret));
  rows.push(['stripe', size, 'stripe verifyHeader', stripeOps, oursStripe / stripeOps]);

  const ghHeader = new Signer({ scheme: 'github', secret }).sign(body)['x-hub-signature-256'];
  const hsGh = new Verifier({ scheme: 'github', secret });
  const oursGh = await opsPerSecond(() => hsGh.verify(body, { 'x-hub-signature-256': ghHeader }));
  rows.push(['github', size, 'hookseal Verifier', oursGh, 1]);
  const ghOps = await opsPerSecond(() => octokitVerify(secret, body, ghHeader));
  rows.push(['github', size, '@octokit/webhooks-methods (async)', ghOps, oursGh / ghOps]);
  void now;
}

console.log('Verification throughput (higher is better); ratio = hookseal ops/s ÷ peer ops/s\n');
console.log('scheme    body     library                              ops/s       hookseal ×');
for (const [scheme, size, name, ops, ratio] of rows) {
  console.log(`${scheme.padEnd(9)} ${String(size).padStart(6)} B  ${name.padEnd(36)} ${ops.toFixed(0).padStart(9)}   ${ratio.toFixed(2)}`);
}

const pkg = new URL('../pkg/', import.meta.url);
console.log('\nPackage size (raw / gzip -9 bytes)');
const fileSizes = {};
for (const file of ['hookseal_bg.wasm', 'hookseal.js', 'hookseal.cjs', 'hookseal_wasm_inline.js', 'api.mjs', 'index.mjs', 'index.cjs']) {
  const bytes = readFileSync(new URL(file, pkg));
  fileSizes[file] = [bytes.length, gzipSync(bytes, { level: 9 }).length];
  console.log(`  ${file.padEnd(24)} ${String(fileSizes[file][0]).padStart(8)} ${String(fileSizes[file][1]).padStart(8)}`);
}
// The budget is a target to compare against, not an assertion.
const [raw, gz] = fileSizes['hookseal_bg.wasm'];
console.log(`\nwasm vs budget (150 KB raw, 60 KB gzip): ${(raw / 150e3).toFixed(2)}× raw, ${(gz / 60e3).toFixed(2)}× gzip`);

// What the JSON-Schema engine costs: the same build without the `schema` feature (`make bench`
// passes its wasm), so the figures say where the bytes are, not only how many.
const withoutSchema = process.argv[2];
if (withoutSchema) {
  const bytes = readFileSync(withoutSchema);
  const [coreRaw, coreGz] = [bytes.length, gzipSync(bytes, { level: 9 }).length];
  console.log('\nwasm split (raw / gzip -9 bytes, share of the package wasm)');
  const row = (label, r, g) =>
    console.log(`  ${label.padEnd(46)} ${String(r).padStart(8)} ${String(g).padStart(8)}   ${(r / raw * 100).toFixed(0).padStart(3)}% / ${(g / gz * 100).toFixed(0).padStart(3)}%`);
  row('sign, verify, canonicalize, secrets, bindings', coreRaw, coreGz);
  row('JSON-Schema engine (the `schema` feature)', raw - coreRaw, gz - coreGz);
  console.log(`  without the engine vs budget: ${(coreRaw / 150e3).toFixed(2)}× raw, ${(coreGz / 60e3).toFixed(2)}× gzip`);
}
