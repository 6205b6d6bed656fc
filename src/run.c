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

/* Measure members[0..k-1] (case indices into out->cases) at size n.
 * *current names the member whose own code (setup, the checking run,
 * digest, teardown) is running, -1 otherwise: after a crash in a child it
 * tells whom to blame. */
static void measure_size(const run_config *cfg, run_result *out,
                         const size_t *members, size_t k, size_t n,
                         volatile int *current)
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
        *current = (int)i;
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
    *current = -1;
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
            double before = reference_ns(cfg->measure.clock), after;
            rc = bench_measure_many(&cfg->measure, nlive, fns, args, ms);
            after = reference_ns(cfg->measure.clock);
            for (i = 0; i < nlive && rc == BENCH_OK; i++)
                point_at(&out->cases[members[live[i]]], n)->drift =
                    before > 0 && after > 0 ? after / before - 1 : 0;
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
        *current = (int)i;
        if (states[i] && cr->c->teardown)
            cr->c->teardown(states[i]);
    }
    *current = -1;
done:
    free(states);
    free(fns);
    free(live);
    free(digests);
    free(ms);
}

/* ---- the same, in a child process ---- */

/* One point as the child sends it, followed by nsamples wall times and
 * nsamples CPU times (doubles). Parent and child are the same binary. */
typedef struct wire_point {
    uint32_t member;
    int32_t status;
    uint64_t number, nsamples;
    double overhead_ns, drift;
    uint32_t disturbed;
    char why[96];
} wire_point;

typedef struct size_job {
    const run_config *cfg;
    run_result *out;
    const size_t *members;
    size_t k, n;
    volatile int *current;
} size_job;

static void size_child(void *ctx, int fd)
{
    size_job *j = ctx;
    size_t i;
    measure_size(j->cfg, j->out, j->members, j->k, j->n, j->current);
    for (i = 0; i < j->k; i++) {
        const point_result *p = point_at(&j->out->cases[j->members[i]], j->n);
        wire_point w;
        memset(&w, 0, sizeof w);
        w.member = (uint32_t)i;
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

/* Take the points the child sent; got[i] says which members arrived. */
static void receive(run_result *out, const size_t *members, size_t k, size_t n,
                    const child_result *cr, char *got)
{
    size_t off = 0;
    while (cr->len - off >= sizeof(wire_point)) {
        wire_point w;
        case_result *c;
        point_result *p;
        size_t bytes;
        memcpy(&w, cr->data + off, sizeof w);
        bytes = (size_t)w.nsamples * 2 * sizeof(double);
        if (w.member >= k || w.nsamples > (cr->len - off - sizeof w) / (2 * sizeof(double)))
            break;
        c = &out->cases[members[w.member]];
        p = point_at(c, n);
        off += sizeof w;
        got[w.member] = 1;
        w.why[sizeof w.why - 1] = 0;
        if (w.status != BENCH_OK) {
            mark_failed(c, p, w.status, w.why);
        } else {
            bench_measurement *m = &p->m;
            memset(m, 0, sizeof *m);
            m->samples = malloc(w.nsamples * sizeof(double) + 1);
            m->cpu_samples = malloc(w.nsamples * sizeof(double) + 1);
            if (!m->samples || !m->cpu_samples || w.nsamples == 0) {
                bench_measurement_free(m);
                mark_failed(c, p, BENCH_ENOMEM, NULL);
            } else {
                memcpy(m->samples, cr->data + off, (size_t)w.nsamples * sizeof(double));
                memcpy(m->cpu_samples, cr->data + off + (size_t)w.nsamples * sizeof(double),
                       (size_t)w.nsamples * sizeof(double));
                m->number = w.number;
                m->nsamples = (size_t)w.nsamples;
                m->overhead_ns = w.overhead_ns;
                p->drift = w.drift;
                m->disturbed = w.disturbed;
                if (bench_stats_compute(m->samples, m->nsamples, &m->wall) != BENCH_OK ||
                    bench_stats_compute(m->cpu_samples, m->nsamples, &m->cpu) != BENCH_OK) {
                    bench_measurement_free(m);
                    mark_failed(c, p, BENCH_ENOMEM, NULL);
                } else {
                    p->status = BENCH_OK;
                }
            }
        }
        off += bytes;
    }
}

/* Measure in children until every member has a result. When a child dies
 * inside one member's own code, that member is failed and the others are
 * measured again without it, so one bad case does not sink its group. */
static void measure_size_isolated(const run_config *cfg, run_result *out,
                                  const size_t *members, size_t k, size_t n,
                                  volatile int *current)
{
    size_t *left = malloc(k * sizeof *left), nleft = k, i;
    char *got = malloc(k ? k : 1);

    if (!left || !got) {
        free(left);
        free(got);
        measure_size(cfg, out, members, k, n, current);
        return;
    }
    memcpy(left, members, k * sizeof *left);
    while (nleft > 0) {
        size_job job;
        child_result res;
        size_t kept = 0;
        int culprit;

        job.cfg = cfg;
        job.out = out;
        job.members = left;
        job.k = nleft;
        job.n = n;
        job.current = current;
        *current = -1;
        memset(got, 0, nleft);
        isolate_run(size_child, &job, cfg->timeout * (double)nleft, cfg->stop, &res);
        receive(out, left, nleft, n, &res, got);
        free(res.data);
        culprit = *current;
        for (i = 0; i < nleft; i++) {
            case_result *c = &out->cases[left[i]];
            if (got[i])
                continue;
            if (culprit < 0 || (size_t)culprit == i || (cfg->stop && *cfg->stop))
                mark_failed(c, point_at(c, n), BENCH_ECRASH, res.why);
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
    volatile int *current;

    memset(out, 0, sizeof *out);
    /* Shared with the children, so a crash can be blamed on a case. */
    current = mmap(NULL, sizeof *current, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (current == MAP_FAILED)
        return BENCH_ENOMEM;
    out->cases = calloc(nsel ? nsel : 1, sizeof *out->cases);
    members = calloc(nsel ? nsel : 1, sizeof *members);
    grouped = calloc(nsel ? nsel : 1, 1);
    if (!out->cases || !members || !grouped) {
        free(out->cases);
        free(members);
        free(grouped);
        out->cases = NULL;
        munmap((void *)current, sizeof *current);
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
            if (cfg->stop && *cfg->stop) {
                out->incomplete = 1;
                for (j = 0; j < k; j++) {
                    case_result *cr = &out->cases[members[j]];
                    mark_failed(cr, point_at(cr, all[s]), BENCH_EINTR, "not measured: interrupted");
                }
            } else if (cfg->isolate) {
                measure_size_isolated(cfg, out, members, k, all[s], current);
            } else {
                measure_size(cfg, out, members, k, all[s], current);
            }
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
    munmap((void *)current, sizeof *current);
    if (cfg->stop && *cfg->stop)
        out->incomplete = 1;
    return BENCH_OK;
}
