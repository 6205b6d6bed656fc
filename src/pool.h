/*
 * pool.h - samples pooled from several worker processes (--processes):
 * the interval of their median made to carry the variation between
 * processes as well as within one.
 */
#ifndef BENCH_POOL_H
#define BENCH_POOL_H

#include "result.h"

/* Student's t quantile 0.975 with df degrees of freedom (df >= 1). */
double pool_t975(size_t df);

/* The median of each worker's values x[wend[w-1] .. wend[w]-1] (from 0
 * for w = 0) that has any, its log when lg, into med[0..*k-1] (nw at
 * most). Returns BENCH_OK or BENCH_ENOMEM. */
int pool_medians(const double *x, const size_t *wend, size_t nw, int lg, double *med, size_t *k);
/* The sample variance of v[0..k-1], k >= 2. */
double pool_variance(const double *v, size_t k);

/* st holds the statistics of the pooled x[0..wend[nw-1]-1], where worker
 * w's values are x[wend[w-1] .. wend[w]-1] (from 0 for w = 0). With two or
 * more workers that have values, widen st's 95% interval of the median by
 * the spread of the worker medians m_w:
 *
 *   h  = t(0.975, K-1) * sd(m_w) * sqrt(2 / K)  (K workers with values)
 *   lo = M - sqrt((M - lo)^2 + h^2),  hi = M + sqrt((hi - M)^2 + h^2)
 *
 * M the pooled median (docs/measurement.md); in logs (ln x, ln M, ln lo,
 * ln hi, medians of ln x) when every value is positive, so the interval
 * stays positive. One worker leaves st as it is. Returns BENCH_OK or BENCH_ENOMEM (st unchanged). */
int pool_widen(bench_stats *st, const double *x, const size_t *wend, size_t nw);
/* pool_widen on the values as they are, never in logs: for figures such
 * as exponents, where a difference, not a factor, is the unit. */
int pool_widen_linear(bench_stats *st, const double *x, const size_t *wend, size_t nw);

/* How far apart p's worker processes put the figure when they disagree
 * beyond their own intervals: max/min - 1 of the worker medians when the
 * 95% intervals of two workers are disjoint, else 0 (also with fewer than
 * two workers, a worker of fewer than 6 samples, or a median at or below
 * 0). A figure that depends on the process: where its code, stack and
 * heap landed. */
double pool_spread(const result_point *p);

/* The worker slices of p (one worker of every sample when p->nworkers is
 * 0), into wend[]; returns how many. */
size_t pool_workers(const result_point *p, size_t *wend);

#endif
