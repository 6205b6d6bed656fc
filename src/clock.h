/*
 * clock.h - the real clocks behind bench_clock, for the library's own use.
 */
#ifndef BENCH_CLOCK_H
#define BENCH_CLOCK_H

#include "bench.h"

/* CLOCK_MONOTONIC and CLOCK_PROCESS_CPUTIME_ID, what a NULL bench_clock
 * means. */
extern const bench_clock clock_real;
uint64_t clock_wall_ns(void *ctx);
uint64_t clock_cpu_ns(void *ctx);
/* CLOCK_MONOTONIC in seconds, for deadlines. */
double clock_now_s(void);

#endif
