/*
 * report.h - the output formats: one table of {name, file extension,
 * writer}. A writer renders a whole results model (result.h) to a stream
 * and reads nothing else. Adding a format is a row in report.c, its writer
 * in a report_<name>.c, and the writer's line below.
 */
#ifndef BENCH_REPORT_H
#define BENCH_REPORT_H

#include <stdio.h>

#include "compare.h"
#include "result.h"

typedef struct report_opts {
    int verbose; /* the table's per-size details */
    int color;   /* ANSI bold headers */
    /* With --compare: the verdicts, which every format carries (the table
     * and markdown as a section, JSON as "comparison", CSV as columns);
     * NULL without. */
    const compare_result *compare;
    const char *baseline; /* the baseline's path, for the heading */
    double threshold;     /* percent */
    int width;            /* the terminal's columns: the table fits them; 0: no limit */
} report_opts;

/* Write r to f; BENCH_OK, or BENCH_EIO when the stream failed. */
typedef int (*report_writer)(FILE *f, const results *r, const report_opts *o);

typedef struct report_format {
    const char *name;  /* --format NAME */
    const char *alias; /* another accepted name, or NULL */
    const char *ext;   /* -o FILE with this extension picks it, or NULL */
    report_writer write;
} report_format;

/* The format of that name or alias, or NULL. */
const report_format *report_format_named(const char *name);
/* The format a file name's extension picks, or NULL. */
const report_format *report_format_for_path(const char *path);
/* The first (default) format: the table. */
const report_format *report_format_default(void);
/* "table, json, csv or markdown" / ".json/.csv/.md", for messages and the
 * usage text. Returns buf. */
char *report_format_names(char *buf, size_t size);
char *report_format_exts(char *buf, size_t size);

int report_table(FILE *f, const results *r, const report_opts *o);
int report_json(FILE *f, const results *r, const report_opts *o);
int report_csv(FILE *f, const results *r, const report_opts *o);
int report_markdown(FILE *f, const results *r, const report_opts *o);
/* Like Python's timeit: "20000 loops, median 26.0 µs ±0.3% per loop" per
 * case and size, then the speedups (report_timeit.c). */
int report_timeit(FILE *f, const results *r, const report_opts *o);
int report_html(FILE *f, const results *r, const report_opts *o);
/* The growth plot of every group alone, as one SVG document (--plot). */
int report_plot_svg(FILE *f, const results *r, const report_opts *o);

/* The table in three parts, so that each group's block can be printed as
 * soon as it is measured: report_table is begin, every group, end. */
/* -v's header: the timer, the start-up overhead, the machine. */
void report_verbose_header(FILE *f, const result_context *c);
void report_table_begin(FILE *f, const results *r, const report_opts *o);
void report_table_group(FILE *f, const results *r, size_t g, const report_opts *o);
int report_table_end(FILE *f, const results *r, const report_opts *o);

/* The comparison as a table (after the run's table), and a verdict's
 * name: "unchanged", "improved", "REGRESSED", "new", "missing". */
int report_compare(FILE *f, const compare_result *c, const char *path, double threshold);
const char *report_verdict_name(verdict v);

#endif
