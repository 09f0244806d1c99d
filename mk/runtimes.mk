# Runtime matrix, wasm-bindgen-test suites, TypeScript and framework checks (issue 5).
# Included by the Makefile; `make test` runs the targets listed in RUNTIME_TESTS.
RUNTIME_TESTS :=
