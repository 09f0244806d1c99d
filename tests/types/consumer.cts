// Type test of the CommonJS declarations (pkg/index.d.cts, reached through the package's
// `exports` → types.require) from a CommonJS consumer: a .cts file under module nodenext is
// CommonJS, so this `import` is a `require('hookseal')`. `make test-types` checks it with
// `tsc --strict --noEmit`; nothing here is run.
import hookseal = require('hookseal');
import { Verifier, Signer, WebhookVerificationError, type VerifyResult, type WebhookErrorCode, type CanonicalizationErrorCode } from 'hookseal';

const secret = hookseal.generateSecret();
const headers: Record<string, string> = new Signer({ scheme: 'standard', secret }).sign('{}');
try {
  const result: VerifyResult = new Verifier({ scheme: 'standard', secret }).verify('{}', headers);
  void result.secretIndex;
} catch (e) {
  if (e instanceof hookseal.WebhookVerificationError && e instanceof WebhookVerificationError) {
    const code: WebhookErrorCode | CanonicalizationErrorCode = e.code;
    void code;
  }
}
const canonical: string = hookseal.canonicalize('{"b":1,"a":2}');
void canonical;
// @ts-expect-error: wrong scheme name
new hookseal.Signer({ scheme: 'gitlab', secret });
