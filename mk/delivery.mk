# The sending side's queue example (issue 16). Included by the Makefile; `make test` runs it.
#
#   make test-bullmq  examples/bullmq-sender.mjs with a real Redis: Debian's redis-server (installed
#                     with apt when missing) is started on 127.0.0.1 on a free port, without
#                     persistence, for examples/test/bullmq.test.mjs, and stopped afterwards (also
#                     when the test fails).
#
# The node --test suite of the sending side (tests/node/delivery.test.mjs) runs with `make test-node`.

.PHONY: test-bullmq redis

REDIS_SERVER := /usr/bin/redis-server

redis: $(REDIS_SERVER)
$(REDIS_SERVER):
	@echo "installing redis-server from Debian"
	export DEBIAN_FRONTEND=noninteractive; apt-get update -qq && apt-get install -y -qq redis-server >/dev/null

test: test-bullmq

test-bullmq: pkg npm-deps redis
	@dir=$$(mktemp -d); \
	port=$$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"); \
	trap 'kill $$(cat $$dir/redis.pid 2>/dev/null) 2>/dev/null; rm -rf $$dir' EXIT; \
	$(REDIS_SERVER) --bind 127.0.0.1 --port $$port --save '' --appendonly no --daemonize yes \
	  --dir $$dir --pidfile $$dir/redis.pid --logfile $$dir/redis.log; \
	for i in $$(seq 50); do [ -s $$dir/redis.pid ] && redis-cli -p $$port ping >/dev/null 2>&1 && break; sleep 0.1; done; \
	echo "redis-server on 127.0.0.1:$$port"; \
	cd examples && REDIS_PORT=$$port node --test --test-reporter=spec --test-timeout=60000 test/bullmq.test.mjs
