/*
 * test_ci.c - libbench as another project and its CI use it: the CI
 * workflow of examples/ci, Google Benchmark's compare.py on our JSON,
 * make install + pkg-config + the example project, static and shared, and
 * bench.h from C11 and C++.
 */
#define _XOPEN_SOURCE 700
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testhelp.h"
#include "util.h"

/* Run a shell command line; its exit status, 128 + signal if killed. */
static int sh(const char *fmt, const char *a, const char *b, const char *c)
{
    char cmd[8192];
    int st;
    snprintf(cmd, sizeof cmd, fmt, a, b, c);
    fflush(stdout);
    st = system(cmd);
    if (st == -1)
        return -1;
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* The command in the workflow that starts with key, to the end of its
 * line. */
static int workflow_line_of(const char *file, const char *key, char *out, size_t size)
{
    char *text = slurp(file), *p = strstr(text, key), *end;
    int ok = p != NULL;
    if (ok) {
        end = strchr(p, '\n');
        snprintf(out, size, "%.*s", (int)(end ? end - p : (long)strlen(p)), p);
    }
    free(text);
    return CHECK(ok);
}

static int workflow_line(const char *key, char *out, size_t size)
{
    return workflow_line_of("examples/ci/bench.yml", key, out, size);
}

/* The workflow's own command lines, with BENCH set to the test program
 * (its case slows down by SPEED_FACTOR): an unchanged program passes, a
 * slower one fails with exit 1, a faster one passes and says improved. */
TEST(test_ci_workflow_saves_a_baseline_and_catches_a_regression)
{
    char dir[64], save[512], cmp[512], bench[2300], loose[600], *p, *text;
    int attempt, rc = -1;
    if (!workflow_line("$BENCH --format json -o bench-baseline.json", save, sizeof save) ||
        !workflow_line("$BENCH --compare bench-baseline.json", cmp, sizeof cmp) ||
        !make_temp_dir(dir, sizeof dir))
        return;
    if (realpath(prog_path("tests/progs/speed"), bench) == NULL) {
        CHECK(!"tests/progs/speed is built");
        return;
    }
    /* Enough budget for a few samples in each of the 4 worker processes:
     * the comparison's interval rests on their medians. */
    strcat(bench, " --min-time 0.2 -q");
    CHECK_EQ_INT(sh("cd %s && BENCH='%s' sh -c '%s' >/dev/null", dir, bench, save), 0);
    /* The same program: no regression. Measured twice on a shared machine
     * (under a sanitizer, beside other work) the same code can differ by
     * tens of percent, so this one run uses a threshold of 100%; the
     * regression below is a 3x slowdown, +200%. */
    snprintf(loose, sizeof loose, "%s", cmp);
    if ((p = strstr(loose, "--threshold 5")) != NULL)
        memcpy(p, "--threshold 100", 15), strcpy(p + 15, strstr(cmp, "--threshold 5") + 13);
    CHECK_EQ_INT(sh("cd %s && BENCH='%s' sh -c '%s' >out.txt", dir, bench, loose), 0);
    /* The 3x slowdown: a spell of load that hits one run's worker
     * processes unevenly can widen its interval past it, so up to three
     * runs, one of which must call it. */
    for (attempt = 0; attempt < 3; attempt++)
        if ((rc = sh("cd %s && SPEED_FACTOR=3 BENCH='%s' sh -c '%s' >out.txt", dir, bench, cmp)) ==
            1)
            break;
    CHECK_EQ_INT(rc, 1);
    text = slurp_in(dir, "out.txt");
    CHECK_STR_CONTAINS(text, "REGRESSED");
    CHECK_STR_CONTAINS(text, "1 regressed");
    free(text);
    text = slurp_in(dir, "bench.md");
    CHECK_STR_CONTAINS(text, "| `speed/work` |");
    free(text);
    /* A faster pull request, against a slow baseline: likewise up to
     * three runs, one of which must call it improved. */
    CHECK_EQ_INT(sh("cd %s && SPEED_FACTOR=3 BENCH='%s' sh -c '%s' >/dev/null", dir, bench, save),
                 0);
    for (attempt = 0, text = NULL; attempt < 3; attempt++) {
        free(text);
        CHECK_EQ_INT(sh("cd %s && BENCH='%s' sh -c '%s' >out.txt", dir, bench, cmp), 0);
        text = slurp_in(dir, "out.txt");
        if (text && strstr(text, "1 improved"))
            break;
    }
    CHECK_STR_CONTAINS(text, "1 improved");
    free(text);
    remove_dir(dir);
}

/* The counting workflow's own command lines under valgrind: the same
 * program passes its own counted baseline, one doing 3x the work fails
 * (exit 1), and the timed report does not gate. */
TEST(test_ci_instructions_workflow_gates_on_counts)
{
    char dir[64], save[512], cmp[512], timed[512], bench[2300], *text;
    if (!workflow_line_of("examples/ci/instructions.yml",
                          "$BENCH --instructions --format json -o bench-counts.json", save,
                          sizeof save) ||
        !workflow_line_of("examples/ci/instructions.yml",
                          "$BENCH --instructions --compare bench-counts.json", cmp, sizeof cmp) ||
        !workflow_line_of("examples/ci/instructions.yml", "$BENCH --format markdown -o time.md",
                          timed, sizeof timed))
        return;
#if defined(__SANITIZE_ADDRESS__)
    th_skip("built with AddressSanitizer, whose programs do not run under valgrind");
    return;
#endif
    if (sh("command -v valgrind >/dev/null%s%s%s", "", "", "") != 0 && !getenv("VALGRIND")) {
        th_skip("valgrind not found (apt-get install valgrind)");
        return;
    }
    if (!make_temp_dir(dir, sizeof dir))
        return;
    if (realpath(prog_path("tests/progs/speed"), bench) == NULL) {
        CHECK(!"tests/progs/speed is built");
        return;
    }
    strcat(bench, " -q");
    CHECK_EQ_INT(sh("cd %s && BENCH='%s' sh -c '%s' >/dev/null", dir, bench, save), 0);
    CHECK_EQ_INT(sh("cd %s && BENCH='%s' sh -c '%s' >out.txt", dir, bench, cmp), 0);
    text = slurp_in(dir, "out.txt");
    CHECK_STR_CONTAINS(text, "0 regressed, 0 improved, 1 unchanged");
    free(text);
    CHECK_EQ_INT(sh("cd %s && SPEED_FACTOR=3 BENCH='%s' sh -c '%s' >out.txt", dir, bench, cmp), 1);
    text = slurp_in(dir, "out.txt");
    CHECK_STR_CONTAINS(text, "REGRESSED");
    free(text);
    text = slurp_in(dir, "counts.md");
    CHECK_STR_CONTAINS(text, "| `speed/work/1` |");
    CHECK_STR_CONTAINS(text, "**REGRESSED**");
    free(text);
    strcat(bench, " --min-time 0.05");
    CHECK_EQ_INT(sh("cd %s && SPEED_FACTOR=3 BENCH='%s' sh -c '%s' >/dev/null", dir, bench, timed),
                 0);
    text = slurp_in(dir, "time.md");
    CHECK_STR_CONTAINS(text, "| `speed/work` |");
    free(text);
    remove_dir(dir);
}

/* Google Benchmark's own compare.py reads our JSON, when it is installed
 * (Debian: libbenchmark-tools, and python3 with scipy). */
TEST(test_ci_google_benchmark_compare_py_reads_our_json)
{
    static const char *const script = "/usr/share/benchmark/compare.py";
    char dir[64], bench[2200];
    cmd_result r;
    if (access(script, R_OK) != 0) {
        th_skip(
            "Google Benchmark's compare.py is not installed (apt-get install libbenchmark-tools)");
        return;
    }
    if (sh("/usr/bin/python3 -c 'import scipy, numpy' >/dev/null 2>&1%s%s%s", "", "", "") != 0) {
        th_skip("compare.py needs /usr/bin/python3 with scipy (apt-get install python3-scipy)");
        return;
    }
    if (!make_temp_dir(dir, sizeof dir) || realpath(prog_path("tests/progs/speed"), bench) == NULL)
        return;
    CHECK_EQ_INT(sh("cd %s && %s --min-time 0.05 -q --format json -o a.json >/dev/null && "
                    "SPEED_FACTOR=2 %s --min-time 0.05 -q --format json -o b.json >/dev/null",
                    dir, bench, bench),
                 0);
    {
        char args[512];
        snprintf(args, sizeof args, "%s benchmarks %s/a.json %s/b.json", script, dir, dir);
        run_prog(&r, "/usr/bin/python3", args);
    }
    CHECK_EQ_INT(r.status, 0);
    CHECK_STR_CONTAINS(r.out, "speed/work/1");
    if (r.status != 0)
        printf("  stderr: %.2000s\n", r.err);
    cmd_free(&r);
    remove_dir(dir);
}

/* make install into a temporary prefix, the example project built from
 * there with pkg-config against libbench.so and libbench.a, both run; then
 * make uninstall removes every file it installed. */
TEST(test_ci_install_pkg_config_and_the_example_project)
{
    char dir[64], path[256];
    char *text;
    static const char *const installed[] = {
        "bin/bench",         "include/bench.h",        "lib/libbench.a",         "lib/libbench.so",
        "lib/libbench.so.0", "lib/pkgconfig/bench.pc", "share/man/man1/bench.1",
    };
    size_t i;
    if (!make_temp_dir(dir, sizeof dir))
        return;
    /* A build of its own, with the default flags, whatever flags this
     * test binary was built with (the sanitizer run passes its own). */
    if (!CHECK_EQ_INT(sh("env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s install "
                         "PREFIX=%s/usr B=%s/build >%s/install.log 2>&1",
                         dir, dir, dir),
                      0)) {
        text = slurp_in(dir, "install.log");
        printf("  %.3000s\n", text);
        free(text);
        return;
    }
    for (i = 0; i < sizeof installed / sizeof installed[0]; i++) {
        snprintf(path, sizeof path, "%s/usr/%s", dir, installed[i]);
        if (!CHECK(access(path, F_OK) == 0))
            printf("  (missing %s)\n", path);
    }
    if (sh("command -v pkg-config >/dev/null 2>&1%s%s%s", "", "", "") != 0) {
        th_skip("no pkg-config to build the example project with (apt-get install pkg-config)");
        CHECK_EQ_INT(sh("env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s uninstall PREFIX=%s/usr "
                        "B=%s/build >/dev/null 2>&1%s",
                        dir, dir, ""),
                     0);
        CHECK_EQ_INT(sh("rm -rf %s%s%s", dir, "", ""), 0);
        return;
    }
    CHECK_EQ_INT(
        sh("mkdir %s/ex && cp examples/Makefile examples/sort_bench.c %s/ex/%s", dir, dir, ""), 0);
    CHECK_EQ_INT(sh("cd %s/ex && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL "
                    "PKG_CONFIG_PATH=%s/usr/lib/pkgconfig make -s sort_bench sort_bench_static "
                    ">build.log 2>&1",
                    dir, dir, ""),
                 0);
    CHECK_EQ_INT(sh("cd %s/ex && LD_LIBRARY_PATH=%s/usr/lib ./sort_bench --sizes 100,400 "
                    "--min-time 0.02 -q >shared.txt 2>&1",
                    dir, dir, ""),
                 0);
    text = slurp_in(dir, "ex/shared.txt");
    CHECK_STR_CONTAINS(text, "sort/insertion");
    CHECK_STR_CONTAINS(text, "qsort is");
    free(text);
    /* bench.pc gives the shared build an rpath for this prefix: it runs
     * without LD_LIBRARY_PATH (until the library is uninstalled, below). */
    CHECK_EQ_INT(sh("cd %s/ex && ./sort_bench --list >/dev/null 2>&1%s%s", dir, "", ""), 0);
    CHECK_EQ_INT(sh("cd %s/ex && ./sort_bench_static --sizes 100,400 --min-time 0.02 -q "
                    ">static.txt 2>&1%s%s",
                    dir, "", ""),
                 0);
    text = slurp_in(dir, "ex/static.txt");
    CHECK_STR_CONTAINS(text, "sort/qsort");
    free(text);
    CHECK_EQ_INT(sh("env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s uninstall PREFIX=%s/usr "
                    "B=%s/build >/dev/null 2>&1%s",
                    dir, dir, ""),
                 0);
    CHECK_EQ_INT(sh("test -z \"$(find %s/usr -type f -o -type l)\"%s%s", dir, "", ""), 0);
    CHECK(sh("cd %s/ex && ./sort_bench --list >/dev/null 2>&1%s%s", dir, "", "") != 0);
    CHECK_EQ_INT(sh("rm -rf %s%s%s", dir, "", ""), 0);
}

/* bench.h compiles as strict C11 and as C++, and a C++ program links
 * against the library and runs (extern "C"). */
TEST(test_ci_header_compiles_as_c11_and_cxx)
{
    char dir[64];
    char *text;
    const char *ldflags;
    if (!make_temp_dir(dir, sizeof dir))
        return;
    CHECK_EQ_INT(sh("printf '#include <bench.h>\\nint main(void){return bench_count() != 0;}\\n' "
                    ">%s/h.c && cc -std=c11 -Wall -Wextra -Wpedantic -Werror -Iinclude -c %s/h.c "
                    "-o %s/h.o",
                    dir, dir, dir),
                 0);
    if (sh("command -v c++ >/dev/null 2>&1%s%s%s", "", "", "") != 0) {
        th_skip("no C++ compiler (c++) to compile bench.h as C++");
        remove_dir(dir);
        return;
    }
    /* With the flags the library was built with (a sanitizer's runtime). */
    ldflags = getenv("BENCH_TEST_LDFLAGS");
    CHECK_EQ_INT(sh("c++ -std=c++11 -Wall -Wextra -Wpedantic -Werror -Iinclude "
                    "tests/progs/header_use.cc %s/libbench.a -lm -o %s/h_cxx %s",
                    build_dir(), dir, ldflags ? ldflags : ""),
                 0);
    CHECK_EQ_INT(sh("%s/h_cxx >%s/out.txt%s", dir, dir, ""), 0);
    text = slurp_in(dir, "out.txt");
    CHECK_STR_CONTAINS(text, "cxx/tick 2.00 invalid argument");
    free(text);
    remove_dir(dir);
}

/* tools/peer/compare's analysis, on saved runs with known figures
 * (tests/data/peer): its ratios, CVs, F test and verdicts. */
TEST(test_ci_peer_compare_analyses_saved_runs)
{
    cmd_result r;
    if (system("command -v python3 >/dev/null 2>&1") != 0) {
        th_skip("tools/peer/compare needs python3");
        return;
    }
    run_prog(&r, "tools/peer/compare", "--load tests/data/peer --show-runs peer/work/1000");
    if (!CHECK_EQ_INT(r.status, 0))
        printf("  stderr: %s\n", r.err);
    /* lb 990 and 1010 (loop 1.4 ns subtracted), GB 995 and 1005. */
    CHECK_STR_CONTAINS(r.out, "peer/work/1000               1.00 us    1.00 us   1.000   1.001"
                              "          1.001   1.41%   0.71%");
    /* F = (1.41 / 0.71)^2 = 4 on 1 and 1 degrees of freedom: p = 0.295. */
    CHECK_STR_CONTAINS(r.out, "NOT MET  run-to-run CV no worse than GB's on cases >= 1 us: 1/2 "
                              "no worse; worse: peer/work/1000 1.41% vs 0.71% (F test p = 0.30)");
    CHECK_STR_CONTAINS(r.out, "met      per-call within 5% of GB on cases >= 20 ns, like for "
                              "like: with the loop (raw/gb) 3/3 within");
    CHECK_STR_CONTAINS(r.out, "  run  2   libbench    1.01 us [1.00 us, 1.01 us]");
    CHECK_STR_CONTAINS(r.out, "met      default suite wall time lower than GB's: 1.00 s vs "
                              "2.00 s per run (median of 1)");
    CHECK_STR_CONTAINS(r.out, "NOT MET  default suite per-call within 5% of GB on cases >= 20 "
                              "ns, like for like (raw/gb): 0/1 within; outside: g/a/10 0.910");
    CHECK_STR_CONTAINS(r.out, "NOT MET  exponent of peer/quadratic within +-0.1 of 2 in every "
                              "run: no exponent reported");
    cmd_free(&r);
    run_prog(&r, "tools/peer/compare", "--load tests/data");
    CHECK_EQ_INT(r.status, 1);
    CHECK_STR_CONTAINS(r.err, "compare: error: tests/data: fewer than 2 saved runs");
    cmd_free(&r);
}
