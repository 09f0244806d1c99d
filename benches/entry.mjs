// One runtime's run of the suite (Node, Bun, Deno): prints the table and one line of JSON,
// `BENCH_JSON <rows>`, that node.mjs collects.
import * as hookseal from 'hookseal';
import * as standardwebhooks from 'standardwebhooks';
import * as svix from 'svix';
import canonicalize from 'canonicalize';
import Ajv from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { z } from 'zod';
import * as nodeCrypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import { runSuite } from './suite.mjs';

const runtime = globalThis.Bun ? `bun ${Bun.version}` : globalThis.Deno ? `deno ${Deno.version.deno}` : `node ${process.version}`;
const peers = { standardwebhooks, svix, canonicalize, ajv: Ajv, addFormats, zod: z };
// stripe and octokit are compared where they run synchronously and as documented (Node).
if (!globalThis.Bun && !globalThis.Deno) {
  peers.stripe = (await import('stripe')).default;
  peers.octokit = await import('@octokit/webhooks-methods');
}
const talkoverSchema = JSON.parse(readFileSync(new URL('../schemas/talkover.json', import.meta.url), 'utf8'));
console.log(`== ${runtime}`);
const rows = await runSuite({ runtime, hookseal, peers, nodeCrypto, subtle: globalThis.crypto.subtle, talkoverSchema, log: console.log });
console.log(`BENCH_JSON ${JSON.stringify(rows)}`);
