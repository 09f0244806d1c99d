// The public API of `hookseal` over one instantiated module built with `wasm-full`: the parts the
// lean entries hold (`api-verify.mjs` for `hookseal/verify`, `api-config.mjs` for
// `hookseal/config`) and what only the full entry has. `tools/write-entries.mjs` writes every
// entry from `exports.json`. `host` is what the runtime offers natively (see `host-node.mjs`);
// without it every MAC is computed in wasm.

import { createConfigApi } from './api-config.mjs';
import { createVerifyApi } from './api-verify.mjs';
import { createDiagnose } from './diagnose.mjs';
import { createDelivery } from './deliver.mjs';
import { guardWith } from './guard.mjs';
import { createCanonical, createTexts } from './texts.mjs';

export function createApi(glue, exports, host) {
  const texts = createTexts(glue, exports);
  const canonical = createCanonical(texts);
  const guard = guardWith(glue);
  const delivery = createDelivery(glue);
  for (const name of Object.keys(delivery)) delivery[name] = guard(delivery[name]);
  return {
    ...createVerifyApi(glue, exports, host),
    ...createConfigApi(glue, exports, texts),
    canonicalize: canonical.canonicalize,
    canonicalizeValue: canonical.canonicalizeValue,
    diagnose: guard(createDiagnose(glue)),
    ...delivery,
    ...glue.__errorClasses(),
  };
}
