// A webhook sender on a BullMQ queue: the queue owns the schedule, hookseal decides everything else.
//
// Each job is one delivery `{ endpointConfig, event, body }` (plus, on retries, the message `id` and
// `attemptsMade`). The worker calls hookseal's `attempt`, which plans the delivery from the stored
// endpoint config (schema validation, URL policy, headers, a fresh signature), sends it once, and
// says what next. On a retryable failure the worker adds the next attempt as a new job with BullMQ's
// `delay` set to the schedule's wait (or the receiver's Retry-After); after the config's
// max_retries, on a 410, a redirect or another 4xx, it stops. A config that cannot be delivered
// throws DeliveryError, and the job fails without retries (someone must fix the endpoint).
//
// In production, put an endpoint id in the job and load the config (and its secret) from your
// database in the worker: job data sits in Redis in the clear.
//
//   REDIS_URL=redis://127.0.0.1:6379 node bullmq-sender.mjs https://example.com/webhook
import { Queue, Worker } from 'bullmq';
import { attempt } from 'hookseal';

/**
 * `endpoint` says how this platform's endpoints are described and signed:
 * `{ schema, scheme, secretOf(endpointConfig) }` (a built-in schema name or a CompiledSchema with
 * `fields`). `attemptOptions` go to `attempt` (fetch, schedule, allowHttp, …).
 */
export function createSender({ connection, queueName = 'webhooks', endpoint, attemptOptions = {} }) {
  const queue = new Queue(queueName, { connection });

  async function run(job) {
    const { endpointConfig, event, body, id, attemptsMade = 0 } = job.data;
    const input = {
      config: endpointConfig,
      schema: endpoint.schema,
      fields: endpoint.fields,
      scheme: endpoint.scheme,
      secret: endpoint.secretOf(endpointConfig),
      event,
      body,
      id,
    };
    const result = await attempt(input, { ...attemptOptions, attemptsMade });
    let retryJobId = null;
    if (result.outcome === 'retry') {
      const next = attemptsMade + 1;
      // The same id on every attempt lets the receiver deduplicate; a job id derived from it keeps a
      // worker that crashes after `add` from queueing the same retry twice.
      const options = { delay: result.delayMs, removeOnComplete: 1000, removeOnFail: 1000 };
      if (result.id) options.jobId = `${result.id}-${next}`;
      const retry = await queue.add(job.name, { endpointConfig, event, body, id: result.id, attemptsMade: next }, options);
      retryJobId = retry.id;
    }
    return {
      outcome: result.outcome,
      reason: result.reason ?? null,
      id: result.id ?? null,
      status: result.attempt?.status ?? null,
      error: result.attempt?.error ?? null,
      delayMs: result.delayMs,
      retryJobId,
    };
  }

  const worker = new Worker(queueName, run, { connection });
  return {
    queue,
    worker,
    /** Queues the first attempt of a delivery. */
    send: (endpointConfig, event, body) => queue.add('deliver', { endpointConfig, event, body }),
    async close() {
      await worker.close();
      await queue.close();
    },
  };
}

// Run as a script: queue one Talkover-style delivery and log what the worker does.
if (import.meta.url === `file://${process.argv[1]}`) {
  const url = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const connection = { host: url.hostname, port: Number(url.port || 6379), maxRetriesPerRequest: null };
  const target = process.argv[2] ?? 'https://example.com/webhook';
  const sender = createSender({
    connection,
    endpoint: { schema: 'talkover', scheme: 'github', secretOf: (config) => config.webhook_secret },
  });
  sender.worker.on('completed', (job, value) => console.log(`job ${job.id}:`, value));
  sender.worker.on('failed', (job, err) => console.log(`job ${job?.id} failed: ${err.code ?? ''} ${err.message}`));
  await sender.send(
    { name: 'My Webhook', webhook_url: target, webhook_secret: 'optional_secret_for_hmac', events: ['event_phone_call_ended'], max_retries: 3 },
    'event_phone_call_ended',
    JSON.stringify({ event: 'event_phone_call_ended', call_id: 'c_42' }),
  );
  console.log('queued; Ctrl-C to stop');
}
