/*
 * faulty.c - a program whose cases misbehave on purpose, for the tests of
 * isolation: each fault must cost only its own case.
 */
#define _POSIX_C_SOURCE 200809L
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"

static void ok_run(void *s)
{
    volatile unsigned x = 0;
    unsigned i;
    (void)s;
    for (i = 0; i < 100; i++)
        x += i;
    (void)x; /* clang: -Wunused-but-set-variable */
}

static void empty_run(void *s)
{
    (void)s;
}

static void segv_run(void *s)
{
    (void)s;
    raise(SIGSEGV);
}

static void abort_run(void *s)
{
    (void)s;
    abort();
}

static void exit_run(void *s)
{
    (void)s;
    exit(0);
}

static void hang_run(void *s)
{
    struct timespec ts = {3600, 0};
    (void)s;
    nanosleep(&ts, NULL);
}

/* Stuck for good: sleeps again whenever a signal cuts a sleep short, so
 * only SIGKILL ends it. */
static void stuck_run(void *s)
{
    (void)s;
    for (;;) {
        struct timespec ts = {3600, 0};
        nanosleep(&ts, NULL);
    }
}

/* Tells the tests which process runs the cases: its pid, written to
 * $FAULTY_PIDFILE when that is set. */
static void *pid_setup(size_t n)
{
    static int state;
    const char *path = getenv("FAULTY_PIDFILE");
    FILE *f;
    (void)n;
    if (path && (f = fopen(path, "w")) != NULL) {
        fprintf(f, "%ld\n", (long)getpid());
        fclose(f);
    }
    return &state;
}

static void *null_setup(size_t n)
{
    (void)n;
    return NULL;
}

BENCH_GROUP(faulty, "faulty", "cases that fail on purpose")
BENCH_CASE(faulty_ok, .name = "faulty/ok", .desc = "a loop of 100 adds", .run = ok_run,
           .sizes = {10, 100})
BENCH_CASE(faulty_segv, .name = "faulty/segv", .desc = "raises SIGSEGV", .run = segv_run,
           .sizes = {10, 100})
BENCH_CASE(faulty_abort, .name = "faulty/abort", .desc = "calls abort()", .run = abort_run,
           .sizes = {10, 100})
BENCH_CASE(faulty_exit, .name = "faulty/exit", .desc = "calls exit(0)", .run = exit_run,
           .sizes = {10, 100})
BENCH_CASE(faulty_setup, .name = "faulty/setup", .desc = "setup returns NULL", .setup = null_setup,
           .run = ok_run, .sizes = {10, 100})
BENCH_CASE(faulty_nosizes, .name = "nosizes/ok", .desc = "declares no sizes", .run = ok_run)
BENCH_CASE(empty_run, .name = "empty/run", .desc = "does nothing", .run = empty_run, .sizes = {1})
BENCH_CASE(hang_sleep, .name = "hang/sleep", .desc = "sleeps for an hour", .run = hang_run,
           .sizes = {10})
BENCH_CASE(stuck_sleep, .name = "stuck/sleep", .desc = "sleeps through signals, writes its pid",
           .setup = pid_setup, .run = stuck_run, .sizes = {10})

int main(int argc, char **argv)
{
    return bench_main(argc, argv);
}
