// `make bench`: the side-by-side comparison in every runtime `make test` installs (the machine's
// Node, Node 22 and 24, Bun, Deno, headless Chromium), each in its own process, memory and cold start
// in Node, and the package's sizes. Prints each runtime's table of ratios, a summary against the
// targets, and writes everything as JSON to target/bench/results.json (git-ignored; `runtimes` names
// each runtime measured and the version that ran). Nothing here is asserted: figures vary by machine.
//
// Usage: node run.mjs [node|node22|node24|bun|deno|chromium|memory|cold|timing|size ...]   (default: all)
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '..');
// The npm workspace's packages (the runtimes of tests/runtimes, esbuild of tools/) and Node 22 and 24,
// which `make test-runtimes` installs apart (tests/runtimes/node-versions).
const MODULES = join(REPO, 'node_modules');
const NODE_VERSIONS = [22, 24];
const nodeBin = (major) => join(REPO, 'tests', 'runtimes', 'node-versions', 'node_modules', `node${major}`, 'bin', 'node');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const wanted = new Set(process.argv.slice(2));
const want = (name) => wanted.size === 0 || wanted.has(name);
const results = { date: new Date().toISOString(), runtimes: {}, rows: [] };

function exec(cmd, args, options = {}) {
  return new Promise((done, fail) => {
    const child = spawn(cmd, args, { cwd: HERE, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
      if (options.echo) process.stdout.write(String(d).split('\n').filter((l) => !/^[A-Z]+_JSON /.test(l)).join('\n'));
    });
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeout ?? 900_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) done(stdout);
      else fail(new Error(`${cmd} ${args.join(' ')} exited ${code}\n${stderr.slice(-2000)}`));
    });
  });
}

const jsonLine = (stdout, tag) => JSON.parse(stdout.split('\n').find((l) => l.startsWith(`${tag} `)).slice(tag.length + 1));

async function runtime(name, cmd, args, env) {
  try {
    const rows = jsonLine(await exec(cmd, args, { echo: true, env }), 'BENCH_JSON');
    results.rows.push(...rows);
    results.runtimes[name] = rows[0]?.runtime;
  } catch (e) {
    console.log(`${name}: not measured: ${e.message.split('\n')[0]}`);
  }
}

async function chromium() {
  if (!existsSync(CHROMIUM)) return console.log(`chromium: not measured (${CHROMIUM} is missing)`);
  const dir = mkdtempSync(join(tmpdir(), 'hookseal-bench-'));
  try {
    const esbuild = join(MODULES, '.bin', 'esbuild');
    await exec(esbuild, ['browser-entry.mjs', '--bundle', '--format=esm', '--platform=browser', '--log-level=warning',
      '--loader:.json=json', `--outfile=${join(dir, 'bench.js')}`]);
    const settings = JSON.stringify({ BENCH_ROUNDS: process.env.BENCH_ROUNDS, BENCH_MS: process.env.BENCH_MS });
    writeFileSync(join(dir, 'index.html'), `<!doctype html><meta charset="utf-8"><script>globalThis.BENCH_SETTINGS = ${settings};</script>` +
      '<script type="module" src="bench.js"></script>');
    const server = createServer((req, res) => {
      const file = join(dir, req.url === '/' ? 'index.html' : req.url.slice(1));
      if (!file.startsWith(dir) || !existsSync(file)) return res.writeHead(404).end();
      res.writeHead(200, {
        'content-type': extname(file) === '.html' ? 'text/html' : 'text/javascript',
        // Cross-origin isolation: performance.now() at 5 µs instead of 100 µs.
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-embedder-policy': 'require-corp',
      }).end(readFileSync(file));
    });
    await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
    const { chromium: browserType } = await import(join(MODULES, 'playwright-core', 'index.mjs'));
    const context = await browserType.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const page = await context.newPage();
      const problems = [];
      page.on('pageerror', (e) => problems.push(e.message));
      page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
      await page.goto(`http://127.0.0.1:${server.address().port}/`, { waitUntil: 'commit' });
      await page.waitForFunction(() => window.__bench !== undefined, null, { timeout: 60_000, polling: 500 }).catch((e) => {
        throw new Error(`${e.message.split('\n')[0]}: ${problems.join('; ')}`);
      });
      const out = await page.evaluate(() => window.__bench);
      for (const line of out.lines) console.log(line);
      if (out.error) throw new Error(out.error);
      console.log(`== ${out.rows[0]?.runtime}`);
      results.rows.push(...out.rows);
      results.runtimes.chromium = out.rows[0]?.runtime;
    } finally {
      await context.close();
      server.close();
    }
  } catch (e) {
    console.log(`chromium: not measured: ${e.message.split('\n')[0]}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function memory() {
  const out = jsonLine(await exec(process.execPath, ['--expose-gc', 'memory.mjs']), 'MEMORY_JSON');
  results.memory = out;
  console.log(`\nMemory (Node): 700,000 Verifier/Signer/Webhook never freed: RSS +${out.objectsMiB.toFixed(1)} MiB after GC; ` +
    `1,000,000 verify calls: RSS ${out.verifyMiB >= 0 ? '+' : ''}${out.verifyMiB.toFixed(1)} MiB`);
}

async function timing() {
  results.timing = jsonLine(await exec(process.execPath, ['timing.mjs'], { echo: true }), 'TIMING_JSON');
}

async function coldStart() {
  const samples = { hookseal: [], standardwebhooks: [] };
  for (let i = 0; i < 15; i++) {
    for (const which of i % 2 ? ['hookseal', 'standardwebhooks'] : ['standardwebhooks', 'hookseal']) {
      const start = performance.now();
      await exec(process.execPath, ['cold.mjs', which]);
      samples[which].push(performance.now() - start);
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  const [ours, theirs] = [median(samples.hookseal), median(samples.standardwebhooks)];
  results.coldStart = { hooksealMs: ours, standardwebhooksMs: theirs, ratio: ours / theirs };
  console.log(`Cold start (Node, new process: import + verify one vector): hookseal ${ours.toFixed(1)} ms, ` +
    `standardwebhooks ${theirs.toFixed(1)} ms: ${(ours / theirs).toFixed(2)}× its time`);
}

function sizes() {
  const pkg = join(REPO, 'pkg');
  results.size = {};
  console.log('\nPackage size (raw / gzip -9 bytes)');
  for (const file of ['hookseal_bg.wasm', 'hookseal.js', 'hookseal_wasm_inline.js', 'index.cjs', 'engine.mjs', 'texts.mjs', 'deliver.mjs']) {
    const path = join(pkg, file);
    if (!existsSync(path)) continue;
    const bytes = readFileSync(path);
    const row = [bytes.length, gzipSync(bytes, { level: 9 }).length];
    results.size[file] = row;
    console.log(`  ${file.padEnd(26)} ${String(row[0]).padStart(8)} ${String(row[1]).padStart(8)}`);
  }
  const [raw, gz] = results.size['hookseal_bg.wasm'];
  for (const [label, env] of [['Ed25519 (v1a)', 'WASM_WITHOUT_ED25519']]) {
    const path = process.env[env];
    if (!path || !existsSync(path)) continue;
    const bytes = readFileSync(path);
    const without = [bytes.length, gzipSync(bytes, { level: 9 }).length];
    results.size[env] = without;
    console.log(`  without ${label}: ${without[0]} / ${without[1]}; it adds ${raw - without[0]} / ${gz - without[1]}`);
  }
}

/** Each entry and peer as an application ships it: esbuild's minified browser bundle of a file that
 * re-exports it (what a bundler keeps when every name is used), beside the entry's own wasm. */
function bundleSizes() {
  const esbuild = join(REPO, 'node_modules', '.bin', 'esbuild');
  const entries = [['hookseal', 'hookseal_bg.wasm'], ['hookseal/verify', 'hookseal_verify_bg.wasm'], ['hookseal/config', 'hookseal_config_bg.wasm'],
    ['standardwebhooks'], ['svix'], ['ajv/dist/2020.js'], ['canonicalize', null, "export { default } from 'canonicalize';"]];
  results.bundles = {};
  console.log('\nBrowser bundle of `export * from <entry>` (esbuild --minify; bytes: raw wasm, bundle min, bundle gzip -9)');
  for (const [entry, wasm, source] of entries) {
    const bundle = execFileSync(esbuild, ['--bundle', '--minify', '--format=esm', '--platform=browser', '--log-level=error'],
      { cwd: HERE, input: source ?? `export * from '${entry}';` });
    const row = [wasm ? readFileSync(join(REPO, 'pkg', wasm)).length : null, bundle.length, gzipSync(bundle, { level: 9 }).length];
    results.bundles[entry] = row;
    console.log(`  ${entry.padEnd(26)} ${String(row[0] ?? '-').padStart(8)} ${String(row[1]).padStart(8)} ${String(row[2]).padStart(8)}`);
  }
  // The lean entries' budget (decimal kilobytes): wasm ≤ 150 KB raw, browser bundle ≤ 70 KB gzip.
  for (const entry of ['hookseal/verify', 'hookseal/config']) {
    const [wasm, , gzip] = results.bundles[entry];
    const within = wasm <= 150_000 && gzip <= 70_000;
    console.log(`  ${entry} budget (wasm ≤ 150,000 B, bundle ≤ 70,000 B gzip): ${within ? 'within' : 'OVER'}, ` +
      `${150_000 - wasm} B and ${70_000 - gzip} B to spare`);
  }
}

/** The targets of the boundary work, each as the worst ratio over sizes, per runtime. */
function summary() {
  const byRuntime = new Map();
  for (const row of results.rows) {
    if (!byRuntime.has(row.runtime)) byRuntime.set(row.runtime, []);
    byRuntime.get(row.runtime).push(row);
  }
  const pick = (rows, group, name) => rows.filter((r) => r.group === group && r.name === name);
  const worst = (list) => (list.length ? Math.min(...list.map((r) => r.ratio)) : undefined);
  console.log('\nSummary: worst ratio over body sizes (peer time ÷ hookseal time; the string row is hookseal\'s own string ÷ bytes)');
  for (const [runtime, rows] of byRuntime) {
    const lines = [
      ['standard vs hand-written node:crypto (target ≥ 0.8)', pick(rows, 'standard Verifier', 'hand-written node:crypto')],
      ['standard vs awaited WebCrypto (target ≥ 1.0)', pick(rows, 'standard Verifier', 'awaited WebCrypto')],
      ['verifyAsync vs awaited WebCrypto (target ≥ 0.9)', pick(rows, 'standard verifyAsync', 'awaited WebCrypto')],
      ['stripe vs stripe verifyHeader (target ≥ 1.0)', pick(rows, 'stripe Verifier', 'stripe verifyHeader')],
      ['github vs @octokit/webhooks-methods (target ≥ 1.0)', pick(rows, 'github Verifier', '@octokit/webhooks-methods (async)')],
      ['Webhook vs standardwebhooks (target ≥ 3)', pick(rows, 'Webhook.verify (parses)', 'standardwebhooks')],
      ['Webhook vs svix (target ≥ 3)', pick(rows, 'Webhook.verify (parses)', 'svix')],
      ['canonicalize(text) vs npm (target ≥ 2)', pick(rows, 'canonicalize(text)', 'npm canonicalize(JSON.parse)')],
      ['canonicalizeValue vs npm (target ≥ 1.5)', pick(rows, 'canonicalizeValue(value)', 'npm canonicalize')],
      ['validate (valid) vs zod (target ≥ 1)', pick(rows, 'validate talkover (valid)', 'zod safeParse')],
      ['validate (invalid) vs zod (target ≥ 1)', pick(rows, 'validate talkover (invalid)', 'zod safeParse')],
      ['validate (valid) vs ajv (target ≥ 0.2)', pick(rows, 'validate talkover (valid)', 'ajv (compiled)')],
      ['validate (invalid) vs ajv (target ≥ 0.2)', pick(rows, 'validate talkover (invalid)', 'ajv (compiled)')],
      ['compileSchema vs ajv.compile (target ≥ 100)', pick(rows, 'compile talkover schema', 'ajv.compile')],
    ];
    const strings = rows.filter((r) => r.group === 'string ÷ bytes (own cost)' && r.name === 'string');
    console.log(`  ${runtime}`);
    for (const [label, list] of lines) {
      const w = worst(list);
      if (w !== undefined) console.log(`    ${label.padEnd(54)} ${w.toFixed(2)}`);
    }
    if (strings.length) {
      console.log(`    ${'string payload ÷ bytes, worst (target ≤ 1.3)'.padEnd(54)} ${Math.max(...strings.map((r) => r.ratio)).toFixed(2)}`);
    }
  }
}

if (want('node')) await runtime('node', process.execPath, ['entry.mjs']);
for (const major of NODE_VERSIONS) {
  if (!want(`node${major}`)) continue;
  if (existsSync(nodeBin(major))) await runtime(`node${major}`, nodeBin(major), ['entry.mjs']);
  else console.log(`node${major}: not measured (run make test-runtimes once to install it)`);
}
if (want('bun')) {
  const bun = join(MODULES, '@oven', 'bun-linux-x64', 'bin', 'bun');
  if (existsSync(bun)) await runtime('bun', bun, ['entry.mjs'], { BUN_RUNTIME_TRANSPILER_CACHE_PATH: '0' });
  else console.log('bun: not measured (run make test-runtimes once to install it)');
}
if (want('deno')) {
  const deno = join(MODULES, '@deno', 'linux-x64-glibc', 'deno');
  const denoDir = mkdtempSync(join(tmpdir(), 'hookseal-deno-'));
  if (existsSync(deno)) {
    await runtime('deno', deno, ['run', '--quiet', '--no-lock', '--node-modules-dir=manual', '--allow-read', '--allow-env', '--allow-hrtime', 'entry.mjs'],
      { DENO_NO_UPDATE_CHECK: '1', DENO_DIR: denoDir });
  } else console.log('deno: not measured (run make test-runtimes once to install it)');
  rmSync(denoDir, { recursive: true, force: true });
}
if (want('chromium')) await chromium();
if (want('memory')) await memory();
if (want('cold')) await coldStart();
if (want('timing')) await timing();
if (want('size')) {
  sizes();
  bundleSizes();
}
summary();
mkdirSync(join(REPO, 'target', 'bench'), { recursive: true });
writeFileSync(join(REPO, 'target', 'bench', 'results.json'), JSON.stringify(results, null, 2));
console.log('\nwritten: target/bench/results.json');
