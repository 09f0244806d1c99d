// Hot-path result objects, built on the JavaScript side: here their property names are literals,
// where from wasm each name is a string decoded from wasm memory and set by one more call across
// the boundary (measured: a fifth of the time of verifying a 1 KB body).

/** `Verifier.verify`'s result: `{ scheme, id?, timestamp?, secretIndex }`. */
export function verified(scheme, id, timestamp, secretIndex) {
  const out = { scheme };
  if (id !== undefined) out.id = id;
  if (timestamp !== undefined) out.timestamp = timestamp;
  out.secretIndex = secretIndex;
  return out;
}
