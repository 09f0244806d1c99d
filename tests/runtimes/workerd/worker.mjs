// The workerd module worker of `make test-runtimes`. It imports hookseal by its bare name; the
// config that run.mjs generates maps that name to the package's `workerd` export (index.workerd.mjs,
// which imports hookseal_bg.wasm as a compiled WebAssembly.Module). Routes:
//   GET  /smoke    runs the shared smoke test inside workerd → 200 {ok, steps} or 500 {ok:false, error}
//   POST /webhook  verifies a Standard Webhooks delivery signed with env.WEBHOOK_SECRET
//                  → 200 {ok, id, type}, or 400 {ok:false, code} for a WebhookVerificationError
import * as hookseal from 'hookseal';
import { Verifier, WebhookVerificationError } from 'hookseal';
import { smoke } from './smoke.mjs';

let verifier;

export default {
  async fetch(request, env) {
    const { pathname } = new URL(request.url);
    if (request.method === 'GET' && pathname === '/smoke') {
      try {
        return Response.json({ ok: true, steps: smoke(hookseal) });
      } catch (e) {
        return Response.json({ ok: false, error: String(e && e.stack || e) }, { status: 500 });
      }
    }
    if (request.method === 'POST' && pathname === '/webhook') {
      verifier ??= new Verifier({ scheme: 'standard', secret: env.WEBHOOK_SECRET });
      const body = new Uint8Array(await request.arrayBuffer());
      try {
        const { id } = verifier.verify(body, request.headers);
        const event = JSON.parse(new TextDecoder().decode(body));
        return Response.json({ ok: true, id, type: event.type });
      } catch (e) {
        if (e instanceof WebhookVerificationError) return Response.json({ ok: false, code: e.code }, { status: 400 });
        throw e;
      }
    }
    return new Response('not found', { status: 404 });
  },
};
