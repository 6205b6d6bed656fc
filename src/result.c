/*
 * result.c - the results model (result.h): built from the selected cases,
 * filled by the runner, freed here.
 */
#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "registry.h"
#include "result.h"

static int same_group(const char *a, const char *b)
{
    size_t la = registry_group_len(a);
    return la == registry_group_len(b) && strncmp(a, b, la) == 0;
}

void result_latency_summarize(result_latency *lat)
{
    const hist *h = &lat->h;
    lat->p50 = hist_quantile(h, 0.50);
    lat->p90 = hist_quantile(h, 0.90);
    lat->p99 = hist_quantile(h, 0.99);
    lat->p999 = hist_quantile(h, 0.999);
    lat->max = h->max;
    lat->min = h->min;
    lat->mean = h->count ? h->sum / (double)h->count : 0;
}

void result_latency_free(result_latency *lat)
{
    if (!lat)
        return;
    hist_free(&lat->h);
    free(lat);
}

void result_free(results *r)
{
    size_t i, j;
    if (!r)
        return;
    for (i = 0; i < r->ncases; i++)
        for (j = 0; j < r->cases[i].npoints; j++) {
            bench_measurement_free(&r->cases[i].pts[j].m);
            result_latency_free(r->cases[i].pts[j].lat);
            result_latency_free(r->cases[i].pts[j].wait);
        }
    for (i = 0; i < r->ngroups; i++)
        free(r->groups[i].name);
    free(r->cases);
    free(r->groups);
    memset(r, 0, sizeof *r);
}

result_point *result_point_at(const result_case *c, size_t n)
{
    size_t i;
    for (i = 0; i < c->npoints; i++)
        if (c->pts[i].n == n)
            return (result_point *)&c->pts[i];
    return NULL;
}

void result_fail(result_case *c, result_point *p, int status, const char *why)
{
    assert(p >= c->pts && p < c->pts + c->npoints);
    p->status = status;
    snprintf(p->why, sizeof p->why, "%s", why ? why : bench_strerror(status));
    if (!c->failed) {
        c->failed = 1;
        snprintf(c->why, sizeof c->why, "N=%zu: %s", p->n, p->why);
    }
}

const char *result_baseline_name(const results *r, const result_case *c)
{
    return c->base >= 0 && (size_t)c->base < r->ncases ? r->cases[c->base].name : NULL;
}

int result_is_baseline(const results *r, size_t i)
{
    size_t j;
    for (j = 0; j < r->ncases; j++)
        if (r->cases[j].base == (long)i)
            return 1;
    return 0;
}

/* The sizes a case runs at: the override, its own, or N=1 when it
 * declares none. */
static size_t case_sizes(const bench_case *c, const size_t *sizes, size_t nsizes,
                         const size_t **out)
{
    static const size_t one = 1;
    size_t n = 0;
    if (nsizes > 0) {
        *out = sizes;
        return nsizes;
    }
    while (n < BENCH_MAX_SIZES && c->sizes[n])
        n++;
    *out = n ? c->sizes : &one;
    return n ? n : 1;
}

static int add_group(results *r, const char *name)
{
    size_t len = registry_group_len(name);
    result_group *g = &r->groups[r->ngroups];
    g->name = malloc(len + 1);
    if (!g->name)
        return BENCH_ENOMEM;
    memcpy(g->name, name, len);
    g->name[len] = 0;
    g->desc = bench_group_desc(g->name);
    g->first = g->end = r->ncases;
    r->ngroups++;
    return BENCH_OK;
}

/* A throughput the case declares at size n, 0 when it does not. */
static double declared(double (*f)(size_t), size_t n)
{
    double v = f ? f(n) : 0;
    return v > 0 && v < HUGE_VAL ? v : 0;
}

static void add_case(results *r, const bench_case *def, const size_t *sizes, size_t nsizes)
{
    result_case *c = &r->cases[r->ncases++];
    const size_t *own;
    size_t j, ns = case_sizes(def, sizes, nsizes, &own);

    c->name = def->name;
    c->desc = def->desc;
    c->def = def;
    c->group = r->ngroups - 1;
    c->base = -1;
    for (j = 0; j < ns; j++) {
        c->pts[j].n = own[j];
        c->pts[j].status = BENCH_ENOENT; /* not measured yet */
        c->pts[j].items = declared(def->items_per_call, own[j]);
        c->pts[j].bytes = declared(def->bytes_per_call, own[j]);
    }
    c->npoints = ns;
    r->groups[c->group].end = r->ncases;
}

/* A baseline is a case of the same group (bench_register sees to it). */
static void link_baselines(results *r)
{
    size_t i, j;
    for (i = 0; i < r->ncases; i++) {
        const result_group *g = &r->groups[r->cases[i].group];
        const char *want = r->cases[i].def->baseline;
        for (j = g->first; want && j < g->end; j++)
            if (j != i && strcmp(r->cases[j].name, want) == 0)
                r->cases[i].base = (long)j;
    }
}

int result_build(results *r, const bench_case *const *sel, size_t nsel, const size_t *sizes,
                 size_t nsizes)
{
    char *grouped = calloc(nsel ? nsel : 1, 1);
    size_t i, j;

    memset(r, 0, sizeof *r);
    r->cases = calloc(nsel ? nsel : 1, sizeof *r->cases);
    r->groups = calloc(nsel ? nsel : 1, sizeof *r->groups);
    if (!grouped || !r->cases || !r->groups)
        goto nomem;
    for (i = 0; i < nsel; i++) {
        if (grouped[i])
            continue;
        if (add_group(r, sel[i]->name) != BENCH_OK)
            goto nomem;
        for (j = i; j < nsel; j++)
            if (!grouped[j] && same_group(sel[i]->name, sel[j]->name)) {
                add_case(r, sel[j], sizes, nsizes);
                grouped[j] = 1;
            }
    }
    link_baselines(r);
    free(grouped);
    return BENCH_OK;
nomem:
    free(grouped);
    result_free(r);
    return BENCH_ENOMEM;
}

/* clang-format off */
static const char *const event_keys[RESULT_NEVENTS] = {
    "instructions", "l1i_misses", "l1d_read_misses", "l1d_write_misses", "lli_misses",
    "lld_read_misses", "lld_write_misses", "branch_misses", "indirect_branch_misses"};
static const char *const event_labels[RESULT_NEVENTS] = {
    "instructions", "L1i misses", "L1d read misses", "L1d write misses", "LLi misses",
    "LLd read misses", "LLd write misses", "branch misses", "indirect branch misses"};
/* clang-format on */

const char *result_event_key(result_event e)
{
    return (unsigned)e < RESULT_NEVENTS ? event_keys[e] : NULL;
}

const char *result_event_label(result_event e)
{
    return (unsigned)e < RESULT_NEVENTS ? event_labels[e] : NULL;
}

int result_counts_exact(const result_point *p)
{
    return p->counts.ir_min == p->counts.ir_max;
}

/* clang-format off */
static const char *const perf_keys[RESULT_NPERF] = {
    "hw_instructions", "hw_cycles", "hw_branch_misses", "task_clock_ns", "page_faults",
    "context_switches"};
static const char *const perf_labels[RESULT_NPERF] = {
    "instructions", "cycles", "branch misses", "task-clock", "page faults", "context switches"};
/* clang-format on */

const char *result_perf_key(result_perf e)
{
    return (unsigned)e < RESULT_NPERF ? perf_keys[e] : NULL;
}

const char *result_perf_label(result_perf e)
{
    return (unsigned)e < RESULT_NPERF ? perf_labels[e] : NULL;
}
