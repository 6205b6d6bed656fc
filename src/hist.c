/*
 * hist.c - the log-bucketed histogram (hist.h).
 */
#include <math.h>
#include <stdlib.h>

#include "hist.h"

int hist_init(hist *h)
{
    h->count = 0;
    h->min = h->max = h->sum = 0;
    h->counts = calloc(HIST_BUCKETS, sizeof *h->counts);
    return h->counts ? 0 : -1;
}

void hist_free(hist *h)
{
    if (!h)
        return;
    free(h->counts);
    h->counts = NULL;
    h->count = 0;
}

size_t hist_bucket(double v)
{
    int e, k;
    double m;
    if (!(v >= ldexp(1, HIST_KMIN)))
        return 0;
    m = frexp(v, &e); /* v = m * 2^e, m in [0.5, 1) */
    k = e - 1;        /* v in [2^k, 2^(k+1)) */
    if (k > HIST_KMAX)
        return HIST_BUCKETS - 1;
    return 1 + (size_t)(k - HIST_KMIN) * HIST_SUB + (size_t)((2 * m - 1) * HIST_SUB);
}

double hist_lower(size_t i)
{
    if (i == 0)
        return 0;
    i--;
    return ldexp(1 + (double)(i % HIST_SUB) / HIST_SUB, HIST_KMIN + (int)(i / HIST_SUB));
}

double hist_upper(size_t i)
{
    if (i == 0)
        return ldexp(1, HIST_KMIN);
    i--;
    return ldexp(1 + (double)(i % HIST_SUB + 1) / HIST_SUB, HIST_KMIN + (int)(i / HIST_SUB));
}

void hist_add(hist *h, double v)
{
    if (!(v > 0))
        v = 0;
    if (h->count == 0 || v < h->min)
        h->min = v;
    if (h->count == 0 || v > h->max)
        h->max = v;
    h->count++;
    h->sum += v;
    h->counts[hist_bucket(v)]++;
}

void hist_merge(hist *dst, const hist *src)
{
    size_t i;
    if (src->count == 0)
        return;
    if (dst->count == 0 || src->min < dst->min)
        dst->min = src->min;
    if (dst->count == 0 || src->max > dst->max)
        dst->max = src->max;
    dst->count += src->count;
    dst->sum += src->sum;
    for (i = 0; i < HIST_BUCKETS; i++)
        dst->counts[i] += src->counts[i];
}

double hist_quantile(const hist *h, double q)
{
    uint64_t rank, cum = 0;
    size_t i;
    double v;

    if (h->count == 0)
        return 0;
    if (q >= 1)
        return h->max;
    /* less a hair, so that 0.9 * 200 (180.00000000000003 in binary) is 180 */
    rank = (uint64_t)ceil(q * (double)h->count - 1e-9);
    if (rank < 1)
        rank = 1;
    for (i = 0; i < HIST_BUCKETS; i++) {
        cum += h->counts[i];
        if (cum >= rank)
            break;
    }
    v = hist_lower(i < HIST_BUCKETS ? i : HIST_BUCKETS - 1);
    return v < h->min ? h->min : v > h->max ? h->max : v;
}

uint64_t hist_count_in(const hist *h, double lo, double hi)
{
    uint64_t n = 0;
    size_t i;
    for (i = hist_bucket(lo); i < HIST_BUCKETS && hist_lower(i) < hi; i++)
        if (hist_lower(i) >= lo)
            n += h->counts[i];
    return n;
}
