/*
 * compare.c - is this run slower than a saved one? Per case and size, the
 * change in time with a distribution-free interval, and a verdict that
 * calls a regression only when it is both beyond the threshold and
 * statistically significant.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "rank.h"

#define MAX_FILE (256u << 20)
#define MAX_PAIRED 400 /* samples per side used for the pairwise statistics */

typedef struct base_entry {
    const char *name;  /* points into the parsed JSON */
    double *samples;   /* ns */
    size_t n, cap;
    int seen;
} base_entry;

struct baseline {
    json_value doc;
    base_entry *e;
    size_t n, cap;
};

static int fail(char *err, size_t errsz, int rc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errsz, fmt, ap);
    va_end(ap);
    return rc;
}

static int read_file(const char *path, char **text, size_t *len, char *err, size_t errsz)
{
    FILE *f = fopen(path, "rb");
    size_t cap = 1 << 16, n = 0;
    char *buf;

    if (!f)
        return fail(err, errsz, BENCH_EIO, "cannot read '%s': %s", path, strerror(errno));
    buf = malloc(cap);
    while (buf) {
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
        if (n == cap) {
            char *nb = cap >= MAX_FILE ? NULL : realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                fclose(f);
                return fail(err, errsz, BENCH_EIO, "'%s' is too large (at most 256 MiB)", path);
            }
            buf = nb;
            cap *= 2;
        }
    }
    if (!buf || ferror(f)) {
        free(buf);
        fclose(f);
        return fail(err, errsz, BENCH_EIO, "cannot read '%s'", path);
    }
    fclose(f);
    *text = buf;
    *len = n;
    return BENCH_OK;
}

static double unit_factor(const json_value *u)
{
    if (!u)
        return 1;
    if (u->type != JSON_STRING)
        return 0;
    if (strcmp(u->u.str.s, "ns") == 0) return 1;
    if (strcmp(u->u.str.s, "us") == 0) return 1e3;
    if (strcmp(u->u.str.s, "ms") == 0) return 1e6;
    if (strcmp(u->u.str.s, "s") == 0) return 1e9;
    return 0;
}

static base_entry *entry_for(baseline *b, const char *name)
{
    size_t i;
    for (i = 0; i < b->n; i++)
        if (strcmp(b->e[i].name, name) == 0)
            return &b->e[i];
    if (b->n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 32;
        base_entry *e = realloc(b->e, cap * sizeof *e);
        if (!e)
            return NULL;
        b->e = e;
        b->cap = cap;
    }
    memset(&b->e[b->n], 0, sizeof b->e[0]);
    b->e[b->n].name = name;
    return &b->e[b->n++];
}

static int add_sample(base_entry *e, double ns)
{
    if (e->n == e->cap) {
        size_t cap = e->cap ? e->cap * 2 : 16;
        double *s = realloc(e->samples, cap * sizeof *s);
        if (!s)
            return -1;
        e->samples = s;
        e->cap = cap;
    }
    e->samples[e->n++] = ns;
    return 0;
}

void baseline_free(baseline *b)
{
    if (!b)
        return;
    size_t i;
    for (i = 0; i < b->n; i++)
        free(b->e[i].samples);
    free(b->e);
    json_free(&b->doc);
    free(b);
}

/* Collect the per-sample times of every "iteration" entry by name. */
int baseline_parse(const char *label, const char *text, size_t len, baseline **out,
                   char *err, size_t errsz)
{
    baseline *b = calloc(1, sizeof *b);
    char jerr[200];
    size_t i;
    const json_value *list;
    int rc;

    *out = NULL;
    if (!b)
        return fail(err, errsz, BENCH_ENOMEM, "out of memory reading '%s'", label);
    rc = json_parse(text, len, &b->doc, jerr, sizeof jerr);
    if (rc != BENCH_OK) {
        free(b);
        return fail(err, errsz, rc, "'%s': %s (expected JSON written by bench --format json)", label, jerr);
    }
    list = json_get(&b->doc, "benchmarks");
    if (!list || list->type != JSON_ARRAY) {
        baseline_free(b);
        return fail(err, errsz, BENCH_EPARSE, "'%s': no \"benchmarks\" array (expected JSON written by bench --format json)", label);
    }
    for (i = 0; i < list->u.arr.n; i++) {
        const json_value *it = &list->u.arr.items[i];
        const json_value *name = json_get(it, "name"), *rt = json_get(it, "run_type");
        const json_value *t = json_get(it, "real_time"), *e = json_get(it, "error_occurred");
        double f = unit_factor(json_get(it, "time_unit"));
        base_entry *be;
        const char *what = NULL;

        if (it->type != JSON_OBJECT)
            what = "is not an object";
        else if (!name || name->type != JSON_STRING)
            what = "has no \"name\" string";
        else if (rt && rt->type == JSON_STRING && strcmp(rt->u.str.s, "iteration") != 0)
            continue; /* aggregates, BigO, RMS */
        else if (e && e->type == JSON_BOOL && e->u.b)
            continue; /* a failed case has no time */
        else if (!t || t->type != JSON_NUMBER)
            what = "has no numeric \"real_time\"";
        else if (f == 0)
            what = "has an unknown \"time_unit\" (expected ns, us, ms or s)";
        if (what) {
            baseline_free(b);
            return fail(err, errsz, BENCH_EPARSE, "'%s': benchmarks[%zu] %s", label, i, what);
        }
        be = entry_for(b, name->u.str.s);
        if (!be || add_sample(be, t->u.num * f) != 0) {
            baseline_free(b);
            return fail(err, errsz, BENCH_ENOMEM, "out of memory reading '%s'", label);
        }
    }
    *out = b;
    return BENCH_OK;
}

int baseline_load(const char *path, baseline **out, char *err, size_t errsz)
{
    char *text = NULL;
    size_t len = 0;
    int rc;

    *out = NULL;
    if ((rc = read_file(path, &text, &len, err, errsz)) != BENCH_OK)
        return rc;
    rc = baseline_parse(path, text, len, out, err, errsz);
    free(text);
    return rc;
}

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

static void judge(compare_row *row, const double *old, size_t no, const double *new_,
                  size_t nn, double threshold)
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
    if (row->p_value < 0.05 && row->change > threshold / 100)
        row->v = V_REGRESSED;
    else if (row->p_value < 0.05 && row->change < -threshold / 100)
        row->v = V_IMPROVED;
    else
        row->v = V_UNCHANGED;
}

static compare_row *add_row(compare_result *c, size_t *cap, const char *name)
{
    compare_row *row;
    if (c->nrows == *cap) {
        size_t ncap = *cap ? *cap * 2 : 32;
        compare_row *r = realloc(c->rows, ncap * sizeof *r);
        if (!r)
            return NULL;
        c->rows = r;
        *cap = ncap;
    }
    row = &c->rows[c->nrows];
    memset(row, 0, sizeof *row);
    row->name = malloc(strlen(name) + 1);
    if (!row->name)
        return NULL;
    strcpy(row->name, name);
    c->nrows++;
    return row;
}

int compare_run(baseline *b, const run_result *r, double threshold, compare_result *out)
{
    size_t i, j, k, cap = 0;

    memset(out, 0, sizeof *out);
    for (k = 0; k < b->n; k++)
        b->e[k].seen = 0;
    for (i = 0; i < r->ncases; i++) {
        for (j = 0; j < r->cases[i].npoints; j++) {
            const point_result *p = &r->cases[i].pts[j];
            char name[256];
            base_entry *be = NULL;
            compare_row *row;

            if (p->status != BENCH_OK)
                continue;
            snprintf(name, sizeof name, "%s/%zu", r->cases[i].c->name, p->n);
            for (k = 0; k < b->n; k++)
                if (strcmp(b->e[k].name, name) == 0)
                    be = &b->e[k];
            if (!(row = add_row(out, &cap, name)))
                goto nomem;
            if (!be) {
                row->v = V_NEW;
                row->new_median = p->m.wall.median;
            } else {
                be->seen = 1;
                judge(row, be->samples, be->n, p->m.samples, p->m.nsamples, threshold);
            }
            out->counts[row->v]++;
        }
    }
    for (i = 0; i < b->n; i++) {
        compare_row *row;
        if (b->e[i].seen)
            continue;
        if (!(row = add_row(out, &cap, b->e[i].name)))
            goto nomem;
        row->v = V_MISSING;
        row->old_median = median_of(b->e[i].samples, b->e[i].n);
        out->counts[V_MISSING]++;
    }
    return BENCH_OK;
nomem:
    compare_result_free(out);
    return BENCH_ENOMEM;
}

void compare_result_free(compare_result *c)
{
    size_t i;
    for (i = 0; i < c->nrows; i++)
        free(c->rows[i].name);
    free(c->rows);
    memset(c, 0, sizeof *c);
}
