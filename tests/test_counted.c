/*
 * test_counted.c - --instructions: the writers on a counted model (golden
 * files), the comparison of counts, Callgrind's totals read back, the
 * derived exponent and speedups, the options; then a few runs of the real
 * thing under valgrind (slow: kept few and small), skipped when valgrind
 * is not installed.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "baseline.h"
#include "cli_args.h"
#include "compare.h"
#include "counted.h"
#include "fmt.h"
#include "golden.h"
#include "report.h"
#include "testhelp.h"
#include "util.h"

/* ---- a counted model ---- */

static void counted_point(result_point *p, size_t n, double ir, double ir_max, unsigned events)
{
    int e;
    memset(p, 0, sizeof *p);
    p->n = n;
    p->status = BENCH_OK;
    p->counts.calls = 3;
    p->counts.ir_min = ir;
    p->counts.ir_max = ir_max;
    p->counts.per_call[RESULT_IR] = ir == ir_max ? ir : (2 * ir + ir_max) / 3;
    for (e = RESULT_IR + 1; e < RESULT_NEVENTS; e++)
        if (events & (1u << e))
            p->counts.per_call[e] = (double)(e * 10) + (double)n / 100;
}

/* gold: a baseline whose count grows as N^2, a variant as N, and one that
 * crashed under valgrind at the larger size; odd: a case whose counted
 * calls differed at one size. */
static void counted_model(results *r, unsigned events)
{
    result_case *c;

    memset(r, 0, sizeof *r);
    snprintf(r->ctx.date, sizeof r->ctx.date, "2026-01-02T03:04:05+0000");
    snprintf(r->ctx.host, sizeof r->ctx.host, "goldhost");
    snprintf(r->ctx.executable, sizeof r->ctx.executable, "/opt/gold/bench");
    r->ctx.num_cpus = 2;
    r->ctx.load_avg[0] = 3; /* busy: a counted run does not mind */
    r->counted = events;
    r->ncases = 4;
    r->ngroups = 2;
    r->cases = calloc(r->ncases, sizeof *r->cases);
    r->groups = calloc(r->ngroups, sizeof *r->groups);
    if (!r->cases || !r->groups)
        abort();
    r->groups[0].name = strdup("gold");
    r->groups[0].desc = "build a string from N parts";
    r->groups[0].end = 3;
    r->groups[1].name = strdup("odd");
    r->groups[1].first = 3;
    r->groups[1].end = 4;

    c = &r->cases[0];
    c->name = "gold/naive";
    c->desc = "strcat in a loop";
    c->base = -1;
    c->npoints = 2;
    counted_point(&c->pts[0], 1000, 500000, 500000, events);
    counted_point(&c->pts[1], 10000, 50000000, 50000000, events);

    c = &r->cases[1];
    c->name = "gold/builder";
    c->desc = "append at a tracked end";
    c->base = 0;
    c->npoints = 2;
    counted_point(&c->pts[0], 1000, 25000, 25000, events);
    counted_point(&c->pts[1], 10000, 250000, 250000, events);

    c = &r->cases[2];
    c->name = "gold/broken";
    c->desc = "crashes at the larger size";
    c->base = 0;
    c->npoints = 2;
    counted_point(&c->pts[0], 1000, 70000, 70000, events);
    result_fail(c, &c->pts[1], BENCH_ECRASH, "crashed under valgrind (signal 11 (SIGSEGV))");
    c->pts[1].n = 10000;

    c = &r->cases[3];
    c->name = "odd/random";
    c->desc = "a path that depends on the call";
    c->group = 1;
    c->base = -1;
    c->npoints = 2;
    counted_point(&c->pts[0], 10, 100, 130, events);
    counted_point(&c->pts[1], 100, 1000, 1000, events);

    counted_derive(r, 0);
    counted_derive(r, 1);
}

static void golden_counted(const char *name, report_writer w, unsigned events, int verbose)
{
    results r;
    report_opts o;
    char *out;
    counted_model(&r, events);
    memset(&o, 0, sizeof o);
    o.verbose = verbose;
    out = golden_render(w, &r, &o);
    golden_check(name, out);
    free(out);
    result_free(&r);
}

#define IR_ONLY (1u << RESULT_IR)
#define ALL     ((1u << RESULT_NEVENTS) - 1)

TEST(test_counted_report_table_golden)
{
    golden_counted("counted-table.txt", report_table, IR_ONLY, 0);
}

TEST(test_counted_report_table_cache_sim_golden)
{
    golden_counted("counted-cache.txt", report_table, ALL, 0);
}

TEST(test_counted_report_json_golden)
{
    golden_counted("counted.json", report_json, ALL, 0);
}

TEST(test_counted_report_csv_golden)
{
    golden_counted("counted.csv", report_csv, ALL, 0);
}

TEST(test_counted_report_markdown_golden)
{
    golden_counted("counted.md", report_markdown, IR_ONLY, 0);
}

/* ---- derived figures ---- */

/* From exact counts the exponent has no interval and the speedup is a
 * plain ratio. */
TEST(test_counted_derive_exponent_and_speedup_from_counts)
{
    results r;
    counted_model(&r, IR_ONLY);
    CHECK(r.cases[0].has_fit);
    CHECK_NEAR(r.cases[0].fit.slope, 2.0, 1e-12);
    CHECK_EQ_INT(r.cases[0].fit.bigo, BENCH_ON2);
    CHECK_NEAR(r.cases[1].fit.slope, 1.0, 1e-12);
    CHECK_EQ_INT(r.cases[1].fit.bigo, BENCH_ON);
    CHECK(r.cases[1].pts[1].has_ratio);
    CHECK_NEAR(r.cases[1].pts[1].ratio.median, 200.0, 1e-12);
    CHECK_NEAR(r.cases[1].pts[0].ratio.median, 20.0, 1e-12);
    CHECK(!r.cases[2].has_fit); /* one size failed: nothing to fit */
    CHECK(!r.cases[0].pts[0].has_ratio);
    CHECK(!result_counts_exact(&r.cases[3].pts[0]));
    CHECK(result_counts_exact(&r.cases[3].pts[1]));
    result_free(&r);
}

/* ---- Callgrind's output read back ---- */

TEST(test_counted_parse_totals_of_callgrind_output)
{
    static const char text[] = "# callgrind format\nversion: 1\ncreator: callgrind-3.19.0\n"
                               "pid: 42\ncmd:  ./bench\npart: 3\n\n"
                               "desc: Trigger: --dump-after=counted_run_call\n\n"
                               "positions: line\nevents: Ir Dr Dw I1mr D1mr D1mw ILmr DLmr DLmw "
                               "Bc Bcm Bi Bim\nsummary: 1234 10 20 3 4 5 0 1\n\nfl=(1) x.c\n"
                               "fn=(1) f\n16 1234\n\ntotals: 1234 10 20 3 4 5 0 1\n";
    double per[RESULT_NEVENTS] = {0};
    unsigned seen = 0;

    CHECK_EQ_INT(counted_parse_totals(text, per, &seen), 0);
    CHECK_NEAR(per[RESULT_IR], 1234, 0);
    CHECK_NEAR(per[RESULT_I1MR], 3, 0);
    CHECK_NEAR(per[RESULT_D1MR], 4, 0);
    CHECK_NEAR(per[RESULT_D1MW], 5, 0);
    CHECK_NEAR(per[RESULT_ILMR], 0, 0);
    CHECK_NEAR(per[RESULT_DLMR], 1, 0);
    CHECK_NEAR(per[RESULT_BCM], 0, 0); /* left out at the end: zero */
    CHECK(seen & (1u << RESULT_IR));
    CHECK(seen & (1u << RESULT_BIM));
    seen = 0;
    CHECK_EQ_INT(counted_parse_totals("events: Ir\n", per, &seen), -1);
    CHECK_EQ_INT(counted_parse_totals("summary: 5\n", per, &seen), -1);
    CHECK_EQ_INT(counted_parse_totals("events: Ir\ntotals: 77\n", per, &seen), 0);
    CHECK_NEAR(per[RESULT_IR], 77, 0);
}

TEST(test_counted_fmt_count_groups_thousands)
{
    char buf[32];
    CHECK_STR_EQ(fmt_count(buf, sizeof buf, 0), "0");
    CHECK_STR_EQ(fmt_count(buf, sizeof buf, 999), "999");
    CHECK_STR_EQ(fmt_count(buf, sizeof buf, 1000), "1,000");
    CHECK_STR_EQ(fmt_count(buf, sizeof buf, 32174309), "32,174,309");
    CHECK_STR_EQ(fmt_count(buf, sizeof buf, 2471.66), "2,471.7");
    CHECK_STR_EQ(fmt_count(buf, sizeof buf, NAN), "?");
}

/* ---- the comparison of counts ---- */

static baseline *counted_baseline(const char *entries)
{
    char text[2048], err[256];
    baseline *b = NULL;
    snprintf(text, sizeof text, "{\"benchmarks\": [%s]}", entries);
    if (!CHECK_EQ_INT(baseline_parse("base.json", text, strlen(text), &b, err, sizeof err),
                      BENCH_OK))
        fprintf(stderr, "%s\n", err);
    return b;
}

#define ENTRY(name, ir)                                                                       \
    "{\"name\": \"" name "\", \"run_type\": \"iteration\", \"real_time\": 0, \"time_unit\": " \
    "\"ns\", \"instructions\": " ir "}"

/* Exact: +0.5% is unchanged at 1%, +2% is a regression, -2% an
 * improvement, whatever p-value a statistic would have given. */
TEST(test_counted_compare_is_exact_against_the_threshold)
{
    results r;
    compare_result cmp;
    baseline *b = counted_baseline(
        ENTRY("gold/naive/1000", "497512") "," ENTRY("gold/naive/10000", "49019608") "," ENTRY(
            "gold/builder/1000", "25510") "," ENTRY("gold/builder/10000",
                                                    "250000") "," ENTRY("gold/gone/10", "5"));
    size_t i;

    counted_model(&r, IR_ONLY);
    if (!b || !CHECK(baseline_counted(b)) || !CHECK_EQ_INT(compare_run(b, &r, 1, &cmp), BENCH_OK)) {
        baseline_free(b);
        result_free(&r);
        return;
    }
    CHECK(cmp.counted);
    for (i = 0; i < cmp.nrows; i++) {
        const compare_row *row = &cmp.rows[i];
        if (strcmp(row->name, "gold/naive/1000") == 0)
            CHECK_EQ_INT(row->v, V_UNCHANGED); /* +0.5% */
        else if (strcmp(row->name, "gold/naive/10000") == 0)
            CHECK_EQ_INT(row->v, V_REGRESSED); /* +2% */
        else if (strcmp(row->name, "gold/builder/1000") == 0)
            CHECK_EQ_INT(row->v, V_IMPROVED); /* -2% */
        else if (strcmp(row->name, "gold/builder/10000") == 0)
            CHECK_EQ_INT(row->v, V_UNCHANGED); /* 0 */
        else if (strcmp(row->name, "gold/gone/10") == 0)
            CHECK_EQ_INT(row->v, V_MISSING);
        else
            CHECK_EQ_INT(row->v, V_NEW);
    }
    CHECK_EQ_INT(cmp.counts[V_REGRESSED], 1);
    CHECK_EQ_INT(cmp.counts[V_IMPROVED], 1);
    compare_result_free(&cmp);
    /* a 3% threshold takes the +2% back */
    if (CHECK_EQ_INT(compare_run(b, &r, 3, &cmp), BENCH_OK)) {
        CHECK_EQ_INT(cmp.counts[V_REGRESSED], 0);
        compare_result_free(&cmp);
    }
    /* improved mirrors it as a factor: 25510 -> 25000 is 1.0204x fewer,
     * past a 2.02% threshold's 1.0202x, though -2.0% is not below -2.02% */
    if (CHECK_EQ_INT(compare_run(b, &r, 2.02, &cmp), BENCH_OK)) {
        CHECK_EQ_INT(cmp.counts[V_IMPROVED], 1);
        CHECK_EQ_INT(cmp.counts[V_REGRESSED], 0);
        compare_result_free(&cmp);
    }
    baseline_free(b);
    result_free(&r);
}

TEST(test_counted_compare_golden)
{
    results r;
    compare_result cmp;
    report_opts o;
    baseline *b = counted_baseline(ENTRY("gold/naive/1000", "497512") "," ENTRY(
        "gold/naive/10000", "49019608") "," ENTRY("gold/builder/1000", "25510"));
    static const struct {
        const char *format, *golden;
    } cases[] = {{"table", "counted-compare.txt"}, {"markdown", "counted-compare.md"}};
    size_t i;

    counted_model(&r, IR_ONLY);
    if (b && CHECK_EQ_INT(compare_run(b, &r, 1, &cmp), BENCH_OK)) {
        for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
            char *out;
            memset(&o, 0, sizeof o);
            o.compare = &cmp;
            o.baseline = "base.json";
            o.threshold = 1;
            out = golden_render(report_format_named(cases[i].format)->write, &r, &o);
            golden_check(cases[i].golden, out);
            free(out);
        }
        compare_result_free(&cmp);
    }
    baseline_free(b);
    result_free(&r);
}

/* One file is one run: counted and timed entries do not mix. */
TEST(test_counted_baseline_refuses_mixed_entries)
{
    char text[1024], err[256];
    baseline *b = NULL;
    snprintf(text, sizeof text,
             "{\"benchmarks\": [" ENTRY("a/b/1", "10") ", {\"name\": \"a/b/2\", \"run_type\": "
                                                       "\"iteration\", \"real_time\": 5}]}");
    CHECK_EQ_INT(baseline_parse("m.json", text, strlen(text), &b, err, sizeof err), BENCH_EPARSE);
    CHECK_STR_CONTAINS(err, "instructions");
    CHECK(b == NULL);
    snprintf(text, sizeof text,
             "{\"benchmarks\": [{\"name\": \"a/b/2\", \"run_type\": \"iteration\", "
             "\"real_time\": 5}]}");
    if (CHECK_EQ_INT(baseline_parse("t.json", text, strlen(text), &b, err, sizeof err), BENCH_OK))
        CHECK(!baseline_counted(b));
    baseline_free(b);
}

/* ---- the options ---- */

static int parse(cli_opts *o, const char *a1, const char *a2, const char *a3, char *err)
{
    char *argv[5] = {"bench", (char *)a1, (char *)a2, (char *)a3, NULL};
    int argc = 1 + (a1 != NULL) + (a2 != NULL) + (a3 != NULL);
    return cli_parse(argc, argv, o, err, 256);
}

TEST(test_counted_options_threshold_and_calls)
{
    cli_opts o;
    char err[256];

    CHECK_EQ_INT(parse(&o, "--instructions", NULL, NULL, err), 0);
    CHECK(o.instructions);
    CHECK_NEAR(o.threshold, CLI_COUNT_THRESHOLD, 0);
    cli_opts_free(&o);
    CHECK_EQ_INT(parse(&o, "--threshold", "0.5", "--instructions", err), 0);
    CHECK_NEAR(o.threshold, 0.5, 0);
    cli_opts_free(&o);
    CHECK_EQ_INT(parse(&o, "--cache-sim", NULL, NULL, err), 0);
    CHECK(o.instructions && o.cache_sim);
    cli_opts_free(&o);
    CHECK_EQ_INT(parse(&o, NULL, NULL, NULL, err), 0);
    CHECK_NEAR(o.threshold, 5, 0); /* timed: as before */
    cli_opts_free(&o);
    CHECK_EQ_INT(parse(&o, "--instructions", "-n", "101", err), 2);
    CHECK_STR_CONTAINS(err, "--number: 101 counted calls is too many for --instructions");
    cli_opts_free(&o);
}

/* ---- under valgrind ---- */

/* AddressSanitizer's programs do not run under valgrind (make sanitize). */
#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif
#ifndef UNDER_ASAN
#define UNDER_ASAN 0
#endif

static int have_valgrind(void)
{
    char path[4096], err[256];
    if (UNDER_ASAN) {
        th_skip("built with AddressSanitizer, whose programs do not run under valgrind");
        return 0;
    }
    if (counted_find_valgrind(path, sizeof path, err, sizeof err) != 0) {
        th_skip("valgrind not found (apt-get install valgrind)");
        return 0;
    }
    return 1;
}

/* The line of out that starts with prefix, up to its end (static). */
static const char *line_of(const char *out, const char *prefix)
{
    static char line[512];
    const char *s = out;
    size_t len = strlen(prefix);
    line[0] = 0;
    while (s && *s) {
        if (strncmp(s, prefix, len) == 0) {
            const char *nl = strchr(s, '\n');
            snprintf(line, sizeof line, "%.*s", (int)(nl ? nl - s : (long)strlen(s)), s);
            break;
        }
        s = strchr(s, '\n');
        s = s ? s + 1 : NULL;
    }
    return line;
}

/* Without valgrind: exit 2 naming it and how to install it, before
 * anything runs or any file is written. */
TEST(test_counted_cli_without_valgrind_is_a_usage_error)
{
    cmd_result c;
    char dir[64], args[512];
    if (!make_temp_dir(dir, sizeof dir))
        return;
    snprintf(args, sizeof args, "VALGRIND=/nonexistent %s --instructions concat/builder",
             prog_path("bench"));
    run_prog(&c, "/usr/bin/env", args);
    CHECK_EQ_INT(c.status, 2);
    CHECK_STR_CONTAINS(c.err, "VALGRIND='/nonexistent' is not an executable file");
    CHECK_STR_CONTAINS(c.err, "apt install valgrind");
    CHECK_STR_EQ(c.out, "");
    cmd_free(&c);
    snprintf(args, sizeof args, "PATH=/nonexistent %s --instructions concat/builder -o %s/r.json",
             prog_path("bench"), dir);
    run_prog(&c, "/usr/bin/env", args);
    CHECK_EQ_INT(c.status, 2);
    CHECK_STR_CONTAINS(c.err, "--instructions needs valgrind, which is not on PATH");
    CHECK_EQ_INT(count_entries(dir), 0);
    cmd_free(&c);
    remove_dir(dir);
}

/* The real thing, small: two runs of a case count the same instructions,
 * in the table and in JSON; the count baseline then gates exactly. */
TEST(test_counted_cli_counts_are_identical_run_to_run)
{
    cmd_result a, b, c;
    char dir[64], args[256], *json;
    if (!have_valgrind() || !make_temp_dir(dir, sizeof dir))
        return;
    snprintf(args, sizeof args,
             "--instructions -q simd/sum_scalar simd/sum_simd --sizes 64,256 -o %s/a.json", dir);
    run_prog(&a, prog_path("bench"), args);
    snprintf(args, sizeof args,
             "--instructions -q simd/sum_scalar simd/sum_simd --sizes 64,256 --compare %s/a.json",
             dir);
    run_prog(&b, prog_path("bench"), args);
    CHECK_EQ_INT(a.status, 0);
    CHECK_EQ_INT(b.status, 0);
    CHECK_STR_CONTAINS(a.out, "sum_simd runs");
    /* the same table, line for line, up to the comparison */
    CHECK(strncmp(a.out, b.out, strlen(a.out)) == 0);
    CHECK_STR_CONTAINS(b.out, "0 regressed, 0 improved, 4 unchanged");
    json = slurp_in(dir, "a.json");
    CHECK_STR_CONTAINS(json, "\"instructions\": ");
    CHECK_STR_CONTAINS(json, "\"deterministic\": true");
    CHECK_STR_NOT_CONTAINS(json, "\"deterministic\": false");
    /* a count baseline against a timed run */
    snprintf(args, sizeof args, "-q simd/sum_scalar -r 2 --compare %s/a.json", dir);
    run_prog(&c, prog_path("bench"), args);
    CHECK_EQ_INT(c.status, 2);
    CHECK_STR_CONTAINS(c.err, "holds instruction counts, and this run measures time");
    free(json);
    cmd_free(&a);
    cmd_free(&b);
    cmd_free(&c);
    remove_dir(dir);
}

/* A case that crashes, exits or fails its setup under valgrind is reported
 * failed at that size, and the others are still counted; one whose calls
 * differ is flagged. */
TEST(test_counted_cli_failures_and_non_determinism_are_reported)
{
    cmd_result c;
    char prog[512];
    if (!have_valgrind())
        return;
    snprintf(prog, sizeof prog, "%s", prog_path("tests/progs/faulty"));
    run_prog(&c, prog, "--instructions -q faulty/ok faulty/segv faulty/exit faulty/setup");
    CHECK_EQ_INT(c.status, 1);
    CHECK_STR_CONTAINS(c.out, "faulty/segv failed at N=10: crashed under valgrind");
    CHECK_STR_CONTAINS(c.out, "SIGSEGV");
    CHECK_STR_CONTAINS(c.out, "faulty/exit failed at N=100: called exit(0) under valgrind");
    CHECK_STR_CONTAINS(c.out, "faulty/setup failed at N=10: setup failed");
    CHECK_STR_CONTAINS(line_of(c.out, "  faulty/ok "), "a loop of 100 adds");
    CHECK_STR_NOT_CONTAINS(line_of(c.out, "  faulty/ok "), "failed");
    CHECK_STR_NOT_CONTAINS(c.out, "faulty/ok failed");
    cmd_free(&c);
    run_prog(&c, prog_path("bench"), "--instructions -q member/linear --sizes 1000");
    CHECK_EQ_INT(c.status, 0);
    CHECK_STR_CONTAINS(c.out, "member/linear at N=1000: not deterministic");
    CHECK_STR_CONTAINS(c.out, "~");
    cmd_free(&c);
}

/* What shows times has nothing to show of a counted run: refused before
 * valgrind is even looked for, and bench report refuses a counted file. */
TEST(test_counted_refuses_the_formats_that_show_times)
{
    static const char *const args[] = {"--instructions --format html concat/builder",
                                       "--instructions --format timeit concat/builder",
                                       "--instructions --plot g.svg concat/builder"};
    cmd_result c;
    char dir[64], path[128], cmd[512];
    size_t i;
    FILE *f;

    for (i = 0; i < sizeof args / sizeof args[0]; i++) {
        run_prog(&c, prog_path("bench"), args[i]);
        CHECK_EQ_INT(c.status, 2);
        CHECK_STR_CONTAINS(c.err, "shows times, and a counted run has none");
        cmd_free(&c);
    }
    if (!make_temp_dir(dir, sizeof dir))
        return;
    snprintf(path, sizeof path, "%s/c.json", dir);
    if ((f = fopen(path, "w")) != NULL) {
        fputs("{\"context\": {\"counted\": [\"instructions\"]}, \"benchmarks\": [" ENTRY(
                  "a/b/1", "10") "]}\n",
              f);
        fclose(f);
    }
    snprintf(cmd, sizeof cmd, "report %s -o %s/r.html", path, dir);
    run_prog(&c, prog_path("bench"), cmd);
    CHECK_EQ_INT(c.status, 2);
    CHECK_STR_CONTAINS(c.err, "holds instruction counts");
    CHECK_EQ_INT(count_entries(dir), 1);
    cmd_free(&c);
    remove_dir(dir);
}
