/// <reference lib="esnext.disposable" />
/**
 * hookseal: webhook signing and verification for every major HMAC-SHA256 scheme, synchronous in
 * every JavaScript runtime, from one Rust core compiled to WebAssembly.
 *
 * @example
 * import { Verifier } from 'hookseal';
 * const verifier = new Verifier({ scheme: 'standard', secret: process.env.WEBHOOK_SECRET });
 * const { id, timestamp } = verifier.verify(rawBody, request.headers);
 */

/** Names of the preset schemes. */
export type SchemeName = 'standard' | 'svix' | 'stripe' | 'github' | 'slack' | 'shopify' | 'square' | 'zoom';

/**
 * A platform's own scheme.
 *
 * @example
 * const jurichat: CustomScheme = {
 *   signatureHeader: 'X-JuriChat-Signature', encoding: 'hex', prefix: 'sha256=',
 *   template: '{timestamp}.{body}', timestampHeader: 'X-JuriChat-Timestamp',
 * };
 */
export interface CustomScheme {
  /** Header carrying the signature (case-insensitive; written lower-case by `Signer`). */
  signatureHeader: string;
  /** How signature bytes are written. */
  encoding: 'hex' | 'base64';
  /** Text before each signature, such as `sha256=`. Default: none. */
  prefix?: string;
  /** Signed content with `{id}`, `{timestamp}`, `{body}`, `{url}`. Default `'{body}'`. */
  template?: string;
  /** Header carrying the timestamp; required exactly when the template signs `{timestamp}`. */
  timestampHeader?: string;
  /** Header carrying the message id; required when the template signs `{id}`. */
  idHeader?: string;
  /** How secret text becomes key bytes. Default `'utf8'`. */
  secretEncoding?: 'utf8' | 'whsec' | 'hex' | 'base64';
}

/** A secret as the provider hands it out, or raw key bytes. */
export type SecretInput = string | Uint8Array | ArrayBuffer;

/** The raw request body, exactly as received. A parsed object is a `TypeError`. */
export type Payload = string | Uint8Array | ArrayBuffer | ArrayBufferView;

/**
 * Request headers in any common shape: a Fetch `Headers`, Node's `IncomingHttpHeaders` (values
 * may be arrays), a plain object in any case, a `Map`, or an array of `[name, value]` pairs.
 */
export type HeadersLike =
  | Headers
  | Map<string, string | string[]>
  | Iterable<readonly [string, string]>
  | Record<string, string | string[] | number | undefined>;

/** Options shared by `Verifier` and `Signer`. Pass `secret` or `secrets`, not both. */
export interface EndpointOptions {
  scheme: SchemeName | CustomScheme;
  /** The endpoint's secret. */
  secret?: SecretInput;
  /** Several secrets during rotation; the first is current. */
  secrets?: SecretInput[];
  /** The URL the provider posts to, for schemes that sign it (`square`). */
  notificationUrl?: string;
  /**
   * Sign and verify the RFC 8785 canonical form of the JSON body instead of its raw bytes, so a
   * body that was parsed and re-serialized on the way still verifies. Both sides must opt in.
   * A body that is not I-JSON then fails with the canonicalization error's code.
   */
  canonical?: boolean;
}

export interface VerifierOptions extends EndpointOptions {
  /** Accepted distance between the signed timestamp and now, in seconds. Default 300; 0 disables. */
  toleranceSeconds?: number;
}

export interface VerifyResult {
  scheme: string;
  /** The message id, for schemes that send one. */
  id?: string;
  /** The signed timestamp in Unix seconds, for schemes that sign one. */
  timestamp?: number;
  /** Which secret matched: 0 is the current one. */
  secretIndex: number;
}

/**
 * Verifies webhook deliveries for one endpoint. Build once, verify many times.
 *
 * @example
 * const v = new Verifier({ scheme: 'github', secret: "It's a Secret to Everybody" });
 * v.verify('Hello, World!', { 'X-Hub-Signature-256': 'sha256=757107ea…' });
 */
export class Verifier {
  constructor(options: VerifierOptions);
  /**
   * Verifies `payload` against `headers`. Throws `WebhookVerificationError`.
   * @param options.now Current Unix time in seconds (default: the clock).
   */
  verify(payload: Payload, headers: HeadersLike, options?: { now?: number }): VerifyResult;
  /** Frees the WebAssembly memory now instead of at garbage collection. */
  free(): void;
  [Symbol.dispose](): void;
}

/**
 * Signs webhook deliveries for one endpoint.
 *
 * @example
 * const s = new Signer({ scheme: 'standard', secret: generateSecret() });
 * const headers = s.sign(JSON.stringify(event)); // { 'webhook-id', 'webhook-timestamp', 'webhook-signature' }
 */
export class Signer {
  constructor(options: EndpointOptions);
  /**
   * Returns the headers to send, with lower-case names. For `standard`, an id is generated when
   * not given; `timestamp` defaults to now (Unix seconds).
   */
  sign(payload: Payload, options?: { id?: string; timestamp?: number }): Record<string, string>;
  free(): void;
  [Symbol.dispose](): void;
}

/**
 * Drop-in for the `Webhook` class of the `standardwebhooks` and `svix` packages.
 *
 * @example
 * const wh = new Webhook('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
 * const event = wh.verify(rawBody, req.headers);
 */
export class Webhook {
  constructor(secret: string | Uint8Array, options?: { format?: 'raw' });
  /** Verifies and returns the parsed JSON payload (`undefined` for an empty body). */
  verify(payload: Payload, headers: HeadersLike): unknown;
  /** Returns `v1,<base64 signature>`. */
  sign(msgId: string, timestamp: Date, payload: Payload): string;
  free(): void;
  [Symbol.dispose](): void;
}

/**
 * A new random secret from `crypto.getRandomValues`.
 * @example generateSecret() // 'whsec_…' with 32 random bytes
 * @example generateSecret({ format: 'hex', bytes: 24 })
 */
export function generateSecret(options?: { format?: 'whsec' | 'hex' | 'base64'; bytes?: number }): string;

/** The preset scheme names. */
export function schemes(): string[];

/** Base class of every error hookseal throws (besides `TypeError` for wrong argument types). */
export class HooksealError extends Error {
  readonly code: string;
}

/** Error codes of `Verifier`, `Signer` and `Webhook`. */
export type WebhookErrorCode =
  | 'missing_header'
  | 'malformed_header'
  | 'invalid_timestamp'
  | 'timestamp_too_old'
  | 'timestamp_too_new'
  | 'no_matching_signature'
  | 'invalid_secret'
  | 'invalid_payload'
  | 'invalid_scheme'
  | 'invalid_options';

/**
 * Thrown by `Verifier`, `Signer` and `Webhook`.
 * @example
 * try { verifier.verify(body, headers) } catch (e) {
 *   if (e instanceof WebhookVerificationError && e.code === 'timestamp_too_old') { … }
 * }
 */
export class WebhookVerificationError extends HooksealError {
  /** One of `WebhookErrorCode`, or in canonical mode a `CanonicalizationErrorCode`. */
  readonly code: WebhookErrorCode | CanonicalizationErrorCode;
}

/** Error codes of `canonicalize` and `canonicalizeValue` (and of canonical-mode verification). */
export type CanonicalizationErrorCode =
  | 'invalid_json'
  | 'duplicate_key'
  | 'lone_surrogate'
  | 'invalid_utf8'
  | 'number_out_of_range'
  | 'too_deep'
  | 'unsupported_value'
  | 'circular_reference';

/** Thrown by `canonicalize` and `canonicalizeValue`. */
export class CanonicalizationError extends HooksealError {
  readonly code: CanonicalizationErrorCode;
}

/**
 * The RFC 8785 (JCS) canonical form of JSON text: members sorted by UTF-16 code units, no
 * whitespace, ECMAScript number formatting, minimal escapes. The input must be I-JSON: duplicate
 * names, lone surrogates and numbers beyond a double are `CanonicalizationError`s.
 *
 * @example
 * canonicalize('{ "b": [1.0E2, "\u0041"], "a": -0 }') // '{"a":0,"b":[100,"A"]}'
 */
export function canonicalize(json: string | Uint8Array): string;

/**
 * The RFC 8785 canonical form of an in-memory value, like npm `canonicalize`: `toJSON` is called,
 * `undefined` members are left out. NaN, Infinity, functions, symbols, BigInt and cycles throw.
 *
 * @example
 * canonicalizeValue({ b: 2, a: [1, 'é'] }) // '{"a":[1,"é"],"b":2}'
 */
export function canonicalizeValue(value: unknown): string;

/** Thrown when a schema cannot be compiled (`invalid_schema`) or an option is wrong (`invalid_options`). */
export class SchemaError extends HooksealError {
  readonly code: 'invalid_schema' | 'invalid_options';
}

/** Names of the built-in webhook-config schemas. */
export type BuiltinSchemaName = 'jurichat' | 'jelou' | 'talkover' | 'standard-webhooks-endpoint';

/** How validation failures are worded and which HTTP answer is built. */
export type ErrorStyle = 'ajv' | 'fastify' | 'laravel' | 'jelou' | 'problem-details';

export interface ValidateOptions {
  /** The provider's event names, replacing the built-in list (`jurichat`, `talkover`, `standard-webhooks-endpoint`). */
  events?: string[];
  /** Override the schema's error style (a built-in has its provider's; an object schema uses `ajv`). */
  errorStyle?: ErrorStyle;
}

/** One failed assertion, in ajv's vocabulary. */
export interface ValidationIssue {
  /** JSON Pointer to the failing value (`''` for the root). */
  path: string;
  /** The keyword that failed (`required`, `maxLength`, `format`, …). */
  keyword: string;
  message: string;
  /** Details with ajv's names (`missingProperty`, `limit`, `allowedValues`, …). */
  params: Record<string, unknown>;
}

export interface ValidationResult<T = unknown> {
  valid: boolean;
  /** The input with `default`s filled in. */
  value: T;
  errors: ValidationIssue[];
  /** Laravel-style messages by dotted path (`events.0`); `required` errors are keyed by the missing member. */
  fieldErrors: Record<string, string[]>;
  /** The HTTP answer the provider's API would send, for invalid input under a provider style. */
  response?: { status: number; body: unknown };
}

/**
 * Validates a webhook config against a built-in provider schema or any JSON Schema 2020-12
 * document. JSON text input is parsed strictly (duplicate keys throw `CanonicalizationError`).
 *
 * @example
 * const r = validateConfig('talkover', { name: 'My Webhook', events: [] });
 * r.valid            // false
 * r.response         // { status: 422, body: { message: 'The given data was invalid.', errors: { … } } }
 */
export function validateConfig<T = unknown>(
  schema: BuiltinSchemaName | object | boolean,
  input: unknown,
  options?: ValidateOptions,
): ValidationResult<T>;

/** A schema compiled once, to validate many inputs. */
export class CompiledSchema {
  private constructor();
  validate<T = unknown>(input: unknown): ValidationResult<T>;
  free(): void;
  [Symbol.dispose](): void;
}

/**
 * Compiles a schema once. Unsupported keywords are a `SchemaError` (`invalid_schema`), never ignored.
 *
 * @example
 * const endpoint = compileSchema({ type: 'object', required: ['url'],
 *   properties: { url: { type: 'string', format: 'webhook-url' } } });
 * endpoint.validate({ url: 'https://10.0.0.1/' }).errors[0].keyword // 'format'
 */
export function compileSchema(schema: BuiltinSchemaName | object | boolean, options?: ValidateOptions): CompiledSchema;

/** Why `checkWebhookUrl` refused a URL. */
export type UrlRefusalCode =
  | 'invalid_url'
  | 'unicode_host'
  | 'insecure_scheme'
  | 'unsupported_scheme'
  | 'credentials_in_url'
  | 'localhost'
  | 'loopback_address'
  | 'private_address'
  | 'link_local_address'
  | 'unique_local_address'
  | 'shared_address'
  | 'unspecified_address'
  | 'multicast_address'
  | 'broadcast_address'
  | 'documentation_address'
  | 'reserved_address';

/**
 * Checks that a URL is a safe webhook destination: parsed by the runtime's own WHATWG `URL`, https,
 * no credentials, no loopback/private/link-local/… IP literals in any spelling, no Unicode host
 * names (give punycode). Name-based SSRF still needs a check of the resolved address at delivery
 * time.
 *
 * @example
 * checkWebhookUrl('https://0x7f.1/') // { ok: false, code: 'loopback_address', message: '…' }
 */
export function checkWebhookUrl(
  url: string,
  options?: { allowHttp?: boolean; allowPrivate?: boolean },
): { ok: true } | { ok: false; code: UrlRefusalCode; message: string };

/** Header names a custom delivery header may not set (hop-by-hop and signature headers), lower-case. */
export function reservedHeaders(): string[];

/** Codes of `diagnose()` findings: its own, or a `Verifier` error code when nothing more specific applies. */
export type FindingCode =
  | 'secret_whitespace'
  | 'secret_form'
  | 'timestamp_milliseconds'
  | 'timestamp_outside_tolerance'
  | 'body_reserialized'
  | 'body_not_raw'
  | 'headers_of_other_scheme'
  | 'unsupported_signature_version'
  | 'signature_encoding'
  | WebhookErrorCode
  | CanonicalizationErrorCode;

export interface Diagnosis {
  /** True if the delivery verifies as given (findings may still warn). */
  ok: boolean;
  /** The scheme checked, given or detected from the headers; `null` if none was found. */
  scheme: string | null;
  /** What was found, most specific first; messages never contain a secret. */
  findings: { code: FindingCode; message: string }[];
}

/**
 * Explains why a delivery does not verify, by trying the usual mistakes (whitespace around the
 * secret, the secret read the other way, a re-serialized body, a timestamp in milliseconds, the
 * other signature encoding…) and saying which one makes the signature match. A failed
 * verification is a finding, never an exception; options are read as `new Verifier` reads them.
 * @example
 * diagnose({ secret: process.env.SECRET }, rawBody, request.headers)
 * // { ok: false, scheme: 'github', findings: [{ code: 'secret_whitespace', message: 'The secret has a line break; …' }] }
 */
export function diagnose(
  options: Omit<VerifierOptions, 'scheme'> & { scheme?: SchemeName | CustomScheme },
  payload: Payload,
  headers: HeadersLike,
  at?: { now?: number },
): Diagnosis;

/**
 * A Standard Webhooks v1a (Ed25519) key pair. `secretKey` signs and stays with the sender;
 * `publicKey` goes to receivers, which can verify with it but never sign. Both are accepted as a
 * `secret` (or among `secrets`) of the `standard` scheme, beside `whsec_` HMAC secrets.
 */
export interface KeyPair {
  /** `whsk_` + base64 of the 32-byte seed. */
  secretKey: string;
  /** `whpk_` + base64 of the 32-byte public key. */
  publicKey: string;
}

/**
 * A new Ed25519 key pair, its seed from `crypto.getRandomValues`.
 *
 * @example
 * const { secretKey, publicKey } = generateKeyPair();
 * const headers = new Signer({ scheme: 'standard', secret: secretKey }).sign(body); // webhook-signature: 'v1a,…'
 * new Verifier({ scheme: 'standard', secret: publicKey }).verify(body, headers);
 * // Moving from HMAC to Ed25519: verify both while senders switch; `secretIndex` says which matched.
 * new Verifier({ scheme: 'standard', secrets: [publicKey, 'whsec_…'] }).verify(body, headers).secretIndex; // 0
 * // A signer with both kinds writes `v1,… v1a,…` in one header.
 * new Signer({ scheme: 'standard', secrets: ['whsec_…', secretKey] });
 * // The drop-in: `new Webhook(publicKey)` verifies v1a; `new Webhook(secretKey).sign(…)` returns 'v1a,…'.
 */
export function generateKeyPair(): KeyPair;

/**
 * The `whpk_` public key of a `whsk_` secret key (32-byte seed or 64-byte seed ‖ public key form).
 * Anything else is a `WebhookVerificationError` with code `invalid_secret`.
 *
 * @example
 * publicKeyOf('whsk_6Xb/dCcHpPea21PS1N9VY/NZW723CEc77N4rJCubMbfVKIDij2HKpMKkioLlX0dRqSKJp4AJ6p9lMicMFs6Kvg==')
 * // 'whpk_1SiA4o9hyqTCpIqC5V9HUakiiaeACeqfZTInDBbOir4='
 */
export function publicKeyOf(secretKey: string): string;
