/*
 * fake_clock.h - a fake clock and fake functions under test, for testing
 * the measurement code (bench_timeit, bench_autorange, bench_measure, ...)
 * with exactly known figures, and a fixture that sets them up in one call:
 *
 *   fixture fx;
 *   fake_fn *f;
 *   fixture_init(&fx, 0);            (clock reads cost 0 ns, exact options)
 *   f = fixture_fn(&fx, 100, 1);     (each call costs 100 ns; id 1)
 *   bench_measure(&fx.o, fake_call, f, &m);
 *
 * The clock's time only moves when a fake function (or a clock reading)
 * moves it. Header only: everything is static inline, so a test file uses
 * what it needs without unused-function warnings.
 *
 * A fixture points into itself (fx.bc.ctx, fx.o.clock, fx.fn[i].clock): it
 * must not be copied or moved after fixture_init.
 */
#ifndef FAKE_CLOCK_H
#define FAKE_CLOCK_H

#include <stdint.h>
#include <string.h>

#include "bench.h"

/* A clock that advances by read_cost on every reading. It starts far from
 * 0 (a reading of 0 means a failed clock). It also records, one entry per
 * reading, which fake function ran last since the previous reading. */
typedef struct fake_clock {
    uint64_t now;
    uint64_t read_cost;
    uint64_t reads;
    uint64_t fail_after; /* if nonzero, readings after this many fail (0) */
    int last;            /* id of the last function called, 0: none */
    int log[4096];
    size_t nlog;
} fake_clock;

static inline uint64_t fake_now(void *ctx)
{
    fake_clock *c = ctx;
    c->now += c->read_cost;
    c->reads++;
    if (c->fail_after && c->reads > c->fail_after)
        return 0;
    if (c->last && c->nlog < sizeof c->log / sizeof c->log[0])
        c->log[c->nlog++] = c->last;
    c->last = 0;
    return c->now;
}

/* A CPU clock that reads the fake clock's time without moving it. Not set
 * by fake_init: a test that wants CPU times sets bc.cpu_now to it. */
static inline uint64_t fake_cpu_now(void *ctx)
{
    return ((fake_clock *)ctx)->now;
}

static inline void fake_init(fake_clock *c, bench_clock *bc, uint64_t read_cost)
{
    memset(c, 0, sizeof *c);
    c->now = 1000000000u;
    c->read_cost = read_cost;
    bc->now = fake_now;
    bc->cpu_now = NULL;
    bc->ctx = c;
}

/* A function under test: each call costs `cost` fake ns, plus, when jitter
 * is set, a pseudo-random 0..15 ns more. */
typedef struct fake_fn {
    fake_clock *clock;
    uint64_t cost;
    int id;
    int jitter;
    uint64_t calls;
    uint64_t rng;
} fake_fn;

/* The bench_fn to pass with a fake_fn * as its argument. */
static inline void fake_call(void *arg)
{
    fake_fn *f = arg;
    f->calls++;
    f->clock->now += f->cost;
    if (f->jitter) {
        f->rng = f->rng * 6364136223846793005u + 1442695040888963407u;
        f->clock->now += f->rng >> 60;
    }
    f->clock->last = f->id;
}

static inline fake_fn fake_fn_of(fake_clock *c, uint64_t cost, int id)
{
    fake_fn f;
    memset(&f, 0, sizeof f);
    f.clock = c;
    f.cost = cost;
    f.id = id;
    f.rng = 42;
    return f;
}

/* Options for exact results: the given clock, no overhead to subtract. */
static inline void exact_options(bench_options *o, const bench_clock *bc)
{
    bench_options_init(o);
    o->clock = bc;
    o->overhead_ns = 0;
    o->fixed_ns = 0;
}

#define FIXTURE_MAX_FNS 2

/* A fake clock, the bench_clock over it, up to FIXTURE_MAX_FNS fake
 * functions and exact options on that clock. */
typedef struct fixture {
    fake_clock clock;
    bench_clock bc;
    fake_fn fn[FIXTURE_MAX_FNS]; /* fn[id - 1]: see fixture_fn */
    bench_options o;
} fixture;

/* Zero the fixture; a fresh fake clock whose readings cost read_cost ns,
 * no CPU clock; fx->o = exact_options on it. */
static inline void fixture_init(fixture *fx, uint64_t read_cost)
{
    memset(fx, 0, sizeof *fx);
    fake_init(&fx->clock, &fx->bc, read_cost);
    exact_options(&fx->o, &fx->bc);
}

/* (Re)set fake function `id` (1..FIXTURE_MAX_FNS, the id it logs on the
 * clock) to cost `cost` ns a call, with no calls yet and no jitter, and
 * return it. */
static inline fake_fn *fixture_fn(fixture *fx, uint64_t cost, int id)
{
    fake_fn *f = &fx->fn[id - 1];
    *f = fake_fn_of(&fx->clock, cost, id);
    return f;
}

#endif /* FAKE_CLOCK_H */
