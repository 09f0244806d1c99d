// `make demo`: sign a webhook in every scheme, verify it, then show what a tampered delivery and a
// replay look like. Runs against the package built into pkg/.
import { Signer, Verifier, generateSecret, schemes, WebhookVerificationError } from 'hookseal';

const body = JSON.stringify({ type: 'contact.created', data: { id: 'c_42', name: 'Zoë 中文 🦀' } });
const now = Math.floor(Date.now() / 1000);

const custom = {
  signatureHeader: 'X-JuriChat-Signature', encoding: 'hex', prefix: 'sha256=',
  template: '{timestamp}.{body}', timestampHeader: 'X-JuriChat-Timestamp',
};
const cases = [...schemes().map((name) => [name, name]), ['custom (JuriChat-style)', custom]];

console.log(`hookseal demo: one body, ${cases.length} schemes\nbody: ${body}\n`);
for (const [label, scheme] of cases) {
  const secret = label === 'standard' ? generateSecret() : generateSecret({ format: 'hex' });
  const options = { scheme, secret, notificationUrl: 'https://example.com/webhooks/square' };
  const headers = new Signer(options).sign(body);
  const result = new Verifier(options).verify(body, headers);
  console.log(`■ ${label}`);
  for (const [name, value] of Object.entries(headers)) console.log(`    ${name}: ${value}`);
  console.log(`    verified → ${JSON.stringify(result)}`);
  try {
    new Verifier(options).verify(body.replace('42', '43'), headers);
    throw new Error('a tampered body verified');
  } catch (e) {
    if (!(e instanceof WebhookVerificationError)) throw e;
    console.log(`    tampered body → ${e.code}`);
  }
}

const secret = generateSecret();
const old = new Signer({ scheme: 'standard', secret }).sign(body, { timestamp: now - 3600 });
try {
  new Verifier({ scheme: 'standard', secret }).verify(body, old);
} catch (e) {
  console.log(`\nreplayed an hour later → ${e.code}: ${e.message}`);
}
