/*
 * states.c - does a fresh setup in the same process draw a new state, or
 * does the process keep one? Six fresh setups of concat/builder at N=1000
 * in one process, timed interleaved in 15 rounds of 500 calls; prints the
 * median of each. Run it several times: per-setup states differ within a
 * line, per-process states between lines (docs/measurement.md, "fork or
 * exec?").
 *
 *   make && cc -O2 -Iinclude tools/states.c build/benches/concat.o \
 *       build/libbench-internal.a -lm -o states && ./states
 */
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "bench.h"

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(void)
{
    enum { S = 6, R = 15 };
    const bench_case *c = bench_find("concat/builder");
    void *st[S];
    double t[S][R];
    int j, r;

    if (!c)
        return 1;
    for (j = 0; j < S; j++) {
        st[j] = c->setup(1000);
        if (!malloc(4096 * (size_t)(j + 1) * 7)) /* move the next one along */
            return 1;
    }
    for (r = 0; r < R; r++)
        for (j = 0; j < S; j++) {
            bench_timing bt;
            bench_timeit(NULL, c->run, st[j], 500, &bt);
            t[j][r] = bt.per_call_ns;
        }
    printf("pid %d: median ns of each fresh setup:", (int)getpid());
    for (j = 0; j < S; j++) {
        qsort(t[j], R, sizeof(double), cmp);
        printf(" %.0f", t[j][R / 2]);
    }
    printf("\n");
    return 0;
}
