/*
 * rank.c - two-sample rank statistics (rank.h): the Wilcoxon-Mann-Whitney
 * test and the Hodges-Lehmann shift with its Moses interval, after
 * Hollander & Wolfe, "Nonparametric Statistical Methods", chapter 4.
 */
#include <math.h>
#include <stdlib.h>

#include "rank.h"

/* qsort order of doubles, ascending (no NaN). */
static int rank_cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The pooled sample of x and y ranked: the sum of x's ranks, ties given
 * their mean rank, and the tie term sum(t^3 - t) over the groups of tied
 * values (rank.h). Returns 0, or -1 when scratch memory cannot be
 * allocated. The ranking is an insertion sort (quadratic: see rank.h). */
static int pooled_ranks(const double *x, size_t nx, const double *y, size_t ny, double *r1,
                        double *ties)
{
    size_t n = nx + ny, i, j;
    double *v = malloc(n * sizeof *v);
    size_t *idx = malloc(n * sizeof *idx);

    if (!v || !idx) {
        free(v), free(idx);
        return -1;
    }
    for (i = 0; i < n; i++) {
        idx[i] = i;
        v[i] = i < nx ? x[i] : y[i - nx];
    }
    for (i = 1; i < n; i++)
        for (j = i; j > 0 && v[idx[j - 1]] > v[idx[j]]; j--) {
            size_t t = idx[j];
            idx[j] = idx[j - 1];
            idx[j - 1] = t;
        }
    *r1 = *ties = 0;
    for (i = 0; i < n;) {
        size_t k = i;
        double rank;
        while (k + 1 < n && v[idx[k + 1]] == v[idx[i]])
            k++;
        rank = (double)(i + k + 2) / 2; /* mean of ranks i+1 .. k+1 */
        for (j = i; j <= k; j++)
            if (idx[j] < nx)
                *r1 += rank;
        *ties += pow((double)(k - i + 1), 3) - (double)(k - i + 1);
        i = k + 1;
    }
    free(v), free(idx);
    return 0;
}

double rank_mann_whitney_p(const double *x, size_t nx, const double *y, size_t ny)
{
    size_t n = nx + ny;
    double r1, ties, u, mu, var, z;

    if (nx == 0 || ny == 0 || pooled_ranks(x, nx, y, ny, &r1, &ties) != 0)
        return 1;
    u = r1 - (double)nx * (double)(nx + 1) / 2;
    mu = (double)nx * (double)ny / 2;
    var = (double)nx * (double)ny / 12 * ((double)(n + 1) - ties / ((double)n * (double)(n - 1)));
    if (!(var > 0))
        return 1;
    z = (fabs(u - mu) - 0.5) / sqrt(var);
    if (z < 0)
        z = 0;
    return erfc(z / sqrt(2.0));
}

int rank_hodges_lehmann(const double *x, size_t nx, const double *y, size_t ny, double *est,
                        double *lo, double *hi)
{
    size_t m = nx * ny, i, j, c;
    double *d, z = 1.959964;

    if (nx == 0 || ny == 0)
        return -1;
    d = malloc(m * sizeof *d);
    if (!d)
        return -1;
    for (i = 0; i < nx; i++)
        for (j = 0; j < ny; j++)
            d[i * ny + j] = y[j] - x[i];
    qsort(d, m, sizeof *d, rank_cmp_double);
    *est = m % 2 ? d[m / 2] : (d[m / 2 - 1] + d[m / 2]) / 2;
    {
        double cf = (double)m / 2 - z * sqrt((double)nx * (double)ny * (double)(nx + ny + 1) / 12);
        c = cf < 1 ? 1 : (size_t)floor(cf);
    }
    *lo = d[c - 1];
    *hi = d[m - c];
    free(d);
    return 0;
}
