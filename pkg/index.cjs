'use strict';
// CommonJS entry (`require('hookseal')`): loads the WebAssembly module synchronously from disk.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const glue = require('./hookseal.cjs');

glue.initSync({ module: readFileSync(join(__dirname, 'hookseal_bg.wasm')) });

const {
  Verifier, Signer, Webhook, generateSecret, schemes, canonicalize, canonicalizeValue,
  validateConfig, compileSchema, checkWebhookUrl, CompiledSchema, reservedHeaders, diagnose,
} = glue;
module.exports = {
  Verifier, Signer, Webhook, generateSecret, schemes, canonicalize, canonicalizeValue,
  validateConfig, compileSchema, checkWebhookUrl, CompiledSchema, reservedHeaders, diagnose,
  ...glue.__errorClasses(),
};
