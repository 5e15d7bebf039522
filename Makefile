# fupin — build, test, run.  `make` builds build/fupin; `make test` runs every test;
# `make run` opens the workstation on demo.db; `make bench` runs the benchmarks.
CC      ?= gcc
BUILD   ?= build
PKGS    := ncursesw sqlite3 xlsxwriter libsodium zlib
UNIHAN  ?= /usr/share/unicode/Unihan_Readings.txt.bz2

# pkg-config says -D_XOPEN_SOURCE=600 for ncursesw; we need 700 for the wide API.
PKG_CFLAGS := $(filter-out -D_XOPEN_SOURCE=%,$(shell pkg-config --cflags $(PKGS) 2>/dev/null))
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

# Screens are described by positional compound literals whose trailing
# optional members (struct screen's paints_all) default to zero.
WARN    := -Wall -Wextra -Werror -Werror=implicit-function-declaration -Wshadow -Wstrict-prototypes \
           -Wno-missing-field-initializers
OPT     ?= -O2 -g
CFLAGS  += -std=c11 -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE $(WARN) $(OPT) $(PKG_CFLAGS) -I. -I$(BUILD)/gen -MMD -MP
LDLIBS  += $(PKG_LIBS) -lm

ifeq ($(SAN),1)
CFLAGS  += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS += -fsanitize=address,undefined
endif
# The libFuzzer harnesses (tests/fuzz/): clang, the library instrumented for
# coverage (clang alone warns of the SQL texts split over lines in arrays).
ifeq ($(FUZZ),1)
CFLAGS  += -fsanitize=fuzzer-no-link -Wno-string-concatenation
endif

GEN_SRC  := $(BUILD)/gen/pinyin_table.c
LIB_SRC  := $(wildcard core/*.c db/*.c forms/*.c) $(filter-out tui/main.c,$(wildcard tui/*.c))
LIB_OBJ  := $(patsubst %.c,$(BUILD)/obj/%.o,$(LIB_SRC)) $(BUILD)/obj/gen/pinyin_table.o
TEST_SRC := tests/harness.c tests/tools/check_cases.c $(wildcard tests/unit/*.c)
TEST_OBJ := $(patsubst %.c,$(BUILD)/obj/%.o,$(TEST_SRC))
# Test tools the e2e scripts call (tests/tools/check_case.c: the check cases).
TOOL_BIN := $(BUILD)/tests/check_case $(BUILD)/tests/fupin_sql $(BUILD)/tests/save_loop
BENCH_SRC := $(wildcard tests/bench/*.c)
BENCH_BIN := $(patsubst tests/bench/%.c,$(BUILD)/bench/%,$(BENCH_SRC))

.PHONY: all run test test-unit test-san bench deps clean monkey monkey-san fuzz fuzz-bins stress
all: $(BUILD)/fupin $(BUILD)/tests/unit $(TOOL_BIN)

$(BUILD)/gen/pinyin_table.c: tools/gen_pinyin.sh $(UNIHAN)
	@mkdir -p $(@D)
	sh tools/gen_pinyin.sh $(UNIHAN) > $@.tmp && mv $@.tmp $@

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c $< -o $@

$(BUILD)/obj/gen/pinyin_table.o: $(BUILD)/gen/pinyin_table.c
	@mkdir -p $(@D)
	$(CC) $(filter-out -Wstrict-prototypes,$(CFLAGS)) -c $< -o $@

$(BUILD)/libfupin.a: $(LIB_OBJ)
	rm -f $@ && ar rcs $@ $^

$(BUILD)/fupin: $(BUILD)/obj/tui/main.o $(BUILD)/libfupin.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/unit: $(TEST_OBJ) $(BUILD)/libfupin.a
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/check_case: $(BUILD)/obj/tests/tools/check_case.o $(BUILD)/obj/tests/tools/check_cases.o \
                          $(BUILD)/libfupin.a
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# The sqlite3 shell's one-shot mode with fupin's SQL functions (audit hash).
$(BUILD)/tests/fupin_sql: $(BUILD)/obj/tests/tools/fupin_sql.o $(BUILD)/libfupin.a
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# Saves households in a loop, for the kill test (tests/stress/kill_saves.sh).
$(BUILD)/tests/save_loop: $(BUILD)/obj/tests/tools/save_loop.o $(BUILD)/libfupin.a
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/bench/%: tests/bench/%.c $(BUILD)/libfupin.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libfupin.a $(LDLIBS)

# Install what a fresh Debian machine lacks with apt-get (as root; .ci/deps.sh),
# or print the exact apt-get command (not root).
deps:
	@sh .ci/deps.sh

# Made once (order-only on the binary): a rebuilt fupin opens the same file and
# upgrades it; `fupin demo` never writes into an existing file.
demo.db: | $(BUILD)/fupin
	$(BUILD)/fupin demo --db $@ --households 700 --seed 1

# run, test and bench install what is missing first; the build itself runs in
# a second make, whose pkg-config flags then see the packages just installed.
# The demo file's 管理员 logs in from the environment: one step, no login screen.
run: deps
	@$(MAKE) --no-print-directory demo.db
	FUPIN_OPERATOR=演示员 FUPIN_PASSWORD=fupin $(BUILD)/fupin --db demo.db

test: deps
	@$(MAKE) --no-print-directory all
	@sh tests/run.sh $(BUILD)

test-unit: all
	@$(BUILD)/tests/unit

# Every test once more with the program built under AddressSanitizer + UBSan,
# then each fuzz harness briefly (FUZZ_SECONDS each).
test-san: deps
	@$(MAKE) --no-print-directory BUILD=build-san SAN=1 OPT="-O1 -g" all
	@sh tests/run.sh build-san; rc=$$?; \
	 $(MAKE) --no-print-directory fuzz FUZZ_SECONDS=$${FUZZ_SECONDS:-10} || rc=1; exit $$rc

# libFuzzer harnesses (tests/fuzz/fuzz_*.c), FUZZ_SECONDS each; skipped with a
# line when clang or its libFuzzer is missing.
FUZZ_SECONDS ?= 60
FUZZ_BIN := $(patsubst tests/fuzz/fuzz_%.c,$(BUILD)/fuzz/%,$(wildcard tests/fuzz/fuzz_*.c))
fuzz:
	@if sh tests/fuzz/have_libfuzzer.sh; then \
	   $(MAKE) --no-print-directory BUILD=build-fuzz CC=clang SAN=1 FUZZ=1 OPT="-O1 -g" fuzz-bins && \
	   sh tests/fuzz/run.sh build-fuzz $(FUZZ_SECONDS); \
	 else echo "skip fuzz: clang with libFuzzer not installed (apt-get install clang)"; fi

fuzz-bins: $(FUZZ_BIN) $(BUILD)/fupin

$(BUILD)/fuzz/%: tests/fuzz/fuzz_%.c $(BUILD)/libfupin.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -fsanitize=fuzzer $(LDFLAGS) -o $@ $< $(BUILD)/libfupin.a $(LDLIBS)

# SIGKILL at random moments of saves, then all-or-nothing and integrity_check
# (tests/stress/kill_saves.sh; a short run is tests/e2e/stress_kill.sh).
STRESS_KILLS ?= 200
stress: deps
	@$(MAKE) --no-print-directory all
	@sh tests/stress/kill_saves.sh $(BUILD) $(STRESS_KILLS)

# Random keys into the workstation: make monkey SECONDS=1800 [SEED=S];
# make monkey-san runs it on the AddressSanitizer/UBSan build.
SECONDS ?= 300
monkey: deps
	@$(MAKE) --no-print-directory all
	@python3 tests/monkey.py $(BUILD)/fupin $(SECONDS) $(SEED)

monkey-san: deps
	@$(MAKE) --no-print-directory BUILD=build-san SAN=1 OPT="-O1 -g" all
	@python3 tests/monkey.py build-san/fupin $(SECONDS) $(SEED)

bench: deps
	@$(MAKE) --no-print-directory all $(BENCH_BIN)
	@sh tests/bench/run.sh $(BUILD)

clean:
	rm -rf build build-san build-fuzz demo.db

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
