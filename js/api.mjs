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

/**
 * An exception from the caller's own objects (a getter, proxy trap or `toJSON` that throws) as a
 * TypeError, so that every failure of the API is a HooksealError, TypeError or RangeError.
 */
function typed(e, HooksealError) {
  if (e instanceof HooksealError || e instanceof TypeError || e instanceof RangeError) return e;
  return new TypeError(`an argument could not be read: ${e?.message ?? e}`);
}

function guarded(fn, HooksealError) {
  return function guard(...args) {
    let out;
    try {
      out = fn.apply(this, args);
    } catch (e) {
      throw typed(e, HooksealError);
    }
    return out instanceof Promise ? out.catch((e) => Promise.reject(typed(e, HooksealError))) : out;
  };
}

export function createApi(glue, exports, host) {
  const { Verifier, Signer, Webhook } = createEngine(glue, exports, host);
  const texts = createTexts(glue, exports);
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
  const guard = (fn) => guarded(fn, errors.HooksealError);
  const delivery = createDelivery(glue);
  for (const name of Object.keys(delivery)) delivery[name] = guard(delivery[name]);
  return {
    Verifier,
    Signer,
    Webhook,
    generateSecret: guard(glue.generateSecret),
    generateKeyPair: guard(glue.generateKeyPair),
    publicKeyOf: guard(glue.publicKeyOf),
    schemes: glue.schemes,
    canonicalize: texts.canonicalize,
    canonicalizeValue: texts.canonicalizeValue,
    validateConfig: guard(validateConfig),
    validateConfigJson: guard(validateConfigJson),
    compileSchema: guard(compileSchema),
    checkWebhookUrl: guard(glue.checkWebhookUrl),
    CompiledSchema: glue.CompiledSchema,
    reservedHeaders: glue.reservedHeaders,
    diagnose: guard(createDiagnose(glue)),
    ...delivery,
    ...errors,
  };
}
