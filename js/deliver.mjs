// The sending side in JavaScript: `planDelivery`, and `deliver`/`attempt`, which send what it plans
// with the runtime's `fetch`. Every decision is the core's (`src/delivery/`, through
// `src/wasm/delivery.rs`): whether to send, the signed request, the retry schedule, the verdict after
// each attempt and the resolved-address policy. This module only does the I/O: resolve, send, wait.
//
// Runtime-agnostic: nothing is imported. In Node, Bun and Deno the default resolver is found with
// `process.getBuiltinModule('node:dns/promises')` at call time, so no bundler sees a Node import.

/** Network failures by the `code` Node's fetch (undici) puts on the error or its `cause`. */
const NETWORK_CODES = {
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  EAI_NONAME: 'dns',
  ECONNREFUSED: 'connect',
  EHOSTUNREACH: 'connect',
  ENETUNREACH: 'connect',
  EADDRNOTAVAIL: 'connect',
  UND_ERR_CONNECT_TIMEOUT: 'connect',
  ECONNRESET: 'reset',
  EPIPE: 'reset',
  UND_ERR_SOCKET: 'reset',
  UND_ERR_CLOSED: 'reset',
};

function networkError(err) {
  for (let e = err, depth = 0; e && depth < 4; e = e.cause, depth++) {
    const code = typeof e.code === 'string' ? e.code : '';
    if (NETWORK_CODES[code]) return NETWORK_CODES[code];
    if (code.startsWith('ERR_TLS') || code.includes('CERT') || code.startsWith('ERR_SSL')) return 'tls';
  }
  return 'other';
}

/** The resolver of Node, Bun and Deno (every address, as the system resolver returns them), if any. */
function defaultResolver() {
  const dns = globalThis.process?.getBuiltinModule?.('node:dns/promises');
  if (!dns) return undefined;
  return async (hostname) => (await dns.lookup(hostname, { all: true, verbatim: true })).map((a) => a.address);
}

/** A monotonic clock for attempt durations (the injected `now` may be a fake that stands still). */
const elapsedClock = () => globalThis.performance?.now?.() ?? Date.now();

const realSleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * An abort signal that fires after `ms` of real time: `AbortSignal.timeout` where the runtime has
 * it (its timer does not keep Node alive), else an AbortController and a timer cleared by `done()`.
 */
function deadline(ms) {
  if (typeof AbortSignal.timeout === 'function') return { signal: AbortSignal.timeout(ms), done() {} };
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException('attempt timed out', 'TimeoutError')), ms);
  return { signal: controller.signal, done: () => clearTimeout(timer) };
}

/** Rejects when `signal` aborts, to bound steps that take no signal (DNS resolution). */
function whenAborted(signal) {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

export function createDelivery(glue) {
  const { CompiledSchema, retrySchedule, classifyAttempt, checkResolvedAddress } = glue;

  /** Built-in names and compiled schemas cross by different bindings; the rules are the same. */
  function planDelivery(input) {
    const schema = input !== null && typeof input === 'object' ? input.schema : undefined;
    return schema instanceof CompiledSchema ? glue.__planDeliveryCompiled(schema, input) : glue.planDelivery(input);
  }

  function settings(input, options = {}) {
    if (input === null || typeof input !== 'object') {
      throw new TypeError('deliver and attempt take what planDelivery takes: { config, schema, scheme, secret, event, body }');
    }
    const flag = (key) => options[key] ?? input[key] ?? false;
    const fetch = options.fetch ?? globalThis.fetch;
    // Checked here: a missing fetch caught per attempt would look like a network failure and be retried.
    if (typeof fetch !== 'function') throw new TypeError('no fetch in this runtime: pass `fetch` in the options');
    return {
      fetch,
      now: options.now ?? Date.now,
      sleep: options.sleep ?? realSleep,
      resolve: options.resolve === undefined ? defaultResolver() : options.resolve,
      allowHttp: flag('allowHttp'),
      allowPrivate: flag('allowPrivate'),
      schedule: options.schedule,
      random: options.random,
    };
  }

  /** Plans one attempt, signed at `now` (each attempt gets its own timestamp; the id is kept). */
  function planAt(input, s, id) {
    const timestamp = Math.floor(s.now() / 1000);
    return planDelivery({ ...input, id: id ?? input.id, timestamp, allowHttp: s.allowHttp, allowPrivate: s.allowPrivate });
  }

  /** The retry delays (ms) for a request: an injected list, else the core's schedule. */
  function delaysFor(request, s) {
    if (Array.isArray(s.schedule)) {
      if (!s.schedule.every((d) => Number.isFinite(d) && d >= 0)) {
        throw new TypeError('`schedule` must be retrySchedule options or an array of delays in milliseconds');
      }
      return s.schedule.slice(0, request.maxRetries);
    }
    return retrySchedule(request, { random: s.random, ...s.schedule });
  }

  /**
   * Checks the addresses the URL's host resolves to (or the IP literal itself); returns an error
   * code ('address_refused', 'dns') or undefined. Without a resolver (browsers, workerd) only the
   * URL policy applied at planning stands.
   */
  async function checkAddresses(url, s, signal) {
    const host = new URL(url).hostname;
    const literal = host.startsWith('[') ? host.slice(1, -1) : host;
    const direct = checkResolvedAddress(literal, { allowPrivate: s.allowPrivate });
    if (direct.code !== 'invalid_address') return direct.ok ? undefined : 'address_refused';
    if (!s.resolve) return undefined;
    let addresses;
    try {
      addresses = await Promise.race([s.resolve(host), whenAborted(signal)]);
    } catch (err) {
      if (signal.aborted) throw err;
      return 'dns';
    }
    if (!Array.isArray(addresses) || addresses.length === 0) return 'dns';
    // Every address: the connection may use any of them.
    for (const address of addresses) {
      if (!checkResolvedAddress(String(address), { allowPrivate: s.allowPrivate }).ok) return 'address_refused';
    }
    return undefined;
  }

  /** One HTTP attempt of a planned request: the attempt record and the core's verdict. */
  async function send(request, s) {
    const started = elapsedClock();
    const timer = deadline(request.timeoutMs);
    const record = {};
    let outcome;
    try {
      const refused = await checkAddresses(request.url, s, timer.signal);
      if (refused) {
        outcome = { error: refused };
      } else {
        // Called unbound: browsers refuse `fetch` called on another object than the global one.
        const fetch = s.fetch;
        const response = await fetch(request.url, {
          method: request.method,
          headers: request.headers,
          body: request.body,
          // Never followed: the target could be a host the URL policy refuses. The core stops on 3xx.
          redirect: 'manual',
          signal: timer.signal,
        });
        // Release the connection; a receiver's answer body is not needed.
        response.body?.cancel?.().catch(() => {});
        if (response.type === 'opaqueredirect') {
          // Browsers hide a manual redirect's status; it is a 3xx all the same.
          outcome = { status: 300 };
          record.error = 'redirect';
        } else {
          outcome = { status: response.status, retryAfter: response.headers.get('retry-after') ?? undefined };
          record.status = response.status;
        }
      }
    } catch (err) {
      outcome = { error: timer.signal.aborted ? 'timeout' : networkError(err) };
    } finally {
      timer.done();
    }
    if (outcome.error) record.error = outcome.error;
    record.durationMs = Math.max(0, Math.round(elapsedClock() - started));
    const verdict = classifyAttempt(outcome, { now: Math.floor(s.now() / 1000) });
    return { record, verdict };
  }

  /**
   * Sends one delivery to completion: the first attempt at once, then the retries the schedule
   * allows, each planned and signed afresh with the same id.
   */
  async function deliver(input, options) {
    const s = settings(input, options);
    let plan = planAt(input, s);
    if (!plan.send) return { delivered: false, reason: plan.reason, attempts: [] };
    const id = plan.request.id;
    const delays = delaysFor(plan.request, s);
    const attempts = [];
    // At most 1 + maxRetries (≤ 100) attempts: the schedule is bounded by the core.
    for (let n = 0; n <= delays.length; n++) {
      if (n > 0) {
        plan = planAt(input, s, id);
        if (!plan.send) return { delivered: false, reason: plan.reason, id, attempts };
      }
      const { record, verdict } = await send(plan.request, s);
      attempts.push(record);
      if (verdict.verdict === 'delivered') return { delivered: true, id, attempts };
      if (verdict.verdict === 'stop') return { delivered: false, reason: verdict.reason, id, attempts };
      if (n === delays.length) break;
      const wait = verdict.retryAfterMs ?? delays[n];
      record.retryAt = s.now() + wait;
      await s.sleep(wait);
    }
    return { delivered: false, reason: 'max_retries', id, attempts };
  }

  /**
   * One signed try, for a queue that owns the schedule: `attemptsMade` tries came before this one.
   * Pass the returned `id` back with the retry so that every attempt carries the same id.
   */
  async function attempt(input, options = {}) {
    const s = settings(input, options);
    const made = options.attemptsMade ?? 0;
    if (!Number.isInteger(made) || made < 0) throw new TypeError('`attemptsMade` must be a whole number');
    const plan = planAt(input, s);
    if (!plan.send) return { outcome: 'skipped', reason: plan.reason, retryAt: null, delayMs: null, attempt: null };
    const id = plan.request.id;
    const delays = delaysFor(plan.request, s);
    const { record, verdict } = await send(plan.request, s);
    const result = (outcome, extra) => ({ outcome, retryAt: null, delayMs: null, id, ...extra, attempt: record });
    if (verdict.verdict === 'delivered') return result('delivered');
    if (verdict.verdict === 'stop') return result('stop', { reason: verdict.reason });
    if (made >= delays.length) return result('stop', { reason: 'max_retries' });
    const delayMs = verdict.retryAfterMs ?? delays[made];
    record.retryAt = s.now() + delayMs;
    return result('retry', { retryAt: record.retryAt, delayMs });
  }

  return { planDelivery, deliver, attempt, retrySchedule, classifyAttempt, checkResolvedAddress };
}
