/*
 * callsite.c - why libbench times each function in a loop of its own
 * (src/loop.c). Six empty functions are timed, in turn, through one shared
 * loop and then each through a copy of the loop of its own, and the median
 * ns per call of each is printed. On a core whose indirect-call prediction
 * slows down once a call site has seen several targets, the shared loop
 * makes every function after the first look slower.
 *
 *   cc -O2 tools/callsite.c -o callsite && ./callsite
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

typedef void (*fn_t)(void *);
typedef void (*loop_t)(fn_t, void *, uint64_t);

/* noipa (GCC) keeps identical functions from being merged into one. */
#if defined(__has_attribute)
#if __has_attribute(noipa)
#define KEEP __attribute__((noipa, noinline, aligned(64)))
#endif
#endif
#ifndef KEEP
#define KEEP __attribute__((noinline, aligned(64)))
#endif

/* Instances on one line show the pattern: */
/* clang-format off */
#define EMPTY(k) KEEP static void empty##k(void *p) { (void)p; }
#define LOOP(k)                                                    \
    KEEP static void loop##k(fn_t f, void *a, uint64_t n)          \
    {                                                              \
        for (uint64_t i = 0; i < n; i++)                           \
            f(a);                                                  \
    }
EMPTY(0) EMPTY(1) EMPTY(2) EMPTY(3) EMPTY(4) EMPTY(5)
LOOP(0) LOOP(1) LOOP(2) LOOP(3) LOOP(4) LOOP(5)

enum { K = 6, ROUNDS = 21, CALLS = 1000000 };
/* clang-format on */
static const fn_t fns[K] = {empty0, empty1, empty2, empty3, empty4, empty5};
static const loop_t loops[K] = {loop0, loop1, loop2, loop3, loop4, loop5};

static double now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Rounds of every function in turn; the median ns per call of each. */
static void run(int own_loop)
{
    static double t[K][ROUNDS];
    for (int r = 0; r < ROUNDS; r++)
        for (int k = 0; k < K; k++) {
            double t0 = now_ns();
            loops[own_loop ? k : 0](fns[k], NULL, CALLS);
            t[k][r] = (now_ns() - t0) / CALLS;
        }
    printf("%-14s", own_loop ? "own loop each" : "one loop");
    for (int k = 0; k < K; k++) {
        qsort(t[k], ROUNDS, sizeof t[k][0], cmp);
        printf(" %6.2f", t[k][ROUNDS / 2]);
    }
    printf("\n");
}

int main(void)
{
    printf("ns per call of empty0 .. empty5 (median of %d rounds)\n", ROUNDS);
    run(0);
    run(1);
    return 0;
}
