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

double rank_mann_whitney_p(const double *x, size_t nx, const double *y, size_t ny)
{
    size_t n = nx + ny, i, j;
    double *v, r1 = 0, ties = 0, u, mu, var, z;
    int *from_x;
    size_t *idx;

    if (nx == 0 || ny == 0)
        return 1;
    v = malloc(n * sizeof *v);
    from_x = malloc(n * sizeof *from_x);
    idx = malloc(n * sizeof *idx);
    if (!v || !from_x || !idx) {
        free(v), free(from_x), free(idx);
        return 1;
    }
    for (i = 0; i < n; i++)
        idx[i] = i;
    for (i = 0; i < n; i++)
        v[i] = i < nx ? x[i] : y[i - nx];
    /* Insertion sort of indices by value (quadratic: see rank.h). */
    for (i = 1; i < n; i++)
        for (j = i; j > 0 && v[idx[j - 1]] > v[idx[j]]; j--) {
            size_t t = idx[j];
            idx[j] = idx[j - 1];
            idx[j - 1] = t;
        }
    for (i = 0; i < n; i++)
        from_x[i] = idx[i] < nx;
    for (i = 0; i < n;) {
        size_t k = i;
        double rank;
        while (k + 1 < n && v[idx[k + 1]] == v[idx[i]])
            k++;
        rank = (double)(i + k + 2) / 2; /* mean of ranks i+1 .. k+1 */
        for (j = i; j <= k; j++)
            if (from_x[j])
                r1 += rank;
        ties += pow((double)(k - i + 1), 3) - (double)(k - i + 1);
        i = k + 1;
    }
    u = r1 - (double)nx * (double)(nx + 1) / 2;
    mu = (double)nx * (double)ny / 2;
    var = (double)nx * (double)ny / 12 * ((double)(n + 1) - ties / ((double)n * (double)(n - 1)));
    free(v), free(from_x), free(idx);
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
