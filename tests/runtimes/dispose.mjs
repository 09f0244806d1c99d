// `using` (explicit resource management) with hookseal's objects. Run by Bun, which supports the
// syntax (Node 20 does not); prints DISPOSE OK.
// - Verifier, Signer and Webhook own no wasm memory (they hold their keys as bytes): disposing
//   them is a no-op, so an object that escapes its block keeps working.
// - CompiledSchema owns wasm memory, which the end of the block frees.
import { Verifier, compileSchema } from 'hookseal';

let escapedVerifier;
let escapedSchema;
{
  using verifier = new Verifier({ scheme: 'github', secret: 'x' });
  using schema = compileSchema({ type: 'object' });
  if (typeof verifier[Symbol.dispose] !== 'function') throw new Error('Verifier has no Symbol.dispose');
  if (!schema.validate({}).valid) throw new Error('schema did not validate inside the block');
  escapedVerifier = verifier;
  escapedSchema = schema;
}
let code;
try {
  escapedVerifier.verify('body', { 'x-hub-signature-256': 'sha256=00' });
} catch (e) {
  code = e.code;
}
if (code !== 'no_matching_signature') throw new Error(`the disposed Verifier should still verify, got ${code}`);
let freed = false;
try {
  escapedSchema.validate({});
} catch (e) {
  // A freed object's pointer is null: wasm-bindgen refuses the call before reaching Rust.
  freed = !('code' in e);
}
if (!freed) throw new Error('the CompiledSchema was still usable after its `using` block');
console.log('DISPOSE OK');
