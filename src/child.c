/*
 * child.c - a group's slots measured in a child process (child.h; isolate.c
 * forks it): the child measures as slots.c does in-process and sends every
 * point back over a pipe; the parent takes what arrived and, when the child
 * died inside one slot's own code (its sampling included: slots.c names
 * the slot being timed), fails that slot and measures the rest again
 * without it.
 */
#include <stdlib.h>
#include <string.h>

#include "child.h"

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
    const slot_config *cfg;
    results *out;
    const slot *slots;
    size_t k;
    volatile isolate_watch *w;
} slots_job;

static void slots_child(void *ctx, int fd)
{
    slots_job *j = ctx;
    size_t i;
    slots_measure(j->cfg, j->out, j->slots, j->k, j->w);
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
        memcpy(w.why, p->why, sizeof w.why);
        if (isolate_write_all(fd, &w, sizeof w) != 0 ||
            isolate_write_all(fd, p->m.samples, w.nsamples * sizeof(double)) != 0 ||
            isolate_write_all(fd, p->m.cpu_samples, w.nsamples * sizeof(double)) != 0)
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
    if (bench_stats_compute(m->samples, m->nsamples, &m->wall) != BENCH_OK ||
        bench_stats_compute(m->cpu_samples, m->nsamples, &m->cpu) != BENCH_OK) {
        bench_measurement_free(m);
        return BENCH_ENOMEM;
    }
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
        memcpy(&w, res->data + off, sizeof w);
        if (w.slot >= k || w.nsamples > (res->len - off - sizeof w) / (2 * sizeof(double)))
            break;
        off += sizeof w;
        p = slots_point(out, &slots[w.slot], &cr);
        got[w.slot] = 1;
        w.why[sizeof w.why - 1] = 0;
        rc = w.status != BENCH_OK ? w.status : take_samples(p, &w, res->data + off);
        if (rc != BENCH_OK)
            result_fail(cr, p, rc, w.status != BENCH_OK ? w.why : NULL);
        else
            p->status = BENCH_OK;
        off += (size_t)w.nsamples * 2 * sizeof(double);
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
    isolate_run(slots_child, &job, cfg->timeout, w, cfg->stop, &res);
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

void child_measure(const slot_config *cfg, results *out, const slot *slots, size_t k,
                   volatile isolate_watch *w)
{
    slot *left = malloc(k * sizeof *left);
    char *got = malloc(k ? k : 1);
    size_t nleft = k;

    if (!left || !got) {
        free(left);
        free(got);
        slots_measure(cfg, out, slots, k, w);
        return;
    }
    memcpy(left, slots, k * sizeof *left);
    while (nleft > 0)
        nleft = one_child(cfg, out, left, nleft, got, w);
    free(left);
    free(got);
}
