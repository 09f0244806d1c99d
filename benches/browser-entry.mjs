// The suite in headless Chromium: bundled by esbuild (browser conditions: the embedded-wasm
// entry), run by run.mjs through playwright-core. No node:crypto here: wasm's HMAC is the only
// synchronous one a browser has, compared with awaited WebCrypto and the pure-JS peers.
import * as hookseal from 'hookseal';
import * as standardwebhooks from 'standardwebhooks';
import * as svix from 'svix';
import canonicalize from 'canonicalize';
import Ajv from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { z } from 'zod';
import talkoverSchema from '../schemas/talkover.json';
import { runSuite } from './suite.mjs';

const lines = [];
window.__bench = runSuite({
  runtime: `chromium ${navigator.userAgent.match(/Chrome\/([\d.]+)/)?.[1] ?? ''}`,
  hookseal,
  peers: { standardwebhooks, svix, canonicalize, ajv: Ajv, addFormats, zod: z },
  subtle: crypto.subtle,
  talkoverSchema,
  log: (line) => lines.push(line),
}).then((rows) => ({ rows, lines }), (e) => ({ error: String(e?.stack ?? e), lines }));
