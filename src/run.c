/*
 * run.c - the selected cases measured group by group (run.h): builds the
 * model, hands each group to group.c, reports progress, stops on request.
 */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS */
#include <sys/mman.h>

#include <string.h>

#include "group.h"
#include "run.h"

static size_t count_slots(const results *r)
{
    size_t i, total = 0;
    for (i = 0; i < r->ncases; i++)
        total += r->cases[i].npoints;
    return total;
}

/* The progress callback and where the run is, for the ticker. */
typedef struct ticking {
    const run_config *cfg;
    run_progress at;
    const volatile isolate_watch *w;
} ticking;

static void tick(void *ctx)
{
    ticking *t = ctx;
    t->at.n = t->w->n;
    t->at.worker = t->w->worker;
    t->at.workers = t->w->workers;
    t->cfg->progress(t->cfg->progress_ctx, &t->at);
}

int run_cases(const run_config *cfg, const bench_case *const *sel, size_t nsel,
              const result_context *ctx, results *out)
{
    volatile isolate_watch *w;
    slot_config sc = cfg->slots;
    ticking t;
    size_t g;
    int rc;

    if ((rc = result_build(out, sel, nsel, cfg->sizes, cfg->sizes ? cfg->nsizes : 0)) != BENCH_OK)
        return rc;
    out->ctx = *ctx;
    /* Shared with the children, so a crash can be blamed on a case. */
    w = mmap(NULL, sizeof *w, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (w == MAP_FAILED) {
        result_free(out);
        return BENCH_ENOMEM;
    }
    memset(&t, 0, sizeof t);
    t.cfg = cfg;
    t.w = w;
    t.at.total = count_slots(out);
    if (cfg->progress && cfg->progress_period > 0)
        sc.ticker = (isolate_ticker){tick, &t, cfg->progress_period};
    for (g = 0; g < out->ngroups; g++) {
        t.at.group = out->groups[g].name;
        w->n = 0;
        w->worker = w->workers = 0;
        if (cfg->progress)
            tick(&t);
        t.at.done += group_measure(&sc, out, g, w);
        if (cfg->after_group)
            cfg->after_group(cfg->progress_ctx, out, g);
        if (cfg->group_done)
            cfg->group_done(cfg->progress_ctx, out, g);
    }
    munmap((void *)w, sizeof *w);
    if (cfg->slots.stop && *cfg->slots.stop)
        out->incomplete = 1;
    return BENCH_OK;
}
