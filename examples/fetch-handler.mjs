// A plain Fetch-API handler, `(Request) => Promise<Response>`, verifying Standard Webhooks (or any
// scheme's) deliveries on POST /webhook: answers 204 when the delivery is genuine and 400 with the
// error's `code` when not. It runs unchanged wherever Request/Response exist:
//
//   Cloudflare Workers:  export default { fetch: createHandler({ secret: env... }) }
//   Deno:                Deno.serve(createHandler({ secret }))
//   Bun:                 Bun.serve({ fetch: createHandler({ secret }) })
//   Node:                `start()` below, through @hono/node-server's Fetch ↔ node:http adapter
//
//   WEBHOOK_SECRET=whsec_... node examples/fetch-handler.mjs     (127.0.0.1:3000, or $PORT)
//
// `createHandler()` and `start()` are exported for examples/test/examples.test.mjs.
import { serveFetch } from './serve-fetch.mjs';
import { pathToFileURL } from 'node:url';
import { Verifier, WebhookVerificationError, generateSecret } from 'hookseal';

/** The handler for one endpoint (`scheme`, `secret`, other Verifier options). */
export function createHandler({ scheme = 'standard', ...options }) {
  const verifier = new Verifier({ scheme, ...options });

  return async function handle(request) {
    const { pathname } = new URL(request.url);
    if (pathname !== '/webhook') return new Response('not found', { status: 404 });
    if (request.method !== 'POST') return new Response('method not allowed', { status: 405, headers: { allow: 'POST' } });
    const body = new Uint8Array(await request.arrayBuffer());
    try {
      verifier.verify(body, request.headers);
    } catch (e) {
      if (e instanceof WebhookVerificationError) return Response.json({ error: e.code }, { status: 400 });
      throw e;
    }
    // Verified: queue the event for processing and acknowledge quickly.
    return new Response(null, { status: 204 });
  };
}

/** Serves it on Node at `host:port` (port 0 picks a free one); resolves to `{ url, close }`. */
export function start({ port = 0, host = '127.0.0.1', ...options }) {
  return serveFetch(createHandler(options), { port, host });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const secret = process.env.WEBHOOK_SECRET ?? generateSecret();
  const { url } = await start({ secret, port: Number(process.env.PORT ?? 3000) });
  console.log(`POST ${url}/webhook (Standard Webhooks, secret ${process.env.WEBHOOK_SECRET ? 'from $WEBHOOK_SECRET' : secret})`);
}
