/*
 * latency.c - calls timed one by one, or batch by batch (latency.h).
 */
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "latency.h"
#include "loop.h"

uint64_t latency_batch(double clock_ns, double per_call_ns)
{
    uint64_t b;
    if (!(clock_ns > 0))
        return 1;
    if (!(per_call_ns > 0))
        return LATENCY_MAX_BATCH;
    for (b = 1; b < LATENCY_MAX_BATCH; b *= 2)
        if (clock_ns <= LATENCY_CLOCK_SHARE * (double)b * per_call_ns)
            break;
    return b;
}

int latency_measure(const latency_config *cfg, bench_fn fn, void *arg, uint64_t batch,
                    double clock_ns, result_latency *out)
{
    bench_clock wall = clock_real;
    const bench_clock *c = cfg->clock ? cfg->clock : &wall;
    timed_loop loop;
    uint64_t start, t0, t1, budget_ns = (uint64_t)(cfg->budget_s * 1e9);

    memset(out, 0, sizeof *out);
    if (!fn || batch == 0 || !c->now)
        return BENCH_EINVAL;
    wall.cpu_now = NULL; /* a system call per reading: not here */
    if (hist_init(&out->h) != 0)
        return BENCH_ENOMEM;
    out->batch = out->batch_min = batch;
    out->clock_ns = clock_ns;
    loop = loop_for(fn);
    start = c->now(c->ctx);
    if (start == 0)
        goto clock_failed;
    do {
        t0 = c->now(c->ctx);
        loop(fn, arg, batch);
        t1 = c->now(c->ctx);
        if (t0 == 0 || t1 < t0)
            goto clock_failed;
        hist_add(&out->h, (double)(t1 - t0) / (double)batch);
        out->calls += batch;
    } while (t1 - start < budget_ns && (cfg->max_calls == 0 || out->calls < cfg->max_calls) &&
             !(cfg->stop && *cfg->stop));
    result_latency_summarize(out);
    return BENCH_OK;

clock_failed:
    hist_free(&out->h);
    memset(out, 0, sizeof *out);
    return BENCH_ECLOCK;
}

int latency_waits(size_t (*waits)(void *, double *, size_t), void *state, result_latency *out)
{
    double *ns = malloc(LATENCY_MAX_WAITS * sizeof *ns);
    size_t n, i;

    memset(out, 0, sizeof *out);
    if (!ns || hist_init(&out->h) != 0) {
        free(ns);
        return BENCH_ENOMEM;
    }
    n = waits(state, ns, LATENCY_MAX_WAITS);
    if (n > LATENCY_MAX_WAITS)
        n = LATENCY_MAX_WAITS; /* a case that says more than it may write */
    for (i = 0; i < n; i++)
        hist_add(&out->h, ns[i]);
    free(ns);
    if (n == 0) {
        hist_free(&out->h);
        memset(out, 0, sizeof *out);
        return BENCH_ENOENT;
    }
    out->calls = n;
    out->batch = out->batch_min = 1;
    result_latency_summarize(out);
    return BENCH_OK;
}
