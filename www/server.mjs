// The page's static server (`make www`): www/ at the root, the built package under /pkg/ and the
// built-in schemas under /schemas/, on 127.0.0.1 only by default. Node's standard library only.
//
//   HOST=127.0.0.1 PORT=8080 node www/server.mjs
//
// Imported, `serve({ host, port })` resolves to the running server (port 0 picks a free port).
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const MOUNTS = [
  ['/pkg/', join(ROOT, 'pkg')],
  ['/schemas/', join(ROOT, 'schemas')],
  ['/', join(ROOT, 'www')],
];
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
};

/** The file a URL path names, or null if it is outside the served folders. */
function fileFor(pathname) {
  let path;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  if (path.endsWith('/')) path += 'index.html';
  for (const [prefix, dir] of MOUNTS) {
    if (!path.startsWith(prefix)) continue;
    const file = resolve(dir, `.${sep}${path.slice(prefix.length)}`);
    // `..` segments must not climb out of the mount.
    return file === dir || file.startsWith(dir + sep) ? file : null;
  }
  return null;
}

async function handle(request, response) {
  const { pathname } = new URL(request.url, 'http://localhost');
  const file = request.method === 'GET' || request.method === 'HEAD' ? fileFor(pathname) : null;
  const type = file && TYPES[extname(file)];
  let body = null;
  if (type) body = await readFile(file).catch(() => null);
  if (!body) {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    response.end('not found\n');
    return;
  }
  response.writeHead(200, {
    'content-type': type,
    'content-length': body.length,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    // Everything the page needs is on this server; nothing else may load.
    'content-security-policy': "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self' 'wasm-unsafe-eval'",
  });
  response.end(request.method === 'HEAD' ? undefined : body);
}

/** Starts the server; resolves to it once it listens. */
export function serve({ host = '127.0.0.1', port = 8080 } = {}) {
  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      res.writeHead(500);
      res.end();
    });
  });
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => done(server));
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const host = process.env.HOST || '127.0.0.1';
  const port = Number(process.env.PORT || 8080);
  const server = await serve({ host, port });
  const { port: bound } = server.address();
  const shown = host.includes(':') ? `[${host}]` : host;
  console.log(`hookseal page: http://${shown}:${bound}/  (Ctrl-C stops)`);
}
