/*
 * run.h - the selected cases measured, group by group: the orchestration
 * above group.h. Prints nothing; the CLI reports what it returns.
 */
#ifndef BENCH_RUN_H
#define BENCH_RUN_H

#include "slots.h"

/* Where a run is, for a progress line. done and total count cases times
 * sizes; n is the size whose rounds are being sampled (0 between them),
 * worker the group's worker process at work, of workers (0: in-process). */
typedef struct run_progress {
    const char *group;
    size_t done, total;
    size_t n;
    unsigned worker, workers;
} run_progress;

typedef struct run_config {
    slot_config slots;   /* how each group is measured */
    const size_t *sizes; /* override of every case's sizes, or NULL */
    size_t nsizes;
    /* Called before each group and, when progress_period > 0, about every
     * progress_period seconds while it is measured; may be NULL. */
    void (*progress)(void *ctx, const run_progress *at);
    double progress_period;
    /* Called after each group with the model so far, so its results can be
     * shown at once; may be NULL. */
    void (*group_done)(void *ctx, const results *r, size_t g);
    /* Called after each group is measured, before group_done, to add to
     * its points (--counters); may be NULL. */
    void (*after_group)(void *ctx, results *r, size_t g);
    void *progress_ctx;
} run_config;

/* Measure cases sel[0..nsel-1] into *out (a fresh model: result_build,
 * with ctx as its context), group by group, every variant at every size of
 * a group interleaved. A case that fails at a size is recorded as failed
 * there; the return value is an error (BENCH_ENOMEM) only when nothing
 * could be recorded, and then there is nothing to free. */
int run_cases(const run_config *cfg, const bench_case *const *sel, size_t nsel,
              const result_context *ctx, results *out);

#endif
