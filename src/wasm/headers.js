// Any HeadersLike (a Fetch `Headers`, a `Map`, an iterable of [name, value] pairs, or a plain
// object such as Node's `IncomingHttpHeaders`, whose values may be arrays) read natively here and
// handed to wasm as one string: read from wasm through js-sys, every entry cost about six calls
// across the boundary (a third of the time of verifying a 1 KB body).

const WRONG = 'headers must be a Headers, a Map, an array of [name, value] pairs or a plain object';
const BAD_VALUE = 'header values must be strings (or arrays of strings)';
/** Most entries read from one request. */
const MAX_HEADERS = 1000;

const isObject = (value) => typeof value === 'object' && value !== null;

function entriesOf(headers) {
  let iterate;
  try {
    iterate = headers[Symbol.iterator];
  } catch {
    throw new TypeError(WRONG);
  }
  if (typeof iterate !== 'function') return Object.entries(headers).slice(0, MAX_HEADERS);
  const entries = [];
  try {
    for (const entry of headers) {
      if (entries.length === MAX_HEADERS) break;
      entries.push(entry);
    }
  } catch {
    throw new TypeError(WRONG);
  }
  return entries;
}

/** A header value as text: a number as String(n) writes it; `undefined` to skip. */
function text(value) {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  throw new TypeError(BAD_VALUE);
}

/**
 * The name/value pairs joined by "\n" (`name\nvalue\nname\nvalue`), or, if a name or value holds a
 * line feed (no real header can, but a hand-built object may), the flat array
 * `[name, value, ...]`, so that nothing is ever misread.
 */
export function headerPairs(headers) {
  if (!isObject(headers)) throw new TypeError(WRONG);
  const flat = [];
  let lineFeed = false;
  const push = (name, value) => {
    const line = text(value);
    if (line === undefined) return;
    flat.push(name, line);
    lineFeed ||= name.includes('\n') || line.includes('\n');
  };
  for (const entry of entriesOf(headers)) {
    let name;
    try {
      name = (isObject(entry) || typeof entry === 'function') ? entry[0] : undefined;
    } catch {
      name = undefined;
    }
    if (typeof name !== 'string') throw new TypeError(WRONG);
    let values;
    try {
      values = entry[1];
    } catch {
      values = undefined;
    }
    if (Array.isArray(values)) {
      for (const value of Array.from(values)) push(name, value);
    } else {
      push(name, values);
    }
  }
  return lineFeed ? flat : flat.join('\n');
}
