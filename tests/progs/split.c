/*
 * split.c - a case whose time divides 60/30/10 between three functions by
 * construction, for the accuracy test of `bench profile`
 * (tests/test_profile.c): split/all calls work60, work30 and work10, which
 * run the same dependent chain of multiply-adds 6, 3 and 1 times UNIT
 * times; split/w60, split/w30 and split/w10 call one each, so the test can
 * time each alone and check the split before it profiles split/all.
 *
 * The chain is latency-bound (each step waits for the last), so its speed
 * does not depend on where the loop lands in memory, and noinline keeps
 * the three functions apart for the profiler to name.
 */
#include <stdint.h>
#include <stdlib.h>

#include "bench.h"

#define UNIT 20000 /* steps in a tenth of split/all */

#define CHAIN(x, steps)                                          \
    do {                                                         \
        for (uint64_t i_ = 0; i_ < (steps); i_++)                \
            x = x * 6364136223846793005u + 1442695040888963407u; \
    } while (0)

__attribute__((noinline)) static uint64_t work60(uint64_t x)
{
    CHAIN(x, 6 * UNIT);
    return x;
}

__attribute__((noinline)) static uint64_t work30(uint64_t x)
{
    CHAIN(x, 3 * UNIT);
    return x;
}

__attribute__((noinline)) static uint64_t work10(uint64_t x)
{
    CHAIN(x, 1 * UNIT);
    return x;
}

static void *split_setup(size_t n)
{
    uint64_t *s = malloc(sizeof *s);
    if (s)
        *s = n;
    return s;
}

static void split_all(void *p)
{
    uint64_t *s = p;
    *s = work10(work30(work60(*s)));
    bench_clobber();
}

static void split_w60(void *p)
{
    uint64_t *s = p;
    *s = work60(*s);
    bench_clobber();
}

static void split_w30(void *p)
{
    uint64_t *s = p;
    *s = work30(*s);
    bench_clobber();
}

static void split_w10(void *p)
{
    uint64_t *s = p;
    *s = work10(*s);
    bench_clobber();
}

BENCH_GROUP(split, "split", "60/30/10 of the work in three functions")
BENCH_CASE(split_all, .name = "split/all", .desc = "work60, work30, work10 in turn",
           .setup = split_setup, .run = split_all, .teardown = free, .sizes = {1})
BENCH_CASE(split_w60, .name = "split/w60", .desc = "work60 alone", .setup = split_setup,
           .run = split_w60, .teardown = free, .sizes = {1})
BENCH_CASE(split_w30, .name = "split/w30", .desc = "work30 alone", .setup = split_setup,
           .run = split_w30, .teardown = free, .sizes = {1})
BENCH_CASE(split_w10, .name = "split/w10", .desc = "work10 alone", .setup = split_setup,
           .run = split_w10, .teardown = free, .sizes = {1})

int main(int argc, char **argv)
{
    return bench_main(argc, argv);
}
