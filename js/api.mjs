// The public API over one instantiated module, shared by every entry (`tools/write-entries.mjs`
// writes the entries from `exports.json`). `host` is what the runtime offers natively (see
// `host-node.mjs`); without it every MAC is computed in wasm.

import { createDiagnose } from './diagnose.mjs';
import { createEngine } from './engine.mjs';

export function createApi(glue, exports, host) {
  const { Verifier, Signer, Webhook } = createEngine(glue, exports, host);
  return {
    Verifier,
    Signer,
    Webhook,
    generateSecret: glue.generateSecret,
    schemes: glue.schemes,
    canonicalize: glue.canonicalize,
    canonicalizeValue: glue.canonicalizeValue,
    validateConfig: glue.validateConfig,
    compileSchema: glue.compileSchema,
    checkWebhookUrl: glue.checkWebhookUrl,
    CompiledSchema: glue.CompiledSchema,
    reservedHeaders: glue.reservedHeaders,
    diagnose: createDiagnose(glue),
    ...glue.__errorClasses(),
    generateKeyPair: glue.generateKeyPair,
    publicKeyOf: glue.publicKeyOf,
  };
}
