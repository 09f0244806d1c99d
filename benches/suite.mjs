// The side-by-side comparisons of `make bench`, runtime-agnostic: each runner (node.mjs, bun and
// deno run this file's `runSuite` through entry.mjs, the browser through a bundle) passes the
// package, the peers it can load and the runtime's own primitives. Contenders of one comparison
// run on the same input in the same process, in rounds whose order rotates, so that drift (JIT
// tiers, GC, other load on the machine) hits all of them alike; a figure is the median over rounds
// of tinybench's per-round median. Ratio = peer time ÷ hookseal time: above 1, hookseal is faster.
import { Bench } from 'tinybench';

const settings = globalThis.process?.env ?? globalThis.BENCH_SETTINGS ?? {};
const ROUNDS = Number(settings.BENCH_ROUNDS ?? 5);
const TIME_MS = Number(settings.BENCH_MS ?? 150);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** How many calls of `fn` make one sample of at least 50 µs, so that the timer's own cost and
 * resolution (tinybench times each sample) stay out of sub-microsecond figures. */
async function batchSize(fn) {
  let count = 1;
  for (;;) {
    const start = performance.now();
    for (let i = 0; i < count; i++) await fn();
    if (performance.now() - start >= SAMPLE_MS || count >= 1 << 20) return count;
    count *= 2;
  }
}

/** The clock's resolution: browsers coarsen `performance.now()` (to 5 µs when the page is
 * cross-origin isolated, 100 µs otherwise); a sample must span many ticks. */
function timerResolution() {
  let smallest = Infinity;
  for (let i = 0; i < 50; i++) {
    const a = performance.now();
    let b = a;
    while (b === a) b = performance.now();
    smallest = Math.min(smallest, b - a);
  }
  return smallest;
}
const SAMPLE_MS = Math.max(0.05, 100 * timerResolution());

/** Median latency in µs of each contender (`[name, fn]`), interleaved over rounds. */
export async function compare(contenders) {
  const samples = contenders.map(() => []);
  const batches = [];
  for (const [, fn] of contenders) {
    const result = fn();
    const isAsync = result instanceof Promise;
    if (isAsync) await result;
    const count = await batchSize(fn);
    batches.push(count);
    contenders = contenders.map((c) => c);
    void isAsync;
  }
  const tasks = contenders.map(([, fn], i) => {
    const count = batches[i];
    const probe = fn();
    if (probe instanceof Promise) {
      return async () => {
        for (let k = 0; k < count; k++) await fn();
      };
    }
    return () => {
      for (let k = 0; k < count; k++) fn();
    };
  });
  for (let round = 0; round < ROUNDS; round++) {
    // A macrotask between rounds keeps a browser page responsive (tinybench awaits only microtasks).
    await new Promise((resolve) => setTimeout(resolve, 0));
    const bench = new Bench({ time: TIME_MS, warmupTime: TIME_MS / 3 });
    const order = contenders.map((_, i) => (i + round) % contenders.length);
    for (const i of order) bench.add(String(i), tasks[i]);
    await bench.run();
    for (const task of bench.tasks) {
      if (task.result?.error) throw task.result.error;
      const i = Number(task.name);
      samples[i].push((task.result.latency.p50 * 1000) / batches[i]);
    }
  }
  return contenders.map(([name], i) => ({ name, us: median(samples[i]) }));
}

const SIZES = [256, 1024, 16 * 1024, 1024 * 1024];

function bodyOf(size) {
  const filler = 'x'.repeat(Math.max(0, size - 40));
  return JSON.stringify({ type: 'invoice.paid', data: { note: filler } }).slice(0, size);
}

/** A JSON body of `size` bytes that every parser accepts. */
function jsonBody(size) {
  const text = JSON.stringify({ type: 'invoice.paid', data: { note: 'x'.repeat(Math.max(0, size - 44)) } });
  return text;
}

/**
 * Runs every comparison the runtime supports. `env`: `{ runtime, hookseal, peers: { standardwebhooks,
 * svix, stripe?, octokit?, canonicalize, ajv, zod }, nodeCrypto?, subtle, log }`.
 */
export async function runSuite(env) {
  const { hookseal: hs, peers, nodeCrypto, subtle, log } = env;
  const rows = [];
  const add = (group, size, results) => {
    const [ours, ...theirs] = results;
    for (const r of results) {
      rows.push({ runtime: env.runtime, group, size, name: r.name, us: r.us, ratio: r === ours ? 1 : r.us / ours.us });
    }
    const line = theirs.map((t) => `${t.name} ${(t.us / ours.us).toFixed(2)}×`).join(', ');
    log(`${group.padEnd(28)} ${String(size).padStart(8)} B  ${ours.name} ${ours.us.toFixed(2)} µs; ${line}`);
  };
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  const keyBytes = Uint8Array.from(atob(secret.slice(6)), (c) => c.charCodeAt(0));
  const encoder = new TextEncoder();
  const hmacKey = await subtle.importKey('raw', keyBytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);

  for (const size of SIZES) {
    const body = jsonBody(size);
    const bytes = encoder.encode(body);
    const headers = new hs.Signer({ scheme: 'standard', secret }).sign(body);
    const now = Number(headers['webhook-timestamp']);
    const verifier = new hs.Verifier({ scheme: 'standard', secret });
    const check = (r) => {
      if (r.secretIndex !== 0) throw new Error('did not verify');
    };
    const prefix = `${headers['webhook-id']}.${headers['webhook-timestamp']}.`;
    const signature = Uint8Array.from(atob(headers['webhook-signature'].split(',')[1]), (c) => c.charCodeAt(0));
    // Awaited WebCrypto as a receiver would write it: key imported once, content assembled, verify.
    const webCrypto = async () => {
      const id = headers['webhook-id'];
      const ts = headers['webhook-timestamp'];
      if (Math.abs(now - Number(ts)) > 300) throw new Error('old');
      const head = encoder.encode(`${id}.${ts}.`);
      const data = new Uint8Array(head.length + bytes.length);
      data.set(head);
      data.set(bytes, head.length);
      if (!(await subtle.verify('HMAC', hmacKey, signature, data))) throw new Error('bad');
    };
    const contenders = [
      ['hookseal Verifier (string)', () => check(verifier.verify(body, headers, { now }))],
      ['hookseal Verifier (bytes)', () => check(verifier.verify(bytes, headers, { now }))],
      ['awaited WebCrypto', webCrypto],
    ];
    if (nodeCrypto) {
      const { createHmac, timingSafeEqual } = nodeCrypto;
      const key = nodeCrypto.createSecretKey(keyBytes);
      // A hand-written node:crypto verifier: tolerance, HMAC, every v1 candidate compared.
      contenders.push([
        'hand-written node:crypto',
        () => {
          const ts = headers['webhook-timestamp'];
          if (Math.abs(now - Number(ts)) > 300) throw new Error('old');
          const expected = createHmac('sha256', key).update(`${headers['webhook-id']}.${ts}.`).update(body).digest();
          for (const part of headers['webhook-signature'].split(' ')) {
            const [version, sig] = part.split(',');
            if (version !== 'v1') continue;
            const got = Buffer.from(sig, 'base64');
            if (got.length === expected.length && timingSafeEqual(got, expected)) return;
          }
          throw new Error('bad');
        },
      ]);
    }
    const standard = await compare(contenders);
    add('standard Verifier', size, standard);
    // verifyAsync against the bare awaited WebCrypto verifier (the like-with-like async pair).
    add('standard verifyAsync', size, await compare([
      ['hookseal verifyAsync (bytes)', async () => check(await verifier.verifyAsync(bytes, headers, { now }))],
      ['awaited WebCrypto', webCrypto],
    ]));
    add('string ÷ bytes (own cost)', size, [standard[1], { name: 'string', us: standard[0].us }]);
    void prefix;

    if (peers.stripe) {
      const stripeSecret = 'whsec_test_bench_secret';
      const stripeHeader = new hs.Signer({ scheme: 'stripe', secret: stripeSecret }).sign(body)['stripe-signature'];
      const stripeVerifier = new hs.Verifier({ scheme: 'stripe', secret: stripeSecret });
      const stripe = new peers.stripe('sk_test_bench');
      add('stripe Verifier', size, await compare([
        ['hookseal Verifier', () => check(stripeVerifier.verify(body, { 'stripe-signature': stripeHeader }))],
        ['stripe verifyHeader', () => stripe.webhooks.signature.verifyHeader(body, stripeHeader, stripeSecret)],
      ]));
    }
    if (peers.octokit) {
      const ghSecret = "It's a Secret to Everybody";
      const ghHeader = new hs.Signer({ scheme: 'github', secret: ghSecret }).sign(body)['x-hub-signature-256'];
      const ghVerifier = new hs.Verifier({ scheme: 'github', secret: ghSecret });
      add('github Verifier', size, await compare([
        ['hookseal Verifier', () => check(ghVerifier.verify(body, { 'x-hub-signature-256': ghHeader }))],
        ['@octokit/webhooks-methods (async)', async () => {
          if (!(await peers.octokit.verify(ghSecret, body, ghHeader))) throw new Error('bad');
        }],
      ]));
    }
    const ours = new hs.Webhook(secret);
    const std = new peers.standardwebhooks.Webhook(secret);
    const svix = new peers.svix.Webhook(secret);
    // All three verify the signature and parse the JSON (the clock is real: sign fresh headers).
    const fresh = new hs.Signer({ scheme: 'standard', secret }).sign(body);
    add('Webhook.verify (parses)', size, await compare([
      ['hookseal Webhook', () => ours.verify(body, fresh)],
      ['standardwebhooks', () => std.verify(body, fresh)],
      ['svix', () => svix.verify(body, fresh)],
    ]));
  }

  for (const size of [1024, 100 * 1024]) {
    const value = sampleValue(size);
    const text = JSON.stringify(value, null, 1);
    const npm = peers.canonicalize;
    if (hs.canonicalize(text) !== npm(JSON.parse(text))) throw new Error('canonical forms differ');
    add('canonicalize(text)', text.length, await compare([
      ['hookseal canonicalize', () => hs.canonicalize(text)],
      ['npm canonicalize(JSON.parse)', () => npm(JSON.parse(text))],
    ]));
    add('canonicalizeValue(value)', text.length, await compare([
      ['hookseal canonicalizeValue', () => hs.canonicalizeValue(value)],
      ['npm canonicalize', () => npm(value)],
    ]));
  }

  await validation(env, add);
  return rows;
}

/** A JSON value of about `size` bytes in the shape of webhook events. */
function sampleValue(size) {
  const items = [];
  let length = 0;
  for (let i = 0; length < size; i++) {
    const item = { id: `evt_${i}`, type: 'invoice.paid', amount: i * 1.25, created: 1_700_000_000 + i, live: i % 2 === 0, tags: ['a', 'é', `t${i}`], meta: null };
    length += JSON.stringify(item).length + 1;
    items.push(item);
  }
  return { object: 'list', data: items };
}

/** The Talkover config (seed 002): hookseal's built-in schema vs ajv and zod on the same rules. */
async function validation(env, add) {
  const { hookseal: hs, peers } = env;
  const schema = env.talkoverSchema;
  const valid = { name: 'My Webhook', webhook_url: 'https://example.com/hooks', events: ['event_phone_call_started'], timeout: 30, max_retries: 3, enabled: true };
  const invalid = { name: '', webhook_url: 'not a url', events: [], timeout: 500 };
  const compiled = hs.compileSchema(schema);
  const ajv = new peers.ajv({ allErrors: true, strict: false, useDefaults: false });
  peers.addFormats?.(ajv);
  const ajvValidate = ajv.compile(schema);
  const z = peers.zod;
  const zodSchema = z.object({
    name: z.string().min(1).max(255),
    webhook_url: z.string().min(1).max(500).url(),
    webhook_secret: z.string().max(255).optional(),
    events: z.array(z.enum(['event_phone_call_started', 'event_phone_call_ended'])).min(1),
    timeout: z.number().int().min(5).max(120).default(30),
    max_retries: z.number().int().min(0).max(10).default(3),
    enabled: z.boolean().default(true),
  });
  for (const [label, input, expected] of [['valid', valid, true], ['invalid', invalid, false]]) {
    if (compiled.validate(input).valid !== expected || ajvValidate(input) !== expected || zodSchema.safeParse(input).success !== expected) {
      throw new Error(`validators disagree on the ${label} config`);
    }
    add(`validate talkover (${label})`, JSON.stringify(input).length, await compare([
      ['hookseal CompiledSchema.validate', () => compiled.validate(input)],
      ['ajv (compiled)', () => ajvValidate(input)],
      ['zod safeParse', () => zodSchema.safeParse(input)],
    ]));
    // The same config as JSON text (a request body): every side parses it, then validates.
    const text = JSON.stringify(input);
    if (compiled.validateJson(text).valid !== expected) throw new Error(`validateJson disagrees on the ${label} config`);
    add(`validate talkover JSON text (${label})`, text.length, await compare([
      ['hookseal CompiledSchema.validateJson', () => compiled.validateJson(text)],
      ['JSON.parse + ajv (compiled)', () => ajvValidate(JSON.parse(text))],
      ['JSON.parse + zod safeParse', () => zodSchema.safeParse(JSON.parse(text))],
    ]));
  }
  add('compile talkover schema', 0, await compare([
    ['hookseal compileSchema', () => hs.compileSchema(schema).free()],
    ['ajv.compile', () => new peers.ajv({ allErrors: true, strict: false }).compile(schema)],
  ]));
}

export { SIZES, bodyOf };
