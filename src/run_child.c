/*
 * run_child.c - a group's slots measured in a child process (isolate.c
 * forks it): the child measures as run.c would in-process and sends every
 * point back over a pipe; the parent takes what arrived and, when the child
 * died inside one slot's own code, fails that slot and measures the rest
 * again without it.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* One point as the child sends it, followed by nsamples wall times and
 * nsamples CPU times (doubles). Parent and child are the same binary. */
typedef struct wire_point {
    uint32_t slot;
    int32_t status;
    uint64_t number, nsamples;
    double overhead_ns, drift;
    uint32_t disturbed;
    char why[96];
} wire_point;

typedef struct slots_job {
    const run_config *cfg;
    run_result *out;
    const slot *slots;
    size_t k;
    volatile isolate_watch *w;
} slots_job;

static void slots_child(void *ctx, int fd)
{
    slots_job *j = ctx;
    size_t i;
    measure_slots(j->cfg, j->out, j->slots, j->k, j->w);
    for (i = 0; i < j->k; i++) {
        case_result *cr;
        const point_result *p = slot_point(j->out, &j->slots[i], &cr);
        wire_point w;
        memset(&w, 0, sizeof w);
        w.slot = (uint32_t)i;
        w.status = p->status;
        w.number = p->m.number;
        w.nsamples = p->status == BENCH_OK ? p->m.nsamples : 0;
        w.overhead_ns = p->m.overhead_ns;
        w.drift = p->drift;
        w.disturbed = p->m.disturbed;
        memcpy(w.why, p->why, sizeof w.why);
        if (write_all(fd, &w, sizeof w) != 0 ||
            write_all(fd, p->m.samples, w.nsamples * sizeof(double)) != 0 ||
            write_all(fd, p->m.cpu_samples, w.nsamples * sizeof(double)) != 0)
            _Exit(3);
    }
}

/* Copy one measured point out of the child's message. */
static int take_samples(point_result *p, const wire_point *w, const char *data)
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
    if (bench_stats_compute(m->samples, m->nsamples, &m->wall) != BENCH_OK ||
        bench_stats_compute(m->cpu_samples, m->nsamples, &m->cpu) != BENCH_OK) {
        bench_measurement_free(m);
        return BENCH_ENOMEM;
    }
    return BENCH_OK;
}

/* Take the points the child sent; got[i] says which slots arrived. */
static void receive(run_result *out, const slot *slots, size_t k, const child_result *res,
                    char *got)
{
    size_t off = 0;
    while (res->len - off >= sizeof(wire_point)) {
        wire_point w;
        case_result *cr;
        point_result *p;
        int rc;
        memcpy(&w, res->data + off, sizeof w);
        if (w.slot >= k || w.nsamples > (res->len - off - sizeof w) / (2 * sizeof(double)))
            break;
        off += sizeof w;
        p = slot_point(out, &slots[w.slot], &cr);
        got[w.slot] = 1;
        w.why[sizeof w.why - 1] = 0;
        rc = w.status != BENCH_OK ? w.status : take_samples(p, &w, res->data + off);
        if (rc != BENCH_OK)
            mark_failed(cr, p, rc, w.status != BENCH_OK ? w.why : NULL);
        else
            p->status = BENCH_OK;
        off += (size_t)w.nsamples * 2 * sizeof(double);
    }
}

/* Measure in children until every slot has a result. When a child dies
 * inside one slot's own code, that slot is failed and the others are
 * measured again without it, so one bad case does not sink its group. */
void measure_slots_isolated(const run_config *cfg, run_result *out,
                                   const slot *slots, size_t k, volatile isolate_watch *w)
{
    slot *left = malloc(k * sizeof *left);
    char *got = malloc(k ? k : 1);
    size_t nleft = k, i;

    if (!left || !got) {
        free(left);
        free(got);
        measure_slots(cfg, out, slots, k, w);
        return;
    }
    memcpy(left, slots, k * sizeof *left);
    while (nleft > 0) {
        slots_job job;
        child_result res;
        size_t kept = 0;
        int culprit;

        job.cfg = cfg;
        job.out = out;
        job.slots = left;
        job.k = nleft;
        job.w = w;
        w->current = -1;
        memset(got, 0, nleft);
        isolate_run(slots_child, &job, cfg->timeout, w, cfg->stop, &res);
        receive(out, left, nleft, &res, got);
        free(res.data);
        culprit = w->current;
        for (i = 0; i < nleft; i++) {
            case_result *cr;
            point_result *p = slot_point(out, &left[i], &cr);
            if (got[i])
                continue;
            if (culprit < 0 || (size_t)culprit == i || (cfg->stop && *cfg->stop))
                mark_failed(cr, p, BENCH_ECRASH, res.why);
            else
                left[kept++] = left[i]; /* an innocent bystander: again */
        }
        if (culprit < 0)
            break;
        nleft = kept;
    }
    free(left);
    free(got);
}
