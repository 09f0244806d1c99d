// ES module entry for Node (`import … from 'hookseal'`): loads the WebAssembly module
// synchronously from disk, so every export is ready as soon as the import resolves.
import { readFileSync } from 'node:fs';
import { initSync, __errorClasses } from './hookseal.js';

initSync({ module: readFileSync(new URL('./hookseal_bg.wasm', import.meta.url)) });

export {
  Verifier, Signer, Webhook, generateSecret, schemes, canonicalize, canonicalizeValue,
} from './hookseal.js';
export const { HooksealError, WebhookVerificationError, CanonicalizationError, SchemaError } = __errorClasses();
