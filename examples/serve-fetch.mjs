// Serves a Fetch-API handler (`(Request) => Response`) on Node, for the examples and their tests.
import { createAdaptorServer } from '@hono/node-server';

/** Serves `fetch` at `host:port` (port 0 picks a free one); resolves to `{ url, close }`. */
export function serveFetch(fetch, { port = 0, host = '127.0.0.1' } = {}) {
  const server = createAdaptorServer({ fetch });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      resolve({
        url: `http://${host}:${server.address().port}`,
        close: () => new Promise((done) => { server.closeAllConnections(); server.close(() => done()); }),
      });
    });
  });
}
