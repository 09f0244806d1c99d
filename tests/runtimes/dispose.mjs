// `using` (explicit resource management) frees hookseal's wasm-backed objects at the end of the
// block. Run by Bun, which supports the syntax (Node 20 does not); prints DISPOSE OK.
import { Verifier, compileSchema } from 'hookseal';

let escaped;
{
  using verifier = new Verifier({ scheme: 'github', secret: 'x' });
  using schema = compileSchema({ type: 'object' });
  if (!schema.validate({}).valid) throw new Error('schema did not validate inside the block');
  escaped = verifier;
}
let threw = false;
try {
  escaped.verify('body', { 'x-hub-signature-256': 'sha256=00' });
} catch (e) {
  // A freed object's pointer is null: wasm-bindgen refuses the call before reaching Rust.
  threw = !('code' in e);
}
if (!threw) throw new Error('the Verifier was still usable after its `using` block');
console.log('DISPOSE OK');
