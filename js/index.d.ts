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
  /** Header carrying the message id; required exactly when the template signs `{id}`. */
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

/**
 * Bounds on what one delivery may ask of a `Verifier`, each refused with its own code.
 *
 * @example
 * new Verifier({ scheme: 'github', secret, limits: { payloadBytes: 1 << 20 } });
 */
export interface VerifyLimits {
  /** Longest payload in bytes (`payload_too_large`). Default 32 MiB (GitHub caps deliveries at 25 MB). */
  payloadBytes?: number;
  /** Most header entries read from a request (`too_many_headers`). Default 1000. */
  headerCount?: number;
  /** Most bytes the headers the scheme reads may hold together (`headers_too_large`). Default 32 KiB. */
  headerBytes?: number;
  /** Most candidate signatures in one delivery (`too_many_signatures`). Default 64. */
  signatures?: number;
}

export interface VerifierOptions extends EndpointOptions {
  /** Accepted distance between the signed timestamp and now, in seconds. Default 300; 0 disables. */
  toleranceSeconds?: number;
  /** Bounds on what one delivery may ask; each absent one keeps its default. */
  limits?: VerifyLimits;
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
  /**
   * `verify` with the same options, rules and results, computing the MAC of a large body with
   * WebCrypto where the runtime has no faster synchronous HMAC (browsers, workerd).
   * @example
   * const { id } = await verifier.verifyAsync(await request.arrayBuffer(), request.headers);
   */
  verifyAsync(payload: Payload, headers: HeadersLike, options?: { now?: number }): Promise<VerifyResult>;
  /** Nothing to free: a `Verifier` holds its keys as bytes, not WebAssembly memory. Kept for compatibility. */
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
  /** `sign`, with WebCrypto's HMAC for large bodies where that is faster (see `Verifier.verifyAsync`). */
  signAsync(payload: Payload, options?: { id?: string; timestamp?: number }): Promise<Record<string, string>>;
  /** Nothing to free (see `Verifier.free`). */
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
  /** Returns `v1,<base64 signature>`, or `v1a,<base64 signature>` for a `whsk_` key. */
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
  | 'invalid_options'
  | 'payload_too_large'
  | 'too_many_headers'
  | 'headers_too_large'
  | 'too_many_signatures';

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
  | 'json_too_large'
  | 'string_too_long'
  | 'too_many_items'
  | 'too_many_members'
  | 'unsupported_value'
  | 'circular_reference';

/** Thrown by `canonicalize` and `canonicalizeValue`, and by `validate`/`validateConfig` for a value with no JSON form. */
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
  readonly code: 'invalid_schema' | 'invalid_options' | 'schema_too_deep' | 'schema_too_large';
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
  /**
   * The keyword that failed (`required`, `maxLength`, `format`, …), or `json` when
   * `validateJson`/`validateConfigJson` got text the strict parser refuses.
   */
  keyword: string;
  message: string;
  /**
   * Details with ajv's names (`missingProperty`, `limit`, `allowedValues`, …); for keyword
   * `json`, `{ code }`: the parser's code (`invalid_json`, `duplicate_key`, `lone_surrogate`,
   * `too_deep`, …).
   */
  params: Record<string, unknown>;
}

export interface ValidationResult<T = unknown> {
  valid: boolean;
  /** The input with `default`s filled in (`null` when JSON text could not be parsed). */
  value: T;
  errors: ValidationIssue[];
  /** Laravel-style messages by dotted path (`events.0`); `required` errors are keyed by the missing member. */
  fieldErrors: Record<string, string[]>;
  /**
   * The HTTP answer the provider's API would send, for invalid input under a provider style
   * (`400` for JSON text that could not be parsed).
   */
  response?: { status: number; body: unknown };
}

/**
 * Validates a webhook config against a built-in provider schema or any JSON Schema 2020-12
 * document. `value` is the instance as given: any JSON value, so a string is a JSON string
 * (stored or received JSON text goes through `validateConfigJson`). It crosses as
 * `JSON.stringify` reads it (`toJSON` is called, `undefined` members are left out); what has no
 * JSON form throws a `CanonicalizationError` as in `canonicalizeValue`: NaN and Infinity
 * (`number_out_of_range`), functions, symbols, BigInt and `undefined` as the whole value
 * (`unsupported_value`), cycles, lone surrogates.
 *
 * @example
 * const r = validateConfig('talkover', { name: 'My Webhook', events: [] });
 * r.valid            // false
 * r.response         // { status: 422, body: { message: 'The given data was invalid.', errors: { … } } }
 * validateConfig({ type: 'string' }, 'hello').valid // true
 */
export function validateConfig<T = unknown>(
  schema: BuiltinSchemaName | object | boolean,
  value: unknown,
  options?: ValidateOptions,
): ValidationResult<T>;

/**
 * `validateConfig` for JSON text (a string, or UTF-8 bytes), parsed by hookseal's strict parser.
 * Text it refuses is an invalid result, never a throw: one error with keyword `json` at path `''`
 * and the parser's code in `params.code` (`invalid_json`, `duplicate_key`, `lone_surrogate`,
 * `invalid_utf8`, `too_deep`, …), `value` `null`, and for a built-in schema the provider's `400`
 * answer. Only a `text` that is neither a string nor a `Uint8Array` throws (`TypeError`).
 *
 * @example
 * const r = validateConfigJson('talkover', await request.text());
 * if (!r.valid) return Response.json(r.response.body, { status: r.response.status }); // 400 or 422
 * validateConfigJson('talkover', '{"name": "a", "name": "b"}').errors[0].params.code // 'duplicate_key'
 */
export function validateConfigJson<T = unknown>(
  schema: BuiltinSchemaName | object | boolean,
  text: string | Uint8Array,
  options?: ValidateOptions,
): ValidationResult<T>;

/** A schema compiled once, to validate many inputs. */
export class CompiledSchema {
  private constructor();
  /**
   * Validates `value` as given (a string is a JSON string), as `validateConfig` does.
   *
   * @example
   * compileSchema({ type: 'string' }).validate('hello').valid  // true
   * compileSchema({ type: 'object' }).validate('{}').errors[0].keyword // 'type'
   */
  validate<T = unknown>(value: unknown): ValidationResult<T>;
  /**
   * Validates JSON text (a string or UTF-8 bytes), as `validateConfigJson` does: a parse
   * failure is an invalid result with keyword `json`.
   *
   * @example
   * compileSchema({ type: 'object' }).validateJson('{}').valid // true
   * compileSchema({ type: 'object' }).validateJson('{').errors[0].params.code // 'invalid_json'
   */
  validateJson<T = unknown>(text: string | Uint8Array): ValidationResult<T>;
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
  | 'reserved_address'
  | 'url_too_long'
  | 'host_too_long'
  | 'label_too_long';

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
// ---- Sending webhooks (planDelivery, deliver, attempt) ----------------------------------------

/** Where a compiled schema keeps what delivery reads: top-level member names of the config. */
export interface DeliveryFields {
  /** The endpoint URL (a string). */
  url: string;
  /** The subscribed event names (an array); absent or `null` in a config: every event. */
  events?: string;
  /** Custom headers (an object of strings). */
  headers?: string;
  /** A boolean that is `true` when the endpoint receives events (`isActive`). */
  enabled?: string;
  /** A boolean that is `true` when the endpoint receives nothing (`disabled`). Not with `enabled`. */
  disabled?: string;
  /** The timeout of one attempt in whole seconds (1 to 86400). Default 15. */
  timeoutSeconds?: string;
  /** Retries after the first attempt (0 to 100). Default 7. */
  maxRetries?: string;
  /** Jelou-style authentication: `kind` holds `bearer` | `basic` | `api_key` | `no_auth`. */
  auth?: { kind: string; credentials: string };
}

/** Everything a delivery needs: the endpoint's stored config, how to sign, and the message. */
export type DeliveryInput = (
  | {
      /** A built-in provider schema, with its own field mapping. */
      schema: BuiltinSchemaName;
      /** The provider's event names, replacing the built-in list (as in `validateConfig`). */
      events?: string[];
      fields?: never;
    }
  | {
      /** A schema from `compileSchema`, and where its configs keep the URL, events, … */
      schema: CompiledSchema;
      fields: DeliveryFields;
      events?: never;
    }
) &
  EndpointOptions &
  (
    | {
        /** The endpoint's configuration as stored, a value (a string is a JSON string), validated on every plan. */
        config: unknown;
        configJson?: never;
      }
    | {
        /**
         * The configuration as stored JSON text (a string or UTF-8 bytes), parsed strictly: text the
         * parser refuses is an `invalid_config` with a `json` error and the provider's 400.
         */
        configJson: string | Uint8Array;
        config?: never;
      }
  ) & {
    /** The event name, matched against the config's event list. */
    event: string;
    /** The body to send and sign: a string is sent as UTF-8. */
    body: string | Uint8Array | ArrayBuffer | ArrayBufferView;
    /** The message id; generated (`msg_…`) when the scheme sends one and none is given. */
    id?: string;
    /** Unix seconds to sign (default now). `deliver` and `attempt` sign each attempt at its own time. */
    timestamp?: number;
    /** Allow `http:` URLs (local development). */
    allowHttp?: boolean;
    /** Allow loopback, private, link-local, unique-local and CGNAT destinations. */
    allowPrivate?: boolean;
  };

/**
 * The bytes of a planned body: a `Uint8Array` over an `ArrayBuffer` (spelled through `TextEncoder`
 * so that it is `Uint8Array<ArrayBuffer>` where TypeScript's DOM types want one for a Fetch body,
 * and plain `Uint8Array` in older TypeScript).
 */
export type BodyBytes = ReturnType<InstanceType<typeof TextEncoder>['encode']>;

/** A signed request, ready to send. */
export interface DeliveryRequest<B = string | BodyBytes> {
  url: string;
  method: 'POST';
  /** Signature headers, custom headers, the authentication header and `content-type`, lower-case names. */
  headers: Record<string, string>;
  /** The body: a string when a string was given, else a `Uint8Array` copy. */
  body: B;
  /** The message id, for schemes that send one or when one was given. */
  id?: string;
  /** The signed Unix time in seconds. */
  timestamp: number;
  /** How long one attempt may take. */
  timeoutMs: number;
  /** Retries after the first attempt. */
  maxRetries: number;
}

/** Why a message is, correctly, not sent to an endpoint. */
export type NotDeliveredReason = 'endpoint_disabled' | 'event_not_subscribed';

export type DeliveryPlan<B = string | BodyBytes> =
  | { send: true; request: DeliveryRequest<B> }
  | { send: false; reason: NotDeliveredReason; message: string };

/** Codes of `DeliveryError`. */
export type DeliveryErrorCode =
  | 'invalid_config'
  | 'invalid_field'
  | 'duplicate_header'
  | 'reserved_header'
  | 'invalid_header_name'
  | 'invalid_header_value'
  | 'invalid_options'
  | UrlRefusalCode
  | WebhookErrorCode
  | SchemaError['code']
  | CanonicalizationErrorCode;

/**
 * Thrown by `planDelivery`, `deliver`, `attempt`, `retrySchedule` and `classifyAttempt` when no
 * delivery can be planned (the config, the URL, a header or the signing material is wrong; someone
 * must fix it). Messages never hold secrets, credentials, header values or URLs.
 *
 * @example
 * try { planDelivery(input) } catch (e) {
 *   if (e instanceof DeliveryError && e.code === 'invalid_config') return res.status(e.response?.status ?? 422).json(e.response?.body);
 * }
 */
export class DeliveryError extends HooksealError {
  readonly code: DeliveryErrorCode;
  /** For `invalid_config`: the failed assertions, as `validateConfig` returns them. */
  readonly errors?: ValidationIssue[];
  /** For `invalid_config`: messages by member. */
  readonly fieldErrors?: Record<string, string[]>;
  /** For `invalid_config` under a provider style: the provider's HTTP answer. */
  readonly response?: { status: number; body: unknown };
}

/**
 * Plans one delivery: validates the stored config with its schema, checks the URL policy and the
 * custom headers, and returns the signed request, or why this message is not for this endpoint.
 *
 * @example
 * const plan = planDelivery({
 *   config: { name: 'My Webhook', webhook_url: 'https://example.com/webhook', events: ['event_phone_call_ended'], max_retries: 3 },
 *   schema: 'talkover', scheme: 'standard', secret, event: 'event_phone_call_ended', body: JSON.stringify(event),
 * });
 * if (plan.send) await fetch(plan.request.url, { method: 'POST', headers: plan.request.headers, body: plan.request.body, redirect: 'manual' });
 */
export function planDelivery<B extends string | Uint8Array | ArrayBuffer | ArrayBufferView>(
  input: DeliveryInput & { body: B },
): DeliveryPlan<B extends string ? string : BodyBytes>;

/** Options of `retrySchedule`. */
export interface RetryScheduleOptions {
  /** `exponential` (default): full jitter in `[0, min(capMs, baseMs · 2^n)]`; `svix`: Svix's fixed 5 s … 10 h. */
  preset?: 'exponential' | 'svix';
  /** Exponential only. Default 5000. */
  baseMs?: number;
  /** Exponential only. Default 36 000 000 (10 h). */
  capMs?: number;
  /** A source like `Math.random` (default: `crypto.getRandomValues`). */
  random?: () => number;
}

/**
 * The waits before each retry, in ms: one per retry the plan (or `{ maxRetries }`) allows.
 *
 * @example
 * retrySchedule({ maxRetries: 3 }, { preset: 'svix' }) // [5000, 300000, 1800000]
 */
export function retrySchedule(
  plan: { request: { maxRetries: number } } | { maxRetries: number },
  options?: RetryScheduleOptions,
): number[];

/** A failure below HTTP, or a refusal before connecting. */
export type AttemptErrorCode = 'timeout' | 'dns' | 'connect' | 'tls' | 'reset' | 'other' | 'address_refused';

/** Why a delivery stops without success. */
export type StopReason = 'gone' | 'client_error' | 'redirect' | 'address_refused';

export type AttemptVerdict =
  | { verdict: 'delivered' }
  | { verdict: 'retry'; retryAfterMs?: number }
  | { verdict: 'stop'; reason: StopReason };

/**
 * What to do after one attempt: 2xx delivered; network errors, timeouts, 408, 429, 5xx retry (with
 * the receiver's `Retry-After`, capped at an hour by default); 3xx, 410 and other 4xx stop.
 *
 * @example
 * classifyAttempt({ status: 429, retryAfter: '120' }) // { verdict: 'retry', retryAfterMs: 120000 }
 * classifyAttempt({ error: 'timeout' })                // { verdict: 'retry' }
 */
export function classifyAttempt(
  outcome: { status: number; retryAfter?: string; error?: never } | { error: AttemptErrorCode; status?: never },
  options?: { now?: number; retryAfterCapMs?: number },
): AttemptVerdict;

/**
 * Judges an address a webhook host resolved to, with the URL policy's classification.
 *
 * @example
 * checkResolvedAddress('::ffff:10.0.0.5') // { ok: false, code: 'private_address', message: '…' }
 */
export function checkResolvedAddress(
  address: string,
  options?: { allowPrivate?: boolean },
): { ok: true; address: string } | { ok: false; code: UrlRefusalCode | 'invalid_address'; message: string };

/** The parts of a Fetch `Response` delivery reads. */
export interface FetchResponseLike {
  status: number;
  type?: string;
  headers: { get(name: string): string | null };
  body?: { cancel?(): Promise<void> } | null;
}

/** What delivery passes to `fetch`. */
export interface FetchInitLike {
  method: string;
  headers: Record<string, string>;
  body: string | BodyBytes;
  redirect: 'manual';
  signal: AbortSignal;
}

export interface SendOptions {
  /**
   * Default: the runtime's `fetch`. Inject one to pin addresses or go through a proxy. (A method
   * signature, so that the runtime's `fetch` and its `RequestInit` type are accepted as they are.)
   */
  fetch?(url: string, init: FetchInitLike): Promise<FetchResponseLike>;
  /** Wall clock in ms, like `Date.now` (signature timestamps, `retryAt`). */
  now?: () => number;
  /** Waits between attempts (default: `setTimeout`). Attempt timeouts are real time. */
  sleep?: (ms: number) => Promise<void>;
  /**
   * Resolves a host name to every address it may connect to; each is checked with
   * `checkResolvedAddress` before connecting. Default: `node:dns` (all addresses) in Node, Bun and
   * Deno; none elsewhere. `null` skips the check. A proxy that checks the address it connects to is
   * the stronger defence: the name can resolve differently between this check and the connection.
   */
  resolve?: ((hostname: string) => Promise<string[]>) | null;
  /** Overrides the input's `allowHttp`. */
  allowHttp?: boolean;
  /** Overrides the input's `allowPrivate`, for planning and for resolved addresses. */
  allowPrivate?: boolean;
  /** Retry waits: `retrySchedule` options, or the delays in ms (cut to the plan's `maxRetries`). */
  schedule?: RetryScheduleOptions | number[];
  /** Jitter source for the default schedule, like `Math.random`. */
  random?: () => number;
}

/** One attempt of a delivery. */
export interface AttemptRecord {
  /** The receiver's status, when a response arrived. */
  status?: number;
  /** Real time from start to response (or failure). */
  durationMs: number;
  /** When no response arrived (`redirect`: a browser's opaque redirect). */
  error?: AttemptErrorCode | 'redirect';
  /** When the next attempt is due (ms, on the `now` clock), if one follows. */
  retryAt?: number;
}

export interface DeliveryResult {
  delivered: boolean;
  /** Why not: a `NotDeliveredReason` (nothing sent), a `StopReason`, or `max_retries`. */
  reason?: NotDeliveredReason | StopReason | 'max_retries';
  /** The message id every attempt carried, if the scheme sends one. */
  id?: string;
  attempts: AttemptRecord[];
}

/**
 * Delivers a message to an endpoint: plans it (throws `DeliveryError` if it cannot be), sends with
 * `redirect: 'manual'` and the plan's timeout, and retries on the schedule. Every attempt is planned
 * and signed afresh at its own time, with the same id.
 *
 * @example
 * const result = await deliver({
 *   config: storedEndpoint, schema: 'talkover', scheme: 'standard', secret: storedEndpoint.webhook_secret,
 *   event: 'event_phone_call_ended', body: JSON.stringify(event),
 * });
 * if (!result.delivered && result.reason === 'gone') await disableEndpoint();
 */
export function deliver(input: DeliveryInput, options?: SendOptions): Promise<DeliveryResult>;

export interface AttemptResult {
  /** `retry`: a retry is due at `retryAt`; `stop`: give up (`reason`); `skipped`: nothing was sent. */
  outcome: 'delivered' | 'retry' | 'stop' | 'skipped';
  /** When to try again (ms on the `now` clock), for `retry`. */
  retryAt: number | null;
  /** The wait before the retry (ms), for `retry`: the schedule's or the receiver's `Retry-After`. */
  delayMs: number | null;
  reason?: NotDeliveredReason | StopReason | 'max_retries';
  /** The message id sent: pass it back with the retry so that every attempt carries it. */
  id?: string;
  /** `null` when skipped. */
  attempt: AttemptRecord | null;
}

/**
 * One signed try, for a queue that owns the schedule (BullMQ, SQS, a database row).
 *
 * @example
 * const r = await attempt({ ...input, id: job.data.id }, { attemptsMade: job.data.attemptsMade ?? 0 });
 * if (r.outcome === 'retry') await queue.add('webhook', { ...job.data, id: r.id, attemptsMade: (job.data.attemptsMade ?? 0) + 1 }, { delay: r.delayMs });
 */
export function attempt(input: DeliveryInput, options?: SendOptions & { attemptsMade?: number }): Promise<AttemptResult>;

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
