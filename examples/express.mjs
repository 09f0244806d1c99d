// Express: verify GitHub (or any scheme's) webhooks on POST /webhook.
//
// The signature covers the exact bytes that were sent, so this route takes the raw body with
// `express.raw()` (a Buffer), never `express.json()`, and hands it to hookseal with Node's headers
// object as it comes. A forged, tampered or replayed delivery gets 400 with the error's `code`.
//
//   WEBHOOK_SECRET=... node examples/express.mjs        (listens on 127.0.0.1:3000, or $PORT)
//
// `createApp()` and `start()` are exported for examples/test/examples.test.mjs.
import express from 'express';
import { pathToFileURL } from 'node:url';
import { Verifier, WebhookVerificationError, generateSecret } from 'hookseal';

/** An Express app verifying deliveries for one endpoint (`scheme`, `secret`, other Verifier options). */
export function createApp({ scheme = 'github', ...options }) {
  const verifier = new Verifier({ scheme, ...options }); // build once, verify many times

  const app = express();
  app.post('/webhook', express.raw({ type: () => true, limit: '1mb' }), (req, res) => {
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    let delivery;
    try {
      delivery = verifier.verify(body, req.headers);
    } catch (e) {
      if (e instanceof WebhookVerificationError) return res.status(400).json({ error: e.code });
      throw e;
    }
    // Verified: now it is safe to parse and act on the event (idempotently, keyed by the id if any).
    let event;
    try {
      event = JSON.parse(body.toString('utf8'));
    } catch {
      return res.status(400).json({ error: 'invalid_json' });
    }
    res.status(200).json({ ok: true, id: delivery.id ?? null, type: event.type ?? null });
  });
  return app;
}

/** Starts the app on `host:port` (port 0 picks a free one); resolves to `{ url, close }`. */
export function start({ port = 0, host = '127.0.0.1', ...options }) {
  const app = createApp(options);
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, (error) => {
      if (error) return reject(error);
      resolve({
        url: `http://${host}:${server.address().port}`,
        close: () => new Promise((done) => { server.closeAllConnections(); server.close(() => done()); }),
      });
    });
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const secret = process.env.WEBHOOK_SECRET ?? generateSecret({ format: 'hex' });
  const { url } = await start({ secret, port: Number(process.env.PORT ?? 3000) });
  console.log(`POST ${url}/webhook (GitHub scheme, secret ${process.env.WEBHOOK_SECRET ? 'from $WEBHOOK_SECRET' : secret})`);
}
