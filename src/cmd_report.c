/*
 * cmd_report.c - `bench report` (cmd_report.h): read a saved result
 * (load.c) and, when given, a baseline (baseline.c, compare.c), then write
 * the page or the plots, each output atomically (outfile.c).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "baseline.h"
#include "cli_run.h"
#include "cli_walk.h"
#include "cmd_report.h"
#include "compare.h"
#include "load.h"
#include "outfile.h"
#include "report.h"

typedef struct report_args {
    const char *result, *baseline;
    const char *output;   /* NULL: stdout */
    const char *plot;     /* --plot FILE.svg, or NULL */
    report_writer format; /* NULL: from -o's extension, else html */
    double threshold;
    int help;
} report_args;

void cmd_report_usage(FILE *f, const char *prog)
{
    fprintf(f,
            "usage: %s report RESULT.json [BASELINE.json] [-o FILE] [--plot FILE.svg]\n"
            "  RESULT.json        a result saved by bench --format json, or Google Benchmark's "
            "JSON\n"
            "  BASELINE.json      compare with it: old and new median of each case and size, "
            "with verdicts\n"
            "  -o, --output FILE  write the report to FILE (atomically); default: standard "
            "output\n"
            "      --format FMT   html (default; .svg after -o picks svg) or svg: the growth "
            "plots alone\n"
            "      --plot FILE    also write the growth plots alone to FILE, as SVG\n"
            "      --threshold PCT slowdown that counts as a regression (default 5)\n"
            "  -h, --help\n"
            "One HTML file: inline SVG and CSS, no script, nothing fetched (docs/report.md).\n",
            prog);
}

/* The value of an option: after '=' in "--opt=v", else the next argument. */
/* "5" or "2.5%" in [0, 1000]. */
static int parse_threshold(const char *v, double *out)
{
    char *end;
    double x = strtod(v, &end);
    if (end == v || (*end && strcmp(end, "%") != 0) || !(x >= 0 && x <= 1000))
        return -1;
    *out = x;
    return 0;
}

static int parse_format(const char *v, report_writer *w)
{
    if (strcmp(v, "html") == 0)
        *w = report_html;
    else if (strcmp(v, "svg") == 0)
        *w = report_plot_svg;
    else
        return -1;
    return 0;
}

/* Returns 0, or 2 after saying what was wrong. */
static int parse(int argc, char **argv, const char *prog, report_args *a)
{
    cli_walk w;
    cli_walk_word word;

    memset(a, 0, sizeof *a);
    a->threshold = 5;
    cli_walk_init(&w, argc, argv);
    while (cli_walk_next(&w, &word)) {
        const char *opt = word.name, *v;

        if (word.kind == CLI_WALK_OPERAND) {
            if (!a->result)
                a->result = word.arg;
            else if (!a->baseline)
                a->baseline = word.arg;
            else
                return cli_fail("report: unexpected argument '%s' (expected RESULT.json and "
                                "at most one BASELINE.json)",
                                word.arg);
            continue;
        }
        if (strcmp(opt, "-h") == 0 || strcmp(opt, "--help") == 0) {
            a->help = 1;
            return 0;
        }
        if (strcmp(opt, "-o") != 0 && strcmp(opt, "--output") != 0 &&
            strcmp(opt, "--format") != 0 && strcmp(opt, "--plot") != 0 &&
            strcmp(opt, "--threshold") != 0)
            return cli_fail("report: unknown option '%s' (see %s report --help)", word.arg, prog);
        if (!(v = cli_walk_value(&w, &word)) || !*v)
            return cli_fail("report: %s needs a value (see %s report --help)", opt, prog);
        if (strcmp(opt, "-o") == 0 || strcmp(opt, "--output") == 0)
            a->output = v;
        else if (strcmp(opt, "--plot") == 0)
            a->plot = v;
        else if (strcmp(opt, "--format") == 0 && parse_format(v, &a->format) != 0)
            return cli_fail("report: --format: '%s' is not a format of bench report (expected "
                            "html or svg)",
                            v);
        else if (strcmp(opt, "--threshold") == 0 && parse_threshold(v, &a->threshold) != 0)
            return cli_fail("report: --threshold: '%s' is not a percentage (expected a number "
                            "in [0, 1000] like 5 or 2.5%%)",
                            v);
    }
    if (!a->result)
        return cli_fail("report: no result to render (expected bench report RESULT.json "
                        "[BASELINE.json] -o report.html)");
    return 0;
}

/* The format of the main output: --format, else -o's extension (.svg:
 * the plots), else the page. */
static report_writer format_of(const report_args *a)
{
    const char *dot = a->output ? strrchr(a->output, '.') : NULL;
    if (a->format)
        return a->format;
    return dot && strcmp(dot, ".svg") == 0 ? report_plot_svg : report_html;
}

/* The page (or the plots) to -o, opened before (of), or to stdout when
 * there is no -o. */
static int write_main(outfile *of, const char *path, report_writer w, const results *r,
                      const report_opts *o)
{
    char err[512];

    if (!path) {
        if (w(stdout, r, o) != BENCH_OK || fflush(stdout) != 0)
            return cli_fail("report: cannot write to standard output");
        return 0;
    }
    if (outfile_commit(of, w(of->f, r, o), err, sizeof err) != 0)
        return cli_fail("report: %s", err);
    return 0;
}

/* --plot FILE: the growth plots alone, as SVG, written like -o. With r
 * NULL, only check that FILE can be written: opened and let go, so that
 * one temporary file at a time exists (as bench checks --plot). */
static int write_plot(const char *path, const results *r, const report_opts *o)
{
    outfile pf;
    char err[512];

    if (outfile_open(&pf, "--plot", path, err, sizeof err) != 0)
        return cli_fail("report: %s", err);
    if (!r) {
        outfile_abort(&pf);
        return 0;
    }
    if (outfile_commit(&pf, report_plot_svg(pf.f, r, o), err, sizeof err) != 0)
        return cli_fail("report: %s", err);
    return 0;
}

int cmd_report_main(int argc, char **argv, const char *prog)
{
    report_args a;
    report_opts ro;
    loaded l;
    outfile of;
    baseline *base = NULL;
    compare_result cmp;
    char err[512];
    int rc, compared = 0;

    if ((rc = parse(argc, argv, prog, &a)) != 0)
        return rc;
    if (a.help) {
        cmd_report_usage(stdout, prog);
        return 0;
    }
    if (load_file(a.result, &l, err, sizeof err) != BENCH_OK)
        return cli_fail("report: %s", err);
    memset(&ro, 0, sizeof ro);
    if (a.baseline) {
        if (baseline_load(a.baseline, &base, err, sizeof err) != BENCH_OK) {
            load_free(&l);
            return cli_fail("report: %s", err);
        }
        if (compare_run(base, &l.r, a.threshold, &cmp) != BENCH_OK) {
            baseline_free(base);
            load_free(&l);
            return cli_fail("report: out of memory comparing with '%s'", a.baseline);
        }
        compared = 1;
        ro.compare = &cmp;
        ro.baseline = a.baseline;
        ro.threshold = a.threshold;
    }
    if (l.dropped)
        fprintf(stderr, "%s report: note: %zu sizes past the first %d of a case were left out\n",
                prog, l.dropped, BENCH_MAX_SIZES);
    /* Every output is checked before any is written, as bench checks -o
     * and --plot before measuring: a bad one fails alone, leaving none. */
    memset(&of, 0, sizeof of);
    rc = a.plot ? write_plot(a.plot, NULL, &ro) : 0;
    if (rc == 0 && a.output && outfile_open(&of, "--output", a.output, err, sizeof err) != 0)
        rc = cli_fail("report: %s", err);
    if (rc == 0)
        rc = write_main(&of, a.output, format_of(&a), &l.r, &ro);
    if (rc == 0 && a.plot)
        rc = write_plot(a.plot, &l.r, &ro);
    if (compared)
        compare_result_free(&cmp);
    baseline_free(base);
    load_free(&l);
    return rc;
}
