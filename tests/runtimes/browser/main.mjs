// The bundled page's script: `hookseal` resolved by the bundler (Vite or esbuild) through the
// package's exports (the `browser` condition → index.browser.mjs with the wasm embedded).
import * as hookseal from 'hookseal';
import { runAndReport } from './report.mjs';

runAndReport(hookseal);
