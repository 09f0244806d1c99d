// The public API over one instantiated module, shared by every entry (`tools/write-entries.mjs`
// writes the entries from `exports.json`). `host` is what the runtime offers natively (see
// `host-node.mjs`); without it every MAC is computed in wasm.

import { createDiagnose } from './diagnose.mjs';
import { createEngine } from './engine.mjs';
import { createTexts } from './texts.mjs';
import { createDelivery } from './deliver.mjs';

/** Built-in schemas compiled once per module instance, for `validateConfig` without options. */
function builtinCache(glue) {
  const cache = new Map();
  return (name) => {
    let compiled = cache.get(name);
    if (compiled === undefined) {
      compiled = glue.compileSchema(name);
      cache.set(name, compiled);
    }
    return compiled;
  };
}

export function createApi(glue, exports, host) {
  const { Verifier, Signer, Webhook } = createEngine(glue, exports, host);
  const texts = createTexts(glue, exports);
  const builtin = builtinCache(glue);
  // Results cross as one JSON text (src/wasm/texts.rs) instead of one host call per property; the
  // class stays the one wasm-bindgen made, so `instanceof CompiledSchema` and `free()` still work.
  glue.CompiledSchema.prototype.validate = function validate(input) {
    return texts.validate(this, input);
  };
  function validateConfig(schema, input, options) {
    const plain = options === undefined || options === null;
    if (typeof schema === 'string' && plain) return texts.validate(builtin(schema), input);
    const compiled = glue.compileSchema(schema, options);
    try {
      return texts.validate(compiled, input);
    } finally {
      compiled.free();
    }
  }
  return {
    Verifier,
    Signer,
    Webhook,
    generateSecret: glue.generateSecret,
    schemes: glue.schemes,
    canonicalize: texts.canonicalize,
    canonicalizeValue: texts.canonicalizeValue,
    validateConfig,
    compileSchema: glue.compileSchema,
    checkWebhookUrl: glue.checkWebhookUrl,
    CompiledSchema: glue.CompiledSchema,
    reservedHeaders: glue.reservedHeaders,
    diagnose: createDiagnose(glue),
    ...createDelivery(glue),
    ...glue.__errorClasses(),
  };
}
