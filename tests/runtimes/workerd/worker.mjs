// The workerd module worker of `make test-runtimes`. It imports hookseal and its lean entries by
// their bare names; the config that run.mjs generates maps them to the package's `workerd` exports
// (index.workerd.mjs, verify.workerd.mjs, config.workerd.mjs, each importing its wasm as a compiled
// WebAssembly.Module). The webhook route verifies with `hookseal/verify`. Routes:
//   GET  /smoke    runs the shared smoke test inside workerd → 200 {ok, steps} or 500 {ok:false, error}
//   POST /webhook  verifies a Standard Webhooks delivery signed with env.WEBHOOK_SECRET
//                  → 200 {ok, id, type}, or 400 {ok:false, code} for a WebhookVerificationError
import * as hookseal from 'hookseal';
import * as verify from 'hookseal/verify';
import * as config from 'hookseal/config';
import { Verifier, WebhookVerificationError } from 'hookseal/verify';
import { smokeAll } from './smoke.mjs';

let verifier;

export default {
  async fetch(request, env) {
    const { pathname } = new URL(request.url);
    if (request.method === 'GET' && pathname === '/smoke') {
      try {
        return Response.json({ ok: true, steps: smokeAll(hookseal, verify, config) });
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
