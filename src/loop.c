/*
 * loop.c - the timed loop, in one copy per function it times.
 *
 * A loop that calls fn(arg) through a pointer has one indirect call site.
 * Once that site has jumped to two or more targets, some cores (measured on
 * an AMD EPYC: docs/measurement.md) predict it by a slower path, and every
 * call through it costs about 0.8 ns more. With one shared loop, a
 * function's figure would then depend on what was timed before it: the
 * first function read 1.37 ns per empty call and later ones 2.19-2.48 ns.
 * So each function gets a copy of the loop of its own, and each call site
 * only ever sees one target, as a direct call in a program would.
 *
 * The copies are claimed first come, first served, for the life of the
 * process (lock-free, so threads may time at once). Past LOOP_COPIES
 * distinct functions, the later ones share copies by address.
 */
#include <stdatomic.h>
#include <stdint.h>

#include "loop.h"

/* Each copy starts on a cache line, so no copy is placed worse than
 * another. GCC would merge identical functions (-fipa-icf) into one, which
 * is what this file exists to prevent; noipa stops it. Clang does not merge
 * functions unless asked to. */
#if defined(__has_attribute)
#if __has_attribute(noipa)
#define LOOP_ATTR __attribute__((noipa, noinline, aligned(64)))
#endif
#endif
#ifndef LOOP_ATTR
#define LOOP_ATTR __attribute__((noinline, aligned(64)))
#endif

/* Instances on one line show the pattern: */
/* clang-format off */
#define LOOP(k)                                                    \
    LOOP_ATTR static void loop_##k(bench_fn fn, void *arg, uint64_t n) \
    {                                                              \
        uint64_t i;                                                \
        for (i = 0; i < n; i++)                                    \
            fn(arg);                                               \
    }
#define LOOP8(k) LOOP(k##0) LOOP(k##1) LOOP(k##2) LOOP(k##3) LOOP(k##4) LOOP(k##5) LOOP(k##6) LOOP(k##7)
LOOP8(0) LOOP8(1) LOOP8(2) LOOP8(3) LOOP8(4) LOOP8(5) LOOP8(6) LOOP8(7)

#define NAME8(k) loop_##k##0, loop_##k##1, loop_##k##2, loop_##k##3, \
                 loop_##k##4, loop_##k##5, loop_##k##6, loop_##k##7
static const timed_loop loops[LOOP_COPIES] = {NAME8(0), NAME8(1), NAME8(2), NAME8(3),
                                              NAME8(4), NAME8(5), NAME8(6), NAME8(7)};
/* clang-format on */

static _Atomic(bench_fn) owner[LOOP_COPIES];

static size_t first_copy;

void loop_first(size_t first)
{
    first_copy = first % LOOP_COPIES;
}

timed_loop loop_for(bench_fn fn)
{
    size_t k;
    for (k = 0; k < LOOP_COPIES; k++) {
        size_t i = (first_copy + k) % LOOP_COPIES;
        bench_fn cur = atomic_load_explicit(&owner[i], memory_order_acquire);
        if (!cur && atomic_compare_exchange_strong(&owner[i], &cur, fn))
            return loops[i];
        if (cur == fn)
            return loops[i];
    }
    /* All taken: share by address (functions are at least 16 bytes apart). */
    return loops[((size_t)((uintptr_t)fn >> 4)) % LOOP_COPIES];
}

timed_loop loop_at(size_t i)
{
    return i < LOOP_COPIES ? loops[i] : NULL;
}
