/*
 * blame.c - groups in which one case fails only once it is being timed
 * (on its 200th call, long after its setup and its checking run), beside
 * healthy cases: the failure must cost that case alone, not its group.
 */
#define _POSIX_C_SOURCE 200809L
#include <signal.h>
#include <time.h>

#include "bench.h"

#define FAIL_AT 200 /* the call that fails, counted in each child */

static void ok_run(void *s)
{
    volatile unsigned x = 0;
    unsigned i;
    (void)s;
    for (i = 0; i < 100; i++)
        x += i;
    (void)x;
}

static void other_run(void *s)
{
    volatile unsigned x = 1;
    unsigned i;
    (void)s;
    for (i = 0; i < 50; i++)
        x *= 3;
    (void)x;
}

/* SIGSEGV with its default action, so that a sanitizer's handler (which
 * would turn it into an exit status) cannot change how the child ends. */
static void crash_run(void *s)
{
    static unsigned calls;
    (void)s;
    if (++calls == FAIL_AT) {
        signal(SIGSEGV, SIG_DFL);
        raise(SIGSEGV);
    }
    ok_run(NULL);
}

static void hang_run(void *s)
{
    static unsigned calls;
    (void)s;
    if (++calls == FAIL_AT) {
        struct timespec ts = {3600, 0};
        nanosleep(&ts, NULL);
    }
    ok_run(NULL);
}

BENCH_GROUP(blame, "blame", "a case that crashes while it is timed")
BENCH_CASE(blame_base, .name = "blame/base", .desc = "healthy baseline", .run = ok_run,
           .sizes = {10})
BENCH_CASE(blame_other, .name = "blame/other", .desc = "healthy variant", .run = other_run,
           .baseline = "blame/base", .sizes = {10})
BENCH_CASE(blame_crash, .name = "blame/crash", .desc = "SIGSEGV on its 200th call",
           .run = crash_run, .baseline = "blame/base", .sizes = {10})

BENCH_GROUP(stall, "stall", "a case that hangs while it is timed")
BENCH_CASE(stall_base, .name = "stall/base", .desc = "healthy baseline", .run = ok_run,
           .sizes = {10})
BENCH_CASE(stall_other, .name = "stall/other", .desc = "healthy variant", .run = other_run,
           .baseline = "stall/base", .sizes = {10})
BENCH_CASE(stall_hang, .name = "stall/hang", .desc = "sleeps on its 200th call", .run = hang_run,
           .baseline = "stall/base", .sizes = {10})

int main(int argc, char **argv)
{
    return bench_main(argc, argv);
}
