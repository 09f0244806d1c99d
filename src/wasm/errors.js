// Error classes thrown by the hookseal bindings. Each carries a stable `code` (see the README's
// error table); messages are for people and never contain secrets. Names are string literals,
// not `new.target.name`, because minifiers rename classes.

// Each entry (`hookseal`, `hookseal/verify`, `hookseal/config`) is its own module instance with its
// own classes. A registered symbol on every prototype names the kind, so that `instanceof` holds
// across entries (an error of `hookseal/verify` is a `WebhookVerificationError` of `hookseal`) without
// a global: the prototype chain first, then the brand.
const BRAND = Symbol.for('hookseal.error');

export class HooksealError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'HooksealError';
    this.code = code;
  }

  static [Symbol.hasInstance](value) {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return false;
    const kind = value[BRAND];
    const mine = this.prototype[BRAND];
    return typeof kind === 'string' && (mine === 'HooksealError' || kind === mine);
  }
}
HooksealError.prototype[BRAND] = 'HooksealError';

function subclass(name) {
  const Class = {
    [name]: class extends HooksealError {
      constructor(code, message) {
        super(code, message);
        this.name = name;
      }
    },
  }[name];
  Class.prototype[BRAND] = name;
  return Class;
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
