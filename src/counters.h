/*
 * counters.h - --counters: the per-call counts of the kernel's performance
 * counters (perf_event_open), read beside the timing: instructions, cycles
 * and branch misses where the kernel gives hardware counters to an
 * unprivileged process, and always the software ones (task-clock, page
 * faults, context switches).
 */
#ifndef BENCH_COUNTERS_H
#define BENCH_COUNTERS_H

#include "result.h"

/* Which counters open here (bit 1u << e), and in *hw_errno why the
 * hardware ones do not (0 when they do). */
unsigned counters_available(int *hw_errno);

/* For every measured point of group g: in a child process of its own, the
 * case set up at that size, run once to warm it, then run as many times
 * as one of its timed samples (at least once) with the counters on; their
 * counts per call go into the point (p->perf, p->perf_calls). A child that
 * fails, crashes or outlives timeout seconds leaves its point without
 * counters; its time stands. */
void counters_group(results *r, size_t g, double timeout);

#endif
