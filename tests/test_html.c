/*
 * test_html.c - the HTML report and its plots: the log scales and their
 * decade ticks, escaping, golden files of the page and of --plot's SVG on
 * a synthetic model (html_model.h), validation with xmllint, the page in
 * headless Chromium (tests/browser_check.py), and `bench report`.
 * After a deliberate change of the output:
 *   BENCH_UPDATE_GOLDEN=1 ./build/test_unit report_
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "hist.h"
#include "golden.h"
#include "html_model.h"
#include "plot.h"
#include "report.h"
#include "svg.h"
#include "testhelp.h"
#include "util.h"

/* ---- the scales and the text ---- */

TEST(test_svg_log_axis_maps_decades_evenly)
{
    svg_axis a;
    int first, last;

    /* 1000 to 10000: one decade, padded by 0.05 + 5% of it on each side */
    svg_axis_log(&a, 1000, 10000, 0, 120);
    CHECK_NEAR(a.lo, 2.9, 1e-12);
    CHECK_NEAR(a.hi, 4.1, 1e-12);
    CHECK_NEAR(svg_at(&a, 1000), 10, 1e-9);
    CHECK_NEAR(svg_at(&a, 10000), 110, 1e-9);
    CHECK_NEAR(svg_at(&a, sqrt(10) * 1000), 60, 1e-9); /* half a decade: half-way */
    svg_decades(&a, &first, &last);
    CHECK_EQ_INT(first, 3);
    CHECK_EQ_INT(last, 4);

    /* a y axis runs upwards: p1 < p0 */
    svg_axis_log(&a, 1000, 10000, 120, 0);
    CHECK_NEAR(svg_at(&a, 1000), 110, 1e-9);
    CHECK_NEAR(svg_at(&a, 10000), 10, 1e-9);
}

TEST(test_svg_log_axis_widens_to_two_decade_ticks)
{
    svg_axis a;
    int first, last;

    svg_axis_log(&a, 20, 50, 0, 100); /* no decade inside: widened to 10..100 */
    svg_decades(&a, &first, &last);
    CHECK_EQ_INT(first, 1);
    CHECK_EQ_INT(last, 2);
    CHECK_NEAR(svg_at(&a, 10), 0, 1e-9);
    CHECK_NEAR(svg_at(&a, 100), 100, 1e-9);

    svg_axis_log(&a, 1, 1, 0, 100); /* a single value */
    svg_decades(&a, &first, &last);
    CHECK_EQ_INT(first, 0);
    CHECK_EQ_INT(last, 1);

    svg_axis_log(&a, 0.4, 2e9, 0, 100); /* ten decades: all ticks inside */
    svg_decades(&a, &first, &last);
    CHECK_EQ_INT(first, 0);
    CHECK_EQ_INT(last, 9);
}

TEST(test_svg_decade_labels)
{
    char b[32];
    CHECK_STR_EQ(svg_time_label(b, sizeof b, -2), "0.01 ns");
    CHECK_STR_EQ(svg_time_label(b, sizeof b, 0), "1 ns");
    CHECK_STR_EQ(svg_time_label(b, sizeof b, 2), "100 ns");
    CHECK_STR_EQ(svg_time_label(b, sizeof b, 3), "1 \xc2\xb5s");
    CHECK_STR_EQ(svg_time_label(b, sizeof b, 7), "10 ms");
    CHECK_STR_EQ(svg_time_label(b, sizeof b, 11), "100 s");
    CHECK_STR_EQ(svg_time_label(b, sizeof b, 13), "1e4 s");
    CHECK_STR_EQ(svg_size_label(b, sizeof b, 0), "1");
    CHECK_STR_EQ(svg_size_label(b, sizeof b, 2), "100");
    CHECK_STR_EQ(svg_size_label(b, sizeof b, 4), "10k");
    CHECK_STR_EQ(svg_size_label(b, sizeof b, 6), "1M");
    CHECK_STR_EQ(svg_size_label(b, sizeof b, 15), "1P");
    CHECK_STR_EQ(svg_ratio_label(b, sizeof b, -1), "0.1x");
    CHECK_STR_EQ(svg_ratio_label(b, sizeof b, 0), "1x");
    CHECK_STR_EQ(svg_ratio_label(b, sizeof b, 3), "1000x");
}

static char *text_of(void (*fn)(FILE *, const char *), const char *s)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        abort();
    fn(f, s);
    fclose(f);
    return buf;
}

static void cut4(FILE *f, const char *s)
{
    svg_text_cut(f, s, 4);
}

static void num(FILE *f, const char *s)
{
    svg_num(f, strtod(s, NULL));
}

TEST(test_svg_text_escapes_markup_controls_and_bad_utf8)
{
    char *t = text_of(svg_text, "<script>&\"'\x01\n\xff\xc3\xa9\xef\xbf\xbe");
    CHECK_STR_EQ(t, "&lt;script&gt;&amp;&quot;&#39;\\x01\\x0a\xef\xbf\xbd\xc3\xa9\xef\xbf\xbd");
    free(t);
    t = text_of(cut4, "abcdef");
    CHECK_STR_EQ(t, "abc\xe2\x80\xa6");
    free(t);
    t = text_of(cut4, "\xc2\xb5\xc2\xb5\xc2\xb5\xc2\xb5\xc2\xb5");
    CHECK_STR_EQ(t, "\xc2\xb5\xc2\xb5\xc2\xb5\xe2\x80\xa6");
    free(t);
    t = text_of(cut4, "<<<<");
    CHECK_STR_EQ(t, "&lt;&lt;&lt;&lt;");
    free(t);
    t = text_of(num, "12.34");
    CHECK_STR_EQ(t, "12.3");
    free(t);
    t = text_of(num, "-0.96");
    CHECK_STR_EQ(t, "-1");
    free(t);
}

/* ---- the growth plot's coordinates ---- */

/* The centres of the marks of style s in a growth plot, in order: circles
 * (style 0) start "M<x-4> <y>a", squares (style 1) "M<x-3.6> <y-3.6>h". */
static size_t marks(const char *svg, int s, double *x, double *y, size_t cap)
{
    char key[40];
    size_t n = 0;
    const char *p = svg;
    snprintf(key, sizeof key, "class=\"pt s%d\" d=\"M", s);
    while (n < cap && (p = strstr(p, key))) {
        double a, b;
        p += strlen(key);
        if (sscanf(p, "%lf %lf", &a, &b) != 2)
            break;
        x[n] = s == 0 ? a + 4 : a + 3.6;
        y[n] = s == 0 ? b : b + 3.6;
        n++;
    }
    return n;
}

/* Sizes 100 to 10000 on [72, 624] px: the x domain is 10^1.85 to 10^4.15
 * (two decades, padded by 0.05 + 5% of them), so N = 100, 1000, 10000 sit
 * at 72 + 552 * (0.15, 1.15, 2.15) / 2.3 = 108, 348, 588. quad's medians
 * (1e3, 1e5, 1e7 ns) are evenly spaced in y, two decades apart, and lin's
 * 1e4 ns at N=1000 is half-way between quad's 1e3 and 1e5. */
TEST(test_plot_growth_puts_points_on_log_scales)
{
    results r;
    char *svg = NULL;
    size_t len = 0;
    double qx[8], qy[8], lx[8], ly[8];
    FILE *f = open_memstream(&svg, &len);

    if (!f)
        abort();
    html_model(&r);
    plot_growth(f, &r, 0, "t", -1, 0);
    fclose(f);
    if (CHECK_EQ_INT(marks(svg, 0, qx, qy, 8), 3) && CHECK_EQ_INT(marks(svg, 1, lx, ly, 8), 3)) {
        CHECK_NEAR(qx[0], 108, 0.11);
        CHECK_NEAR(qx[1], 348, 0.11);
        CHECK_NEAR(qx[2], 588, 0.11);
        CHECK_NEAR(lx[1], 348, 0.11);
        CHECK_NEAR(qy[0] - qy[1], qy[1] - qy[2], 0.2);
        CHECK(qy[0] > qy[1]); /* longer is higher up */
        CHECK_NEAR(ly[1], (qy[0] + qy[1]) / 2, 0.2);
        CHECK_NEAR(ly[0], qy[0], 0.11); /* both 1 µs at N=100 */
    }
    /* decade ticks: 100, 1k, 10k on x; 1 µs ... 10 ms on y */
    CHECK_STR_CONTAINS(svg, "<text x=\"108\" y=\"277\" text-anchor=\"middle\" "
                            "class=\"tick\">100</text>");
    CHECK_STR_CONTAINS(svg, "class=\"tick\">1k</text>");
    CHECK_STR_CONTAINS(svg, "class=\"tick\">10k</text>");
    CHECK_STR_CONTAINS(svg, "class=\"tick\">1 \xc2\xb5s</text>");
    CHECK_STR_CONTAINS(svg, "class=\"tick\">10 ms</text>");
    CHECK_STR_NOT_CONTAINS(svg, "class=\"tick\">100 ms</text>");
    /* the legend: exponent and class; the crash and the interruption */
    CHECK_STR_CONTAINS(svg, "quad: exponent 2.00 \xc2\xb1");
    CHECK_STR_CONTAINS(svg, "O(N^2)");
    CHECK_STR_CONTAINS(svg, "lin: exponent 1.00 \xc2\xb1");
    CHECK_STR_CONTAINS(svg, "N=1000 failed: crashed (SIGSEGV)");
    free(svg);
    result_free(&r);
}

/* ---- the page ---- */

static char *page(results *r, compare_result *cmp, baseline **b)
{
    report_opts o;
    memset(&o, 0, sizeof o);
    html_model(r);
    if (cmp) {
        *b = html_model_baseline(r);
        if (compare_run(*b, r, 5, cmp) != BENCH_OK)
            abort();
        o.compare = cmp;
        o.baseline = "base<1>.json";
        o.threshold = 5;
    }
    return golden_render(report_html, r, &o);
}

TEST(test_report_html_golden)
{
    results r;
    compare_result cmp;
    baseline *b = NULL;
    char *out = page(&r, &cmp, &b);
    golden_check("html-report.html", out);
    free(out);
    compare_result_free(&cmp);
    baseline_free(b);
    result_free(&r);
}

TEST(test_report_plot_svg_golden)
{
    results r;
    char *out;
    html_model(&r);
    out = golden_render(report_plot_svg, &r, NULL);
    golden_check("svg-growth.svg", out);
    CHECK(strncmp(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg ", 44) == 0);
    free(out);
    result_free(&r);
}

/* A name is text, never markup: a case called <script> cannot run; no
 * raw control or invalid byte reaches the page; nothing is fetched. */
TEST(test_report_html_escapes_every_name_and_fetches_nothing)
{
    results r;
    compare_result cmp;
    baseline *b = NULL;
    char *out = page(&r, &cmp, &b);
    const unsigned char *p;

    CHECK_STR_NOT_CONTAINS(out, "<script");
    CHECK_STR_NOT_CONTAINS(out, "<SCRIPT");
    CHECK_STR_CONTAINS(out, "&lt;script&gt;alert(&quot;x&amp;y&quot;)&lt;/script&gt;");
    CHECK_STR_CONTAINS(out, "<h2>odd&amp;&lt;g&gt; <span class=\"desc\">&#39;quoted&#39; "
                            "&quot;desc&quot; with a control \\x01 byte and invalid "
                            "\xef\xbf\xbd UTF-8</span></h2>");
    CHECK_STR_CONTAINS(out, "&lt;host&gt;");
    CHECK_STR_CONTAINS(out, "Comparison with base&lt;1&gt;.json");
    for (p = (const unsigned char *)out; *p; p++)
        if ((*p < 0x20 && *p != '\n') || *p == 0xff)
            break;
    CHECK_EQ_INT(*p, 0);
    /* the only URLs are the two XML namespaces, which are names, not
     * fetched; no src, no link, no @import, no url() */
    CHECK_EQ_INT(count_str(out, "http"), count_str(out, "xmlns=\"http://www.w3.org/"));
    CHECK_STR_NOT_CONTAINS(out, " src=");
    CHECK_STR_NOT_CONTAINS(out, "<link");
    CHECK_STR_NOT_CONTAINS(out, "@import");
    CHECK_STR_NOT_CONTAINS(out, "url(");
    CHECK_STR_CONTAINS(out, "@media print");
    free(out);
    compare_result_free(&cmp);
    baseline_free(b);
    result_free(&r);
}

/* Without samples (a file that saved only medians) or speedups, their
 * plots are left out; the growth plot is always there. */
TEST(test_report_html_leaves_out_plots_without_data)
{
    results r;
    char *out;
    size_t i, j;

    html_model(&r);
    for (i = 0; i < r.ncases; i++)
        for (j = 0; j < r.cases[i].npoints; j++) {
            r.cases[i].pts[j].has_ratio = 0;
            free(r.cases[i].pts[j].m.samples);
            r.cases[i].pts[j].m.samples = NULL;
            r.cases[i].pts[j].m.nsamples = 0;
        }
    out = golden_render(report_html, &r, NULL);
    CHECK_EQ_INT(count_str(out, "data-plot=\"growth\""), 2);
    CHECK_EQ_INT(count_str(out, "data-plot=\"samples\""), 0);
    CHECK_EQ_INT(count_str(out, "data-plot=\"speedup\""), 0);
    CHECK_EQ_INT(count_str(out, "data-plot=\"compare\""), 0);
    free(out);
    result_free(&r);
}

/* ---- outside checkers: xmllint, Chromium ---- */

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!CHECK(f != NULL))
        return;
    fputs(text, f);
    fclose(f);
}

/* The page is well-formed XML (every escape right) and --plot's SVG too. */
TEST(test_report_html_and_svg_validate_with_xmllint)
{
    results r;
    compare_result cmp;
    baseline *b = NULL;
    char dir[256], args[1024], xmllint[1024], *html, *svg;
    cmd_result res;

    if (!find_prog("xmllint", xmllint, sizeof xmllint)) {
        th_skip("xmllint not found (Debian: apt-get install libxml2-utils)");
        return;
    }
    if (!make_temp_dir(dir, sizeof dir))
        return;
    html = page(&r, &cmp, &b);
    svg = golden_render(report_plot_svg, &r, NULL);
    snprintf(args, sizeof args, "%s/p.html", dir);
    write_file(args, html);
    snprintf(args, sizeof args, "%s/p.svg", dir);
    write_file(args, svg);
    snprintf(args, sizeof args, "--noout %s/p.html %s/p.svg", dir, dir);
    run_prog(&res, xmllint, args);
    if (!CHECK_EQ_INT(res.status, 0))
        printf("  %s", res.err);
    CHECK_STR_EQ(res.err, "");
    cmd_free(&res);
    free(html);
    free(svg);
    compare_result_free(&cmp);
    baseline_free(b);
    result_free(&r);
    remove_dir(dir);
}

/* What the page must show, worked out from the model by the rules of the
 * report (not by plot.c's own counts): "plot/group": marks and bars. */
static void expectations(FILE *f, const results *r, const compare_result *cmp)
{
    size_t g, i, j, k;
    int first = 1;

    fputc('{', f);
    for (g = 0; g < r->ngroups; g++) {
        size_t drawn = 0, samples = 0, speedups = 0;
        for (i = r->groups[g].first; i < r->groups[g].end; i++)
            for (j = 0; j < r->cases[i].npoints; j++) {
                const result_point *p = &r->cases[i].pts[j];
                if (p->status != BENCH_OK)
                    continue;
                drawn += p->m.wall.median > 0; /* a log scale shows only these */
                samples += p->m.nsamples;
                speedups += p->has_ratio && r->cases[i].base >= 0;
            }
        fprintf(f, "%s\"growth/%zu\": {\"pt\": %zu, \"bar\": %zu}", first ? "" : ", ", g, drawn,
                drawn);
        first = 0;
        if (samples)
            fprintf(f, ", \"samples/%zu\": {\"pt\": %zu, \"bar\": 0}", g, samples);
        if (speedups)
            fprintf(f, ", \"speedup/%zu\": {\"pt\": %zu, \"bar\": %zu}", g, speedups, speedups);
    }
    if (cmp) {
        for (k = 0, i = 0; i < cmp->nrows; i++)
            k += (cmp->rows[i].v != V_NEW) + (cmp->rows[i].v != V_MISSING);
        fprintf(f, ", \"compare/-\": {\"pt\": %zu, \"bar\": 0}", k);
    }
    fputs("}\n", f);
}

/* --latency on every measured point of group 0 whose median is positive:
 * 200 timings spread about the median, one far out. */
static size_t add_latency(results *r)
{
    size_t i, j, k, rows = 0;
    for (i = r->groups[0].first; i < r->groups[0].end; i++)
        for (j = 0; j < r->cases[i].npoints; j++) {
            result_point *p = &r->cases[i].pts[j];
            result_latency *l;
            if (p->status != BENCH_OK || !(p->m.wall.median > 0) || !(l = calloc(1, sizeof *l)) ||
                hist_init(&l->h) != 0)
                continue;
            for (k = 0; k < 200; k++)
                hist_add(&l->h, p->m.wall.median * (k == 150 ? 40 : 0.8 + 0.002 * (double)k));
            l->calls = 200;
            l->batch = l->batch_min = 1;
            result_latency_summarize(l);
            p->lat = l;
            rows++;
        }
    return rows;
}

/* The page in a real browser: headless Chromium under WebDriver, driven
 * by tests/browser_check.py (no console error, no request, every plot
 * rendered with its marks); the screenshot and a PDF print go to build/. */
TEST(test_report_html_in_headless_chromium)
{
    results r;
    compare_result cmp;
    baseline *b = NULL;
    char html_path[2048], expect_path[2048], args[8192], python[1024], *html;
    cmd_result res;
    FILE *f;

    if (!have_prog("chromium") && !have_prog("chromium-browser") && !have_prog("google-chrome")) {
        th_skip("chromium not found (Debian: apt-get install chromium chromium-driver)");
        return;
    }
    if (!have_prog("chromedriver")) {
        th_skip("chromedriver not found (Debian: apt-get install chromium-driver)");
        return;
    }
    if (!CHECK(find_prog("python3", python, sizeof python))) {
        printf("  python3 is needed for the WebDriver client (tests/browser_check.py)\n");
        return;
    }
    html = page(&r, &cmp, &b);
    /* The same page with --latency's figure: five marks a measured point
     * (p50, p90, p99, p99.9, max). */
    {
        report_opts o;
        size_t rows = add_latency(&r);
        CHECK(rows > 0);
        memset(&o, 0, sizeof o);
        o.compare = &cmp;
        o.baseline = "base<1>.json";
        o.threshold = 5;
        free(html);
        html = golden_render(report_html, &r, &o);
        snprintf(html_path, sizeof html_path, "%s/report-test.html", build_dir());
        snprintf(expect_path, sizeof expect_path, "%s/report-test.expect.json", build_dir());
        write_file(html_path, html ? html : "");
        if ((f = fopen(expect_path, "w"))) {
            expectations(f, &r, &cmp);
            fseek(f, -2, SEEK_END); /* before the closing "}\n" */
            fprintf(f, ", \"latency/0\": {\"pt\": %zu, \"bar\": 0}}\n", 5 * rows);
            fclose(f);
        }
    }
    snprintf(args, sizeof args, "%sbrowser_check.py %s %s %s/report-test.png %s/report-test.pdf",
             golden_tests_dir(), html_path, expect_path, build_dir(), build_dir());
    run_prog(&res, python, args);
    if (!CHECK_EQ_INT(res.status, 0))
        printf("%s%s", res.out, res.err);
    CHECK_STR_CONTAINS(res.out, "all checks passed");
    cmd_free(&res);
    free(html);
    compare_result_free(&cmp);
    baseline_free(b);
    result_free(&r);
}

/* ---- bench report ---- */

/* The model saved as bench --format json saves it, in dir/name. */
static void save_json(const char *dir, const char *name)
{
    results r;
    report_opts o;
    char path[512], *json;

    memset(&o, 0, sizeof o);
    html_model(&r);
    json = golden_render(report_json, &r, &o);
    snprintf(path, sizeof path, "%s/%s", dir, name);
    write_file(path, json);
    free(json);
    result_free(&r);
}

TEST(test_report_cmd_renders_a_saved_result_and_its_plot)
{
    char dir[256], args[1024], *html, *svg;
    cmd_result res;

    if (!make_temp_dir(dir, sizeof dir))
        return;
    save_json(dir, "in.json");
    snprintf(args, sizeof args, "report %s/in.json -o %s/out.html --plot %s/plot.svg", dir, dir,
             dir);
    run_prog(&res, prog_path("bench"), args);
    CHECK_EQ_INT(res.status, 0);
    CHECK_STR_EQ(res.out, "");
    CHECK_STR_EQ(res.err, "");
    html = slurp_in(dir, "out.html");
    svg = slurp_in(dir, "plot.svg");
    CHECK(strncmp(html, "<!DOCTYPE html>", 15) == 0);
    CHECK_EQ_INT(count_str(html, "data-plot=\"growth\""), 2);
    CHECK_EQ_INT(count_str(html, "data-plot=\"samples\""), 2);
    CHECK_EQ_INT(count_str(html, "data-plot=\"speedup\""), 1);
    CHECK_STR_CONTAINS(html, "&lt;script&gt;");
    CHECK_STR_CONTAINS(html, "Incomplete:");
    CHECK(strncmp(svg, "<?xml", 5) == 0);
    CHECK_EQ_INT(count_str(svg, "class=\"plot growth\""), 2);
    free(html);
    free(svg);
    cmd_free(&res);
    remove_dir(dir);
}

TEST(test_report_cmd_compares_with_a_baseline)
{
    char dir[256], args[1024];
    cmd_result res;

    if (!make_temp_dir(dir, sizeof dir))
        return;
    save_json(dir, "new.json");
    save_json(dir, "old.json");
    snprintf(args, sizeof args, "report %s/new.json %s/old.json --threshold 2.5%%", dir, dir);
    run_prog(&res, prog_path("bench"), args);
    CHECK_EQ_INT(res.status, 0);
    CHECK_STR_CONTAINS(res.out, "<section class=\"comparison\" id=\"comparison\">");
    CHECK_STR_CONTAINS(res.out, "0 regressed, 0 improved, 10 unchanged");
    CHECK_STR_CONTAINS(res.out, "above 2.5% that is significant");
    CHECK_STR_CONTAINS(res.out, "data-plot=\"compare\"");
    cmd_free(&res);
    remove_dir(dir);
}

/* Google Benchmark's JSON, without libbench's extra keys. */
TEST(test_report_cmd_renders_google_benchmark_json)
{
    char args[2048];
    cmd_result res;

    snprintf(args, sizeof args, "report %sdata/peer/gb-1.json --format svg", golden_tests_dir());
    run_prog(&res, prog_path("bench"), args);
    CHECK_EQ_INT(res.status, 0);
    CHECK(strncmp(res.out, "<?xml", 5) == 0);
    CHECK_STR_CONTAINS(res.out, "linear: exponent 1.00 \xc2\xb1"
                                "0.00, O(N)");
    cmd_free(&res);
    snprintf(args, sizeof args, "report %sdata/peer/gb-1.json", golden_tests_dir());
    run_prog(&res, prog_path("bench"), args);
    CHECK_EQ_INT(res.status, 0);
    CHECK_STR_CONTAINS(res.out, "<h2>peer</h2>");
    CHECK_STR_NOT_CONTAINS(res.out, "<dt>Timer</dt>"); /* GB does not record it */
    /* nor does it subtract a loop's cost: the page does not claim it */
    CHECK_STR_NOT_CONTAINS(res.out, "cost subtracted");
    CHECK_STR_CONTAINS(res.out, "times are per iteration as Google Benchmark measured them, "
                                "with nothing subtracted;");
    cmd_free(&res);
}

/* A case of 20 sizes, 3 samples each: the note counts the 4 sizes left
 * out, not their samples. */
TEST(test_report_cmd_counts_the_sizes_left_out)
{
    char dir[256], path[512], args[1024], text[8192];
    size_t used, i, j;
    cmd_result res;

    if (!make_temp_dir(dir, sizeof dir))
        return;
    used = (size_t)snprintf(text, sizeof text, "{\"benchmarks\": [");
    for (i = 1; i <= 20; i++)
        for (j = 0; j < 3; j++)
            used += (size_t)snprintf(text + used, sizeof text - used,
                                     "%s{\"name\": \"g/c/%zu\", \"real_time\": %zu}",
                                     i > 1 || j > 0 ? ",\n" : "", i * 100, i + j);
    snprintf(text + used, sizeof text - used, "]}\n");
    snprintf(path, sizeof path, "%s/in.json", dir);
    write_file(path, text);
    snprintf(args, sizeof args, "report %s -o %s/out.html", path, dir);
    run_prog(&res, prog_path("bench"), args);
    CHECK_EQ_INT(res.status, 0);
    CHECK_STR_EQ(res.err,
                 "bench report: note: 4 sizes past the first 16 of a case were left out\n");
    cmd_free(&res);
    remove_dir(dir);
}

/* A real run of this version, saved and rendered. */
TEST(test_report_cmd_renders_a_real_run)
{
    char dir[256], args[1024], *html;
    cmd_result res;

    if (!make_temp_dir(dir, sizeof dir))
        return;
    snprintf(args, sizeof args,
             "concat --sizes 1000,2000 -r 8 --min-time 0.05 -q --format json -o %s/run.json", dir);
    run_prog(&res, prog_path("bench"), args);
    CHECK_EQ_INT(res.status, 0);
    cmd_free(&res);
    snprintf(args, sizeof args, "report %s/run.json -o %s/run.html", dir, dir);
    run_prog(&res, prog_path("bench"), args);
    CHECK_EQ_INT(res.status, 0);
    html = slurp_in(dir, "run.html");
    CHECK_STR_CONTAINS(html, "<h2>concat");
    CHECK_STR_CONTAINS(html, "times are per call with the timing loop's own cost subtracted");
    CHECK_EQ_INT(count_str(html, "class=\"pt s0"), 2 + 16); /* 2 medians, 2 x 8 samples */
    CHECK_EQ_INT(count_str(html, "data-plot=\"speedup\""), 1);
    free(html);
    cmd_free(&res);
    remove_dir(dir);
}

/* Every output is checked before any is written: a bad --plot (or -o)
 * fails naming its option, and leaves no file (and no temporary file). */
TEST(test_report_cmd_writes_no_output_when_one_cannot_be)
{
    char dir[256], args[1024], *html;
    cmd_result res;

    if (!make_temp_dir(dir, sizeof dir))
        return;
    save_json(dir, "in.json");
    snprintf(args, sizeof args, "report %s/in.json -o %s/ok.html --plot %s/no/x.svg", dir, dir,
             dir);
    run_prog(&res, prog_path("bench"), args);
    CHECK_EQ_INT(res.status, 2);
    CHECK_STR_CONTAINS(res.err, "report: --plot: cannot write '");
    CHECK_STR_CONTAINS(res.err, "/no/x.svg'");
    CHECK_EQ_INT((int)count_str(res.err, "\n"), 1);
    CHECK_EQ_INT(count_entries(dir), 1); /* in.json alone */
    cmd_free(&res);

    snprintf(args, sizeof args, "report %s/in.json -o %s/no/x.html --plot %s/ok.svg", dir, dir,
             dir);
    run_prog(&res, prog_path("bench"), args);
    CHECK_EQ_INT(res.status, 2);
    CHECK_STR_CONTAINS(res.err, "report: --output: cannot write '");
    CHECK_EQ_INT(count_entries(dir), 1);
    cmd_free(&res);

    /* the page to standard output: nothing printed either */
    snprintf(args, sizeof args, "report %s/in.json --plot %s/no/x.svg", dir, dir);
    run_prog(&res, prog_path("bench"), args);
    CHECK_EQ_INT(res.status, 2);
    CHECK_STR_EQ(res.out, "");
    CHECK_STR_CONTAINS(res.err, "report: --plot: cannot write '");
    cmd_free(&res);

    /* an existing page stays as it was */
    snprintf(args, sizeof args, "%s/ok.html", dir);
    write_file(args, "old\n");
    snprintf(args, sizeof args, "report %s/in.json -o %s/ok.html --plot %s/no/x.svg", dir, dir,
             dir);
    run_prog(&res, prog_path("bench"), args);
    CHECK_EQ_INT(res.status, 2);
    html = slurp_in(dir, "ok.html");
    CHECK_STR_EQ(html, "old\n");
    CHECK_EQ_INT(count_entries(dir), 2);
    free(html);
    cmd_free(&res);
    remove_dir(dir);
}

TEST(test_report_cmd_refuses_bad_arguments)
{
    static const struct {
        const char *args, *says;
    } bad[] = {
        {"report", "no result to render"},
        {"report /nonexistent/r.json", "cannot read '/nonexistent/r.json'"},
        {"report /nonexistent/r.json",
         "(expected a JSON file written by bench --format json or Google Benchmark)"},
        {"report /", "not a regular file"},
        {"report a.json b.json c.json", "unexpected argument 'c.json'"},
        {"report --frobnicate a.json", "unknown option '--frobnicate'"},
        {"report a.json --format pdf", "--format: 'pdf' is not a format of bench report"},
        {"report a.json --threshold much", "--threshold: 'much' is not a percentage"},
        {"report a.json --threshold 0x10", "--threshold: '0x10' is not a percentage"},
        {"report a.json --threshold -1", "(expected a number in [0, 1000] like 5 or 2.5%)"},
        {"report a.json -o", "-o needs a value"},
    };
    size_t i;

    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        cmd_result res;
        run_prog(&res, prog_path("bench"), bad[i].args);
        if (!CHECK_EQ_INT(res.status, 2))
            printf("  bench %s\n", bad[i].args);
        CHECK_STR_CONTAINS(res.err, bad[i].says);
        CHECK_STR_EQ(res.out, "");
        cmd_free(&res);
    }
}

TEST(test_report_cmd_help)
{
    cmd_result res;
    run_prog(&res, prog_path("bench"), "report --help");
    CHECK_EQ_INT(res.status, 0);
    CHECK_STR_CONTAINS(res.out, "usage: bench report RESULT.json [BASELINE.json] [-o FILE] "
                                "[--format html|svg] [--plot FILE.svg] [--threshold PCT]\n");
    CHECK_STR_CONTAINS(res.out, "in [0, 1000]");
    cmd_free(&res);
}

/* A timed result and a counted one (bench --instructions), in dir. */
static void save_timed_and_counted(const char *dir)
{
    char path[512];

    snprintf(path, sizeof path, "%s/timed.json", dir);
    write_file(path,
               "{\"context\": {\"libbench_version\": \"0.1.0\", \"clock_resolution_ns\": 20},\n"
               " \"benchmarks\": [{\"name\": \"concat/naive/100\", \"run_name\": "
               "\"concat/naive/100\", \"run_type\": \"iteration\", \"real_time\": 1000, "
               "\"time_unit\": \"ns\", \"n\": 100}]}\n");
    snprintf(path, sizeof path, "%s/counted.json", dir);
    write_file(path, "{\"context\": {\"libbench_version\": \"0.1.0\", \"counted\": "
                     "[\"instructions\"]},\n"
                     " \"benchmarks\": [{\"name\": \"concat/naive/100\", \"run_name\": "
                     "\"concat/naive/100\", \"run_type\": \"iteration\", \"real_time\": 0, "
                     "\"time_unit\": \"ns\", \"instructions\": 11118, \"n\": 100}]}\n");
}

/* Counts and times do not compare: a counted baseline for a timed result
 * (or the reverse) is refused, as bench --compare refuses it, before any
 * output is written. */
TEST(test_report_cmd_refuses_counts_mixed_with_times)
{
    static const char *const args[] = {
        "report %s/timed.json %s/counted.json -o %s/out.html",
        "report %s/timed.json %s/counted.json",
        "report %s/counted.json %s/timed.json -o %s/out.html",
        "report %s/counted.json %s/timed.json --plot %s/out.svg",
    };
    char dir[256], buf[1024];
    size_t i;

    if (!make_temp_dir(dir, sizeof dir))
        return;
    save_timed_and_counted(dir);
    for (i = 0; i < sizeof args / sizeof args[0]; i++) {
        cmd_result res;
        snprintf(buf, sizeof buf, args[i], dir, dir, dir);
        run_prog(&res, prog_path("bench"), buf);
        if (!CHECK_EQ_INT(res.status, 2))
            printf("  bench %s\n", buf);
        CHECK_STR_CONTAINS(res.err, "/counted.json' holds instruction counts");
        CHECK_STR_CONTAINS(res.err, "(expected a timed ");
        CHECK_EQ_INT((int)count_str(res.err, "\n"), 1);
        CHECK_STR_EQ(res.out, "");
        CHECK_EQ_INT(count_entries(dir), 2); /* the inputs alone */
        cmd_free(&res);
    }
    remove_dir(dir);
}

/* --plot writes a file: "-" is refused as bench refuses it, and so is a
 * --plot that is standard output while the page goes there too; the
 * message offers no "-". */
TEST(test_report_cmd_refuses_plot_to_standard_output)
{
    char dir[256], args[1024];
    cmd_result res;

    if (!make_temp_dir(dir, sizeof dir))
        return;
    save_json(dir, "in.json");
    snprintf(args, sizeof args, "report %s/in.json --plot -", dir);
    run_prog(&res, prog_path("bench"), args);
    CHECK_EQ_INT(res.status, 2);
    CHECK_STR_CONTAINS(res.err, "report: --plot: '-' is not a file name (expected a path like "
                                "growth.svg)");
    CHECK_STR_EQ(res.out, "");
    cmd_free(&res);

    snprintf(args, sizeof args, "report %s/in.json --plot=- -o %s/out.html", dir, dir);
    run_prog(&res, prog_path("bench"), args);
    CHECK_EQ_INT(res.status, 2);
    CHECK_STR_CONTAINS(res.err, "'-' is not a file name");
    CHECK_EQ_INT(count_entries(dir), 1);
    cmd_free(&res);

    /* the same file as standard output, where the page goes */
    snprintf(args, sizeof args, "report %s/in.json --plot /dev/stdout", dir);
    run_prog(&res, prog_path("bench"), args);
    CHECK_EQ_INT(res.status, 2);
    CHECK_STR_CONTAINS(res.err, "report: --plot: '/dev/stdout' is standard output");
    CHECK_STR_EQ(res.out, "");
    cmd_free(&res);
    snprintf(args, sizeof args, "report %s/in.json -o - --plot /dev/stdout", dir);
    run_prog(&res, prog_path("bench"), args);
    CHECK_EQ_INT(res.status, 2);
    CHECK_STR_EQ(res.out, "");
    cmd_free(&res);

    /* the page to a file: the plots alone on standard output are fine */
    snprintf(args, sizeof args, "report %s/in.json -o %s/out.html --plot /dev/stdout", dir, dir);
    run_prog(&res, prog_path("bench"), args);
    CHECK_EQ_INT(res.status, 0);
    CHECK(strncmp(res.out, "<?xml", 5) == 0);
    CHECK_EQ_INT(count_str(res.out, "<!DOCTYPE"), 0);
    CHECK_EQ_INT(count_entries(dir), 2);
    cmd_free(&res);

    snprintf(args, sizeof args, "report %s/in.json --plot %s/no/x.svg", dir, dir);
    run_prog(&res, prog_path("bench"), args);
    CHECK_EQ_INT(res.status, 2);
    CHECK_STR_CONTAINS(res.err, "report: --plot: cannot write '");
    CHECK_STR_CONTAINS(res.err, "(expected a writable file path");
    CHECK_STR_NOT_CONTAINS(res.err, "standard output");
    cmd_free(&res);
    remove_dir(dir);
}

/* report writes html or svg: -o picks one by its extension, and an
 * extension of another format is refused, unless --format says which. */
TEST(test_report_cmd_output_extension)
{
    static const char *const refused[] = {"x.json", "x.csv", "x.md", "x.txt", "x.SVG"};
    static const struct {
        const char *name, *format, *starts;
    } ok[] = {
        {"a.html", "", "<!DOCTYPE html>"},
        {"b.htm", "", "<!DOCTYPE html>"},
        {"c.svg", "", "<?xml"},
        {"page", "", "<!DOCTYPE html>"},
        {"e.json", "--format html", "<!DOCTYPE html>"},
        {"f.txt", "--format svg", "<?xml"},
        {"g.svg", "--format html", "<!DOCTYPE html>"},
    };
    char dir[256], args[1024], *text;
    cmd_result res;
    size_t i;

    if (!make_temp_dir(dir, sizeof dir))
        return;
    save_json(dir, "in.json");
    for (i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        snprintf(args, sizeof args, "report %s/in.json -o %s/%s --plot %s/p.svg", dir, dir,
                 refused[i], dir);
        run_prog(&res, prog_path("bench"), args);
        if (!CHECK_EQ_INT(res.status, 2))
            printf("  bench %s\n", args);
        CHECK_STR_CONTAINS(res.err, refused[i]);
        CHECK_STR_CONTAINS(res.err, "(expected a name ending in .html, .htm or .svg, or "
                                    "--format html or svg)");
        CHECK_EQ_INT((int)count_str(res.err, "\n"), 1);
        CHECK_STR_EQ(res.out, "");
        CHECK_EQ_INT(count_entries(dir), 1); /* in.json alone */
        cmd_free(&res);
    }
    for (i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        snprintf(args, sizeof args, "report %s/in.json -o %s/%s %s", dir, dir, ok[i].name,
                 ok[i].format);
        run_prog(&res, prog_path("bench"), args);
        if (!CHECK_EQ_INT(res.status, 0))
            printf("  bench %s: %s", args, res.err);
        text = slurp_in(dir, ok[i].name);
        if (!CHECK(strncmp(text, ok[i].starts, strlen(ok[i].starts)) == 0))
            printf("  bench %s\n", args);
        free(text);
        cmd_free(&res);
    }
    remove_dir(dir);
}

/* --threshold takes -0 as 0, and says so as 0. */
TEST(test_report_cmd_threshold_minus_zero)
{
    char dir[256], args[1024];
    cmd_result res;

    if (!make_temp_dir(dir, sizeof dir))
        return;
    save_json(dir, "new.json");
    save_json(dir, "old.json");
    snprintf(args, sizeof args, "report %s/new.json %s/old.json --threshold -0", dir, dir);
    run_prog(&res, prog_path("bench"), args);
    CHECK_EQ_INT(res.status, 0);
    CHECK_STR_CONTAINS(res.out, "above 0% that is significant");
    CHECK_STR_NOT_CONTAINS(res.out, "-0%");
    cmd_free(&res);
    remove_dir(dir);
}
