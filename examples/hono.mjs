// Hono: verify Stripe (or any scheme's) webhooks on POST /webhook.
//
// Hono hands over a Fetch `Request`: read the raw bytes with `arrayBuffer()` (never `c.req.json()`
// before verifying) and pass the Fetch `Headers` as they are. The same `app` runs on Cloudflare
// Workers, Bun and Deno (`export default app`); on Node it is served by @hono/node-server below.
//
//   WEBHOOK_SECRET=whsec_... node examples/hono.mjs     (listens on 127.0.0.1:3000, or $PORT)
//
// `createApp()` and `start()` are exported for examples/test/examples.test.mjs.
import { Hono } from 'hono';
import { serveFetch } from './serve-fetch.mjs';
import { pathToFileURL } from 'node:url';
import { Verifier, WebhookVerificationError, generateSecret } from 'hookseal';

/** A Hono app verifying deliveries for one endpoint (`scheme`, `secret`, other Verifier options). */
export function createApp({ scheme = 'stripe', ...options }) {
  const verifier = new Verifier({ scheme, ...options });

  const app = new Hono();
  app.post('/webhook', async (c) => {
    const body = new Uint8Array(await c.req.arrayBuffer());
    let delivery;
    try {
      delivery = verifier.verify(body, c.req.raw.headers);
    } catch (e) {
      if (e instanceof WebhookVerificationError) return c.json({ error: e.code }, 400);
      throw e;
    }
    const event = JSON.parse(new TextDecoder().decode(body));
    return c.json({ ok: true, id: delivery.id ?? null, type: event.type ?? null });
  });
  return app;
}

/** Serves it on Node at `host:port` (port 0 picks a free one); resolves to `{ url, close }`. */
export function start({ port = 0, host = '127.0.0.1', ...options }) {
  return serveFetch(createApp(options).fetch, { port, host });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const secret = process.env.WEBHOOK_SECRET ?? generateSecret();
  const { url } = await start({ secret, port: Number(process.env.PORT ?? 3000) });
  console.log(`POST ${url}/webhook (Stripe scheme, secret ${process.env.WEBHOOK_SECRET ? 'from $WEBHOOK_SECRET' : secret})`);
}
