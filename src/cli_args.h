/*
 * cli_args.h - the command line of `bench` (and of every program that
 * calls bench_main): its options, parsed into a cli_opts, and --help.
 */
#ifndef BENCH_CLI_ARGS_H
#define BENCH_CLI_ARGS_H

#include <stdio.h>

#include "report.h"

/* --threshold's default with --instructions, in percent: counts do not
 * move by themselves, so a small increase is already a change. */
#define CLI_COUNT_THRESHOLD 1.0

typedef struct cli_opts {
    const char *prog; /* argv[0]'s base name, "bench" without one */
    int list, help, version, quiet, verbose, no_color;
    size_t sizes[BENCH_MAX_SIZES];
    size_t nsizes;
    uint64_t number;
    unsigned repeat;
    double min_time;             /* 0: default */
    double precision;            /* percent; 0: default */
    const report_format *format; /* NULL: from -o's extension, else table */
    const char *output;
    const char *plot; /* --plot FILE.svg: the growth plots alone */
    const char *compare;
    double threshold;  /* percent */
    int threshold_set; /* --threshold given (the default depends on the mode) */
    int instructions;  /* --instructions: count under Callgrind, not time */
    int cache_sim;     /* --cache-sim: and the cache and branch misses */
    int counters;      /* --counters: perf_event_open counters per call */
    double timeout;    /* seconds per case and size; 0: default */
    int no_isolate;
    unsigned processes; /* --processes; 0: default */
    int latency;        /* --latency: percentiles of calls timed one by one */
    char **patterns;    /* owned array of pointers into argv */
    size_t npatterns;
    char **excludes; /* each --exclude PAT; owned likewise */
    size_t nexcludes;
} cli_opts;

/* Parse argv into *o. Returns 0, or 2 with a one-line message (without the
 * "bench: error: " prefix) in err. Call cli_opts_free after either. */
int cli_parse(int argc, char **argv, cli_opts *o, char *err, size_t errsz);
void cli_opts_free(cli_opts *o);
/* Parse "1000,1e4,10k,1M" into sizes[0..cap-1], ascending, duplicates
 * dropped; returns 0, or 2 with a message. */
int cli_parse_sizes(const char *s, size_t *sizes, size_t cap, size_t *n, char *err, size_t errsz);
/* A duration for option opt (every command's --min-time and --timeout):
 * seconds in (0, 3600], bare or with a unit, "0.5", "2s", "300ms".
 * Returns 0, or 2 with a message. */
int cli_parse_seconds(const char *opt, const char *v, double *out, char *err, size_t errsz);
/* A percentage for option opt (--precision, every command's --threshold):
 * a number in [lo, hi] with or without its '%' ("5", "2.5%"; "-0" is 0).
 * Returns 0, or 2 with a message naming the range and example. */
int cli_parse_percent(const char *opt, const char *v, double lo, double hi, const char *example,
                      double *out, char *err, size_t errsz);
/* The --help text of program prog. */
void cli_usage(FILE *f, const char *prog);
/* The base name of argv0, or "bench" when it is NULL or empty. */
const char *cli_prog_name(const char *argv0);

#endif
