/*
 * load.c - a saved JSON result read back into a results model (load.h).
 *
 * Two passes: the entries are gathered case by case and size by size as
 * they come (samples appended, a _median's and a _BigO's figures kept),
 * then the model is made: the cases of a group together, in the order of
 * their group's first appearance, sizes ascending, the statistics, the
 * speedups and the fits computed as the runner computes them.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "error.h"
#include "group.h"
#include "json.h"
#include "load.h"
#include "pool.h"

/* What the entries say about one size, besides its samples (which go
 * straight into the point's measurement). */
typedef struct pending_point {
    size_t cap; /* of m.samples, m.cpu_samples and worker */
    /* Each sample's worker process ("worker"), and the calls of the first
     * sample of each; one_process: some sample does not say (Google
     * Benchmark, an older file), so all are one process. */
    unsigned *worker;
    uint64_t wnumber[RESULT_MAX_WORKERS];
    int one_process;
    int has_median; /* a _median entry */
    double median, cpu_median, ci_lo, ci_hi, mad;
    int has_ci, has_mean, has_stddev;
    double mean, stddev;
    size_t reps; /* its "repetitions", the samples behind it */
    int has_speedup;
    double speedup, speedup_lo, speedup_hi;
    unsigned disturbed;
    double overhead_ns;
    int failed; /* an error entry; why in the point */
} pending_point;

/* One case while the entries are read. */
typedef struct pending {
    result_case c; /* name, points with their samples */
    pending_point pp[BENCH_MAX_SIZES];
    const char *baseline; /* a _median's "baseline", in the document */
    int has_exponent;     /* a _BigO entry with libbench's exponent */
    double exponent, exponent_lo, exponent_hi, r2, coef;
    int has_r2, has_coef, bigo; /* bigo: -1 unknown */
    int has_rms;
    double rms;
    int dropped_any;  /* a size past BENCH_MAX_SIZES was left out */
    size_t dropped_n; /* the last one */
} pending;

/* Names to indices: open addressing (FNV-1a, linear probing, at most
 * half full), so reading is linear in the entries in whatever order they
 * come. The keys are NUL-terminated strings that outlive the index. */
typedef struct name_index {
    const char **key; /* per slot; NULL: empty */
    size_t *val;
    size_t cap, n; /* cap: 0 or a power of two */
} name_index;

typedef struct reader {
    loaded *out;
    pending *p;
    size_t np, cap;
    name_index cases; /* case name -> index into p */
    const char *label;
    char *err;
    size_t errsz;
} reader;

/* ---- the keys of an entry ---- */

static const char *str_of(const json_value *o, const char *key)
{
    const json_value *v = json_get(o, key);
    return v && v->type == JSON_STRING ? v->u.str.s : NULL;
}

static int num_of(const json_value *o, const char *key, double *x)
{
    const json_value *v = json_get(o, key);
    if (!v || v->type != JSON_NUMBER)
        return 0;
    *x = v->u.num;
    return 1;
}

static int true_of(const json_value *o, const char *key)
{
    const json_value *v = json_get(o, key);
    return v && v->type == JSON_BOOL && v->u.b;
}

/* ns per time_unit; 0 when it is not one (absent: ns). */
static double unit_of(const json_value *o)
{
    const char *u = str_of(o, "time_unit");
    if (!json_get(o, "time_unit"))
        return 1;
    if (!u)
        return 0;
    return strcmp(u, "ns") == 0   ? 1
           : strcmp(u, "us") == 0 ? 1e3
           : strcmp(u, "ms") == 0 ? 1e6
           : strcmp(u, "s") == 0  ? 1e9
                                  : 0;
}

/* ---- names ---- */

static int all_digits(const char *s, size_t len)
{
    size_t i;
    if (len == 0 || len > 15)
        return 0;
    for (i = 0; i < len; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* A GB option in a name ("threads:2", "real_time"), never the size. */
static int is_option(const char *s, size_t len)
{
    return memchr(s, ':', len) != NULL || (len == 9 && strncmp(s, "real_time", 9) == 0) ||
           (len == 12 &&
            (strncmp(s, "process_time", 12) == 0 || strncmp(s, "manual_time", 11) == 0));
}

/* Split run ("group/case/1000") into the case's name, written to name
 * (room for strlen(run) + 1), and its size; *n = 0 when it has none.
 * has_n: the entry's "n", which names the size exactly. */
static void split_name(const char *run, int has_n, double nkey, char *name, size_t *n)
{
    size_t len = strlen(run), end = len, start;
    char digits[32];

    *n = 0;
    if (has_n && nkey >= 1 && nkey < 1e15) {
        snprintf(digits, sizeof digits, "/%.0f", nkey);
        if (len > strlen(digits) && strcmp(run + len - strlen(digits), digits) == 0) {
            memcpy(name, run, len - strlen(digits));
            name[len - strlen(digits)] = 0;
            *n = (size_t)nkey;
            return;
        }
    }
    /* The last all-digit part, skipping GB's options after it. */
    while (end > 0) {
        start = end;
        while (start > 0 && run[start - 1] != '/')
            start--;
        if (start == 0)
            break; /* the first part is the family, never the size */
        if (all_digits(run + start, end - start)) {
            *n = (size_t)strtoull(run + start, NULL, 10);
            memcpy(name, run, start - 1);
            memcpy(name + start - 1, run + end, len - end + 1);
            if (*n == 0) /* "/0": a size of 0 is not one libbench measures */
                break;
            return;
        }
        if (!is_option(run + start, end - start))
            break;
        end = start - 1;
    }
    *n = 0;
    memcpy(name, run, len + 1);
}

/* ---- the name index ---- */

static size_t hash_of(const char *s, size_t len)
{
    uint64_t h = 14695981039346656037u;
    size_t i;
    for (i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211u;
    }
    return (size_t)(h ^ (h >> 29));
}

/* The slot of s[0..len-1]: the one holding it, or the empty one where it
 * would go. */
static size_t slot_of(const name_index *ix, const char *s, size_t len)
{
    size_t mask = ix->cap - 1, i = hash_of(s, len) & mask;
    while (ix->key[i] && !(strncmp(ix->key[i], s, len) == 0 && ix->key[i][len] == 0))
        i = (i + 1) & mask;
    return i;
}

/* The value of s[0..len-1], or -1. */
static long ix_find(const name_index *ix, const char *s, size_t len)
{
    size_t i;
    if (ix->cap == 0)
        return -1;
    i = slot_of(ix, s, len);
    return ix->key[i] ? (long)ix->val[i] : -1;
}

/* Add key (not in the index yet) with val; -1 when memory ran out. */
static int ix_add(name_index *ix, const char *key, size_t val)
{
    size_t i;
    if (2 * (ix->n + 1) > ix->cap) {
        name_index bigger = {NULL, NULL, ix->cap ? 2 * ix->cap : 64, 0};
        if (!(bigger.key = calloc(bigger.cap, sizeof *bigger.key)) ||
            !(bigger.val = malloc(bigger.cap * sizeof *bigger.val))) {
            free(bigger.key);
            return -1;
        }
        for (i = 0; i < ix->cap; i++)
            if (ix->key[i]) {
                size_t j = slot_of(&bigger, ix->key[i], strlen(ix->key[i]));
                bigger.key[j] = ix->key[i];
                bigger.val[j] = ix->val[i];
                bigger.n++;
            }
        free(ix->key);
        free(ix->val);
        *ix = bigger;
    }
    i = slot_of(ix, key, strlen(key));
    ix->key[i] = key;
    ix->val[i] = val;
    ix->n++;
    return 0;
}

static void ix_free(name_index *ix)
{
    free(ix->key);
    free(ix->val);
    memset(ix, 0, sizeof *ix);
}

/* ---- gathering ---- */

static int keep(loaded *l, char *s)
{
    char **grown = array_grow(l->strings, &l->cap, l->nstrings + 1, sizeof *grown);
    if (!grown) {
        free(s);
        return -1;
    }
    l->strings = grown;
    l->strings[l->nstrings++] = s;
    return 0;
}

/* The case of that name, added when new; NULL when memory ran out. */
static pending *case_named(reader *rd, const char *name)
{
    long i = ix_find(&rd->cases, name, strlen(name));
    pending *p;
    char *copy;

    if (i >= 0)
        return &rd->p[i];
    if (!(p = array_grow(rd->p, &rd->cap, rd->np + 1, sizeof *p)))
        return NULL;
    rd->p = p;
    if (!(copy = malloc(strlen(name) + 1)))
        return NULL;
    strcpy(copy, name);
    if (keep(rd->out, copy) != 0 || ix_add(&rd->cases, copy, rd->np) != 0)
        return NULL;
    p = &rd->p[rd->np++];
    memset(p, 0, sizeof *p);
    p->c.name = copy;
    p->c.base = -1;
    p->bigo = -1;
    return p;
}

/* The point of size n of p, added when new; BENCH_MAX_SIZES past the
 * first BENCH_MAX_SIZES sizes. A size left out counts once, not once an
 * entry: the entries of one size come together (bench and Google
 * Benchmark write a size's samples, then its aggregates). */
static size_t point_of(reader *rd, pending *p, size_t n)
{
    size_t i;
    for (i = 0; i < p->c.npoints; i++)
        if (p->c.pts[i].n == n)
            return i;
    if (p->c.npoints == BENCH_MAX_SIZES) {
        if (!p->dropped_any || p->dropped_n != n)
            rd->out->dropped++;
        p->dropped_any = 1;
        p->dropped_n = n;
        return BENCH_MAX_SIZES;
    }
    i = p->c.npoints++;
    p->c.pts[i].n = n;
    p->c.pts[i].status = BENCH_ENOENT;
    return i;
}

/* The sample's worker process, from 0; -1 when the entry does not say,
 * or says something no run writes (not an integer in [0, RESULT_MAX_WORKERS)). */
static long worker_of(const json_value *e)
{
    double w;
    if (!num_of(e, "worker", &w) || !(w >= 0 && w < RESULT_MAX_WORKERS) || w != floor(w))
        return -1;
    return (long)w;
}

static int add_sample(result_point *pt, pending_point *pp, uint64_t number, double wall, double cpu,
                      long worker)
{
    bench_measurement *m = &pt->m;
    size_t cap = pp->cap;
    double *w = array_grow(m->samples, &cap, m->nsamples + 1, sizeof *w);
    unsigned *wk;
    if (!w)
        return -1;
    m->samples = w;
    cap = pp->cap;
    if (!(w = array_grow(m->cpu_samples, &cap, m->nsamples + 1, sizeof *w)))
        return -1;
    m->cpu_samples = w;
    cap = pp->cap;
    if (!(wk = array_grow(pp->worker, &cap, m->nsamples + 1, sizeof *wk)))
        return -1;
    pp->worker = wk;
    pp->cap = cap;
    if (worker < 0)
        pp->one_process = 1;
    else if (pp->wnumber[worker] == 0)
        pp->wnumber[worker] = number;
    pp->worker[m->nsamples] = worker < 0 ? 0 : (unsigned)worker;
    m->samples[m->nsamples] = wall;
    m->cpu_samples[m->nsamples++] = cpu;
    if (m->number == 0)
        m->number = number;
    return 0;
}

/* A _median's figures, libbench's extras among them. */
static void median_entry(pending *p, pending_point *pp, const json_value *e, double unit)
{
    double x;
    const char *base = str_of(e, "baseline");

    if (num_of(e, "real_time", &x))
        pp->has_median = 1, pp->median = x * unit;
    if (num_of(e, "cpu_time", &x))
        pp->cpu_median = x * unit;
    pp->has_ci = num_of(e, "ci_lo", &pp->ci_lo) && num_of(e, "ci_hi", &pp->ci_hi);
    pp->ci_lo *= unit;
    pp->ci_hi *= unit;
    if (num_of(e, "mad", &x))
        pp->mad = x * unit;
    if (num_of(e, "repetitions", &x) && x >= 1)
        pp->reps = (size_t)x;
    if (num_of(e, "disturbed", &x) && x >= 0 && x < 4e9)
        pp->disturbed = (unsigned)x;
    if (num_of(e, "overhead_ns", &x))
        pp->overhead_ns = x;
    pp->has_speedup = num_of(e, "speedup", &pp->speedup) &&
                      num_of(e, "speedup_lo", &pp->speedup_lo) &&
                      num_of(e, "speedup_hi", &pp->speedup_hi) && base;
    if (base)
        p->baseline = base;
}

/* GB's spelling of a class, as report_json writes it. */
static int bigo_of(const char *s)
{
    static const char *const names[BENCH_BIGO_COUNT] = {"(1)", "lgN", "N", "NlgN", "N^2", "N^3"};
    int i;
    for (i = 0; s && i < BENCH_BIGO_COUNT; i++)
        if (strcmp(s, names[i]) == 0)
            return i;
    return -1;
}

static void bigo_entry(pending *p, const json_value *e, const char *agg)
{
    if (strcmp(agg, "RMS") == 0) {
        p->has_rms = num_of(e, "rms", &p->rms);
        return;
    }
    p->has_exponent = num_of(e, "exponent", &p->exponent) &&
                      num_of(e, "exponent_lo", &p->exponent_lo) &&
                      num_of(e, "exponent_hi", &p->exponent_hi);
    p->has_r2 = num_of(e, "r2", &p->r2);
    p->has_coef = num_of(e, "real_coefficient", &p->coef);
    p->bigo = bigo_of(str_of(e, "big_o"));
}

static int fail(reader *rd, size_t i, const char *what)
{
    return error_set(rd->err, rd->errsz, BENCH_EPARSE, "'%s': benchmarks[%zu] %s", rd->label, i,
                     what);
}

static int nomem(reader *rd)
{
    return error_set(rd->err, rd->errsz, BENCH_ENOMEM, "out of memory reading '%s'", rd->label);
}

/* The run name of an entry: its "run_name", else its name without an
 * aggregate's "_median" suffix. Written to buf (room for the name). */
static const char *run_name(const json_value *e, const char *name, const char *agg, char *buf)
{
    const char *run = str_of(e, "run_name");
    size_t len = strlen(name), alen = agg ? strlen(agg) : 0;

    if (run)
        return run;
    strcpy(buf, name);
    if (agg && len > alen + 1 && buf[len - alen - 1] == '_' && strcmp(name + len - alen, agg) == 0)
        buf[len - alen - 1] = 0;
    return buf;
}

/* A failed size, or a case that failed before any size. */
static void error_entry(pending *p, size_t k, const json_value *e)
{
    const char *msg = str_of(e, "error_message");
    result_point *pt;

    if (!msg || !*msg)
        msg = "failed";
    if (k == BENCH_MAX_SIZES) { /* no size */
        if (!p->c.failed) {
            p->c.failed = 1;
            snprintf(p->c.why, sizeof p->c.why, "%s", msg);
        }
        return;
    }
    pt = &p->c.pts[k];
    p->pp[k].failed = 1;
    snprintf(pt->why, sizeof pt->why, "%s", msg);
    pt->status = strstr(msg, "interrupted")      ? BENCH_EINTR
                 : strncmp(msg, "setup", 5) == 0 ? BENCH_ESETUP
                 : strstr(msg, "answer")         ? BENCH_ECHECK
                                                 : BENCH_ECRASH;
}

static int entry(reader *rd, size_t i, const json_value *e)
{
    const char *name = str_of(e, "name"), *agg = str_of(e, "aggregate_name");
    const char *rt = str_of(e, "run_type"), *run;
    int is_agg = agg || (rt && strcmp(rt, "aggregate") == 0), error = true_of(e, "error_occurred");
    double unit = unit_of(e), nkey = 0, wall, cpu = 0, iters = 0;
    char *buf, *cname;
    pending *p;
    size_t n, k;
    int rc = BENCH_OK;

    if (e->type != JSON_OBJECT)
        return fail(rd, i, "is not an object (expected {\"name\": ..., \"real_time\": ...})");
    if (!name)
        return fail(rd, i,
                    "has no \"name\" string (expected the case and size, like "
                    "\"concat/naive/1000\")");
    if (unit == 0)
        return fail(rd, i, "has an unknown \"time_unit\" (expected ns, us, ms or s)");
    if (is_agg && !agg)
        return BENCH_OK; /* an aggregate of no kind we know */
    if (!(buf = malloc(strlen(name) + 1)))
        return nomem(rd);
    run = run_name(e, name, agg, buf);
    if (is_agg && (strcmp(agg, "BigO") == 0 || strcmp(agg, "RMS") == 0)) {
        if (!(p = case_named(rd, run)))
            rc = nomem(rd);
        else
            bigo_entry(p, e, agg);
        free(buf);
        return rc;
    }
    if ((cname = malloc(strlen(run) + 1)))
        split_name(run, num_of(e, "n", &nkey), nkey, cname, &n);
    p = cname ? case_named(rd, cname) : NULL;
    free(cname);
    free(buf);
    if (!p)
        return nomem(rd);
    if (n == 0 && error) {
        error_entry(p, BENCH_MAX_SIZES, e);
        return BENCH_OK;
    }
    if ((k = point_of(rd, p, n ? n : 1)) == BENCH_MAX_SIZES)
        return BENCH_OK;
    if (error) {
        error_entry(p, k, e);
    } else if (is_agg) {
        if (strcmp(agg, "median") == 0)
            median_entry(p, &p->pp[k], e, unit);
        else if (strcmp(agg, "mean") == 0)
            p->pp[k].has_mean = num_of(e, "real_time", &p->pp[k].mean), p->pp[k].mean *= unit;
        else if (strcmp(agg, "stddev") == 0)
            p->pp[k].has_stddev = num_of(e, "real_time", &p->pp[k].stddev), p->pp[k].stddev *= unit;
    } else if (num_of(e, "real_time", &wall)) {
        num_of(e, "cpu_time", &cpu);
        num_of(e, "iterations", &iters);
        if (add_sample(&p->c.pts[k], &p->pp[k], iters >= 1 && iters < 1e19 ? (uint64_t)iters : 1,
                       wall * unit, cpu * unit, worker_of(e)) != 0)
            return nomem(rd);
    } else if (!json_get(e, "real_time") || json_get(e, "real_time")->type != JSON_NULL) {
        return fail(rd, i,
                    "has no numeric \"real_time\" (expected a number, the time per "
                    "iteration in \"time_unit\", or null)");
    } /* null: a time that was not finite, no sample */
    return BENCH_OK;
}

/* ---- the model ---- */

static void context(results *r, const json_value *doc)
{
    const json_value *c = json_get(doc, "context"), *la;
    result_context *x = &r->ctx;
    double v;
    size_t i;

    if (!c || c->type != JSON_OBJECT)
        return;
    snprintf(x->date, sizeof x->date, "%s", str_of(c, "date") ? str_of(c, "date") : "");
    snprintf(x->host, sizeof x->host, "%s", str_of(c, "host_name") ? str_of(c, "host_name") : "");
    snprintf(x->executable, sizeof x->executable, "%s",
             str_of(c, "executable") ? str_of(c, "executable") : "");
    if (num_of(c, "num_cpus", &v) && v >= 0 && v < 1e6)
        x->num_cpus = (int)v;
    num_of(c, "mhz_per_cpu", &x->mhz_per_cpu);
    x->cpu_scaling_enabled = true_of(c, "cpu_scaling_enabled");
    if ((la = json_get(c, "load_avg")) && la->type == JSON_ARRAY)
        for (i = 0; i < la->u.arr.n && i < 3; i++)
            if (la->u.arr.items[i].type == JSON_NUMBER)
                x->load_avg[i] = la->u.arr.items[i].u.num;
    num_of(c, "clock_resolution_ns", &x->clock_resolution_ns);
    num_of(c, "clock_read_ns", &x->clock_read_ns);
    num_of(c, "overhead_ns", &x->overhead_ns);
    num_of(c, "fixed_ns", &x->fixed_ns);
    r->incomplete = true_of(c, "incomplete");
}

/* Sizes ascending, the pending figures moved with their points. */
static void sort_points(pending *p)
{
    size_t i, j;
    for (i = 1; i < p->c.npoints; i++)
        for (j = i; j > 0 && p->c.pts[j - 1].n > p->c.pts[j].n; j--) {
            result_point t = p->c.pts[j];
            pending_point u = p->pp[j];
            p->c.pts[j] = p->c.pts[j - 1];
            p->c.pts[j - 1] = t;
            p->pp[j] = p->pp[j - 1];
            p->pp[j - 1] = u;
        }
}

/* The worker processes of pt's samples, as the run had them (child.c):
 * worker w's samples m.samples[wend[w-1] .. wend[w]-1], at wnumber[w]
 * calls each. A run writes them worker by worker; a file that has them
 * apart is regrouped, each worker's in its order, as --compare reads a
 * baseline (its round i stays sample i of that worker). Without every
 * sample's "worker", the point stays one process (nworkers 0). */
static int point_workers(result_point *pt, const pending_point *pp)
{
    bench_measurement *m = &pt->m;
    size_t count[RESULT_MAX_WORKERS] = {0}, at[RESULT_MAX_WORKERS], i, w, nw = 0, first;
    int grouped = 1;

    if (pp->one_process || m->nsamples == 0)
        return BENCH_OK;
    for (i = 0; i < m->nsamples; i++) {
        count[pp->worker[i]]++;
        if (pp->worker[i] >= nw)
            nw = pp->worker[i] + 1;
        grouped &= i == 0 || pp->worker[i] >= pp->worker[i - 1];
    }
    for (w = 0, i = 0; w < nw; w++) {
        at[w] = i;
        i += count[w];
        pt->wend[w] = i;
        pt->wnumber[w] = pp->wnumber[w];
    }
    if (!grouped) {
        double *x = malloc(m->nsamples * sizeof *x), *c = malloc(m->nsamples * sizeof *c);
        if (!x || !c) {
            free(x);
            free(c);
            return BENCH_ENOMEM;
        }
        for (i = 0; i < m->nsamples; i++) {
            size_t to = at[pp->worker[i]]++;
            x[to] = m->samples[i];
            c[to] = m->cpu_samples[i];
        }
        memcpy(m->samples, x, m->nsamples * sizeof *x);
        memcpy(m->cpu_samples, c, m->nsamples * sizeof *c);
        free(x);
        free(c);
    }
    for (first = 0; count[first] == 0; first++)
        ;
    m->number = pt->wnumber[first]; /* its first sample's */
    pt->nworkers = (unsigned)nw;
    return BENCH_OK;
}

/* A point's statistics: from its samples, else from its aggregates. From
 * samples, as the runner derives them (group.c): the interval widened by
 * the spread of the workers' medians, and how far apart they are. */
static int point_stats(result_point *pt, const pending_point *pp, const result_context *ctx)
{
    bench_measurement *m = &pt->m;
    bench_stats *s = &m->wall;

    m->disturbed = pp->disturbed;
    m->overhead_ns = pp->overhead_ns;
    m->fixed_ns = ctx->fixed_ns;
    if (pp->failed)
        return BENCH_OK;
    if (m->nsamples > 0) {
        size_t wend[RESULT_MAX_WORKERS], nw;
        if (point_workers(pt, pp) != BENCH_OK ||
            bench_stats_compute(m->samples, m->nsamples, &m->wall) != BENCH_OK ||
            bench_stats_compute(m->cpu_samples, m->nsamples, &m->cpu) != BENCH_OK)
            return BENCH_ENOMEM;
        nw = pool_workers(pt, wend);
        pt->spread = pool_spread(pt);
        if (pool_widen(&m->wall, m->samples, wend, nw) != BENCH_OK)
            return BENCH_ENOMEM;
        pt->status = BENCH_OK;
    } else if (pp->has_median) {
        memset(s, 0, sizeof *s);
        s->n = pp->reps ? pp->reps : 1;
        s->median = pp->median;
        s->ci_lo = pp->has_ci ? pp->ci_lo : pp->median;
        s->ci_hi = pp->has_ci ? pp->ci_hi : pp->median;
        s->min = s->ci_lo;
        s->max = s->ci_hi;
        s->mean = pp->has_mean ? pp->mean : pp->median;
        s->stddev = pp->has_stddev ? pp->stddev : 0;
        s->mad = pp->mad;
        m->cpu.n = s->n;
        m->cpu.median = m->cpu.mean = pp->cpu_median;
        pt->status = BENCH_OK;
    }
    return BENCH_OK;
}

/* The run's figures of a _BigO entry over the recomputed fit; the
 * intercept, which the file does not keep, is the least-squares one for
 * that slope through the medians fitted. */
static void saved_fit(result_case *c, const pending *p)
{
    double sx = 0, sy = 0;
    size_t i, k = 0;

    if (!c->has_fit || !p->has_exponent)
        return;
    c->fit.slope = p->exponent;
    c->fit.slope_lo = p->exponent_lo;
    c->fit.slope_hi = p->exponent_hi;
    if (p->has_r2)
        c->fit.r2 = p->r2;
    if (p->has_coef)
        c->fit.coef = p->coef;
    if (p->bigo >= 0)
        c->fit.bigo = (bench_bigo)p->bigo;
    if (p->has_rms)
        c->fit.rms = p->rms;
    for (i = 0; i < c->npoints; i++)
        if (c->pts[i].status == BENCH_OK && c->pts[i].m.wall.median > 0) {
            sx += log((double)c->pts[i].n);
            sy += log(c->pts[i].m.wall.median);
            k++;
        }
    if (k > 0)
        c->fit.intercept = (sy - c->fit.slope * sx) / (double)k;
}

/* Speedups: saved ones as they were, else paired again by round. The
 * baseline is a case of the same group; where[] maps the gathered cases
 * to the model's. */
static void speedups(const reader *rd, results *r, pending *const *order, const size_t *where)
{
    size_t i, j;
    for (i = 0; i < r->ncases; i++) {
        result_case *c = &r->cases[i];
        const pending *p = order[i];
        long b = p->baseline ? ix_find(&rd->cases, p->baseline, strlen(p->baseline)) : -1;
        if (b >= 0 && where[b] != i && r->cases[where[b]].group == c->group)
            c->base = (long)where[b];
        for (j = 0; c->base >= 0 && j < c->npoints; j++) {
            result_point *pt = &c->pts[j];
            const result_point *bp = result_point_at(&r->cases[c->base], pt->n);
            if (pt->status != BENCH_OK)
                continue;
            if (p->pp[j].has_speedup) {
                memset(&pt->ratio, 0, sizeof pt->ratio);
                pt->ratio.n = pt->m.wall.n;
                pt->ratio.median = pt->ratio.mean = p->pp[j].speedup;
                pt->ratio.ci_lo = pt->ratio.min = p->pp[j].speedup_lo;
                pt->ratio.ci_hi = pt->ratio.max = p->pp[j].speedup_hi;
                pt->has_ratio = 1;
            } else if (bp && pt->m.nsamples > 0) {
                group_ratio(pt, bp);
            }
        }
    }
}

/* The first failed size of c, as the runner records it. */
static void case_failure(result_case *c)
{
    size_t i;
    for (i = 0; i < c->npoints && !c->failed; i++) {
        const result_point *p = &c->pts[i];
        if (p->status != BENCH_OK && p->status != BENCH_EINTR && p->status != BENCH_ENOENT) {
            c->failed = 1;
            snprintf(c->why, sizeof c->why, "N=%zu: %s", p->n, p->why);
        }
    }
}

static size_t group_len(const char *name)
{
    return strcspn(name, "/");
}

/* Each gathered case's group, made when first seen: gid[i] for case i,
 * and each group's count in its end. */
static int make_groups(reader *rd, size_t *gid)
{
    results *r = &rd->out->r;
    name_index groups = {NULL, NULL, 0, 0};
    size_t i;
    int rc = BENCH_OK;

    for (i = 0; i < rd->np && rc == BENCH_OK; i++) {
        const char *name = rd->p[i].c.name;
        size_t glen = group_len(name);
        long g = ix_find(&groups, name, glen);
        if (g < 0) {
            result_group *grp = &r->groups[r->ngroups];
            if (!(grp->name = malloc(glen + 1))) {
                rc = nomem(rd);
                break;
            }
            memcpy(grp->name, name, glen);
            grp->name[glen] = 0;
            r->ngroups++;
            if (ix_add(&groups, grp->name, r->ngroups - 1) != 0) {
                rc = nomem(rd);
                break;
            }
            g = (long)r->ngroups - 1;
        }
        gid[i] = (size_t)g;
        r->groups[g].end++;
    }
    ix_free(&groups);
    return rc;
}

/* The model of the gathered cases: groups in the order of their first
 * appearance, a group's cases together in their order. */
static int build(reader *rd)
{
    results *r = &rd->out->r;
    size_t n = rd->np ? rd->np : 1, i, j, k;
    pending **order = calloc(n, sizeof *order);
    size_t *gid = calloc(n, sizeof *gid), *where = calloc(n, sizeof *where);
    size_t *next = calloc(n, sizeof *next);
    int rc = BENCH_OK;

    r->cases = calloc(n, sizeof *r->cases);
    r->groups = calloc(n, sizeof *r->groups);
    if (!order || !gid || !where || !next || !r->cases || !r->groups) {
        rc = nomem(rd);
        goto out;
    }
    if ((rc = make_groups(rd, gid)) != BENCH_OK)
        goto out;
    for (i = 0, k = 0; i < r->ngroups; i++) {
        r->groups[i].first = next[i] = k;
        k += r->groups[i].end;
        r->groups[i].end = k;
    }
    for (i = 0; i < rd->np; i++) {
        size_t at = next[gid[i]]++;
        sort_points(&rd->p[i]);
        order[at] = &rd->p[i];
        where[i] = at;
        r->cases[at] = rd->p[i].c;
        memset(&rd->p[i].c.pts, 0, sizeof rd->p[i].c.pts); /* the model owns them now */
        r->cases[at].group = gid[i];
        r->cases[at].base = -1;
    }
    r->ncases = rd->np;
    for (i = 0; i < r->ncases && rc == BENCH_OK; i++)
        for (j = 0; j < r->cases[i].npoints && rc == BENCH_OK; j++)
            if (point_stats(&r->cases[i].pts[j], &order[i]->pp[j], &r->ctx) != BENCH_OK)
                rc = nomem(rd);
    if (rc == BENCH_OK) {
        speedups(rd, r, order, where);
        for (i = 0; i < r->ncases; i++) {
            group_fit(&r->cases[i]);
            saved_fit(&r->cases[i], order[i]);
            case_failure(&r->cases[i]);
        }
    }
out:
    free(order);
    free(gid);
    free(where);
    free(next);
    return rc;
}

void load_free(loaded *l)
{
    size_t i;
    if (!l)
        return;
    result_free(&l->r);
    for (i = 0; i < l->nstrings; i++)
        free(l->strings[i]);
    free(l->strings);
    memset(l, 0, sizeof *l);
}

/* The samples of cases never moved into the model (on an error), and
 * every point's workers. */
static void free_pending(reader *rd)
{
    size_t i, j;
    for (i = 0; i < rd->np; i++)
        for (j = 0; j < rd->p[i].c.npoints; j++) {
            bench_measurement_free(&rd->p[i].c.pts[j].m);
            free(rd->p[i].pp[j].worker);
        }
    free(rd->p);
}

int load_parse(const char *label, const char *text, size_t len, loaded *out, char *err,
               size_t errsz)
{
    json_value doc;
    const json_value *list;
    char jerr[200];
    reader rd;
    size_t i;
    int rc;

    memset(out, 0, sizeof *out);
    memset(&rd, 0, sizeof rd);
    rd.out = out;
    rd.label = label;
    rd.err = err;
    rd.errsz = errsz;
    if ((rc = json_parse(text, len, &doc, jerr, sizeof jerr)) != BENCH_OK)
        return error_set(err, errsz, rc,
                         "'%s': %s (expected JSON written by bench --format json or Google "
                         "Benchmark)",
                         label, jerr);
    list = json_get(&doc, "benchmarks");
    if (!list || list->type != JSON_ARRAY)
        rc = error_set(err, errsz, BENCH_EPARSE,
                       "'%s': no \"benchmarks\" array (expected JSON written by bench --format "
                       "json or Google Benchmark)",
                       label);
    else if (json_get(&doc, "context") && json_get(json_get(&doc, "context"), "counted"))
        rc = error_set(err, errsz, BENCH_EPARSE,
                       "'%s' holds instruction counts (bench --instructions), which have no "
                       "times to plot (expected a timed result of bench --format json)",
                       label);
    for (i = 0; rc == BENCH_OK && i < list->u.arr.n; i++)
        rc = entry(&rd, i, &list->u.arr.items[i]);
    if (rc == BENCH_OK) {
        context(&out->r, &doc);
        rc = build(&rd);
    }
    free_pending(&rd);
    ix_free(&rd.cases);
    json_free(&doc);
    if (rc != BENCH_OK)
        load_free(out);
    return rc;
}

int load_file(const char *path, loaded *out, char *err, size_t errsz)
{
    char *text = NULL;
    size_t len = 0;
    int rc;

    memset(out, 0, sizeof *out);
    if ((rc = json_read_file(path, "bench --format json or Google Benchmark", &text, &len, err,
                             errsz)) != BENCH_OK)
        return rc;
    rc = load_parse(path, text, len, out, err, errsz);
    free(text);
    return rc;
}
