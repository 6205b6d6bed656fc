/*
 * measure.h - what the measuring code offers the runner beyond the public
 * bench_measure* functions.
 */
#ifndef BENCH_MEASURE_H
#define BENCH_MEASURE_H

#include "bench.h"

/* Time of a fixed, dependent chain of integer operations (the fastest of a
 * few runs), in ns: run before and after a measurement, a difference means
 * the CPU's speed changed under it (frequency scaling, throttling). 0 when
 * the clock failed. */
double measure_reference_ns(const bench_clock *clock);

/* How long a sample is auto-ranged to last, in seconds: o->sample_time,
 * or when that is 0, min(10 ms, max(1 ms, o->min_time / 20)). */
double measure_sample_time(const bench_options *o);

/* bench_measure_many, telling who runs: before any call of fns[i] (the
 * auto-ranging warm-up and every sample) *at is set to ids[i] (to i when
 * ids is NULL), and to -1 after it and whenever no fns[i] runs (the
 * loop's own empty function, the statistics). A crash or a hang can then
 * be blamed on the function that was running. at may be NULL; the
 * measurement is bench_measure_many's in every other respect, except
 * that hints, when not NULL, give a call count per sample for each fns[i]
 * (0: none) found by an earlier process for the same function: its warm-up
 * is then one sample at that count, kept when it lasts at least half the
 * sample time, instead of the auto-range (which is the fallback). */
int measure_many_watched(const bench_options *o, size_t k, const bench_fn *fns, void *const *args,
                         bench_measurement *out, volatile int *at, const int *ids,
                         const uint64_t *hints);

#endif
