// Type test of the published declarations (pkg/index.d.ts) from an ES module consumer
// (`"type": "module"`, module/moduleResolution nodenext, so `hookseal` resolves through the
// package's `exports` → types.default). It uses the whole public API; lines marked
// `@ts-expect-error` must NOT type-check, so a declaration that became too loose fails the build.
// `make test-types` checks it with `tsc --strict --noEmit`; nothing here is run.
import {
  CanonicalizationError,
  HooksealError,
  SchemaError,
  Signer,
  Verifier,
  Webhook,
  WebhookVerificationError,
  canonicalize,
  canonicalizeValue,
  generateSecret,
  schemes,
  type CanonicalizationErrorCode,
  type CustomScheme,
  type EndpointOptions,
  type HeadersLike,
  type Payload,
  type SchemeName,
  type SecretInput,
  type VerifierOptions,
  type VerifyResult,
  type WebhookErrorCode,
} from 'hookseal';

/** `true` exactly when A and B are the same type. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(): T | void {}

// ---- options -------------------------------------------------------------------------------

const jurichat: CustomScheme = {
  signatureHeader: 'X-JuriChat-Signature',
  encoding: 'hex',
  prefix: 'sha256=',
  template: '{timestamp}.{body}',
  timestampHeader: 'X-JuriChat-Timestamp',
  secretEncoding: 'utf8',
};
const presets: SchemeName[] = ['standard', 'svix', 'stripe', 'github', 'slack', 'shopify', 'square', 'zoom'];
const secrets: SecretInput[] = [generateSecret(), new Uint8Array(32), new ArrayBuffer(32)];
const verifierOptions: VerifierOptions = {
  scheme: 'standard',
  secrets,
  toleranceSeconds: 300,
  canonical: true,
};
const signerOptions: EndpointOptions = { scheme: 'square', secret: 'x', notificationUrl: 'https://example.com/hook' };
const customOptions: EndpointOptions = { scheme: jurichat, secret: generateSecret({ format: 'hex', bytes: 24 }) };

// ---- Signer and Verifier ---------------------------------------------------------------------

const body: Payload = JSON.stringify({ type: 'contact.created' });
const signed: Record<string, string> = new Signer(signerOptions).sign(body, { id: 'msg_1', timestamp: 1_700_000_000 });
new Signer(customOptions).sign(new TextEncoder().encode(body));

const verifier = new Verifier(verifierOptions);
const headerForms: HeadersLike[] = [
  signed,
  new Headers(signed),
  new Map(Object.entries(signed)),
  Object.entries(signed),
  { 'webhook-signature': ['v1,a', 'v1,b'], 'content-length': 12, 'x-absent': undefined },
];
for (const headers of headerForms) {
  const result: VerifyResult = verifier.verify(body, headers, { now: 1_700_000_000 });
  const id: string | undefined = result.id;
  const timestamp: number | undefined = result.timestamp;
  const index: number = result.secretIndex;
  const scheme: string = result.scheme;
  void [id, timestamp, index, scheme];
}
for (const payload of [body, new Uint8Array(2), new ArrayBuffer(2), new DataView(new ArrayBuffer(2))] satisfies Payload[]) {
  verifier.verify(payload, signed);
}
assertType<Equal<ReturnType<Verifier['verify']>, VerifyResult>>();
assertType<Equal<ReturnType<Signer['sign']>, Record<string, string>>>();
verifier.free();
{
  using scoped = new Verifier({ scheme: 'github', secret: 'x' });
  scoped.verify('x', {});
}

// ---- the standardwebhooks drop-in ------------------------------------------------------------

const wh = new Webhook('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
const event: unknown = wh.verify(body, signed);
const signature: string = wh.sign('msg_1', new Date(), body);
new Webhook(new Uint8Array(32), { format: 'raw' })[Symbol.dispose]();
void [event, signature];

// ---- helpers ---------------------------------------------------------------------------------

const names: string[] = schemes();
const canonical: string = canonicalize('{"b":1,"a":2}');
const fromBytes: string = canonicalize(new TextEncoder().encode('[]'));
const fromValue: string = canonicalizeValue({ b: 1, a: [1, 'é'] });
const secret: string = generateSecret({ format: 'base64', bytes: 64 });
void [presets, names, canonical, fromBytes, fromValue, secret];

// ---- errors: classes, and their code unions narrowed in a catch ------------------------------

function handle(e: unknown): string {
  if (e instanceof WebhookVerificationError) {
    assertType<Equal<typeof e.code, WebhookErrorCode | CanonicalizationErrorCode>>();
    switch (e.code) {
      case 'timestamp_too_old':
      case 'timestamp_too_new':
        return 'replay';
      case 'no_matching_signature':
        return 'forged';
      case 'invalid_json':
        return 'canonical mode, not JSON';
      default:
        return e.code;
    }
  }
  if (e instanceof CanonicalizationError) {
    assertType<Equal<typeof e.code, CanonicalizationErrorCode>>();
    // @ts-expect-error: a verification code is not a canonicalization code
    if (e.code === 'missing_header') return 'impossible';
    return e.code;
  }
  if (e instanceof SchemaError) return e.code;
  if (e instanceof HooksealError) {
    const base: Error = e;
    const code: string = e.code;
    return `${base.message} ${code}`;
  }
  throw e;
}
try {
  verifier.verify(body, signed);
} catch (e) {
  handle(e);
  if (e instanceof WebhookVerificationError) {
    // @ts-expect-error: not one of the codes
    if (e.code === 'timestamp_expired') handle(e);
    // @ts-expect-error: `code` is read-only
    e.code = 'missing_header';
  }
}

// ---- what must not type-check ----------------------------------------------------------------

// @ts-expect-error: wrong scheme name
new Verifier({ scheme: 'stripee', secret: 'x' });
// @ts-expect-error: toleranceSeconds is a Verifier option, not a Signer one
new Signer({ scheme: 'github', secret: 'x', toleranceSeconds: 5 });
// @ts-expect-error: a custom scheme's encoding is hex or base64
new Signer({ scheme: { ...jurichat, encoding: 'base32' }, secret: 'x' });
// @ts-expect-error: the raw body, not a parsed object
verifier.verify({ type: 'contact.created' }, signed);
// @ts-expect-error: options are required
new Verifier();
// @ts-expect-error: unknown secret format
generateSecret({ format: 'pem' });
// @ts-expect-error: scheme is required
new Signer({ secret: 'x' });

// ---- Standard Webhooks v1a (Ed25519) ------------------------------------------------------------

import { generateKeyPair, publicKeyOf, type KeyPair } from 'hookseal';

const pair: KeyPair = generateKeyPair();
assertType<Equal<typeof pair, KeyPair>>();
const derived: string = publicKeyOf(pair.secretKey);
void derived;
const v1aHeaders: Record<string, string> = new Signer({ scheme: 'standard', secrets: ['whsec_x', pair.secretKey] }).sign('{}');
const v1aResult: VerifyResult = new Verifier({ scheme: 'standard', secrets: [pair.publicKey, 'whsec_x'] }).verify('{}', v1aHeaders);
void v1aResult.secretIndex;
const v1aSignature: string = new Webhook(pair.secretKey).sign('msg_1', new Date(), '{}');
void v1aSignature;
// @ts-expect-error: publicKeyOf takes the secret key's text
publicKeyOf(new Uint8Array(32));
// @ts-expect-error: generateKeyPair takes no options
generateKeyPair({ format: 'hex' });

// ---- webhook-config validation: values are values, text goes through *Json --------------------

import {
  compileSchema,
  planDelivery,
  validateConfig,
  validateConfigJson,
  type CompiledSchema,
  type ValidationIssue,
  type ValidationResult,
} from 'hookseal';

type TalkoverConfig = { name: string; webhook_url: string; events: string[] };
const fromValue2: ValidationResult<TalkoverConfig> = validateConfig<TalkoverConfig>('talkover', { name: 'a', events: [] });
const fromString: ValidationResult = validateConfig({ type: 'string' }, 'hello');
const fromText: ValidationResult<TalkoverConfig> = validateConfigJson<TalkoverConfig>('talkover', '{"name":"a"}');
const fromBytes2: ValidationResult = validateConfigJson('jurichat', new TextEncoder().encode('{}'), { events: ['x'] });
const endpoint: CompiledSchema = compileSchema({ type: 'object' });
const viaCompiled: ValidationResult = endpoint.validate('hello');
const viaCompiledText: ValidationResult = endpoint.validateJson(new Uint8Array(0));
const issue: ValidationIssue | undefined = fromText.errors[0];
const status: number | undefined = fromText.response?.status;
void [fromValue2, fromString, fromBytes2, viaCompiled, viaCompiledText, issue, status];
const planned = planDelivery({
  schema: 'talkover', scheme: 'standard', secret: 'whsec_x', event: 'e', body: '{}', configJson: '{"name":"a"}',
});
void planned;
// @ts-expect-error: JSON text is a string or UTF-8 bytes, not a parsed value
validateConfigJson('talkover', { name: 'a' });
// @ts-expect-error: validateJson takes text
endpoint.validateJson({});
// @ts-expect-error: a stored config is a value or JSON text, not both
planDelivery({ schema: 'talkover', scheme: 'standard', secret: 'x', event: 'e', body: '{}', config: {}, configJson: '{}' });
