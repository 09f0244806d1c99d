# hookseal build and test entry points. `make demo`, `make test`, `make pkg` and `make bench` are a
# contract: other tooling calls them. Every target installs what it needs on a fresh machine.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

WASM_BINDGEN_VERSION := 0.2.130
# The commands of the npm workspace's packages (wasm-opt, esbuild, tsc, ...), first on PATH.
NODE_BIN := $(CURDIR)/node_modules/.bin
WASM_TARGET := wasm32-unknown-unknown
RELEASE_WASM := target/$(WASM_TARGET)/release/hookseal.wasm
PKG_FEATURES := wasm-module,wasm-full,ed25519
# Each wasm's wasm-opt level follows its Cargo profile (WASM_OPT_LEVEL_* below).
WASM_OPT_FLAGS := --strip-debug --strip-producers \
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue --enable-simd
export PATH := $(HOME)/.cargo/bin:$(NODE_BIN):$(PATH)

.PHONY: all pkg test test-package demo bench size-builds fuzz cargo-fuzz tools rust-targets wasm-bindgen-cli js-tools test-rust test-nostd test-node npm-deps node-deps clean

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

# pkg/ is generated entirely: one wasm and its glue per entry of js/exports.json (`hookseal`, and
# the lean `hookseal/verify` and `hookseal/config`, each built from the same crate with only the
# bindings its names need), then the hand-written modules of js/ and the entries written from
# js/exports.json. The lean builds have their own Cargo profiles (target/$(WASM_TARGET)/<profile>),
# so that none of the three feature sets invalidates another's cache.
LEAN_FEATURES_verify := wasm-module,wasm-verify,small-alloc
LEAN_FEATURES_config := wasm-module,wasm-config,small-alloc,host-numbers

# wasm-opt's level per wasm: -O3 where the Cargo profile is for speed (-Oz would undo some of its
# inlining for little size); `hookseal/config`'s is for size (-Oz, like its opt-level "z"), after
# flattening and re-relooping the control flow, which lets -Oz fold more of it.
WASM_OPT_LEVEL_hookseal := -O3
WASM_OPT_LEVEL_hookseal_verify := -O3
WASM_OPT_LEVEL_hookseal_config := --flatten --rereloop -Oz -Oz --converge

# $(call lean_build,ENTRY): the lean entry's wasm, in target/$(WASM_TARGET)/wasm-ENTRY/.
define lean_build
	cargo build --profile wasm-$(1) --lib --no-default-features --features $(LEAN_FEATURES_$(1)) --target $(WASM_TARGET)
endef

# $(call wasm_entry,OUT-NAME,WASM): wasm-bindgen, wasm-opt and the embedded copy, into pkg/.
# Without the glue's default `new URL('…_bg.wasm', import.meta.url)`: every entry hands the module
# to `initSync`, and that URL would make bundlers copy the .wasm into a browser build beside the
# embedded copy.
define wasm_entry
	wasm-bindgen --target web --omit-default-module-path --out-dir pkg --out-name $(1) $(2)
	wasm-opt $(WASM_OPT_LEVEL_$(1)) $(WASM_OPT_FLAGS) pkg/$(1)_bg.wasm -o pkg/$(1)_bg.wasm
	node tools/embed-wasm.mjs pkg/$(1)_bg.wasm pkg/$(1)_wasm_inline.js
endef

# $(call node_bundle,BASE): pkg/entry-BASE.mjs bundled into pkg/BASE.cjs.
define node_bundle
	esbuild pkg/entry-$(1).mjs --bundle --format=cjs --platform=node --log-level=warning \
	  --log-override:empty-import-meta=silent --external:node:* --outfile=pkg/$(1).cjs
	rm pkg/entry-$(1).mjs
endef

pkg: tools
	# Every feature: the bindings of every entry, their allocator, and the JSON-Schema engine.
	cargo build --release --lib --no-default-features --features $(PKG_FEATURES) --target $(WASM_TARGET)
	$(call lean_build,verify)
	$(call lean_build,config)
	rm -rf pkg && mkdir -p pkg
	# tiny-inflate, which the browser entries' embedded wasm is inflated with at load
	# (tools/embed-wasm.mjs), as one ES module that every entry shares. It runs once per load on
	# bytes the build wrote, so the smallest inflater wins over the fastest (fflate): every
	# browser bundle ships it.
	echo "export { default as inflate } from 'tiny-inflate';" | NODE_PATH=$(CURDIR)/node_modules esbuild --bundle \
	  --minify --format=esm --platform=browser --log-level=warning --outfile=pkg/inflate.mjs \
	  --banner:js="// tiny-inflate $$(node -p "require('$(CURDIR)/node_modules/tiny-inflate/package.json').version"), MIT License, Copyright (c) 2015-present Devon Govett"
	$(call wasm_entry,hookseal,$(RELEASE_WASM))
	$(call wasm_entry,hookseal_verify,target/$(WASM_TARGET)/wasm-verify/hookseal.wasm)
	$(call wasm_entry,hookseal_config,target/$(WASM_TARGET)/wasm-config/hookseal.wasm)
	cp js/*.mjs js/package.json pkg/
	node tools/write-entries.mjs pkg
	$(call node_bundle,index)
	$(call node_bundle,verify)
	$(call node_bundle,config)
	cp README.md pkg/README.md
	@for f in pkg/*_bg.wasm; do ls -l $$f | awk '{print $$9 ": " $$5 " bytes"}'; done

## ---- tests -------------------------------------------------------------------------------

include mk/runtimes.mk
include mk/www.mk
include mk/delivery.mk

test: test-rust test-nostd test-node test-package $(RUNTIME_TESTS) test-www

test-rust: rust-targets
	cargo fmt --all --check
	# The default features plus `serde` (tests/serde_*.rs, examples/axum-verify.rs).
	cargo test --all-targets --features serde
	cargo test --doc --features serde
	# The public API's documentation builds without broken or private links.
	RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --features serde
	cargo clippy --all-targets -- -D warnings
	cargo clippy --all-targets --features serde -- -D warnings
	# `serde` needs no std (an rlib, as in test-nostd: the cdylib would want an allocator).
	cargo rustc --lib --crate-type rlib --no-default-features --features schema,serde --target wasm32v1-none
	# The axum receiver, end to end over loopback TCP.
	cargo run --example axum-verify --features serde
	# The crate as published, built from its own .crate (`--allow-dirty`: this checks the work tree).
	cargo package --allow-dirty --features serde
	cargo clippy --lib --no-default-features --features $(PKG_FEATURES) --target $(WASM_TARGET) -- -D warnings
	# Without the schema engine (what `make bench` measures beside the package) stays warning-free,
	# and so does each lean entry's build (`make pkg`).
	cargo clippy --lib --no-default-features --features wasm-module,wasm-verify,ed25519 --target $(WASM_TARGET) -- -D warnings
	cargo clippy --lib --no-default-features --features wasm-module,wasm-verify --target $(WASM_TARGET) -- -D warnings
	cargo clippy --lib --no-default-features --features $(LEAN_FEATURES_config) --target $(WASM_TARGET) -- -D warnings
	# The URL policy (`check_webhook_url`) builds without the schema engine.
	cargo clippy --lib --no-default-features --features std,url -- -D warnings

# The core builds for a target that has no std at all.
test-nostd: rust-targets
	cargo rustc --lib --crate-type rlib --no-default-features --features schema --target wasm32v1-none
	cargo rustc --lib --crate-type rlib --no-default-features --features url --target wasm32v1-none

# The package as published: its types resolve for every entry and module system (attw), its
# manifest follows npm's rules (publint), and every entry's .d.ts/.d.cts declares exactly the names
# and kinds its runtime module exports (tests/types/exports.mjs, with tsc).
test-package: pkg types-deps
	attw --pack pkg
	publint pkg
	cd tests/types && node exports.mjs

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
	wasm-opt $(WASM_OPT_LEVEL_hookseal) $(WASM_OPT_FLAGS) target/size-$(1)/hookseal_bg.wasm -o target/size-$(1)/hookseal_bg.wasm
endef

comma := ,

# (What the schema engine costs is the difference between `hookseal` and `hookseal/verify`, both in
# pkg/.)
size-builds: tools
	$(call size_build,without-ed25519,wasm-module$(comma)wasm-full)

# Node (the machine's, 22 and 24), Bun, Deno and headless Chromium side by side with the peers,
# memory, cold start, timing, sizes (benches/run.mjs); the runtimes are the ones `make test-runtimes`
# installs.
bench: pkg size-builds npm-deps runtime-deps chromium
	cd benches && WASM_WITHOUT_ED25519=$(CURDIR)/target/size-without-ed25519/hookseal_bg.wasm node run.mjs

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
