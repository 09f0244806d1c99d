// The bundled page's script: `hookseal` and its lean entries resolved by the bundler (Vite or
// esbuild) through the package's exports (the `browser` condition → index.browser.mjs,
// verify.browser.mjs, config.browser.mjs, each with its wasm embedded).
import * as hookseal from 'hookseal';
import * as verify from 'hookseal/verify';
import * as config from 'hookseal/config';
import { runAndReport } from './report.mjs';

runAndReport(hookseal, verify, config);
