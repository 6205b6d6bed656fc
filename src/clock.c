/*
 * clock.c - the real clocks, and what the harness learns about them at
 * start-up: resolution and the cost of one reading.
 */
#define _POSIX_C_SOURCE 200809L
#include <time.h>

#include "clock.h"

/* 0 reports a failed reading, as bench_clock requires. */
static uint64_t read_ns(clockid_t id)
{
    struct timespec ts;
    if (clock_gettime(id, &ts) != 0)
        return 0;
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

uint64_t clock_wall_ns(void *ctx)
{
    (void)ctx;
    return read_ns(CLOCK_MONOTONIC);
}

uint64_t clock_cpu_ns(void *ctx)
{
    (void)ctx;
    return read_ns(CLOCK_PROCESS_CPUTIME_ID);
}

const bench_clock clock_real = {clock_wall_ns, clock_cpu_ns, NULL};

double clock_now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Resolution: the smallest non-zero difference seen between consecutive
 * readings over a short busy-wait. Read cost: the mean time of one reading
 * over a burst of readings. Neither is timed against anything else, so both
 * are valid on a fake clock too. */
int bench_clock_info(const bench_clock *clock, double *resolution_ns, double *read_cost_ns)
{
    enum { READS = 2000 };
    uint64_t best = UINT64_MAX, prev, t0, t1;
    int i;

    if (!clock)
        clock = &clock_real;
    if (!clock->now)
        return BENCH_EINVAL;
    prev = clock->now(clock->ctx);
    if (prev == 0)
        return BENCH_ECLOCK;
    for (i = 0; i < READS; i++) {
        uint64_t t = clock->now(clock->ctx);
        if (t == 0 || t < prev) /* failed, or went backwards */
            return BENCH_ECLOCK;
        if (t > prev && t - prev < best)
            best = t - prev;
        prev = t;
    }
    t0 = clock->now(clock->ctx);
    for (i = 0; i < READS; i++)
        if (clock->now(clock->ctx) == 0)
            return BENCH_ECLOCK;
    t1 = clock->now(clock->ctx);
    if (t0 < prev || t1 < t0 || t0 == 0 || t1 == 0)
        return BENCH_ECLOCK;
    if (resolution_ns)
        *resolution_ns = best == UINT64_MAX ? 0.0 : (double)best;
    if (read_cost_ns)
        *read_cost_ns = (double)(t1 - t0) / READS;
    return BENCH_OK;
}
