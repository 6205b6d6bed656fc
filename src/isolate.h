/*
 * isolate.h - a piece of work in a forked child: what it writes to a pipe
 * is collected, and how it ended is told, so a case that crashes, exits or
 * hangs costs its own result, not the run.
 */
#ifndef BENCH_ISOLATE_H
#define BENCH_ISOLATE_H

#include <stddef.h>

typedef struct isolate_result {
    char *data; /* what the child wrote (free it) */
    size_t len;
    int status;   /* BENCH_OK: the child exited 0; else ECRASH */
    char why[96]; /* how it ended: "crashed (SIGSEGV)", ... */
} isolate_result;

/* Shared between parent and child (MAP_SHARED): the child names the step
 * it is in, so the parent can time each step and blame a crash on it. */
typedef struct isolate_watch {
    int current;    /* the child's slot in its own code, or -1 */
    unsigned tick;  /* bumped at every step */
    unsigned scale; /* the step may take scale * timeout */
    double since;   /* when it began: clock_now_s() */
    /* For a progress line, not for the limits: the size whose rounds are
     * being sampled (0 outside sampling), written by the child, and which
     * of the group's worker processes runs (1-based), by the parent. */
    size_t n;
    unsigned worker, workers;
} isolate_watch;

/* A call the parent makes while it waits for a child, every period
 * seconds (a progress line on a terminal); fn NULL: none, and the parent
 * sleeps until the child writes, ends or outlasts its step. */
typedef struct isolate_ticker {
    void (*fn)(void *ctx);
    void *ctx;
    double period;
} isolate_ticker;

/* Run fn(ctx, fd) in a forked child that writes its result to fd; collect
 * it until the child ends or a step outlasts its limit (then the child is
 * killed): timeout seconds, times watch->scale, from each change of
 * watch->tick (from the start when watch is NULL). When *stop becomes
 * nonzero the child is sent SIGTERM (it finishes its round and sends what
 * it has) and, if it has not ended 0.5 s later, SIGKILL ("interrupted").
 * The child never outlives its parent: it gets SIGKILL when the parent
 * (the thread that called this) dies (PR_SET_PDEATHSIG), and while it runs
 * signals.h knows its pid, so a second Ctrl-C kills it too. ticker, when
 * not NULL, is called while the parent waits. Returns out->status. */
int isolate_run(void (*fn)(void *ctx, int fd), void *ctx, double timeout,
                const volatile isolate_watch *watch, const volatile int *stop,
                const isolate_ticker *ticker, isolate_result *out);
/* Write all of buf to fd, retrying after EINTR: 0, or -1 on error. */
int isolate_write_all(int fd, const void *buf, size_t len);

#endif
