/*
 * html_model.c - the synthetic model of the HTML report's tests
 * (html_model.h).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "group.h"
#include "html_model.h"
#include "testhelp.h"
#include "util.h"

/* Nine weights whose median is 0, so a point's median is its base exactly;
 * the 95% interval of the median of nine samples is [2nd, 8th] smallest:
 * base * (1 -+ 0.03). */
static const double weights[9] = {0, 0.1, -0.1, 0.2, -0.2, 0.3, -0.3, 0.4, -0.4};

static void point(result_point *p, size_t n, double base, size_t ns, double outlier)
{
    bench_measurement *m = &p->m;
    size_t i;

    p->n = n;
    p->status = BENCH_OK;
    m->number = 100;
    m->nsamples = ns;
    m->samples = malloc(ns * sizeof *m->samples);
    m->cpu_samples = malloc(ns * sizeof *m->cpu_samples);
    if (!m->samples || !m->cpu_samples)
        abort();
    for (i = 0; i < ns; i++) {
        m->samples[i] = base * (1 + 0.1 * weights[i % 9]) + (base == 0 ? weights[i % 9] : 0);
        m->cpu_samples[i] = m->samples[i];
    }
    if (outlier != 0)
        m->samples[ns - 1] = base * outlier;
    m->overhead_ns = 1.25;
    m->fixed_ns = 20;
    bench_stats_compute(m->samples, ns, &m->wall);
    bench_stats_compute(m->cpu_samples, ns, &m->cpu);
}

static void failed(result_case *c, result_point *p, size_t n, int status, const char *why)
{
    p->n = n;
    result_fail(c, p, status, why);
}

static result_case *add(results *r, const char *name, size_t group, long base)
{
    result_case *c = &r->cases[r->ncases++];
    c->name = name;
    c->group = group;
    c->base = base;
    return c;
}

void html_model(results *r)
{
    result_case *c;

    memset(r, 0, sizeof *r);
    snprintf(r->ctx.date, sizeof r->ctx.date, "2026-01-02T03:04:05+0000");
    snprintf(r->ctx.host, sizeof r->ctx.host, "<host>");
    snprintf(r->ctx.executable, sizeof r->ctx.executable, "/opt/x & y/bench");
    r->ctx.num_cpus = 2;
    r->ctx.mhz_per_cpu = 2400;
    r->ctx.load_avg[0] = 3.5;
    r->ctx.load_avg[1] = 1.25;
    r->ctx.load_avg[2] = 0.5;
    r->ctx.clock_resolution_ns = 1;
    r->ctx.clock_read_ns = 18.5;
    r->ctx.overhead_ns = 1.25;
    r->ctx.fixed_ns = 20;
    r->incomplete = 1;
    r->cases = calloc(5, sizeof *r->cases);
    r->groups = calloc(2, sizeof *r->groups);
    if (!r->cases || !r->groups)
        abort();
    r->ngroups = 2;
    r->groups[0].name = strdup("grow");
    r->groups[0].desc = "t = 0.1 N^2 and t = 10 N";
    r->groups[0].first = 0;
    r->groups[0].end = 3;
    r->groups[1].name = strdup("odd&<g>");
    r->groups[1].desc = "'quoted' \"desc\" with a control \x01 byte and invalid \xff UTF-8";
    r->groups[1].first = 3;
    r->groups[1].end = 5;

    c = add(r, "grow/quad", 0, -1);
    c->npoints = 3;
    point(&c->pts[0], 100, 1e3, 9, 0);
    point(&c->pts[1], 1000, 1e5, 9, 0);
    point(&c->pts[2], 10000, 1e7, 9, 0);
    c->pts[1].m.disturbed = 1;
    group_fit(c);

    c = add(r, "grow/lin", 0, 0);
    c->npoints = 3;
    point(&c->pts[0], 100, 1e3, 9, 0);
    point(&c->pts[1], 1000, 1e4, 9, 0);
    point(&c->pts[2], 10000, 1e5, 9, 0);
    group_ratio(&c->pts[0], &r->cases[0].pts[0]);
    group_ratio(&c->pts[1], &r->cases[0].pts[1]);
    group_ratio(&c->pts[2], &r->cases[0].pts[2]);
    group_fit(c);

    c = add(r, "grow/<script>alert(\"x&y\")</script>", 0, 0);
    c->npoints = 3;
    point(&c->pts[0], 100, 2e3, 9, 3.0); /* the last sample an outlier */
    group_ratio(&c->pts[0], &r->cases[0].pts[0]);
    failed(c, &c->pts[1], 1000, BENCH_ECRASH, "crashed (SIGSEGV)");
    failed(c, &c->pts[2], 10000, BENCH_EINTR, "not measured: interrupted");
    c->failed = 1; /* result_fail marks the first failure; keep it */

    c = add(r, "odd&<g>/empty", 1, -1);
    c->npoints = 1;
    point(&c->pts[0], 1, 0, 9, 0);

    c = add(r, "odd&<g>/one", 1, -1);
    c->npoints = 2;
    point(&c->pts[0], 10, 50, 1, 0);
    point(&c->pts[1], 100, 500, 1, 0);
    group_fit(c);
}

baseline *html_model_baseline(const results *r)
{
    char *text = NULL, err[256];
    size_t len = 0, i, j, s;
    baseline *b = NULL;
    FILE *f = open_memstream(&text, &len);
    int first = 1;

    if (!f)
        abort();
    fputs("{\"benchmarks\": [", f);
    for (i = 0; i < 3; i++)
        for (j = 0; j < r->cases[i].npoints; j++) {
            const result_point *p = &r->cases[i].pts[j];
            double scale = i == 1 ? 0.7 : i == 2 ? 1.2 : 1.0;
            for (s = 0; p->status == BENCH_OK && s < p->m.nsamples; s++) {
                fprintf(f, "%s{\"name\": \"", first ? "" : ", ");
                for (const char *q = r->cases[i].name; *q; q++)
                    fprintf(f, *q == '"' ? "\\\"" : "%c", *q);
                fprintf(f, "/%zu\", \"run_type\": \"iteration\", \"real_time\": %.17g}", p->n,
                        p->m.samples[s] * scale);
                first = 0;
            }
        }
    fputs(", {\"name\": \"grow/gone/10\", \"run_type\": \"iteration\", \"real_time\": 5}]}", f);
    fclose(f);
    if (baseline_parse("base.json", text, len, &b, err, sizeof err) != BENCH_OK) {
        printf("  html_model_baseline: %s\n", err);
        abort();
    }
    free(text);
    return b;
}
