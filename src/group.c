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

/* The exponent's spread between worker processes, for the points
 * c->pts[at[0..k-1]]: each worker's own exponent, the least-squares slope
 * of the logs of its medians on ln n, and h = t(0.975, K-1) sd * sqrt(2/K)
 * over the K workers, as for a median (pool.h). A worker measures every
 * size of a case, one size after the other, so what its process or a
 * spell of the machine does to all sizes alike cancels in its exponent,
 * as it does in a speedup's paired ratio. Returns 0 (and *extra is unset)
 * unless every point has the same K >= 2 workers, each with a positive
 * median at every size. */
static int worker_spread(const result_case *c, const size_t *at, size_t k, double *extra)
{
    double lm[BENCH_MAX_SIZES][RESULT_MAX_WORKERS], x[BENCH_MAX_SIZES], slope[RESULT_MAX_WORKERS];
    double mx = 0, sxx = 0;
    size_t i, w, K = 0;

    for (i = 0; i < k; i++) {
        const result_point *p = &c->pts[at[i]];
        size_t wend[RESULT_MAX_WORKERS], nw = pool_workers(p, wend), got;
        if (nw < 2 || (i > 0 && nw != K) ||
            pool_medians(p->m.samples, wend, nw, 1, lm[i], &got) != BENCH_OK || got != nw)
            return 0;
        for (w = 0; w < nw; w++)
            if (!isfinite(lm[i][w]))
                return 0; /* a median at or below 0 */
        K = nw;
        x[i] = log((double)p->n);
        mx += x[i];
    }
    mx /= (double)k;
    for (i = 0; i < k; i++)
        sxx += (x[i] - mx) * (x[i] - mx);
    if (!(sxx > 0))
        return 0;
    for (w = 0; w < K; w++) {
        double my = 0, sxy = 0;
        for (i = 0; i < k; i++)
            my += lm[i][w];
        my /= (double)k;
        for (i = 0; i < k; i++)
            sxy += (x[i] - mx) * (lm[i][w] - my);
        slope[w] = sxy / sxx;
    }
    *extra = pool_t975(K - 1) * sqrt(2.0 * pool_variance(slope, K) / (double)K);
    return 1;
}

void group_fit(result_case *c)
{
    double n[BENCH_MAX_SIZES], t[BENCH_MAX_SIZES], lo[BENCH_MAX_SIZES], hi[BENCH_MAX_SIZES];
    double extra = 0;
    size_t i, k = 0, ok = 0, floor = 0, at[BENCH_MAX_SIZES];

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
        at[k++] = i;
    }
    if (ok >= 2 && floor == ok) {
        fit_floor(c, ok); /* below the timer's reach: no growth to see */
        return;
    }
    if (k != ok || k < 2)
        return;
    /* With worker processes, the exponent takes each median's interval
     * within the pooled samples (not widened: that is each size's own
     * between-process spread, which the exponent would count as if the
     * sizes had been measured in different processes) and adds the spread
     * of the workers' own exponents. */
    if (worker_spread(c, at, k, &extra)) {
        double ulo[BENCH_MAX_SIZES], uhi[BENCH_MAX_SIZES];
        for (i = 0; i < k; i++) {
            const result_point *p = &c->pts[at[i]];
            bench_stats st;
            if (bench_stats_compute(p->m.samples, p->m.nsamples, &st) != BENCH_OK)
                break;
            ulo[i] = st.ci_lo;
            uhi[i] = st.ci_hi;
        }
        if (i == k) {
            memcpy(lo, ulo, sizeof lo[0] * k);
            memcpy(hi, uhi, sizeof hi[0] * k);
        } else {
            extra = 0; /* out of memory: the widened intervals alone */
        }
    }
    if (fit_widened(n, t, lo, hi, k, extra, &c->fit) == BENCH_OK)
        c->has_fit = 1;
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
