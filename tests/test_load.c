/*
 * test_load.c - saved JSON results read back into a results model
 * (load.h): this version's --format json round-trips, Google Benchmark's
 * JSON (names with options, other time units, aggregates, errors) reads,
 * an aggregates-only file reads, a run of several worker processes reads
 * back as one (its intervals, speedups and comparisons those of the run),
 * and malformed input is refused saying where.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "baseline.h"
#include "compare.h"
#include "golden.h"
#include "group.h"
#include "html_model.h"
#include "load.h"
#include "pool.h"
#include "report.h"
#include "testhelp.h"
#include "util.h"

static int parse(const char *text, loaded *l, char *err, size_t errsz)
{
    return load_parse("t.json", text, strlen(text), l, err, errsz);
}

/* The model saved as JSON and read back is the same model: names,
 * groups, sizes, samples in order, statistics, speedups with their
 * baseline, fits, failures, context. */
TEST(test_load_round_trips_this_versions_json)
{
    results r;
    loaded l;
    report_opts o;
    char *json, *again, err[256];
    size_t i, j, k;

    memset(&o, 0, sizeof o);
    html_model(&r);
    json = golden_render(report_json, &r, &o);
    if (!CHECK_EQ_INT(parse(json, &l, err, sizeof err), BENCH_OK)) {
        printf("  %s\n", err);
        free(json);
        result_free(&r);
        return;
    }
    CHECK_EQ_INT(l.r.ngroups, r.ngroups);
    CHECK_EQ_INT(l.r.ncases, r.ncases);
    for (i = 0; i < r.ngroups && i < l.r.ngroups; i++) {
        CHECK_STR_EQ(l.r.groups[i].name, r.groups[i].name);
        CHECK_EQ_INT(l.r.groups[i].first, r.groups[i].first);
        CHECK_EQ_INT(l.r.groups[i].end, r.groups[i].end);
    }
    for (i = 0; i < r.ncases && i < l.r.ncases; i++) {
        const result_case *a = &r.cases[i], *b = &l.r.cases[i];
        CHECK_STR_EQ(b->name, a->name);
        CHECK_EQ_INT(b->base, a->base);
        CHECK_EQ_INT(b->npoints, a->npoints);
        CHECK_EQ_INT(b->has_fit, a->has_fit);
        CHECK_EQ_INT(b->failed, a->failed);
        if (a->has_fit && b->has_fit) {
            CHECK_NEAR(b->fit.slope, a->fit.slope, 1e-12);
            CHECK_NEAR(b->fit.slope_lo, a->fit.slope_lo, 1e-12);
            CHECK_NEAR(b->fit.intercept, a->fit.intercept, 1e-9);
            CHECK_EQ_INT(b->fit.bigo, a->fit.bigo);
        }
        for (j = 0; j < a->npoints && j < b->npoints; j++) {
            const result_point *p = &a->pts[j], *q = &b->pts[j];
            CHECK_EQ_INT(q->n, p->n);
            CHECK_EQ_INT(q->status == BENCH_OK, p->status == BENCH_OK);
            CHECK_EQ_INT(q->status == BENCH_EINTR, p->status == BENCH_EINTR);
            if (p->status != BENCH_OK) {
                CHECK_STR_EQ(q->why, p->why);
                continue;
            }
            CHECK_EQ_INT(q->m.nsamples, p->m.nsamples);
            for (k = 0; k < p->m.nsamples && k < q->m.nsamples; k++)
                CHECK(q->m.samples[k] == p->m.samples[k]);
            CHECK(q->m.wall.median == p->m.wall.median);
            CHECK(q->m.wall.ci_lo == p->m.wall.ci_lo);
            CHECK(q->m.wall.ci_hi == p->m.wall.ci_hi);
            CHECK_EQ_INT(q->m.disturbed, p->m.disturbed);
            CHECK_EQ_INT(q->m.number, p->m.number);
            CHECK_EQ_INT(q->has_ratio, p->has_ratio);
            if (p->has_ratio && q->has_ratio) {
                CHECK(q->ratio.median == p->ratio.median);
                CHECK(q->ratio.ci_lo == p->ratio.ci_lo);
            }
        }
    }
    CHECK_STR_EQ(l.r.ctx.host, "<host>");
    CHECK_EQ_INT(l.r.ctx.num_cpus, 2);
    CHECK(l.r.ctx.load_avg[0] == 3.5);
    CHECK(l.r.ctx.clock_read_ns == 18.5);
    CHECK(l.r.ctx.fixed_ns == 20);
    CHECK_EQ_INT(l.r.incomplete, 1);
    /* saved again, the file is the same file */
    again = golden_render(report_json, &l.r, &o);
    CHECK_STR_EQ(again, json);
    free(again);
    free(json);
    load_free(&l);
    result_free(&r);
}

/* Google Benchmark's names: an argument is the size, options are part of
 * the case; times in other units; aggregates beside the samples; an
 * error; _BigO without libbench's exponent (the fit is recomputed). */
TEST(test_load_reads_google_benchmark_names_units_and_errors)
{
    static const char gb[] =
        "{\"context\": {\"date\": \"2024-05-06T07:08:09+02:00\", \"host_name\": \"gbhost\", "
        "\"num_cpus\": 8, \"mhz_per_cpu\": 3600, \"load_avg\": [0.5, 0.25, 0.125]},\n"
        "\"benchmarks\": [\n"
        "{\"name\": \"BM_Sort/1024/real_time\", \"run_name\": \"BM_Sort/1024/real_time\", "
        "\"run_type\": \"iteration\", \"repetitions\": 2, \"repetition_index\": 0, "
        "\"iterations\": 1000, \"real_time\": 2.5, \"cpu_time\": 2.4, \"time_unit\": \"us\"},\n"
        "{\"name\": \"BM_Sort/1024/real_time\", \"run_name\": \"BM_Sort/1024/real_time\", "
        "\"run_type\": \"iteration\", \"repetitions\": 2, \"repetition_index\": 1, "
        "\"iterations\": 1000, \"real_time\": 2.7, \"cpu_time\": 2.6, \"time_unit\": \"us\"},\n"
        "{\"name\": \"BM_Sort/1024/real_time_mean\", \"run_name\": \"BM_Sort/1024/real_time\", "
        "\"run_type\": \"aggregate\", \"aggregate_name\": \"mean\", \"real_time\": 2.6, "
        "\"time_unit\": \"us\"},\n"
        "{\"name\": \"BM_Sort/4096/real_time\", \"run_name\": \"BM_Sort/4096/real_time\", "
        "\"run_type\": \"iteration\", \"iterations\": 200, \"real_time\": 0.0125, "
        "\"time_unit\": \"ms\"},\n"
        "{\"name\": \"BM_Sort/16384/real_time\", \"run_name\": \"BM_Sort/16384/real_time\", "
        "\"run_type\": \"iteration\", \"error_occurred\": true, \"error_message\": \"too big\", "
        "\"iterations\": 0, \"real_time\": 0, \"time_unit\": \"ns\"},\n"
        "{\"name\": \"BM_Sort/real_time_BigO\", \"run_name\": \"BM_Sort/real_time\", "
        "\"run_type\": \"aggregate\", \"aggregate_name\": \"BigO\", \"big_o\": \"NlgN\"},\n"
        "{\"name\": \"BM_Empty\", \"run_type\": \"iteration\", \"real_time\": 1.5},\n"
        "{\"name\": \"BM_Args/8/512\", \"real_time\": 10},\n"
        "{\"name\": \"<script>/7\", \"real_time\": 3, \"threads\": 1}\n"
        "]}";
    loaded l;
    char err[256];
    const result_case *c;

    if (!CHECK_EQ_INT(parse(gb, &l, err, sizeof err), BENCH_OK)) {
        printf("  %s\n", err);
        return;
    }
    if (!CHECK_EQ_INT(l.r.ncases, 4) || !CHECK_EQ_INT(l.r.ngroups, 4)) {
        load_free(&l);
        return;
    }
    c = &l.r.cases[0];
    CHECK_STR_EQ(c->name, "BM_Sort/real_time");
    CHECK_STR_EQ(l.r.groups[0].name, "BM_Sort");
    CHECK_EQ_INT(c->npoints, 3);
    CHECK_EQ_INT(c->pts[0].n, 1024);
    CHECK_EQ_INT(c->pts[0].m.nsamples, 2);
    CHECK_NEAR(c->pts[0].m.samples[0], 2500, 1e-9); /* us to ns */
    CHECK_NEAR(c->pts[0].m.samples[1], 2700, 1e-9);
    CHECK_NEAR(c->pts[0].m.cpu_samples[1], 2600, 1e-9);
    CHECK_NEAR(c->pts[0].m.wall.median, 2600, 1e-9);
    CHECK_EQ_INT(c->pts[0].m.number, 1000);
    CHECK_EQ_INT(c->pts[1].n, 4096);
    CHECK_NEAR(c->pts[1].m.wall.median, 12500, 1e-9); /* ms to ns */
    CHECK_EQ_INT(c->pts[2].n, 16384);
    CHECK(c->pts[2].status != BENCH_OK && c->pts[2].status != BENCH_EINTR);
    CHECK_STR_EQ(c->pts[2].why, "too big");
    CHECK_EQ_INT(c->failed, 1);
    CHECK_STR_EQ(c->why, "N=16384: too big");
    /* recomputed by libbench's rule from 2.6 us and 12.5 us over 4x */
    if (CHECK(c->has_fit))
        CHECK_NEAR(c->fit.slope, log(12500.0 / 2600) / log(4.0), 1e-12);
    CHECK_EQ_INT(c->base, -1);
    CHECK_STR_EQ(l.r.cases[1].name, "BM_Empty");
    CHECK_EQ_INT(l.r.cases[1].pts[0].n, 1); /* no argument: N=1 */
    CHECK_STR_EQ(l.r.cases[2].name, "BM_Args/8");
    CHECK_EQ_INT(l.r.cases[2].pts[0].n, 512);
    CHECK_STR_EQ(l.r.cases[3].name, "<script>");
    CHECK_EQ_INT(l.r.cases[3].pts[0].n, 7);
    CHECK_STR_EQ(l.r.ctx.host, "gbhost");
    CHECK_EQ_INT(l.r.ctx.num_cpus, 8);
    CHECK(l.r.ctx.load_avg[2] == 0.125);
    CHECK(l.r.ctx.clock_resolution_ns == 0); /* GB does not record it */
    load_free(&l);
}

/* tests/data/peer/gb-1.json: GB's JSON as the peer comparison keeps it. */
TEST(test_load_reads_a_google_benchmark_file)
{
    char path[1024], err[256];
    loaded l;

    snprintf(path, sizeof path, "%sdata/peer/gb-1.json", golden_tests_dir());
    if (!CHECK_EQ_INT(load_file(path, &l, err, sizeof err), BENCH_OK)) {
        printf("  %s\n", err);
        return;
    }
    CHECK_EQ_INT(l.r.ngroups, 1);
    if (CHECK_EQ_INT(l.r.ncases, 3)) {
        CHECK_STR_EQ(l.r.cases[0].name, "peer/empty");
        CHECK_STR_EQ(l.r.cases[2].name, "peer/linear");
        CHECK_EQ_INT(l.r.cases[2].npoints, 2);
        CHECK(l.r.cases[2].has_fit);
        CHECK_NEAR(l.r.cases[2].fit.slope, 1.0, 1e-12);
        CHECK_EQ_INT(l.r.cases[2].fit.bigo, BENCH_ON);
    }
    load_free(&l);
}

/* A file of _median aggregates only: the median and its interval from
 * them, no samples. */
TEST(test_load_reads_aggregates_without_samples)
{
    char path[1024], err[256];
    loaded l;
    const result_point *p;

    snprintf(path, sizeof path, "%sdata/peer/lb-1.json", golden_tests_dir());
    if (!CHECK_EQ_INT(load_file(path, &l, err, sizeof err), BENCH_OK)) {
        printf("  %s\n", err);
        return;
    }
    if (CHECK_EQ_INT(l.r.ncases, 3)) {
        p = &l.r.cases[1].pts[0];
        CHECK_EQ_INT(p->status, BENCH_OK);
        CHECK_EQ_INT(p->m.nsamples, 0);
        CHECK(p->m.wall.median == 990);
        CHECK(p->m.wall.ci_lo == 985);
        CHECK(p->m.wall.ci_hi == 995);
        CHECK(l.r.cases[2].has_fit);
    }
    load_free(&l);
}

/* 20 sizes of 3 samples and a _median each: 4 sizes left out, however
 * many entries they had (a size's entries come together, as bench and
 * Google Benchmark write them). */
TEST(test_load_keeps_the_first_sixteen_sizes_of_a_case)
{
    char text[16384];
    size_t used, i, j;
    loaded l;
    char err[256];

    used = (size_t)snprintf(text, sizeof text, "{\"benchmarks\": [");
    for (i = 1; i <= 20; i++) {
        for (j = 0; j < 3; j++)
            used += (size_t)snprintf(text + used, sizeof text - used,
                                     "%s{\"name\": \"g/c/%zu\", \"real_time\": %zu}",
                                     i > 1 || j > 0 ? "," : "", i * 100, i + j);
        used += (size_t)snprintf(text + used, sizeof text - used,
                                 ",{\"name\": \"g/c/%zu_median\", \"run_name\": \"g/c/%zu\", "
                                 "\"run_type\": \"aggregate\", \"aggregate_name\": \"median\", "
                                 "\"real_time\": %zu}",
                                 i * 100, i * 100, i + 1);
    }
    snprintf(text + used, sizeof text - used, "]}");
    if (!CHECK_EQ_INT(parse(text, &l, err, sizeof err), BENCH_OK))
        return;
    CHECK_EQ_INT(l.r.cases[0].npoints, BENCH_MAX_SIZES);
    CHECK_EQ_INT(l.r.cases[0].pts[BENCH_MAX_SIZES - 1].m.nsamples, 3);
    CHECK_EQ_INT(l.dropped, 20 - BENCH_MAX_SIZES);
    load_free(&l);
}

/* ---- a run of several worker processes ---- */

/* Four workers of 9 samples at their own levels (a process's code and
 * heap placement), +-1% within each, at their own call counts, in shared
 * rounds, with the figures the runner derives (group.c): the interval
 * widened by the workers' spread, the speedup paired worker by worker,
 * the exponent from the rounds. builder is `faster` times naive's speed
 * over N. */
static void worker_point(result_point *p, size_t n, double t, const double *level)
{
    static const uint64_t calls[4] = {100, 100, 120, 90};
    bench_measurement *m = &p->m;
    size_t w, i;

    p->n = n;
    p->status = BENCH_OK;
    m->nsamples = 36;
    m->samples = malloc(36 * sizeof *m->samples);
    m->cpu_samples = malloc(36 * sizeof *m->cpu_samples);
    if (!m->samples || !m->cpu_samples)
        abort();
    for (w = 0; w < 4; w++) {
        for (i = 0; i < 9; i++) {
            double x = t * level[w] * (1 + ((double)((i * 5 + w) % 9) - 4) / 400);
            m->samples[9 * w + i] = x;
            m->cpu_samples[9 * w + i] = 0.98 * x;
        }
        p->wend[w] = 9 * (w + 1);
        p->wnumber[w] = calls[w];
    }
    p->nworkers = 4;
    p->rounds_shared = 1;
    m->number = calls[0];
    (void)bench_stats_compute(m->samples, 36, &m->wall);
    (void)bench_stats_compute(m->cpu_samples, 36, &m->cpu);
    p->spread = pool_spread(p);
    (void)pool_widen(&m->wall, m->samples, p->wend, 4);
}

static void worker_model(results *r, double faster, const double *naive, const double *builder)
{
    static const size_t sizes[2] = {1000, 10000};
    size_t i, s;

    memset(r, 0, sizeof *r);
    r->cases = calloc(2, sizeof *r->cases);
    r->groups = calloc(1, sizeof *r->groups);
    if (!r->cases || !r->groups || !(r->groups[0].name = strdup("concat")))
        abort();
    r->ngroups = 1;
    r->groups[0].end = r->ncases = 2;
    r->cases[0].name = "concat/naive";
    r->cases[0].base = -1;
    r->cases[1].name = "concat/builder";
    r->cases[1].base = 0;
    for (i = 0; i < 2; i++) {
        result_case *c = &r->cases[i];
        c->npoints = 2;
        for (s = 0; s < 2; s++) {
            double n = (double)sizes[s];
            worker_point(&c->pts[s], sizes[s], i ? 2 * n / faster : 4e-2 * n * n,
                         i ? builder : naive);
        }
    }
    for (s = 0; s < 2; s++)
        group_ratio(&r->cases[1].pts[s], &r->cases[0].pts[s]);
    group_fit(&r->cases[0]);
    group_fit(&r->cases[1]);
}

static const double naive_levels[4] = {1, 1.01, 1.18, 1.07};
static const double builder_levels[4] = {1, 0.97, 1.22, 1.12};

/* Saved and read back, a run of four worker processes is still one: each
 * point's workers and their call counts, so its interval (widened by
 * their spread, as the _median's ci_lo/ci_hi say), its spread, the
 * speedup paired again worker by worker, and the exponent are the run's;
 * and compared with a baseline (as bench report NEW OLD does), the
 * verdicts and intervals are those of bench --compare OLD. */
TEST(test_load_reads_a_run_of_several_worker_processes_as_the_run)
{
    results r, old;
    loaded l;
    baseline *b;
    compare_result live, again;
    report_opts o;
    char *json, *oldjson, *resaved, err[256];
    size_t i, j, w;

    memset(&o, 0, sizeof o);
    worker_model(&r, 1, naive_levels, builder_levels);
    worker_model(&old, 1.3, builder_levels, naive_levels); /* builder was faster */
    json = golden_render(report_json, &r, &o);
    oldjson = golden_render(report_json, &old, &o);
    if (!CHECK_EQ_INT(parse(json, &l, err, sizeof err), BENCH_OK)) {
        printf("  %s\n", err);
        goto out;
    }
    if (!CHECK_EQ_INT(l.r.ncases, 2))
        goto out_loaded;
    for (i = 0; i < 2; i++) {
        const result_case *a = &r.cases[i], *c = &l.r.cases[i];
        CHECK(a->pts[0].m.wall.ci_hi / a->pts[0].m.wall.ci_lo > 1.1); /* widened */
        CHECK(a->pts[0].spread > 0.1);                                /* workers apart */
        for (j = 0; j < a->npoints && j < c->npoints; j++) {
            const result_point *p = &a->pts[j], *q = &c->pts[j];
            result_point paired;
            CHECK_EQ_INT(q->nworkers, 4);
            for (w = 0; w < 4; w++) {
                CHECK_EQ_INT(q->wend[w], p->wend[w]);
                CHECK_EQ_INT(q->wnumber[w], p->wnumber[w]);
            }
            CHECK_EQ_INT(q->m.number, p->m.number);
            CHECK(q->m.wall.median == p->m.wall.median);
            CHECK(q->m.wall.ci_lo == p->m.wall.ci_lo);
            CHECK(q->m.wall.ci_hi == p->m.wall.ci_hi);
            CHECK(q->spread == p->spread);
            if (i == 0)
                continue;
            if (CHECK(q->has_ratio)) {
                CHECK(q->ratio.ci_lo == p->ratio.ci_lo);
                CHECK(q->ratio.ci_hi == p->ratio.ci_hi);
            }
            /* without the saved speedup, paired again as the run paired it */
            paired = *q;
            paired.has_ratio = 0;
            group_ratio(&paired, &l.r.cases[0].pts[j]);
            if (CHECK(paired.has_ratio)) {
                CHECK(paired.ratio.median == p->ratio.median);
                CHECK(paired.ratio.ci_lo == p->ratio.ci_lo);
                CHECK(paired.ratio.ci_hi == p->ratio.ci_hi);
            }
        }
        if (CHECK(c->has_fit && a->has_fit)) {
            CHECK(c->fit.slope == a->fit.slope);
            CHECK(c->fit.slope_lo == a->fit.slope_lo);
            CHECK(c->fit.slope_hi == a->fit.slope_hi);
            CHECK_EQ_INT(c->fit.bigo, a->fit.bigo);
        }
    }
    if (CHECK_EQ_INT(baseline_parse("old.json", oldjson, strlen(oldjson), &b, err, sizeof err),
                     BENCH_OK)) {
        if (CHECK_EQ_INT(compare_run(b, &r, 5, &live), BENCH_OK)) {
            if (CHECK_EQ_INT(compare_run(b, &l.r, 5, &again), BENCH_OK)) {
                CHECK_EQ_INT(again.nrows, live.nrows);
                CHECK(live.counts[V_REGRESSED] > 0);
                for (i = 0; i < live.nrows && i < again.nrows; i++) {
                    const compare_row *x = &live.rows[i], *y = &again.rows[i];
                    CHECK_STR_EQ(y->name, x->name);
                    CHECK_EQ_INT(y->v, x->v);
                    CHECK_EQ_INT(y->between, x->between);
                    CHECK(y->change == x->change);
                    CHECK(y->change_lo == x->change_lo);
                    CHECK(y->change_hi == x->change_hi);
                }
                compare_result_free(&again);
            }
            compare_result_free(&live);
        }
        baseline_free(b);
    }
    /* saved again, the file is the same file */
    resaved = golden_render(report_json, &l.r, &o);
    CHECK_STR_EQ(resaved, json);
    free(resaved);
out_loaded:
    load_free(&l);
out:
    free(json);
    free(oldjson);
    result_free(&r);
    result_free(&old);
}

/* Workers from the "worker" keys: a file that has a worker's samples
 * apart is regrouped, each in its order; a point where some sample does
 * not say, or says what no run writes, is one process. */
TEST(test_load_groups_samples_by_worker_or_reads_one_process)
{
    static const char text[] =
        "{\"benchmarks\": ["
        "{\"name\": \"g/a/10\", \"real_time\": 1, \"iterations\": 5, \"worker\": 1},"
        "{\"name\": \"g/a/10\", \"real_time\": 2, \"iterations\": 7, \"worker\": 0},"
        "{\"name\": \"g/a/10\", \"real_time\": 3, \"iterations\": 5, \"worker\": 1},"
        "{\"name\": \"g/a/10\", \"real_time\": 4, \"iterations\": 7, \"worker\": 0},"
        "{\"name\": \"g/a/10\", \"real_time\": 5, \"iterations\": 9, \"worker\": 3},"
        "{\"name\": \"g/b/10\", \"real_time\": 1, \"worker\": 0},"
        "{\"name\": \"g/b/10\", \"real_time\": 2},"
        "{\"name\": \"g/c/10\", \"real_time\": 1, \"worker\": 0},"
        "{\"name\": \"g/c/10\", \"real_time\": 2, \"worker\": 1.5},"
        "{\"name\": \"g/d/10\", \"real_time\": 1, \"worker\": 0},"
        "{\"name\": \"g/d/10\", \"real_time\": 2, \"worker\": 32}"
        "]}";
    static const double grouped[5] = {2, 4, 1, 3, 5};
    loaded l;
    char err[256];
    const result_point *p;
    size_t i;

    if (!CHECK_EQ_INT(parse(text, &l, err, sizeof err), BENCH_OK) || !CHECK_EQ_INT(l.r.ncases, 4)) {
        load_free(&l);
        return;
    }
    p = &l.r.cases[0].pts[0];
    CHECK_EQ_INT(p->nworkers, 4); /* worker 2 took none */
    CHECK_EQ_INT(p->wend[0], 2);
    CHECK_EQ_INT(p->wend[1], 4);
    CHECK_EQ_INT(p->wend[2], 4);
    CHECK_EQ_INT(p->wend[3], 5);
    CHECK_EQ_INT(p->wnumber[0], 7);
    CHECK_EQ_INT(p->wnumber[1], 5);
    CHECK_EQ_INT(p->wnumber[3], 9);
    CHECK_EQ_INT(p->m.number, 7);
    for (i = 0; i < 5; i++) {
        CHECK(p->m.samples[i] == grouped[i]);
        CHECK(p->m.cpu_samples[i] == 0);
    }
    for (i = 1; i < 4; i++)
        CHECK_EQ_INT(l.r.cases[i].pts[0].nworkers, 0);
    load_free(&l);
}

TEST(test_load_refuses_malformed_input_saying_where)
{
    static const struct {
        const char *text, *says;
    } bad[] = {
        {"{\"benchmarks\": [", "'t.json': line 1"},
        {"{\"context\": {}}", "'t.json': no \"benchmarks\" array"},
        {"{\"benchmarks\": [1]}", "'t.json': benchmarks[0] is not an object"},
        {"{\"benchmarks\": [{\"real_time\": 1}]}", "benchmarks[0] has no \"name\" string"},
        {"{\"benchmarks\": [{\"name\": \"a/1\", \"real_time\": 1, \"time_unit\": \"ks\"}]}",
         "benchmarks[0] has an unknown \"time_unit\""},
        {"{\"benchmarks\": [{\"name\": \"a/1\", \"real_time\": 1}, {\"name\": \"a/2\", "
         "\"real_time\": \"fast\"}]}",
         "benchmarks[1] has no numeric \"real_time\""},
        {"", "'t.json': line 1, column 1: "},
        {"{\"benchmarks\": [tru]}", "'t.json': line 1, column 17: "},
        {"{\"benchmarks\": [{\"name\": \"a\tb\"}]}", "line 1, column 28: "},
        {"{\"benchmarks\": [1.]}", "line 1, column 17: invalid number"},
        {"{\"benchmarks\": [1e+]}", "line 1, column 17: invalid number"},
    };
    size_t i;

    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        loaded l;
        char err[256] = "";
        if (!CHECK(parse(bad[i].text, &l, err, sizeof err) != BENCH_OK)) {
            load_free(&l);
            continue;
        }
        CHECK_STR_CONTAINS(err, bad[i].says);
        /* one line: what was wrong, then what is accepted, once */
        if (!CHECK_EQ_INT(count_str(err, "(expected"), 1) ||
            !CHECK(err[0] && err[strlen(err) - 1] == ')'))
            printf("  %s\n", err);
        CHECK_EQ_INT(l.r.ncases, 0); /* nothing to free */
        CHECK(l.strings == NULL);
    }
}

TEST(test_load_file_refuses_what_is_not_a_regular_file)
{
    loaded l;
    char err[256];
    CHECK_EQ_INT(load_file("/nonexistent/x.json", &l, err, sizeof err), BENCH_EIO);
    CHECK_STR_CONTAINS(err, "cannot read '/nonexistent/x.json'");
    CHECK_EQ_INT(load_file("/dev/null", &l, err, sizeof err), BENCH_EIO);
    CHECK_STR_CONTAINS(err, "not a regular file");
}

/* A null time (not finite when saved) is no sample; an empty list is an
 * empty model. */
TEST(test_load_skips_null_times_and_reads_an_empty_list)
{
    loaded l;
    char err[256];
    if (CHECK_EQ_INT(parse("{\"benchmarks\": [{\"name\": \"g/c/10\", \"real_time\": null}, "
                           "{\"name\": \"g/c/10\", \"real_time\": 4}]}",
                           &l, err, sizeof err),
                     BENCH_OK)) {
        CHECK_EQ_INT(l.r.cases[0].pts[0].m.nsamples, 1);
        load_free(&l);
    }
    if (CHECK_EQ_INT(parse("{\"benchmarks\": []}", &l, err, sizeof err), BENCH_OK)) {
        CHECK_EQ_INT(l.r.ncases, 0);
        CHECK_EQ_INT(l.r.ngroups, 0);
        load_free(&l);
    }
}

/* libbench's error entry for a case that failed before any size has no
 * size in its name: the case failed, with no point. */
TEST(test_load_reads_a_case_that_failed_before_any_size)
{
    loaded l;
    char err[256];
    if (!CHECK_EQ_INT(parse("{\"benchmarks\": [{\"name\": \"g/a\", \"error_occurred\": true, "
                            "\"error_message\": \"setup failed\"}, {\"name\": \"g/b/10\", "
                            "\"n\": 10, \"real_time\": 5}]}",
                            &l, err, sizeof err),
                      BENCH_OK))
        return;
    if (CHECK_EQ_INT(l.r.ncases, 2)) {
        CHECK_STR_EQ(l.r.cases[0].name, "g/a");
        CHECK_EQ_INT(l.r.cases[0].npoints, 0);
        CHECK_EQ_INT(l.r.cases[0].failed, 1);
        CHECK_STR_EQ(l.r.cases[0].why, "setup failed");
        CHECK_EQ_INT(l.r.cases[1].pts[0].n, 10);
    }
    load_free(&l);
}
