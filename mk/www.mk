# The page (issue 12): `make www` serves www/ and the built package on 127.0.0.1, `make test-www`
# drives it in headless Chromium. Included by the Makefile; `make test` runs test-www.
#
#   make www                 http://127.0.0.1:8080/ (PORT=… and HOST=… to change)
#   make test-www            tests/www/run.mjs: the form, the debugger and canonicalize, by
#                            keyboard and mouse, at desktop and 390 px phone width; screenshots
#                            in target/www/

.PHONY: www test-www www-deps

PORT ?= 8080
HOST ?= 127.0.0.1

www: pkg
	HOST=$(HOST) PORT=$(PORT) node www/server.mjs

# playwright-core (workspace member tests/www) drives the Debian Chromium (`chromium` in
# mk/runtimes.mk); no browser download.
www-deps: npm-deps

test-www: pkg chromium www-deps
	node tests/www/run.mjs
