// Error classes thrown by the hookseal bindings. Each carries a stable `code` (see the README's
// error table); messages are for people and never contain secrets.

export class HooksealError extends Error {
  constructor(code, message) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/** Thrown by `Verifier`, `Signer` and `Webhook`. */
export class WebhookVerificationError extends HooksealError {}

/** Thrown by `canonicalize` and `canonicalizeValue`. */
export class CanonicalizationError extends HooksealError {}

/** Thrown when a schema cannot be compiled. */
export class SchemaError extends HooksealError {}

const classes = { HooksealError, WebhookVerificationError, CanonicalizationError, SchemaError };

export function makeError(kind, code, message) {
  const Class = classes[kind] || HooksealError;
  return new Class(code, message);
}

export function errorClasses() {
  return classes;
}
