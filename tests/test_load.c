/*
 * test_load.c - saved JSON results read back into a results model
 * (load.h): this version's --format json round-trips, Google Benchmark's
 * JSON (names with options, other time units, aggregates, errors) reads,
 * an aggregates-only file reads, and malformed input is refused saying
 * where.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "golden.h"
#include "html_model.h"
#include "load.h"
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

TEST(test_load_keeps_the_first_sixteen_sizes_of_a_case)
{
    char text[8192];
    size_t used, i;
    loaded l;
    char err[256];

    used = (size_t)snprintf(text, sizeof text, "{\"benchmarks\": [");
    for (i = 1; i <= 20; i++)
        used += (size_t)snprintf(text + used, sizeof text - used,
                                 "%s{\"name\": \"g/c/%zu\", \"real_time\": %zu}", i > 1 ? "," : "",
                                 i * 100, i);
    snprintf(text + used, sizeof text - used, "]}");
    if (!CHECK_EQ_INT(parse(text, &l, err, sizeof err), BENCH_OK))
        return;
    CHECK_EQ_INT(l.r.cases[0].npoints, BENCH_MAX_SIZES);
    CHECK_EQ_INT(l.dropped, 20 - BENCH_MAX_SIZES);
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
