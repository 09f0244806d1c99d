// Node, Bun and Deno: read the WebAssembly module from disk and instantiate it synchronously.
import { readFileSync } from 'node:fs';
import { initSync } from './hookseal.js';

initSync({ module: readFileSync(new URL('./hookseal_bg.wasm', import.meta.url)) });
