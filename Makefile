# hookseal build and test entry points. `make demo`, `make test`, `make pkg` and `make bench` are a
# contract: other tooling calls them. Every target installs what it needs on a fresh machine.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

WASM_BINDGEN_VERSION := 0.2.130
# The commands of the npm workspace's packages (wasm-opt, esbuild, tsc, ...), first on PATH.
NODE_BIN := $(CURDIR)/node_modules/.bin
WASM_TARGET := wasm32-unknown-unknown
RELEASE_WASM := target/$(WASM_TARGET)/release/hookseal.wasm
PKG_FEATURES := wasm-module,schema,ed25519
# -O3 to match the crate's opt-level (-Oz would undo some of its inlining for little size).
WASM_OPT_FLAGS := -O3 --strip-debug --strip-producers \
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue --enable-simd
export PATH := $(HOME)/.cargo/bin:$(NODE_BIN):$(PATH)

.PHONY: all pkg test demo bench size-builds fuzz cargo-fuzz tools rust-targets wasm-bindgen-cli js-tools npm-deps test-rust test-nostd test-node node-deps clean

all: pkg

## ---- tools -------------------------------------------------------------------------------

tools: rust-targets wasm-bindgen-cli js-tools

rust-targets:
	@rustup target list --installed | grep -qx $(WASM_TARGET) || rustup target add $(WASM_TARGET)
	@rustup target list --installed | grep -qx wasm32v1-none || rustup target add wasm32v1-none

# The CLI must match the wasm-bindgen crate version exactly (Cargo.toml pins it).
wasm-bindgen-cli:
	@if [ "$$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $(WASM_BINDGEN_VERSION)" ]; then \
	  echo "installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) (a few minutes, once)"; \
	  cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION); \
	fi

# Every npm dependency (of the build, the tests, the benchmarks and the examples) is in one npm
# workspace: package.json at the root lists the members, one package-lock.json pins them all, and this
# one rule installs them into the root node_modules. `npm install`, not `npm ci`: the registry this
# project reaches lacks some other platforms' optional binary packages (e.g. @deno/darwin-arm64),
# which npm ci counts as a lockfile mismatch. pkg/ is not a member: every member's `file:` dependency
# on it is one link, node_modules/hookseal -> pkg/, which npm makes before `make pkg` has built it.
# (Node 22 and 24 are installed apart, by node-versions in mk/runtimes.mk.)
NPM_MEMBERS := tools tests/node tests/runtimes tests/types tests/www benches examples
npm-deps: node_modules/.installed
node_modules/.installed: package.json package-lock.json $(addsuffix /package.json,$(NPM_MEMBERS))
	npm install --no-audit --no-fund --loglevel=error
	touch $@

# wasm-opt (npm binaryen; Debian's is too old) and esbuild (the CommonJS build of the glue), from tools/.
js-tools: npm-deps

## ---- the npm package -------------------------------------------------------------------

# pkg/ is generated entirely: the wasm and its glue, then the hand-written modules of js/ and the
# entries written from js/exports.json.
pkg: tools
	# Every feature: the bindings, their allocator, and the JSON-Schema engine.
	cargo build --release --lib --no-default-features --features $(PKG_FEATURES) --target $(WASM_TARGET)
	rm -rf pkg && mkdir -p pkg
	wasm-bindgen --target web --out-dir pkg --out-name hookseal $(RELEASE_WASM)
	wasm-opt $(WASM_OPT_FLAGS) pkg/hookseal_bg.wasm -o pkg/hookseal_bg.wasm
	node tools/embed-wasm.mjs pkg/hookseal_bg.wasm pkg/hookseal_wasm_inline.js
	cp js/*.mjs js/package.json js/index.d.ts pkg/
	cp js/index.d.ts pkg/index.d.cts
	node tools/write-entries.mjs pkg
	esbuild pkg/entry-node.mjs --bundle --format=cjs --platform=node --log-level=warning \
	  --log-override:empty-import-meta=silent --external:node:* --outfile=pkg/index.cjs
	rm pkg/entry-node.mjs
	cp README.md pkg/README.md
	@ls -l pkg/hookseal_bg.wasm | awk '{print "pkg/hookseal_bg.wasm: " $$5 " bytes"}'

## ---- tests -------------------------------------------------------------------------------

include mk/runtimes.mk
include mk/www.mk
include mk/delivery.mk

test: test-rust test-nostd test-node $(RUNTIME_TESTS) test-www

test-rust: rust-targets
	cargo fmt --all --check
	cargo test --all-targets
	cargo test --doc
	# The public API's documentation builds without broken or private links.
	RUSTDOCFLAGS="-D warnings" cargo doc --no-deps
	cargo clippy --all-targets -- -D warnings
	cargo clippy --lib --no-default-features --features $(PKG_FEATURES) --target $(WASM_TARGET) -- -D warnings
	# Without the schema engine (what `make bench` measures beside the package) stays warning-free.
	cargo clippy --lib --no-default-features --features wasm-module --target $(WASM_TARGET) -- -D warnings

# The core builds for a target that has no std at all.
test-nostd: rust-targets
	cargo rustc --lib --crate-type rlib --no-default-features --features schema --target wasm32v1-none

node-deps: npm-deps

test-node: pkg node-deps
	cd tests/node && node --test --test-reporter=spec

## ---- demo and benchmarks -----------------------------------------------------------------

demo: pkg npm-deps
	node examples/node-demo.mjs

# The package wasm built without a feature, only to measure what that feature costs (`make bench`
# prints the split). Each has its own target directory, which keeps `make pkg`'s build cached.
# $(call size_build,NAME,FEATURES)
define size_build
	CARGO_TARGET_DIR=target/size-$(1)/cargo cargo build --release --lib --no-default-features --features $(2) --target $(WASM_TARGET)
	wasm-bindgen --target web --out-dir target/size-$(1) --out-name hookseal target/size-$(1)/cargo/$(WASM_TARGET)/release/hookseal.wasm
	wasm-opt $(WASM_OPT_FLAGS) target/size-$(1)/hookseal_bg.wasm -o target/size-$(1)/hookseal_bg.wasm
endef

comma := ,

size-builds: tools
	$(call size_build,without-schema,wasm-module$(comma)ed25519)
	$(call size_build,without-ed25519,wasm-module$(comma)schema)

# Node (the machine's, 22 and 24), Bun, Deno and headless Chromium side by side with the peers,
# memory, cold start, timing, sizes (benches/run.mjs); the runtimes are the ones `make test-runtimes`
# installs.
bench: pkg size-builds npm-deps runtime-deps chromium
	cd benches && WASM_WITHOUT_SCHEMA=$(CURDIR)/target/size-without-schema/hookseal_bg.wasm \
	  WASM_WITHOUT_ED25519=$(CURDIR)/target/size-without-ed25519/hookseal_bg.wasm node run.mjs

## ---- fuzzing -------------------------------------------------------------------------------
# Not part of `make test`: it runs as long as it is given (FUZZ_SECONDS per target). The crate
# forbids unsafe code, so no sanitizer is needed and the stable toolchain builds the targets.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := json number verify schema config stringified
CARGO_FUZZ_VERSION := 0.13.2

cargo-fuzz:
	@if [ "$$(cargo fuzz --version 2>/dev/null)" != "cargo-fuzz $(CARGO_FUZZ_VERSION)" ]; then \
	  cargo install cargo-fuzz --version $(CARGO_FUZZ_VERSION); \
	fi

fuzz: cargo-fuzz
	for target in $(FUZZ_TARGETS); do \
	  cargo fuzz run --sanitizer none -O $$target -- -max_total_time=$(FUZZ_SECONDS) -max_len=8192 || exit 1; \
	done

clean:
	cargo clean
	rm -rf pkg
