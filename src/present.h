/*
 * present.h - the rules every renderer shares: how an interval is shown,
 * what a status says, a case's short name, the sizes of a group, and the
 * notes a reader should see before trusting the numbers. The table,
 * markdown, JSON and CSV writers take these from here, so they never
 * disagree on what a figure means.
 */
#ifndef BENCH_PRESENT_H
#define BENCH_PRESENT_H

#include <stddef.h>

#include "result.h"

/* When a note is written under a group (and into markdown and JSON). */
#define PRESENT_DRIFT_NOTE     0.05 /* the reference loop moved by more than 5% */
#define PRESENT_WIDE_NOTE      0.10 /* an interval wider than +-10% of its median */
#define PRESENT_FIT_NOTE       0.15 /* the best class is off by more than 15% rms */
#define PRESENT_FIT_NOTE_SIZES 3    /* ... over at least this many sizes */
#define PRESENT_LOOP_NOTE      2.0  /* a figure under twice the loop's own cost */
#define PRESENT_LOAD_NOTE      0.5  /* a load average above half the CPUs */
#define PRESENT_SPREAD_NOTE \
    0.03 /* worker processes more than 3% apart,
                                       beyond their own intervals */
/* With fewer samples than this the 95% interval of the median is only
 * [min, max], which covers less than 95% (stats.c): its "±" is marked. */
#define PRESENT_FEW_SAMPLES 6
#define PRESENT_FEW_MARK    "*"
/* After a counted figure (--instructions) that is a mean over counted
 * calls that did not all run the same instructions. */
#define PRESENT_INEXACT_MARK "~"

/* The longer side of the 95% interval of the median: intervals from order
 * statistics are not symmetric, so +- that side is the honest summary. */
double present_half_width(const bench_stats *s);

/* "±0.4%" (from 1 ns up, below +-1000%), else "±0.17 ns"; "±?" with
 * fewer than two samples, which have no spread to show; followed by
 * PRESENT_FEW_MARK ("±3.1%*") with fewer than PRESENT_FEW_SAMPLES, whose
 * interval is [min, max] and not a 95% one (a group note says so).
 * Returns buf. */
char *present_ci(char *buf, size_t size, const bench_stats *s);

/* The exponent and its interval, "2.00 ±0.03" (no class). Returns buf. */
char *present_exponent(char *buf, size_t size, const bench_fit_result *fit);

/* The part of "group/case" after its '/', or all of it. */
const char *present_short_name(const char *name);

/* What a point's status says. */
typedef enum present_status {
    PRESENT_OK,          /* measured */
    PRESENT_FAILED,      /* crashed, timed out, setup or check failed */
    PRESENT_INTERRUPTED, /* a signal stopped the run before it */
    PRESENT_NOT_MEASURED /* never reached */
} present_status;

present_status present_status_of(const result_point *p);
/* Why a point has no figure: its own message, else the status's. */
const char *present_why(const result_point *p);

/* The distinct sizes of a group's cases, ascending, into sizes[0..cap-1];
 * returns how many. */
size_t present_group_sizes(const results *r, const result_group *g, size_t *sizes, size_t cap);

/* Throughput of an OK point that declares it, else "": "812 MB/s",
 * "1.23M items/s", or both joined by ", " (bytes first). Per second of
 * the median per-call time. */
char *present_throughput(char *buf, size_t size, const result_point *p);
/* items or bytes per second at a median of ns per call (0 when either is
 * not positive). */
double present_rate(double per_call, double ns);

/* How --latency timed a point's calls: "45.8k calls, timed one by one"
 * or "7.71M calls, timed 32 at a time (241k timings, ...): the smallest
 * batch whose clock readings, 32.2 ns, cost at most 5% of it". */
char *present_latency_how(char *buf, size_t size, const result_latency *lat);
/* The latency histogram in at most cap rows of whole powers of two (two,
 * four, ... of them per row when more would be needed), from the one
 * holding the smallest time to the one holding the largest. */
typedef struct present_bin {
    double lo, hi; /* [lo, hi) ns */
    uint64_t count;
} present_bin;
size_t present_latency_bins(const result_latency *lat, present_bin *out, size_t cap);
/* Fewer timings than this make p99.9 the largest of them: a note says so. */
#define PRESENT_FEW_TIMINGS 1000

/* A note, one line of text without a "note: " prefix; group is NULL for a
 * note on the whole run. */
typedef struct present_note {
    const char *group;
    char text[512];
} present_note;

/* The most notes on the whole run. */
#define PRESENT_RUN_NOTES 2

/* The notes on the whole run (a busy machine, counters refused), then on
 * group g, into
 * out[0..cap-1]; returns how many (at most cap). */
size_t present_run_notes(const results *r, present_note *out, size_t cap);
size_t present_group_notes(const results *r, size_t g, present_note *out, size_t cap);

#endif
