/*
 * stats.h - helpers of the statistics code for the rest of the library.
 */
#ifndef BENCH_STATS_H
#define BENCH_STATS_H

#include <stddef.h>

/* qsort order of doubles, ascending. */
int stats_cmp_double(const void *a, const void *b);

/* Quantile p of sorted s[0..n-1], n >= 1: linear interpolation between
 * order statistics (Hyndman & Fan type 7, the default of R and numpy). */
double stats_quantile(const double *s, size_t n, double p);

#endif
