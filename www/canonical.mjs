// Canonicalize: JSON in, RFC 8785 out, the first difference from the input marked, and errors
// with the byte offset the parser reports, marked in the input.
import { el, fill, marked } from './dom.mjs';

const EXAMPLE = '{\n  "to": "ana@example.com",\n  "amount": 1.50,\n  "at": 1e3,\n  "note": "caf\\u00e9"\n}';

/** Index of the first UTF-16 unit where `a` and `b` differ, or -1 if they are equal. */
export function firstDifference(a, b) {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

/** Line and column (both from 1) of string index `index` in `text`. */
function position(text, index) {
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  return { line, column: index - before.lastIndexOf('\n') };
}

/** The string index of UTF-8 byte offset `offset` in `text`. */
function indexOfByte(text, offset) {
  let bytes = 0;
  let index = 0;
  for (const ch of text) {
    if (bytes >= offset) break;
    const cp = ch.codePointAt(0);
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    index += ch.length;
  }
  return index;
}

/** A window of about 160 characters around `index`, so a long document stays readable. */
function around(text, index) {
  const start = Math.max(0, index - 80);
  const end = Math.min(text.length, index + 80);
  return { text: `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`, offset: index - start + (start > 0 ? 1 : 0) };
}

export function setupCanonical(hookseal) {
  const { canonicalize } = hookseal;
  const input = document.getElementById('jcs-input');
  const output = document.getElementById('jcs-output');
  const diff = document.getElementById('jcs-diff');
  const error = document.getElementById('jcs-error');
  const inputView = document.getElementById('jcs-input-view');
  input.value = EXAMPLE;

  function render() {
    const text = input.value;
    let canonical;
    try {
      canonical = canonicalize(text);
    } catch (e) {
      const byte = /at byte (\d+)/.exec(e.message);
      error.textContent = `${e.code}: ${e.message}`;
      input.setAttribute('aria-invalid', 'true');
      fill(output);
      if (byte) {
        const index = indexOfByte(text, Number(byte[1]));
        const { line, column } = position(text, index);
        diff.textContent = `Error at byte ${byte[1]} (line ${line}, column ${column}).`;
        const view = around(text, index);
        fill(inputView, marked(view.text, view.offset));
      } else {
        diff.textContent = '';
        fill(inputView);
      }
      return;
    }
    error.textContent = '';
    input.removeAttribute('aria-invalid');
    const at = firstDifference(text, canonical);
    if (at < 0) {
      fill(output, canonical);
      diff.textContent = 'The input is already canonical.';
      fill(inputView, text);
      return;
    }
    const { line, column } = position(text, at);
    const got = JSON.stringify(text.slice(at, at + 1) || '(end)');
    const want = JSON.stringify(canonical.slice(at, at + 1) || '(end)');
    diff.textContent = `First difference at character ${at + 1} (line ${line}, column ${column}): the input has ${got}, the canonical form ${want}.`;
    fill(output, marked(canonical, at));
    const view = around(text, at);
    fill(inputView, marked(view.text, view.offset));
  }

  input.addEventListener('input', render);
  render();
}
