/*
 * report.h - the output formats: one table of {name, file extension,
 * writer}. A writer renders a whole results model (result.h) to a stream
 * and reads nothing else. Adding a format is a row in report.c, its writer
 * in a report_<name>.c, and the writer's line below.
 */
#ifndef BENCH_REPORT_H
#define BENCH_REPORT_H

#include <stdio.h>

#include "result.h"

typedef struct report_opts {
    int verbose; /* the table's per-size details */
    int color;   /* ANSI bold headers */
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

#endif
