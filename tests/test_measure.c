/*
 * test_measure.c - the timing loop, auto-ranging and sampling, on a fake
 * clock whose time only moves when the function under test (or a clock
 * reading) moves it: every figure is then known exactly. One loose test on
 * the real clock compares two workloads by ratio, never by absolute time.
 * The fake clock and the one-call fixture over it are in fake_clock.h.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "fake_clock.h"
#include "testhelp.h"

static void noop(void *arg)
{
    (void)arg;
}

/* ---- bench_timeit ---- */

TEST(test_timeit_total_is_number_times_cost)
{
    fixture fx;
    fake_fn *f;
    bench_timing t;
    fixture_init(&fx, 0);
    f = fixture_fn(&fx, 100, 1);
    CHECK_EQ_INT(bench_timeit(&fx.bc, fake_call, f, 1000, &t), BENCH_OK);
    CHECK_EQ_INT(t.number, 1000);
    CHECK_NEAR(t.total_ns, 100000, 0);
    CHECK_NEAR(t.per_call_ns, 100, 0);
    CHECK_NEAR(t.cpu_total_ns, 0, 0);
    CHECK_EQ_INT(f->calls, 1000);
    /* Two readings: one before, one after. */
    CHECK_EQ_INT(fx.clock.reads, 2);
}

TEST(test_timeit_includes_one_clock_read)
{
    fixture fx;
    fake_fn *f;
    bench_timing t;
    fixture_init(&fx, 20);
    f = fixture_fn(&fx, 100, 1);
    CHECK_EQ_INT(bench_timeit(&fx.bc, fake_call, f, 10, &t), BENCH_OK);
    /* The second reading's cost lands inside the window. */
    CHECK_NEAR(t.total_ns, 10 * 100 + 20, 0);
    CHECK_NEAR(t.per_call_ns, 102, 0);
}

TEST(test_timeit_records_cpu_time_from_the_cpu_clock)
{
    fixture fx;
    fake_fn *f;
    bench_timing t;
    fixture_init(&fx, 0);
    fx.bc.cpu_now = fake_cpu_now;
    f = fixture_fn(&fx, 100, 1);
    CHECK_EQ_INT(bench_timeit(&fx.bc, fake_call, f, 50, &t), BENCH_OK);
    CHECK_NEAR(t.cpu_total_ns, 5000, 0);
}

static uint64_t zero_now(void *ctx)
{
    (void)ctx;
    return 0;
}

static uint64_t backwards_now(void *ctx)
{
    uint64_t *t = ctx;
    return *t -= 10;
}

TEST(test_timeit_reports_a_failed_or_backward_clock)
{
    bench_clock zero = {zero_now, NULL, NULL};
    uint64_t t0 = 1000000;
    bench_clock back = {backwards_now, NULL, &t0};
    bench_timing t;
    CHECK_EQ_INT(bench_timeit(&zero, noop, NULL, 1, &t), BENCH_ECLOCK);
    CHECK_EQ_INT(bench_timeit(&back, noop, NULL, 1, &t), BENCH_ECLOCK);
}

TEST(test_timeit_rejects_bad_arguments)
{
    bench_timing t;
    bench_clock nonow = {NULL, NULL, NULL};
    CHECK_EQ_INT(bench_timeit(NULL, NULL, NULL, 1, &t), BENCH_EINVAL);
    CHECK_EQ_INT(bench_timeit(NULL, noop, NULL, 0, &t), BENCH_EINVAL);
    CHECK_EQ_INT(bench_timeit(NULL, noop, NULL, 1, NULL), BENCH_EINVAL);
    CHECK_EQ_INT(bench_timeit(&nonow, noop, NULL, 1, &t), BENCH_EINVAL);
}

TEST(test_timeit_on_the_real_clock)
{
    bench_timing t;
    CHECK_EQ_INT(bench_timeit(NULL, noop, NULL, 1000, &t), BENCH_OK);
    CHECK_EQ_INT(t.number, 1000);
    CHECK(t.total_ns >= 0 && isfinite(t.total_ns));
    CHECK_NEAR(t.per_call_ns, t.total_ns / 1000, 1e-9);
}

/* ---- bench_autorange ---- */

TEST(test_autorange_picks_first_count_reaching_min_time)
{
    fixture fx;
    fake_fn *f;
    bench_timing t;
    fixture_init(&fx, 0);
    f = fixture_fn(&fx, 100, 1);
    /* 100 ns a call, 1 ms wanted: 10000 calls, the first of 1, 2, 5, 10,
     * ... with 100 * n >= 1e6. */
    CHECK_EQ_INT(bench_autorange(&fx.bc, fake_call, f, 0.001, &t), BENCH_OK);
    CHECK_EQ_INT(t.number, 10000);
    CHECK_NEAR(t.total_ns, 1e6, 0);
    CHECK_NEAR(t.per_call_ns, 100, 0);
    /* It tried every count in turn: (1+2+5)(1+10+100+1000) + 10000. */
    CHECK_EQ_INT(f->calls, 8 * 1111 + 10000);
}

TEST(test_autorange_rounds_up_to_the_next_step)
{
    fixture fx;
    fake_fn *f;
    bench_timing t;
    fixture_init(&fx, 0);
    f = fixture_fn(&fx, 100, 1);
    /* 1.5 ms needs 15000 calls: the next step is 20000. */
    CHECK_EQ_INT(bench_autorange(&fx.bc, fake_call, f, 0.0015, &t), BENCH_OK);
    CHECK_EQ_INT(t.number, 20000);
    /* A call longer than the target: one call is enough. */
    f = fixture_fn(&fx, 5000000, 1);
    CHECK_EQ_INT(bench_autorange(&fx.bc, fake_call, f, 0.001, &t), BENCH_OK);
    CHECK_EQ_INT(t.number, 1);
    CHECK_EQ_INT(f->calls, 1);
}

TEST(test_autorange_rejects_bad_min_seconds)
{
    bench_timing t;
    CHECK_EQ_INT(bench_autorange(NULL, noop, NULL, 0, &t), BENCH_EINVAL);
    CHECK_EQ_INT(bench_autorange(NULL, noop, NULL, -1, &t), BENCH_EINVAL);
    CHECK_EQ_INT(bench_autorange(NULL, noop, NULL, NAN, &t), BENCH_EINVAL);
    CHECK_EQ_INT(bench_autorange(NULL, noop, NULL, INFINITY, &t), BENCH_EINVAL);
    CHECK_EQ_INT(bench_autorange(NULL, NULL, NULL, 0.001, &t), BENCH_EINVAL);
}

/* ---- bench_measure ---- */

TEST(test_options_init_sets_documented_defaults)
{
    bench_options o;
    memset(&o, 0xff, sizeof o);
    bench_options_init(&o);
    CHECK(o.clock == NULL);
    CHECK_EQ_INT(o.number, 0);
    CHECK_EQ_INT(o.repeat, 0);
    CHECK_NEAR(o.min_time, 0.25, 0);
    CHECK_NEAR(o.sample_time, 0, 0);
    CHECK_NEAR(o.rel_ci, 0.01, 0);
    CHECK_EQ_INT(o.min_samples, 8);
    CHECK_EQ_INT(o.max_samples, 1000);
    CHECK(o.overhead_ns < 0);
    CHECK(o.stop == NULL);
}

TEST(test_measure_noiseless_gives_exact_median_and_ci)
{
    fixture fx;
    fake_fn *f;
    bench_measurement m;
    size_t i;
    fixture_init(&fx, 0);
    f = fixture_fn(&fx, 100, 1);
    if (!CHECK_EQ_INT(bench_measure(&fx.o, fake_call, f, &m), BENCH_OK))
        return;
    CHECK_NEAR(m.wall.median, 100, 0);
    CHECK_NEAR(m.wall.ci_lo, 100, 0);
    CHECK_NEAR(m.wall.ci_hi, 100, 0);
    CHECK_NEAR(m.wall.mean, 100, 0);
    CHECK_NEAR(m.wall.stddev, 0, 0);
    CHECK_NEAR(m.overhead_ns, 0, 0);
    for (i = 0; i < m.nsamples; i++)
        CHECK_NEAR(m.samples[i], 100, 0);
    /* Auto-ranged to a sample of min_time / 20 = 10 ms: 100000 calls. */
    CHECK_EQ_INT(m.number, 100000);
    /* No CPU clock: CPU samples stay 0. */
    CHECK_NEAR(m.cpu.median, 0, 0);
    CHECK_EQ_INT(m.cpu.n, m.nsamples);
    bench_measurement_free(&m);
}

TEST(test_measure_adaptive_stops_at_min_samples_when_ci_is_exact)
{
    fixture fx;
    fake_fn *f;
    bench_measurement m;
    fixture_init(&fx, 0);
    f = fixture_fn(&fx, 100, 1);
    if (CHECK_EQ_INT(bench_measure(&fx.o, fake_call, f, &m), BENCH_OK))
        CHECK_EQ_INT(m.nsamples, 8);
    bench_measurement_free(&m);
    fx.o.min_samples = 11;
    if (CHECK_EQ_INT(bench_measure(&fx.o, fake_call, f, &m), BENCH_OK))
        CHECK_EQ_INT(m.nsamples, 11);
    bench_measurement_free(&m);
}

/* Fewer than 6 samples make no 95% interval, so the precision cannot stop
 * the sampling there, whatever min_samples says (a worker process's share
 * of 8 is 1 or 2): exact samples stop at 6, not at 1 or 2. The budget
 * still stops it sooner when it is spent. */
TEST(test_measure_precision_never_stops_before_six_samples)
{
    static const unsigned mins[] = {1, 2, 5};
    fixture fx;
    fake_fn *f;
    bench_measurement m;
    size_t i;
    for (i = 0; i < sizeof mins / sizeof mins[0]; i++) {
        fixture_init(&fx, 0);
        f = fixture_fn(&fx, 100, 1);
        fx.o.min_samples = mins[i];
        if (CHECK_EQ_INT(bench_measure(&fx.o, fake_call, f, &m), BENCH_OK))
            CHECK_EQ_INT(m.nsamples, 6);
        bench_measurement_free(&m);
    }
    /* a budget of two samples' time: it ends the sampling at min_samples */
    fixture_init(&fx, 0);
    f = fixture_fn(&fx, 100, 1);
    f->jitter = 1;
    fx.o.min_samples = 2;
    fx.o.min_time = 0.002;
    fx.o.sample_time = 0.001;
    if (CHECK_EQ_INT(bench_measure(&fx.o, fake_call, f, &m), BENCH_OK))
        CHECK(m.nsamples >= 2 && m.nsamples <= 3);
    bench_measurement_free(&m);
}

TEST(test_measure_fixed_repeat_gives_that_many_samples)
{
    static const unsigned repeats[] = {1, 5, 16, 17, 40};
    size_t r;
    for (r = 0; r < sizeof repeats / sizeof repeats[0]; r++) {
        fixture fx;
        fake_fn *f;
        bench_measurement m;
        size_t i;
        fixture_init(&fx, 0);
        f = fixture_fn(&fx, 100, 1);
        fx.o.repeat = repeats[r];
        fx.o.number = 10;
        if (!CHECK_EQ_INT(bench_measure(&fx.o, fake_call, f, &m), BENCH_OK))
            continue;
        CHECK_EQ_INT(m.nsamples, repeats[r]);
        CHECK_EQ_INT(m.wall.n, repeats[r]);
        for (i = 0; i < m.nsamples; i++)
            CHECK_NEAR(m.samples[i], 100, 0);
        /* Warm-up (one sample) plus the samples, 10 calls each. */
        CHECK_EQ_INT(f->calls, 10 * (repeats[r] + 1));
        bench_measurement_free(&m);
    }
}

TEST(test_measure_fixed_number_is_used)
{
    fixture fx;
    fake_fn *f;
    bench_measurement m;
    fixture_init(&fx, 0);
    f = fixture_fn(&fx, 100, 1);
    fx.o.number = 37;
    if (!CHECK_EQ_INT(bench_measure(&fx.o, fake_call, f, &m), BENCH_OK))
        return;
    CHECK_EQ_INT(m.number, 37);
    CHECK_NEAR(m.wall.median, 100, 0);
    bench_measurement_free(&m);
}

TEST(test_measure_subtracts_given_overhead)
{
    fixture fx;
    fake_fn *f;
    bench_measurement m;
    fixture_init(&fx, 0);
    f = fixture_fn(&fx, 100, 1);
    fx.o.overhead_ns = 7;
    if (!CHECK_EQ_INT(bench_measure(&fx.o, fake_call, f, &m), BENCH_OK))
        return;
    CHECK_NEAR(m.wall.median, 93, 0);
    CHECK_NEAR(m.wall.ci_lo, 93, 0);
    CHECK_NEAR(m.wall.ci_hi, 93, 0);
    CHECK_NEAR(m.samples[0], 93, 0);
    CHECK_NEAR(m.overhead_ns, 7, 0);
    bench_measurement_free(&m);
}

TEST(test_measure_does_not_clamp_negative_times)
{
    fixture fx;
    fake_fn *f;
    bench_measurement m;
    fixture_init(&fx, 0);
    f = fixture_fn(&fx, 1, 1);
    fx.o.number = 100;
    fx.o.overhead_ns = 3;
    if (!CHECK_EQ_INT(bench_measure(&fx.o, fake_call, f, &m), BENCH_OK))
        return;
    CHECK_NEAR(m.wall.median, -2, 0);
    bench_measurement_free(&m);
}

/* The overhead on a clock whose reads cost R ns while calls cost nothing:
 * every sample lasts exactly R whatever the call count, so a sample is
 * long enough only if R is (a smaller R auto-ranges up to 10^9 calls).
 * With R = 5 ms > the 2 ms target: t = R + 0 * calls, all of it fixed. */
#define SLOW_READ 5000000u

TEST(test_overhead_on_a_clock_where_calls_cost_nothing)
{
    fixture fx;
    double ns = -1, fixed = -1;
    fixture_init(&fx, SLOW_READ);
    CHECK_EQ_INT(bench_overhead(&fx.bc, &ns, &fixed), BENCH_OK);
    CHECK_NEAR(ns, 0, 0);
    CHECK_NEAR(fixed, SLOW_READ, 0);
    CHECK_EQ_INT(bench_overhead(&fx.bc, NULL, &fixed), BENCH_EINVAL);
}

TEST(test_measure_subtracts_measured_overhead)
{
    fixture fx;
    fake_fn *f;
    bench_measurement m;
    fixture_init(&fx, SLOW_READ);
    f = fixture_fn(&fx, 100, 1);
    /* The default options, which measure the overhead, on the fake clock. */
    bench_options_init(&fx.o);
    fx.o.clock = &fx.bc;
    fx.o.number = 3; /* each sample: 300 + SLOW_READ, minus SLOW_READ, / 3 */
    if (!CHECK_EQ_INT(bench_measure(&fx.o, fake_call, f, &m), BENCH_OK))
        return;
    CHECK_NEAR(m.overhead_ns, 0, 0);
    CHECK_NEAR(m.fixed_ns, SLOW_READ, 0);
    CHECK_NEAR(m.wall.median, 100, 0);
    CHECK_NEAR(m.wall.ci_lo, 100, 0);
    CHECK_NEAR(m.wall.ci_hi, 100, 0);
    bench_measurement_free(&m);
}

/* The budget is --min-time for each function measured for its own sake:
 * the loop's empty function, riding along to measure the loop's cost,
 * samples inside it (here a 1 ms sample a round and a budget of 50 ms:
 * 50 rounds, where counting the empty function too gave 100). */
TEST(test_measure_budget_counts_the_functions_not_the_loop_member)
{
    fixture fx;
    fake_fn *f;
    bench_measurement m;
    fixture_init(&fx, 20);
    f = fixture_fn(&fx, 1000, 1);
    f->jitter = 1; /* the precision is never met: the budget decides */
    bench_options_init(&fx.o);
    fx.o.clock = &fx.bc;
    fx.o.number = 1000;
    fx.o.rel_ci = 1e-12;
    fx.o.min_time = 0.05;
    /* The fixed cost given: measuring it on a clock that reads 20 ns for
     * any number of calls would auto-range the empty function to 1e9. */
    fx.o.fixed_ns = 20;
    if (!CHECK_EQ_INT(bench_measure(&fx.o, fake_call, f, &m), BENCH_OK))
        return;
    if (!CHECK(m.nsamples >= 45 && m.nsamples <= 51))
        printf("  (%zu samples)\n", m.nsamples);
    bench_measurement_free(&m);
}

/* A start-up fixed cost that disagrees with the one measured beside the
 * group (here 0 against clock readings of SLOW_READ ns) is rejected: the
 * samples are corrected with the new one, which is recorded. One that
 * agrees is kept. */
TEST(test_measure_rejects_a_start_up_fixed_cost_that_disagrees)
{
    fixture fx;
    fake_fn *f;
    bench_measurement m;
    fixture_init(&fx, SLOW_READ);
    f = fixture_fn(&fx, 100, 1);
    bench_options_init(&fx.o);
    fx.o.clock = &fx.bc;
    fx.o.number = 1000;
    fx.o.fixed_ns = 0; /* a bad start-up calibration */
    if (!CHECK_EQ_INT(bench_measure(&fx.o, fake_call, f, &m), BENCH_OK))
        return;
    CHECK_NEAR(m.fixed_ns, SLOW_READ, 0);
    CHECK_NEAR(m.wall.median, 100, 0);
    CHECK_NEAR(m.wall.ci_hi, 100, 0);
    bench_measurement_free(&m);
    fx.o.fixed_ns = SLOW_READ + 1; /* within the slack: kept */
    if (!CHECK_EQ_INT(bench_measure(&fx.o, fake_call, f, &m), BENCH_OK))
        return;
    CHECK_NEAR(m.fixed_ns, SLOW_READ + 1, 0);
    CHECK_NEAR(m.wall.median, 100 - 1.0 / 1000, 1e-9);
    bench_measurement_free(&m);
}

TEST(test_overhead_on_the_real_clock_is_finite)
{
    double ns = -1, fixed = -1;
    CHECK_EQ_INT(bench_overhead(NULL, &ns, &fixed), BENCH_OK);
    CHECK(isfinite(ns) && ns >= 0);
    CHECK(isfinite(fixed) && fixed >= 0);
}

TEST(test_measure_noisy_stops_at_max_samples)
{
    fixture fx;
    fake_fn *f;
    bench_measurement m;
    fixture_init(&fx, 0);
    f = fixture_fn(&fx, 100, 1);
    f->jitter = 1;
    fx.o.number = 10;
    fx.o.rel_ci = 1e-12;  /* never precise enough */
    fx.o.min_time = 1000; /* never out of time */
    fx.o.max_samples = 12;
    if (!CHECK_EQ_INT(bench_measure(&fx.o, fake_call, f, &m), BENCH_OK))
        return;
    CHECK_EQ_INT(m.nsamples, 12);
    CHECK(m.wall.stddev > 0);
    CHECK(m.wall.median >= 100 && m.wall.median <= 115);
    bench_measurement_free(&m);
}

/* The time budget stops the sampling only once min_samples are taken
 * (bench.h, README: "at least 8 samples"): it used to stop at 3, whose
 * "95% interval" is [min, max] and covers 75%. */
TEST(test_measure_noisy_stops_at_min_samples_when_budget_spent)
{
    fixture fx;
    fake_fn *f;
    bench_measurement m;
    fixture_init(&fx, 0);
    f = fixture_fn(&fx, 100, 1);
    f->jitter = 1;
    fx.o.number = 10;
    fx.o.rel_ci = 1e-12;
    fx.o.min_time = 1e-9; /* spent by the first sample */
    if (!CHECK_EQ_INT(bench_measure(&fx.o, fake_call, f, &m), BENCH_OK))
        return;
    CHECK_EQ_INT(m.nsamples, 8);
    bench_measurement_free(&m);
}

/* A function whose every sample lasts a fake second, 100 times the whole
 * budget, still gets min_samples samples (each of its one call), in every
 * member of a group; an explicit repeat still rules. */
TEST(test_measure_slow_function_gets_min_samples_within_a_spent_budget)
{
    fixture fx;
    bench_fn fns[2] = {fake_call, fake_call};
    void *args[2];
    bench_measurement m[2];
    fixture_init(&fx, 0);
    args[0] = fixture_fn(&fx, 1000000000u, 1);
    args[1] = fixture_fn(&fx, 500000000u, 2);
    fx.o.min_time = 0.01;
    if (CHECK_EQ_INT(bench_measure_many(&fx.o, 2, fns, args, m), BENCH_OK)) {
        CHECK_EQ_INT(m[0].number, 1);
        CHECK_EQ_INT(m[0].nsamples, 8);
        CHECK_EQ_INT(m[1].nsamples, 8);
        CHECK_NEAR(m[0].wall.median, 1e9, 0);
        bench_measurement_free(&m[0]);
        bench_measurement_free(&m[1]);
    }
    fx.o.min_samples = 12;
    if (CHECK_EQ_INT(bench_measure_many(&fx.o, 2, fns, args, m), BENCH_OK)) {
        CHECK_EQ_INT(m[0].nsamples, 12);
        bench_measurement_free(&m[0]);
        bench_measurement_free(&m[1]);
    }
    fx.o.repeat = 5; /* -r 5: five samples, below min_samples */
    if (CHECK_EQ_INT(bench_measure_many(&fx.o, 2, fns, args, m), BENCH_OK)) {
        CHECK_EQ_INT(m[0].nsamples, 5);
        bench_measurement_free(&m[0]);
        bench_measurement_free(&m[1]);
    }
}

TEST(test_measure_stop_flag_keeps_the_samples_so_far)
{
    fixture fx;
    fake_fn *f;
    bench_measurement m;
    volatile int stop = 1;
    fixture_init(&fx, 0);
    f = fixture_fn(&fx, 100, 1);
    fx.o.number = 10;
    fx.o.stop = &stop;
    /* Stopped after the first round: what was measured is kept. */
    if (!CHECK_EQ_INT(bench_measure(&fx.o, fake_call, f, &m), BENCH_OK))
        return;
    CHECK_EQ_INT(m.nsamples, 1);
    CHECK_NEAR(m.wall.median, 100, 0);
    bench_measurement_free(&m);
}

TEST(test_measure_reports_a_clock_failing_midway)
{
    fixture fx;
    fake_fn *f;
    bench_measurement m;
    fixture_init(&fx, 0);
    fx.clock.fail_after = 11; /* warm-up 2, start 1, then 2 per sample: the 5th fails */
    f = fixture_fn(&fx, 100, 1);
    fx.o.number = 10;
    fx.o.repeat = 20;
    CHECK_EQ_INT(bench_measure(&fx.o, fake_call, f, &m), BENCH_ECLOCK);
    CHECK(m.samples == NULL && m.cpu_samples == NULL && m.nsamples == 0);
}

TEST(test_measure_many_interleaves_and_keeps_counts_equal)
{
    fixture fx;
    bench_fn fns[2] = {fake_call, fake_call};
    void *args[2];
    bench_measurement m[2];
    size_t i, n, nlog;
    fixture_init(&fx, 0);
    args[0] = fixture_fn(&fx, 100, 1);
    args[1] = fixture_fn(&fx, 300, 2);
    if (!CHECK_EQ_INT(bench_measure_many(&fx.o, 2, fns, args, m), BENCH_OK))
        return;
    CHECK_NEAR(m[0].wall.median, 100, 0);
    CHECK_NEAR(m[1].wall.median, 300, 0);
    CHECK_EQ_INT(m[0].nsamples, m[1].nsamples);
    CHECK_EQ_INT(m[0].nsamples, 8);
    /* Each auto-ranged on its own: 10 ms samples. */
    CHECK_EQ_INT(m[0].number, 100000);
    CHECK_EQ_INT(m[1].number, 50000);
    /* The log has one entry per sample, naming whose sample it was; the
     * last 2n entries are the kept samples: every round has one of each,
     * in an order shuffled per round. */
    n = m[0].nsamples;
    nlog = fx.clock.nlog;
    if (CHECK(nlog >= 2 * n)) {
        for (i = 0; i < n; i++) {
            int x = fx.clock.log[nlog - 2 * n + 2 * i];
            int y = fx.clock.log[nlog - 2 * n + 2 * i + 1];
            if (!CHECK((x == 1 && y == 2) || (x == 2 && y == 1)))
                break;
        }
    }
    bench_measurement_free(&m[0]);
    bench_measurement_free(&m[1]);
}

TEST(test_measure_many_equal_counts_with_one_noisy_function)
{
    fixture fx;
    fake_fn *b;
    bench_fn fns[2] = {fake_call, fake_call};
    void *args[2];
    bench_measurement m[2];
    fixture_init(&fx, 0);
    args[0] = fixture_fn(&fx, 100, 1);
    args[1] = b = fixture_fn(&fx, 300, 2);
    b->jitter = 1;
    fx.o.number = 10;
    fx.o.rel_ci = 1e-12;
    fx.o.max_samples = 30;
    fx.o.min_time = 1000;
    if (!CHECK_EQ_INT(bench_measure_many(&fx.o, 2, fns, args, m), BENCH_OK))
        return;
    CHECK_EQ_INT(m[0].nsamples, 30);
    CHECK_EQ_INT(m[1].nsamples, 30);
    CHECK_NEAR(m[0].wall.median, 100, 0);
    bench_measurement_free(&m[0]);
    bench_measurement_free(&m[1]);
}

TEST(test_measure_rejects_bad_arguments)
{
    fixture fx;
    bench_clock nonow = {NULL, NULL, NULL};
    fake_fn *f;
    bench_measurement m;
    bench_fn fns[2] = {fake_call, NULL};
    void *args[2];
    fixture_init(&fx, 0);
    f = fixture_fn(&fx, 100, 1);
    args[0] = args[1] = f;
    CHECK_EQ_INT(bench_measure(&fx.o, NULL, f, &m), BENCH_EINVAL);
    CHECK_EQ_INT(bench_measure(&fx.o, fake_call, f, NULL), BENCH_EINVAL);
    CHECK_EQ_INT(bench_measure_many(&fx.o, 0, fns, args, &m), BENCH_EINVAL);
    CHECK_EQ_INT(bench_measure_many(&fx.o, 2, fns, args, &m), BENCH_EINVAL);
    CHECK_EQ_INT(bench_measure_many(&fx.o, 1, NULL, args, &m), BENCH_EINVAL);
    fx.o.min_time = 0;
    CHECK_EQ_INT(bench_measure(&fx.o, fake_call, f, &m), BENCH_EINVAL);
    fx.o.min_time = -1;
    CHECK_EQ_INT(bench_measure(&fx.o, fake_call, f, &m), BENCH_EINVAL);
    fx.o.min_time = NAN;
    CHECK_EQ_INT(bench_measure(&fx.o, fake_call, f, &m), BENCH_EINVAL);
    fx.o.min_time = INFINITY;
    CHECK_EQ_INT(bench_measure(&fx.o, fake_call, f, &m), BENCH_EINVAL);
    exact_options(&fx.o, &fx.bc);
    fx.o.rel_ci = 0;
    CHECK_EQ_INT(bench_measure(&fx.o, fake_call, f, &m), BENCH_EINVAL);
    exact_options(&fx.o, &fx.bc);
    fx.o.max_samples = 0;
    CHECK_EQ_INT(bench_measure(&fx.o, fake_call, f, &m), BENCH_EINVAL);
    exact_options(&fx.o, &fx.bc);
    fx.o.overhead_ns = NAN;
    CHECK_EQ_INT(bench_measure(&fx.o, fake_call, f, &m), BENCH_EINVAL);
    exact_options(&fx.o, &fx.bc);
    fx.o.fixed_ns = NAN;
    CHECK_EQ_INT(bench_measure(&fx.o, fake_call, f, &m), BENCH_EINVAL);
    exact_options(&fx.o, &fx.bc);
    fx.o.fixed_ns = INFINITY;
    CHECK_EQ_INT(bench_measure(&fx.o, fake_call, f, &m), BENCH_EINVAL);
    exact_options(&fx.o, &fx.bc);
    fx.o.sample_time = -0.001;
    CHECK_EQ_INT(bench_measure(&fx.o, fake_call, f, &m), BENCH_EINVAL);
    exact_options(&fx.o, &fx.bc);
    fx.o.sample_time = NAN;
    CHECK_EQ_INT(bench_measure(&fx.o, fake_call, f, &m), BENCH_EINVAL);
    exact_options(&fx.o, &nonow);
    CHECK_EQ_INT(bench_measure(&fx.o, fake_call, f, &m), BENCH_EINVAL);
    /* None of these called the function. */
    CHECK_EQ_INT(f->calls, 0);
    /* rel_ci is the adaptive stop's: with repeat it is not looked at */
    exact_options(&fx.o, &fx.bc);
    fx.o.repeat = 3;
    fx.o.rel_ci = 0;
    if (CHECK_EQ_INT(bench_measure(&fx.o, fake_call, f, &m), BENCH_OK)) {
        CHECK_EQ_INT(m.nsamples, 3);
        bench_measurement_free(&m);
    }
}

TEST(test_measurement_free_zeroes_and_accepts_null)
{
    bench_measurement m;
    memset(&m, 0, sizeof m);
    m.samples = malloc(4 * sizeof *m.samples);
    m.cpu_samples = malloc(4 * sizeof *m.cpu_samples);
    m.nsamples = 4;
    bench_measurement_free(&m);
    CHECK(m.samples == NULL && m.cpu_samples == NULL && m.nsamples == 0);
    bench_measurement_free(NULL);
}

TEST(test_clock_info_on_a_fake_clock)
{
    fixture fx;
    double res = -1, cost = -1;
    fixture_init(&fx, 7);
    CHECK_EQ_INT(bench_clock_info(&fx.bc, &res, &cost), BENCH_OK);
    CHECK_NEAR(res, 7, 0);
    CHECK_NEAR(cost, 7, 0.01);
}

/* A reading that fails (0) or goes backwards, at any point, is
 * BENCH_ECLOCK, as bench_clock promises: not a read cost from a wrapped
 * difference. */
static uint64_t back_now(void *ctx)
{
    uint64_t *n = ctx;
    *n += 10;
    return *n == 30 ? 5 : *n; /* the third reading goes back */
}

TEST(test_clock_info_rejects_a_failing_or_backward_clock)
{
    fixture fx;
    uint64_t n = 0;
    bench_clock back = {back_now, NULL, &n};
    double res, cost;
    fixture_init(&fx, 7);
    fx.clock.fail_after = 3;
    CHECK_EQ_INT(bench_clock_info(&fx.bc, &res, &cost), BENCH_ECLOCK);
    fixture_init(&fx, 7);
    fx.clock.fail_after = 3000; /* in the burst that times the readings */
    CHECK_EQ_INT(bench_clock_info(&fx.bc, &res, &cost), BENCH_ECLOCK);
    CHECK_EQ_INT(bench_clock_info(&back, &res, &cost), BENCH_ECLOCK);
}

TEST(test_strerror_names_every_code)
{
    int code;
    CHECK_STR_EQ(bench_strerror(12345), "unknown error");
    CHECK_STR_EQ(bench_strerror(1), "unknown error");
    for (code = BENCH_ECRASH; code <= BENCH_OK; code++) {
        const char *s = bench_strerror(code);
        if (!CHECK(s != NULL && *s && strcmp(s, "unknown error") != 0))
            printf("  (code %d)\n", code);
    }
}

/* ---- the real clock: ratios only ---- */

/* A dependent chain of multiply-adds: its time is proportional to the
 * count, which is read through a pointer so it cannot be folded. */
static void chain(void *arg)
{
    uint64_t x = 88172645463325252u, i, n = *(const volatile uint64_t *)arg;
    for (i = 0; i < n; i++)
        x = x * 6364136223846793005u + 1442695040888963407u;
    bench_keep(x);
}

TEST(test_four_times_the_work_measures_two_to_eight_times_longer)
{
    uint64_t small = 2000, large = 8000;
    bench_fn fns[2] = {chain, chain};
    void *args[2] = {&small, &large};
    bench_options o;
    bench_measurement m[2];
    double cpu_ratio, wall_ratio;
    bench_options_init(&o);
    o.min_time = 0.05;
    if (!CHECK_EQ_INT(bench_measure_many(&o, 2, fns, args, m), BENCH_OK))
        return;
    /* On a loaded machine a sample can include time when the process was
     * not running, and the scheduler's slices can phase-lock with the
     * A B A B rounds so that every sample of B has some and no sample of A
     * has (seen: a ratio of 15 with 3 busy loops on 2 CPUs). CPU time does
     * not count it; wall time is checked only when no sample was
     * disturbed (an involuntary context switch). */
    cpu_ratio = m[1].cpu.median / m[0].cpu.median;
    wall_ratio = m[1].wall.median / m[0].wall.median;
    if (!CHECK(cpu_ratio > 2 && cpu_ratio < 8))
        printf("  (CPU time ratio %.3f: %.1f ns vs %.1f ns)\n", cpu_ratio, m[1].cpu.median,
               m[0].cpu.median);
    if (m[0].disturbed == 0 && m[1].disturbed == 0 && !CHECK(wall_ratio > 2 && wall_ratio < 8))
        printf("  (wall time ratio %.3f: %.1f ns vs %.1f ns)\n", wall_ratio, m[1].wall.median,
               m[0].wall.median);
    CHECK(m[0].nsamples >= 3);
    CHECK_EQ_INT(m[0].nsamples, m[1].nsamples);
    bench_measurement_free(&m[0]);
    bench_measurement_free(&m[1]);
}
