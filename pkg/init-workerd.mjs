// Cloudflare Workers (workerd): code generation from bytes is not allowed there, so the .wasm
// file is imported as a compiled WebAssembly.Module and instantiated synchronously.
import wasmModule from './hookseal_bg.wasm';
import { initSync } from './hookseal.js';

initSync({ module: wasmModule });
