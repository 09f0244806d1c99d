# hookseal build and test entry points. `make demo`, `make test`, `make pkg` and `make bench` are a
# contract: other tooling calls them. Every target installs what it needs on a fresh machine.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

WASM_BINDGEN_VERSION := 0.2.130
TOOLS := $(CURDIR)/.tools
NODE_BIN := $(TOOLS)/node_modules/.bin
WASM_TARGET := wasm32-unknown-unknown
RELEASE_WASM := target/$(WASM_TARGET)/release/hookseal.wasm
PKG_FEATURES := wasm-module,schema,ed25519
# -O3 to match the crate's opt-level (-Oz would undo some of its inlining for little size).
WASM_OPT_FLAGS := -O3 --strip-debug --strip-producers \
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue --enable-simd
export PATH := $(HOME)/.cargo/bin:$(NODE_BIN):$(PATH)

.PHONY: all pkg test demo bench size-builds fuzz cargo-fuzz tools rust-targets wasm-bindgen-cli js-tools test-rust test-nostd test-node node-deps clean

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

# wasm-opt (npm binaryen; Debian's is too old) and esbuild (the CommonJS build of the glue).
js-tools: $(TOOLS)/.installed
$(TOOLS)/.installed: tools/package.json tools/package-lock.json
	mkdir -p $(TOOLS)
	cp tools/package.json tools/package-lock.json $(TOOLS)/
	cd $(TOOLS) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

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
	# Without the schema engine (what `make bench` measures beside the package) stays warning-free.
	cargo clippy --lib --no-default-features --features wasm-module --target $(WASM_TARGET) -- -D warnings

# The core builds for a target that has no std at all.
test-nostd: rust-targets
	cargo rustc --lib --crate-type rlib --no-default-features --features schema --target wasm32v1-none

node-deps: tests/node/node_modules/.installed
tests/node/node_modules/.installed: tests/node/package.json
	cd tests/node && npm install --no-audit --no-fund --loglevel=error
	touch $@

test-node: pkg node-deps
	cd tests/node && node --test --test-reporter=spec

## ---- demo and benchmarks -----------------------------------------------------------------

examples/node_modules/.installed: examples/package.json
	cd examples && npm install --no-audit --no-fund --loglevel=error
	touch $@

demo: pkg examples/node_modules/.installed
	node examples/node-demo.mjs

benches/node_modules/.installed: benches/package.json
	cd benches && npm install --no-audit --no-fund --loglevel=error
	touch $@

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

# Node, Bun, Deno and headless Chromium side by side with the peers, memory, cold start, timing,
# sizes (benches/run.mjs); the runtimes are the ones `make test-runtimes` installs.
bench: pkg size-builds benches/node_modules/.installed runtime-deps chromium
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
