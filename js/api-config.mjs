// The API of `hookseal/config` (and the config half of `hookseal`, `api.mjs`) over one
// instantiated module built with the `wasm-config` feature: JSON-Schema validation of webhook
// configs, the safe-URL policy and the reserved headers.

import { guardWith } from './guard.mjs';
import { createTexts } from './texts.mjs';

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

/** `texts` is `createTexts(glue, exports)`, shared with the full entry's canonicalize calls. */
export function createConfigApi(glue, exports, texts = createTexts(glue, exports)) {
  const errors = glue.__errorClasses();
  const builtin = builtinCache(glue);
  // Results cross as one JSON text (src/wasm/texts.rs) instead of one host call per property; the
  // class stays the one wasm-bindgen made, so `instanceof CompiledSchema` and `free()` still work.
  // `validate` takes a value (a string is a JSON string), `validateJson` JSON text.
  glue.CompiledSchema.prototype.validate = function validate(value) {
    return texts.validate(this, value);
  };
  glue.CompiledSchema.prototype.validateJson = function validateJson(text) {
    return texts.validateJson(this, text, 'validateJson');
  };
  // A schema object crosses as JSON text, like instances (one parse, the schema limits apply).
  function compileSchema(schema, options) {
    if (typeof schema !== 'object' || schema === null) return glue.compileSchema(schema, options);
    let text;
    try {
      text = texts.stringify(schema);
    } catch (e) {
      // Too deep for JSON.stringify itself: a schema limit, as the Rust compiler reports it.
      if (e.code === 'too_deep') throw new errors.SchemaError('schema_too_deep', 'the schema nests too deeply');
      throw e;
    }
    return glue.compileSchemaJson(text, options);
  }
  /** `run(compiled)` with the built-in's cached schema, or with one compiled for this call. */
  function withSchema(schema, options, run) {
    if (typeof schema === 'string' && (options === undefined || options === null)) return run(builtin(schema));
    const compiled = compileSchema(schema, options);
    try {
      return run(compiled);
    } finally {
      compiled.free();
    }
  }
  function validateConfig(schema, value, options) {
    return withSchema(schema, options, (compiled) => texts.validate(compiled, value));
  }
  function validateConfigJson(schema, text, options) {
    if (typeof text !== 'string' && !(text instanceof Uint8Array)) {
      throw new TypeError('validateConfigJson takes JSON text (a string or a Uint8Array); validate a value with validateConfig');
    }
    return withSchema(schema, options, (compiled) => texts.validateJson(compiled, text, 'validateConfigJson'));
  }
  const guard = guardWith(glue);
  return {
    validateConfig: guard(validateConfig),
    validateConfigJson: guard(validateConfigJson),
    compileSchema: guard(compileSchema),
    checkWebhookUrl: guard(glue.checkWebhookUrl),
    CompiledSchema: glue.CompiledSchema,
    reservedHeaders: glue.reservedHeaders,
    generateSecret: guard(glue.generateSecret),
    HooksealError: errors.HooksealError,
    CanonicalizationError: errors.CanonicalizationError,
    SchemaError: errors.SchemaError,
  };
}
