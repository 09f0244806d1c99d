// Cold start, one new process per sample: import the library and verify one Standard Webhooks
// vector. `node cold.mjs hookseal|standardwebhooks` prints nothing; run.mjs times the processes.
const [which] = process.argv.slice(2);
const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const payload = '{"test": 2432232314}';
const headers = {
  'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  'webhook-timestamp': '1614265330',
  'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};
if (which === 'hookseal') {
  const { Verifier } = await import('hookseal');
  new Verifier({ scheme: 'standard', secret, toleranceSeconds: 0 }).verify(payload, headers);
} else {
  const { Webhook } = await import('standardwebhooks');
  const wh = new Webhook(secret);
  // standardwebhooks checks the timestamp against the clock: verify as of the vector's time.
  const realNow = Date.now;
  Date.now = () => 1614265330 * 1000;
  wh.verify(payload, headers);
  Date.now = realNow;
}
