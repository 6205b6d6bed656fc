/*
 * fit.h - bench_fit with a between-process part in the exponent's
 * interval (group.c).
 */
#ifndef BENCH_FIT_H
#define BENCH_FIT_H

#include "bench.h"

/* bench_fit, with extra (>= 0) added in quadrature to the half-width of
 * the exponent's interval before the class is chosen from it. */
int fit_widened(const double *n, const double *t, const double *lo, const double *hi, size_t k,
                double extra, bench_fit_result *out);

#endif
