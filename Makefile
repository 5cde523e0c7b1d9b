# Makefile: the README's two commands (`make run`, `make check`) and `make` itself, over Meson.
#   make         install missing build dependencies, build build/motcua
#   make run     ... then create motcua.db with the demo if absent, start the simulated agencies
#                of the interconnected groups and serve http://127.0.0.1:8080
#   make check   install test dependencies, build normal, ASan+UBSan and TSan, run every test
#                (the end-to-end suite on SQLite and on PostgreSQL)
#   make fuzz    run each libFuzzer target for FUZZ_SECONDS
#   make bench   intake, look-up, search and report figures against their references
BUILD := build
ASAN := build-asan
TSAN := build-tsan
FUZZ := build-fuzz
PYTHON := /usr/bin/python3
DB ?= motcua.db
LISTEN ?= 127.0.0.1:8080
FUZZ_SECONDS ?= 60

.PHONY: all deps test-deps asan tsan run check lint unit e2e browser fuzz bench clean

all: deps
	@[ -f $(BUILD)/build.ninja ] || meson setup $(BUILD)
	@ninja -C $(BUILD)

deps:
	@scripts/install-deps

test-deps:
	@scripts/install-deps --test

asan: test-deps
	@[ -f $(ASAN)/build.ninja ] || meson setup $(ASAN) -Db_sanitize=address,undefined \
		-Db_lundef=false --buildtype=debug
	@ninja -C $(ASAN)

# ThreadSanitizer runs the tests that are about concurrency: many clients writing through
# the single writer, kill -9, backup during intake, the disk filling up, hostile clients,
# webhook delivery, the attacks of the security tests (slow clients held by short deadlines,
# guesses from many addresses, the connection reaper). (The tests that move the clock with libfaketime are left out: its
# interposed pthread_cond_timedwait hides the unlock from TSan and reads as a false report.)
tsan: test-deps
	@[ -f $(TSAN)/build.ninja ] || meson setup $(TSAN) -Db_sanitize=thread -Db_lundef=false \
		--buildtype=debug
	@ninja -C $(TSAN)
	MOTCUA_BIN=$(TSAN)/motcua $(PYTHON) -m pytest -q -p no:cacheprovider \
		tests/e2e/test_durability.py tests/e2e/test_backup.py tests/e2e/test_faults.py \
		tests/e2e/test_hostile.py tests/e2e/test_interchange.py tests/e2e/test_online.py \
		tests/e2e/test_security.py

run: all
	@if [ -f $(DB) ]; then ./$(BUILD)/motcua init --db $(DB) >/dev/null; \
	else ./$(BUILD)/motcua init --db $(DB) --demo; fi
	@echo "Mở / open http://$(LISTEN)/  (Ctrl-C để dừng / to stop)"
	@echo "Tài khoản mẫu / demo logins: quantri / quantri@2025 (admin), lanhdao / lanhdao@2025 (leader),"
	@echo "  motcua / motcua@2025 (clerk), chuyenvien / chuyenvien@2025 (specialist), tichhop / tichhop@2025 (integration)"
	@echo "Cơ quan liên thông mô phỏng / simulated agencies: scripts/demo-agencies (duyệt sau 60 giây)"
	@pids=$$(scripts/demo-agencies ./$(BUILD)/motcua $(DB) http://$(LISTEN)) && \
	trap 'kill $$pids 2>/dev/null' EXIT INT TERM && \
	./$(BUILD)/motcua serve --db $(DB) --listen $(LISTEN) --test-gateway --webhook-allow 127.0.0.1

lint: test-deps
	@scripts/check-format
	@scripts/check-banned
	@scripts/check-layers

unit: all asan
	meson test -C $(BUILD) --print-errorlogs
	meson test -C $(ASAN) --print-errorlogs

# the end-to-end suite on SQLite (normal and sanitizer builds), then on PostgreSQL: each demo
# store a database of one throw-away cluster (tests/lib/pgcluster.py); test_nodes.py runs three
# nodes on PostgreSQL in every pass
e2e: all asan
	MOTCUA_BIN=$(BUILD)/motcua $(PYTHON) -m pytest -q -p no:cacheprovider tests/e2e
	MOTCUA_BIN=$(ASAN)/motcua $(PYTHON) -m pytest -q -p no:cacheprovider tests/e2e
	MOTCUA_STORE=postgres MOTCUA_BIN=$(BUILD)/motcua $(PYTHON) -m pytest -q -p no:cacheprovider \
		tests/e2e

browser: all test-deps
	MOTCUA_BIN=$(BUILD)/motcua $(PYTHON) -m pytest -q -p no:cacheprovider tests/browser

check: lint unit e2e browser tsan

fuzz: test-deps
	@[ -f $(FUZZ)/build.ninja ] || CC=clang meson setup $(FUZZ) -Dfuzz=true \
		-Db_sanitize=address,undefined -Db_lundef=false --buildtype=debug
	@ninja -C $(FUZZ)
	@for src in tests/fuzz/fuzz_*.c; do name=$$(basename $$src .c); \
		mkdir -p $(FUZZ)/corpus-$$name; \
		$(FUZZ)/$$name -max_total_time=$(FUZZ_SECONDS) $(FUZZ)/corpus-$$name \
		tests/fuzz/corpus/$${name#fuzz_} || exit 1; done

bench: all
	@bench/run

clean:
	rm -rf $(BUILD) $(ASAN) $(TSAN) $(FUZZ)
