// The API of `hookseal/verify` (and the verifying half of `hookseal`, `api.mjs`) over one
// instantiated module built with the `wasm-verify` feature: signing, verification and secrets (and,
// where the module has Ed25519, key pairs). `host` is what the runtime offers natively (see `host-node.mjs`).

import { createEngine } from './engine.mjs';
import { guardWith } from './guard.mjs';

export function createVerifyApi(glue, exports, host) {
  const { Verifier, Signer, Webhook } = createEngine(glue, exports, host);
  const { HooksealError, WebhookVerificationError } = glue.__errorClasses();
  const guard = guardWith(glue);
  const api = {
    Verifier,
    Signer,
    Webhook,
    generateSecret: guard(glue.generateSecret),
    schemes: glue.schemes,
    HooksealError,
    WebhookVerificationError,
  };
  // The lean entry's module is built without the `ed25519` feature (its size budget).
  if (glue.generateKeyPair !== undefined) {
    api.generateKeyPair = guard(glue.generateKeyPair);
    api.publicKeyOf = guard(glue.publicKeyOf);
  }
  return api;
}
