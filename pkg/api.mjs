// The public API, shared by every ES module entry. An entry imports its init module (which
// instantiates the WebAssembly module for its runtime) before this one, so the module is ready
// when the error classes are read below and when user code runs.
import { __errorClasses } from './hookseal.js';

export {
  Verifier, Signer, Webhook, generateSecret, schemes, canonicalize, canonicalizeValue,
  validateConfig, compileSchema, checkWebhookUrl, CompiledSchema, reservedHeaders, diagnose,
} from './hookseal.js';
export const { HooksealError, WebhookVerificationError, CanonicalizationError, SchemaError } = __errorClasses();
