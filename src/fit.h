/*
 * fit.h - the exponent fitted with an interval known from elsewhere.
 */
#ifndef BENCH_FIT_H
#define BENCH_FIT_H

#include "bench.h"

/* bench_fit, but the part of the exponent's interval that the times'
 * uncertainty brings is given, below and above the slope (>= 0), instead
 * of propagated from each time's own interval: the sizes were sampled in
 * the same rounds, so the spread of each round's own slope says how
 * uncertain the slope is, without the drift the sizes shared (group.c).
 * The scatter about the line is added as bench_fit adds it. */
int fit_paired(const double *n, const double *t, size_t k, double below, double above,
               bench_fit_result *out);

#endif
