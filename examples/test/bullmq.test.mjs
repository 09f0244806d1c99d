// `make test-bullmq` (mk/delivery.mk): examples/bullmq-sender.mjs against a real Redis (Debian's
// redis-server, started by the make target on 127.0.0.1, port in REDIS_PORT) and a receiver on
// 127.0.0.1 that fails once. The failed attempt must come back as a new job delayed by the
// schedule's wait, and the receiver must see two signatures that verify, with one message id.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { Verifier, generateSecret } from 'hookseal';
import { createSender } from '../bullmq-sender.mjs';

const port = Number(process.env.REDIS_PORT);
const RETRY_DELAY_MS = 300;

/** Resolves once `ready()` is true, polling every 20 ms; rejects after `ms`. */
async function until(ready, ms, what) {
  const deadline = Date.now() + ms;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

test('a failed attempt is re-queued with the schedule delay; the retry delivers, verifiably', { skip: !port && 'REDIS_PORT not set (run `make test-bullmq`)', timeout: 30_000 }, async () => {
  const requests = [];
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      requests.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: performance.now() });
      res.writeHead(requests.length === 1 ? 503 : 204).end();
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}/webhook`;

  const secret = generateSecret();
  const sender = createSender({
    connection: { host: '127.0.0.1', port, maxRetriesPerRequest: null },
    queueName: `hookseal-test-${process.pid}`,
    endpoint: { schema: 'talkover', scheme: 'standard', secretOf: (config) => config.webhook_secret },
    // A tiny schedule keeps the test short; the receiver is local, hence http and a private address.
    attemptOptions: { schedule: [RETRY_DELAY_MS, RETRY_DELAY_MS], allowHttp: true, allowPrivate: true },
  });
  const completed = [];
  sender.worker.on('completed', (job, value) => completed.push({ job, value }));
  const failed = [];
  sender.worker.on('failed', (job, err) => failed.push(err));
  try {
    const body = JSON.stringify({ event: 'event_phone_call_ended', call_id: 'c_42' });
    const config = {
      name: 'My Webhook', webhook_url: url, webhook_secret: secret,
      events: ['event_phone_call_started', 'event_phone_call_ended'], timeout: 5, max_retries: 2, enabled: true,
    };
    await sender.send(config, 'event_phone_call_ended', body);
    await until(() => completed.length >= 2 || failed.length > 0, 20_000, 'two completed jobs');
    assert.deepEqual(failed, []);

    const [first, second] = completed;
    assert.equal(first.value.outcome, 'retry');
    assert.equal(first.value.status, 503);
    assert.equal(first.value.delayMs, RETRY_DELAY_MS);
    const retry = await sender.queue.getJob(first.value.retryJobId);
    assert.equal(retry.opts.delay, RETRY_DELAY_MS);
    assert.equal(retry.data.attemptsMade, 1);
    assert.equal(retry.data.id, first.value.id);
    assert.equal(second.job.id, first.value.retryJobId);
    assert.equal(second.value.outcome, 'delivered');
    assert.equal(second.value.status, 204);

    assert.equal(requests.length, 2);
    // BullMQ held the retry back for the delay.
    assert.ok(requests[1].at - requests[0].at >= RETRY_DELAY_MS - 10, `${requests[1].at - requests[0].at} ms`);
    const verifier = new Verifier({ scheme: 'standard', secret });
    const ids = requests.map((r) => {
      assert.equal(r.body, body);
      return verifier.verify(r.body, r.headers).id;
    });
    assert.deepEqual(ids, [first.value.id, first.value.id]);
  } finally {
    await sender.queue.obliterate({ force: true }).catch(() => {});
    await sender.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});
