/*
 * stats.c - summary statistics of a sample, distribution-free where it
 * matters: benchmark timings are skewed (long right tail), so the median and
 * an order-statistics interval are reported rather than mean +- sd.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "stats.h"

int stats_cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double stats_quantile(const double *s, size_t n, double p)
{
    double h = (double)(n - 1) * p;
    size_t lo = (size_t)floor(h);
    if (lo + 1 >= n)
        return s[n - 1];
    return s[lo] + (h - (double)lo) * (s[lo + 1] - s[lo]);
}

/* Rank j (1-based) such that [s_(j), s_(n-j+1)] is a >= 95% confidence
 * interval of the median: the count of values below the true median is
 * Binomial(n, 1/2), and the interval misses when that count is < j or
 * > n-j, each with probability P(B <= j-1). Returns 0 when even [min, max]
 * covers less than 95% (n < 6). */
static size_t median_ci_rank(size_t n)
{
    double cdf = 0.0, lbase = lgamma((double)n + 1.0) - (double)n * log(2.0);
    size_t j;

    for (j = 0; j < n; j++) {
        double lp = lbase - lgamma((double)j + 1.0) - lgamma((double)(n - j) + 1.0);
        cdf += exp(lp); /* now P(B <= j) */
        if (2.0 * cdf > 0.05)
            return j; /* j is the largest rank with P(B <= j-1) ok */
    }
    return 0;
}

int bench_stats_compute(const double *x, size_t n, bench_stats *out)
{
    double *s, sum = 0.0, ss = 0.0, q1, q3, iqr;
    size_t i, j;

    if (!x || !out || n == 0)
        return BENCH_EINVAL;
    s = malloc(n * sizeof *s);
    if (!s)
        return BENCH_ENOMEM;
    memcpy(s, x, n * sizeof *s);
    qsort(s, n, sizeof *s, stats_cmp_double);

    memset(out, 0, sizeof *out);
    out->n = n;
    out->min = s[0];
    out->max = s[n - 1];
    out->median = stats_quantile(s, n, 0.5);
    for (i = 0; i < n; i++)
        sum += s[i];
    out->mean = sum / (double)n;
    for (i = 0; i < n; i++)
        ss += (s[i] - out->mean) * (s[i] - out->mean);
    out->stddev = n > 1 ? sqrt(ss / (double)(n - 1)) : 0.0;

    j = median_ci_rank(n);
    if (j == 0) {
        out->ci_lo = s[0];
        out->ci_hi = s[n - 1];
    } else {
        out->ci_lo = s[j - 1];
        out->ci_hi = s[n - j];
    }

    q1 = stats_quantile(s, n, 0.25);
    q3 = stats_quantile(s, n, 0.75);
    iqr = q3 - q1;
    for (i = 0; i < n; i++)
        if (s[i] < q1 - 1.5 * iqr || s[i] > q3 + 1.5 * iqr)
            out->outliers++;

    for (i = 0; i < n; i++)
        s[i] = fabs(s[i] - out->median);
    qsort(s, n, sizeof *s, stats_cmp_double);
    out->mad = stats_quantile(s, n, 0.5);
    free(s);
    return BENCH_OK;
}
