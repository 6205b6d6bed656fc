/*
 * test_report.c - every reporter on a synthetic results model: fixed
 * numbers in, exact text out, checked against the files in tests/golden/
 * (as Google Benchmark's reporter_output_test does). After a deliberate
 * change of an output, regenerate them and read the diff:
 *   BENCH_UPDATE_GOLDEN=1 ./build/test_unit report_
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "golden.h"
#include "group.h"
#include "present.h"
#include "report.h"
#include "testhelp.h"
#include "util.h"

/* ---- the synthetic model ---- */

static void set_point(result_point *p, size_t n, size_t nsamples, double base, double spread,
                      double overhead)
{
    golden_point(p, n, 1000, nsamples, base, spread, overhead, (unsigned)(nsamples / 8));
}

static void set_failed(result_case *cr, result_point *p, size_t n, int status, const char *why)
{
    p->n = n;
    p->status = status;
    snprintf(p->why, sizeof p->why, "%s", why);
    if (status != BENCH_EINTR && status != BENCH_ENOENT && !cr->failed) {
        cr->failed = 1;
        snprintf(cr->why, sizeof cr->why, "N=%zu: %s", n, why);
    }
}

/* Two groups. gold: a baseline, a variant 100x faster at the larger size,
 * and a case that crashed there; the CPU sped up under the larger size.
 * tiny: an empty case near the loop's cost, and a scan whose growth
 * changes with the size and whose intervals are wide; one size was cut
 * short by an interrupt. */
static void synthetic(results *r)
{
    result_case *c;

    memset(r, 0, sizeof *r);
    snprintf(r->ctx.date, sizeof r->ctx.date, "2026-01-02T03:04:05+0000");
    snprintf(r->ctx.host, sizeof r->ctx.host, "goldhost");
    snprintf(r->ctx.executable, sizeof r->ctx.executable, "/opt/gold/bench");
    r->ctx.num_cpus = 2;
    r->ctx.mhz_per_cpu = 2999.6;
    r->ctx.cpu_scaling_enabled = 1;
    r->ctx.load_avg[0] = 1.5;
    r->ctx.load_avg[1] = 0.75;
    r->ctx.load_avg[2] = 0.25;
    r->ctx.clock_resolution_ns = 1;
    r->ctx.clock_read_ns = 18.5;
    r->ctx.overhead_ns = 1.36;
    r->ctx.fixed_ns = 21.25;
    r->ncases = 5;
    r->cases = calloc(r->ncases, sizeof *r->cases);
    r->ngroups = 2;
    r->groups = calloc(r->ngroups, sizeof *r->groups);
    if (!r->cases || !r->groups)
        abort();
    r->groups[0].name = strdup("gold");
    r->groups[0].desc = "build a string from N parts";
    r->groups[0].first = 0;
    r->groups[0].end = 3;
    r->groups[1].name = strdup("tiny");
    r->groups[1].first = 3;
    r->groups[1].end = 5;

    c = &r->cases[0];
    c->name = "gold/naive";
    c->desc = "strcat in a loop";
    c->group = 0;
    c->base = -1;
    c->npoints = 2;
    set_point(&c->pts[0], 1000, 16, 41234.5, 0.01, 1.4);
    set_point(&c->pts[1], 10000, 12, 4071234.0, 0.02, 1.4);
    c->pts[1].drift = -0.07;
    group_fit(c);

    c = &r->cases[1];
    c->name = "gold/builder";
    c->desc = "append at a tracked end";
    c->group = 0;
    c->base = 0;
    c->npoints = 2;
    set_point(&c->pts[0], 1000, 16, 2114.0, 0.01, 1.4);
    set_point(&c->pts[1], 10000, 12, 21300.0, 0.015, 1.4);
    group_ratio(&c->pts[0], &r->cases[0].pts[0]);
    group_ratio(&c->pts[1], &r->cases[0].pts[1]);
    group_fit(c);

    c = &r->cases[2];
    c->name = "gold/broken";
    c->desc = "crashes at the larger size";
    c->group = 0;
    c->base = 0;
    c->npoints = 2;
    set_point(&c->pts[0], 1000, 16, 50000.0, 0.01, 1.4);
    group_ratio(&c->pts[0], &r->cases[0].pts[0]);
    set_failed(c, &c->pts[1], 10000, BENCH_ECRASH, "crashed (SIGSEGV)");

    c = &r->cases[3];
    c->name = "tiny/empty";
    c->desc = "does nothing";
    c->group = 1;
    c->base = -1;
    c->npoints = 3;
    set_point(&c->pts[0], 10, 8, 0.4, 0.5, 1.5);
    set_point(&c->pts[1], 100, 8, 0.5, 0.5, 1.5);
    set_failed(c, &c->pts[2], 1000, BENCH_EINTR, "not measured: interrupted");

    c = &r->cases[4];
    c->name = "tiny/scan";
    c->desc = "a scan whose growth bends";
    c->group = 1;
    c->base = -1;
    c->npoints = 3;
    set_point(&c->pts[0], 10, 8, 12.0, 0.4, 1.5);
    set_point(&c->pts[1], 100, 8, 900.0, 0.3, 1.5);
    set_point(&c->pts[2], 1000, 1, 5000.0, 0.0, 1.5);
    group_fit(c);
    r->incomplete = 1;
}

/* ---- rendering and the golden files ---- */

static void golden_width(const char *name, report_writer w, int verbose, int color, int width)
{
    results r;
    report_opts o;
    char *out;
    synthetic(&r);
    memset(&o, 0, sizeof o);
    o.verbose = verbose;
    o.color = color;
    o.width = width;
    out = golden_render(w, &r, &o);
    golden_check(name, out);
    free(out);
    result_free(&r);
}

static void golden(const char *name, report_writer w, int verbose, int color)
{
    golden_width(name, w, verbose, color, 0);
}

/* On a 72-column terminal the description column gives way (cut with an
 * ellipsis) and notes wrap; nothing else is cut. */
TEST(test_report_table_fits_a_narrow_terminal_golden)
{
    golden_width("table-72.txt", report_table, 0, 0, 72);
}

/* Narrower still, the description column goes. */
TEST(test_report_table_drops_descriptions_on_a_tiny_terminal_golden)
{
    golden_width("table-50.txt", report_table, 0, 0, 50);
}

TEST(test_report_table_golden)
{
    golden("table.txt", report_table, 0, 0);
}

TEST(test_report_table_verbose_golden)
{
    golden("table-verbose.txt", report_table, 1, 0);
}

TEST(test_report_table_color_golden)
{
    golden("table-color.txt", report_table, 0, 1);
}

TEST(test_report_json_golden)
{
    golden("report.json", report_json, 0, 0);
}

TEST(test_report_csv_golden)
{
    golden("report.csv", report_csv, 0, 0);
}

TEST(test_report_markdown_golden)
{
    golden("report.md", report_markdown, 0, 0);
}

/* The comparison with a baseline made of the same model with every time
 * 10% higher but gold/builder's, and a case the baseline lacks. */
static baseline *synthetic_baseline(const results *r)
{
    char *text = NULL, err[256];
    size_t len = 0, i, j;
    baseline *b = NULL;
    FILE *f = open_memstream(&text, &len);

    if (!f)
        abort();
    fputs("{\"benchmarks\": [", f);
    for (i = 0; i < r->ncases; i++)
        for (j = 0; j < r->cases[i].npoints; j++) {
            const result_point *p = &r->cases[i].pts[j];
            size_t s;
            double scale = i == 1 ? 0.7 : 1.1;
            if (p->status != BENCH_OK || i == 3)
                continue;
            for (s = 0; s < p->m.nsamples; s++)
                fprintf(f,
                        "%s{\"name\": \"%s/%zu\", \"run_type\": \"iteration\", "
                        "\"real_time\": %.17g, \"time_unit\": \"ns\"}",
                        ftell(f) > 20 ? ", " : "", r->cases[i].name, p->n, p->m.samples[s] * scale);
        }
    fputs(", {\"name\": \"gold/gone/10\", \"run_type\": \"iteration\", \"real_time\": 5}]}", f);
    fclose(f);
    CHECK_EQ_INT(baseline_parse("base.json", text, len, &b, err, sizeof err), BENCH_OK);
    free(text);
    return b;
}

TEST(test_report_compare_golden)
{
    results r;
    char *out = NULL;
    size_t olen = 0;
    FILE *f;
    baseline *b;
    compare_result cmp;

    synthetic(&r);
    b = synthetic_baseline(&r);
    if (b && CHECK_EQ_INT(compare_run(b, &r, 5, &cmp), BENCH_OK)) {
        f = open_memstream(&out, &olen);
        if (!f)
            abort();
        CHECK_EQ_INT(report_compare(f, &cmp, "base.json", 5), BENCH_OK);
        fclose(f);
        golden_check("compare.txt", out);
        compare_result_free(&cmp);
    }
    free(out);
    baseline_free(b);
    result_free(&r);
}

/* Every format carries the comparison: the gate's verdicts must reach a
 * pull request's summary whatever the format. */
TEST(test_report_comparison_in_every_format_golden)
{
    static const struct {
        const char *format, *golden;
    } cases[] = {{"table", "compare-table.txt"},
                 {"markdown", "compare.md"},
                 {"json", "compare.json"},
                 {"csv", "compare.csv"}};
    results r;
    baseline *b;
    compare_result cmp;
    size_t i;

    synthetic(&r);
    b = synthetic_baseline(&r);
    if (b && CHECK_EQ_INT(compare_run(b, &r, 5, &cmp), BENCH_OK)) {
        for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
            report_opts o;
            char *out;
            memset(&o, 0, sizeof o);
            o.compare = &cmp;
            o.baseline = "base.json";
            o.threshold = 5;
            out = golden_render(report_format_named(cases[i].format)->write, &r, &o);
            golden_check(cases[i].golden, out);
            free(out);
        }
        compare_result_free(&cmp);
    }
    baseline_free(b);
    result_free(&r);
}

/* ---- the table of formats and the shared presentation rules ---- */

TEST(test_report_formats_by_name_alias_and_extension)
{
    char buf[128];
    const report_format *md = report_format_named("markdown");
    if (!CHECK(md != NULL))
        return;
    CHECK(report_format_named("md") == md);
    CHECK(report_format_named("MD") == NULL);
    CHECK(report_format_named("xml") == NULL);
    CHECK_STR_EQ(report_format_default()->name, "table");
    CHECK(report_format_for_path("out/bench.md") == md);
    CHECK(report_format_for_path("b.csv") == report_format_named("csv"));
    CHECK(report_format_for_path("b.json") == report_format_named("json"));
    CHECK(report_format_for_path("b.txt") == NULL);
    CHECK(report_format_for_path("noext") == NULL);
    CHECK(report_format_for_path("r.html") == report_format_named("html"));
    CHECK_STR_EQ(report_format_names(buf, sizeof buf),
                 "table, json, csv, markdown, html or timeit");
    CHECK_STR_EQ(report_format_exts(buf, sizeof buf), ".json/.csv/.md/.html");
}

TEST(test_report_format_names_truncate_safely)
{
    char buf[8];
    memset(buf, 'x', sizeof buf);
    report_format_names(buf, sizeof buf);
    CHECK_EQ_INT(strlen(buf), sizeof buf - 1);
}

static bench_stats stats_of(double median, double lo, double hi, size_t n)
{
    bench_stats s;
    memset(&s, 0, sizeof s);
    s.median = median;
    s.ci_lo = lo;
    s.ci_hi = hi;
    s.n = n;
    return s;
}

TEST(test_present_ci_in_percent_time_or_unknown)
{
    char buf[32];
    bench_stats s = stats_of(100, 99, 102, 10); /* the longer side: 2% */
    CHECK_STR_EQ(present_ci(buf, sizeof buf, &s), "\xc2\xb1"
                                                  "2.0%");
    s = stats_of(0.5, 0.3, 0.6, 10); /* below 1 ns: in time */
    CHECK_STR_EQ(present_ci(buf, sizeof buf, &s), "\xc2\xb1"
                                                  "0.20 ns");
    s = stats_of(10, 1, 200, 10); /* beyond 1000%: in time */
    CHECK_STR_EQ(present_ci(buf, sizeof buf, &s), "\xc2\xb1"
                                                  "190 ns");
    s = stats_of(10, 10, 10, 1); /* one sample: no spread to show */
    CHECK_STR_EQ(present_ci(buf, sizeof buf, &s), "\xc2\xb1?");
}

TEST(test_present_status_and_why)
{
    result_point p;
    memset(&p, 0, sizeof p);
    p.status = BENCH_OK;
    CHECK_EQ_INT(present_status_of(&p), PRESENT_OK);
    p.status = BENCH_ENOENT;
    CHECK_EQ_INT(present_status_of(&p), PRESENT_NOT_MEASURED);
    CHECK_STR_EQ(present_why(&p), "not measured");
    p.status = BENCH_EINTR;
    CHECK_EQ_INT(present_status_of(&p), PRESENT_INTERRUPTED);
    p.status = BENCH_ESETUP;
    CHECK_EQ_INT(present_status_of(&p), PRESENT_FAILED);
    CHECK_STR_EQ(present_why(&p), bench_strerror(BENCH_ESETUP));
    snprintf(p.why, sizeof p.why, "crashed (SIGSEGV)");
    CHECK_STR_EQ(present_why(&p), "crashed (SIGSEGV)");
    CHECK_STR_EQ(present_short_name("concat/naive"), "naive");
    CHECK_STR_EQ(present_short_name("alone"), "alone");
}

/* A model without notes still writes a "notes" key: always valid JSON. */
TEST(test_report_json_without_notes_has_empty_notes)
{
    results r;
    report_opts o;
    char *out;
    memset(&o, 0, sizeof o);
    memset(&r, 0, sizeof r);
    r.ctx.num_cpus = 2;
    out = golden_render(report_json, &r, &o);
    CHECK_STR_CONTAINS(out, "\"benchmarks\": [],\n  \"notes\": []\n}\n");
    free(out);
}
