// Error classes thrown by the hookseal bindings. Each carries a stable `code` (see the README's
// error table); messages are for people and never contain secrets. Names are string literals,
// not `new.target.name`, because minifiers rename classes.

export class HooksealError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'HooksealError';
    this.code = code;
  }
}

function subclass(name) {
  return {
    [name]: class extends HooksealError {
      constructor(code, message) {
        super(code, message);
        this.name = name;
      }
    },
  }[name];
}

/** Thrown by `Verifier`, `Signer` and `Webhook`. */
export const WebhookVerificationError = subclass('WebhookVerificationError');
/** Thrown by `canonicalize` and `canonicalizeValue`. */
export const CanonicalizationError = subclass('CanonicalizationError');
/** Thrown when a schema cannot be compiled. */
export const SchemaError = subclass('SchemaError');
/** Thrown by `planDelivery` and the other sending-side functions. */
export const DeliveryError = subclass('DeliveryError');

const classes = { HooksealError, WebhookVerificationError, CanonicalizationError, SchemaError, DeliveryError };

export function makeError(kind, code, message) {
  const Class = classes[kind] || HooksealError;
  return new Class(code, message);
}

export function errorClasses() {
  return classes;
}
