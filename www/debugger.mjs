// The signature debugger: a pasted delivery through diagnose(), and a test delivery signed with
// Signer, shown as headers and a ready curl command.
import { copyText, el, fill } from './dom.mjs';

const EXAMPLE_BODY = '{"type":"invoice.paid","data":{"id":"in_1","amount":1250,"currency":"eur"}}';

/**
 * Headers from `Name: value` lines (a request line and blank lines are skipped) or a JSON object.
 * Throws an Error with a message for people on anything else.
 */
export function parseHeaders(text) {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  if (trimmed.startsWith('{')) {
    let object;
    try {
      object = JSON.parse(trimmed);
    } catch (e) {
      throw new Error(`The headers look like JSON but do not parse: ${e.message}`);
    }
    const pairs = [];
    for (const [name, value] of Object.entries(object)) {
      for (const v of Array.isArray(value) ? value : [value]) pairs.push([name, String(v)]);
    }
    return pairs;
  }
  const pairs = [];
  for (const [index, raw] of trimmed.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (line === '' || /^(POST|PUT|GET|PATCH)\s|^HTTP\//i.test(line)) continue;
    const colon = line.indexOf(':');
    if (colon <= 0) throw new Error(`Line ${index + 1} is not a header: write it as "Name: value".`);
    pairs.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  return pairs;
}

/** `'text'` for a POSIX shell, quotes inside escaped. */
const shellQuote = (text) => `'${text.replace(/'/g, `'\\''`)}'`;

/** The curl command that sends `body` with `headers` to `url`. */
export function curlCommand(url, headers, body) {
  const lines = [`curl -X POST ${shellQuote(url)}`, `  -H ${shellQuote('content-type: application/json')}`];
  for (const [name, value] of Object.entries(headers)) lines.push(`  -H ${shellQuote(`${name}: ${value}`)}`);
  lines.push(`  --data-binary ${shellQuote(body)}`);
  return lines.join(' \\\n');
}

export function setupDebugger(hookseal) {
  const { diagnose, Signer, generateSecret, schemes } = hookseal;
  const $ = (id) => document.getElementById(id);
  const body = $('dbg-body');
  const headersInput = $('dbg-headers');
  const headersError = $('dbg-headers-error');
  const secret = $('dbg-secret');
  const scheme = $('dbg-scheme');
  const tolerance = $('dbg-tolerance');
  const url = $('dbg-url');
  const result = $('dbg-result');
  const signStatus = $('sign-status');
  const signHeaders = $('sign-headers');
  const signCurl = $('sign-curl');
  const useButton = $('sign-use');
  const copyButton = $('sign-copy');
  let signed = null;

  for (const name of schemes()) scheme.append(el('option', { value: name }, name));
  body.value = EXAMPLE_BODY;

  function options() {
    const out = { secret: secret.value };
    if (scheme.value) out.scheme = scheme.value;
    if (tolerance.value !== '' && Number(tolerance.value) >= 0) out.toleranceSeconds = Math.floor(Number(tolerance.value));
    if (url.value.trim()) out.notificationUrl = url.value.trim();
    return out;
  }

  function check() {
    let headers;
    try {
      headers = parseHeaders(headersInput.value);
      headersError.textContent = '';
      headersInput.removeAttribute('aria-invalid');
    } catch (e) {
      headersError.textContent = e.message;
      headersInput.setAttribute('aria-invalid', 'true');
      fill(result, el('p', { class: 'verdict neutral' }, 'Fix the headers to check the signature.'));
      return;
    }
    if (headers.length === 0 && secret.value === '') {
      fill(result, el('p', { class: 'verdict neutral' }, 'Paste the headers and the secret to check the signature, or sign a test delivery below.'));
      return;
    }
    let diagnosis;
    try {
      diagnosis = diagnose(options(), body.value, headers);
    } catch (e) {
      fill(result, el('p', { class: 'verdict bad', role: 'alert' }, `${e.code ? `${e.code}: ` : ''}${e.message}`));
      return;
    }
    const schemeText = diagnosis.scheme ? ` (${diagnosis.scheme})` : '';
    const verdict = diagnosis.ok
      ? el('p', { class: 'verdict good' }, el('span', { class: 'mark', 'aria-hidden': 'true' }, '✓'), ` Signature verifies${schemeText}`)
      : el('p', { class: 'verdict bad' }, el('span', { class: 'mark', 'aria-hidden': 'true' }, '✗'), ` Signature does not verify${schemeText}`);
    const findings = diagnosis.findings.map((f) =>
      el('li', { class: 'finding', dataset: { code: f.code } }, el('code', { class: 'code-tag' }, f.code), ' ', el('span', {}, f.message)));
    fill(result, verdict, findings.length ? el('ul', { class: 'findings', 'aria-label': 'Findings' }, findings) : null);
  }

  function sign() {
    const opts = options();
    if (!opts.scheme) opts.scheme = 'standard';
    delete opts.toleranceSeconds;
    if (opts.scheme === 'square' && !opts.notificationUrl) opts.notificationUrl = $('sign-target').value;
    try {
      const headers = new Signer(opts).sign(body.value);
      signed = headers;
      signHeaders.textContent = Object.entries(headers).map(([n, v]) => `${n}: ${v}`).join('\n');
      signCurl.textContent = curlCommand($('sign-target').value, headers, body.value);
      signStatus.textContent = `Signed with ${opts.scheme}.`;
      signStatus.className = 'status-line good';
      useButton.disabled = false;
      copyButton.disabled = false;
    } catch (e) {
      signed = null;
      signHeaders.textContent = '';
      signCurl.textContent = '';
      signStatus.textContent = `Cannot sign: ${e.message}`;
      signStatus.className = 'status-line bad';
      useButton.disabled = true;
      copyButton.disabled = true;
    }
  }

  for (const node of [body, headersInput, secret, tolerance, url]) node.addEventListener('input', check);
  scheme.addEventListener('change', check);
  $('dbg-generate').addEventListener('click', () => {
    secret.value = generateSecret();
    check();
    secret.focus();
  });
  $('sign-button').addEventListener('click', sign);
  useButton.addEventListener('click', () => {
    if (!signed) return;
    headersInput.value = Object.entries(signed).map(([n, v]) => `${n}: ${v}`).join('\n');
    check();
    headersInput.focus();
  });
  copyButton.addEventListener('click', async () => {
    const ok = await copyText(signCurl.textContent);
    signStatus.textContent = ok ? 'curl command copied to the clipboard.' : 'Copying was refused: select the command and copy it by hand.';
    signStatus.className = `status-line ${ok ? 'good' : 'bad'}`;
  });
  check();
}
