/*
 * loop.h - the timed loop, `for (i = 0; i < n; i++) fn(arg);`, in
 * LOOP_COPIES separate copies, so each timed function has a call site of
 * its own (loop.c says why).
 */
#ifndef BENCH_LOOP_H
#define BENCH_LOOP_H

#include "bench.h"

#define LOOP_COPIES 64
typedef void (*timed_loop)(bench_fn fn, void *arg, uint64_t n);

/* The copy that times fn: the same copy for the same function, for the
 * life of the process, and one no other function uses (until LOOP_COPIES
 * functions have been timed). */
timed_loop loop_for(bench_fn fn);
/* New functions claim copies from copy `first` on (mod LOOP_COPIES), so
 * that worker processes can time the same function through different
 * copies (different addresses); call before any loop_for. */
void loop_first(size_t first);
/* Copy i (0 <= i < LOOP_COPIES), else NULL; for tests. */
timed_loop loop_at(size_t i);

#endif
