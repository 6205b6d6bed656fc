/*
 * test_json.c - the strict JSON reader and the baseline loader on what a
 * baseline file can hold, malformed input included. Under `make sanitize`
 * these also prove that every rejected document is freed.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "json.h"
#include "testhelp.h"

static int parse(const char *text, json_value *v, char *err, size_t errsz)
{
    return json_parse(text, strlen(text), v, err, errsz);
}

TEST(test_json_reads_every_kind_of_value)
{
    json_value v;
    char err[256];
    const json_value *x;
    if (!CHECK_EQ_INT(
            parse("{\"a\": [1, -2.5e3, true, false, null], \"s\": \"\\u00e9\\ud83d\\ude00\\n\"}",
                  &v, err, sizeof err),
            BENCH_OK))
        return;
    x = json_get(&v, "a");
    if (CHECK(x && x->type == JSON_ARRAY && x->u.arr.n == 5)) {
        CHECK_NEAR(x->u.arr.items[0].u.num, 1, 0);
        CHECK_NEAR(x->u.arr.items[1].u.num, -2500, 0);
        CHECK_EQ_INT(x->u.arr.items[2].type, JSON_BOOL);
        CHECK_EQ_INT(x->u.arr.items[2].u.b, 1);
        CHECK_EQ_INT(x->u.arr.items[4].type, JSON_NULL);
    }
    x = json_get(&v, "s");
    if (CHECK(x && x->type == JSON_STRING))
        CHECK_STR_EQ(x->u.str.s, "\xc3\xa9\xf0\x9f\x98\x80\n");
    CHECK(json_get(&v, "missing") == NULL);
    json_free(&v);
}

TEST(test_json_rejects_malformed_documents_with_a_location)
{
    static const char *const bad[] = {
        "",         "{",     "[1,]", "{\"a\":1,}", "{\"a\" 1}",  "[01]",    "[1.]",
        "[.5]",     "[1e]",  "[+1]", "[NaN]",      "[Infinity]", "\"\\x\"", "\"\\ud800\"",
        "\"a\tb\"", "[1] 2", "tru",  "[\"abc",     "{1: 2}",     "[1e999]",
    };
    size_t i;
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        json_value v;
        char err[256] = "";
        if (!CHECK_EQ_INT(parse(bad[i], &v, err, sizeof err), BENCH_EPARSE))
            printf("  (accepted: %s)\n", bad[i]);
        else
            CHECK_STR_CONTAINS(err, "line 1, column ");
    }
}

/* A leak found by fuzzing: an array item that fails half-way (here an
 * object holding members) must be freed with the rest; make sanitize's
 * leak checker fails this test if it is not. */
TEST(test_json_frees_a_partly_parsed_array_item)
{
    json_value v;
    char err[256];
    CHECK_EQ_INT(
        parse("{\"benchmarks\": [{\"name\": \"a\", \"real_time\": 1}, {\"name\": \"b\", \"re", &v,
              err, sizeof err),
        BENCH_EPARSE);
    CHECK_STR_CONTAINS(err, "line 1");
}

TEST(test_json_limits_nesting)
{
    char deep[300];
    json_value v;
    char err[256];
    memset(deep, '[', 200);
    deep[200] = 0;
    CHECK_EQ_INT(parse(deep, &v, err, sizeof err), BENCH_EPARSE);
    CHECK_STR_CONTAINS(err, "nested deeper than 64 levels");
}

TEST(test_baseline_names_the_entry_at_fault)
{
    baseline *b = NULL;
    char err[512];
    const char *doc = "{\"benchmarks\": [{\"name\": \"a/b/1\", \"run_type\": \"iteration\", "
                      "\"real_time\": 1.5, \"time_unit\": \"us\"}, {\"name\": \"a/b/1\"}]}";
    CHECK_EQ_INT(baseline_parse("base.json", doc, strlen(doc), &b, err, sizeof err), BENCH_EPARSE);
    CHECK_STR_CONTAINS(err, "'base.json': benchmarks[1] has no numeric \"real_time\" (expected");
    CHECK(b == NULL);
    doc = "{\"context\": {}}";
    CHECK_EQ_INT(baseline_parse("base.json", doc, strlen(doc), &b, err, sizeof err), BENCH_EPARSE);
    CHECK_STR_CONTAINS(err, "no \"benchmarks\" array");
    doc = "{\"benchmarks\": [{\"name\": \"x\", \"real_time\": 1, \"time_unit\": \"fortnights\"}]}";
    CHECK_EQ_INT(baseline_parse("base.json", doc, strlen(doc), &b, err, sizeof err), BENCH_EPARSE);
    CHECK_STR_CONTAINS(err, "unknown \"time_unit\"");
    /* a syntax error: where, then what is accepted, in one bracket */
    doc = "{\"benchmarks\": [tru]}";
    CHECK_EQ_INT(baseline_parse("base.json", doc, strlen(doc), &b, err, sizeof err), BENCH_EPARSE);
    CHECK_STR_CONTAINS(err, "'base.json': line 1, column 17: ");
    CHECK(strstr(err, "(expected") && !strstr(strstr(err, "(expected") + 1, "(expected"));
}

/* A file of Google Benchmark's aggregates alone (aggregates_only): each
 * run's _median is its one sample. A file with nothing measured at all is
 * refused, so that --compare says so before measuring. */
TEST(test_baseline_of_medians_alone_and_of_nothing)
{
    baseline *b = NULL;
    char err[512];
    const char *doc =
        "{\"benchmarks\": ["
        "{\"name\": \"BM_x/10_mean\", \"run_name\": \"BM_x/10\", \"run_type\": \"aggregate\", "
        "\"aggregate_name\": \"mean\", \"real_time\": 5, \"time_unit\": \"us\"},"
        "{\"name\": \"BM_x/10_median\", \"run_name\": \"BM_x/10\", \"run_type\": \"aggregate\", "
        "\"aggregate_name\": \"median\", \"real_time\": 4, \"time_unit\": \"us\"}]}";
    if (CHECK_EQ_INT(baseline_parse("gb.json", doc, strlen(doc), &b, err, sizeof err), BENCH_OK)) {
        if (CHECK_EQ_INT(baseline_count(b), 1)) {
            const baseline_entry *e = baseline_at(b, 0);
            CHECK_STR_EQ(e->name, "BM_x/10");
            if (CHECK_EQ_INT(e->n, 1))
                CHECK_NEAR(e->samples[0], 4000, 1e-9);
        }
        baseline_free(b);
    }
    doc = "{\"benchmarks\": []}";
    CHECK_EQ_INT(baseline_parse("e.json", doc, strlen(doc), &b, err, sizeof err), BENCH_EPARSE);
    CHECK_STR_CONTAINS(err, "'e.json': no measured case in it");
    CHECK(b == NULL);
}

TEST(test_baseline_skips_aggregates_and_errors_and_converts_units)
{
    baseline *b = NULL;
    char err[512];
    const char *doc =
        "{\"benchmarks\": ["
        "{\"name\": \"g/c/1\", \"run_type\": \"iteration\", \"real_time\": 1.5, \"time_unit\": \"us\"},"
        "{\"name\": \"g/c/1\", \"run_type\": \"iteration\", \"real_time\": 2, \"time_unit\": \"us\"},"
        "{\"name\": \"g/c/1_median\", \"run_type\": \"aggregate\", \"real_time\": 9},"
        "{\"name\": \"g/d/1\", \"error_occurred\": true, \"error_message\": \"setup failed\"}]}";
    double samples[2] = {1500, 2000}, cpu[2] = {0, 0};
    result_case cr;
    results r;
    compare_result cmp;

    if (!CHECK_EQ_INT(baseline_parse("b.json", doc, strlen(doc), &b, err, sizeof err), BENCH_OK))
        return;
    memset(&cr, 0, sizeof cr);
    memset(&r, 0, sizeof r);
    cr.name = "g/c";
    cr.npoints = 1;
    cr.pts[0].n = 1;
    cr.pts[0].m.samples = samples;
    cr.pts[0].m.cpu_samples = cpu;
    cr.pts[0].m.nsamples = 2;
    cr.pts[0].m.wall.median = 1750;
    r.cases = &cr;
    r.ncases = 1;
    if (CHECK_EQ_INT(compare_run(b, &r, 5, &cmp), BENCH_OK)) {
        /* Only the two iteration entries: no row for the aggregate or the
         * failed case, and 1.5 us and 2 us read as 1500 and 2000 ns. */
        if (CHECK_EQ_INT(cmp.nrows, 1)) {
            CHECK_STR_EQ(cmp.rows[0].name, "g/c/1");
            CHECK_NEAR(cmp.rows[0].old_median, 1750, 1e-9);
            CHECK_EQ_INT(cmp.rows[0].v, V_UNCHANGED);
            CHECK_NEAR(cmp.rows[0].change, 0, 1e-12);
        }
        compare_result_free(&cmp);
    }
    baseline_free(b);
}

/* ---- compare_run on hand-made samples ---- */

/* A baseline holding `name` with samples old[0..n-1] (ns), and a run whose
 * one point of case_name at N=1 has samples new_[0..n-1]: their row. With
 * kold (knew) > 0, the old (new) samples come from that many worker
 * processes, n / k samples each, in order. */
static int compare_workers(const char *name, const char *case_name, const double *old,
                           const double *new_, size_t n, unsigned kold, unsigned knew,
                           compare_row *out)
{
    char *doc = malloc(128 + n * (strlen(name) + 64)), err[512];
    size_t len = 0, i;
    double cpu[64] = {0}, s[64];
    baseline *b = NULL;
    result_case cr;
    results r;
    compare_result cmp;
    int ok = 0;

    if (!doc || n > 64)
        abort();
    len += (size_t)sprintf(doc + len, "{\"benchmarks\": [");
    for (i = 0; i < n; i++) {
        len += (size_t)sprintf(doc + len, "%s{\"name\": \"%s\", \"real_time\": %.17g", i ? "," : "",
                               name, old[i]);
        if (kold)
            len += (size_t)sprintf(doc + len, ", \"worker\": %zu", i / (n / kold));
        len += (size_t)sprintf(doc + len, "}");
    }
    len += (size_t)sprintf(doc + len, "]}");
    if (!CHECK_EQ_INT(baseline_parse("b.json", doc, len, &b, err, sizeof err), BENCH_OK)) {
        free(doc);
        return 0;
    }
    memcpy(s, new_, n * sizeof *s);
    memset(&cr, 0, sizeof cr);
    memset(&r, 0, sizeof r);
    cr.name = case_name;
    cr.npoints = 1;
    cr.pts[0].n = 1;
    cr.pts[0].m.samples = s;
    cr.pts[0].m.cpu_samples = cpu;
    cr.pts[0].m.nsamples = n;
    cr.pts[0].nworkers = knew;
    for (i = 0; i < knew; i++)
        cr.pts[0].wend[i] = (i + 1) * (n / knew);
    r.cases = &cr;
    r.ncases = 1;
    if (CHECK_EQ_INT(compare_run(b, &r, 5, &cmp), BENCH_OK)) {
        if (CHECK(cmp.nrows >= 1)) {
            CHECK_STR_EQ(cmp.rows[0].name, name); /* whole, however long */
            *out = cmp.rows[0];
            out->name = NULL; /* freed with cmp */
            ok = 1;
            CHECK_EQ_INT(cmp.nrows, 1); /* the point matched its baseline entry */
        }
        compare_result_free(&cmp);
    }
    baseline_free(b);
    free(doc);
    return ok;
}

static int compare_one(const char *name, const char *case_name, const double *old,
                       const double *new_, size_t n, compare_row *out)
{
    return compare_workers(name, case_name, old, new_, n, 0, 0, out);
}

/* Two runs of the same binary, four worker processes each, whose
 * processes drew different states (100, 101, 107 and 108 ns), the new run
 * 6% slower in every process. Pooled, the samples call the 6% significant
 * (a regression above the 5% threshold, p < 0.05). The spread of the worker
 * medians says a run's process-level mean is known to about +-7%: not a
 * regression. A 40% slowdown with the same spread still is; and a
 * baseline of one process borrows the new run's spread. */
TEST(test_compare_between_process_spread_is_not_a_regression)
{
    static const double level[4] = {100, 101, 107, 108};
    double old[60], same[60], slow6[60], slow60[60];
    compare_row row;
    size_t i;

    for (i = 0; i < 60; i++) {
        old[i] = level[i / 15] * (1 + 0.001 * (double)(i % 15));
        same[i] = old[i];
        slow6[i] = old[i] * 1.06;
        slow60[i] = old[i] * 1.40;
    }
    /* Without the workers: the samples alone. */
    if (compare_workers("g/c/1", "g/c", old, slow6, 60, 0, 0, &row)) {
        CHECK(row.p_value < 0.05);
        CHECK_EQ_INT(row.v, V_REGRESSED);
        CHECK(!row.between);
    }
    if (compare_workers("g/c/1", "g/c", old, slow6, 60, 4, 4, &row)) {
        CHECK(row.p_value < 0.05); /* the samples still say so */
        CHECK(row.between);
        CHECK(row.change > 0.05);
        CHECK(row.change_lo < 0 && row.change_hi > 0.08);
        CHECK_EQ_INT(row.v, V_UNCHANGED);
    }
    if (compare_workers("g/c/1", "g/c", old, slow60, 60, 4, 4, &row)) {
        CHECK(row.between);
        CHECK(row.change_lo > 0.2);
        CHECK_EQ_INT(row.v, V_REGRESSED);
    }
    /* The baseline from one process: the new run's spread for both. */
    if (compare_workers("g/c/1", "g/c", same, slow6, 60, 0, 4, &row)) {
        CHECK(row.between);
        CHECK(row.change_lo < 0);
        CHECK_EQ_INT(row.v, V_UNCHANGED);
    }
    /* The same 6%, with the processes all but alike: a regression, as the
     * samples say. */
    for (i = 0; i < 60; i++) {
        old[i] = (100 + 0.1 * (double)(i / 15)) * (1 + 0.001 * (double)(i % 15));
        slow6[i] = old[i] * 1.06;
    }
    if (compare_workers("g/c/1", "g/c", old, slow6, 60, 4, 4, &row)) {
        CHECK(row.between);
        CHECK(row.change_lo > 0.03);
        CHECK_EQ_INT(row.v, V_REGRESSED);
    }
}

/* A 10 ns case, one of whose corrected samples fell to -0.2 ns, against
 * 550 ns: 55 times slower, once judged "unchanged" (p = 1, change 0)
 * because a ratio of times needs every time positive. The shift is taken
 * on the raw times and set against the old median: +5400%. And back: the
 * speedup from 550 ns to 10 ns is -98%. */
TEST(test_compare_nonpositive_sample_cannot_hide_a_50x_slowdown)
{
    double old[10] = {10.1, 9.8, -0.2, 10.3, 10.0, 9.9, 10.2, 10.4, 9.7, 10.0};
    double new_[10] = {550, 548, 553, 551, 549, 552, 550, 547, 554, 551};
    compare_row row;

    if (compare_one("g/c/1", "g/c", old, new_, 10, &row)) {
        CHECK_EQ_INT(row.v, V_REGRESSED);
        CHECK_NEAR(row.old_median, 10.0, 1e-9);
        CHECK(row.p_value < 0.001);
        CHECK_NEAR(row.change, 54.0, 0.1); /* (550 - 10) / 10 */
        CHECK(row.change_lo > 50 && row.change_lo <= row.change);
        CHECK(row.change_hi >= row.change && row.change_hi < 60);
    }
    if (compare_one("g/c/1", "g/c", new_, old, 10, &row)) {
        CHECK_EQ_INT(row.v, V_IMPROVED);
        CHECK_NEAR(row.change, -540.0 / 550, 0.002);
        CHECK(row.change_hi < 0);
    }
}

/* An old median at or below 0 (an empty case) has no ratio: the shift is
 * set against 1 ns (COMPARE_FLOOR_NS), so ~0 ns to 550 ns is a regression;
 * but two sets of figures within a nanosecond of 0, however different,
 * are unchanged, in either direction. */
TEST(test_compare_nonpositive_old_median_flags_slowdowns_not_noise)
{
    double zero[12] = {-0.3, 0.1, -0.1, 0.2, -0.2, 0.0, 0.3, -0.25, 0.05, -0.05, 0.15, -0.15};
    double slow[12], up[12], down[12];
    compare_row row;
    size_t i;

    for (i = 0; i < 12; i++) {
        slow[i] = 550 + zero[i];
        up[i] = zero[i] + 0.6;   /* all above the old ones: p < 0.001 */
        down[i] = zero[i] - 0.6; /* all below */
    }
    if (compare_one("g/c/1", "g/c", zero, slow, 12, &row)) {
        CHECK_EQ_INT(row.v, V_REGRESSED);
        CHECK_NEAR(row.change, 550, 0.5); /* 550 ns over 1 ns */
    }
    if (compare_one("g/c/1", "g/c", zero, up, 12, &row)) {
        CHECK(row.p_value < 0.001);
        CHECK_EQ_INT(row.v, V_UNCHANGED);
    }
    if (compare_one("g/c/1", "g/c", zero, down, 12, &row)) {
        CHECK(row.p_value < 0.001);
        CHECK_EQ_INT(row.v, V_UNCHANGED);
    }
    if (compare_one("g/c/1", "g/c", zero, zero, 12, &row)) {
        CHECK_EQ_INT(row.v, V_UNCHANGED);
        CHECK_NEAR(row.change, 0, 1e-12);
    }
    /* And the speedup from 550 ns to ~0 is one. */
    if (compare_one("g/c/1", "g/c", slow, zero, 12, &row)) {
        CHECK_EQ_INT(row.v, V_IMPROVED);
        CHECK_NEAR(row.change, -1, 0.001);
    }
}

/* A case name of 300 characters (once cut at 255 with its "/N" when the
 * point's name was built): its point still finds its baseline entry, and
 * the row carries the whole name. */
TEST(test_compare_long_case_name_matches_its_baseline_entry)
{
    char case_name[301], name[320];
    double old[8] = {100, 101, 102, 103, 104, 105, 106, 107};
    compare_row row;

    memset(case_name, 'x', 300);
    case_name[0] = 'g';
    case_name[1] = '/';
    case_name[300] = 0;
    snprintf(name, sizeof name, "%s/1", case_name);
    if (compare_one(name, case_name, old, old, 8, &row)) {
        CHECK_EQ_INT(row.v, V_UNCHANGED);
        CHECK_NEAR(row.old_median, 103.5, 1e-9);
    }
}
