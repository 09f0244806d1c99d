// Browsers and bundlers: the WebAssembly bytes are embedded (base64) so that no fetch, no asset
// handling and no await is needed; the module is compiled synchronously.
import { initSync } from './hookseal.js';
import { wasmBytes } from './hookseal_wasm_inline.js';

initSync({ module: wasmBytes() });
