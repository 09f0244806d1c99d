// A tiny static file server for the browser checks of run.mjs: serves a few URL prefixes from
// directories on 127.0.0.1 (an ephemeral port), with the content types ES modules and wasm need.
// Nothing outside the mapped directories is served, and never a node_modules folder.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
};

/**
 * Serves `routes` ({ '/prefix/': '/abs/dir' }) until `close()`.
 * @returns {Promise<{ origin: string, close: () => Promise<void> }>}
 */
export async function serveStatic(routes) {
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      const prefix = Object.keys(routes).find((p) => path.startsWith(p));
      if (!prefix || path.includes('\0')) throw Object.assign(new Error('no route'), { status: 404 });
      const root = routes[prefix];
      let file = normalize(join(root, path.slice(prefix.length)));
      if (file !== root && !file.startsWith(root + sep)) throw Object.assign(new Error('outside'), { status: 403 });
      if (file.split(sep).includes('node_modules')) throw Object.assign(new Error('node_modules'), { status: 403 });
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch (e) {
      res.writeHead(e.status ?? 404, { 'content-type': 'text/plain' });
      res.end(e.status ? e.message : 'not found');
    }
  });
  server.keepAliveTimeout = 1000;
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections?.();
      server.close(() => resolve());
    }),
  };
}
