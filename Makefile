# libbench - a microbenchmark harness for C.
#   make            build/libbench.a, build/libbench.so, build/bench
#   make run        the built-in suite
#   make test       the tests, warnings as errors; ends with "N passed, N failed"
#   make install    PREFIX=/usr/local DESTDIR= (uninstall removes the same);
#                   PC_RPATH= leaves the run path out of bench.pc (see below)
# CFLAGS is yours (default -O2); the flags the build needs are in CFLAGS_ALL.

CC      ?= cc
CFLAGS  ?= -O2
LDFLAGS ?=
PREFIX  ?= /usr/local
DESTDIR ?=
BINDIR  ?= $(PREFIX)/bin
LIBDIR  ?= $(PREFIX)/lib
INCDIR  ?= $(PREFIX)/include
MANDIR  ?= $(PREFIX)/share/man
PCDIR   ?= $(LIBDIR)/pkgconfig
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
OBJCOPY ?= objcopy

# The version lives in one place: include/bench.h.
VERSION := $(shell sed -n 's/^\#define BENCH_VERSION  *"\(.*\)"/\1/p' include/bench.h)
MAJOR   := $(firstword $(subst ., ,$(VERSION)))

B           := build
WARN        := -Wall -Wextra -Wpedantic
# Warnings are errors in `make test` (so in `make sanitize`, which runs it)
# and in the fuzz build, where the project checks itself; a plain `make` or
# `make CFLAGS=...` only warns, since another compiler may warn about code
# that is fine. Set for the whole invocation whenever test is a goal, so
# `make all test` cannot hand test objects built without it; `make test
# WERROR=` turns it off.
WERROR      :=
ifneq ($(filter test,$(MAKECMDGOALS)),)
WERROR      := -Werror
endif
# `=`, not `:=`: expanded where it is used, after WERROR is settled.
CFLAGS_ALL   = -std=c11 $(strip $(WARN) $(WERROR)) -Iinclude -Isrc -fPIC -fvisibility=hidden \
               -MMD -MP $(CFLAGS)
LIBS        := -lm

LIB_SRC   := $(filter-out src/main.c,$(wildcard src/*.c))
LIB_OBJ   := $(LIB_SRC:src/%.c=$(B)/src/%.o)
# Registration follows link order, and the suite is listed and run in it:
# the four classic lessons first (string building, list membership, scalar
# against SIMD, the rolling window), then sort and batch, then any other
# file in benches/.
BENCH_FIRST := $(addprefix benches/,concat.c member.c simd.c rolling.c sort.c batch.c tail.c)
BENCH_SRC := $(BENCH_FIRST) $(filter-out $(BENCH_FIRST),$(wildcard benches/*.c))
BENCH_OBJ := $(BENCH_SRC:benches/%.c=$(B)/benches/%.o)
TEST_SRC  := $(wildcard tests/*.c)
TEST_OBJ  := $(TEST_SRC:tests/%.c=$(B)/tests/%.o)

STATIC  := $(B)/libbench.a
# The same objects in a plain archive, every internal name visible: for the
# unit tests, which call the modules directly. Never installed.
INTERNAL := $(B)/libbench-internal.a
SHARED  := $(B)/libbench.so.$(VERSION)
SONAME  := libbench.so.$(MAJOR)

.PHONY: all run test install uninstall clean FORCE fuzz sanitize
all: $(STATIC) $(B)/libbench.so $(B)/bench

# The compiler and flags the objects in $(B) were built with. Rewritten only
# when they change, and every object depends on it, so switching between
# `make` and `make test` (or changing CC or CFLAGS) rebuilds them, while
# two runs of the same command rebuild nothing.
FLAGS_TEXT = $(CC) $(CFLAGS_ALL)
$(B)/cflags.stamp: FORCE
	@mkdir -p $(B)
	@printf '%s\n' '$(subst ','\'',$(FLAGS_TEXT))' | cmp -s - $@ || \
	    printf '%s\n' '$(subst ','\'',$(FLAGS_TEXT))' > $@

$(B)/src/%.o: src/%.c $(B)/cflags.stamp
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -c $< -o $@

# Every suite function starts on a cache line, so where the linker puts it
# cannot change its speed: sort_insertion's inner loop ran 1.8x slower at
# one offset (142 us at N=1000) than at another (77 us), same object code.
$(B)/benches/%.o: benches/%.c $(B)/cflags.stamp
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -falign-functions=64 -c $< -o $@

$(B)/tests/%.o: tests/%.c $(B)/cflags.stamp
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -c $< -o $@

# libbench.a holds one object: the library's objects linked together
# (-r), then every defined global but the bench_* API made local, so a
# program of the user's may define array_grow, json_parse or now_s itself.
# libbench.so gets the same effect from -fvisibility=hidden and BENCH_API;
# both export exactly the bench_* names (tests/test_symbols.c).
$(B)/libbench.o: $(LIB_OBJ)
	$(CC) -r -nostdlib -o $@.tmp $^
	$(OBJCOPY) -w --localize-symbol='!bench_*' --localize-symbol='*' $@.tmp $@
	rm -f $@.tmp

$(STATIC): $(B)/libbench.o
	rm -f $@
	$(AR) rcs $@ $^

$(INTERNAL): $(LIB_OBJ)
	rm -f $@
	$(AR) rcs $@ $^

$(SHARED): $(LIB_OBJ)
	$(CC) -shared -Wl,-soname,$(SONAME) $(LDFLAGS) -o $@ $^ $(LIBS)

$(B)/libbench.so: $(SHARED)
	ln -sf libbench.so.$(VERSION) $(B)/$(SONAME)
	ln -sf $(SONAME) $@

# The suite's objects are linked directly (not from an archive) so their
# constructors, which register the cases, are kept.
$(B)/bench: $(B)/src/main.o $(BENCH_OBJ) $(STATIC)
	$(CC) $(LDFLAGS) -o $@ $(B)/src/main.o $(BENCH_OBJ) $(STATIC) $(LIBS)

$(B)/test_unit: $(TEST_OBJ) $(INTERNAL)
	$(CC) $(LDFLAGS) -o $@ $(TEST_OBJ) $(INTERNAL) $(LIBS)

# Test programs: each its own main over bench_main.
$(B)/tests/progs/%: tests/progs/%.c $(STATIC) $(B)/cflags.stamp
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(LDFLAGS) -o $@ $< $(STATIC) $(LIBS)

# bench.pc's Libs carry a run path (-Wl,-rpath,${libdir}) unless LIBDIR is
# one the dynamic linker searches by itself, so a program linked with
# `pkg-config --libs bench` against a prefix like $HOME/.local (or
# /usr/local, whose ld.so cache is stale until ldconfig runs) starts without
# LD_LIBRARY_PATH. `make install PC_RPATH=` leaves it out (a packager's
# choice); a static link needs no run path (README.md).
MULTIARCH   := $(shell $(CC) -print-multiarch 2>/dev/null)
SYS_LIBDIRS := /lib /usr/lib /lib64 /usr/lib64 $(if $(MULTIARCH),/lib/$(MULTIARCH) /usr/lib/$(MULTIARCH))
comma       := ,
PC_RPATH     = $(if $(filter $(SYS_LIBDIRS),$(patsubst %/,%,$(LIBDIR))),,-Wl$(comma)-rpath$(comma)$${libdir})

# Made at install time, so it names the PREFIX actually installed to.
$(B)/bench.pc: bench.pc.in include/bench.h FORCE
	@mkdir -p $(B)
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' \
	    -e 's|@INCDIR@|$(INCDIR)|' -e 's|@VERSION@|$(VERSION)|' \
	    -e 's|@RPATH@|$(PC_RPATH)|' -e 's| *$$||' $< > $@
FORCE:

run: $(B)/bench
	./$(B)/bench

TEST_PROGS := $(patsubst tests/progs/%.c,$(B)/tests/progs/%,$(wildcard tests/progs/*.c))

# LDFLAGS is passed on for the tests that link programs of their own (with
# libbench.a or libbench.so).
test: $(B)/bench $(B)/test_unit $(TEST_PROGS) $(B)/libbench.so
	BENCH_TEST_LDFLAGS='$(LDFLAGS)' ./$(B)/test_unit

# Every file install writes, uninstall removes; nothing else. bench_main(3)
# is a one-line page that sources libbench(3).
install: all $(B)/bench.pc
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCDIR) \
	    $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man3 $(DESTDIR)$(PCDIR) \
	    $(DESTDIR)$(BASHCOMPDIR)
	install -m 755 $(B)/bench $(DESTDIR)$(BINDIR)/bench
	install -m 644 $(STATIC) $(DESTDIR)$(LIBDIR)/libbench.a
	install -m 755 $(SHARED) $(DESTDIR)$(LIBDIR)/libbench.so.$(VERSION)
	ln -sf libbench.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libbench.so
	install -m 644 include/bench.h $(DESTDIR)$(INCDIR)/bench.h
	install -m 644 $(B)/bench.pc $(DESTDIR)$(PCDIR)/bench.pc
	install -m 644 docs/bench.1 $(DESTDIR)$(MANDIR)/man1/bench.1
	install -m 644 docs/libbench.3 $(DESTDIR)$(MANDIR)/man3/libbench.3
	install -m 644 docs/bench_main.3 $(DESTDIR)$(MANDIR)/man3/bench_main.3
	install -m 644 completions/bench.bash $(DESTDIR)$(BASHCOMPDIR)/bench
	@if [ -z "$(DESTDIR)" ] && command -v pkg-config >/dev/null 2>&1 && \
	    ! { pkg-config --variable pc_path pkg-config; echo "$$PKG_CONFIG_PATH"; } | \
	        tr : '\n' | grep -qx '$(PCDIR)'; then \
	    echo "note: pkg-config does not search $(PCDIR); to build with it:"; \
	    echo "  export PKG_CONFIG_PATH=$(PCDIR)"; fi

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/bench $(DESTDIR)$(LIBDIR)/libbench.a \
	    $(DESTDIR)$(LIBDIR)/libbench.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME) \
	    $(DESTDIR)$(LIBDIR)/libbench.so $(DESTDIR)$(INCDIR)/bench.h \
	    $(DESTDIR)$(PCDIR)/bench.pc $(DESTDIR)$(MANDIR)/man1/bench.1 \
	    $(DESTDIR)$(MANDIR)/man3/libbench.3 $(DESTDIR)$(MANDIR)/man3/bench_main.3 \
	    $(DESTDIR)$(BASHCOMPDIR)/bench

# The tests again, built with AddressSanitizer and UndefinedBehaviorSanitizer
# (leaks included), in a build tree of their own.
SAN := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
sanitize:
	$(MAKE) B=build/san CFLAGS="$(SAN)" LDFLAGS="$(SAN)" test

# libFuzzer targets (clang): the argument parser, the size list, the JSON
# reader. Each runs FUZZ_TIME seconds from its seed corpus in fuzz/corpus;
# what they find is written to build/fuzz/. Skipped, saying so, where clang
# has no libFuzzer (Debian: apt-get install clang libclang-rt-14-dev).
FUZZ_CC    ?= clang
FUZZ_TIME  ?= 60
FUZZ_FLAGS := -std=c11 -g -O1 $(WARN) -Werror -Iinclude -Isrc \
              -fsanitize=fuzzer-no-link,address,undefined
FUZZ_OBJ   := $(LIB_SRC:src/%.c=build/fuzz/obj/%.o)
FUZZERS    := args sizes json

build/fuzz/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_FLAGS) -c $< -o $@

build/fuzz/fuzz_%: fuzz/fuzz_%.c $(FUZZ_OBJ)
	$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer -o $@ $^ -lm

fuzz:
	@if ! echo 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n){(void)d;(void)n;return 0;}' | \
	    $(FUZZ_CC) -x c -fsanitize=fuzzer -o /dev/null - 2>/dev/null; then \
	    echo "fuzz: $(FUZZ_CC) has no libFuzzer (apt-get install clang libclang-rt-14-dev); skipping"; \
	    exit 0; fi; \
	$(MAKE) $(FUZZERS:%=build/fuzz/fuzz_%) || exit 1; \
	for t in $(FUZZERS); do \
	    mkdir -p build/fuzz/corpus/$$t; \
	    echo "fuzz: $$t for $(FUZZ_TIME) s"; \
	    ./build/fuzz/fuzz_$$t -max_total_time=$(FUZZ_TIME) -max_len=4096 -print_final_stats=1 \
	        -artifact_prefix=build/fuzz/$$t- build/fuzz/corpus/$$t fuzz/corpus/$$t \
	        > build/fuzz/$$t.log 2>&1 || { tail -n 40 build/fuzz/$$t.log; exit 1; }; \
	    grep -E '^stat::number_of_executed_units|^Done' build/fuzz/$$t.log; \
	done

# --- compare (optional; tools/peer, docs/peer.md) ------------------------
# libbench against Google Benchmark on the same workloads.o, R process runs
# each, alternating; COMPARE_ARGS go to the driver (e.g. COMPARE_ARGS=-r5).
# Not part of all or test; skipped, saying so, without GB or python3. GB is
# linked into build/peer/gb_peer and gb_suite only, never into the library
# or bench. The two GB programs are one source, gb_main.cc, linked with the
# same case objects as lb_peer and bench.
PEER_FLAGS := -Iinclude -Itools/peer $(CFLAGS)
GB_LIBS    := -lbenchmark -lpthread
GB_PROBE   := \#include <benchmark/benchmark.h>\nint main(int c, char **v) { benchmark::Initialize(&c, v); }

$(B)/peer/workloads.o: tools/peer/workloads.c tools/peer/workloads.h $(B)/cflags.stamp
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -c $< -o $@

$(B)/peer/peer_cases.o: tools/peer/peer_cases.c tools/peer/workloads.h include/bench.h \
    $(B)/cflags.stamp
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Itools/peer -c $< -o $@

PEER_OBJ := $(B)/peer/peer_cases.o $(B)/peer/workloads.o

$(B)/peer/lb_peer: $(B)/src/main.o $(PEER_OBJ) $(STATIC)
	$(CC) $(LDFLAGS) -o $@ $(B)/src/main.o $(PEER_OBJ) $(STATIC) $(LIBS)

$(B)/peer/gb_main.o: tools/peer/gb_main.cc include/bench.h
	@mkdir -p $(dir $@)
	$(CXX) -std=c++17 -Wall -Wextra $(PEER_FLAGS) -c $< -o $@

$(B)/peer/gb_peer: $(B)/peer/gb_main.o $(PEER_OBJ) $(STATIC)
	$(CXX) $(LDFLAGS) -o $@ $(B)/peer/gb_main.o $(PEER_OBJ) $(STATIC) $(GB_LIBS) $(LIBS)

$(B)/peer/gb_suite: $(B)/peer/gb_main.o $(BENCH_OBJ) $(STATIC)
	$(CXX) $(LDFLAGS) -o $@ $(B)/peer/gb_main.o $(BENCH_OBJ) $(STATIC) $(GB_LIBS) $(LIBS)

.PHONY: compare
compare:
	@if ! command -v python3 >/dev/null 2>&1; then \
	    echo "compare: python3 not found; skipping"; exit 0; fi; \
	if ! printf '$(GB_PROBE)\n' | $(CXX) -x c++ -o /dev/null - $(GB_LIBS) 2>/dev/null; then \
	    echo "compare: Google Benchmark not found (apt-get install libbenchmark-dev); skipping"; \
	    exit 0; fi; \
	$(MAKE) --no-print-directory $(B)/peer/lb_peer $(B)/peer/gb_peer $(B)/bench \
	    $(B)/peer/gb_suite || exit 1; \
	python3 tools/peer/compare --lb $(B)/peer/lb_peer --gb $(B)/peer/gb_peer \
	    --suite $(B)/bench --gb-suite $(B)/peer/gb_suite $(COMPARE_ARGS)
# --- end compare ----------------------------------------------------------

# The C sources in the style of .clang-format (clang-format 14).
FORMAT_SRC = $(wildcard src/*.[ch] include/*.h tests/*.[ch] tests/progs/*.c benches/*.[ch] \
                        fuzz/*.c examples/*.c tools/*.c tools/peer/*.c)
# Do a run's 95% intervals describe other runs? The suite in COV_RUNS (8)
# independent processes, one after another: the fraction of ordered pairs
# of runs where one's interval holds the other's median, and the CV of the
# medians, over the points of 1 us or more (docs/measurement.md).
# COV_ARGS goes to bench (patterns, --processes).
COV_RUNS ?= 8
COV_ARGS ?=
.PHONY: coverage
coverage: $(B)/bench
	@if ! command -v python3 >/dev/null 2>&1; then \
	    echo "coverage: python3 not found; skipping"; exit 0; fi; \
	python3 tools/coverage -k $(COV_RUNS) --bench $(B)/bench -- $(COV_ARGS)

.PHONY: format
format:
	clang-format -i $(FORMAT_SRC)

clean:
	rm -rf $(B) build

-include $(LIB_OBJ:.o=.d) $(BENCH_OBJ:.o=.d) $(TEST_OBJ:.o=.d) $(B)/src/main.d
