/*
 * child.c - a group's slots measured in a child process (child.h; isolate.c
 * forks it): the child measures as slots.c does in-process and sends every
 * point back over a pipe; the parent takes what arrived and, when the child
 * died inside one slot's own code (its sampling included: slots.c names
 * the slot being timed), fails that slot and measures the rest again
 * without it.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "child.h"
#include "loop.h"

/* A latency summary as the child sends it; its HIST_BUCKETS counters
 * follow the point's samples. */
typedef struct wire_lat {
    uint32_t has;
    uint64_t calls, batch, batch_min, count;
    double clock, min, max, sum;
} wire_lat;

/* One point as the child sends it, followed by nsamples wall times and
 * nsamples CPU times (doubles), then the counters of lat and of wait when
 * they are there. Parent and child are the same binary. */
typedef struct wire_point {
    uint32_t slot;
    int32_t status;
    uint64_t number, nsamples;
    double overhead_ns, drift;
    uint32_t disturbed, rounds_shared;
    wire_lat lat, wait; /* --latency: the calls, and the case's own waits */
    char why[96];
} wire_point;

#define WIRE_HIST_BYTES (HIST_BUCKETS * sizeof(uint64_t))

typedef struct slots_job {
    const slot_config *cfg;
    results *out;
    const slot *slots;
    size_t k;
    volatile isolate_watch *w;
} slots_job;

/* What the harness owns of a process's placement, varied by worker:
 * the stack depth at which the cases run (CHILD_STACK_STEP bytes more per
 * worker, which moves every frame of run against the cache sets) and the
 * copy of the timing loop each function gets (loop.h). Worker processes
 * then sample placement on purpose, not only as the loader and heap fall
 * (docs/measurement.md, "Placement"). */
#define CHILD_STACK_STEP  1104 /* 17 cache lines and 16 bytes */
#define CHILD_STACK_KINDS 8

static void measure_placed(const slots_job *j)
{
    unsigned w = j->w->worker;
    volatile char pad[1 + CHILD_STACK_STEP * (w % CHILD_STACK_KINDS)];
    pad[0] = 0;
    loop_first(7 * (size_t)w);
    slots_measure(j->cfg, j->out, j->slots, j->k, j->w);
    pad[sizeof pad - 1] = pad[0];
}

static void wire_of(wire_lat *w, const result_latency *l)
{
    if (!l)
        return;
    w->has = 1;
    w->calls = l->calls;
    w->batch = l->batch;
    w->batch_min = l->batch_min;
    w->clock = l->clock_ns;
    w->count = l->h.count;
    w->min = l->h.min;
    w->max = l->h.max;
    w->sum = l->h.sum;
}

static void slots_child(void *ctx, int fd)
{
    slots_job *j = ctx;
    size_t i;
    measure_placed(j);
    for (i = 0; i < j->k; i++) {
        result_case *cr;
        const result_point *p = slots_point(j->out, &j->slots[i], &cr);
        wire_point w;
        memset(&w, 0, sizeof w);
        w.slot = (uint32_t)i;
        w.status = p->status;
        w.number = p->m.number;
        w.nsamples = p->status == BENCH_OK ? p->m.nsamples : 0;
        w.overhead_ns = p->m.overhead_ns;
        w.drift = p->drift;
        w.disturbed = p->m.disturbed;
        w.rounds_shared = (uint32_t)p->rounds_shared;
        memcpy(w.why, p->why, sizeof w.why);
        if (p->status == BENCH_OK) {
            wire_of(&w.lat, p->lat);
            wire_of(&w.wait, p->wait);
        }
        if (isolate_write_all(fd, &w, sizeof w) != 0 ||
            isolate_write_all(fd, p->m.samples, w.nsamples * sizeof(double)) != 0 ||
            isolate_write_all(fd, p->m.cpu_samples, w.nsamples * sizeof(double)) != 0 ||
            (w.lat.has && isolate_write_all(fd, p->lat->h.counts, WIRE_HIST_BYTES) != 0) ||
            (w.wait.has && isolate_write_all(fd, p->wait->h.counts, WIRE_HIST_BYTES) != 0))
            _Exit(3);
    }
}

/* Copy one measured point out of the child's message. */
static int take_samples(result_point *p, const wire_point *w, const char *data)
{
    bench_measurement *m = &p->m;
    size_t bytes = (size_t)w->nsamples * sizeof(double);

    memset(m, 0, sizeof *m);
    m->samples = malloc(bytes);
    m->cpu_samples = malloc(bytes);
    if (!m->samples || !m->cpu_samples || w->nsamples == 0) {
        bench_measurement_free(m);
        return BENCH_ENOMEM;
    }
    memcpy(m->samples, data, bytes);
    memcpy(m->cpu_samples, data + bytes, bytes);
    m->number = w->number;
    m->nsamples = (size_t)w->nsamples;
    m->overhead_ns = w->overhead_ns;
    m->disturbed = w->disturbed;
    p->drift = w->drift;
    p->rounds_shared = w->rounds_shared != 0;
    if (bench_stats_compute(m->samples, m->nsamples, &m->wall) != BENCH_OK ||
        bench_stats_compute(m->cpu_samples, m->nsamples, &m->cpu) != BENCH_OK) {
        bench_measurement_free(m);
        return BENCH_ENOMEM;
    }
    return BENCH_OK;
}

/* A --latency histogram the child sent, into *to. */
static int take_latency(result_latency **to, const wire_lat *w, const char *data)
{
    result_latency *lat = calloc(1, sizeof *lat);
    if (!lat || hist_init(&lat->h) != 0) {
        free(lat);
        return BENCH_ENOMEM;
    }
    memcpy(lat->h.counts, data, WIRE_HIST_BYTES);
    lat->h.count = w->count;
    lat->h.min = w->min;
    lat->h.max = w->max;
    lat->h.sum = w->sum;
    lat->calls = w->calls;
    lat->batch = w->batch;
    lat->batch_min = w->batch_min;
    lat->clock_ns = w->clock;
    result_latency_summarize(lat);
    *to = lat;
    return BENCH_OK;
}

/* Take the points the child sent; got[i] says which slots arrived. */
static void receive(results *out, const slot *slots, size_t k, const isolate_result *res, char *got)
{
    size_t off = 0;
    while (res->len - off >= sizeof(wire_point)) {
        wire_point w;
        result_case *cr;
        result_point *p;
        int rc;
        size_t bytes, hists;
        const char *at;
        memcpy(&w, res->data + off, sizeof w);
        if (w.slot >= k || w.nsamples > (res->len - off - sizeof w) / (2 * sizeof(double)))
            break;
        bytes = (size_t)w.nsamples * 2 * sizeof(double);
        hists = (w.lat.has ? WIRE_HIST_BYTES : 0) + (w.wait.has ? WIRE_HIST_BYTES : 0);
        if (res->len - off - sizeof w - bytes < hists)
            break;
        off += sizeof w;
        p = slots_point(out, &slots[w.slot], &cr);
        got[w.slot] = 1;
        w.why[sizeof w.why - 1] = 0;
        rc = w.status != BENCH_OK ? w.status : take_samples(p, &w, res->data + off);
        at = res->data + off + bytes;
        if (rc == BENCH_OK && w.lat.has && (rc = take_latency(&p->lat, &w.lat, at)) == BENCH_OK)
            at += WIRE_HIST_BYTES;
        if (rc == BENCH_OK && w.wait.has)
            rc = take_latency(&p->wait, &w.wait, at);
        if (rc != BENCH_OK && w.status == BENCH_OK)
            bench_measurement_free(&p->m);
        if (rc != BENCH_OK)
            result_fail(cr, p, rc, w.status != BENCH_OK ? w.why : NULL);
        else
            p->status = BENCH_OK;
        off += bytes + hists;
    }
}

/* One child over left[0..nleft-1]: takes what it sent, fails the slots it
 * did not send when the child died outside any one slot's code (or was
 * stopped), and moves the innocent bystanders of a slot that crashed to
 * the front of left. Returns how many are left to measure again. */
static size_t one_child(const slot_config *cfg, results *out, slot *left, size_t nleft, char *got,
                        volatile isolate_watch *w)
{
    slots_job job;
    isolate_result res;
    size_t kept = 0, i;
    int culprit;

    job.cfg = cfg;
    job.out = out;
    job.slots = left;
    job.k = nleft;
    job.w = w;
    w->current = -1;
    memset(got, 0, nleft);
    isolate_run(slots_child, &job, cfg->timeout, w, cfg->stop, &cfg->ticker, &res);
    receive(out, left, nleft, &res, got);
    free(res.data);
    culprit = w->current;
    for (i = 0; i < nleft; i++) {
        result_case *cr;
        result_point *p = slots_point(out, &left[i], &cr);
        if (got[i])
            continue;
        if (culprit < 0 || (size_t)culprit == i || (cfg->stop && *cfg->stop))
            result_fail(cr, p, BENCH_ECRASH, res.why);
        else
            left[kept++] = left[i]; /* an innocent bystander: again */
    }
    return culprit < 0 ? 0 : kept;
}

/* One slot's samples gathered over the workers. */
typedef struct gathered {
    double *samples, *cpu;
    size_t n;
    unsigned nw;
    size_t wend[RESULT_MAX_WORKERS];
    uint64_t wnumber[RESULT_MAX_WORKERS];
    double overhead, fixed, drift;
    unsigned disturbed, shared; /* shared: workers whose rounds held every size */
    result_latency *lat, *wait; /* --latency: the workers' histograms merged */
} gathered;

/* Worker's summary *from merged into *to (taken over when *to is NULL). */
static void merge(result_latency **to, result_latency **from)
{
    result_latency *t = *to, *f = *from;
    if (!f)
        return;
    *from = NULL;
    if (!t) {
        *to = f;
        return;
    }
    hist_merge(&t->h, &f->h);
    t->calls += f->calls;
    if (f->batch > t->batch)
        t->batch = f->batch;
    if (f->batch_min < t->batch_min)
        t->batch_min = f->batch_min;
    if (f->clock_ns > t->clock_ns)
        t->clock_ns = f->clock_ns;
    result_latency_free(f);
}

/* Every slot in one child, again as long as an innocent bystander of a
 * crash is left to measure. */
static void one_worker(const slot_config *cfg, results *out, const slot *slots, size_t k,
                       volatile isolate_watch *w, slot *left, char *got)
{
    size_t nleft = k;
    memcpy(left, slots, k * sizeof *left);
    while (nleft > 0)
        nleft = one_child(cfg, out, left, nleft, got, w);
}

/* Move worker w's samples of point p into g. */
static int gather(gathered *g, result_point *p)
{
    bench_measurement *m = &p->m;
    size_t n = g->n + m->nsamples;
    double *s = realloc(g->samples, (n ? n : 1) * sizeof *s), *c;
    if (s)
        g->samples = s;
    c = s ? realloc(g->cpu, (n ? n : 1) * sizeof *c) : NULL;
    if (!s || !c)
        return BENCH_ENOMEM;
    g->cpu = c;
    memcpy(g->samples + g->n, m->samples, m->nsamples * sizeof *s);
    memcpy(g->cpu + g->n, m->cpu_samples, m->nsamples * sizeof *c);
    g->n = n;
    g->wend[g->nw] = n;
    g->wnumber[g->nw] = m->number;
    g->nw++;
    g->overhead += m->overhead_ns;
    g->fixed += m->fixed_ns;
    g->disturbed += m->disturbed;
    g->shared += p->rounds_shared != 0;
    if (fabs(p->drift) > fabs(g->drift))
        g->drift = p->drift;
    merge(&g->lat, &p->lat);
    merge(&g->wait, &p->wait);
    bench_measurement_free(m);
    p->status = BENCH_ENOENT;
    return BENCH_OK;
}

/* The gathered samples become the point's measurement. */
static int settle(gathered *g, result_point *p)
{
    bench_measurement *m = &p->m;
    memset(m, 0, sizeof *m);
    m->samples = g->samples;
    m->cpu_samples = g->cpu;
    g->samples = g->cpu = NULL;
    m->nsamples = g->n;
    m->number = g->wnumber[0];
    m->overhead_ns = g->overhead / g->nw;
    m->fixed_ns = g->fixed / g->nw;
    m->disturbed = g->disturbed;
    p->drift = g->drift;
    p->nworkers = g->nw;
    p->rounds_shared = g->shared == g->nw;
    memcpy(p->wend, g->wend, sizeof p->wend);
    memcpy(p->wnumber, g->wnumber, sizeof p->wnumber);
    if (g->lat)
        result_latency_summarize(g->lat);
    if (g->wait)
        result_latency_summarize(g->wait);
    p->lat = g->lat;
    p->wait = g->wait;
    g->lat = g->wait = NULL;
    if (bench_stats_compute(m->samples, m->nsamples, &m->wall) != BENCH_OK ||
        bench_stats_compute(m->cpu_samples, m->nsamples, &m->cpu) != BENCH_OK) {
        bench_measurement_free(m);
        return BENCH_ENOMEM;
    }
    p->status = BENCH_OK;
    return BENCH_OK;
}

/* Worker w's share of what cfg asks for all K: the budget, min_samples,
 * max_samples and an explicit repeat divided among them (the first take
 * one more of a remainder), the precision sqrt(K) times looser. The sample
 * length (measure.h) follows from the worker's own budget, so a worker
 * takes about as many samples of each slot as one process would: enough
 * rounds for its own median and its rounds' ratios and slopes
 * (docs/measurement.md). 0 when this worker has nothing to take. */
static unsigned share(unsigned total, unsigned K, unsigned w)
{
    return total / K + (w < total % K);
}

static int worker_config(const slot_config *cfg, unsigned K, unsigned w, slot_config *out)
{
    bench_options *m = &out->measure;
    *out = *cfg;
    m->min_time = cfg->measure.min_time / K;
    /* A worker's interval, from 1/K of the samples, is about sqrt(K) times
     * the pooled one: the precision asked of the pool, asked of a worker. */
    m->rel_ci = cfg->measure.rel_ci * sqrt((double)K);
    m->min_samples = share(cfg->measure.min_samples, K, w);
    if (m->min_samples == 0)
        m->min_samples = 1;
    m->max_samples = share(cfg->measure.max_samples, K, w);
    if (m->max_samples == 0)
        m->max_samples = 1;
    if (cfg->measure.repeat) {
        m->repeat = share(cfg->measure.repeat, K, w);
        if (m->repeat == 0)
            return 0;
    }
    return 1;
}

void child_measure(const slot_config *cfg, results *out, const slot *slots, size_t k,
                   volatile isolate_watch *w)
{
    unsigned K = cfg->processes > 1 ? cfg->processes : 1, wk;
    slot *left = malloc(k * sizeof *left), *live = malloc(k * sizeof *live);
    char *got = malloc(k ? k : 1);
    gathered *g = K > 1 ? calloc(k ? k : 1, sizeof *g) : NULL;
    size_t nlive = k, i;
    int cut = 0;

    if (K > RESULT_MAX_WORKERS)
        K = RESULT_MAX_WORKERS;
    if (!left || !got || !live || (K > 1 && !g)) {
        free(left);
        free(got);
        free(live);
        free(g);
        slots_measure(cfg, out, slots, k, w);
        return;
    }
    w->workers = K;
    if (K == 1) {
        w->worker = 1;
        one_worker(cfg, out, slots, k, w, left, got);
        goto done;
    }
    /* K workers one after another, each a fresh child that sets up and
     * samples every slot still standing; a slot that fails in one fails. */
    memcpy(live, slots, k * sizeof *live);
    for (wk = 0; wk < K && nlive > 0; wk++) {
        slot_config wc;
        size_t kept = 0;
        if (wk > 0 && cfg->stop && *cfg->stop) {
            cut = 1; /* the workers so far are not the measurement asked for */
            break;
        }
        if (!worker_config(cfg, K, wk, &wc))
            break;
        w->worker = wk + 1;
        one_worker(&wc, out, live, nlive, w, left, got);
        for (i = 0; i < nlive; i++) {
            result_case *cr;
            result_point *p = slots_point(out, &live[i], &cr);
            if (p->status != BENCH_OK)
                continue; /* failed in this worker: failed */
            live[kept++] = live[i];
        }
        nlive = kept;
        for (i = 0; i < nlive; i++) {
            result_case *cr;
            result_point *p = slots_point(out, &live[i], &cr);
            size_t s;
            if (live[i].number == 0) /* the next workers start from it */
                live[i].number = p->m.number;
            for (s = 0; s < k; s++)
                if (slots[s].c == live[i].c && slots[s].n == live[i].n)
                    break;
            if (gather(&g[s], p) != BENCH_OK)
                result_fail(cr, p, BENCH_ENOMEM, NULL);
        }
    }
    for (i = 0; i < k; i++) {
        result_case *cr;
        result_point *p = slots_point(out, &slots[i], &cr);
        if (p->status == BENCH_ENOENT && g[i].nw > 0 && cut)
            result_fail(cr, p, BENCH_EINTR, "interrupted");
        else if (p->status == BENCH_ENOENT && g[i].nw > 0 && settle(&g[i], p) != BENCH_OK)
            result_fail(cr, p, BENCH_ENOMEM, NULL);
        else if (p->status == BENCH_ENOENT)
            result_fail(cr, p, BENCH_EINTR, "not measured: interrupted");
        free(g[i].samples);
        free(g[i].cpu);
        result_latency_free(g[i].lat);
        result_latency_free(g[i].wait);
    }
done:
    free(left);
    free(got);
    free(live);
    free(g);
}
