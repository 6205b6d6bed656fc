/*
 * internal.h - private interfaces between the layers of libbench:
 * cli -> run (registry, measure) -> stats/fit -> report.
 * Nothing here is installed.
 */
#ifndef BENCH_INTERNAL_H
#define BENCH_INTERNAL_H

#include <stdio.h>

#include "bench.h"

/* ---- results of a run (filled by run.c, read by the report_*.c) ---- */

/* One case at one size. */
typedef struct point_result {
    size_t n;
    int status;             /* BENCH_OK, or why this size failed */
    bench_measurement m;    /* valid when status == BENCH_OK */
    int has_ratio;          /* speedup vs the baseline is known */
    bench_stats ratio;      /* baseline time / this time, paired by round */
    char why[96];           /* why it failed, when status != BENCH_OK */
    double drift;           /* reference loop after / before - 1: a change
                               of CPU speed while this size was measured */
} point_result;

/* One case over all its sizes. */
typedef struct case_result {
    const bench_case *c;
    char group[64];         /* the name up to its '/' */
    long base;              /* index of the baseline in run_result.cases, -1 */
    size_t npoints;
    point_result pts[BENCH_MAX_SIZES];
    int has_fit;            /* >= 2 sizes measured */
    bench_fit_result fit;
    int failed;             /* any size failed */
    char why[160];          /* first failure, for the report */
} case_result;

/* The machine and the timer, for --verbose and the JSON context. */
typedef struct run_context {
    char date[40];          /* ISO 8601 local time with offset */
    char host[128];
    char executable[256];
    int num_cpus;
    double mhz_per_cpu;     /* 0 if unknown */
    int cpu_scaling_enabled;
    double load_avg[3];
    double clock_resolution_ns;
    double clock_read_ns;
    double overhead_ns;     /* per-call loop overhead subtracted */
    double fixed_ns;        /* per-sample fixed cost subtracted */
} run_context;

typedef struct run_result {
    run_context ctx;
    case_result *cases;
    size_t ncases;
    int incomplete;         /* interrupted before every case was measured */
} run_result;

void run_result_free(run_result *r);

/* Length of the group part of a case name: up to its '/', or all of it. */
size_t group_len(const char *name);

/* The point of cr at size n, or NULL. */
point_result *case_point(const case_result *cr, size_t n);

/* qsort order of doubles, ascending. */
int cmp_double(const void *a, const void *b);

/* ---- report writers: each writes a whole document to f ---- */

typedef struct report_opts {
    int verbose;
    int color;
} report_opts;

int report_table(FILE *f, const run_result *r, const report_opts *o);
int report_csv(FILE *f, const run_result *r);
int report_markdown(FILE *f, const run_result *r);
int report_json(FILE *f, const run_result *r);

/* Format ns with 3 significant digits and a unit (ns, us, ms, s), using "µs"
 * when utf8 is nonzero. Returns buf. */
char *fmt_time(char *buf, size_t size, double ns, int utf8);
/* "191.3x", "1.05x"; "?" when not finite. Returns buf. */
char *fmt_ratio(char *buf, size_t size, double r);
/* A double at full precision (round-trips), '.' as the decimal point. */
char *fmt_double(char *buf, size_t size, double x);

/* ---- running the selected cases (run.c) ---- */

typedef struct run_config {
    bench_options measure;  /* how each size of a group is measured */
    const size_t *sizes;    /* override of every case's sizes, or NULL */
    size_t nsizes;
    /* Called before each group, for a progress line; may be NULL. done and
     * total count cases times sizes. */
    void (*progress)(void *ctx, const char *group, size_t done, size_t total);
    void *progress_ctx;
    int isolate;            /* each group and size in a forked child */
    double timeout;         /* seconds per case and size when isolated */
    const volatile int *stop; /* set by SIGINT/SIGTERM: finish early */
} run_config;

/* Measure cases sel[0..nsel-1] (all from the registry), group by group,
 * every variant at every size of a group interleaved. Fills *out (free with
 * run_result_free). A case that fails at a size is recorded as failed there;
 * the return value is an error only when nothing could be recorded. */
int run_cases(const run_config *cfg, const bench_case *const *sel, size_t nsel,
              run_result *out);

/* ---- isolation (isolate.c) ---- */

typedef struct child_result {
    char *data;             /* what the child wrote (free it) */
    size_t len;
    int status;             /* BENCH_OK: the child exited 0; else ECRASH */
    char why[96];           /* how it ended: "crashed (SIGSEGV)", ... */
} child_result;

/* Shared between parent and child (MAP_SHARED): the child names the step
 * it is in, so the parent can time each step and blame a crash on it. */
typedef struct isolate_watch {
    int current;            /* the child's slot in its own code, or -1 */
    unsigned tick;          /* bumped at every step */
    unsigned scale;         /* the step may take scale * timeout */
    double since;           /* when it began: now_s() */
} isolate_watch;

/* CLOCK_MONOTONIC in seconds. */
double now_s(void);

/* Run fn(ctx, fd) in a forked child that writes its result to fd; collect
 * it until the child ends or a step outlasts its limit (then the child is
 * killed): timeout seconds, times watch->scale, from each change of
 * watch->tick (from the start when watch is NULL). When *stop becomes
 * nonzero the child is sent SIGTERM. */
int isolate_run(void (*fn)(void *ctx, int fd), void *ctx, double timeout,
                const volatile isolate_watch *watch, const volatile int *stop,
                child_result *out);
int write_all(int fd, const void *buf, size_t len);

/* ---- a group's slots, between run.c and run_child.c ---- */

/* A slot is one case at one size; a group's slots are measured together. */
typedef struct slot {
    size_t c;               /* index into run_result.cases */
    size_t n;
} slot;

/* The point of out that sl names; *cr is set to its case. */
point_result *slot_point(run_result *out, const slot *sl, case_result **cr);
/* Record that a point failed (why: NULL for bench_strerror(status)); the
 * case keeps its first failure. */
void mark_failed(case_result *cr, point_result *p, int status, const char *why);
/* Measure slots[0..k-1] interleaved, in this process; w->current names the
 * slot whose own code runs, -1 otherwise (run.c). */
void measure_slots(const run_config *cfg, run_result *out, const slot *slots, size_t k,
                   volatile isolate_watch *w);
/* The same, in forked children: a slot whose own code crashes, exits or
 * outlasts the timeout fails alone, the others are measured again
 * (run_child.c). */
void measure_slots_isolated(const run_config *cfg, run_result *out, const slot *slots,
                            size_t k, volatile isolate_watch *w);

/* Fill the machine description. */
void context_collect(run_context *ctx, const char *argv0);

/* ---- command line (cli_args.c) ---- */

typedef enum out_format { FMT_TABLE, FMT_JSON, FMT_CSV, FMT_MARKDOWN } out_format;

typedef struct cli_opts {
    int list, help, version, quiet, verbose, no_color;
    size_t sizes[BENCH_MAX_SIZES];
    size_t nsizes;
    uint64_t number;
    unsigned repeat;
    double min_time;        /* 0: default */
    double precision;       /* percent; 0: default */
    out_format format;
    int format_set;
    const char *output;
    const char *compare;
    double threshold;       /* percent */
    double timeout;         /* seconds per case and size; 0: default */
    int no_isolate;
    char **patterns;        /* owned array of pointers into argv */
    size_t npatterns;
} cli_opts;

/* Parse argv into *o. Returns 0, or 2 with a one-line message (without the
 * "bench: error: " prefix) in err. Call cli_opts_free after either. */
int cli_parse(int argc, char **argv, cli_opts *o, char *err, size_t errsz);
void cli_opts_free(cli_opts *o);

/* Parse "1000,1e4,10k,1M" into sizes; returns 0 or 2 with a message. */
int parse_sizes(const char *s, size_t *sizes, size_t cap, size_t *n,
                char *err, size_t errsz);

/* ---- a strict JSON reader (json.c) ---- */

typedef enum json_type {
    JSON_NULL, JSON_BOOL, JSON_NUMBER, JSON_STRING, JSON_ARRAY, JSON_OBJECT
} json_type;

typedef struct json_value json_value;
typedef struct json_member json_member;
struct json_value {
    json_type type;
    union {
        int b;
        double num;
        struct { char *s; size_t len; } str;
        struct { json_value *items; size_t n; } arr;
        struct { json_member *members; size_t n; } obj;
    } u;
};
struct json_member {
    char *key;
    json_value value;
};

/* Parse text[0..len-1] as one JSON value into *out (free with json_free).
 * Returns BENCH_OK, or BENCH_EPARSE with "line L, column C: what" in err
 * and nothing to free. Nesting is limited to 64 levels. */
int json_parse(const char *text, size_t len, json_value *out, char *err, size_t errsz);
void json_free(json_value *v);
/* The value of key in an object (the first, if repeated), or NULL. */
const json_value *json_get(const json_value *obj, const char *key);

/* ---- regression check against a saved result (compare.c) ---- */

typedef enum verdict {
    V_UNCHANGED, V_IMPROVED, V_REGRESSED, V_NEW, V_MISSING
} verdict;

typedef struct compare_row {
    char *name;            /* "group/case/N" */
    double old_median, new_median;
    double change;         /* new/old - 1 */
    double change_lo, change_hi; /* 95% interval of the change */
    double p_value;        /* Mann-Whitney U, two-sided */
    verdict v;
} compare_row;

typedef struct compare_result {
    compare_row *rows;
    size_t nrows;
    size_t counts[5];      /* by verdict */
} compare_result;

typedef struct baseline baseline;

/* Read a result saved by --format json (or Google Benchmark's JSON): the
 * per-sample times of its iteration entries, by name. Returns BENCH_OK, or
 * BENCH_EIO/EPARSE/ENOMEM with a one-line message in err naming the file
 * and the line, column or entry at fault. */
int baseline_load(const char *path, baseline **out, char *err, size_t errsz);
/* The same from text in memory; label names it in messages. */
int baseline_parse(const char *label, const char *text, size_t len, baseline **out,
                   char *err, size_t errsz);
void baseline_free(baseline *b);

/* Compare r with the baseline, case by case and size by size; threshold
 * in percent. A row is REGRESSED when the Hodges-Lehmann change exceeds the
 * threshold and the Mann-Whitney p-value is below 0.05. */
int compare_run(baseline *b, const run_result *r, double threshold, compare_result *out);
void compare_result_free(compare_result *c);
int report_compare(FILE *f, const compare_result *c, const char *path, double threshold);

/* ---- the timed loop (loop.c) ---- */

/* for (i = 0; i < n; i++) fn(arg); in BENCH_LOOPS separate copies. */
#define BENCH_LOOPS 64
typedef void (*timed_loop)(bench_fn fn, void *arg, uint64_t n);

/* The copy that times fn: the same copy for the same function, for the
 * life of the process, and one no other function uses (until
 * BENCH_LOOPS functions have been timed). */
timed_loop timed_loop_for(bench_fn fn);
/* Copy i (0 <= i < BENCH_LOOPS), else NULL; for tests. */
timed_loop timed_loop_at(size_t i);

/* ---- clocks ---- */

/* Time of a fixed, dependent chain of integer operations (the fastest of a
 * few runs), in ns: run before and after a measurement, a difference means
 * the CPU's speed changed under it (frequency scaling, throttling). */
double reference_ns(const bench_clock *clock);
uint64_t clock_wall_ns(void *ctx);
uint64_t clock_cpu_ns(void *ctx);
extern const bench_clock bench_real_clock;

#endif /* BENCH_INTERNAL_H */
