/*
 * compare.c - is this run slower than a saved one (compare.h)? Per case
 * and size, the change in time with a distribution-free interval, and a
 * verdict that calls a regression only when it is both beyond the
 * threshold and statistically significant.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "compare.h"
#include "pool.h"
#include "rank.h"
#include "select.h"

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

/* The change as a ratio: the Hodges-Lehmann shift of ln(time) and its
 * Moses interval, so change = new/old - 1 pair by pair (the differences
 * of the logs are those of log(new) - log(old), bit for bit). Every time
 * must be positive. */
static int shift_of_logs(compare_row *row, const double *a, size_t na, const double *b, size_t nb)
{
    double la[MAX_PAIRED], lb[MAX_PAIRED], est, lo, hi;
    size_t i;

    for (i = 0; i < na; i++)
        la[i] = log(a[i]);
    for (i = 0; i < nb; i++)
        lb[i] = log(b[i]);
    if (rank_hodges_lehmann(la, na, lb, nb, &est, &lo, &hi) != 0)
        return -1;
    row->change = expm1(est);
    row->change_lo = expm1(lo);
    row->change_hi = expm1(hi);
    return 0;
}

/* The change when some time is not positive (a case near the loop's own
 * cost, whose corrected samples straddle 0): the Hodges-Lehmann shift of
 * the raw times in ns and its Moses interval, over the old median, or
 * over COMPARE_FLOOR_NS when the old median is below that (at or under 0
 * there is no ratio, and under a nanosecond a difference is not resolved:
 * see compare.h). */
static int shift_of_times(compare_row *row, const double *a, size_t na, const double *b, size_t nb)
{
    double est, lo, hi, scale = fmax(row->old_median, COMPARE_FLOOR_NS);

    if (rank_hodges_lehmann(a, na, b, nb, &est, &lo, &hi) != 0)
        return -1;
    row->change = est / scale;
    row->change_lo = lo / scale;
    row->change_hi = hi / scale;
    return 0;
}

static int all_positive(const double *x, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (!(x[i] > 0))
            return 0;
    return 1;
}

/* One side's worker medians, of ln x when lg (else of x / scale). */
typedef struct side {
    double med[BASELINE_MAX_WORKERS];
    size_t k;
} side;

static void scale_side(side *s, int lg, double scale)
{
    size_t i;
    for (i = 0; !lg && i < s->k; i++)
        s->med[i] /= scale;
}

/* The medians of the baseline entry's workers (its samples gathered
 * worker by worker); k 0 when it has one or does not say. */
static void old_side(side *s, const baseline_entry *e, int lg, double scale)
{
    size_t wend[BASELINE_MAX_WORKERS], i, m = 0;
    double *buf;
    unsigned w;

    s->k = 0;
    if (!e->worker || e->nworkers < 2 || !(buf = malloc((e->n ? e->n : 1) * sizeof *buf)))
        return;
    for (w = 0; w < e->nworkers; w++) {
        for (i = 0; i < e->n; i++)
            if (e->worker[i] == w)
                buf[m++] = e->samples[i];
        wend[w] = m;
    }
    if (pool_medians(buf, wend, e->nworkers, lg, s->med, &s->k) != BENCH_OK)
        s->k = 0;
    free(buf);
    scale_side(s, lg, scale);
}

static void new_side(side *s, const result_point *p, int lg, double scale)
{
    size_t wend[RESULT_MAX_WORKERS], nw = pool_workers(p, wend);

    s->k = 0;
    if (nw < 2 || pool_medians(p->m.samples, wend, nw, lg, s->med, &s->k) != BENCH_OK)
        s->k = 0;
    scale_side(s, lg, scale);
}

/* Half the width of a 95% interval of the difference between the two
 * runs' process-level means, from the spread of their worker medians:
 * Student's two-sample interval with the pooled variance (under the null
 * hypothesis, two runs of the same binary on the same machine, the two
 * variances are one). A run of one process is one draw of the same
 * process-level variation: the other side's variance stands for both.
 * 0 when neither side has two workers. */
static double between_runs(const side *o, const side *n)
{
    double ko = o->k ? (double)o->k : 1, kn = n->k ? (double)n->k : 1, var, df;
    if (o->k < 2 && n->k < 2)
        return 0;
    if (o->k >= 2 && n->k >= 2) {
        df = ko + kn - 2;
        var =
            ((ko - 1) * pool_variance(o->med, o->k) + (kn - 1) * pool_variance(n->med, n->k)) / df;
    } else {
        const side *s = o->k >= 2 ? o : n;
        df = (double)s->k - 1;
        var = pool_variance(s->med, s->k);
    }
    if (!(var > 0))
        return 0;
    return pool_t975((size_t)df) * sqrt(var * (1 / ko + 1 / kn));
}

/* Widen the change's interval to the between-run one when that is wider:
 * each worker median already holds its process's own noise, so the
 * interval on them is the whole two-level interval (Kalibera and Jones),
 * and the samples' Moses interval stands when it is the wider. In logs
 * when lg, else in the units of the change (ns / scale). */
static void widen(compare_row *row, const baseline_entry *e, const result_point *p, int lg,
                  double scale)
{
    side o, n;
    double h, est, lo, hi;

    old_side(&o, e, lg, scale);
    new_side(&n, p, lg, scale);
    if ((h = between_runs(&o, &n)) <= 0)
        return;
    est = lg ? log1p(row->change) : row->change;
    lo = lg ? log1p(row->change_lo) : row->change_lo;
    hi = lg ? log1p(row->change_hi) : row->change_hi;
    lo = fmin(lo, est - h);
    hi = fmax(hi, est + h);
    row->change_lo = lg ? expm1(lo) : lo;
    row->change_hi = lg ? expm1(hi) : hi;
    row->between = 1;
}

/* The change below which a case improved: the mirror of a regression's
 * threshold as a factor, new/old < 1 / (1 + threshold), so that a 2x
 * speedup is to --threshold 100 what a 2x slowdown is. */
static double improved_below(double threshold)
{
    return 1 / (1 + threshold / 100) - 1;
}

static void judge(compare_row *row, const baseline_entry *e, const result_point *p,
                  double threshold)
{
    double a[MAX_PAIRED], b[MAX_PAIRED];
    const double *old = e->samples, *new_ = p->m.samples;
    size_t no = e->n, nn = p->m.nsamples;
    size_t na = thin(old, no, a), nb = thin(new_, nn, b);
    int positive = all_positive(a, na) && all_positive(b, nb), rc;
    int significant;

    row->old_median = median_of(old, no);
    row->new_median = median_of(new_, nn);
    row->p_value = rank_mann_whitney_p(a, na, b, nb);
    rc = positive ? shift_of_logs(row, a, na, b, nb) : shift_of_times(row, a, na, b, nb);
    if (rc != 0) {
        row->change = row->change_lo = row->change_hi = 0;
        row->p_value = 1;
    } else {
        widen(row, e, p, positive, fmax(row->old_median, COMPARE_FLOOR_NS));
    }
    /* Within the processes (the samples' ranks) and between them (the
     * interval, widened by the spread of the worker medians). */
    significant = row->p_value < COMPARE_ALPHA && (row->change_lo > 0 || row->change_hi < 0);
    /* Without a ratio, a slowdown counts only once the new median is
     * above the floor, and a speedup only from an old median above it:
     * two figures both under a nanosecond are noise of the correction. */
    if (significant && row->change > threshold / 100 &&
        (positive || row->new_median > COMPARE_FLOOR_NS))
        row->v = V_REGRESSED;
    else if (significant && row->change < improved_below(threshold) &&
             (positive || row->old_median > COMPARE_FLOOR_NS))
        row->v = V_IMPROVED;
    else
        row->v = V_UNCHANGED;
}

/* Counts are exact: the change is the change, and any beyond the
 * threshold is real. */
static void judge_counts(compare_row *row, const double *old, size_t no, double new_,
                         double threshold)
{
    row->old_median = median_of(old, no);
    row->new_median = new_;
    row->change = (new_ - row->old_median) / fmax(row->old_median, 1);
    row->change_lo = row->change_hi = row->change;
    row->p_value = NAN;
    if (row->change > threshold / 100)
        row->v = V_REGRESSED;
    else if (row->change < improved_below(threshold))
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

/* "case/N", as long as the case's name is (malloc'd; NULL when memory
 * ran out). */
static char *point_name(const char *case_name, size_t n)
{
    size_t len = strlen(case_name) + 24; /* '/', 20 digits at most, NUL */
    char *name = malloc(len);
    if (name)
        snprintf(name, len, "%s/%zu", case_name, n);
    return name;
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
            char *name;

            if (p->status != BENCH_OK)
                continue;
            if (!(name = point_name(r->cases[i].name, p->n)))
                return BENCH_ENOMEM;
            be = baseline_find(b, name);
            row = add_row(out, cap, name);
            free(name);
            if (!row)
                return BENCH_ENOMEM;
            if (!be) {
                row->v = V_NEW;
                row->new_median = r->counted ? p->counts.per_call[RESULT_IR] : p->m.wall.median;
            } else {
                seen[be - baseline_at(b, 0)] = 1;
                if (r->counted)
                    judge_counts(row, be->samples, be->n, p->counts.per_call[RESULT_IR], threshold);
                else
                    judge(row, be, p, threshold);
            }
            out->counts[row->v]++;
        }
    return BENCH_OK;
}

/* Is the case of "group/case/N" one the run asked for (every case when it
 * was given no pattern)? */
static int case_asked(const results *r, const char *name)
{
    char c[256];
    const char *slash = strrchr(name, '/');
    size_t len = slash ? (size_t)(slash - name) : strlen(name);
    if (!r->asked)
        return 1;
    if (len >= sizeof c)
        return 0;
    memcpy(c, name, len);
    c[len] = '\0';
    return select_names(r->asked, c);
}

/* A row for every baseline entry no point matched: in a run of some of the
 * cases (patterns), only for the cases the patterns name (a case renamed
 * or removed since is missing); the others were not asked for. */
static int compare_missing(const baseline *b, const results *r, compare_result *out, size_t *cap,
                           const char *seen)
{
    size_t i;
    for (i = 0; i < baseline_count(b); i++) {
        const baseline_entry *e = baseline_at(b, i);
        compare_row *row;
        if (seen[i] || !case_asked(r, e->name))
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
    out->counted = r->counted != 0;
    if (seen && (rc = compare_points(b, r, threshold, out, &cap, seen)) == BENCH_OK)
        rc = compare_missing(b, r, out, &cap, seen);
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
