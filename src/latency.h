/*
 * latency.h - --latency: a function's calls timed one by one (or in the
 * smallest batch the clock allows), into a log-bucketed histogram, for
 * percentiles of the per-call time rather than the median of sample
 * means.
 */
#ifndef BENCH_LATENCY_H
#define BENCH_LATENCY_H

#include "result.h"

/* The clock's two readings may cost at most this share of a batch. */
#define LATENCY_CLOCK_SHARE 0.05
/* The largest batch; a call too short for it is timed in batches this
 * long anyway (and the clock's share is then above 5%). */
#define LATENCY_MAX_BATCH 65536

/* The smallest power of two b <= LATENCY_MAX_BATCH with clock_ns <=
 * LATENCY_CLOCK_SHARE * b * per_call_ns: 1 (one by one) when a call
 * takes 20 clock costs or more. clock_ns is the cost of the pair of
 * readings around a timing, per_call_ns an estimate of one call; a
 * per-call time that is not positive gives LATENCY_MAX_BATCH. */
uint64_t latency_batch(double clock_ns, double per_call_ns);

typedef struct latency_config {
    const bench_clock *clock; /* NULL: CLOCK_MONOTONIC (the CPU clock is
                                 never read) */
    double budget_s;          /* time the batches until this much is spent */
    uint64_t max_calls;       /* or until this many calls; 0: no limit */
    const volatile int *stop; /* or until *stop is set; may be NULL */
} latency_config;

/* Time fn(arg) in batches of `batch` calls (at least one batch) until the
 * budget, max_calls or stop ends it, adding each batch's time / batch to a
 * new histogram in *out (out->calls, out->batch, out->clock_ns = clock_ns
 * and the percentiles filled). Returns BENCH_OK, BENCH_EINVAL (batch 0),
 * BENCH_ECLOCK or BENCH_ENOMEM; on failure *out holds nothing to free. */
int latency_measure(const latency_config *cfg, bench_fn fn, void *arg, uint64_t batch,
                    double clock_ns, result_latency *out);

/* The waits a case measures itself (bench_case.waits) on its state, into
 * a new summary in *out (calls: how many, batch 1). BENCH_OK, BENCH_ENOMEM,
 * or BENCH_ENOENT when it measured none (*out then holds nothing). */
#define LATENCY_MAX_WAITS 65536
int latency_waits(size_t (*waits)(void *, double *, size_t), void *state, result_latency *out);

#endif
