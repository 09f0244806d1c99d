// Reads the values of the few headers a scheme needs from any HeadersLike: a Fetch `Headers`, a
// `Map`, an iterable of [name, value] pairs, or a plain object such as Node's
// `IncomingHttpHeaders` (values may be arrays), names in any letter case. Which names, in which
// order, and what the values mean is decided in Rust (`src/wasm/engine.rs`); this only finds them.

const WRONG = 'headers must be a Headers, a Map, an array of [name, value] pairs or a plain object';
const BAD_VALUE = 'header values must be strings (or arrays of strings)';

const isObject = (value) => typeof value === 'object' && value !== null;

/** A header value as text: a number as String(n) writes it; `undefined` to skip. */
function text(value) {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  throw new TypeError(BAD_VALUE);
}

/** Checks every value, wanted or not, so that a malformed request fails the same way whatever
 * the scheme reads; keeps the wanted ones. */
function add(found, index, value) {
  if (Array.isArray(value)) {
    for (const item of Array.from(value)) one(found, index, item);
  } else {
    one(found, index, value);
  }
}

function one(found, index, value) {
  const line = text(value);
  if (line === undefined || index === undefined) return;
  const list = found[index];
  if (list === undefined) found[index] = [line];
  else list.push(line);
}

/**
 * The values of each wanted name (`wanted`: a Map from lower-case name to its index), as
 * `found[index] = [value, …]`, and how many entries were read. Reading stops after `limit + 1`
 * entries, so that the caller can refuse a request with too many without reading them all.
 */
export function readHeaders(headers, wanted, found, limit) {
  try {
    return read(headers, wanted, found, limit);
  } catch (e) {
    // A getter, proxy trap or iterator that throws: the headers cannot be read.
    if (e instanceof TypeError) throw e;
    throw new TypeError(WRONG);
  }
}

function read(headers, wanted, found, limit) {
  if (!isObject(headers)) throw new TypeError(WRONG);
  // A Fetch `Headers` looks names up itself, case-insensitively, and joins repeats with ", ", as
  // iterating it would.
  if (typeof headers.get === 'function' && typeof headers.has === 'function' && !(headers instanceof Map)) {
    for (const [name, index] of wanted) {
      let value;
      try {
        value = headers.get(name);
      } catch {
        throw new TypeError(WRONG);
      }
      if (value !== null && value !== undefined) add(found, index, value);
    }
    return 0;
  }
  let iterate;
  try {
    iterate = headers[Symbol.iterator];
  } catch {
    throw new TypeError(WRONG);
  }
  let count = 0;
  const take = (name, value) => {
    if (typeof name !== 'string') throw new TypeError(WRONG);
    let index = wanted.get(name);
    if (index === undefined) index = wanted.get(name.toLowerCase());
    add(found, index, value);
  };
  if (typeof iterate !== 'function') {
    try {
      for (const name in headers) {
        if (!Object.prototype.hasOwnProperty.call(headers, name)) continue;
        if (++count > limit) return count;
        take(name, headers[name]);
      }
    } catch (e) {
      // A getter or proxy trap that throws: the headers cannot be read.
      if (e instanceof TypeError) throw e;
      throw new TypeError(WRONG);
    }
    return count;
  }
  try {
    for (const entry of headers) {
      if (++count > limit) return count;
      let name;
      let value;
      if (isObject(entry) || typeof entry === 'function') {
        name = entry[0];
        value = entry[1];
      }
      take(name, value);
    }
  } catch (e) {
    if (e instanceof TypeError && e.message === BAD_VALUE) throw e;
    throw new TypeError(WRONG);
  }
  return count;
}

/** Every header as a flat `[name, value, …]` list (at most `limit` entries), for `diagnose`. */
export function allHeaders(headers, limit) {
  try {
    return all(headers, limit);
  } catch (e) {
    if (e instanceof TypeError) throw e;
    throw new TypeError(WRONG);
  }
}

function all(headers, limit) {
  const flat = [];
  const names = new Map();
  const collect = {
    get(name) {
      let index = names.get(name);
      if (index === undefined) {
        index = names.size;
        names.set(name, index);
      }
      return index;
    },
  };
  const found = [];
  if (isObject(headers) && typeof headers.get === 'function' && typeof headers.has === 'function' && !(headers instanceof Map)) {
    for (const [name, value] of headers) flat.push(name, value);
    return flat;
  }
  readHeaders(headers, collect, found, limit);
  for (const [name, index] of names) for (const value of found[index] ?? []) flat.push(name, value);
  return flat;
}
