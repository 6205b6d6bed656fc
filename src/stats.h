/*
 * stats.h - helpers of the statistics code for the rest of the library.
 */
#ifndef BENCH_STATS_H
#define BENCH_STATS_H

/* qsort order of doubles, ascending. */
int stats_cmp_double(const void *a, const void *b);

#endif
