/*
 * test_timeit.c - `bench timeit`: the scanner of SETUP's declarations,
 * the timeit writer on a hand-made results model (golden files
 * tests/golden/timeit-*.txt; BENCH_UPDATE_GOLDEN=1 ./build/test_unit
 * timeit_ rewrites them), and the command itself run as build/bench:
 * shared SETUP variables, speedups, the exponent, the same figure as a
 * registered case, compile errors in the user's lines, a missing
 * compiler, usage errors, crashes and hangs, no shell, and the temporary
 * directory gone after success, error, crash, SIGINT and SIGTERM.
 *
 * Times are never asserted, only loose ratios: the box is noisy.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "group.h"
#include "report.h"
#include "golden.h"
#include "testhelp.h"
#include "timeit.h"
#include "util.h"

/* ---- the scanner ---- */

static void check_declared(const char *code, int nested, const char *want)
{
    char got[512];
    timeit_declared(code, nested, got, sizeof got);
    if (!CHECK_STR_EQ(got, want))
        printf("  in: %s\n", code);
}

TEST(test_timeit_declared_finds_setup_variables)
{
    check_declared("char *s = malloc(N + 1); memset(s, 'x', N); s[N] = 0;", 0, "s");
    check_declared("int a[3] = {1, 2, 3}, *p = a, n;", 0, "a p n");
    check_declared("size_t i; for (i = 0; i < N; i++) a[i] = i;", 0, "i");
    check_declared("unsigned long long h = 14695981039346656037ULL; const char *msg = \"a;b\";", 0,
                   "h msg");
    check_declared("int (*cmp)(const void *, const void *) = compar; double (*rows)[4];", 0,
                   "cmp rows");
    check_declared("struct timespec ts; struct { int x, y; } pt = {1, 2}; FILE *f = stdin;", 0,
                   "ts pt f");
    check_declared("static int k = 3; _Alignas(64) char buf[64]; __typeof__(k) k2 = k;", 0,
                   "k buf k2");
    check_declared("uint8_t *restrict q = 0; T const *r; int x __attribute__((unused));", 0,
                   "q r x");
}

TEST(test_timeit_declared_ignores_what_is_not_a_variable)
{
    /* statements, calls, assignments, casts, labels */
    check_declared("x = 3; foo(x); foo(*p); a[i] = 1; *p = 2; s.x = 1; p->y = 2; i++; (void)x;", 0,
                   "");
    check_declared("free(p); return; again: x = 1; if (x) y = 2; else z = 3;", 0, "");
    /* types, typedefs, functions, register variables: nothing STMT is given */
    check_declared("typedef int T; struct S { int a; }; enum { A, B }; int f(int); register int "
                   "r;",
                   0, "");
    /* comments, strings and directives hide nothing and declare nothing */
    check_declared("/* int a; */ // int b;\n#define X int c;\nint d = X0; char e = ';';", 0, "d e");
}

TEST(test_timeit_declared_top_level_only_unless_nested)
{
    const char *code = "int a = 1; for (int i = 0; i < 3; i++) { int b = i; } { int c; } "
                       "while (a) { long d; break; }";
    check_declared(code, 0, "a");
    check_declared(code, 1, "a i b c d");
}

static void model(results *r, size_t ncases)
{
    memset(r, 0, sizeof *r);
    snprintf(r->ctx.host, sizeof r->ctx.host, "goldhost");
    r->ctx.num_cpus = 2;
    r->ctx.load_avg[0] = 0.1;
    r->ctx.clock_resolution_ns = 1; /* what -v's header shows */
    r->ctx.clock_read_ns = 18.5;
    r->ctx.overhead_ns = 1.36;
    r->ctx.fixed_ns = 21.25;
    r->ncases = ncases;
    r->cases = calloc(ncases, sizeof *r->cases);
    r->ngroups = 1;
    r->groups = calloc(1, sizeof *r->groups);
    if (!r->cases || !r->groups)
        abort();
    r->groups[0].name = strdup("timeit");
    r->groups[0].desc = "C statements from the command line";
    r->groups[0].end = ncases;
}

static void stmt(result_case *c, const char *name, const char *desc, long base)
{
    c->name = name;
    c->desc = desc;
    c->base = base;
}

/* One statement at one size: one line, as python -m timeit prints. */
static void one(results *r)
{
    model(r, 1);
    stmt(&r->cases[0], "timeit/stmt1", "bench_keep(strlen(s));", -1);
    r->cases[0].npoints = 1;
    golden_point(&r->cases[0].pts[0], 1, 2000000, 16, 105.2, 0.004, 1.2, 1);
}

/* Three statements at one size: the second 7x faster than the first, the
 * third crashed. */
static void three(results *r)
{
    result_case *c;
    model(r, 3);
    r->ctx.load_avg[0] = 1.5; /* a run note */
    c = r->cases;
    stmt(&c[0], "timeit/stmt1", "strcat", -1);
    stmt(&c[1], "timeit/stmt2", "builder", 0);
    stmt(&c[2], "timeit/stmt3", "crash", 0);
    c[0].npoints = c[1].npoints = c[2].npoints = 1;
    golden_point(&c[0].pts[0], 1, 20000, 16, 26012.0, 0.003, 1.2, 1);
    golden_point(&c[1].pts[0], 1, 200000, 16, 3521.0, 0.04, 1.2, 1);
    group_ratio(&c[1].pts[0], &c[0].pts[0]);
    c[2].pts[0].n = 1;
    c[2].pts[0].status = BENCH_ECRASH;
    snprintf(c[2].pts[0].why, sizeof c[2].pts[0].why, "crashed (SIGSEGV)");
    c[2].failed = 1;
}

/* Two statements at two sizes: lines per size, the exponent, the speedup
 * at the larger size, a note, an interrupted run. */
static void sized(results *r)
{
    result_case *c;
    model(r, 2);
    c = r->cases;
    stmt(&c[0], "timeit/stmt1", "naive", -1);
    stmt(&c[1], "timeit/stmt2", "builder", 0);
    c[0].npoints = c[1].npoints = 2;
    golden_point(&c[0].pts[0], 1000, 500, 12, 41234.5, 0.01, 1.2, 1);
    golden_point(&c[0].pts[1], 10000, 5, 12, 4071234.0, 0.02, 1.2, 1);
    c[0].pts[1].drift = -0.07;
    golden_point(&c[1].pts[0], 1000, 10000, 12, 2114.0, 0.01, 1.2, 1);
    golden_point(&c[1].pts[1], 10000, 1000, 12, 21300.0, 0.015, 1.2, 1);
    group_ratio(&c[1].pts[0], &c[0].pts[0]);
    group_ratio(&c[1].pts[1], &c[0].pts[1]);
    group_fit(&c[0]);
    group_fit(&c[1]);
    r->incomplete = 1;
}

static void golden(const char *name, void (*make)(results *), int verbose)
{
    results r;
    report_opts o;
    char *out;
    make(&r);
    memset(&o, 0, sizeof o);
    o.verbose = verbose;
    out = golden_render(report_timeit, &r, &o);
    golden_check(name, out);
    free(out);
    result_free(&r);
}

TEST(test_timeit_writer_one_statement_golden)
{
    golden("timeit-one.txt", one, 0);
}

TEST(test_timeit_writer_statements_and_speedup_golden)
{
    golden("timeit-stmts.txt", three, 0);
}

TEST(test_timeit_writer_verbose_golden)
{
    golden("timeit-verbose.txt", three, 1);
}

TEST(test_timeit_writer_sizes_golden)
{
    golden("timeit-sizes.txt", sized, 0);
}

TEST(test_timeit_format_is_named_timeit)
{
    const report_format *f = report_format_named("timeit");
    if (CHECK(f != NULL))
        CHECK(f->write == report_timeit && f->ext == NULL);
}

/* ---- the command ---- */

static int lines(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

/* Run bench with args, TMPDIR set to tmp (when not NULL) and CC to cc
 * (when not NULL; "" unsets it). */
static int bench(cmd_result *r, const char *tmp, const char *cc, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int bench(cmd_result *r, const char *tmp, const char *cc, const char *fmt, ...)
{
    char args[8192], *old_tmp = getenv("TMPDIR"), *old_cc = getenv("CC");
    va_list ap;
    int ok;

    old_tmp = old_tmp ? strdup(old_tmp) : NULL;
    old_cc = old_cc ? strdup(old_cc) : NULL;
    va_start(ap, fmt);
    vsnprintf(args, sizeof args, fmt, ap);
    va_end(ap);
    if (tmp)
        setenv("TMPDIR", tmp, 1);
    if (cc && *cc)
        setenv("CC", cc, 1);
    else if (cc)
        unsetenv("CC");
    ok = run_prog(r, prog_path("bench"), args);
    if (old_tmp)
        setenv("TMPDIR", old_tmp, 1);
    else
        unsetenv("TMPDIR");
    if (old_cc)
        setenv("CC", old_cc, 1);
    else
        unsetenv("CC");
    free(old_tmp);
    free(old_cc);
    return ok;
}

/* The value of column `col` (by its header) in the CSV row whose first
 * field starts with row; NAN when missing. */
static double csv_field(const char *csv, const char *row, const char *col)
{
    const char *line = csv, *h;
    int idx = 0, i;
    size_t collen = strlen(col);

    for (h = csv; *h && *h != '\n'; h++) /* the header's column index */
        if (*h == ',')
            idx++;
        else if ((h == csv || h[-1] == ',') && strncmp(h, col, collen) == 0 &&
                 (h[collen] == ',' || h[collen] == '\n'))
            break;
    if (!*h || *h == '\n')
        return NAN;
    while ((line = strchr(line, '\n')) != NULL) {
        line++;
        if (strncmp(line, row, strlen(row)) != 0)
            continue;
        for (i = 0; i < idx && line; i++) {
            line = strchr(line, ',');
            line = line ? line + 1 : NULL;
        }
        return line && *line != ',' ? strtod(line, NULL) : NAN;
    }
    return NAN;
}

TEST(test_timeit_one_statement_reads_like_python_timeit)
{
    cmd_result r;
    if (!bench(&r, NULL, NULL,
               "timeit -q --min-time 0.05 -s 'char *s = malloc(N + 1); memset(s, 120, N); "
               "s[N] = 0;' -t 'free(s);' 'bench_keep(strlen(s));'"))
        return;
    CHECK_EQ_INT(r.status, 0);
    CHECK_STR_CONTAINS(r.out, " loops, median ");
    CHECK_STR_CONTAINS(r.out, " per loop\n");
    CHECK_STR_NOT_CONTAINS(r.out, "stmt 1:"); /* one statement: no label */
    cmd_free(&r);
}

/* SETUP's variables are STMT's own: arrays, pointers into them, N, a
 * struct; TEARDOWN runs once per statement and size, in SETUP's scope,
 * in each process that set them up (the harness may use several). A
 * statement that saw anything else would abort and fail the run. */
TEST(test_timeit_setup_variables_are_shared_with_stmt_and_teardown)
{
    char dir[64], mark[128], *text, *p;
    long pids[64], count6[64] = {0}, count10[64] = {0};
    size_t npids = 0, i;
    cmd_result r;
    if (!make_temp_dir(dir, sizeof dir))
        return;
    snprintf(mark, sizeof mark, "%s/mark", dir);
    setenv("TIMEIT_MARK", mark, 1);
    bench(&r, NULL, NULL,
          "timeit -q --min-time 0.05 --sizes 3,5 -i unistd.h -g 'struct pair { int x, y; };' "
          "-s 'int a[4] = {1, 2, 3, 4}; int *p = a + 1; size_t n = 2 * N; "
          "struct pair q = {7, 8}; char buf[100];' "
          "-t 'FILE *f = fopen(getenv(\"TIMEIT_MARK\"), \"a\"); "
          "fprintf(f, \"%%zu:%%ld \", n, (long)getpid()); fclose(f);' "
          "'if (p != a + 1 || *p != 2 || n != 2 * N || q.y != 8 || sizeof buf != 100) abort(); "
          "bench_keep(*p + n);' 'buf[0] = (char)n; bench_keep(buf[0]);'");
    unsetenv("TIMEIT_MARK");
    CHECK_EQ_INT(r.status, 0);
    CHECK_STR_NOT_CONTAINS(r.out, "failed");
    text = slurp(mark);
    for (p = text; *p;) { /* "n:pid " per teardown */
        char *end;
        long n = strtol(p, &end, 10), pid;
        if (!CHECK(*end == ':'))
            break;
        pid = strtol(end + 1, &p, 10);
        for (i = 0; i < npids && pids[i] != pid; i++)
            ;
        if (i == npids && npids < 64)
            pids[npids++] = pid;
        if (i < 64) {
            count6[i] += n == 6;   /* N=3 */
            count10[i] += n == 10; /* N=5 */
            CHECK(n == 6 || n == 10);
        }
        while (*p == ' ')
            p++;
    }
    CHECK(npids > 0);
    for (i = 0; i < npids; i++) { /* 2 statements at each size */
        CHECK_EQ_INT(count6[i], 2);
        CHECK_EQ_INT(count10[i], 2);
    }
    free(text);
    cmd_free(&r);
    remove_dir(dir);
}

/* SETUP runs once in each worker process: --processes says how many. */
TEST(test_timeit_processes_sets_up_in_each_worker)
{
    static const int k[] = {1, 3};
    cmd_result r;
    size_t i;
    for (i = 0; i < sizeof k / sizeof k[0]; i++) {
        if (!bench(&r, NULL, NULL,
                   "timeit -q --min-time 0.02 --processes %d -s 'fputs(\"SETUP\\n\", stderr);' "
                   "'bench_keep(1);'",
                   k[i]))
            return;
        CHECK_EQ_INT(r.status, 0);
        CHECK_EQ_INT(count_str(r.err, "SETUP\n"), k[i]);
        cmd_free(&r);
    }
    if (!bench(&r, NULL, NULL, "timeit -q --processes 0 'bench_keep(1);'"))
        return;
    CHECK_EQ_INT(r.status, 2);
    CHECK_STR_CONTAINS(r.err, "--processes");
    cmd_free(&r);
}

TEST(test_timeit_statements_report_a_speedup_over_the_first)
{
    cmd_result r;
    const char *s;
    double x = 0;
    if (!bench(&r, NULL, NULL,
               "timeit -q --min-time 0.1 'for (int i = 0; i < 3000; i++) bench_keep(i);' "
               "'for (int i = 0; i < 300; i++) bench_keep(i);'"))
        return;
    CHECK_EQ_INT(r.status, 0);
    CHECK_STR_CONTAINS(r.out, "stmt 1: ");
    CHECK_STR_CONTAINS(r.out, "stmt 2: ");
    if (CHECK((s = strstr(r.out, "stmt 2 is ")) != NULL)) {
        CHECK(sscanf(s, "stmt 2 is %lfx faster than stmt 1 (95%% CI", &x) == 1);
        CHECK(x > 3 && x < 30); /* 10x the work; loosely */
        if (!(x > 3 && x < 30))
            printf("  %s\n", r.out);
    }
    cmd_free(&r);
}

/* Two sizes: the table, with an exponent near 1 for a loop of N. */
TEST(test_timeit_sizes_give_the_exponent)
{
    cmd_result r;
    double k = 0;
    int attempt;
    if (!bench(&r, NULL, NULL,
               "timeit -q --min-time 0.1 --sizes 1000,10000 "
               "'for (size_t i = 0; i < N; i++) bench_keep(i);'"))
        return;
    CHECK_EQ_INT(r.status, 0);
    CHECK_STR_CONTAINS(r.out, "exponent"); /* the table, not the timeit lines */
    cmd_free(&r);
    /* A spell of load that slows one size and not the other tilts one
     * run's exponent: up to three runs, one of which must read linear. */
    for (attempt = 0; attempt < 3; attempt++) {
        if (!bench(&r, NULL, NULL,
                   "timeit -q --min-time 0.1 --sizes 1000,10000 --format csv "
                   "'for (size_t i = 0; i < N; i++) bench_keep(i);'"))
            return;
        k = csv_field(r.out, "timeit/stmt1/10000", "exponent");
        if (k > 0.7 && k < 1.3)
            break;
        printf("  run %d: exponent %g in\n%s\n", attempt + 1, k, r.out);
        cmd_free(&r);
    }
    CHECK(k > 0.7 && k < 1.3);
    cmd_free(&r);
}

/* The known loop as a registered case, built against libbench.a, and as
 * a STMT: the same figure, within loose bounds (best of three runs each,
 * alternated). This host's CPU runs such a loop at two speeds 1.7x apart
 * for seconds at a time, so one side's three runs can all miss the fast
 * spell: up to three attempts, one of which must agree. */
TEST(test_timeit_measures_what_a_registered_case_measures)
{
    static const char prog[] =
        "#include <bench.h>\n#include <stdlib.h>\n"
        "static void *setup(size_t n) { size_t *p = malloc(sizeof *p); if (p) *p = n; return p; "
        "}\n"
        "static void run(void *s) { size_t N = *(size_t *)s; for (size_t i = 0; i < N; i++) "
        "bench_keep(i); }\n"
        "BENCH_CASE(known, .name = \"known/loop\", .setup = setup, .run = run, .teardown = free, "
        ".sizes = {2000})\n"
        "int main(int argc, char **argv) { return bench_main(argc, argv); }\n";
    const char *ldflags = getenv("BENCH_TEST_LDFLAGS");
    char dir[64], src[128], exe[128], cmd[2048];
    double best_case = INFINITY, best_stmt = INFINITY, ratio = NAN;
    FILE *f;
    int i, attempt;

    if (!make_temp_dir(dir, sizeof dir))
        return;
    snprintf(src, sizeof src, "%s/known.c", dir);
    snprintf(exe, sizeof exe, "%s/known", dir);
    if (!CHECK((f = fopen(src, "w")) != NULL))
        return;
    fputs(prog, f);
    fclose(f);
    snprintf(cmd, sizeof cmd, "${CC:-cc} -O2 -Iinclude %s %s -lm -o %s %s", src,
             prog_path("libbench.a"), exe, ldflags ? ldflags : "");
    if (!CHECK_EQ_INT(system(cmd), 0)) {
        remove_dir(dir);
        return;
    }
    for (attempt = 0; attempt < 3 && !(ratio > 0.6 && ratio < 1.67); attempt++) {
        if (attempt > 0)
            printf("  attempt %d: registered %g ns, timeit %g ns\n", attempt, best_case, best_stmt);
        best_case = best_stmt = INFINITY;
        for (i = 0; i < 3; i++) {
            cmd_result r;
            double t;
            if (!run_prog(&r, exe, "-q --min-time 0.2 --format csv"))
                break;
            t = csv_field(r.out, "known/loop/2000", "median_ns");
            best_case = t < best_case ? t : best_case;
            cmd_free(&r);
            if (!bench(&r, NULL, NULL,
                       "timeit -q --min-time 0.2 --sizes 2000 --format csv "
                       "'for (size_t i = 0; i < N; i++) bench_keep(i);'"))
                break;
            t = csv_field(r.out, "timeit/stmt1/2000", "median_ns");
            best_stmt = t < best_stmt ? t : best_stmt;
            cmd_free(&r);
        }
        ratio = best_stmt / best_case;
    }
    CHECK(ratio > 0.6 && ratio < 1.67);
    if (!(ratio > 0.6 && ratio < 1.67))
        printf("  registered %g ns, timeit %g ns\n", best_case, best_stmt);
    remove_dir(dir);
}

TEST(test_timeit_compile_errors_point_into_the_users_lines)
{
    cmd_result r;
    if (!bench(&r, NULL, NULL, "timeit -s 'int x = 1;\nint y = ;' 'bench_keep(x);'"))
        return;
    CHECK_EQ_INT(r.status, 2);
    CHECK_STR_CONTAINS(r.err, "<setup>:2:");
    CHECK_STR_CONTAINS(r.err, "did not compile");
    CHECK_STR_NOT_CONTAINS(r.err, "bench_timeit_"); /* no generated name */
    cmd_free(&r);
    /* the second statement, its second line, the column as written (the
     * rewritten x before it must not shift it) */
    if (!bench(&r, NULL, NULL, "timeit -s 'int x = 1;' 'bench_keep(x);' 'x++;\nx = x +;'"))
        return;
    CHECK_EQ_INT(r.status, 2);
    CHECK_STR_CONTAINS(r.err, "<stmt 2>:2:8:");
    CHECK_STR_NOT_CONTAINS(r.err, "<stmt 1>");
    cmd_free(&r);
    if (!bench(&r, NULL, NULL, "timeit -g 'static int f(void) { return 1 }' 'f();'"))
        return;
    CHECK_EQ_INT(r.status, 2);
    CHECK_STR_CONTAINS(r.err, "<global>:1:");
    cmd_free(&r);
    /* an expression left open: the error is at its end, not in the glue
     * that closes it */
    if (!bench(&r, NULL, NULL, "timeit --items 'N+' 'bench_keep(1);'"))
        return;
    CHECK_EQ_INT(r.status, 2);
    CHECK_STR_CONTAINS(r.err, "<items>:1:4: error: ");
    CHECK_STR_NOT_CONTAINS(r.err, "<bench timeit>");
    cmd_free(&r);
    if (!bench(&r, NULL, NULL, "timeit -s 'int x = 1;\nint y =' 'bench_keep(x);'"))
        return;
    CHECK_EQ_INT(r.status, 2);
    CHECK_STR_CONTAINS(r.err, "<setup>:2:");
    CHECK_STR_NOT_CONTAINS(r.err, "<bench timeit>");
    cmd_free(&r);
    /* SETUP is compiled more than once; its message is shown once */
    if (!bench(&r, NULL, NULL, "timeit -s 'int x = ;' 'bench_keep(x);' 'bench_keep(x);'"))
        return;
    CHECK_EQ_INT(r.status, 2);
    {
        const char *first = strstr(r.err, "<setup>:1:");
        CHECK(first != NULL && strstr(first + 1, "<setup>:1:") == NULL);
    }
    cmd_free(&r);
}

TEST(test_timeit_missing_compiler_exits_2_naming_it)
{
    cmd_result r;
    if (!bench(&r, NULL, "/nonexistent/cc", "timeit 'bench_keep(1);'"))
        return;
    CHECK_EQ_INT(r.status, 2);
    CHECK_STR_CONTAINS(r.err, "'/nonexistent/cc'");
    CHECK_STR_CONTAINS(r.err, "$CC");
    CHECK_EQ_INT(lines(r.err), 1);
    cmd_free(&r);
}

TEST(test_timeit_usage_errors_exit_2_with_one_line)
{
    static const struct {
        const char *args, *says;
    } cases[] = {
        {"timeit '  '", "STMT 1 is empty"},
        {"timeit 'bench_keep(1);' ''", "STMT 2 is empty"},
        {"timeit --sizes 1,,2 'bench_keep(1);'", "--sizes: empty size in '1,,2'"},
        {"timeit --bogus 'bench_keep(1);'", "unknown option '--bogus'"},
        {"timeit -x 'bench_keep(1);'", "unknown option '-x'"},
        {"timeit --list 'bench_keep(1);'", "unknown option '--list'"},
        {"timeit -s", "-s: missing value"},
        {"timeit", "no STMT to time"},
        {"timeit -s 'int i = 0;' 'for (int i = 0; i < 3; i++) bench_keep(i);'",
         "STMT 1 declares 'i'"},
        /* after the build, from the run: still bench timeit's */
        {"timeit -q -o /nonexistent/dir/x.json 'bench_keep(1);'",
         "--output: cannot write '/nonexistent/dir/x.json'"},
    };
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        cmd_result r;
        if (!bench(&r, NULL, NULL, "%s", cases[i].args))
            return;
        CHECK_EQ_INT(r.status, 2);
        CHECK_STR_CONTAINS(r.err, "bench timeit: error: ");
        CHECK_STR_CONTAINS(r.err, cases[i].says);
        CHECK_EQ_INT(lines(r.err), 1);
        CHECK_STR_EQ(r.out, "");
        cmd_free(&r);
    }
}

TEST(test_timeit_help_shows_the_synopsis)
{
    cmd_result r;
    if (!bench(&r, NULL, NULL, "timeit --help"))
        return;
    CHECK_EQ_INT(r.status, 0);
    CHECK_STR_CONTAINS(r.out, "usage: bench timeit [OPTIONS] STMT [STMT...]");
    CHECK_STR_CONTAINS(r.out, "-s, --setup CODE");
    cmd_free(&r);
}

TEST(test_timeit_crash_and_hang_are_failures_not_bench_s)
{
    cmd_result r;
    if (!bench(&r, NULL, NULL,
               "timeit -q --min-time 0.05 'bench_keep(1);' '*(volatile int *)0 = 1;' 'abort();'"))
        return;
    CHECK_EQ_INT(r.status, 1);
    CHECK_STR_CONTAINS(r.out, "stmt 1: ");
    /* Under ASan a SIGSEGV is caught and turned into exit status 1. */
    CHECK_STR_CONTAINS(r.out, "stmt 2: failed: ");
    CHECK_STR_CONTAINS(r.out, "stmt 3: failed: crashed (SIGABRT)");
    CHECK_STR_NOT_CONTAINS(r.out, "stmt 1: failed");
    cmd_free(&r);
    if (!bench(&r, NULL, NULL, "timeit -q --timeout 1 'for (;;) bench_clobber();'"))
        return;
    CHECK_EQ_INT(r.status, 1);
    CHECK_STR_CONTAINS(r.out, "failed: timed out");
    cmd_free(&r);
}

TEST(test_timeit_verbose_reports_the_compile_time)
{
    cmd_result r;
    if (!bench(&r, NULL, NULL, "timeit -q -v --min-time 0.05 'bench_keep(1);'"))
        return;
    CHECK_EQ_INT(r.status, 0);
    CHECK_STR_CONTAINS(r.err, "bench timeit: compiled in ");
    CHECK_STR_CONTAINS(r.err, " -O2 ");
    /* and then bench's -v: the timer and the start-up overhead */
    CHECK_STR_CONTAINS(r.out, "timer: CLOCK_MONOTONIC, resolution ");
    CHECK_STR_CONTAINS(r.out, "overhead at start-up");
    cmd_free(&r);
}

TEST(test_timeit_every_format_and_output_file)
{
    char dir[64], path[128], *text;
    cmd_result r;
    if (!make_temp_dir(dir, sizeof dir))
        return;
    if (bench(&r, NULL, NULL, "timeit -q --min-time 0.05 --format json 'bench_keep(1);'")) {
        CHECK_EQ_INT(r.status, 0);
        CHECK_STR_CONTAINS(r.out, "\"name\": \"timeit/stmt1/1\"");
        cmd_free(&r);
    }
    snprintf(path, sizeof path, "%s/out.csv", dir);
    if (bench(&r, NULL, NULL, "timeit -q --min-time 0.05 -o %s 'bench_keep(1);' 'bench_keep(2);'",
              path)) {
        CHECK_EQ_INT(r.status, 0);
        text = slurp(path);
        CHECK_STR_CONTAINS(text, "timeit/stmt2/1,timeit,stmt2,1,ok");
        free(text);
        cmd_free(&r);
    }
    /* one size: timeit's lines in -o - and in a file of no known extension */
    if (bench(&r, NULL, NULL, "timeit -q --min-time 0.05 -o - 'bench_keep(1);'")) {
        CHECK_EQ_INT(r.status, 0);
        CHECK_STR_CONTAINS(r.out, " loops, median ");
        cmd_free(&r);
    }
    snprintf(path, sizeof path, "%s/out.txt", dir);
    if (bench(&r, NULL, NULL, "timeit -q --min-time 0.05 -o %s 'bench_keep(1);'", path)) {
        CHECK_EQ_INT(r.status, 0);
        text = slurp(path);
        CHECK_STR_CONTAINS(text, " loops, median ");
        free(text);
        cmd_free(&r);
    }
    remove_dir(dir);
}

/* A STMT, SETUP or --cflags holding shell syntax is C text or a
 * compiler argument: nothing runs it. */
TEST(test_timeit_never_uses_a_shell)
{
    char dir[64], victim[128], pwned[128];
    cmd_result r;
    FILE *f;
    if (!make_temp_dir(dir, sizeof dir))
        return;
    snprintf(victim, sizeof victim, "%s/victim", dir);
    snprintf(pwned, sizeof pwned, "%s/pwned", dir);
    if (!CHECK((f = fopen(victim, "w")) != NULL))
        return;
    fclose(f);
    if (bench(&r, NULL, NULL, "timeit -s '$(touch %s)' '$(touch %s)' ';rm -f %s' '`touch %s`'",
              pwned, pwned, victim, pwned)) {
        CHECK_EQ_INT(r.status, 2);
        CHECK_STR_CONTAINS(r.err, "<stmt 1>:1:");
        cmd_free(&r);
    }
    if (bench(&r, NULL, NULL, "timeit --cflags '$(touch %s) ;rm -f %s' 'bench_keep(1);'", pwned,
              victim)) {
        CHECK_EQ_INT(r.status, 2);
        cmd_free(&r);
    }
    CHECK(access(pwned, F_OK) != 0);
    CHECK(access(victim, F_OK) == 0);
    remove_dir(dir);
}

/* ---- the temporary directory ---- */

TEST(test_timeit_removes_its_directory_after_success_error_and_crash)
{
    char tmp[64];
    cmd_result r;
    if (!make_temp_dir(tmp, sizeof tmp))
        return;
    if (bench(&r, tmp, NULL, "timeit -q --min-time 0.05 'bench_keep(1);'")) {
        CHECK_EQ_INT(r.status, 0);
        CHECK_EQ_INT(count_entries(tmp), 0);
        cmd_free(&r);
    }
    if (bench(&r, tmp, NULL, "timeit -q 'bench_keep(1) +;'")) {
        CHECK_EQ_INT(r.status, 2);
        CHECK_EQ_INT(count_entries(tmp), 0);
        cmd_free(&r);
    }
    if (bench(&r, tmp, NULL, "timeit -q 'bench_keep(undefined_function_xyz());'")) {
        CHECK_EQ_INT(r.status, 2); /* compiles with a warning, does not load */
        CHECK_STR_CONTAINS(r.err, "undefined_function_xyz");
        CHECK_EQ_INT(count_entries(tmp), 0);
        cmd_free(&r);
    }
    if (bench(&r, tmp, NULL, "timeit -q --min-time 0.05 'raise(SIGSEGV);' -i signal.h")) {
        CHECK_EQ_INT(r.status, 1);
        CHECK_EQ_INT(count_entries(tmp), 0);
        cmd_free(&r);
    }
    if (bench(&r, tmp, NULL, "timeit -q --no-isolate --min-time 0.05 'bench_keep(1);'")) {
        CHECK_EQ_INT(r.status, 0);
        CHECK_EQ_INT(count_entries(tmp), 0);
        cmd_free(&r);
    }
    remove_dir(tmp);
}

/* bench timeit started directly (not through a shell, which may ignore
 * SIGINT in a background job), TMPDIR and CC set, output to a file. */
static pid_t spawn(const char *tmp, const char *cc, const char *out, const char *const *args)
{
    const char *argv[32];
    size_t n = 0;
    pid_t pid;
    argv[n++] = prog_path("bench");
    argv[n++] = "timeit";
    for (; *args && n < 31; args++)
        argv[n++] = *args;
    argv[n] = NULL;
    fflush(stdout);
    if ((pid = fork()) == 0) {
        int fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        setenv("TMPDIR", tmp, 1);
        if (cc)
            setenv("CC", cc, 1);
        if (fd >= 0) {
            dup2(fd, 1);
            dup2(fd, 2);
        }
        signal(SIGINT, SIG_DFL);
        signal(SIGTERM, SIG_DFL);
        execv(argv[0], (char *const *)argv);
        _exit(127);
    }
    return pid;
}

static void pause_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* Wait up to ms for the directory to have entries (want 1) or none
 * (want 0). */
static int wait_entries(const char *dir, int want, long ms)
{
    for (; ms > 0; ms -= 10) {
        if ((count_entries(dir) > 0) == want)
            return 1;
        pause_ms(10);
    }
    return 0;
}

/* A signal while the compiler runs (a slow one: a script that sleeps):
 * the compiler is stopped, the directory removed, and bench ends by that
 * signal. */
static void signal_while_compiling(int sig)
{
    char tmp[64], aux[64], script[128], pidfile[128], cc[300], out[128], *text;
    const char *const args[] = {"bench_keep(1);", NULL};
    pid_t pid, sleeper;
    int st = 0, i;
    FILE *f;

    if (!make_temp_dir(tmp, sizeof tmp) || !make_temp_dir(aux, sizeof aux))
        return;
    snprintf(script, sizeof script, "%s/slowcc.sh", aux);
    snprintf(pidfile, sizeof pidfile, "%s/pid", aux);
    snprintf(out, sizeof out, "%s/out", aux);
    if (!CHECK((f = fopen(script, "w")) != NULL))
        return;
    fprintf(f, "echo $$ > %s\nexec sleep 30\n", pidfile);
    fclose(f);
    snprintf(cc, sizeof cc, "sh %s", script);
    pid = spawn(tmp, cc, out, args);
    if (!CHECK(pid > 0))
        return;
    CHECK(wait_entries(tmp, 1, 10000));
    for (i = 0; i < 500 && access(pidfile, F_OK) != 0; i++)
        pause_ms(10);
    pause_ms(100);
    kill(pid, sig);
    waitpid(pid, &st, 0);
    CHECK(WIFSIGNALED(st) && WTERMSIG(st) == sig);
    CHECK_EQ_INT(count_entries(tmp), 0);
    text = slurp(pidfile);
    sleeper = (pid_t)atoi(text);
    free(text);
    for (i = 0; i < 200 && sleeper > 0 && kill(sleeper, 0) == 0; i++)
        pause_ms(10);
    CHECK(sleeper > 0 && kill(sleeper, 0) != 0); /* the compiler is gone too */
    remove_dir(tmp);
    remove_dir(aux);
}

TEST(test_timeit_sigint_while_compiling_removes_the_directory)
{
    signal_while_compiling(SIGINT);
}

TEST(test_timeit_sigterm_while_compiling_removes_the_directory)
{
    signal_while_compiling(SIGTERM);
}

/* SIGINT while the statements run: the directory went right after the
 * load; the run stops, reports what it had, marked incomplete (exit 1). */
TEST(test_timeit_sigint_while_running_leaves_no_directory)
{
    char tmp[64], aux[64], out[128], *text;
    /* A precision no run reaches, so the budget of 10 s decides and the
     * run is still going when the signal comes (at 1%, the default, a
     * call this steady could finish first). */
    const char *const args[] = {"--min-time", "10", "--precision", "0.01", "bench_keep(1);", NULL};
    pid_t pid;
    int st = 0;

    if (!make_temp_dir(tmp, sizeof tmp) || !make_temp_dir(aux, sizeof aux))
        return;
    snprintf(out, sizeof out, "%s/out", aux);
    pid = spawn(tmp, NULL, out, args);
    if (!CHECK(pid > 0))
        return;
    /* compiled and loaded: the directory came and went */
    CHECK(wait_entries(tmp, 1, 10000));
    CHECK(wait_entries(tmp, 0, 20000));
    pause_ms(500);
    kill(pid, SIGINT);
    waitpid(pid, &st, 0);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 1);
    CHECK_EQ_INT(count_entries(tmp), 0);
    text = slurp(out);
    CHECK_STR_CONTAINS(text, "interrupted");
    free(text);
    remove_dir(tmp);
    remove_dir(aux);
}

/* ---- --profile ---- */

/* A helper of -g's, not inlined, doing nearly all the work. */
#define SLOW_HELPER                                                                     \
    "-g '__attribute__((noinline)) static unsigned slow(unsigned n) { unsigned x = 1; " \
    "for (unsigned i = 0; i < n; i++) x = x * 2654435761u + i; return x; }'"

/* self% of function name in a profile table (-1 when absent). */
static double profile_self(const char *out, const char *name)
{
    const char *line = out;
    while (line && *line) {
        size_t self;
        double sp, cp;
        char fn[128];
        if (sscanf(line, " %zu %lf%% %lf%% %127s", &self, &sp, &cp, fn) == 4 &&
            strcmp(fn, name) == 0)
            return sp;
        line = strchr(line, '\n');
        line = line ? line + 1 : NULL;
    }
    return -1;
}

TEST(test_timeit_profile_names_the_hotspot_from_global_code)
{
    char tmp[64];
    cmd_result r;
    if (!make_temp_dir(tmp, sizeof tmp))
        return;
    if (bench(&r, tmp, NULL,
              "timeit --profile --sort self --min-time 0.5 %s -s 'unsigned n = 20000;' "
              "'bench_keep(slow(n)); for (unsigned k = 0; k < 8000; k++) bench_keep(k);'",
              SLOW_HELPER)) {
        CHECK_EQ_INT(r.status, 0);
        CHECK_STR_CONTAINS(r.out, "timeit/stmt1 N=1: ");
        CHECK_STR_CONTAINS(r.out, "sorted by self");
        if (!CHECK(profile_self(r.out, "slow") > 60))
            printf("%s", r.out);
        CHECK_STR_CONTAINS(r.out, "if slow took no time, the case would be at most");
        CHECK_STR_NOT_CONTAINS(r.out, "+0x");
        CHECK_STR_EQ(r.err, "");
        CHECK_EQ_INT(count_entries(tmp), 0); /* the object was removed after */
        cmd_free(&r);
    }
    remove_dir(tmp);
}

TEST(test_timeit_profile_folded_json_html_and_two_statements)
{
    char tmp[64], dir[64], *text;
    cmd_result r;
    if (!make_temp_dir(tmp, sizeof tmp) || !make_temp_dir(dir, sizeof dir))
        return;
    if (bench(&r, tmp, NULL,
              "timeit --profile --format folded --min-time 0.2 %s 'bench_keep(slow(20000));'",
              SLOW_HELPER)) {
        CHECK_EQ_INT(r.status, 0);
        CHECK_STR_CONTAINS(r.out, ";profile_calls;bench_timeit_stmt_1;slow ");
        cmd_free(&r);
    }
    if (bench(&r, tmp, NULL,
              "timeit --profile --format=json --min-time 0.2 %s 'bench_keep(slow(20000));' "
              "'bench_keep(slow(2000));'",
              SLOW_HELPER)) {
        CHECK_EQ_INT(r.status, 0);
        CHECK_STR_CONTAINS(r.out, "\"case\": \"timeit/stmt1\"");
        CHECK_STR_CONTAINS(r.out, "\"case\": \"timeit/stmt2\"");
        CHECK_STR_CONTAINS(r.out, "{\"name\": \"slow\", \"object\": \"snippet.so\"");
        cmd_free(&r);
    }
    if (bench(&r, tmp, NULL,
              "timeit --profile --min-time 0.2 --top 2 -o %s/p.html %s 'bench_keep(slow(20000));'",
              dir, SLOW_HELPER)) {
        CHECK_EQ_INT(r.status, 0);
        CHECK_STR_CONTAINS(r.out, "timeit/stmt1 N=1: "); /* the table on stdout too */
        text = slurp_in(dir, "p.html");
        CHECK_STR_CONTAINS(text, "<figure class=\"plot\" data-plot=\"flame\" data-group=\"0\">");
        CHECK_STR_CONTAINS(text, "<title>slow: ");
        free(text);
        CHECK_EQ_INT(count_entries(dir), 1);
        cmd_free(&r);
    }
    CHECK_EQ_INT(count_entries(tmp), 0);
    remove_dir(tmp);
    remove_dir(dir);
}

/* An object without .symtab (linked with -s): its unnamed code is one row,
 * "[snippet.so]", not a row per address. */
TEST(test_timeit_profile_stripped_object_is_one_row)
{
    char tmp[64];
    cmd_result r;
    if (!make_temp_dir(tmp, sizeof tmp))
        return;
    if (bench(&r, tmp, NULL,
              "timeit --profile --min-time 0.3 --cflags -s %s 'bench_keep(slow(20000));'",
              SLOW_HELPER)) {
        CHECK_EQ_INT(r.status, 0);
        if (!CHECK(profile_self(r.out, "[snippet.so]") > 50))
            printf("%s", r.out);
        CHECK_STR_NOT_CONTAINS(r.out, "snippet.so+0x");
        CHECK_STR_NOT_CONTAINS(r.out, "  slow\n");
        cmd_free(&r);
    }
    CHECK_EQ_INT(count_entries(tmp), 0);
    remove_dir(tmp);
}

/* --min-time takes bench's units in both modes. */
TEST(test_timeit_min_time_takes_a_unit_with_and_without_profile)
{
    char tmp[64];
    cmd_result r;
    if (!make_temp_dir(tmp, sizeof tmp))
        return;
    if (bench(&r, tmp, NULL, "timeit -q --min-time 50ms 'bench_keep(1);'")) {
        if (!CHECK_EQ_INT(r.status, 0))
            printf("  stderr: %s\n", r.err);
        cmd_free(&r);
    }
    if (bench(&r, tmp, NULL, "timeit --profile --min-time 100ms 'bench_keep(1);'")) {
        if (!CHECK_EQ_INT(r.status, 0))
            printf("  stderr: %s\n", r.err);
        CHECK_STR_CONTAINS(r.out, "timeit/stmt1 N=1: ");
        cmd_free(&r);
    }
    CHECK_EQ_INT(count_entries(tmp), 0);
    remove_dir(tmp);
}

static void check_profile_usage(const char *tmp, const char *args, const char *want)
{
    cmd_result r;
    if (!bench(&r, tmp, NULL, "timeit %s", args))
        return;
    if (!CHECK_EQ_INT(r.status, 2))
        printf("  for: %s\n", args);
    CHECK_STR_CONTAINS(r.err, want);
    CHECK(r.err && strchr(r.err, '\n') == r.err + strlen(r.err) - 1); /* one line */
    CHECK_STR_EQ(r.out, "");
    cmd_free(&r);
}

TEST(test_timeit_profile_usage_errors_exit_2_with_one_line)
{
    char tmp[64];
    cmd_result r;
    if (!make_temp_dir(tmp, sizeof tmp))
        return;
    if (bench(&r, tmp, NULL, "timeit --help")) {
        CHECK_EQ_INT(r.status, 0);
        CHECK_STR_CONTAINS(r.out, "      --profile        where the time goes instead of how long");
        CHECK_STR_CONTAINS(r.out, "--hz HZ, --sort self|cumulative, --top K");
        cmd_free(&r);
    }
    check_profile_usage(tmp, "--profile -n 10 'bench_keep(1);'",
                        "bench timeit: error: -n cannot be combined with --profile");
    check_profile_usage(tmp, "--profile -r 5 'bench_keep(1);'", "-r cannot be combined");
    check_profile_usage(tmp, "--profile --compare old.json 'bench_keep(1);'",
                        "--compare cannot be combined with --profile");
    check_profile_usage(tmp, "--profile --no-isolate 'bench_keep(1);'",
                        "--no-isolate cannot be combined");
    check_profile_usage(tmp, "--profile --precision 2 'bench_keep(1);'",
                        "--precision cannot be combined");
    check_profile_usage(tmp, "--hz 100 'bench_keep(1);'", "--hz is an option of --profile");
    check_profile_usage(tmp, "--top 3 'bench_keep(1);'", "--top is an option of --profile");
    /* the hint's value is one the option takes */
    check_profile_usage(
        tmp, "--sort self 'bench_keep(1);'",
        "--sort is an option of --profile (like bench timeit --profile --sort self");
    check_profile_usage(tmp, "--profile --hz 0 'bench_keep(1);'",
                        "bench timeit: error: --hz: '0' is not a rate");
    check_profile_usage(
        tmp, "--profile --format csv 'bench_keep(1);'",
        "--format: 'csv' is not a format of bench timeit --profile (expected table, "
        "folded, json or html)");
    check_profile_usage(tmp, "--profile --sizes 10,20 'bench_keep(1);'",
                        "bench timeit: error: --sizes: '10,20' is 2 sizes; bench timeit --profile "
                        "takes one");
    check_profile_usage(tmp, "--profile --sort name 'bench_keep(1);'", "is not a key");
    check_profile_usage(tmp, "--profile", "no STMT to time");
    /* -o is checked after the build: the kept object is removed too */
    check_profile_usage(tmp, "--profile -o /nonexistent/dir/p.html 'bench_keep(1);'",
                        "bench timeit: error: --output: cannot write '/nonexistent/dir/p.html'");
    CHECK_EQ_INT(count_entries(tmp), 0);
    remove_dir(tmp);
}

/* The object lives on disk while the profile runs; a signal stops the
 * profile, the directory goes, and bench ends by that signal; a crash or
 * exit() of the snippet (in this process under --profile) removes it
 * too. */
TEST(test_timeit_profile_signal_crash_and_exit_leave_no_directory)
{
    char tmp[64], aux[64], out[128], cmd[256], *text;
    const char *const args[] = {"--profile", "--min-time", "20", "bench_keep(1);", NULL};
    cmd_result r;
    pid_t pid;
    int st = 0;

    if (!make_temp_dir(tmp, sizeof tmp) || !make_temp_dir(aux, sizeof aux))
        return;
    snprintf(out, sizeof out, "%s/out", aux);
    pid = spawn(tmp, NULL, out, args);
    if (!CHECK(pid > 0))
        return;
    CHECK(wait_entries(tmp, 1, 10000));
    pause_ms(1500); /* compiled, loaded, profiling: the object is still there */
    CHECK_EQ_INT(count_entries(tmp), 1);
    kill(pid, SIGTERM);
    waitpid(pid, &st, 0);
    CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM);
    CHECK_EQ_INT(count_entries(tmp), 0);
    text = slurp(out);
    CHECK_STR_CONTAINS(text, "interrupted while profiling timeit/stmt1; nothing written");
    free(text);

    if (bench(&r, tmp, NULL, "timeit --profile --min-time 0.5 -i signal.h 'raise(SIGSEGV);'")) {
        CHECK_EQ_INT(r.status, 128 + SIGSEGV);
        CHECK_STR_CONTAINS(r.err, "bench timeit: error: the code crashed while profiled");
        CHECK_EQ_INT(count_entries(tmp), 0);
        cmd_free(&r);
    }
    if (bench(&r, tmp, NULL, "timeit --profile --min-time 0.5 'exit(3);'")) {
        CHECK_EQ_INT(r.status, 3);
        CHECK_EQ_INT(count_entries(tmp), 0);
        cmd_free(&r);
    }
    /* A crash with -o leaves no temporary file of it either (-o is
     * written after the profile, so there is none while the code runs). */
    snprintf(cmd, sizeof cmd, "timeit --profile --min-time 0.5 -i signal.h -o %s/p.json "
             "'raise(SIGSEGV);'", aux);
    if (bench(&r, tmp, NULL, cmd)) {
        CHECK_EQ_INT(r.status, 128 + SIGSEGV);
        CHECK_EQ_INT(count_entries(aux), 1); /* out, from the first run */
        cmd_free(&r);
    }
    remove_dir(tmp);
    remove_dir(aux);
}

/* A statement that never returns cannot see the first signal's stop: a
 * second one ends bench at once, by that signal, with the directory gone
 * and one line saying so. */
TEST(test_timeit_profile_second_signal_ends_a_statement_that_never_returns)
{
    char tmp[64], aux[64], out[128], *text;
    const char *const args[] = {"--profile", "--min-time", "0.05", "for (;;) bench_clobber();",
                                NULL};
    pid_t pid;
    int st = 0, i;

    if (!make_temp_dir(tmp, sizeof tmp) || !make_temp_dir(aux, sizeof aux))
        return;
    snprintf(out, sizeof out, "%s/out", aux);
    pid = spawn(tmp, NULL, out, args);
    if (!CHECK(pid > 0))
        return;
    CHECK(wait_entries(tmp, 1, 10000));
    pause_ms(1500); /* compiled, loaded, in the statement */
    kill(pid, SIGTERM);
    pause_ms(300);
    CHECK_EQ_INT(waitpid(pid, &st, WNOHANG), 0); /* the first only asked */
    kill(pid, SIGTERM);
    for (i = 0; i < 100 && waitpid(pid, &st, WNOHANG) == 0; i++)
        pause_ms(50);
    if (!CHECK(i < 100)) { /* still running after 5 s */
        kill(pid, SIGKILL);
        waitpid(pid, &st, 0);
    }
    CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM);
    CHECK_EQ_INT(count_entries(tmp), 0);
    text = slurp(out);
    CHECK_STR_CONTAINS(text, "bench timeit: stopped by a second signal while profiling; nothing "
                             "written");
    free(text);
    remove_dir(tmp);
    remove_dir(aux);
}
