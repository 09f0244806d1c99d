// The page: three tools over the package's browser entry, which embeds the WebAssembly module,
// so the whole API is synchronous and nothing is fetched but the schemas.
import * as hookseal from '/pkg/index.browser.mjs';
import { setupConfigForm } from './config-form.mjs';
import { setupDebugger } from './debugger.mjs';
import { setupCanonical } from './canonical.mjs';

try {
  setupDebugger(hookseal);
  setupCanonical(hookseal);
  await setupConfigForm(hookseal);
  document.documentElement.dataset.ready = 'true';
} catch (error) {
  const alert = document.getElementById('load-error');
  alert.textContent = `The page could not start: ${error.message}`;
  alert.hidden = false;
  throw error;
}
