/*
 * group.c - one group measured (group.h): its slots, in this process or in
 * children, then the derived figures, speedups and exponents.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "child.h"
#include "fit.h"
#include "group.h"
#include "pool.h"

void group_ratio(result_point *p, const result_point *base)
{
    size_t pw[RESULT_MAX_WORKERS], bw[RESULT_MAX_WORKERS], qw[RESULT_MAX_WORKERS];
    size_t np, nb, w, i, ps = 0, bs = 0, nq = 0;
    double *q;

    if (base->status != BENCH_OK || p->m.nsamples == 0 || base->m.nsamples == 0)
        return;
    np = pool_workers(p, pw);
    nb = pool_workers(base, bw);
    if (np != nb)
        return;
    q = malloc(p->m.nsamples * sizeof *q);
    if (!q)
        return;
    /* Sample i of each, worker by worker: the same round of that worker
     * (a case that stopped sooner pairs its rounds only). */
    for (w = 0; w < np; w++) {
        size_t len = pw[w] - ps < bw[w] - bs ? pw[w] - ps : bw[w] - bs;
        for (i = 0; i < len; i++) {
            double v = p->m.samples[ps + i], b = base->m.samples[bs + i];
            if (!(v > 0) || !(b > 0))
                goto out;
            q[nq++] = b / v;
        }
        qw[w] = nq;
        ps = pw[w];
        bs = bw[w];
    }
    if (nq > 0 && bench_stats_compute(q, nq, &p->ratio) == BENCH_OK &&
        pool_widen(&p->ratio, q, qw, np) == BENCH_OK)
        p->has_ratio = 1;
out:
    free(q);
}

/* Every measured time at the noise floor: O(1), not fitted. */
static void fit_floor(result_case *c, size_t k)
{
    size_t i;
    memset(&c->fit, 0, sizeof c->fit);
    c->fit.k = k;
    c->fit.r2 = 1;
    c->fit.bigo = BENCH_O1;
    for (i = 0; i < c->npoints; i++)
        if (c->pts[i].status == BENCH_OK && c->pts[i].m.wall.median > c->fit.coef)
            c->fit.coef = c->pts[i].m.wall.median;
    c->has_fit = c->fit_floor = 1;
}

/* The exponent from the rounds, when every size of c shared them: each
 * round's own slope of ln t on ln n (the fit's weights), their median in
 * *slope, and its 95% interval, widened by the spread between workers as
 * a time's is, as reaches *below and *above it. Drift common to the sizes
 * of a round cancels from that round's slope (as from a speedup's ratio),
 * where the slope of the medians moves with it: a machine that runs in
 * two states puts each size's median in either, by the share of samples
 * each state took. Returns 0 when the rounds cannot be paired (sizes
 * sampled apart, unequal rounds, a time at or below 0): the medians and
 * their own intervals are fitted then. */
static int paired_slope(const result_case *c, const double *n, size_t k, double *slope,
                        double *below, double *above)
{
    const result_point *pts[BENCH_MAX_SIZES];
    size_t wend[RESULT_MAX_WORKERS], nw = 0, ns = 0, i, j, r;
    double wt[BENCH_MAX_SIZES], mx = 0, sxx = 0, *x;
    bench_stats st;
    int ok = 0;

    for (i = 0, j = 0; i < c->npoints && j < k; i++) {
        const result_point *p = &c->pts[i];
        size_t pe[RESULT_MAX_WORKERS], pn;
        if (p->status != BENCH_OK)
            continue;
        if (!p->rounds_shared)
            return 0;
        pn = pool_workers(p, pe);
        if (j == 0) {
            nw = pn;
            memcpy(wend, pe, pn * sizeof *pe);
            ns = p->m.nsamples;
        } else if (pn != nw || memcmp(wend, pe, pn * sizeof *pe) != 0 || p->m.nsamples != ns) {
            return 0;
        }
        pts[j++] = p;
    }
    if (j != k || ns < 2)
        return 0;
    for (i = 0; i < k; i++)
        mx += log(n[i]) / (double)k;
    for (i = 0; i < k; i++)
        sxx += (log(n[i]) - mx) * (log(n[i]) - mx);
    for (i = 0; i < k; i++)
        wt[i] = (log(n[i]) - mx) / sxx;
    if (!(x = malloc(ns * sizeof *x)))
        return 0;
    for (r = 0; r < ns; r++) { /* round r: sample r of every size */
        x[r] = 0;
        for (i = 0; i < k; i++) {
            if (!(pts[i]->m.samples[r] > 0))
                goto out;
            x[r] += wt[i] * log(pts[i]->m.samples[r]);
        }
    }
    if (bench_stats_compute(x, ns, &st) != BENCH_OK ||
        pool_widen_linear(&st, x, wend, nw) != BENCH_OK)
        goto out;
    *slope = st.median;
    *below = st.median - st.ci_lo;
    *above = st.ci_hi - st.median;
    ok = *below >= 0 && *above >= 0;
out:
    free(x);
    return ok;
}

void group_fit(result_case *c)
{
    double n[BENCH_MAX_SIZES], t[BENCH_MAX_SIZES], lo[BENCH_MAX_SIZES], hi[BENCH_MAX_SIZES];
    size_t i, k = 0, ok = 0, floor = 0;

    c->has_fit = c->fit_floor = 0;
    for (i = 0; i < c->npoints; i++) {
        const result_point *p = &c->pts[i];
        if (p->status != BENCH_OK)
            continue;
        ok++;
        if (!(p->m.wall.median > 0) || !(p->m.wall.ci_lo > 0))
            floor++;
        if (!(p->m.wall.median > 0))
            continue;
        n[k] = (double)p->n;
        t[k] = p->m.wall.median;
        lo[k] = p->m.wall.ci_lo;
        hi[k] = p->m.wall.ci_hi;
        k++;
    }
    if (ok >= 2 && floor == ok)
        fit_floor(c, ok); /* below the timer's reach: no growth to see */
    else if (k == ok && k >= 2) {
        double slope, below, above;
        if (paired_slope(c, n, k, &slope, &below, &above))
            c->has_fit = fit_paired(n, t, k, slope, below, above, &c->fit) == BENCH_OK;
        else
            c->has_fit = bench_fit(n, t, lo, hi, k, &c->fit) == BENCH_OK;
    }
}

/* Every case of the group at every one of its sizes. */
static size_t make_slots(const results *r, const result_group *g, slot *slots)
{
    size_t i, s, k = 0;
    for (i = g->first; i < g->end; i++)
        for (s = 0; s < r->cases[i].npoints; s++) {
            slots[k].c = i;
            slots[k].n = r->cases[i].pts[s].n;
            k++;
        }
    return k;
}

static void derive(results *r, const result_group *g)
{
    size_t i, s;
    for (i = g->first; i < g->end; i++) {
        result_case *c = &r->cases[i];
        for (s = 0; s < c->npoints; s++) {
            result_point *p = &c->pts[s];
            size_t wend[RESULT_MAX_WORKERS], nw;
            if (p->status != BENCH_OK)
                continue;
            nw = pool_workers(p, wend);
            p->spread = pool_spread(p);
            (void)pool_widen(&p->m.wall, p->m.samples, wend, nw); /* unwidened without memory */
        }
        for (s = 0; s < c->npoints; s++)
            if (c->base >= 0 && c->pts[s].status == BENCH_OK) {
                const result_point *bp = result_point_at(&r->cases[c->base], c->pts[s].n);
                if (bp)
                    group_ratio(&c->pts[s], bp);
            }
        group_fit(c);
    }
}

size_t group_measure(const slot_config *cfg, results *r, size_t g, volatile isolate_watch *w)
{
    const result_group *grp = &r->groups[g];
    slot *slots = calloc((grp->end - grp->first) * BENCH_MAX_SIZES, sizeof *slots);
    size_t i, s, k;

    if (!slots) {
        for (i = grp->first; i < grp->end; i++)
            for (s = 0; s < r->cases[i].npoints; s++)
                result_fail(&r->cases[i], &r->cases[i].pts[s], BENCH_ENOMEM, NULL);
        return 0;
    }
    k = make_slots(r, grp, slots);
    if (cfg->stop && *cfg->stop) {
        for (i = 0; i < k; i++) {
            result_case *c;
            result_point *p = slots_point(r, &slots[i], &c);
            result_fail(c, p, BENCH_EINTR, "not measured: interrupted");
        }
    } else if (cfg->isolate) {
        child_measure(cfg, r, slots, k, w);
    } else {
        slots_measure(cfg, r, slots, k, w);
    }
    derive(r, grp);
    free(slots);
    return k;
}
