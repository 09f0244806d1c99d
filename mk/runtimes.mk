# Runtime matrix, wasm-bindgen-test suites, TypeScript and framework checks (issue 5).
# Included by the Makefile; `make test` runs the targets listed in RUNTIME_TESTS.
#
#   make test-runtimes  the smoke test (tests/runtimes/smoke.mjs) in Node CJS and ESM (the machine's
#                       Node, 22 and 24; under 22 and 24 also the tests/node suite), Bun, Deno,
#                       workerd, headless Chromium, and a Vite-built and an esbuild-built page in
#                       Chromium (tests/runtimes/run.mjs prints one line per runtime)
#   make test-wasm      tests/wasm_api.rs with wasm-bindgen-test, in Node and in headless Chromium
#   make test-types     tests/types/*.ts against pkg/index.d.ts with `tsc --strict --noEmit`
#   make test-examples  examples/{express,hono,fetch-handler}.mjs served on 127.0.0.1 and called
#
# Everything is installed on a fresh machine: npm packages by the workspace's one `npm install`
# (npm-deps in the Makefile, which says why not `npm ci`), Node 22 and 24 by node-versions below
# (also `npm install`, for the same reason), Chromium and its driver from Debian (only when missing).

RUNTIME_TESTS := test-runtimes test-wasm test-types test-examples

.PHONY: test-runtimes test-wasm test-types test-examples chromium runtime-deps node-versions types-deps

CHROMIUM := /usr/bin/chromium
CHROMEDRIVER := /usr/bin/chromedriver

# Debian's Chromium and its matching chromedriver (Playwright's own browser download is not used).
chromium: $(CHROMIUM) $(CHROMEDRIVER)
$(CHROMIUM) $(CHROMEDRIVER):
	@if [ ! -x $(CHROMIUM) ] || [ ! -x $(CHROMEDRIVER) ]; then \
	  echo "installing chromium and chromium-driver from Debian"; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  apt-get update -qq && apt-get install -y -qq chromium chromium-driver >/dev/null; \
	fi

## ---- the runtime matrix (tests/runtimes) ------------------------------------------------------

# Bun, Deno, workerd, Vite, esbuild and playwright-core (binaries shipped inside npm packages, from
# the workspace member tests/runtimes), and Node 22 and 24.
runtime-deps: npm-deps node-versions

# Node 22 and 24, as npm ships them: a project of their own, outside the workspace, with its own
# lockfile (tests/runtimes/node-versions/package.json says why: their command is named `node`).
NODE_VERSIONS := tests/runtimes/node-versions
node-versions: $(NODE_VERSIONS)/node_modules/.installed
$(NODE_VERSIONS)/node_modules/.installed: $(NODE_VERSIONS)/package.json $(NODE_VERSIONS)/package-lock.json
	cd $(NODE_VERSIONS) && npm install --no-audit --no-fund --loglevel=error
	touch $@

test-runtimes: pkg chromium runtime-deps
	cd tests/runtimes && node run.mjs

## ---- wasm-bindgen-test: the core compiled to wasm, in Node and in headless Chromium -----------

# No wasm_bindgen_test_configure! in tests/wasm_api.rs: the runner uses Node unless
# WASM_BINDGEN_USE_BROWSER is set; the browser run drives Debian's Chromium through chromedriver
# with the capabilities in tests/webdriver.json.
WASM_TEST := cargo test --target $(WASM_TARGET) --no-default-features --features wasm,schema --test wasm_api
WASM_TEST_ENV := CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner WASM_BINDGEN_TEST_TIMEOUT=60 \
  WASM_BINDGEN_TEST_DRIVER_TIMEOUT=30

test-wasm: rust-targets wasm-bindgen-cli chromium
	@echo "== wasm_api in Node"
	$(WASM_TEST_ENV) $(WASM_TEST)
	@echo "== wasm_api in headless Chromium"
	$(WASM_TEST_ENV) WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER=$(CHROMEDRIVER) \
	  WASM_BINDGEN_TEST_WEBDRIVER_JSON=$(CURDIR)/tests/webdriver.json $(WASM_TEST)

## ---- TypeScript consumers (tests/types) ---------------------------------------------------------

types-deps: npm-deps

test-types: pkg types-deps
	cd tests/types && $(NODE_BIN)/tsc --version
	cd tests/types && $(NODE_BIN)/tsc -p tsconfig.json --strict --noEmit
	cd tests/types && $(NODE_BIN)/tsc -p tsconfig.node.json --strict --noEmit
	@echo "types: ESM and CJS consumers type-check, with DOM types and with @types/node"

## ---- framework examples (examples/, a workspace member) ----------------------------------------

test-examples: pkg npm-deps
	cd examples && node --test --test-reporter=spec --test-timeout=30000 test/examples.test.mjs
