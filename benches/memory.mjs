// Memory (run by run.mjs with --expose-gc): objects built per request and never freed, and a long
// run of verifications. Prints `MEMORY_JSON {…}`.
import { Verifier, Signer, Webhook } from 'hookseal';

const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const rss = () => {
  for (let i = 0; i < 4; i++) globalThis.gc();
  return process.memoryUsage().rss;
};
const body = JSON.stringify({ type: 'invoice.paid', data: { id: 'in_1' } });
const headers = new Signer({ scheme: 'standard', secret }).sign(body);
const before = rss();
for (let i = 0; i < 700_000; i++) {
  const kind = i % 3;
  if (kind === 0) new Verifier({ scheme: 'standard', secret });
  else if (kind === 1) new Signer({ scheme: 'github', secret: 'x' });
  else new Webhook(secret);
}
const afterObjects = rss();
const verifier = new Verifier({ scheme: 'standard', secret });
const now = Number(headers['webhook-timestamp']);
for (let i = 0; i < 100_000; i++) verifier.verify(body, headers, { now });
const warm = rss();
for (let i = 0; i < 1_000_000; i++) verifier.verify(body, headers, { now });
const afterVerify = rss();
console.log(`MEMORY_JSON ${JSON.stringify({
  objectsMiB: (afterObjects - before) / 2 ** 20,
  verifyMiB: (afterVerify - warm) / 2 ** 20,
})}`);
