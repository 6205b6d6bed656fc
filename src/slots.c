/*
 * slots.c - a group's slots measured in this process (slots.h): set up,
 * checked, sampled together, torn down.
 */
#include <assert.h>
#include <stdlib.h>

#include "clock.h"
#include "latency.h"
#include "measure.h"
#include "slots.h"

/* What one call of slots_measure holds, k of each. */
typedef struct slot_work {
    void **states;
    uint64_t *digests;
    int *live;       /* indices of the slots still measurable (w->current) */
    bench_fn *fns;   /* run of each live slot */
    void **args;     /* its state */
    uint64_t *hints; /* its call count from an earlier worker, or 0 */
    double *first;   /* how long the checking run took, in seconds */
    bench_measurement *ms;
} slot_work;

result_point *slots_point(results *r, const slot *s, result_case **c)
{
    result_point *p;
    *c = &r->cases[s->c];
    p = result_point_at(*c, s->n);
    assert(p != NULL);
    return p;
}

/* Announce a step to the parent (isolate.h): whose code runs, and how many
 * timeouts it may take. */
static void step(volatile isolate_watch *w, int current, unsigned scale)
{
    w->current = current;
    w->scale = scale;
    w->since = clock_now_s();
    w->tick++;
}

static int work_alloc(slot_work *wk, size_t k)
{
    wk->states = calloc(k, sizeof *wk->states);
    wk->digests = calloc(k, sizeof *wk->digests);
    wk->live = calloc(k, sizeof *wk->live);
    wk->fns = calloc(k, sizeof *wk->fns);
    wk->args = calloc(k, sizeof *wk->args);
    wk->hints = calloc(k, sizeof *wk->hints);
    wk->first = calloc(k, sizeof *wk->first);
    wk->ms = calloc(k, sizeof *wk->ms);
    return wk->states && wk->digests && wk->live && wk->fns && wk->args && wk->hints &&
           wk->first && wk->ms;
}

static void work_free(slot_work *wk)
{
    free(wk->states);
    free(wk->digests);
    free(wk->live);
    free(wk->fns);
    free(wk->args);
    free(wk->hints);
    free(wk->first);
    free(wk->ms);
}

/* Set each slot up, and run it once, outside the samples, for the answer
 * to check; how long that run took decides how the sizes share rounds. */
static void set_up(const slot_config *cfg, results *r, const slot *slots, size_t k, slot_work *wk,
                   volatile isolate_watch *w)
{
    const bench_clock *clock = cfg->measure.clock ? cfg->measure.clock : &clock_real;
    size_t i;
    for (i = 0; i < k; i++) {
        uint64_t t0;
        result_case *c;
        result_point *p = slots_point(r, &slots[i], &c);
        step(w, (int)i, 1);
        if (c->def->setup && !(wk->states[i] = c->def->setup(slots[i].n))) {
            result_fail(c, p, BENCH_ESETUP, "setup failed (size too large to allocate?)");
            continue;
        }
        t0 = clock->now(clock->ctx);
        c->def->run(wk->states[i]);
        wk->first[i] = (double)(clock->now(clock->ctx) - t0) / 1e9;
        if (c->def->digest)
            wk->digests[i] = c->def->digest(wk->states[i]);
        p->status = BENCH_OK;
    }
    step(w, -1, 1);
}

/* Each variant must compute its baseline's answer at the same size. */
static void check_answers(results *r, const slot *slots, size_t k, const slot_work *wk)
{
    size_t i, j;
    for (i = 0; i < k; i++) {
        result_case *c;
        result_point *p = slots_point(r, &slots[i], &c);
        if (p->status != BENCH_OK || c->base < 0 || !c->def->digest)
            continue;
        for (j = 0; j < k; j++) {
            result_case *bc;
            const result_point *bp = slots_point(r, &slots[j], &bc);
            if ((long)slots[j].c == c->base && slots[j].n == slots[i].n && bp->status == BENCH_OK &&
                bc->def->digest && wk->digests[j] != wk->digests[i])
                result_fail(c, p, BENCH_ECHECK, "answer differs from the baseline's");
        }
    }
}

/* --latency for one slot, after its samples, with its own budget. */
static void time_calls(const slot_config *cfg, result_point *p, bench_fn fn, void *arg,
                       result_case *c, uint64_t batch, double clock_ns)
{
    latency_config lc;
    result_latency *lat = malloc(sizeof *lat);
    int rc;

    if (!lat) {
        result_fail(c, p, BENCH_ENOMEM, NULL);
        return;
    }
    lc.clock = cfg->measure.clock;
    lc.budget_s = cfg->measure.min_time;
    lc.max_calls = 0;
    lc.stop = cfg->stop;
    rc = latency_measure(&lc, fn, arg, batch, clock_ns, lat);
    if (rc != BENCH_OK) {
        free(lat);
        bench_measurement_free(&p->m);
        result_fail(c, p, rc, NULL);
        return;
    }
    p->lat = lat;
    if (!c->def->waits)
        return;
    lat = malloc(sizeof *lat);
    rc = lat ? latency_waits(c->def->waits, arg, lat) : BENCH_ENOMEM;
    if (rc == BENCH_OK) {
        p->wait = lat;
        return;
    }
    free(lat);
    if (rc == BENCH_ENOMEM) { /* no waits measured is no figure, not a failure */
        bench_measurement_free(&p->m);
        result_latency_free(p->lat);
        p->lat = NULL;
        result_fail(c, p, rc, NULL);
    }
}

/* Sample the live slots wk->live[from..to-1] all in the same rounds. The
 * rounds share one step (as many timeouts as slots), but w->current names
 * the slot whose run is being timed at each moment (-1 between samples),
 * so that a crash or a hang while sampling is blamed on that slot alone.
 * n: their size, for the progress line (0: several). */
static int sample_together(const slot_config *cfg, results *r, const slot *slots, size_t from,
                           size_t to, size_t n, int shared, slot_work *wk,
                           volatile isolate_watch *w)
{
    size_t i, k = to - from;
    int rc;

    step(w, -1, (unsigned)k); /* every slot shares this step's time */
    w->n = n;
    if (!cfg->isolate && cfg->ticker.fn)
        cfg->ticker.fn(cfg->ticker.ctx);
    rc = measure_many_watched(&cfg->measure, k, wk->fns + from, wk->args + from, wk->ms + from,
                              &w->current, wk->live + from, wk->hints + from);
    w->current = -1;
    w->n = 0;
    /* A stop ends the sampling early with what it had: too little, and not
     * what the options asked for, so those sizes are reported interrupted
     * rather than as figures that look whole. */
    if (rc == BENCH_OK && cfg->stop && *cfg->stop) {
        for (i = from; i < to; i++)
            bench_measurement_free(&wk->ms[i]);
        rc = BENCH_EINTR;
    }
    for (i = from; i < to; i++) {
        result_case *c;
        result_point *p = slots_point(r, &slots[wk->live[i]], &c);
        if (rc == BENCH_EINTR) {
            result_fail(c, p, rc, "interrupted");
            continue;
        }
        if (rc != BENCH_OK) {
            result_fail(c, p, rc, NULL);
            continue;
        }
        p->m = wk->ms[i];
        p->rounds_shared = shared;
    }
    return rc;
}

/* --latency for the live slots wk->live[from..to-1], all of one size:
 * one batch for them all, the largest any of them needs, so that their
 * percentiles compare call for call. */
static void latency_size(const slot_config *cfg, results *r, const slot *slots, size_t from,
                         size_t to, slot_work *wk, volatile isolate_watch *w)
{
    uint64_t batch = 1;
    double clock = cfg->clock_ns > 0 ? cfg->clock_ns : 0;
    size_t i;

    for (i = from; i < to; i++) {
        result_case *c;
        const result_point *p = slots_point(r, &slots[wk->live[i]], &c);
        if (p->status == BENCH_OK && p->m.fixed_ns > clock)
            clock = p->m.fixed_ns;
    }
    for (i = from; i < to; i++) {
        result_case *c;
        const result_point *p = slots_point(r, &slots[wk->live[i]], &c);
        uint64_t b;
        if (p->status != BENCH_OK)
            continue;
        b = latency_batch(clock, p->m.wall.median + p->m.overhead_ns);
        if (b > batch)
            batch = b;
    }
    for (i = from; i < to; i++) {
        result_case *c;
        result_point *p = slots_point(r, &slots[wk->live[i]], &c);
        if (p->status != BENCH_OK)
            continue;
        w->current = wk->live[i];
        time_calls(cfg, p, wk->fns[i], wk->args[i], c, batch, clock);
        w->current = -1;
    }
}

/* Can every size share the same rounds? Only when each slot's one call
 * (the checking run, cold, so if anything too long) lasts at most
 * SHARE_SAMPLES sample times: then no sample lasts more than that many
 * sample times (the auto-range's steps reach 2.5), no size takes much of
 * the rounds' time from another, and every point gets at least the
 * min_samples the rounds never stop short of. A fixed --number leaves each
 * size its own rounds, since a sample then lasts as long as its calls. */
#define SHARE_SAMPLES 4
static int sizes_share_rounds(const slot_config *cfg, const slot *slots, size_t nlive,
                              const slot_work *wk)
{
    double sample_time = measure_sample_time(&cfg->measure);
    size_t i;

    if (cfg->measure.number)
        return 0;
    for (i = 0; i < nlive; i++)
        if (!(wk->first[wk->live[i]] <= SHARE_SAMPLES * sample_time))
            return 0;
    for (i = 1; i < nlive; i++)
        if (slots[wk->live[i]].n != slots[wk->live[0]].n)
            return 1;
    return 0; /* one size: nothing to share */
}

/* Sample every slot still standing. When every call is short, all sizes
 * share the same rounds: sample i of each slot is of the same moment, so
 * the machine's drift cancels from the speedups and from the exponents
 * alike. Otherwise size by size: the cases of one size in the same rounds
 * (their speedups still pair sample i with sample i), each size with the
 * budget of its slots, so that a slow size cannot starve a fast one. The
 * reference loop is timed before and after, for the drift. */
static void sample(const slot_config *cfg, results *r, const slot *slots, size_t k, slot_work *wk,
                   volatile isolate_watch *w)
{
    size_t i, j, nlive = 0, from;
    double before, after, drift;
    int shared;

    /* The live slots, grouped by size in the order sizes first appear. */
    for (i = 0; i < k; i++) {
        result_case *c;
        if (slots_point(r, &slots[i], &c)->status != BENCH_OK)
            continue;
        for (j = 0; j < nlive; j++)
            if (slots[wk->live[j]].n == slots[i].n)
                break;
        if (j == nlive) {
            for (j = 0; j < k; j++) {
                result_case *cj;
                if (slots[j].n != slots[i].n || slots_point(r, &slots[j], &cj)->status != BENCH_OK)
                    continue;
                wk->live[nlive] = (int)j;
                wk->fns[nlive] = cj->def->run;
                wk->args[nlive] = wk->states[j];
                wk->hints[nlive] = slots[j].number;
                nlive++;
            }
        }
    }
    if (nlive == 0)
        return;
    shared = sizes_share_rounds(cfg, slots, nlive, wk);
    before = measure_reference_ns(cfg->measure.clock);
    if (shared)
        (void)sample_together(cfg, r, slots, 0, nlive, 0, 1, wk, w);
    for (from = 0; from < nlive; from = i) {
        for (i = from + 1; i < nlive && slots[wk->live[i]].n == slots[wk->live[from]].n; i++)
            ;
        if (!shared) {
            if (from > 0 && cfg->stop && *cfg->stop) {
                for (j = from; j < i; j++) {
                    result_case *c;
                    result_point *p = slots_point(r, &slots[wk->live[j]], &c);
                    result_fail(c, p, BENCH_EINTR, "not measured: interrupted");
                }
                continue;
            }
            if (sample_together(cfg, r, slots, from, i, slots[wk->live[from]].n, 0, wk, w) !=
                BENCH_OK)
                continue;
        }
        if (cfg->latency)
            latency_size(cfg, r, slots, from, i, wk, w);
    }
    after = measure_reference_ns(cfg->measure.clock);
    drift = before > 0 && after > 0 ? after / before - 1 : 0;
    for (i = 0; i < nlive; i++) {
        result_case *c;
        result_point *p = slots_point(r, &slots[wk->live[i]], &c);
        if (p->status == BENCH_OK)
            p->drift = drift;
    }
}

static void tear_down(results *r, const slot *slots, size_t k, const slot_work *wk,
                      volatile isolate_watch *w)
{
    size_t i;
    for (i = 0; i < k; i++) {
        result_case *c = &r->cases[slots[i].c];
        step(w, (int)i, 1);
        if (wk->states[i] && c->def->teardown)
            c->def->teardown(wk->states[i]);
    }
    step(w, -1, 1);
}

void slots_measure(const slot_config *cfg, results *r, const slot *slots, size_t k,
                   volatile isolate_watch *w)
{
    slot_work wk;
    size_t i;

    if (!work_alloc(&wk, k)) {
        for (i = 0; i < k; i++) {
            result_case *c;
            result_point *p = slots_point(r, &slots[i], &c);
            result_fail(c, p, BENCH_ENOMEM, NULL);
        }
        work_free(&wk);
        return;
    }
    set_up(cfg, r, slots, k, &wk, w);
    check_answers(r, slots, k, &wk);
    sample(cfg, r, slots, k, &wk, w);
    tear_down(r, slots, k, &wk, w);
    work_free(&wk);
}
