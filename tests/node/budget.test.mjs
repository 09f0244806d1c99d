// The lean entries' size budget, as `make bench` prints it: each entry's wasm at most 150,000
// bytes, and the minified browser bundle of `export * from <entry>` (esbuild, as an application
// would build it) at most 70,000 bytes gzipped. A size is deterministic for one build, so this is
// a guard against regressions, not a measurement.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const PKG = new URL('../../pkg/', import.meta.url);

async function bundleGzip(entry) {
  const out = await build({
    stdin: { contents: `export * from '${entry}';`, resolveDir: new URL('.', import.meta.url).pathname },
    bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, logLevel: 'error',
  });
  return gzipSync(out.outputFiles[0].contents, { level: 9 }).length;
}

for (const [entry, wasm] of [['hookseal/verify', 'hookseal_verify_bg.wasm'], ['hookseal/config', 'hookseal_config_bg.wasm']]) {
  test(`${entry} is within its budget: wasm ≤ 150,000 B, browser bundle ≤ 70,000 B gzip`, async () => {
    const raw = readFileSync(new URL(wasm, PKG)).length;
    assert.ok(raw <= 150_000, `${wasm} is ${raw} bytes`);
    const gzip = await bundleGzip(entry);
    assert.ok(gzip <= 70_000, `the bundle of ${entry} is ${gzip} bytes gzipped`);
    // The bundle embeds that wasm (deflated): a bundle far smaller would mean it went missing.
    assert.ok(gzip > raw / 4, `${gzip} bytes is too small to hold the wasm`);
  });
}
