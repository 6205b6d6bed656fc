/*
 * fit.h - the exponent fitted with an interval known from elsewhere.
 */
#ifndef BENCH_FIT_H
#define BENCH_FIT_H

#include "bench.h"

/* bench_fit, but with the slope and the part of its interval that the
 * times' uncertainty brings (below and above the slope, >= 0) given,
 * instead of the least-squares slope of the times and an interval
 * propagated from each time's own: the sizes were sampled in the same
 * rounds, so the median of each round's own slope, and their spread, say
 * how the cost grows without the drift the sizes shared (group.c). The
 * line goes through the same centre as bench_fit's; the scatter of the
 * times about it is added to the interval as bench_fit adds it, and the
 * class is chosen as bench_fit chooses it. */
int fit_paired(const double *n, const double *t, size_t k, double slope, double below,
               double above, bench_fit_result *out);

#endif
