/*
 * run.c - measures the selected cases: group by group, size by size, the
 * variants of a group interleaved so that "X times faster" compares samples
 * taken side by side. Prints nothing; the CLI reports what it returns.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

void run_result_free(run_result *r)
{
    size_t i, j;
    if (!r)
        return;
    for (i = 0; i < r->ncases; i++)
        for (j = 0; j < r->cases[i].npoints; j++)
            bench_measurement_free(&r->cases[i].pts[j].m);
    free(r->cases);
    r->cases = NULL;
    r->ncases = 0;
}

static size_t group_len(const char *name)
{
    const char *slash = strchr(name, '/');
    return slash ? (size_t)(slash - name) : strlen(name);
}

static int same_group(const char *a, const char *b)
{
    size_t la = group_len(a);
    return la == group_len(b) && strncmp(a, b, la) == 0;
}

static void set_group(case_result *cr)
{
    size_t len = group_len(cr->c->name);
    if (len >= sizeof cr->group)
        len = sizeof cr->group - 1;
    memcpy(cr->group, cr->c->name, len);
    cr->group[len] = 0;
}

static size_t case_sizes(const run_config *cfg, const bench_case *c, const size_t **sizes)
{
    size_t n = 0;
    if (cfg->sizes) {
        *sizes = cfg->sizes;
        return cfg->nsizes;
    }
    *sizes = c->sizes;
    while (n < BENCH_MAX_SIZES && c->sizes[n])
        n++;
    return n;
}

static point_result *point_at(case_result *cr, size_t n)
{
    size_t i;
    for (i = 0; i < cr->npoints; i++)
        if (cr->pts[i].n == n)
            return &cr->pts[i];
    return NULL;
}

static void mark_failed(case_result *cr, point_result *p, int status, const char *why)
{
    p->status = status;
    if (!cr->failed) {
        cr->failed = 1;
        snprintf(cr->why, sizeof cr->why, "N=%zu: %s", p->n, why ? why : bench_strerror(status));
    }
}

/* Paired ratios baseline/variant of round i; meaningful only when every
 * per-call time is positive (an empty case can measure below zero). */
static void compute_ratio(point_result *p, const point_result *base)
{
    size_t i, n = p->m.nsamples;
    double *r;

    if (base->status != BENCH_OK || base->m.nsamples != n || n == 0)
        return;
    r = malloc(n * sizeof *r);
    if (!r)
        return;
    for (i = 0; i < n; i++) {
        if (!(p->m.samples[i] > 0) || !(base->m.samples[i] > 0))
            break;
        r[i] = base->m.samples[i] / p->m.samples[i];
    }
    if (i == n && bench_stats_compute(r, n, &p->ratio) == BENCH_OK)
        p->has_ratio = 1;
    free(r);
}

/* Measure members[0..k-1] (case indices into out->cases) at size n. */
static void measure_size(const run_config *cfg, run_result *out,
                         const size_t *members, size_t k, size_t n)
{
    void **states = calloc(k, sizeof *states);
    bench_fn *fns = calloc(k, sizeof *fns);
    size_t *live = calloc(k, sizeof *live);
    uint64_t *digests = calloc(k, sizeof *digests);
    bench_measurement *ms = calloc(k, sizeof *ms);
    size_t i, nlive = 0;
    int rc;

    if (!states || !fns || !live || !digests || !ms) {
        for (i = 0; i < k; i++) {
            case_result *cr = &out->cases[members[i]];
            mark_failed(cr, point_at(cr, n), BENCH_ENOMEM, NULL);
        }
        goto done;
    }
    for (i = 0; i < k; i++) {
        case_result *cr = &out->cases[members[i]];
        point_result *p = point_at(cr, n);
        states[i] = NULL;
        if (cr->c->setup && !(states[i] = cr->c->setup(n))) {
            mark_failed(cr, p, BENCH_ESETUP, "setup failed (size too large to allocate?)");
            continue;
        }
        /* One run outside timing gives the answer to check. */
        cr->c->run(states[i]);
        if (cr->c->digest)
            digests[i] = cr->c->digest(states[i]);
        p->status = BENCH_OK;
    }
    /* Each variant must compute its baseline's answer. */
    for (i = 0; i < k; i++) {
        case_result *cr = &out->cases[members[i]];
        point_result *p = point_at(cr, n);
        size_t j;
        if (p->status != BENCH_OK || cr->base < 0 || !cr->c->digest)
            continue;
        for (j = 0; j < k; j++) {
            if ((long)members[j] != cr->base)
                continue;
            if (point_at(&out->cases[members[j]], n)->status == BENCH_OK &&
                out->cases[members[j]].c->digest && digests[j] != digests[i])
                mark_failed(cr, p, BENCH_ECHECK, "answer differs from the baseline's");
        }
    }
    for (i = 0; i < k; i++) {
        case_result *cr = &out->cases[members[i]];
        if (point_at(cr, n)->status == BENCH_OK) {
            live[nlive] = i;
            fns[nlive] = cr->c->run;
            nlive++;
        }
    }
    if (nlive > 0) {
        void **args = calloc(nlive, sizeof *args);
        if (!args) {
            rc = BENCH_ENOMEM;
        } else {
            for (i = 0; i < nlive; i++)
                args[i] = states[live[i]];
            rc = bench_measure_many(&cfg->measure, nlive, fns, args, ms);
            free(args);
        }
        for (i = 0; i < nlive; i++) {
            case_result *cr = &out->cases[members[live[i]]];
            point_result *p = point_at(cr, n);
            if (rc != BENCH_OK)
                mark_failed(cr, p, rc, NULL);
            else
                p->m = ms[i];
        }
    }
    for (i = 0; i < k; i++) {
        case_result *cr = &out->cases[members[i]];
        if (states[i] && cr->c->teardown)
            cr->c->teardown(states[i]);
    }
done:
    free(states);
    free(fns);
    free(live);
    free(digests);
    free(ms);
}

static void fit_case(case_result *cr)
{
    double n[BENCH_MAX_SIZES], t[BENCH_MAX_SIZES], lo[BENCH_MAX_SIZES], hi[BENCH_MAX_SIZES];
    size_t i, k = 0;

    for (i = 0; i < cr->npoints; i++) {
        const point_result *p = &cr->pts[i];
        if (p->status != BENCH_OK)
            continue;
        if (!(p->m.wall.median > 0))
            return; /* below the timer's reach: no exponent to speak of */
        n[k] = (double)p->n;
        t[k] = p->m.wall.median;
        lo[k] = p->m.wall.ci_lo;
        hi[k] = p->m.wall.ci_hi;
        k++;
    }
    if (k >= 2 && bench_fit(n, t, lo, hi, k, &cr->fit) == BENCH_OK)
        cr->has_fit = 1;
}

static int in_list(const size_t *v, size_t n, size_t x)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (v[i] == x)
            return 1;
    return 0;
}

int run_cases(const run_config *cfg, const bench_case *const *sel, size_t nsel,
              run_result *out)
{
    size_t i, j, *members, total = 0, done = 0;
    char *grouped;

    memset(out, 0, sizeof *out);
    out->cases = calloc(nsel ? nsel : 1, sizeof *out->cases);
    members = calloc(nsel ? nsel : 1, sizeof *members);
    grouped = calloc(nsel ? nsel : 1, 1);
    if (!out->cases || !members || !grouped) {
        free(out->cases);
        free(members);
        free(grouped);
        out->cases = NULL;
        return BENCH_ENOMEM;
    }
    /* Cases of a group stay together, in registration order. */
    for (i = 0; i < nsel; i++) {
        for (j = i; j < nsel && !grouped[i]; j++) {
            if (grouped[j] || !same_group(sel[i]->name, sel[j]->name))
                continue;
            out->cases[out->ncases].c = sel[j];
            set_group(&out->cases[out->ncases]);
            out->ncases++;
            grouped[j] = 1;
        }
    }
    for (i = 0; i < out->ncases; i++) {
        case_result *cr = &out->cases[i];
        const size_t *sizes;
        size_t ns = case_sizes(cfg, cr->c, &sizes);
        cr->base = -1;
        if (cr->c->baseline)
            for (j = 0; j < out->ncases; j++)
                if (strcmp(out->cases[j].c->name, cr->c->baseline) == 0 && j != i)
                    cr->base = (long)j;
        for (j = 0; j < ns; j++) {
            cr->pts[cr->npoints].n = sizes[j];
            cr->pts[cr->npoints].status = BENCH_ENOENT; /* not measured yet */
            cr->npoints++;
        }
        total += ns;
    }

    for (i = 0; i < out->ncases;) {
        size_t gend = i, k, s;
        size_t all[BENCH_MAX_SIZES * 4], nall = 0;
        while (gend < out->ncases && strcmp(out->cases[gend].group, out->cases[i].group) == 0)
            gend++;
        /* Union of the group's sizes, ascending. */
        for (j = i; j < gend; j++)
            for (s = 0; s < out->cases[j].npoints; s++)
                if (nall < sizeof all / sizeof all[0] && !in_list(all, nall, out->cases[j].pts[s].n))
                    all[nall++] = out->cases[j].pts[s].n;
        for (s = 1; s < nall; s++)
            for (j = s; j > 0 && all[j - 1] > all[j]; j--) {
                size_t t = all[j];
                all[j] = all[j - 1];
                all[j - 1] = t;
            }
        for (s = 0; s < nall; s++) {
            k = 0;
            for (j = i; j < gend; j++)
                if (point_at(&out->cases[j], all[s]))
                    members[k++] = j;
            if (cfg->progress)
                cfg->progress(cfg->progress_ctx, out->cases[i].group, all[s], done, total);
            measure_size(cfg, out, members, k, all[s]);
            done += k;
        }
        for (j = i; j < gend; j++) {
            case_result *cr = &out->cases[j];
            for (s = 0; s < cr->npoints; s++)
                if (cr->base >= 0 && cr->pts[s].status == BENCH_OK) {
                    point_result *bp = point_at(&out->cases[cr->base], cr->pts[s].n);
                    if (bp)
                        compute_ratio(&cr->pts[s], bp);
                }
            fit_case(cr);
        }
        i = gend;
    }
    free(members);
    free(grouped);
    return BENCH_OK;
}
