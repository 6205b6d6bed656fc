/*
 * test_cxx.c - cases registered from C++ the way bench.h documents
 * (BENCH_CASE_CXX and bench_case_builder), compiled as C++11, C++17 and
 * C++20 with -Wall -Wextra -Wpedantic -Werror, linked with the library and
 * run: the cases are listed with their sizes, and they measure.
 */
#define _XOPEN_SOURCE 700
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testhelp.h"
#include "util.h"

static int shf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int shf(const char *fmt, ...)
{
    char cmd[8192];
    va_list ap;
    int st;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    fflush(stdout);
    st = system(cmd);
    if (st == -1)
        return -1;
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

TEST(test_cxx_bench_case_cxx_registers_warning_free_in_cxx11_17_20)
{
    static const char *const stds[] = {"c++11", "c++17", "c++20"};
    const char *ldflags = getenv("BENCH_TEST_LDFLAGS");
    char dir[64], *text;
    size_t i;
    if (shf("command -v g++ >/dev/null 2>&1") != 0) {
        th_skip("no g++ to compile tests/progs/cxx_cases.cc with");
        return;
    }
    if (!make_temp_dir(dir, sizeof dir))
        return;
    for (i = 0; i < sizeof stds / sizeof stds[0]; i++) {
        if (!CHECK_EQ_INT(shf("g++ -std=%s -Wall -Wextra -Wpedantic -Werror -Iinclude "
                              "tests/progs/cxx_cases.cc %s -lm -o %s/cxx %s >%s/build.log 2>&1",
                              stds[i], prog_path("libbench.a"), dir, ldflags ? ldflags : "", dir),
                          0)) {
            text = slurp_in(dir, "build.log");
            printf("  %s: %.3000s\n", stds[i], text);
            free(text);
            continue;
        }
        CHECK_EQ_INT(shf("%s/cxx --list >%s/list.txt 2>&1", dir, dir), 0);
        text = slurp_in(dir, "list.txt");
        CHECK_STR_CONTAINS(text, "cxxsort/insertion  100,300");
        CHECK_STR_CONTAINS(text, "cxxsort/qsort      100,300");
        CHECK_STR_CONTAINS(text, "cxxempty");
        free(text);
    }
    /* The fields reach the run: setup, run, teardown, the digests checked
     * against the baseline, the speedup over it, the items per call. */
    CHECK_EQ_INT(shf("%s/cxx cxxsort --min-time 0.01 -q >%s/run.txt 2>&1", dir, dir), 0);
    text = slurp_in(dir, "run.txt");
    CHECK_STR_CONTAINS(text, "qsort is");
    CHECK_STR_CONTAINS(text, "items/s"); /* items_per_call, from a lambda */
    CHECK_STR_NOT_CONTAINS(text, "failed");
    free(text);
    shf("rm -rf %s", dir);
}

/* bench profile on a case registered from C++ names its hot function as
 * C++ spells it (ns::hot(int)), demangled, not _ZN2ns3hotEi. */
TEST(test_cxx_profile_names_functions_demangled)
{
    const char *ldflags = getenv("BENCH_TEST_LDFLAGS");
    char dir[64], *text;
    if (shf("command -v g++ >/dev/null 2>&1") != 0) {
        th_skip("no g++ to compile tests/progs/cxx_hot.cc with");
        return;
    }
    if (!make_temp_dir(dir, sizeof dir))
        return;
    if (!CHECK_EQ_INT(shf("g++ -std=c++11 -O2 -Wall -Wextra -Wpedantic -Werror -Iinclude "
                          "tests/progs/cxx_hot.cc %s -lm -o %s/hot %s >%s/build.log 2>&1",
                          prog_path("libbench.a"), dir, ldflags ? ldflags : "", dir),
                      0)) {
        text = slurp_in(dir, "build.log");
        printf("  %.3000s\n", text);
        free(text);
        shf("rm -rf %s", dir);
        return;
    }
    CHECK_EQ_INT(
        shf("%s/hot profile cxxhot/run --min-time 0.3 --sort self >%s/out.txt 2>&1", dir, dir), 0);
    text = slurp_in(dir, "out.txt");
    CHECK_STR_CONTAINS(text, "cxxhot/run N=1: ");
    CHECK_STR_CONTAINS(text, "%  ns::hot(int)\n");
    CHECK_STR_NOT_CONTAINS(text, "_ZN2ns3hotEi");
    free(text);
    CHECK_EQ_INT(
        shf("%s/hot profile cxxhot/run --min-time 0.2 --format folded >%s/out.txt 2>&1", dir, dir),
        0);
    text = slurp_in(dir, "out.txt");
    CHECK_STR_CONTAINS(text, ";ns::hot(int) ");
    free(text);
    shf("rm -rf %s", dir);
}
