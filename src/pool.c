/*
 * pool.c - the interval of a median pooled over worker processes
 * (pool.h).
 */
#include <math.h>
#include <stdlib.h>

#include "pool.h"

double pool_t975(size_t df)
{
    static const double t[] = {
        0,     12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179,  2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080,
        2.074, 2.069,  2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
    };
    if (df == 0)
        return INFINITY;
    if (df < sizeof t / sizeof t[0])
        return t[df];
    return df < 60 ? 2.021 : df < 120 ? 2.000 : 1.960;
}

size_t pool_workers(const result_point *p, size_t *wend)
{
    size_t w;
    if (p->nworkers == 0) {
        wend[0] = p->m.nsamples;
        return 1;
    }
    for (w = 0; w < p->nworkers && w < RESULT_MAX_WORKERS; w++)
        wend[w] = p->wend[w];
    return w;
}

int pool_medians(const double *x, const size_t *wend, size_t nw, int lg, double *med, size_t *k)
{
    size_t w, start = 0;
    *k = 0;
    for (w = 0; w < nw; start = wend[w++]) {
        bench_stats ws;
        int rc;
        if (wend[w] <= start)
            continue;
        if ((rc = bench_stats_compute(x + start, wend[w] - start, &ws)) != BENCH_OK)
            return rc;
        med[(*k)++] = lg ? log(ws.median) : ws.median;
    }
    return BENCH_OK;
}

double pool_variance(const double *v, size_t k)
{
    double mean = 0, ss = 0;
    size_t i;
    for (i = 0; i < k; i++)
        mean += v[i];
    mean /= (double)k;
    for (i = 0; i < k; i++)
        ss += (v[i] - mean) * (v[i] - mean);
    return ss / (double)(k - 1);
}

static int widen(bench_stats *st, const double *x, const size_t *wend, size_t nw, int lg)
{
    double med[RESULT_MAX_WORKERS], h, m, lo, hi;
    size_t k;
    int rc;

    if (nw > RESULT_MAX_WORKERS)
        nw = RESULT_MAX_WORKERS;
    if ((rc = pool_medians(x, wend, nw, lg, med, &k)) != BENCH_OK)
        return rc;
    if (k < 2)
        return BENCH_OK;
    /* Another run's median is as far from the truth as this one's: the
     * two differ by sqrt(2) times the spread of one, so the interval that
     * holds another run's median 95% of the time is sqrt(2) wider than the
     * Student interval of the workers' mean. */
    h = pool_t975(k - 1) * sqrt(2.0 * pool_variance(med, k) / (double)k);
    m = lg ? log(st->median) : st->median;
    lo = m - (lg ? log(st->ci_lo) : st->ci_lo);
    hi = (lg ? log(st->ci_hi) : st->ci_hi) - m;
    lo = m - sqrt(lo * lo + h * h);
    hi = m + sqrt(hi * hi + h * h);
    st->ci_lo = lg ? exp(lo) : lo;
    st->ci_hi = lg ? exp(hi) : hi;
    return BENCH_OK;
}

int pool_widen(bench_stats *st, const double *x, const size_t *wend, size_t nw)
{
    /* Positive times (and every ratio) are widened in logs, so that the
     * interval stays positive and a factor either way counts alike. */
    return widen(st, x, wend, nw, st->min > 0 && st->ci_lo > 0);
}

int pool_widen_linear(bench_stats *st, const double *x, const size_t *wend, size_t nw)
{
    return widen(st, x, wend, nw, 0);
}

double pool_spread(const result_point *p)
{
    size_t wend[RESULT_MAX_WORKERS], nw = pool_workers(p, wend), w, from = 0;
    double lo_max = -INFINITY, hi_min = INFINITY, med_min = INFINITY, med_max = 0;

    if (nw < 2)
        return 0;
    for (w = 0; w < nw; from = wend[w++]) {
        bench_stats st;
        if (wend[w] - from < 6 ||
            bench_stats_compute(p->m.samples + from, wend[w] - from, &st) != BENCH_OK ||
            !(st.median > 0))
            return 0;
        lo_max = fmax(lo_max, st.ci_lo);
        hi_min = fmin(hi_min, st.ci_hi);
        med_min = fmin(med_min, st.median);
        med_max = fmax(med_max, st.median);
    }
    return lo_max > hi_min ? med_max / med_min - 1 : 0;
}
