/*
 * golden.c - the golden-file helpers of the writer tests (golden.h).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "golden.h"
#include "testhelp.h"
#include "util.h"

const char *golden_tests_dir(void)
{
    static char dir[1024];
    const char *slash = strrchr(__FILE__, '/');
    snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - __FILE__ + 1) : 0, __FILE__);
    return dir;
}

char *golden_render(report_writer w, const results *r, const report_opts *o)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        abort();
    CHECK_EQ_INT(w(f, r, o), BENCH_OK);
    fclose(f);
    return buf;
}

/* Report the first line that differs, with both versions. */
static void show_first_difference(const char *got, const char *want)
{
    size_t line = 1;
    const char *g = got, *w = want;
    while (*g && *g == *w) {
        if (*g == '\n')
            line++;
        g++, w++;
    }
    while (g > got && g[-1] != '\n')
        g--, w--;
    printf("  first difference at line %zu:\n  want: %.*s\n  got:  %.*s\n", line,
           (int)strcspn(w, "\n"), w, (int)strcspn(g, "\n"), g);
}

void golden_check(const char *name, const char *got)
{
    char path[2048];
    char *want;
    snprintf(path, sizeof path, "%sgolden/%s", golden_tests_dir(), name);
    if (getenv("BENCH_UPDATE_GOLDEN")) {
        FILE *f = fopen(path, "w");
        if (CHECK(f != NULL)) {
            fputs(got, f);
            fclose(f);
        }
        return;
    }
    want = slurp(path);
    if (!CHECK(want[0] != 0))
        printf("  %s is missing or empty (BENCH_UPDATE_GOLDEN=1 writes it)\n", path);
    else if (!CHECK(strcmp(got, want) == 0))
        show_first_difference(got, want);
    free(want);
}

void golden_point(result_point *p, size_t n, uint64_t number, size_t nsamples, double base,
                  double spread, double overhead, unsigned disturbed)
{
    static const double w[] = {0.0, 0.3,  -0.2, 0.5, -0.4, 0.1, 0.9,  -0.1,
                               0.2, -0.3, 0.4,  1.7, -0.5, 0.6, 0.05, -0.05};
    bench_measurement *m = &p->m;
    size_t i;

    p->n = n;
    p->status = BENCH_OK;
    m->number = number;
    m->nsamples = nsamples;
    m->samples = malloc(nsamples * sizeof *m->samples);
    m->cpu_samples = malloc(nsamples * sizeof *m->cpu_samples);
    if (!m->samples || !m->cpu_samples)
        abort();
    for (i = 0; i < nsamples; i++) {
        m->samples[i] = base * (1 + spread * w[i % (sizeof w / sizeof w[0])]);
        m->cpu_samples[i] = m->samples[i] * 0.98;
    }
    m->overhead_ns = overhead;
    m->fixed_ns = 20;
    m->disturbed = disturbed;
    bench_stats_compute(m->samples, nsamples, &m->wall);
    bench_stats_compute(m->cpu_samples, nsamples, &m->cpu);
}
