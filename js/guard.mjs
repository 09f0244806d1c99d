// What every entry's API wraps its functions in (`api-verify.mjs`, `api-config.mjs`, `api.mjs`).

/**
 * An exception from the caller's own objects (a getter, proxy trap or `toJSON` that throws) as a
 * TypeError, so that every failure of the API is a HooksealError, TypeError or RangeError.
 */
function typed(e, HooksealError) {
  if (e instanceof HooksealError || e instanceof TypeError || e instanceof RangeError) return e;
  return new TypeError(`an argument could not be read: ${e?.message ?? e}`);
}

function guarded(fn, HooksealError) {
  return function guard(...args) {
    let out;
    try {
      out = fn.apply(this, args);
    } catch (e) {
      throw typed(e, HooksealError);
    }
    return out instanceof Promise ? out.catch((e) => Promise.reject(typed(e, HooksealError))) : out;
  };
}

/** `guard(fn)`: `fn` with the caller's own exceptions turned into TypeErrors (see `typed`). */
export function guardWith(glue) {
  const { HooksealError } = glue.__errorClasses();
  return (fn) => guarded(fn, HooksealError);
}
