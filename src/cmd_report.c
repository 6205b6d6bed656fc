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
#include "cli_args.h"
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
            "usage: %s report RESULT.json [BASELINE.json] [-o FILE] [--format html|svg] "
            "[--plot FILE.svg] [--threshold PCT]\n"
            "  RESULT.json        a result saved by bench --format json, or Google Benchmark's "
            "JSON\n"
            "  BASELINE.json      compare with it: old and new median of each case and size, "
            "with verdicts\n"
            "                     (both timed: a result of --instructions has no times)\n"
            "  -o, --output FILE  write the report to FILE (atomically); default: standard "
            "output\n"
            "      --format FMT   html (the page) or svg (the growth plots alone), whatever -o's "
            "name;\n"
            "                     default: by -o's extension, .svg svg, .html, .htm or none "
            "html\n"
            "                     (another, like .json, is refused)\n"
            "      --plot FILE    also write the growth plots alone to FILE, as SVG\n"
            "      --threshold PCT slowdown that counts as a regression, in [0, 1000] "
            "(default 5)\n"
            "  -h, --help\n"
            "One HTML file: inline SVG and CSS, no script, nothing fetched (docs/report.md).\n",
            prog);
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

/* The extension of path's last component, from its last '.'; NULL when
 * it has none (a name starting with its only '.' is a hidden file's). */
static const char *extension(const char *path)
{
    const char *slash = strrchr(path, '/'), *base = slash ? slash + 1 : path;
    const char *dot = strrchr(base, '.');
    return dot && dot != base ? dot : NULL;
}

/* The format of the main output: --format, whatever -o's name, else -o's
 * extension (.svg: the plots; .html, .htm or none: the page). NULL: an
 * extension of another format (.json, .csv, .md, .txt ...), which report
 * does not write. */
static report_writer format_of(const report_args *a)
{
    const char *ext = a->output ? extension(a->output) : NULL;
    if (a->format)
        return a->format;
    if (!ext || strcmp(ext, ".html") == 0 || strcmp(ext, ".htm") == 0)
        return report_html;
    return strcmp(ext, ".svg") == 0 ? report_plot_svg : NULL;
}

/* Returns 0, or 2 after saying what was wrong. */
static int parse(int argc, char **argv, const char *prog, report_args *a)
{
    cli_walk w;
    cli_walk_word word;
    char err[512];

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
        else if (strcmp(opt, "--plot") == 0 && strcmp(v, "-") == 0)
            return cli_fail("report: --plot: '%s' is not a file name (expected a path like "
                            "growth.svg)",
                            v);
        else if (strcmp(opt, "--plot") == 0)
            a->plot = v;
        else if (strcmp(opt, "--format") == 0 && parse_format(v, &a->format) != 0)
            return cli_fail("report: --format: '%s' is not a format of bench report (expected "
                            "html or svg)",
                            v);
        else if (strcmp(opt, "--threshold") == 0 &&
                 cli_parse_percent("--threshold", v, 0, 1000, "5 or 2.5%", &a->threshold, err,
                                   sizeof err) != 0)
            return cli_fail("report: %s", err);
    }
    if (!a->result)
        return cli_fail("report: no result to render (expected bench report RESULT.json "
                        "[BASELINE.json] -o report.html)");
    if (!format_of(a))
        return cli_fail("report: --output: '%s' has an extension bench report does not write "
                        "(expected a name ending in .html, .htm or .svg, or --format html or "
                        "svg)",
                        a->output);
    return 0;
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
 * one temporary file at a time exists (as bench checks --plot), and say in
 * *to_stdout whether FILE is standard output (/dev/stdout, or the file it
 * was redirected to). */
static int write_plot(const char *path, const results *r, const report_opts *o, int *to_stdout)
{
    outfile pf;
    char err[512];

    if (outfile_open(&pf, "--plot", path, err, sizeof err) != 0)
        return cli_fail("report: %s", err);
    if (!r) {
        *to_stdout = pf.how == OUTFILE_STDOUT;
        outfile_abort(&pf);
        return 0;
    }
    if (outfile_commit(&pf, report_plot_svg(pf.f, r, o), err, sizeof err) != 0)
        return cli_fail("report: %s", err);
    return 0;
}

/* Every output is checked before any is written, as bench checks -o and
 * --plot before measuring: a bad one fails alone, leaving none. Then the
 * main output is written, then the plots. */
static int write_outputs(const report_args *a, const results *r, const report_opts *ro)
{
    outfile of;
    char err[512];
    int rc, plot_stdout = 0;

    memset(&of, 0, sizeof of);
    rc = a->plot ? write_plot(a->plot, NULL, ro, &plot_stdout) : 0;
    if (rc == 0 && a->output && outfile_open(&of, "--output", a->output, err, sizeof err) != 0)
        rc = cli_fail("report: %s", err);
    /* Two documents one after the other are neither HTML nor SVG. */
    if (rc == 0 && plot_stdout && (!a->output || of.how == OUTFILE_STDOUT)) {
        outfile_abort(&of);
        return cli_fail("report: --plot: '%s' is standard output, where the report goes too "
                        "(expected a path like growth.svg, or -o FILE for the report)",
                        a->plot);
    }
    if (rc == 0)
        rc = write_main(&of, a->output, format_of(a), r, ro);
    if (rc == 0 && a->plot)
        rc = write_plot(a->plot, r, ro, &plot_stdout);
    return rc;
}

int cmd_report_main(int argc, char **argv, const char *prog)
{
    report_args a;
    report_opts ro;
    loaded l;
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
        /* A counted result is refused by load_file: the result has times,
         * and counts do not compare with times (as with bench --compare). */
        if (baseline_counted(base)) {
            baseline_free(base);
            load_free(&l);
            return cli_fail("report: '%s' holds instruction counts, and '%s' holds times "
                            "(expected a timed baseline, saved by bench --format json without "
                            "--instructions)",
                            a.baseline, a.result);
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
    rc = write_outputs(&a, &l.r, &ro);
    if (compared)
        compare_result_free(&cmp);
    baseline_free(base);
    load_free(&l);
    return rc;
}
