// `diagnose()`: not a hot path, so it reads every header and hands Rust plain values.
import { allHeaders } from './headers.mjs';

export function createDiagnose(glue) {
  const { WebhookVerificationError } = glue.__errorClasses();
  const encoder = new TextEncoder();
  return function diagnose(options, payload, headers, at) {
    let body;
    if (typeof payload === 'string') body = encoder.encode(payload);
    else if (payload instanceof Uint8Array) body = payload;
    else if (payload instanceof ArrayBuffer) body = new Uint8Array(payload);
    else if (ArrayBuffer.isView(payload)) body = new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength);
    else throw new TypeError('payload must be the raw request body as received (string, Uint8Array or ArrayBuffer)');
    const now = at?.now ?? Date.now() / 1000;
    if (typeof now !== 'number') throw new WebhookVerificationError('invalid_options', '`now` must be a number');
    // Read once here, so that a getter that throws is a TypeError rather than an exception
    // thrown through wasm.
    let copy = options;
    if (typeof options === 'object' && options !== null) {
      try {
        copy = { ...options };
      } catch {
        throw new TypeError('options cannot be read');
      }
    }
    return glue.diagnoseFlat(copy, body, allHeaders(headers, 1000), now);
  };
}
