/*
 * result.h - the results model: what one run measured, group by group,
 * case by case, size by size, and the machine it ran on.
 *
 * The runner (run.c, group.c) builds and fills it; the renderers
 * (report_*.c) read it and nothing else: they never call the registry or
 * the runner, so a model built by hand (as the tests do) renders exactly
 * as a measured one.
 */
#ifndef BENCH_RESULT_H
#define BENCH_RESULT_H

#include "bench.h"
#include "hist.h"

/* The most worker processes one point's samples can come from
 * (--processes). */
#define RESULT_MAX_WORKERS 32

/* --latency at one point: calls timed one by one, or in batches of
 * `batch` calls when one call is too short for the clock (the smallest
 * batch whose two clock readings cost at most 5% of it), and the
 * percentiles of the per-call times (a batch's time / batch), read from
 * the histogram h (each within 1/HIST_SUB below the true value; max
 * exact). */
typedef struct result_latency {
    uint64_t calls;     /* calls timed */
    uint64_t batch;     /* calls per pair of clock readings (1: one by one);
                           the largest when worker processes chose apart */
    uint64_t batch_min; /* the smallest they chose (= batch from one) */
    double clock_ns;    /* the cost of a pair of readings that decided batch */
    double p50, p90, p99, p999, max, min, mean;
    hist h; /* the timings: h.count = calls / batch */
} result_latency;

/* What --instructions counts, per call of run, under Callgrind. */
typedef enum result_event {
    RESULT_IR,   /* instructions executed */
    RESULT_I1MR, /* L1 instruction-fetch misses (--cache-sim) */
    RESULT_D1MR, /* L1 data read misses */
    RESULT_D1MW, /* L1 data write misses */
    RESULT_ILMR, /* last-level instruction-fetch misses */
    RESULT_DLMR, /* last-level data read misses */
    RESULT_DLMW, /* last-level data write misses */
    RESULT_BCM,  /* mispredicted conditional branches */
    RESULT_BIM,  /* mispredicted indirect branches */
    RESULT_NEVENTS
} result_event;

/* The counts of one case at one size (--instructions). */
typedef struct result_counts {
    unsigned calls;                  /* counted calls of run */
    double per_call[RESULT_NEVENTS]; /* mean over the counted calls; the
                                        instructions are those beyond an
                                        empty function's call */
    double ir_min, ir_max;           /* the fewest and the most instructions
                                        of one counted call: they differ
                                        when the work is not deterministic */
} result_counts;

/* What --counters reads with perf_event_open, per call of run: the
 * hardware counters where the kernel allows them, the software ones. */
typedef enum result_perf {
    RESULT_HW_INSTRUCTIONS, /* instructions retired (user space) */
    RESULT_HW_CYCLES,       /* CPU cycles (user space) */
    RESULT_HW_BRANCH_MISSES,
    RESULT_TASK_CLOCK, /* ns on the CPU */
    RESULT_PAGE_FAULTS,
    RESULT_CONTEXT_SWITCHES,
    RESULT_NPERF
} result_perf;
#define RESULT_PERF_HW \
    ((1u << RESULT_HW_INSTRUCTIONS) | (1u << RESULT_HW_CYCLES) | (1u << RESULT_HW_BRANCH_MISSES))

/* One case at one size. */
typedef struct result_point {
    size_t n;
    int status;          /* BENCH_OK; BENCH_ENOENT not measured (yet);
                            BENCH_EINTR stopped by a signal; else failed */
    bench_measurement m; /* valid when status == BENCH_OK */
    int has_ratio;       /* the speedup over the baseline is known */
    bench_stats ratio;   /* baseline time / this time, paired by round */
    char why[96];        /* why it failed, when status != BENCH_OK */
    double drift;        /* reference loop after / before - 1: a change
                            of CPU speed while this size was measured (the
                            largest in size over the workers) */
    /* The samples of m come from nworkers processes, worker by worker:
     * worker w's are m.samples[wend[w-1] .. wend[w]-1] (from 0 for w = 0),
     * taken with wnumber[w] calls each. 0 workers (a model built by hand)
     * reads as one worker of every sample at m.number calls. */
    unsigned nworkers;
    size_t wend[RESULT_MAX_WORKERS];
    uint64_t wnumber[RESULT_MAX_WORKERS];
    int rounds_shared; /* every size of its case was sampled in the same
                          rounds as this one, in every worker (slots.c):
                          sample i of each size is of the same moment */
    double spread; /* the workers disagree beyond their own intervals:
                      max/min - 1 of their medians (pool_spread), else 0 */
    /* Throughput: items and bytes one call processes at this size, as the
     * case declares them (0: not declared); rates are these over the
     * median time. */
    double items, bytes;
    result_latency *lat;  /* --latency: owned by the model (result_free);
                             NULL when not measured */
    result_latency *wait; /* --latency, for a case that measures how long
                             its items wait (bench_case.waits): those
                             times (calls: how many, batch 1); owned */
    /* In a counted run (results.counted), instead of m: valid when status
     * == BENCH_OK. */
    result_counts counts;
    /* --counters: bit 1u << e of perf_read when perf[e] was read; per call,
     * over perf_calls calls. */
    unsigned perf_read;
    double perf[RESULT_NPERF];
    uint64_t perf_calls;
} result_point;

/* One case over all its sizes, ascending. */
typedef struct result_case {
    const char *name;      /* "group/case"; strings outlive the model */
    const char *desc;      /* may be NULL */
    const bench_case *def; /* what the runner calls; renderers never do */
    size_t group;          /* index into results.groups */
    long base;             /* index of its baseline in results.cases, -1 */
    size_t npoints;
    result_point pts[BENCH_MAX_SIZES];
    int has_fit;   /* two or more sizes measured */
    int fit_floor; /* every time at the noise floor (median <= 0 or its
                      interval reaching 0): O(1) "below resolution",
                      not fitted */
    bench_fit_result fit;
    int failed;    /* some size failed */
    char why[160]; /* the first failure, "N=...: why" */
} result_case;

/* A group: the cases first..end-1, which are measured side by side. */
typedef struct result_group {
    char *name;       /* owned */
    const char *desc; /* may be NULL */
    size_t first, end;
} result_group;

/* The machine and the timer. */
typedef struct result_context {
    char date[40]; /* ISO 8601 local time with offset */
    char host[128];
    char executable[256];
    int num_cpus;
    double mhz_per_cpu; /* 0 if unknown */
    int cpu_scaling_enabled;
    double load_avg[3];
    double clock_resolution_ns;
    double clock_read_ns;
    double overhead_ns; /* per-call loop overhead at start-up */
    double fixed_ns;    /* per-sample fixed cost subtracted */
} result_context;

typedef struct results {
    result_context ctx;
    result_group *groups;
    size_t ngroups;
    result_case *cases; /* grouped: a group's cases are contiguous */
    size_t ncases;
    int incomplete; /* interrupted before every case was measured */
    /* The patterns (and exclusions) that chose only some of the registered
     * cases, borrowed, for --compare to tell a baseline case they name but
     * the run lacks (missing) from one they do not name (not asked for);
     * NULL: every case was asked for. */
    const struct select_filter *asked;
    /* 0: a timed run. Else a counted run (--instructions): each point has
     * counts, not times, and this is the set of the events counted, bit
     * 1u << e for event e (RESULT_IR always). */
    unsigned counted;
    int perf_asked;    /* --counters: each point's perf counters were read */
    int perf_hw_errno; /* why the hardware counters could not be opened (an
                          errno), 0 when they could */
} results;

/* Build the model of a run of sel[0..nsel-1]: the cases of a group
 * together, in the order of their first appearance, each with a point per
 * size (sizes[0..nsizes-1] when nsizes > 0, else the case's own), every
 * point BENCH_ENOENT until measured. Group descriptions come from the
 * registry. Returns BENCH_OK or BENCH_ENOMEM (nothing to free). */
int result_build(results *r, const bench_case *const *sel, size_t nsel, const size_t *sizes,
                 size_t nsizes);
/* Free what the model owns and zero it. NULL is a no-op. */
void result_free(results *r);

/* Fill lat's percentiles, min, max and mean from lat->h. */
void result_latency_summarize(result_latency *lat);
/* Free a latency summary and its histogram. NULL is a no-op. */
void result_latency_free(result_latency *lat);

/* The point of c at size n, or NULL. */
result_point *result_point_at(const result_case *c, size_t n);
/* Record that point p of c failed with status (why: NULL for
 * bench_strerror(status)); the case keeps its first failure. */
void result_fail(result_case *c, result_point *p, int status, const char *why);
/* The name of c's baseline, or NULL. */
const char *result_baseline_name(const results *r, const result_case *c);
/* Is case i the baseline of another case? */
int result_is_baseline(const results *r, size_t i);

/* The name of event e in JSON and CSV ("instructions", "l1d_read_misses",
 * ...), and in the table ("L1d read misses"); NULL out of range. */
const char *result_event_key(result_event e);
const char *result_event_label(result_event e);
/* The name of perf counter e in JSON and CSV ("hw_instructions",
 * "task_clock_ns", ...) and in the table ("instructions", "task-clock");
 * NULL out of range. */
const char *result_perf_key(result_perf e);
const char *result_perf_label(result_perf e);
/* Did every counted call of p execute the same instructions? */
int result_counts_exact(const result_point *p);

/* Fill the machine description (context.c). */
void context_collect(result_context *ctx, const char *argv0);

#endif
