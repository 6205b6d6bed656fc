/*
 * hist.h - a log-bucketed histogram of non-negative times in ns, in the
 * manner of HdrHistogram: every power of two [2^k, 2^(k+1)) is cut into
 * HIST_SUB equal buckets, so a value is known to within 1/HIST_SUB of
 * itself (0.78%) however many are counted, in a fixed HIST_BUCKETS
 * counters (about 49 KB). The smallest and largest values and the sum are
 * kept exactly.
 */
#ifndef BENCH_HIST_H
#define BENCH_HIST_H

#include <stddef.h>
#include <stdint.h>

#define HIST_SUB  128  /* buckets per power of two */
#define HIST_KMIN (-4) /* the first power of two: 1/16 ns */
#define HIST_KMAX 43   /* the last: [2^43, 2^44) ns, about 2.4 to 4.9 hours */
/* Bucket 0 holds everything below 2^HIST_KMIN (0 included); the last
 * bucket also holds everything above its range. */
#define HIST_BUCKETS (1 + (HIST_KMAX - HIST_KMIN + 1) * HIST_SUB)

typedef struct hist {
    uint64_t count;
    double min, max, sum; /* exact; 0 while count is 0 */
    uint64_t *counts;     /* HIST_BUCKETS counters, owned (hist_free) */
} hist;

/* An empty histogram. Returns 0, or -1 when out of memory (nothing to
 * free then). */
int hist_init(hist *h);
void hist_free(hist *h);
/* Count value v (ns); a negative or NaN value counts as 0. */
void hist_add(hist *h, double v);
/* Add every count of src to dst (same layout: histograms merge exactly). */
void hist_merge(hist *dst, const hist *src);
/* The bucket v falls in, and a bucket's bounds: [lower, upper). */
size_t hist_bucket(double v);
double hist_lower(size_t i);
double hist_upper(size_t i);
/* The q-quantile (0 < q <= 1) by nearest rank: the lower bound of the
 * bucket holding the ceil(q * count)-th smallest value, kept within
 * [min, max]; q = 1 is max exactly. The true value lies in
 * [result, result * (1 + 1/HIST_SUB)); 0 for an empty histogram. */
double hist_quantile(const hist *h, double q);
/* How many values fell in the buckets whose lower bounds lie in [lo, hi). */
uint64_t hist_count_in(const hist *h, double lo, double hi);

#endif
