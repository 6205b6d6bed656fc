/*
 * report_timeit.c - the results as Python's timeit prints them, one line
 * per case and size:
 *
 *   stmt 1: 20000 loops, median 26.0 µs ±0.3% per loop
 *   stmt 2: 200000 loops, median 3.52 µs ±4.0% per loop
 *   stmt 2 is 7.39x faster than stmt 1 (95% CI 7.21x-7.60x)
 *
 * "loops" is timeit's word for the calls of one sample (the measurement's
 * number); the figure is the median per call with the half-width of its
 * 95% interval, as in the table. A model with one case and one size is
 * one line without a label, like `python -m timeit`. It is `bench
 * timeit`'s output for one size, and `--format timeit` anywhere else; it
 * reads only the results model, like every writer.
 */
#include <stdio.h>
#include <string.h>

#include "fmt.h"
#include "present.h"
#include "report.h"

/* Notes wrap at this width, or the terminal's when narrower. */
#define NOTE_WIDTH 100

/* What names a case in a line: "stmt 2" for "<group>/stmt2", as bench
 * timeit numbers its statements (a case name cannot hold the space), else
 * the short name; the full name when the model has several groups. */
static const char *label(char *buf, size_t size, const results *r, const result_case *c)
{
    const char *s = present_short_name(c->name);
    if (r->ngroups > 1)
        return c->name;
    if (strncmp(s, "stmt", 4) == 0 && s[4] >= '1' && s[4] <= '9' &&
        strspn(s + 4, "0123456789") == strlen(s + 4)) {
        snprintf(buf, size, "stmt %s", s + 4);
        return buf;
    }
    return s;
}

static int width(const char *s)
{
    int w = 0;
    for (; *s; s++)
        w += ((unsigned char)*s & 0xC0) != 0x80;
    return w;
}

/* "stmt 1 at N=1000:", what a line of a case starts with; "" for the only
 * case of the model at its only size. */
static void line_head(char *buf, size_t size, const results *r, const result_case *c,
                      const result_point *p, int sized)
{
    char name[64];
    const char *l = label(name, sizeof name, r, c);
    int alone = r->ncases == 1;

    if (alone && !sized)
        buf[0] = 0;
    else if (alone)
        snprintf(buf, size, "N=%zu:", p->n);
    else if (sized)
        snprintf(buf, size, "%s at N=%zu:", l, p->n);
    else
        snprintf(buf, size, "%s:", l);
}

/* "20000 loops, median 26.0 µs ±0.3% per loop", or what the point has
 * instead of a figure. */
static void figure(FILE *f, const result_point *p)
{
    char t[32], ci[32], rate[64];
    const bench_measurement *m = &p->m;

    switch (present_status_of(p)) {
    case PRESENT_OK:
        present_throughput(rate, sizeof rate, p);
        fprintf(f, "%llu loop%s, median %s %s per loop%s%s\n", (unsigned long long)m->number,
                m->number == 1 ? "" : "s", fmt_time(t, sizeof t, m->wall.median, 1),
                present_ci(ci, sizeof ci, &m->wall), *rate ? ", " : "", rate);
        return;
    case PRESENT_FAILED: fprintf(f, "failed: %s\n", present_why(p)); return;
    default: fprintf(f, "%s\n", present_why(p)); return;
    }
}

/* --latency: "p50 1.02 µs  p90 ...  max 6.07 µs (4000 calls, timed one
 * by one)". */
static void latency(FILE *f, const result_point *p, int indent)
{
    char a[32], b[32], d[32], e[32], g[32], how[256];
    const result_latency *l = p->lat;
    fprintf(f, "%*slatency p50 %s  p90 %s  p99 %s  p99.9 %s  max %s\n%*sof %s\n", indent, "",
            fmt_time(a, sizeof a, l->p50, 1), fmt_time(b, sizeof b, l->p90, 1),
            fmt_time(d, sizeof d, l->p99, 1), fmt_time(e, sizeof e, l->p999, 1),
            fmt_time(g, sizeof g, l->max, 1), indent, "", present_latency_how(how, sizeof how, l));
}

static void details(FILE *f, const result_point *p, int indent)
{
    char a[32], b[32], d[32], e[32], g[32];
    const bench_measurement *m = &p->m;
    fprintf(f,
            "%*s%zu samples x %llu calls, min %s, max %s, MAD %s, cpu %s, loop %s, %zu "
            "outliers, %u disturbed, drift %+.1f%%\n",
            indent, "", m->nsamples, (unsigned long long)m->number,
            fmt_time(a, sizeof a, m->wall.min, 1), fmt_time(b, sizeof b, m->wall.max, 1),
            fmt_time(d, sizeof d, m->wall.mad, 1), fmt_time(e, sizeof e, m->cpu.median, 1),
            fmt_time(g, sizeof g, m->overhead_ns, 1), m->wall.outliers, m->disturbed,
            100 * p->drift);
}

/* "stmt 2 is 7.39x faster than stmt 1 (95% CI 7.21x-7.60x)", at N=... when
 * the group has several sizes. */
static void speedup(FILE *f, const results *r, const result_case *c, const result_point *p,
                    int sized)
{
    char a[64], b[64], x[16], lo[16], hi[16];
    const result_case *base = &r->cases[c->base];
    const bench_stats *s = &p->ratio;
    int faster = s->median >= 1;

    fprintf(f, "%s is %s %s than %s", label(a, sizeof a, r, c),
            fmt_ratio(x, sizeof x, faster ? s->median : 1 / s->median),
            faster ? "faster" : "slower", label(b, sizeof b, r, base));
    if (sized)
        fprintf(f, " at N=%zu", p->n);
    fprintf(f, " (95%% CI %s-%s)\n", fmt_ratio(lo, sizeof lo, faster ? s->ci_lo : 1 / s->ci_hi),
            fmt_ratio(hi, sizeof hi, faster ? s->ci_hi : 1 / s->ci_lo));
}

static void group_lines(FILE *f, const results *r, size_t g, const report_opts *o)
{
    const result_group *grp = &r->groups[g];
    size_t sizes[BENCH_MAX_SIZES * 4], i, j;
    present_note notes[BENCH_MAX_SIZES * 4 + 32];
    int sized = present_group_sizes(r, grp, sizes, BENCH_MAX_SIZES * 4) > 1, wide = 0;
    int w = o->width > 0 && o->width < NOTE_WIDTH ? o->width : NOTE_WIDTH;
    char head[128];
    size_t nn;

    /* The labels padded to the widest, so the figures line up. */
    for (i = grp->first; i < grp->end; i++)
        for (j = 0; j < r->cases[i].npoints; j++) {
            line_head(head, sizeof head, r, &r->cases[i], &r->cases[i].pts[j], sized);
            if (width(head) > wide)
                wide = width(head);
        }
    for (i = grp->first; i < grp->end; i++) {
        const result_case *c = &r->cases[i];
        for (j = 0; j < c->npoints; j++) {
            line_head(head, sizeof head, r, c, &c->pts[j], sized);
            if (wide > 0)
                fprintf(f, "%s%*s", head, wide - width(head) + 1, "");
            figure(f, &c->pts[j]);
            if (present_status_of(&c->pts[j]) == PRESENT_OK && c->pts[j].lat)
                latency(f, &c->pts[j], wide > 0 ? wide + 1 : 2);
            if (o->verbose && c->pts[j].status == BENCH_OK)
                details(f, &c->pts[j], wide > 0 ? wide + 1 : 2);
        }
        if (c->has_fit) {
            char name[64], e[48];
            fprintf(f, "%s: exponent %s, %s\n", label(name, sizeof name, r, c),
                    present_exponent(e, sizeof e, &c->fit), bench_bigo_name(c->fit.bigo));
        }
    }
    /* Speedups at the largest size, at every size with --verbose. */
    for (i = grp->first; i < grp->end; i++) {
        const result_case *c = &r->cases[i];
        for (j = c->npoints; j-- > 0;) {
            if (!c->pts[j].has_ratio || c->base < 0)
                continue;
            speedup(f, r, c, &c->pts[j], sized);
            if (!o->verbose)
                break;
        }
    }
    nn = present_group_notes(r, g, notes, sizeof notes / sizeof notes[0]);
    for (i = 0; i < nn; i++)
        fmt_wrapped(f, "note: ", notes[i].text, w);
}

int report_timeit(FILE *f, const results *r, const report_opts *o)
{
    present_note note;
    size_t g;

    if (o->verbose && !r->counted)
        report_verbose_header(f, &r->ctx);
    if (present_run_notes(r, &note, 1))
        fmt_wrapped(f, "note: ", note.text,
                    o->width > 0 && o->width < NOTE_WIDTH ? o->width : NOTE_WIDTH);
    for (g = 0; g < r->ngroups; g++) {
        if (r->ngroups > 1) {
            if (g > 0)
                fputc('\n', f);
            fprintf(f, "%s:%s%s\n", r->groups[g].name, r->groups[g].desc ? " " : "",
                    r->groups[g].desc ? r->groups[g].desc : "");
        }
        group_lines(f, r, g, o);
    }
    if (r->incomplete)
        fputs("(interrupted: the results above are incomplete)\n", f);
    if (o->compare)
        report_compare(f, o->compare, o->baseline, o->threshold);
    return ferror(f) ? BENCH_EIO : BENCH_OK;
}
