/*
 * run.c - measures the selected cases: group by group, size by size, the
 * variants of a group interleaved so that "X times faster" compares samples
 * taken side by side. Prints nothing; the CLI reports what it returns.
 */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

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

size_t group_len(const char *name)
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
    static const size_t one = 1;
    *sizes = c->sizes;
    while (n < BENCH_MAX_SIZES && c->sizes[n])
        n++;
    if (n == 0) { /* a case that declares no sizes runs at N=1 */
        *sizes = &one;
        n = 1;
    }
    return n;
}

point_result *case_point(const case_result *cr, size_t n)
{
    size_t i;
    for (i = 0; i < cr->npoints; i++)
        if (cr->pts[i].n == n)
            return (point_result *)&cr->pts[i];
    return NULL;
}

void mark_failed(case_result *cr, point_result *p, int status, const char *why)
{
    p->status = status;
    snprintf(p->why, sizeof p->why, "%s", why ? why : bench_strerror(status));
    if (!cr->failed) {
        cr->failed = 1;
        snprintf(cr->why, sizeof cr->why, "N=%zu: %s", p->n, p->why);
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

point_result *slot_point(run_result *out, const slot *sl, case_result **cr)
{
    *cr = &out->cases[sl->c];
    return case_point(*cr, sl->n);
}

/* Measure slots[0..k-1], every case at every size of a group interleaved,
 * so drift of the machine cancels from the exponents as it does from the
 * speedups. w->current names the slot whose own code (setup, the checking
 * run, digest, teardown) is running, -1 otherwise: after a crash in a
 * child it tells whom to blame, and each step is timed on its own. */
static void step(volatile isolate_watch *w, int current, unsigned scale)
{
    w->current = current;
    w->scale = scale;
    w->since = now_s();
    w->tick++;
}

void measure_slots(const run_config *cfg, run_result *out, const slot *slots,
                          size_t k, volatile isolate_watch *w)
{
    void **states = calloc(k, sizeof *states), **args = calloc(k, sizeof *args);
    bench_fn *fns = calloc(k, sizeof *fns);
    size_t *live = calloc(k, sizeof *live);
    uint64_t *digests = calloc(k, sizeof *digests);
    bench_measurement *ms = calloc(k, sizeof *ms);
    size_t i, j, nlive = 0;
    case_result *cr;
    point_result *p;
    int rc = BENCH_OK;

    if (!states || !args || !fns || !live || !digests || !ms) {
        for (i = 0; i < k; i++)
            if ((p = slot_point(out, &slots[i], &cr)))
                mark_failed(cr, p, BENCH_ENOMEM, NULL);
        goto done;
    }
    for (i = 0; i < k; i++) {
        p = slot_point(out, &slots[i], &cr);
        step(w, (int)i, 1);
        if (cr->c->setup && !(states[i] = cr->c->setup(slots[i].n))) {
            mark_failed(cr, p, BENCH_ESETUP, "setup failed (size too large to allocate?)");
            continue;
        }
        /* One run outside timing gives the answer to check. */
        cr->c->run(states[i]);
        if (cr->c->digest)
            digests[i] = cr->c->digest(states[i]);
        p->status = BENCH_OK;
    }
    step(w, -1, 1);
    /* Each variant must compute its baseline's answer at the same size. */
    for (i = 0; i < k; i++) {
        p = slot_point(out, &slots[i], &cr);
        if (p->status != BENCH_OK || cr->base < 0 || !cr->c->digest)
            continue;
        for (j = 0; j < k; j++) {
            case_result *bc;
            point_result *bp = slot_point(out, &slots[j], &bc);
            if ((long)slots[j].c == cr->base && slots[j].n == slots[i].n &&
                bp->status == BENCH_OK && bc->c->digest && digests[j] != digests[i])
                mark_failed(cr, p, BENCH_ECHECK, "answer differs from the baseline's");
        }
    }
    for (i = 0; i < k; i++) {
        p = slot_point(out, &slots[i], &cr);
        if (p->status == BENCH_OK) {
            live[nlive] = i;
            fns[nlive] = cr->c->run;
            args[nlive] = states[i];
            nlive++;
        }
    }
    if (nlive > 0) {
        double before = reference_ns(cfg->measure.clock), after;
        step(w, -1, (unsigned)nlive); /* every slot shares this step */
        rc = bench_measure_many(&cfg->measure, nlive, fns, args, ms);
        after = reference_ns(cfg->measure.clock);
        for (i = 0; i < nlive; i++) {
            p = slot_point(out, &slots[live[i]], &cr);
            if (rc != BENCH_OK) {
                mark_failed(cr, p, rc, NULL);
                continue;
            }
            p->m = ms[i];
            p->drift = before > 0 && after > 0 ? after / before - 1 : 0;
        }
    }
    for (i = 0; i < k; i++) {
        slot_point(out, &slots[i], &cr);
        step(w, (int)i, 1);
        if (states[i] && cr->c->teardown)
            cr->c->teardown(states[i]);
    }
    step(w, -1, 1);
done:
    free(states);
    free(args);
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

int run_cases(const run_config *cfg, const bench_case *const *sel, size_t nsel,
              run_result *out)
{
    size_t i, j, total = 0, done = 0;
    slot *slots;
    char *grouped;
    volatile isolate_watch *w;

    memset(out, 0, sizeof *out);
    /* Shared with the children, so a crash can be blamed on a case. */
    w = mmap(NULL, sizeof *w, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (w == MAP_FAILED)
        return BENCH_ENOMEM;
    out->cases = calloc(nsel ? nsel : 1, sizeof *out->cases);
    slots = calloc((nsel ? nsel : 1) * BENCH_MAX_SIZES, sizeof *slots);
    grouped = calloc(nsel ? nsel : 1, 1);
    if (!out->cases || !slots || !grouped) {
        free(out->cases);
        free(slots);
        free(grouped);
        out->cases = NULL;
        munmap((void *)w, sizeof *w);
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
        size_t gend = i, k = 0, s;
        while (gend < out->ncases && strcmp(out->cases[gend].group, out->cases[i].group) == 0)
            gend++;
        for (j = i; j < gend; j++)
            for (s = 0; s < out->cases[j].npoints; s++) {
                slots[k].c = j;
                slots[k].n = out->cases[j].pts[s].n;
                k++;
            }
        if (cfg->progress)
            cfg->progress(cfg->progress_ctx, out->cases[i].group, done, total);
        if (cfg->stop && *cfg->stop) {
            out->incomplete = 1;
            for (j = 0; j < k; j++) {
                case_result *cr;
                point_result *p = slot_point(out, &slots[j], &cr);
                mark_failed(cr, p, BENCH_EINTR, "not measured: interrupted");
            }
        } else if (cfg->isolate) {
            measure_slots_isolated(cfg, out, slots, k, w);
        } else {
            measure_slots(cfg, out, slots, k, w);
        }
        done += k;
        for (j = i; j < gend; j++) {
            case_result *cr = &out->cases[j];
            for (s = 0; s < cr->npoints; s++)
                if (cr->base >= 0 && cr->pts[s].status == BENCH_OK) {
                    point_result *bp = case_point(&out->cases[cr->base], cr->pts[s].n);
                    if (bp)
                        compute_ratio(&cr->pts[s], bp);
                }
            fit_case(cr);
        }
        i = gend;
    }
    free(slots);
    free(grouped);
    munmap((void *)w, sizeof *w);
    if (cfg->stop && *cfg->stop)
        out->incomplete = 1;
    return BENCH_OK;
}
