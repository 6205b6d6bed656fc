/*
 * test_latency.c - --latency and throughput: the log-bucketed histogram
 * (buckets, exact and bounded percentiles, merging), the batch decision,
 * calls timed on the fake clock (known sequences, exact percentiles, the
 * budget, a failing clock), the writers on a model built by hand
 * (golden files), rates, and the command line's errors.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fake_clock.h"
#include "golden.h"
#include "hist.h"
#include "latency.h"
#include "present.h"
#include "report.h"
#include "testhelp.h"
#include "util.h"

/* ---- the histogram ---- */

TEST(test_hist_buckets_bound_each_value_within_one_128th)
{
    double v;
    size_t worst = 0;
    for (v = 0.0625; v < 1e13; v *= 1.0137) {
        size_t i = hist_bucket(v);
        double lo = hist_lower(i), hi = hist_upper(i);
        if (!(lo <= v && v < hi && (hi - lo) / lo <= 1.0 / HIST_SUB + 1e-12))
            worst++;
    }
    CHECK_EQ_INT(worst, 0);
    /* whole ns below 256 are bucket bounds: exact */
    for (v = 1; v < 256; v++)
        if (hist_lower(hist_bucket(v)) != v)
            worst++;
    CHECK_EQ_INT(worst, 0);
    CHECK_EQ_INT(hist_bucket(0), 0);
    CHECK_EQ_INT(hist_bucket(-5), 0);
    CHECK_EQ_INT(hist_bucket(0.01), 0);
    CHECK_EQ_INT(hist_bucket(0.0625), 1);
    CHECK_EQ_INT(hist_bucket(1e300), HIST_BUCKETS - 1);
    CHECK_EQ_INT(hist_bucket(NAN), 0);
    /* neighbouring buckets meet */
    CHECK(hist_upper(500) == hist_lower(501));
    CHECK(hist_upper(0) == hist_lower(1));
}

/* 1..200 in a scrambled order: nearest-rank percentiles, exactly. */
TEST(test_hist_percentiles_of_a_known_sequence_are_exact)
{
    hist h;
    size_t i;
    if (!CHECK_EQ_INT(hist_init(&h), 0))
        return;
    for (i = 0; i < 200; i++)
        hist_add(&h, (double)((i * 77) % 200 + 1)); /* 77 is prime to 200 */
    CHECK_EQ_INT(h.count, 200);
    CHECK_NEAR(hist_quantile(&h, 0.50), 100, 0);
    CHECK_NEAR(hist_quantile(&h, 0.90), 180, 0);
    CHECK_NEAR(hist_quantile(&h, 0.99), 198, 0);
    CHECK_NEAR(hist_quantile(&h, 0.999), 200, 0);
    CHECK_NEAR(hist_quantile(&h, 1), 200, 0);
    CHECK_NEAR(hist_quantile(&h, 0.001), 1, 0);
    CHECK_NEAR(h.min, 1, 0);
    CHECK_NEAR(h.sum, 200 * 201 / 2, 0);
    CHECK_EQ_INT(hist_count_in(&h, 64, 128), 64);
    CHECK_EQ_INT(hist_count_in(&h, 0, 1e9), 200);
    hist_free(&h);
    hist_free(&h); /* twice: a no-op */
}

/* Large values: each percentile lies within 1/128 below the true one,
 * and the largest is exact. */
TEST(test_hist_percentiles_keep_the_stated_relative_error)
{
    hist h;
    size_t i;
    double q[] = {0.5, 0.9, 0.99, 0.999}, truth;
    if (!CHECK_EQ_INT(hist_init(&h), 0))
        return;
    for (i = 1; i <= 100000; i++)
        hist_add(&h, 1000.0 + 7.3 * (double)i);
    for (i = 0; i < 4; i++) {
        double got = hist_quantile(&h, q[i]);
        truth = 1000.0 + 7.3 * ceil(q[i] * 100000 - 1e-9);
        CHECK(got <= truth && truth < got * (1 + 1.0 / HIST_SUB));
    }
    CHECK_NEAR(hist_quantile(&h, 1), 1000.0 + 7.3 * 100000, 0);
    hist_free(&h);
}

TEST(test_hist_merge_equals_counting_together)
{
    hist a, b, all;
    size_t i;
    if (!CHECK_EQ_INT(hist_init(&a), 0) || !CHECK_EQ_INT(hist_init(&b), 0) ||
        !CHECK_EQ_INT(hist_init(&all), 0))
        return;
    for (i = 0; i < 1000; i++) {
        double v = 3.0 + (double)(i * i % 977);
        hist_add(i % 3 ? &a : &b, v);
        hist_add(&all, v);
    }
    hist_merge(&a, &b);
    CHECK_EQ_INT(a.count, all.count);
    CHECK_NEAR(a.min, all.min, 0);
    CHECK_NEAR(a.max, all.max, 0);
    CHECK_NEAR(a.sum, all.sum, 1e-6);
    CHECK(memcmp(a.counts, all.counts, HIST_BUCKETS * sizeof *a.counts) == 0);
    CHECK_NEAR(hist_quantile(&a, 0.99), hist_quantile(&all, 0.99), 0);
    hist_free(&a);
    hist_free(&b);
    hist_free(&all);
}

/* ---- the batch decision ---- */

TEST(test_latency_batch_is_the_smallest_within_5_percent_of_the_clock)
{
    CHECK_EQ_INT(latency_batch(40, 1000), 1); /* 40 <= 50: one by one */
    CHECK_EQ_INT(latency_batch(40, 800), 1);  /* exactly 5% */
    CHECK_EQ_INT(latency_batch(40, 799), 2);
    CHECK_EQ_INT(latency_batch(40, 100), 8);  /* 40 <= 0.05 * 8 * 100 */
    CHECK_EQ_INT(latency_batch(40, 1), 1024); /* a cheap call: 800 needed */
    CHECK_EQ_INT(latency_batch(0, 1), 1);     /* a free clock */
    CHECK_EQ_INT(latency_batch(40, 0), LATENCY_MAX_BATCH);
    CHECK_EQ_INT(latency_batch(40, -3), LATENCY_MAX_BATCH);
    CHECK_EQ_INT(latency_batch(40, 1e-6), LATENCY_MAX_BATCH); /* capped */
}

/* ---- timing on the fake clock ---- */

/* A function whose i-th call costs seq[i % n] fake ns. */
typedef struct seq_fn {
    fake_clock *clock;
    const uint64_t *seq;
    size_t n, i;
} seq_fn;

static void seq_call(void *arg)
{
    seq_fn *s = arg;
    s->clock->now += s->seq[s->i++ % s->n];
}

TEST(test_latency_one_by_one_gives_exact_percentiles_of_each_call)
{
    fake_clock c;
    bench_clock bc;
    uint64_t seq[200];
    seq_fn s;
    latency_config lc;
    result_latency l;
    size_t i;

    fake_init(&c, &bc, 0);
    for (i = 0; i < 200; i++)
        seq[i] = (i * 77) % 200 + 1;
    s.clock = &c;
    s.seq = seq;
    s.n = 200;
    s.i = 0;
    memset(&lc, 0, sizeof lc);
    lc.clock = &bc;
    lc.budget_s = 10;
    lc.max_calls = 200;
    if (!CHECK_EQ_INT(latency_measure(&lc, seq_call, &s, 1, 0, &l), BENCH_OK))
        return;
    CHECK_EQ_INT(l.calls, 200);
    CHECK_EQ_INT(l.batch, 1);
    CHECK_EQ_INT(l.h.count, 200);
    CHECK_NEAR(l.p50, 100, 0);
    CHECK_NEAR(l.p90, 180, 0);
    CHECK_NEAR(l.p99, 198, 0);
    CHECK_NEAR(l.p999, 200, 0);
    CHECK_NEAR(l.max, 200, 0);
    CHECK_NEAR(l.min, 1, 0);
    CHECK_NEAR(l.mean, 100.5, 1e-9);
    hist_free(&l.h);
}

/* The tail: 999 cheap calls and one dear one. The median does not see it,
 * p99.9 and max do. */
TEST(test_latency_sees_a_one_in_a_thousand_tail)
{
    fake_clock c;
    bench_clock bc;
    uint64_t seq[1000];
    seq_fn s = {0};
    latency_config lc = {0};
    result_latency l;
    size_t i;

    fake_init(&c, &bc, 0);
    for (i = 0; i < 1000; i++)
        seq[i] = i == 500 ? 100000 : 10;
    s.clock = &c;
    s.seq = seq;
    s.n = 1000;
    lc.clock = &bc;
    lc.budget_s = 10;
    lc.max_calls = 2000;
    if (!CHECK_EQ_INT(latency_measure(&lc, seq_call, &s, 1, 0, &l), BENCH_OK))
        return;
    CHECK_NEAR(l.p50, 10, 0);
    CHECK_NEAR(l.p99, 10, 0);
    CHECK_NEAR(l.p999, 10, 0); /* 2 of 2000: rank 1998 is still cheap */
    CHECK_NEAR(l.max, 100000, 0);
    CHECK(l.mean > 100); /* the mean moves by 10x; the median does not */
    hist_free(&l.h);
    s.i = 0;
    lc.max_calls = 1000;
    if (!CHECK_EQ_INT(latency_measure(&lc, seq_call, &s, 1, 0, &l), BENCH_OK))
        return;
    CHECK_NEAR(l.p999, 10, 0); /* rank 999 of 1000 */
    CHECK_NEAR(l.max, 100000, 0);
    hist_free(&l.h);
}

/* In batches: each timing is the batch's time over its calls, one clock
 * reading's cost included. */
TEST(test_latency_batches_count_their_time_per_call)
{
    fixture fx;
    fake_fn *f;
    latency_config lc = {0};
    result_latency l;

    fixture_init(&fx, 8);
    f = fixture_fn(&fx, 3, 1);
    lc.clock = &fx.bc;
    lc.budget_s = 10;
    lc.max_calls = 64;
    if (!CHECK_EQ_INT(latency_measure(&lc, fake_call, f, latency_batch(8, 3), 8, &l), BENCH_OK))
        return;
    CHECK_EQ_INT(l.batch, 64); /* 8 <= 0.05 * b * 3 first at b = 64 */
    CHECK_EQ_INT(l.calls, 64);
    CHECK_EQ_INT(l.h.count, 1);
    CHECK_EQ_INT(f->calls, 64);
    CHECK_NEAR(l.p50, 3 + 8.0 / 64, 1e-12); /* one reading's cost, shared */
    CHECK_NEAR(l.clock_ns, 8, 0);
    hist_free(&l.h);
}

/* Without a call limit, the budget ends it: 1 ms of 1 us calls. */
TEST(test_latency_stops_when_the_budget_is_spent)
{
    fixture fx;
    fake_fn *f;
    latency_config lc = {0};
    result_latency l;
    volatile int stop = 0;

    fixture_init(&fx, 0);
    f = fixture_fn(&fx, 1000, 1);
    lc.clock = &fx.bc;
    lc.budget_s = 1e-3;
    if (!CHECK_EQ_INT(latency_measure(&lc, fake_call, f, 1, 0, &l), BENCH_OK))
        return;
    CHECK_EQ_INT(l.calls, 1000);
    hist_free(&l.h);
    /* a stop request ends it after the first timing */
    stop = 1;
    lc.stop = &stop;
    if (!CHECK_EQ_INT(latency_measure(&lc, fake_call, f, 1, 0, &l), BENCH_OK))
        return;
    CHECK_EQ_INT(l.calls, 1);
    hist_free(&l.h);
}

TEST(test_latency_reports_a_failing_clock_and_bad_arguments)
{
    fixture fx;
    fake_fn *f;
    latency_config lc = {0};
    result_latency l;

    fixture_init(&fx, 1);
    f = fixture_fn(&fx, 10, 1);
    fx.clock.fail_after = 5;
    lc.clock = &fx.bc;
    lc.budget_s = 1;
    CHECK_EQ_INT(latency_measure(&lc, fake_call, f, 1, 0, &l), BENCH_ECLOCK);
    CHECK(l.h.counts == NULL); /* nothing to free */
    CHECK_EQ_INT(latency_measure(&lc, fake_call, f, 0, 0, &l), BENCH_EINVAL);
    CHECK_EQ_INT(latency_measure(&lc, NULL, f, 1, 0, &l), BENCH_EINVAL);
}

/* A case's own waits: 1..300 ns, or none, or more than it may write. */
static size_t some_waits(void *state, double *ns, size_t cap)
{
    size_t i, n = *(size_t *)state;
    for (i = 0; i < n && i < cap; i++)
        ns[i] = (double)(i + 1);
    return n;
}

TEST(test_latency_waits_a_case_measures_become_percentiles)
{
    result_latency l;
    size_t n = 300;
    if (!CHECK_EQ_INT(latency_waits(some_waits, &n, &l), BENCH_OK))
        return;
    CHECK_EQ_INT(l.calls, 300);
    CHECK_EQ_INT(l.batch, 1);
    CHECK_NEAR(l.p50, 150, 0);
    CHECK_NEAR(l.p99, 297, 297.0 / HIST_SUB); /* above 256: within 1/128 */
    CHECK(l.p99 <= 297);
    CHECK_NEAR(l.max, 300, 0);
    hist_free(&l.h);
    n = 0;
    CHECK_EQ_INT(latency_waits(some_waits, &n, &l), BENCH_ENOENT);
    CHECK(l.h.counts == NULL);
    n = LATENCY_MAX_WAITS + 5; /* claims more than the room it had */
    if (!CHECK_EQ_INT(latency_waits(some_waits, &n, &l), BENCH_OK))
        return;
    CHECK_EQ_INT(l.calls, LATENCY_MAX_WAITS);
    hist_free(&l.h);
}

/* ---- throughput ---- */

TEST(test_throughput_rates_are_per_second_of_the_median)
{
    result_point p;
    char buf[96];

    CHECK_NEAR(present_rate(1000, 500), 2e9, 1e-3);
    CHECK_NEAR(present_rate(24000, 1e6), 2.4e7, 1e-6);
    CHECK_NEAR(present_rate(0, 500), 0, 0);
    CHECK_NEAR(present_rate(10, 0), 0, 0);
    memset(&p, 0, sizeof p);
    golden_point(&p, 1000, 100, 9, 500, 0, 0, 0); /* median 500 ns */
    CHECK_STR_EQ(present_throughput(buf, sizeof buf, &p), "");
    p.items = 1000;
    CHECK_STR_EQ(present_throughput(buf, sizeof buf, &p), "2.00G items/s");
    p.bytes = 8000;
    CHECK_STR_EQ(present_throughput(buf, sizeof buf, &p), "16.0 GB/s, 2.00G items/s");
    p.items = 0;
    p.bytes = 40;
    CHECK_STR_EQ(present_throughput(buf, sizeof buf, &p), "80.0 MB/s");
    p.status = BENCH_ECRASH;
    CHECK_STR_EQ(present_throughput(buf, sizeof buf, &p), "");
    bench_measurement_free(&p.m);
}

static double items_of(size_t n)
{
    return (double)n;
}

static double bytes_of(size_t n)
{
    return 24.0 * (double)n;
}

static double negative(size_t n)
{
    return -(double)n;
}

static void noop(void *s)
{
    (void)s;
}

/* result_build takes the declared items and bytes per call of each size;
 * NULL or a result that is not positive is not declared. */
TEST(test_throughput_fields_are_read_at_each_size)
{
    bench_case a, b;
    const bench_case *sel[2] = {&a, &b};
    results r;

    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    a.name = "tp/a";
    a.run = noop;
    a.sizes[0] = 10;
    a.sizes[1] = 100;
    a.items_per_call = items_of;
    a.bytes_per_call = bytes_of;
    b.name = "tp/b";
    b.run = noop;
    b.items_per_call = negative;
    if (!CHECK_EQ_INT(result_build(&r, sel, 2, NULL, 0), BENCH_OK))
        return;
    CHECK_NEAR(r.cases[0].pts[0].items, 10, 0);
    CHECK_NEAR(r.cases[0].pts[1].items, 100, 0);
    CHECK_NEAR(r.cases[0].pts[1].bytes, 2400, 0);
    CHECK_NEAR(r.cases[1].pts[0].items, 0, 0);
    CHECK_NEAR(r.cases[1].pts[0].bytes, 0, 0);
    result_free(&r);
}

/* ---- the writers ---- */

/* A latency summary over a known sequence: 999 calls of 40..80 ns and
 * one of 2 ms (the copy of a grown array). */
static result_latency *known_latency(uint64_t batch)
{
    result_latency *l = calloc(1, sizeof *l);
    size_t i;
    if (!l || hist_init(&l->h) != 0) {
        free(l);
        return NULL;
    }
    for (i = 0; i < 1000; i++)
        hist_add(&l->h, i == 700 ? 2e6 : 40.0 + (double)(i * 37 % 41));
    l->calls = 1000 * batch;
    l->batch = l->batch_min = batch;
    l->clock_ns = 25;
    result_latency_summarize(l);
    return l;
}

/* One group: a baseline with items declared, and a variant with bytes,
 * both with latency. */
static int latency_model(results *r)
{
    result_case *c;
    memset(r, 0, sizeof *r);
    snprintf(r->ctx.date, sizeof r->ctx.date, "2026-01-02T03:04:05+0000");
    snprintf(r->ctx.host, sizeof r->ctx.host, "goldhost");
    r->ngroups = 1;
    r->groups = calloc(1, sizeof *r->groups);
    r->cases = calloc(2, sizeof *r->cases);
    if (!r->groups || !r->cases)
        return 0;
    r->groups[0].name = strdup("tail");
    r->groups[0].desc = "append N items";
    r->groups[0].end = r->ncases = 2;
    c = &r->cases[0];
    c->name = "tail/grow";
    c->desc = "doubling";
    c->base = -1;
    c->npoints = 1;
    golden_point(&c->pts[0], 1000, 1000, 9, 60, 0.02, 1, 0);
    c->pts[0].items = 1;
    c->pts[0].lat = known_latency(1);
    c = &r->cases[1];
    c->name = "tail/fixed";
    c->desc = "preallocated";
    c->base = 0;
    c->npoints = 1;
    golden_point(&c->pts[0], 1000, 1000, 9, 50, 0.02, 1, 0);
    c->pts[0].bytes = 8;
    c->pts[0].lat = known_latency(16);
    c->pts[0].wait = known_latency(1); /* as if the case measured these */
    return r->groups[0].name && r->cases[0].pts[0].lat && r->cases[1].pts[0].lat &&
           r->cases[1].pts[0].wait;
}

static void latency_golden(const char *name, report_writer w)
{
    results r;
    report_opts o;
    char *out;
    if (CHECK(latency_model(&r))) {
        memset(&o, 0, sizeof o);
        out = golden_render(w, &r, &o);
        golden_check(name, out);
        free(out);
    }
    result_free(&r);
}

TEST(test_latency_table_golden)
{
    latency_golden("latency-table.txt", report_table);
}

TEST(test_latency_json_golden)
{
    latency_golden("latency.json", report_json);
}

TEST(test_latency_csv_golden)
{
    latency_golden("latency.csv", report_csv);
}

/* The table and JSON carry what the issue of each figure needs: the
 * percentiles with their call counts, the batch rule, the rates under
 * Google Benchmark's names. */
TEST(test_latency_writers_name_their_figures)
{
    results r;
    report_opts o;
    char *t, *j, *c;
    if (!CHECK(latency_model(&r))) {
        result_free(&r);
        return;
    }
    memset(&o, 0, sizeof o);
    t = golden_render(report_table, &r, &o);
    j = golden_render(report_json, &r, &o);
    c = golden_render(report_csv, &r, &o);
    CHECK_STR_CONTAINS(t, "tail/grow N=1000 latency: p50 60.0 ns");
    CHECK_STR_CONTAINS(t, "max 2.00 ms");
    CHECK_STR_CONTAINS(t, "1000 calls, timed one by one");
    CHECK_STR_CONTAINS(t, "16.0k calls, timed 16 at a time (1000 timings");
    CHECK_STR_CONTAINS(t, "at most 5% of it");
    CHECK_STR_CONTAINS(t, "items/s");
    CHECK_STR_CONTAINS(j, "\"items_per_second\": ");
    CHECK_STR_CONTAINS(j, "\"bytes_per_second\": ");
    CHECK_STR_CONTAINS(j, "\"latency_p999\": ");
    CHECK_STR_CONTAINS(j, "\"latency_calls\": 16000");
    CHECK_STR_CONTAINS(c, ",items_per_second,bytes_per_second,latency_calls,");
    CHECK_STR_CONTAINS(c, ",latency_max_ns,wait_count,wait_p50_ns,");
    CHECK_STR_CONTAINS(t, "wait (measured by the case): p50 60.0 ns");
    CHECK_STR_CONTAINS(j, "\"wait_p99\": 80,");
    free(t);
    free(j);
    free(c);
    result_free(&r);
}

/* ---- the command line ---- */

static void check_one_line_error(const char *args, const char *want)
{
    cmd_result r;
    run_prog(&r, prog_path("bench"), args);
    CHECK_EQ_INT(r.status, 2);
    CHECK_STR_EQ(r.out, "");
    CHECK_STR_CONTAINS(r.err, want);
    CHECK(strchr(r.err, '\n') == r.err + strlen(r.err) - 1);
    cmd_free(&r);
}

TEST(test_cli_latency_with_number_or_repeat_exits_2)
{
    check_one_line_error("--latency --number 10 member",
                         "--latency cannot be combined with --number");
    check_one_line_error("--latency -r 5 member", "--latency cannot be combined with --repeat");
    check_one_line_error("-n 5 --latency member", "--number");
    check_one_line_error("--latency=1 member", "--latency takes no value");
}

/* Measured for real, in worker processes and in this process: every
 * point has its percentiles, in order, behind at least one call. */
static void check_latency_run(const char *args)
{
    cmd_result r;
    char *p;
    size_t n = 0;
    run_prog(&r, prog_path("bench"), args);
    CHECK_EQ_INT(r.status, 0);
    for (p = r.out; (p = strstr(p, "\"latency_p50\": ")) != NULL; p++) {
        double p50 = strtod(p + 15, NULL), p99, max;
        char *q = strstr(p, "\"latency_p99\": "), *m = strstr(p, "\"latency_max\": ");
        if (!CHECK(q && m))
            break;
        p99 = strtod(q + 15, NULL);
        max = strtod(m + 15, NULL);
        CHECK(p50 > 0 && p50 <= p99 && p99 <= max);
        n++;
    }
    CHECK_EQ_INT(n, 6); /* 3 cases x 2 sizes */
    cmd_free(&r);
}

/* batch measures its records' waits in every variant, in workers. */
TEST(test_cli_latency_batch_reports_waits_and_records_per_second)
{
    cmd_result r;
    char *p;
    size_t n = 0;
    run_prog(&r, prog_path("bench"),
             "--latency --min-time 0.02 -q --sizes 200 --format json batch");
    CHECK_EQ_INT(r.status, 0);
    for (p = r.out; (p = strstr(p, "\"wait_p50\": ")) != NULL; p++) {
        double p50 = strtod(p + 12, NULL);
        char *q = strstr(p, "\"wait_p99\": ");
        if (!CHECK(q))
            break;
        CHECK(p50 > 0 && p50 <= strtod(q + 12, NULL));
        n++;
    }
    CHECK_EQ_INT(n, 3);
    CHECK_STR_CONTAINS(r.out, "\"items_per_second\": ");
    cmd_free(&r);
}

TEST(test_cli_latency_in_workers_and_in_process)
{
    check_latency_run("--latency --min-time 0.02 -q --sizes 10,100 --format json member");
    check_latency_run(
        "--latency --min-time 0.02 -q --sizes 10,100 --format json --processes 1 member");
    check_latency_run(
        "--latency --min-time 0.02 -q --sizes 10,100 --format json --no-isolate member");
}

/* bench timeit: --items and --bytes as expressions in N, --latency passed
 * on. The rates follow the declared counts: bytes/s is 8 times items/s. */
TEST(test_timeit_items_bytes_and_latency)
{
    cmd_result r;
    char *i, *b;
    run_prog(&r, prog_path("bench"),
             "timeit -q --min-time 0.02 --sizes 64 --items N --bytes '8 * N' --latency "
             "--format json -s 'long *a = calloc(N, sizeof *a);' -t 'free(a);' "
             "'for (size_t k = 0; k < N; k++) a[k]++; bench_clobber();'");
    if (!CHECK_EQ_INT(r.status, 0)) {
        printf("  %s\n", r.err);
        cmd_free(&r);
        return;
    }
    i = strstr(r.out, "\"items_per_second\": ");
    b = strstr(r.out, "\"bytes_per_second\": ");
    if (CHECK(i && b))
        CHECK_NEAR(strtod(b + 20, NULL) / strtod(i + 20, NULL), 8, 1e-9);
    CHECK_STR_CONTAINS(r.out, "\"latency_p99\": ");
    cmd_free(&r);
    run_prog(&r, prog_path("bench"),
             "timeit -q --min-time 0.02 --items 'N * 2' --latency "
             "'for (int i = 0; i < 100; i++) bench_keep(i);'"); /* well above 0 ns */
    CHECK_EQ_INT(r.status, 0);
    CHECK_STR_CONTAINS(r.out, "items/s");
    CHECK_STR_CONTAINS(r.out, "latency p50 ");
    cmd_free(&r);
    /* an expression that does not compile is the compiler's error: exit 2 */
    run_prog(&r, prog_path("bench"), "timeit -q --items '1 +' 'int x = 1; bench_keep(x);'");
    CHECK_EQ_INT(r.status, 2);
    CHECK_STR_EQ(r.out, "");
    cmd_free(&r);
    run_prog(&r, prog_path("bench"), "timeit --latency -n 10 'int x = 1; bench_keep(x);'");
    CHECK_EQ_INT(r.status, 2);
    CHECK_STR_CONTAINS(r.err, "--latency cannot be combined with --number");
    cmd_free(&r);
}

TEST(test_latency_markdown_golden)
{
    latency_golden("latency.md", report_markdown);
}

/* The HTML page draws --latency as a figure of its own: a row per point,
 * five marks a row (p50, p90, p99, p99.9 filled, max hollow). */
TEST(test_latency_html_figure_has_five_marks_a_row)
{
    results r;
    report_opts o;
    char *out, *fig, *end;
    size_t marks = 0, hollow = 0;
    if (!CHECK(latency_model(&r))) {
        result_free(&r);
        return;
    }
    memset(&o, 0, sizeof o);
    out = golden_render(report_html, &r, &o);
    fig = out ? strstr(out, "class=\"plot latency\"") : NULL;
    end = fig ? strstr(fig, "</svg>") : NULL;
    if (CHECK(fig && end)) {
        char *p;
        *end = 0;
        for (p = fig; (p = strstr(p, "<path class=\"pt ")) != NULL; p++) {
            const char *q = strchr(p + 13, '"'); /* the end of the class */
            marks++;
            hollow += q && q - p > 20 && strncmp(q - 6, "hollow", 6) == 0;
        }
        CHECK_EQ_INT(marks, 10);
        CHECK_EQ_INT(hollow, 2);
        CHECK_STR_CONTAINS(fig, "tail/grow at N=1000: p99.9 80.0 ns, of 1000 timings");
        CHECK_STR_CONTAINS(fig, "1.97 ms to 2.10 ms: 1 timing"); /* the tail's bar */
    }
    CHECK_STR_CONTAINS(out, "data-plot=\"latency\"");
    free(out);
    result_free(&r);
}

/* A case that crashes has no percentiles: it is reported failed, and the
 * others of its group still get theirs. */
TEST(test_cli_latency_of_a_failed_case_is_its_failure)
{
    cmd_result r;
    run_prog(&r, prog_path("tests/progs/faulty"),
             "--latency --min-time 0.02 -q faulty/ok faulty/segv");
    CHECK_EQ_INT(r.status, 1);
    CHECK_STR_CONTAINS(r.out, "faulty/ok N=10 latency: p50 ");
    CHECK_STR_CONTAINS(r.out, "faulty/segv failed at N=10: "); /* crashed, or ASan exited */
    CHECK_STR_NOT_CONTAINS(r.out, "faulty/segv N=10 latency");
    cmd_free(&r);
}
