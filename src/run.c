/*
 * run.c - the selected cases measured group by group (run.h): builds the
 * model, hands each group to group.c, reports progress, stops on request.
 */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS */
#include <sys/mman.h>

#include "group.h"
#include "run.h"

static size_t count_slots(const results *r)
{
    size_t i, total = 0;
    for (i = 0; i < r->ncases; i++)
        total += r->cases[i].npoints;
    return total;
}

int run_cases(const run_config *cfg, const bench_case *const *sel, size_t nsel,
              const result_context *ctx, results *out)
{
    volatile isolate_watch *w;
    size_t g, done = 0, total;
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
    total = count_slots(out);
    for (g = 0; g < out->ngroups; g++) {
        if (cfg->progress)
            cfg->progress(cfg->progress_ctx, out->groups[g].name, done, total);
        done += group_measure(&cfg->slots, out, g, w);
        if (cfg->group_done)
            cfg->group_done(cfg->progress_ctx, out, g);
    }
    munmap((void *)w, sizeof *w);
    if (cfg->slots.stop && *cfg->slots.stop)
        out->incomplete = 1;
    return BENCH_OK;
}
