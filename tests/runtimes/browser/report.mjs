// Runs the smoke test on a page and leaves the outcome where run.mjs (Playwright) reads it:
// `window.__smoke = { ok: true, steps }` or `{ ok: false, error }`, mirrored in document.title.
import { smokeAll } from '../smoke.mjs';

/** `hookseal`, `hookseal/verify` and `hookseal/config` as the page loaded them. */
export function runAndReport(hookseal, verify, config) {
  try {
    window.__smoke = { ok: true, steps: smokeAll(hookseal, verify, config) };
  } catch (e) {
    window.__smoke = { ok: false, error: String(e && e.stack || e) };
  }
  document.title = window.__smoke.ok ? 'PASS' : 'FAIL';
  document.body.textContent = JSON.stringify(window.__smoke);
}
