/*
 * test_present.c - the presentation rules every writer shares (present.h):
 * an interval from fewer than 6 samples is [min, max], which covers less
 * than 95%, so its "±" carries a mark and a note under its group says
 * what the mark means, in the table, markdown and JSON alike.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "present.h"
#include "report.h"
#include "testhelp.h"

#define FEW_NOTE                                                                             \
    "*: fewer than 6 samples, so the interval (and a speedup's at that size) is [min, max] " \
    "and covers less than 95%"
#define SINGLE_NOTE "±?: a single sample"

static void stats_of(bench_stats *st, const double *x, size_t n)
{
    if (!CHECK_EQ_INT(bench_stats_compute(x, n, st), BENCH_OK))
        memset(st, 0, sizeof *st);
}

TEST(test_present_ci_marks_intervals_from_fewer_than_6_samples)
{
    static const double x[8] = {100, 103, 98, 101, 99, 102, 97, 104};
    bench_stats st;
    char buf[32];
    size_t n;

    stats_of(&st, x, 1);
    CHECK_STR_EQ(present_ci(buf, sizeof buf, &st), "±?");
    stats_of(&st, x, 2);
    CHECK_STR_EQ(present_ci(buf, sizeof buf, &st), "±1.5%*");
    stats_of(&st, x, 5); /* [98, 103] around 100: +-3% */
    CHECK_STR_EQ(present_ci(buf, sizeof buf, &st), "±3.0%*");
    for (n = 2; n < 6; n++) {
        stats_of(&st, x, n);
        CHECK(strchr(present_ci(buf, sizeof buf, &st), '*') != NULL);
    }
    for (n = 6; n <= 8; n++) {
        stats_of(&st, x, n);
        CHECK(strchr(present_ci(buf, sizeof buf, &st), '*') == NULL);
    }
    /* Times shown in ns (under 1 ns) are marked too. */
    {
        static const double tiny[3] = {0.4, 0.2, 0.5};
        stats_of(&st, tiny, 3);
        CHECK_STR_EQ(present_ci(buf, sizeof buf, &st), "±0.20 ns*");
    }
}

/* A point of n samples around base. */
static void set_point(result_point *p, size_t size, size_t n, double base)
{
    size_t i;
    p->n = size;
    p->status = BENCH_OK;
    p->m.number = 100;
    p->m.nsamples = n;
    p->m.samples = malloc(n * sizeof *p->m.samples);
    p->m.cpu_samples = calloc(n, sizeof *p->m.cpu_samples);
    if (!p->m.samples || !p->m.cpu_samples)
        abort();
    for (i = 0; i < n; i++)
        p->m.samples[i] = base * (1 + 0.01 * (double)((i * 7) % 5) - 0.02);
    bench_stats_compute(p->m.samples, n, &p->m.wall);
    bench_stats_compute(p->m.cpu_samples, n, &p->m.cpu);
}

/* One group "few" of a case measured with -r 5 at N=10 and with 8
 * samples at N=100; `single` adds a one-sample point at N=1000. */
static void model(results *r, size_t n10, int single)
{
    result_case *c;
    memset(r, 0, sizeof *r);
    r->ncases = 1;
    r->ngroups = 1;
    r->cases = calloc(1, sizeof *r->cases);
    r->groups = calloc(1, sizeof *r->groups);
    if (!r->cases || !r->groups || !(r->groups[0].name = strdup("few")))
        abort();
    r->groups[0].first = 0;
    r->groups[0].end = 1;
    r->ctx.num_cpus = 2;
    c = &r->cases[0];
    c->name = "few/r5";
    c->desc = "five samples";
    c->base = -1;
    c->npoints = single ? 3 : 2;
    set_point(&c->pts[0], 10, n10, 100.0);
    set_point(&c->pts[1], 100, 8, 1000.0);
    if (single)
        set_point(&c->pts[2], 1000, 1, 10000.0);
}

static char *render(report_writer w, const results *r)
{
    char *buf = NULL;
    size_t len = 0;
    report_opts o;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        abort();
    memset(&o, 0, sizeof o);
    CHECK_EQ_INT(w(f, r, &o), BENCH_OK);
    fclose(f);
    return buf;
}

/* Does some note of group 0 contain text? */
static int has_note(const results *r, const char *text)
{
    present_note notes[32];
    size_t i, n = present_group_notes(r, 0, notes, 32);
    for (i = 0; i < n; i++)
        if (strstr(notes[i].text, text))
            return 1;
    return 0;
}

TEST(test_present_few_samples_note_in_table_markdown_and_json)
{
    results r;
    char *out;

    model(&r, 5, 0);
    CHECK(has_note(&r, FEW_NOTE));
    CHECK(!has_note(&r, SINGLE_NOTE));
    out = render(report_table, &r);
    CHECK_STR_CONTAINS(out, "%*");
    CHECK_STR_CONTAINS(out, "  note: *: fewer than 6 samples, so the interval"); /* wraps */
    free(out);
    out = render(report_markdown, &r);
    CHECK_STR_CONTAINS(out, "%* |");
    CHECK_STR_CONTAINS(out, "- `few`: " FEW_NOTE);
    free(out);
    out = render(report_json, &r);
    CHECK_STR_CONTAINS(out, "\"text\": \"" FEW_NOTE);
    free(out);
    result_free(&r);

    /* A one-sample point ("±?", no mark) is explained in the same note. */
    model(&r, 5, 1);
    CHECK(has_note(&r, FEW_NOTE " (" SINGLE_NOTE ", no interval at all)"));
    result_free(&r);
    model(&r, 8, 1);
    CHECK(!has_note(&r, FEW_NOTE));
    CHECK(has_note(&r, SINGLE_NOTE ", so no interval at all"));
    result_free(&r);

    /* Six samples and more: no mark, no note. */
    model(&r, 6, 0);
    CHECK(!has_note(&r, "fewer than"));
    out = render(report_table, &r);
    CHECK_STR_NOT_CONTAINS(out, "%*");
    free(out);
    result_free(&r);
}
