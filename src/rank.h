/*
 * rank.h - two-sample rank statistics: the Wilcoxon-Mann-Whitney test and
 * the Hodges-Lehmann shift estimate with its Moses confidence interval.
 *
 * Source: M. Hollander and D. A. Wolfe, "Nonparametric Statistical
 * Methods", chapter 4 (the two-sample location problem: the Wilcoxon rank
 * sum test, the estimator associated with it and the distribution-free
 * confidence interval based on it); J. L. Hodges and E. L. Lehmann,
 * "Estimates of location based on rank tests", Ann. Math. Statist. 34
 * (1963) 598-611; L. E. Moses's interval as given there.
 *
 * Both work on the values as given; compare.c passes ln(time), so that the
 * shift is a ratio of times. Neither modifies its inputs.
 */
#ifndef BENCH_RANK_H
#define BENCH_RANK_H

#include <stddef.h>

/* Two-sided p-value of the Wilcoxon-Mann-Whitney test of x[0..nx-1]
 * against y[0..ny-1], by the normal approximation with the tie correction
 * and a continuity correction of 1/2:
 *
 *   U   = R_x - nx (nx + 1) / 2   R_x: the sum of x's ranks in the pooled
 *                                 sample, ties given their mean rank
 *                                 (U = #{x_i > y_j} + #{x_i = y_j} / 2;
 *                                 R's wilcox.test calls it W)
 *   mu  = nx ny / 2
 *   var = nx ny / 12 * ((n + 1) - sum(t^3 - t) / (n (n - 1)))
 *                                 n = nx + ny, t: the size of each group
 *                                 of tied values
 *   z   = max(0, (|U - mu| - 1/2) / sqrt(var))
 *   p   = erfc(z / sqrt 2)        (= 2 (1 - Phi(z)))
 *
 * Symmetric in x and y. Returns 1 (no evidence of a difference) when
 * either sample is empty, when var is 0 (every value the same), or when
 * scratch memory cannot be allocated. The ranking is an insertion sort,
 * quadratic in nx + ny: meant for a few hundred values a side (compare.c
 * passes at most 400). Values must not be NaN. */
double rank_mann_whitney_p(const double *x, size_t nx, const double *y, size_t ny);

/* Hodges-Lehmann estimate of the shift from x to y and its Moses 95%
 * confidence interval, from the m = nx ny pairwise differences
 * d = y_j - x_i sorted ascending, d_(1) <= ... <= d_(m):
 *
 *   *est = the median of the d (the mean of the middle two when m is even)
 *   C    = floor(m / 2 - 1.959964 sqrt(nx ny (nx + ny + 1) / 12)),
 *          at least 1 (the normal approximation to the rank of the
 *          Mann-Whitney critical value; floor errs on the wide side)
 *   *lo  = d_(C),  *hi = d_(m + 1 - C)
 *
 * When C comes out 1 (small samples: 4 x 5, 3 x 7, 2 x 15 or fewer) the
 * interval is the whole range [min d, max d], which may cover less than
 * 95%.
 * Returns 0, or -1 (nothing written) if either sample is empty or the
 * m differences cannot be allocated. Values must be finite. */
int rank_hodges_lehmann(const double *x, size_t nx, const double *y, size_t ny, double *est,
                        double *lo, double *hi);

#endif /* BENCH_RANK_H */
