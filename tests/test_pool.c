/*
 * test_pool.c - samples from several worker processes (--processes): the
 * interval of the pooled median widened by the spread of the worker
 * medians (pool.c), speedups paired by round within a worker (group.c),
 * the workers themselves (child.c, on the fake clock), and the per-size
 * budgets of slots.c.
 */
#define _GNU_SOURCE
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "fake_clock.h"
#include "cli_args.h"
#include "group.h"
#include "pool.h"
#include "present.h"
#include "report.h"
#include "testhelp.h"
#include "util.h"

/* ---- pool_widen on fixed numbers ---- */

/* Four workers of 9 samples each: medians 100, 120, 100, 120 (+-1). */
static void four_workers(double *x, size_t *wend)
{
    size_t w, i;
    for (w = 0; w < 4; w++) {
        for (i = 0; i < 9; i++)
            x[9 * w + i] = (w % 2 ? 120.0 : 100.0) + ((double)i - 4) / 4;
        wend[w] = 9 * (w + 1);
    }
}

TEST(test_pool_workers_whose_medians_differ_widen_the_interval)
{
    double x[36], med[2] = {100, 120}, h, lo, hi;
    size_t wend[4];
    bench_stats st, before;

    four_workers(x, wend);
    if (!CHECK_EQ_INT(bench_stats_compute(x, 36, &st), BENCH_OK))
        return;
    before = st;
    CHECK_EQ_INT(pool_widen(&st, x, wend, 4), BENCH_OK);
    CHECK_NEAR(st.median, before.median, 0); /* the figure is the pooled median */
    CHECK(st.ci_lo < before.ci_lo && st.ci_hi > before.ci_hi);
    /* The formula of pool.h, in logs: h = t(0.975, 3) sd(ln m_w) sqrt(2 / 4). */
    h = 3.182 * sqrt(2 * pow(log(med[1]) - (log(med[0]) + log(med[1])) / 2, 2) * 2 / 3) * sqrt(0.5);
    lo = log(before.median) - log(before.ci_lo);
    hi = log(before.ci_hi) - log(before.median);
    CHECK_NEAR(st.ci_lo, before.median * exp(-sqrt(lo * lo + h * h)), 1e-9);
    CHECK_NEAR(st.ci_hi, before.median * exp(sqrt(hi * hi + h * h)), 1e-9);
    /* Both kinds of process are inside: another run's median is too. */
    CHECK(st.ci_lo < 100 && st.ci_hi > 120);
}

TEST(test_pool_one_worker_or_equal_workers_leave_the_interval)
{
    double x[36];
    size_t wend[4], i;
    bench_stats st, before;

    four_workers(x, wend);
    bench_stats_compute(x, 36, &st);
    before = st;
    wend[0] = 36; /* all one worker */
    CHECK_EQ_INT(pool_widen(&st, x, wend, 1), BENCH_OK);
    CHECK_NEAR(st.ci_lo, before.ci_lo, 0);
    CHECK_NEAR(st.ci_hi, before.ci_hi, 0);
    for (i = 0; i < 36; i++) /* every worker the same values: no spread */
        x[i] = 100 + (double)(i % 9);
    four_workers((double[36]){0}, wend);
    bench_stats_compute(x, 36, &st);
    before = st;
    CHECK_EQ_INT(pool_widen(&st, x, wend, 4), BENCH_OK);
    CHECK_NEAR(st.ci_lo, before.ci_lo, 1e-9);
    CHECK_NEAR(st.ci_hi, before.ci_hi, 1e-9);
}

TEST(test_pool_t_quantiles)
{
    CHECK_NEAR(pool_t975(1), 12.706, 0);
    CHECK_NEAR(pool_t975(3), 3.182, 0);
    CHECK_NEAR(pool_t975(1000), 1.96, 0);
}

/* A speedup pairs sample i of each worker with the baseline's sample i of
 * the same worker, and carries the spread of the workers' ratios. */
TEST(test_pool_speedup_pairs_rounds_within_a_worker_and_widens)
{
    result_point p, b;
    double ps[12], bs[12];
    size_t i;

    memset(&p, 0, sizeof p);
    memset(&b, 0, sizeof b);
    for (i = 0; i < 12; i++) {
        bs[i] = 200 + (double)(i % 3);
        ps[i] = (i < 6 ? 100.0 : 125.0) + (double)(i % 3) / 2; /* ratios 2, then 1.6 */
    }
    p.status = b.status = BENCH_OK;
    p.m.samples = ps;
    b.m.samples = bs;
    p.m.nsamples = b.m.nsamples = 12;
    p.nworkers = b.nworkers = 2;
    p.wend[0] = b.wend[0] = 6;
    p.wend[1] = b.wend[1] = 12;
    group_ratio(&p, &b);
    if (!CHECK(p.has_ratio))
        return;
    CHECK_EQ_INT(p.ratio.n, 12);
    CHECK(p.ratio.ci_lo < 1.6 && p.ratio.ci_hi > 2.0);
    /* One worker each: the plain order-statistics interval, inside. */
    p.nworkers = b.nworkers = 1;
    p.wend[0] = b.wend[0] = 12;
    p.has_ratio = 0;
    group_ratio(&p, &b);
    if (CHECK(p.has_ratio))
        CHECK(p.ratio.ci_lo >= 1.59 && p.ratio.ci_hi <= 2.01);
}

/* ---- the workers and the per-size budgets, on the fake clock ---- */

static fixture fx;
static int *worker_seq; /* shared with the children: setups so far */

/* Size 1: fn 1, whose calls cost 100 fake ns in even workers and 120 in
 * odd ones (a per-process state, as concat/builder has); size 2: fn 2. */
static void *pool_setup(size_t n)
{
    if (n == 1) {
        int w = __atomic_fetch_add(worker_seq, 1, __ATOMIC_SEQ_CST);
        fx.fn[0].cost = w % 2 ? 120 : 100;
        return &fx.fn[0];
    }
    return &fx.fn[1];
}

static void *pool_base_setup(size_t n)
{
    (void)n;
    return &fx.fn[1];
}

static results model(const bench_case *const *sel, size_t nsel)
{
    results r;
    memset(&r, 0, sizeof r);
    CHECK_EQ_INT(result_build(&r, sel, nsel, NULL, 0), BENCH_OK);
    return r;
}

static slot_config config(int isolate, unsigned processes)
{
    slot_config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.measure = fx.o;
    cfg.isolate = isolate;
    cfg.processes = processes;
    cfg.timeout = 60;
    return cfg;
}

/* Four workers, each a fresh child with its own setup: two see 100 ns,
 * two 120 ns. The samples of all four come back, worker by worker, and
 * the interval of the median holds both states. */
TEST(test_pool_four_worker_processes_share_the_budget_and_widen)
{
    static const bench_case base = {
        .name = "pw/base", .run = fake_call, .setup = pool_base_setup, .sizes = {1}};
    static const bench_case var = {.name = "pw/var",
                                   .run = fake_call,
                                   .setup = pool_setup,
                                   .baseline = "pw/base",
                                   .sizes = {1}};
    const bench_case *sel[2] = {&base, &var};
    volatile isolate_watch w;
    slot_config cfg;
    results r;
    result_point *p;
    size_t i;

    worker_seq =
        mmap(NULL, sizeof *worker_seq, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (!CHECK(worker_seq != MAP_FAILED))
        return;
    *worker_seq = 0;
    fixture_init(&fx, 0);
    fixture_fn(&fx, 100, 1);
    fixture_fn(&fx, 200, 2);
    fx.o.number = 10;
    r = model(sel, 2);
    memset((void *)&w, 0, sizeof w);
    cfg = config(1, 4);
    group_measure(&cfg, &r, 0, &w);
    p = &r.cases[1].pts[0];
    if (CHECK_EQ_INT(p->status, BENCH_OK)) {
        CHECK_EQ_INT(*worker_seq, 4);
        CHECK_EQ_INT(p->nworkers, 4);
        CHECK_EQ_INT(p->wend[3], p->m.nsamples);
        CHECK(p->m.nsamples >= 8);
        for (i = 0; i < 4; i++)
            CHECK_EQ_INT(p->wnumber[i], 10);
        CHECK(p->m.wall.ci_lo < 100 && p->m.wall.ci_hi > 120);
        if (CHECK(p->has_ratio))
            CHECK(p->ratio.ci_lo < 200.0 / 120 && p->ratio.ci_hi > 2.0);
    }
    /* --processes 1: one child, today's interval, exact on this clock. */
    *worker_seq = 0;
    result_free(&r);
    r = model(sel, 2);
    cfg = config(1, 1);
    group_measure(&cfg, &r, 0, &w);
    p = &r.cases[1].pts[0];
    if (CHECK_EQ_INT(p->status, BENCH_OK)) {
        CHECK_EQ_INT(*worker_seq, 1);
        CHECK(p->nworkers <= 1);
        CHECK_NEAR(p->m.wall.ci_lo, 100, 0);
        CHECK_NEAR(p->m.wall.ci_hi, 100, 0);
    }
    result_free(&r);
    munmap(worker_seq, sizeof *worker_seq);
}

/* A size whose one call lasts a fake second, far beyond the budget, gets
 * min_samples (8) and no more; the fast size of the same case still gets
 * its own budget's worth (0.1 s of 5 ms samples: about 20), where sharing
 * rounds with the slow one gave it 8. */
static void *budget_setup(size_t n)
{
    return n == 1 ? &fx.fn[0] : &fx.fn[1];
}

TEST(test_pool_each_size_gets_its_own_budget)
{
    static const bench_case c = {
        .name = "ps/f", .run = fake_call, .setup = budget_setup, .sizes = {1, 2}};
    const bench_case *sel[1] = {&c};
    volatile isolate_watch w;
    slot_config cfg;
    results r;

    fixture_init(&fx, 0);
    fixture_fn(&fx, 100, 1)->jitter = 1;
    fixture_fn(&fx, 1000000000u, 2);
    fx.o.min_time = 0.1;
    fx.o.rel_ci = 1e-12; /* never precise enough: the budget decides */
    r = model(sel, 1);
    memset((void *)&w, 0, sizeof w);
    cfg = config(0, 1);
    group_measure(&cfg, &r, 0, &w);
    if (CHECK_EQ_INT(r.cases[0].pts[0].status, BENCH_OK) &&
        CHECK_EQ_INT(r.cases[0].pts[1].status, BENCH_OK)) {
        CHECK_EQ_INT(r.cases[0].pts[1].m.nsamples, 8);
        CHECK(r.cases[0].pts[0].m.nsamples >= 18 && r.cases[0].pts[0].m.nsamples <= 22);
        /* sampled apart, so the exponent cannot pair their rounds */
        CHECK(!r.cases[0].pts[0].rounds_shared && !r.cases[0].pts[1].rounds_shared);
    }
    result_free(&r);
}

/* A stop in the middle of the sampling (here set by the case itself after
 * 2000 calls) leaves the size being sampled "interrupted": the samples taken so far
 * are not the measurement the options asked for, so they are not reported
 * as one. In this process and in a worker alike. */
static volatile int cut_stop;

static void cut_call(void *arg)
{
    fake_fn *f = arg;
    fake_call(arg);
    if (f->calls == 2000)
        cut_stop = 1;
}

TEST(test_pool_a_stop_while_sampling_leaves_the_sizes_interrupted)
{
    static const bench_case c = {
        .name = "ps/cut", .run = cut_call, .setup = budget_setup, .sizes = {1, 2}};
    const bench_case *sel[1] = {&c};
    static const int isolate[] = {0, 1};
    volatile isolate_watch w;
    size_t i, s;

    for (i = 0; i < sizeof isolate / sizeof isolate[0]; i++) {
        slot_config cfg;
        results r;
        fixture_init(&fx, 0);
        fixture_fn(&fx, 100, 1)->jitter = 1;
        fixture_fn(&fx, 200, 2)->jitter = 1;
        fx.o.min_time = 1;
        fx.o.rel_ci = 1e-12; /* never precise enough: only the stop ends it */
        fx.o.number = 100;
        fx.o.stop = &cut_stop;
        cut_stop = 0;
        r = model(sel, 1);
        memset((void *)&w, 0, sizeof w);
        cfg = config(isolate[i], 1);
        cfg.stop = &cut_stop;
        group_measure(&cfg, &r, 0, &w);
        for (s = 0; s < 2; s++) { /* size by size (--number): the second never began */
            const result_point *p = &r.cases[0].pts[s];
            if (CHECK_EQ_INT(p->status, BENCH_EINTR))
                CHECK_STR_EQ(p->why, s == 0 ? "interrupted" : "not measured: interrupted");
        }
        CHECK(!r.cases[0].has_fit);
        result_free(&r);
    }
}

/* Sizes whose calls are short share the same rounds, in one process and
 * over worker processes alike (the mark crosses the pipe): sample i of
 * each size is of the same round, and the exponent is paired from them. */
TEST(test_pool_short_sizes_share_rounds)
{
    static const bench_case c = {
        .name = "ps/s", .run = fake_call, .setup = budget_setup, .sizes = {1, 2}};
    const bench_case *sel[1] = {&c};
    static const struct {
        int isolate;
        unsigned processes;
    } how[] = {{0, 1}, {1, 1}, {1, 2}};
    volatile isolate_watch w;
    size_t i;

    for (i = 0; i < sizeof how / sizeof how[0]; i++) {
        slot_config cfg;
        results r;
        const result_point *a, *b;
        fixture_init(&fx, 0);
        fixture_fn(&fx, 100, 1);
        fixture_fn(&fx, 200, 2);
        fx.o.min_time = 0.02;
        r = model(sel, 1);
        memset((void *)&w, 0, sizeof w);
        cfg = config(how[i].isolate, how[i].processes);
        group_measure(&cfg, &r, 0, &w);
        a = &r.cases[0].pts[0];
        b = &r.cases[0].pts[1];
        if (CHECK_EQ_INT(a->status, BENCH_OK) && CHECK_EQ_INT(b->status, BENCH_OK)) {
            CHECK(a->rounds_shared && b->rounds_shared);
            CHECK_EQ_INT(a->m.nsamples, b->m.nsamples);
            CHECK_EQ_INT(a->nworkers, b->nworkers);
            CHECK_EQ_INT(b->wend[0], a->wend[0]);
            /* exactly 2x over 2x, and every round says so */
            if (CHECK(r.cases[0].has_fit)) {
                CHECK_NEAR(r.cases[0].fit.slope, 1, 1e-9);
                CHECK_NEAR(r.cases[0].fit.slope_hi - r.cases[0].fit.slope_lo, 0, 1e-9);
            }
        }
        result_free(&r);
    }
}

/* ---- the exponent from rounds the sizes shared ---- */

/* 4 workers x 9 rounds of a case at N = 1000 and 10000 that costs
 * 2 log2 N, every round of both sizes scaled by the same factor from 0.6
 * to 1.6 (the machine's speed of that moment), and the larger size off it
 * by +-0.5% more. */
static void drifting_points(result_case *c, double *x1, double *x2)
{
    size_t i, w;
    memset(c, 0, sizeof *c);
    c->name = "drift/log";
    c->base = -1;
    c->npoints = 2;
    for (i = 0; i < 36; i++) {
        double f = 0.6 + (double)((i * 7) % 11) / 10;
        x1[i] = 2 * log2(1000.0) * f;
        x2[i] = 2 * log2(10000.0) * f * (1 + ((double)(i % 3) - 1) / 200);
    }
    for (i = 0; i < 2; i++) {
        result_point *p = &c->pts[i];
        p->n = i ? 10000 : 1000;
        p->status = BENCH_OK;
        p->m.samples = i ? x2 : x1;
        p->m.nsamples = 36;
        p->nworkers = 4;
        for (w = 0; w < 4; w++)
            p->wend[w] = 9 * (w + 1);
        p->rounds_shared = 1;
        CHECK_EQ_INT(bench_stats_compute(p->m.samples, 36, &p->m.wall), BENCH_OK);
        CHECK_EQ_INT(pool_widen(&p->m.wall, p->m.samples, p->wend, 4), BENCH_OK);
    }
}

/* Each time alone is known only to tens of percent, but the drift is the
 * same for both sizes of a round: paired by round, the exponent is
 * log(4/3)/log(10) = 0.125 within a few hundredths, and O(log N). Sampled
 * apart (or rounds that do not match), the times' own intervals are
 * propagated and the interval reaches 0: O(1). */
TEST(test_pool_exponent_pairs_the_rounds_sizes_shared)
{
    double x1[36], x2[36];
    result_case c;

    drifting_points(&c, x1, x2);
    CHECK(c.pts[0].m.wall.ci_hi / c.pts[0].m.wall.ci_lo > 1.3);
    group_fit(&c);
    if (CHECK(c.has_fit)) {
        CHECK_NEAR(c.fit.slope, 0.125, 0.01);
        CHECK(c.fit.slope_lo > 0.1 && c.fit.slope_hi < 0.15);
        CHECK_EQ_INT(c.fit.bigo, BENCH_OLOGN);
    }
    c.pts[1].rounds_shared = 0;
    group_fit(&c);
    if (CHECK(c.has_fit)) {
        CHECK(c.fit.slope_lo < 0);
        CHECK_EQ_INT(c.fit.bigo, BENCH_O1);
    }
    c.pts[1].rounds_shared = 1;
    c.pts[1].m.nsamples = 35; /* a round missing */
    c.pts[1].wend[3] = 35;
    group_fit(&c);
    if (CHECK(c.has_fit))
        CHECK(c.fit.slope_lo < 0);
}

/* A machine in two states, 1.6x apart, that flipped between the two
 * samples of a round now and then: 9 rounds, five of N=1000 slow and four
 * of N=10000, so the medians fall in different states and their slope
 * reads -0.08. Six rounds saw one state for both sizes, and the median of
 * the rounds' own slopes is the cost's: log(4/3)/log(10) = 0.125. */
TEST(test_pool_exponent_is_the_median_of_the_rounds_slopes)
{
    static const double f1[9] = {1.6, 1.6, 1.6, 1.6, 1.6, 1, 1, 1, 1};
    static const double f2[9] = {1.6, 1.6, 1.6, 1, 1, 1, 1, 1, 1.6};
    double x1[9], x2[9], n[2] = {1000, 10000}, t[2];
    bench_fit_result apart;
    result_case c;
    size_t i;

    memset(&c, 0, sizeof c);
    c.name = "flip/log";
    c.base = -1;
    c.npoints = 2;
    for (i = 0; i < 9; i++) {
        x1[i] = 2 * log2(1000.0) * f1[i];
        x2[i] = 2 * log2(10000.0) * f2[i];
    }
    for (i = 0; i < 2; i++) {
        result_point *p = &c.pts[i];
        p->n = (size_t)n[i];
        p->status = BENCH_OK;
        p->m.samples = i ? x2 : x1;
        p->m.nsamples = 9;
        p->rounds_shared = 1;
        CHECK_EQ_INT(bench_stats_compute(p->m.samples, 9, &p->m.wall), BENCH_OK);
        t[i] = p->m.wall.median;
    }
    CHECK_EQ_INT(bench_fit(n, t, NULL, NULL, 2, &apart), BENCH_OK);
    CHECK_NEAR(apart.slope, log(4.0 / 3 / 1.6) / log(10.0), 1e-9);
    group_fit(&c);
    if (CHECK(c.has_fit))
        CHECK_NEAR(c.fit.slope, log(4.0 / 3) / log(10.0), 1e-9);
}

/* ---- the O(1) floor ---- */

static void floor_point(result_point *p, size_t n, double med, double lo, double hi)
{
    memset(p, 0, sizeof *p);
    p->n = n;
    p->status = BENCH_OK;
    p->m.nsamples = 8;
    p->m.wall.median = med;
    p->m.wall.ci_lo = lo;
    p->m.wall.ci_hi = hi;
}

/* A case whose corrected times are at the noise floor (a median at or
 * below 0, or an interval reaching 0) gets O(1) and a note, never no
 * class; one above the floor is fitted as before. */
TEST(test_pool_times_at_the_floor_are_o1_below_resolution)
{
    results r;
    result_group g = {.name = "tiny", .first = 0, .end = 1};
    result_case c;
    present_note notes[8];
    size_t i, nn;
    int seen = 0;

    memset(&r, 0, sizeof r);
    memset(&c, 0, sizeof c);
    c.name = "tiny/empty";
    c.base = -1;
    c.npoints = 2;
    floor_point(&c.pts[0], 1000, -0.01, -0.05, 0.03);
    floor_point(&c.pts[1], 10000, 0.02, -0.02, 0.06);
    group_fit(&c);
    CHECK(c.has_fit && c.fit_floor);
    CHECK_EQ_INT(c.fit.bigo, BENCH_O1);
    r.groups = &g;
    r.ngroups = 1;
    r.cases = &c;
    r.ncases = 1;
    nn = present_group_notes(&r, 0, notes, 8);
    for (i = 0; i < nn; i++)
        seen |= strstr(notes[i].text, "tiny/empty: below resolution") != NULL;
    CHECK(seen);
    /* Positive with an interval reaching 0 at one size, 0 at the other. */
    floor_point(&c.pts[0], 1000, 0.3, 0.0, 0.6);
    floor_point(&c.pts[1], 10000, 0, -0.1, 0.1);
    group_fit(&c);
    CHECK(c.has_fit && c.fit_floor);
    /* Clear of the floor: a fit, no floor. */
    floor_point(&c.pts[0], 1000, 1000, 990, 1010);
    floor_point(&c.pts[1], 10000, 10000, 9900, 10100);
    group_fit(&c);
    CHECK(c.has_fit && !c.fit_floor);
    CHECK_EQ_INT(c.fit.bigo, BENCH_ON);
    nn = present_group_notes(&r, 0, notes, 8);
    for (i = 0; i < nn; i++)
        CHECK(strstr(notes[i].text, "below resolution") == NULL);
}

/* ---- workers that disagree beyond their own intervals ---- */

/* Four workers of 9 samples each at the given levels (+-1%). */
static void levels_point(result_point *p, double *x, const double *level)
{
    size_t w, i;
    memset(p, 0, sizeof *p);
    p->n = 1000;
    for (w = 0; w < 4; w++) {
        for (i = 0; i < 9; i++)
            x[9 * w + i] = level[w] * (1 + ((double)i - 4) / 400);
        p->wend[w] = 9 * (w + 1);
    }
    p->nworkers = 4;
    p->m.samples = x;
    p->m.nsamples = 36;
    (void)bench_stats_compute(x, 36, &p->m.wall);
}

TEST(test_pool_spread_flags_workers_apart_beyond_their_intervals)
{
    static const double apart[4] = {3380, 3380, 3670, 3940}, alike[4] = {3380, 3381, 3379, 3380};
    double x[36];
    results r;
    result_group g = {.name = "concat", .first = 0, .end = 1};
    result_case c;
    present_note notes[8];
    size_t i, nn;
    int seen = 0;

    memset(&c, 0, sizeof c);
    levels_point(&c.pts[0], x, apart);
    CHECK_NEAR(pool_spread(&c.pts[0]), 3940.0 / 3380 - 1, 1e-12);
    c.pts[0].spread = pool_spread(&c.pts[0]);
    c.name = "concat/builder";
    c.base = -1;
    c.npoints = 1;
    memset(&r, 0, sizeof r);
    r.groups = &g;
    r.ngroups = 1;
    r.cases = &c;
    r.ncases = 1;
    nn = present_group_notes(&r, 0, notes, 8);
    for (i = 0; i < nn; i++)
        seen |= strstr(notes[i].text, "builder: the worker processes disagree beyond their own "
                                      "intervals (up to 17% apart)") != NULL;
    CHECK(seen);
    /* Overlapping intervals, one worker, or a worker of 5 samples: 0. */
    levels_point(&c.pts[0], x, alike);
    CHECK_NEAR(pool_spread(&c.pts[0]), 0, 0);
    c.pts[0].spread = pool_spread(&c.pts[0]);
    nn = present_group_notes(&r, 0, notes, 8);
    for (i = 0; i < nn; i++)
        CHECK(strstr(notes[i].text, "disagree") == NULL);
    levels_point(&c.pts[0], x, apart);
    c.pts[0].nworkers = 1;
    c.pts[0].wend[0] = 36;
    CHECK_NEAR(pool_spread(&c.pts[0]), 0, 0);
    levels_point(&c.pts[0], x, apart);
    c.pts[0].wend[0] = 5;
    CHECK_NEAR(pool_spread(&c.pts[0]), 0, 0);
}

/* ---- --processes ---- */

static int parse_processes(const char *v, unsigned *out)
{
    char *argv[] = {"bench", "--processes", (char *)v, NULL};
    char err[256];
    cli_opts o;
    int rc = cli_parse(3, argv, &o, err, sizeof err);
    *out = o.processes;
    cli_opts_free(&o);
    return rc;
}

TEST(test_pool_processes_option_takes_1_to_32)
{
    unsigned k = 0;
    CHECK_EQ_INT(parse_processes("1", &k), 0);
    CHECK_EQ_INT(k, 1);
    CHECK_EQ_INT(parse_processes("32", &k), 0);
    CHECK_EQ_INT(k, 32);
    CHECK_EQ_INT(parse_processes("0", &k), 2);
    CHECK_EQ_INT(parse_processes("33", &k), 2);
    CHECK_EQ_INT(parse_processes("two", &k), 2);
}

/* ---- JSON: one iteration entry per sample, each with its worker ---- */

TEST(test_pool_json_marks_each_sample_with_its_worker)
{
    static const bench_case c = {.name = "pj/f", .run = fake_call, .sizes = {5}};
    const bench_case *sel[1] = {&c};
    static double wall[4] = {10, 11, 20, 21}, cpu[4] = {10, 11, 20, 21};
    report_opts ro;
    results r = model(sel, 1);
    result_point *p = &r.cases[0].pts[0];
    char *buf = NULL;
    size_t len = 0;
    FILE *f;

    p->status = BENCH_OK;
    p->m.samples = wall;
    p->m.cpu_samples = cpu;
    p->m.nsamples = 4;
    p->m.number = 100;
    bench_stats_compute(wall, 4, &p->m.wall);
    bench_stats_compute(cpu, 4, &p->m.cpu);
    p->nworkers = 2;
    p->wend[0] = 2;
    p->wend[1] = 4;
    p->wnumber[0] = 100;
    p->wnumber[1] = 200;
    memset(&ro, 0, sizeof ro);
    f = open_memstream(&buf, &len);
    if (!CHECK(f != NULL))
        return;
    CHECK_EQ_INT(report_format_named("json")->write(f, &r, &ro), BENCH_OK);
    fclose(f);
    CHECK_EQ_INT(count_str(buf, "\"run_type\": \"iteration\""), 4);
    CHECK_EQ_INT(count_str(buf, "\"worker\": 0"), 2);
    CHECK_EQ_INT(count_str(buf, "\"worker\": 1"), 2);
    CHECK_EQ_INT(count_str(buf, "\"iterations\": 200"), 2);
    free(buf);
    p->m.samples = p->m.cpu_samples = NULL; /* static: not the model's to free */
    result_free(&r);
}
