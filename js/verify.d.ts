/**
 * `hookseal/verify`: signing and verification alone (every HMAC scheme, canonical mode, secrets),
 * with its own WebAssembly module that leaves out the schema engine, canonicalization, `diagnose`,
 * delivery and Ed25519 (`whsk_`/`whpk_` keys, Standard Webhooks v1a: use `hookseal` for those). The same classes and functions as `hookseal`'s,
 * documented there; the error classes are this entry's own.
 *
 * @example
 * import { Verifier, WebhookVerificationError } from 'hookseal/verify';
 * const verifier = new Verifier({ scheme: 'standard', secret: process.env.WEBHOOK_SECRET });
 * try {
 *   const { id } = verifier.verify(rawBody, request.headers);
 * } catch (e) {
 *   if (e instanceof WebhookVerificationError) console.log(e.code); // e.g. 'no_matching_signature'
 * }
 */
export {
  Verifier,
  Signer,
  Webhook,
  generateSecret,
  schemes,
  HooksealError,
  WebhookVerificationError,
} from './index.js';
export type {
  SchemeName,
  CustomScheme,
  SecretInput,
  Payload,
  HeadersLike,
  EndpointOptions,
  VerifyLimits,
  VerifierOptions,
  VerifyResult,
  WebhookErrorCode,
  CanonicalizationErrorCode,
} from './index.js';
