// Runs the smoke test on a page and leaves the outcome where run.mjs (Playwright) reads it:
// `window.__smoke = { ok: true, steps }` or `{ ok: false, error }`, mirrored in document.title.
import { smoke } from '../smoke.mjs';

export function runAndReport(hookseal) {
  try {
    window.__smoke = { ok: true, steps: smoke(hookseal) };
  } catch (e) {
    window.__smoke = { ok: false, error: String(e && e.stack || e) };
  }
  document.title = window.__smoke.ok ? 'PASS' : 'FAIL';
  document.body.textContent = JSON.stringify(window.__smoke);
}
