/*
 * compare.c - is this run slower than a saved one (compare.h)? Per case
 * and size, the change in time with a distribution-free interval, and a
 * verdict that calls a regression only when it is both beyond the
 * threshold and statistically significant.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "compare.h"
#include "rank.h"

#define MAX_PAIRED 400 /* samples per side used for the pairwise statistics */

/* At most MAX_PAIRED values, evenly spaced through the samples. */
static size_t thin(const double *x, size_t n, double *out)
{
    size_t i, k = n < MAX_PAIRED ? n : MAX_PAIRED;
    for (i = 0; i < k; i++)
        out[i] = x[i * n / k];
    return k;
}

static double median_of(const double *x, size_t n)
{
    bench_stats st;
    return bench_stats_compute(x, n, &st) == BENCH_OK ? st.median : 0;
}

static void judge(compare_row *row, const double *old, size_t no, const double *new_, size_t nn,
                  double threshold)
{
    double a[MAX_PAIRED], b[MAX_PAIRED], la[MAX_PAIRED], lb[MAX_PAIRED], est, lo, hi;
    size_t na = thin(old, no, a), nb = thin(new_, nn, b), i;
    int positive = 1;

    row->old_median = median_of(old, no);
    row->new_median = median_of(new_, nn);
    for (i = 0; i < na; i++)
        positive &= a[i] > 0;
    for (i = 0; i < nb; i++)
        positive &= b[i] > 0;
    row->p_value = rank_mann_whitney_p(a, na, b, nb);
    /* The shift in ln(time) between old and new, with its interval: the
     * differences of the logs are those of log(new) - log(old) pair by
     * pair, bit for bit. All times must be positive. */
    if (positive) {
        for (i = 0; i < na; i++)
            la[i] = log(a[i]);
        for (i = 0; i < nb; i++)
            lb[i] = log(b[i]);
    }
    if (positive && rank_hodges_lehmann(la, na, lb, nb, &est, &lo, &hi) == 0) {
        row->change = expm1(est);
        row->change_lo = expm1(lo);
        row->change_hi = expm1(hi);
    } else {
        /* Times at or below zero (an empty case): no ratio to speak of. */
        row->change = row->change_lo = row->change_hi = 0;
        row->p_value = 1;
    }
    if (row->p_value < COMPARE_ALPHA && row->change > threshold / 100)
        row->v = V_REGRESSED;
    else if (row->p_value < COMPARE_ALPHA && row->change < -threshold / 100)
        row->v = V_IMPROVED;
    else
        row->v = V_UNCHANGED;
}

static compare_row *add_row(compare_result *c, size_t *cap, const char *name)
{
    compare_row *row = array_grow(c->rows, cap, c->nrows + 1, sizeof *row);
    if (!row)
        return NULL;
    c->rows = row;
    row = &c->rows[c->nrows];
    memset(row, 0, sizeof *row);
    row->name = malloc(strlen(name) + 1);
    if (!row->name)
        return NULL;
    strcpy(row->name, name);
    c->nrows++;
    return row;
}

/* One row per measured point: judged against the baseline's samples of
 * the same name, or new. seen[i] marks the baseline entries used. */
static int compare_points(const baseline *b, const results *r, double threshold,
                          compare_result *out, size_t *cap, char *seen)
{
    size_t i, j;
    for (i = 0; i < r->ncases; i++)
        for (j = 0; j < r->cases[i].npoints; j++) {
            const result_point *p = &r->cases[i].pts[j];
            const baseline_entry *be;
            compare_row *row;
            char name[256];

            if (p->status != BENCH_OK)
                continue;
            snprintf(name, sizeof name, "%s/%zu", r->cases[i].name, p->n);
            be = baseline_find(b, name);
            if (!(row = add_row(out, cap, name)))
                return BENCH_ENOMEM;
            if (!be) {
                row->v = V_NEW;
                row->new_median = p->m.wall.median;
            } else {
                seen[be - baseline_at(b, 0)] = 1;
                judge(row, be->samples, be->n, p->m.samples, p->m.nsamples, threshold);
            }
            out->counts[row->v]++;
        }
    return BENCH_OK;
}

/* A row for every baseline entry no point matched. */
static int compare_missing(const baseline *b, compare_result *out, size_t *cap, const char *seen)
{
    size_t i;
    for (i = 0; i < baseline_count(b); i++) {
        const baseline_entry *e = baseline_at(b, i);
        compare_row *row;
        if (seen[i])
            continue;
        if (!(row = add_row(out, cap, e->name)))
            return BENCH_ENOMEM;
        row->v = V_MISSING;
        row->old_median = median_of(e->samples, e->n);
        out->counts[V_MISSING]++;
    }
    return BENCH_OK;
}

int compare_run(const baseline *b, const results *r, double threshold, compare_result *out)
{
    char *seen = calloc(baseline_count(b) + 1, 1);
    size_t cap = 0;
    int rc = BENCH_ENOMEM;

    memset(out, 0, sizeof *out);
    if (seen && (rc = compare_points(b, r, threshold, out, &cap, seen)) == BENCH_OK)
        rc = compare_missing(b, out, &cap, seen);
    free(seen);
    if (rc != BENCH_OK)
        compare_result_free(out);
    return rc;
}

void compare_result_free(compare_result *c)
{
    size_t i;
    for (i = 0; i < c->nrows; i++)
        free(c->rows[i].name);
    free(c->rows);
    memset(c, 0, sizeof *c);
}
