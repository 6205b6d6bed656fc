/*
 * plot.c - the figures of the report (plot.h), drawn with svg.h.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "plot.h"
#include "present.h"
#include "report.h"
#include "stats.h"
#include "svg.h"

/* ---- shared pieces ---- */

/* An <svg> of PLOT_WIDTH x h with its accessible name, and its white
 * ground (a transparent plot on a dark page would hide its text). */
static void open_svg(FILE *f, const char *id, const char *kind, double h, double y,
                     const char *title)
{
    fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"plot %s\" id=\"", kind);
    svg_text(f, id);
    fputc('"', f);
    if (y >= 0) {
        fputs(" x=\"0\" y=\"", f);
        svg_num(f, y);
        fputc('"', f);
    }
    fprintf(f, " width=\"%d\" height=\"", PLOT_WIDTH);
    svg_num(f, h);
    fprintf(f, "\" viewBox=\"0 0 %d ", PLOT_WIDTH);
    svg_num(f, h);
    fputs("\" role=\"img\" aria-labelledby=\"", f);
    svg_text(f, id);
    fputs("-t\">\n<title id=\"", f);
    svg_text(f, id);
    fputs("-t\">", f);
    svg_text(f, title);
    fprintf(f, "</title>\n<rect class=\"bg\" width=\"%d\" height=\"", PLOT_WIDTH);
    svg_num(f, h);
    fputs("\"/>\n", f);
}

/* Characters of UTF-8 text: the bytes that start one. */
static size_t chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* A <text> at x, y: anchor "start", "middle" or "end"; cls may be NULL.
 * Cut to max characters when max > 0, the whole text then its tooltip. */
static void text_at(FILE *f, double x, double y, const char *anchor, const char *cls, const char *s,
                    size_t max)
{
    fputs("<text x=\"", f);
    svg_num(f, x);
    fputs("\" y=\"", f);
    svg_num(f, y);
    fputc('"', f);
    if (strcmp(anchor, "start") != 0)
        fprintf(f, " text-anchor=\"%s\"", anchor);
    if (cls)
        fprintf(f, " class=\"%s\"", cls);
    fputc('>', f);
    if (max > 0 && chars(s) > max) {
        fputs("<title>", f);
        svg_text(f, s);
        fputs("</title>", f);
        svg_text_cut(f, s, max);
    } else {
        svg_text(f, s);
    }
    fputs("</text>\n", f);
}

/* A straight line as a path of class cls. */
static void line(FILE *f, double x1, double y1, double x2, double y2, const char *cls)
{
    fprintf(f, "<path class=\"%s\" d=\"M", cls);
    svg_num(f, x1);
    fputc(' ', f);
    svg_num(f, y1);
    fputc('L', f);
    svg_num(f, x2);
    fputc(' ', f);
    svg_num(f, y2);
    fputs("\"/>\n", f);
}

/* snprintf appended at buf's end, never past size. */
static void append(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void append(char *buf, size_t size, const char *fmt, ...)
{
    size_t used = strlen(buf);
    va_list ap;
    if (used + 1 >= size)
        return;
    va_start(ap, fmt);
    vsnprintf(buf + used, size - used, fmt, ap);
    va_end(ap);
}

typedef char *(*tick_label)(char *buf, size_t size, int k);

/* The minor values m * 10^d (m = 2..9) inside the axis, as grid lines
 * across [c0, c1] of the other coordinate: only over at most four
 * decades, where they can still be told apart. */
static void minor_grid(FILE *f, const svg_axis *a, double c0, double c1, int vertical)
{
    int d, m;
    if (a->hi - a->lo > 4)
        return;
    for (d = (int)floor(a->lo); d < (int)ceil(a->hi); d++)
        for (m = 2; m < 10; m++) {
            double v = m * pow(10, d), p;
            if (log10(v) <= a->lo || log10(v) >= a->hi)
                continue;
            p = svg_at(a, v);
            if (vertical)
                line(f, p, c0, p, c1, "minor");
            else
                line(f, c0, p, c1, p, "minor");
        }
}

/* Label every decade, or every 2nd or 3rd when they are closer than
 * min_px: 0 when decade k goes unlabelled. */
static int labelled(const svg_axis *a, int k, double min_px)
{
    double px = fabs(a->p1 - a->p0) / (a->hi - a->lo);
    int every = px >= min_px ? 1 : 2 * px >= min_px ? 2 : 3;
    return ((k % every) + every) % every == 0;
}

/* A log axis along the bottom: grid lines from top to bottom at every
 * decade (and the minor values), a tick and a label under each decade. */
static void x_axis(FILE *f, const svg_axis *a, double top, double bottom, tick_label label)
{
    int k, first, last;
    char buf[32];

    minor_grid(f, a, top, bottom, 1);
    svg_decades(a, &first, &last);
    for (k = first; k <= last; k++) {
        double x = svg_at(a, pow(10, k));
        line(f, x, top, x, bottom, "grid");
        line(f, x, bottom, x, bottom + 4, "frame");
        if (labelled(a, k, 42))
            text_at(f, x, bottom + 15, "middle", "tick", label(buf, sizeof buf, k), 0);
    }
}

/* A log axis up the left side at x = left, grid lines to right. */
static void y_axis(FILE *f, const svg_axis *a, double left, double right, tick_label label)
{
    int k, first, last;
    char buf[32];

    minor_grid(f, a, left, right, 0);
    svg_decades(a, &first, &last);
    for (k = first; k <= last; k++) {
        double y = svg_at(a, pow(10, k));
        line(f, left, y, right, y, "grid");
        line(f, left - 4, y, left, y, "frame");
        if (labelled(a, k, 16))
            text_at(f, left - 7, y + 4, "end", "tick", label(buf, sizeof buf, k), 0);
    }
}

static void frame(FILE *f, double x0, double y0, double x1, double y1)
{
    fputs("<rect class=\"frame\" x=\"", f);
    svg_num(f, x0);
    fputs("\" y=\"", f);
    svg_num(f, y0);
    fputs("\" width=\"", f);
    svg_num(f, x1 - x0);
    fputs("\" height=\"", f);
    svg_num(f, y1 - y0);
    fputs("\"/>\n", f);
}

/* "41.2 µs, 95% CI 41.0 µs to 41.5 µs, 16 samples" */
static void describe(char *buf, size_t size, const bench_stats *s)
{
    char m[32], lo[32], hi[32];
    snprintf(buf, size, "%s, 95%% CI %s to %s, %zu sample%s", fmt_time(m, sizeof m, s->median, 1),
             fmt_time(lo, sizeof lo, s->ci_lo, 1), fmt_time(hi, sizeof hi, s->ci_hi, 1), s->n,
             s->n == 1 ? "" : "s");
}

/* ---- the growth plot ---- */

#define G_LEFT   72.0
#define G_RIGHT  (PLOT_WIDTH - 16.0)
#define G_HEIGHT 250.0
#define G_LINE   18.0 /* a legend line */

static double growth_top(int titled)
{
    return titled ? 34 : 12;
}

double plot_growth_height(const results *r, size_t g, int titled)
{
    const result_group *grp = &r->groups[g];
    return growth_top(titled) + G_HEIGHT + 44 + G_LINE * (double)(grp->end - grp->first) + 4;
}

/* A log scale shows a median above 0 ns; the rest go in the legend. */
static int drawn(const result_point *p)
{
    return p->status == BENCH_OK && p->m.wall.median > 0;
}

/* The power law the fit found, at n: ln t = intercept + slope ln n. */
static double fit_at(const bench_fit_result *fit, double n)
{
    return exp(fit->intercept + fit->slope * log(n));
}

/* The sizes of c's drawn points: 1 when it has one, else 0. */
static int case_sizes(const result_case *c, double *lo, double *hi)
{
    size_t i;
    int any = 0;
    for (i = 0; i < c->npoints; i++)
        if (drawn(&c->pts[i])) {
            double n = (double)c->pts[i].n;
            *lo = any ? fmin(*lo, n) : n;
            *hi = any ? fmax(*hi, n) : n;
            any = 1;
        }
    return any;
}

/* Does the fit of c have a line to draw, from nlo to nhi? */
static int fit_line(const result_case *c, double *nlo, double *nhi)
{
    return c->has_fit && case_sizes(c, nlo, nhi) && *nhi > *nlo &&
           isfinite(fit_at(&c->fit, *nlo)) && fit_at(&c->fit, *nlo) > 0 &&
           isfinite(fit_at(&c->fit, *nhi)) && fit_at(&c->fit, *nhi) > 0;
}

static void widen(double *lo, double *hi, double v, int *any)
{
    if (!(v > 0) || !isfinite(v))
        return;
    *lo = *any ? fmin(*lo, v) : v;
    *hi = *any ? fmax(*hi, v) : v;
    *any = 1;
}

/* What the growth plot must hold: sizes, and times (intervals and fitted
 * lines included). 0 when nothing is drawn. */
static int growth_extent(const results *r, const result_group *grp, double *nlo, double *nhi,
                         double *tlo, double *thi)
{
    size_t i, j;
    int anyn = 0, anyt = 0;

    for (i = grp->first; i < grp->end; i++) {
        const result_case *c = &r->cases[i];
        double a, b;
        for (j = 0; j < c->npoints; j++) {
            const bench_stats *s = &c->pts[j].m.wall;
            if (!drawn(&c->pts[j]))
                continue;
            widen(nlo, nhi, (double)c->pts[j].n, &anyn);
            widen(tlo, thi, s->median, &anyt);
            widen(tlo, thi, s->ci_lo, &anyt);
            widen(tlo, thi, s->ci_hi, &anyt);
        }
        if (fit_line(c, &a, &b)) {
            widen(tlo, thi, fit_at(&c->fit, a), &anyt);
            widen(tlo, thi, fit_at(&c->fit, b), &anyt);
        }
    }
    return anyn && anyt;
}

/* One case's legend: its exponent and class, or why it has none, then
 * each size that is not drawn and why. */
static void legend_text(char *buf, size_t size, const result_case *c)
{
    const char *name = present_short_name(c->name);
    char e[48];
    size_t i;

    buf[0] = 0;
    if (c->has_fit)
        append(buf, size, "%s: exponent %s, %s%s", name, present_exponent(e, sizeof e, &c->fit),
               bench_bigo_name(c->fit.bigo),
               c->fit.k >= PRESENT_FIT_NOTE_SIZES && c->fit.rms > PRESENT_FIT_NOTE
                   ? " (no class fits well)"
                   : "");
    else
        append(buf, size, "%s: no exponent (fewer than two sizes measured above 0 ns)", name);
    if (c->npoints == 0 && c->failed)
        append(buf, size, "; failed: %s", c->why);
    for (i = 0; i < c->npoints; i++) {
        const result_point *p = &c->pts[i];
        present_status st = present_status_of(p);
        if (drawn(p))
            continue;
        if (st == PRESENT_OK)
            append(buf, size, "; N=%zu at or below 0 ns, not drawn", p->n);
        else if (st == PRESENT_FAILED)
            append(buf, size, "; N=%zu failed: %s", p->n, present_why(p));
        else
            append(buf, size, "; N=%zu %s", p->n, present_why(p));
    }
}

/* A case's fitted line over the sizes it was measured at. */
static void growth_fit(FILE *f, const result_case *c, int s, const svg_axis *ax, const svg_axis *ay)
{
    char tip[256];
    double a, b;

    if (!fit_line(c, &a, &b))
        return;
    snprintf(tip, sizeof tip, "%s: fitted t = %.3g ns \xc3\x97 N^%.2f over N = %.0f to %.0f (%s)",
             present_short_name(c->name), exp(c->fit.intercept), c->fit.slope, a, b,
             bench_bigo_name(c->fit.bigo));
    fprintf(f, "<path class=\"fit s%d\" d=\"M", s);
    svg_num(f, svg_at(ax, a));
    fputc(' ', f);
    svg_num(f, svg_at(ay, fit_at(&c->fit, a)));
    fputc('L', f);
    svg_num(f, svg_at(ax, b));
    fputc(' ', f);
    svg_num(f, svg_at(ay, fit_at(&c->fit, b)));
    fputs("\"><title>", f);
    svg_text(f, tip);
    fputs("</title></path>\n", f);
}

/* A point: the bar of its interval (open at the bottom when the interval
 * reaches 0 ns, which the scale cannot show), then its median. */
static void growth_point(FILE *f, const result_case *c, const result_point *p, int s,
                         const svg_axis *ax, const svg_axis *ay, double bottom)
{
    const bench_stats *st = &p->m.wall;
    double x = svg_at(ax, (double)p->n), hi = svg_at(ay, st->ci_hi);
    double lo = st->ci_lo > 0 ? svg_at(ay, st->ci_lo) : bottom;
    char tip[256], d[160];

    fprintf(f, "<path class=\"bar s%d\" d=\"M", s);
    svg_num(f, x);
    fputc(' ', f);
    svg_num(f, lo);
    fputc('V', f);
    svg_num(f, hi);
    fputc('M', f);
    svg_num(f, x - 3);
    fputc(' ', f);
    svg_num(f, hi);
    fputs("h6", f);
    if (st->ci_lo > 0) {
        fputc('M', f);
        svg_num(f, x - 3);
        fputc(' ', f);
        svg_num(f, lo);
        fputs("h6", f);
    }
    fputs("\"/>\n", f);
    describe(d, sizeof d, st);
    snprintf(tip, sizeof tip, "%s, N=%zu: %s", present_short_name(c->name), p->n, d);
    svg_marker(f, s, x, svg_at(ay, st->median), 4, "pt", 0, tip);
    fputc('\n', f);
}

double plot_growth(FILE *f, const results *r, size_t g, const char *id, double y, int titled)
{
    const result_group *grp = &r->groups[g];
    double h = plot_growth_height(r, g, titled), top = growth_top(titled);
    double bottom = top + G_HEIGHT, nlo = 1, nhi = 1, tlo = 1, thi = 10;
    char title[512], legend[1024], cls[16];
    svg_axis ax, ay;
    size_t i, j;
    int any = growth_extent(r, grp, &nlo, &nhi, &tlo, &thi);

    svg_axis_log(&ax, nlo, nhi, G_LEFT, G_RIGHT);
    svg_axis_log(&ay, tlo, thi, bottom, top);
    snprintf(title, sizeof title, "%s: time per call against N, log-log", grp->name);
    open_svg(f, id, "growth", h, y, title);
    if (titled) {
        snprintf(title, sizeof title, "%s%s%s", grp->name, grp->desc ? ": " : "",
                 grp->desc ? grp->desc : "");
        text_at(f, 8, 20, "start", "title", title, 90);
    }
    x_axis(f, &ax, top, bottom, svg_size_label);
    y_axis(f, &ay, G_LEFT, G_RIGHT, svg_time_label);
    frame(f, G_LEFT, top, G_RIGHT, bottom);
    text_at(f, (G_LEFT + G_RIGHT) / 2, bottom + 31, "middle", NULL, "N (log scale)", 0);
    fputs("<text transform=\"rotate(-90)\" x=\"", f);
    svg_num(f, -(top + bottom) / 2);
    fputs("\" y=\"14\" text-anchor=\"middle\">time per call (log scale)</text>\n", f);
    if (!any)
        text_at(f, (G_LEFT + G_RIGHT) / 2, (top + bottom) / 2, "middle", NULL,
                "nothing to draw: no size was measured above 0 ns", 0);
    for (i = grp->first; i < grp->end; i++) {
        const result_case *c = &r->cases[i];
        int s = (int)((i - grp->first) % SVG_NSTYLES);
        fputs("<g class=\"series\">\n", f);
        growth_fit(f, c, s, &ax, &ay);
        for (j = 0; j < c->npoints; j++)
            if (drawn(&c->pts[j]))
                growth_point(f, c, &c->pts[j], s, &ax, &ay, bottom);
        fputs("</g>\n", f);
    }
    for (i = grp->first; i < grp->end; i++) {
        const result_case *c = &r->cases[i];
        int s = (int)((i - grp->first) % SVG_NSTYLES);
        double ly = bottom + 44 + G_LINE * (double)(i - grp->first) + 6;
        snprintf(cls, sizeof cls, "fit s%d", s);
        if (c->has_fit)
            line(f, G_LEFT, ly, G_LEFT + 30, ly, cls);
        svg_marker(f, s, G_LEFT + 15, ly, 4, "key", 0, NULL);
        fputc('\n', f);
        legend_text(legend, sizeof legend, c);
        text_at(f, G_LEFT + 40, ly + 4, "start", NULL, legend, 88);
    }
    fputs("</svg>\n", f);
    return h;
}

/* ---- the samples ---- */

#define S_ROW  34.0
#define S_X0   160.0
#define S_X1   460.0
#define S_TEXT 474.0

static int has_samples(const result_point *p)
{
    return p->status == BENCH_OK && p->m.samples && p->m.nsamples > 0;
}

size_t plot_sample_rows(const results *r, size_t g, size_t *samples)
{
    const result_group *grp = &r->groups[g];
    size_t i, j, rows = 0, n = 0;
    for (i = grp->first; i < grp->end; i++)
        for (j = 0; j < r->cases[i].npoints; j++)
            if (has_samples(&r->cases[i].pts[j])) {
                rows++;
                n += r->cases[i].pts[j].m.nsamples;
            }
    if (samples)
        *samples = n;
    return rows;
}

/* Tukey's fences of x[0..n-1]: outside [lo, hi] is an outlier. */
static void fences(const double *x, size_t n, double *lo, double *hi)
{
    double *s = malloc(n * sizeof *s), q1, q3;
    if (!s) {
        *lo = -INFINITY, *hi = INFINITY;
        return;
    }
    memcpy(s, x, n * sizeof *s);
    qsort(s, n, sizeof *s, stats_cmp_double);
    q1 = stats_quantile(s, n, 0.25);
    q3 = stats_quantile(s, n, 0.75);
    *lo = q1 - 1.5 * (q3 - q1);
    *hi = q3 + 1.5 * (q3 - q1);
    free(s);
}

/* A row's own linear scale: its fastest to its slowest sample, padded. */
typedef struct lin {
    double lo, hi;
} lin;

static double lin_at(const lin *l, double v)
{
    return S_X0 + (v - l->lo) / (l->hi - l->lo) * (S_X1 - S_X0);
}

static void sample_row(FILE *f, const result_case *c, const result_point *p, int s, double top)
{
    const bench_measurement *m = &p->m;
    const bench_stats *st = &m->wall;
    double flo, fhi, pad = st->max - st->min, x0, x1;
    char buf[320], d[160], a[32], b[32];
    size_t j, outliers = 0;
    lin l;

    pad = pad > 0 ? pad * 0.04 : fmax(fabs(st->min) * 0.01, 0.001);
    l.lo = st->min - pad;
    l.hi = st->max + pad;
    fences(m->samples, m->nsamples, &flo, &fhi);
    for (j = 0; j < m->nsamples; j++)
        outliers += m->samples[j] < flo || m->samples[j] > fhi;
    if (top > 8)
        line(f, 4, top - 1, PLOT_WIDTH - 4, top - 1, "grid");
    text_at(f, 8, top + 14, "start", NULL, present_short_name(c->name), 22);
    snprintf(buf, sizeof buf, "N=%zu", p->n);
    text_at(f, 8, top + 27, "start", "small", buf, 0);
    describe(d, sizeof d, st);
    snprintf(buf, sizeof buf,
             "%s, N=%zu: samples from %s to %s; median %s; %u disturbed, %zu beyond Tukey's fences",
             present_short_name(c->name), p->n, fmt_time(a, sizeof a, st->min, 1),
             fmt_time(b, sizeof b, st->max, 1), d, m->disturbed, outliers);
    fputs("<g class=\"strip\"><title>", f);
    svg_text(f, buf);
    fputs("</title>\n", f);
    x0 = lin_at(&l, st->ci_lo);
    x1 = lin_at(&l, st->ci_hi);
    fputs("<rect class=\"band\" x=\"", f);
    svg_num(f, x0);
    fputs("\" y=\"", f);
    svg_num(f, top + 3);
    fputs("\" width=\"", f);
    svg_num(f, fmax(x1 - x0, 1));
    fputs("\" height=\"21\"/>\n", f);
    for (j = 0; j < m->nsamples; j++) {
        int out = m->samples[j] < flo || m->samples[j] > fhi;
        fprintf(f, "<circle class=\"pt s%d%s\" cx=\"", s, out ? " hollow" : "");
        svg_num(f, lin_at(&l, m->samples[j]));
        fputs("\" cy=\"", f);
        svg_num(f, top + 13.5 + (double)((int)((j * 37) % 9) - 4) * 1.9);
        fputs("\" r=\"2.6\"/>\n", f);
    }
    line(f, lin_at(&l, st->median), top + 2, lin_at(&l, st->median), top + 25, "med");
    fputs("</g>\n", f);
    if (st->max > st->min) {
        text_at(f, lin_at(&l, st->min), top + 33, "start", "small",
                fmt_time(a, sizeof a, st->min, 1), 0);
        text_at(f, lin_at(&l, st->max), top + 33, "end", "small", fmt_time(b, sizeof b, st->max, 1),
                0);
    } else { /* one value: one label */
        text_at(f, lin_at(&l, st->min), top + 33, "middle", "small",
                fmt_time(a, sizeof a, st->min, 1), 0);
    }
    snprintf(buf, sizeof buf, "%s %s", fmt_time(a, sizeof a, st->median, 1),
             present_ci(b, sizeof b, st));
    text_at(f, S_TEXT, top + 14, "start", NULL, buf, 0);
    if (m->disturbed)
        snprintf(buf, sizeof buf, "%zu samples, %u disturbed", m->nsamples, m->disturbed);
    else
        snprintf(buf, sizeof buf, "%zu sample%s, none disturbed", m->nsamples,
                 m->nsamples == 1 ? "" : "s");
    text_at(f, S_TEXT, top + 27, "start", "small", buf, 0);
}

double plot_samples(FILE *f, const results *r, size_t g, const char *id)
{
    const result_group *grp = &r->groups[g];
    size_t i, j, row = 0, rows = plot_sample_rows(r, g, NULL);
    double h = 8 + S_ROW * (double)rows + 4;
    char title[512];

    if (rows == 0)
        return 0;
    snprintf(title, sizeof title, "%s: the samples of each case and size", grp->name);
    open_svg(f, id, "samples", h, -1, title);
    for (i = grp->first; i < grp->end; i++)
        for (j = 0; j < r->cases[i].npoints; j++)
            if (has_samples(&r->cases[i].pts[j]))
                sample_row(f, &r->cases[i], &r->cases[i].pts[j],
                           (int)((i - grp->first) % SVG_NSTYLES), 8 + S_ROW * (double)row++);
    fputs("</svg>\n", f);
    return h;
}

/* ---- the speedups ---- */

#define R_ROW  24.0
#define R_X0   200.0
#define R_X1   470.0
#define R_TEXT 482.0

static int has_speedup(const results *r, const result_case *c, const result_point *p)
{
    return p->status == BENCH_OK && p->has_ratio && result_baseline_name(r, c) &&
           p->ratio.median > 0;
}

size_t plot_speedup_rows(const results *r, size_t g)
{
    const result_group *grp = &r->groups[g];
    size_t i, j, n = 0;
    for (i = grp->first; i < grp->end; i++)
        for (j = 0; j < r->cases[i].npoints; j++)
            n += has_speedup(r, &r->cases[i], &r->cases[i].pts[j]);
    return n;
}

static void speedup_row(FILE *f, const results *r, const result_case *c, const result_point *p,
                        int s, const svg_axis *ax, double y)
{
    const bench_stats *q = &p->ratio;
    const char *base = result_baseline_name(r, c);
    double x = svg_at(ax, q->median);
    double lo = q->ci_lo > 0 ? svg_at(ax, q->ci_lo) : R_X0, hi = svg_at(ax, q->ci_hi);
    char buf[512], a[32], b[32], m[32];

    snprintf(buf, sizeof buf, "%s vs %s, N=%zu", present_short_name(c->name),
             present_short_name(base), p->n);
    text_at(f, 8, y + 4, "start", NULL, buf, 30);
    fprintf(f, "<path class=\"bar s%d\" d=\"M", s);
    svg_num(f, lo);
    fputc(' ', f);
    svg_num(f, y);
    fputc('H', f);
    svg_num(f, hi);
    fputc('M', f);
    svg_num(f, lo);
    fputc(' ', f);
    svg_num(f, y - 4);
    fputs("v8M", f);
    svg_num(f, hi);
    fputc(' ', f);
    svg_num(f, y - 4);
    fputs("v8\"/>\n", f);
    fmt_ratio(m, sizeof m, q->median);
    fmt_ratio(a, sizeof a, q->ci_lo);
    fmt_ratio(b, sizeof b, q->ci_hi);
    snprintf(buf, sizeof buf, "%s time / %s time at N=%zu: %s (95%% CI %s to %s)", base, c->name,
             p->n, m, a, b);
    svg_marker(f, s, x, y, 4, "pt", 0, buf);
    fputc('\n', f);
    snprintf(buf, sizeof buf, "%s (%s\xe2\x80\x93%s)", m, a, b);
    text_at(f, R_TEXT, y + 4, "start", NULL, buf, 0);
}

double plot_speedups(FILE *f, const results *r, size_t g, const char *id)
{
    const result_group *grp = &r->groups[g];
    size_t i, j, row = 0, rows = plot_speedup_rows(r, g);
    double bottom = 8 + R_ROW * (double)rows, h = bottom + 36, lo = 1, hi = 1, x1;
    char title[512];
    svg_axis ax;
    int any = 1;

    if (rows == 0)
        return 0;
    for (i = grp->first; i < grp->end; i++)
        for (j = 0; j < r->cases[i].npoints; j++)
            if (has_speedup(r, &r->cases[i], &r->cases[i].pts[j])) {
                widen(&lo, &hi, r->cases[i].pts[j].ratio.ci_lo, &any);
                widen(&lo, &hi, r->cases[i].pts[j].ratio.ci_hi, &any);
                widen(&lo, &hi, r->cases[i].pts[j].ratio.median, &any);
            }
    svg_axis_log(&ax, lo, hi, R_X0, R_X1);
    snprintf(title, sizeof title, "%s: how many times faster than the baseline", grp->name);
    open_svg(f, id, "speedup", h, -1, title);
    x_axis(f, &ax, 4, bottom, svg_ratio_label);
    frame(f, R_X0, 4, R_X1, bottom);
    x1 = svg_at(&ax, 1);
    line(f, x1, 4, x1, bottom, "ref");
    text_at(f, (R_X0 + R_X1) / 2, bottom + 31, "middle", NULL,
            "times faster than the baseline (log scale)", 0);
    for (i = grp->first; i < grp->end; i++)
        for (j = 0; j < r->cases[i].npoints; j++)
            if (has_speedup(r, &r->cases[i], &r->cases[i].pts[j]))
                speedup_row(f, r, &r->cases[i], &r->cases[i].pts[j],
                            (int)((i - grp->first) % SVG_NSTYLES), &ax,
                            8 + R_ROW * (double)row++ + R_ROW / 2);
    fputs("</svg>\n", f);
    return h;
}

/* ---- latency ---- */

#define L_ROW  44.0
#define L_X0   200.0
#define L_X1   620.0
#define L_SUBS 8 /* histogram bars per power of two of time */

static int has_latency(const result_point *p)
{
    return p->status == BENCH_OK && p->lat && p->lat->h.count > 0;
}

size_t plot_latency_rows(const results *r, size_t g)
{
    const result_group *grp = &r->groups[g];
    size_t i, j, n = 0;
    for (i = grp->first; i < grp->end; i++)
        for (j = 0; j < r->cases[i].npoints; j++)
            n += has_latency(&r->cases[i].pts[j]);
    return n;
}

/* The timings in bar i: buckets [1 + i*step, 1 + (i+1)*step). */
static uint64_t bar_count(const hist *h, size_t i, size_t step)
{
    uint64_t n = 0;
    size_t b;
    for (b = 1 + i * step; b < 1 + (i + 1) * step && b < HIST_BUCKETS; b++)
        n += h->counts[b];
    return n;
}

static void latency_row(FILE *f, const result_case *c, const result_point *p, int s,
                        const svg_axis *ax, double top)
{
    static const char *const names[] = {"p50", "p90", "p99", "p99.9", "max"};
    const result_latency *l = p->lat;
    const hist *h = &l->h;
    const size_t step = HIST_SUB / L_SUBS, nbars = (HIST_BUCKETS - 1) / step;
    double v[5], base = top + L_ROW - 12, tall = L_ROW - 16, x0, x1, y;
    char buf[512], a[32], b[32], d[32];
    uint64_t most = 0, n;
    size_t i;

    v[0] = l->p50;
    v[1] = l->p90;
    v[2] = l->p99;
    v[3] = l->p999;
    v[4] = l->max;
    snprintf(buf, sizeof buf, "%s N=%zu", present_short_name(c->name), p->n);
    text_at(f, 8, top + 14, "start", NULL, buf, 30);
    snprintf(buf, sizeof buf, "p50 %s, p99.9 %s, max %s", fmt_time(a, sizeof a, l->p50, 1),
             fmt_time(b, sizeof b, l->p999, 1), fmt_time(d, sizeof d, l->max, 1));
    text_at(f, 8, top + 27, "start", "small", buf, 40);
    for (i = 0; i < nbars; i++)
        if ((n = bar_count(h, i, step)) > most)
            most = n;
    for (i = 0; i < nbars && most > 0; i++) {
        double lo = hist_lower(1 + i * step), hi = hist_upper(i * step + step);
        if ((n = bar_count(h, i, step)) == 0)
            continue;
        x0 = fmax(svg_at(ax, lo), L_X0);
        x1 = fmin(svg_at(ax, hi), L_X1);
        y = tall * log1p((double)n) / log1p((double)most);
        if (y < 1.5)
            y = 1.5;
        fprintf(f, "<rect class=\"band s%d\" x=\"", s);
        svg_num(f, x0);
        fputs("\" y=\"", f);
        svg_num(f, base - y);
        fputs("\" width=\"", f);
        svg_num(f, fmax(x1 - x0, 1));
        fputs("\" height=\"", f);
        svg_num(f, y);
        snprintf(buf, sizeof buf, "%s to %s: %llu timing%s", fmt_time(a, sizeof a, lo, 1),
                 fmt_time(b, sizeof b, hi, 1), (unsigned long long)n, n == 1 ? "" : "s");
        fputs("\"><title>", f);
        svg_text(f, buf);
        fputs("</title></rect>\n", f);
    }
    line(f, L_X0, base, L_X1, base, "grid");
    for (i = 0; i < 5; i++) {
        double x = v[i] > 0 ? svg_at(ax, v[i]) : L_X0;
        snprintf(buf, sizeof buf, "%s at N=%zu: %s %s, of %llu timing%s%s", c->name, p->n, names[i],
                 fmt_time(a, sizeof a, v[i], 1), (unsigned long long)h->count,
                 h->count == 1 ? "" : "s",
                 l->batch > 1 ? " (each a batch's time over its calls)" : "");
        svg_marker(f, s, fmin(fmax(x, L_X0), L_X1), base + 5, 3.2, "pt", i == 4, buf);
    }
}

double plot_latency(FILE *f, const results *r, size_t g, const char *id)
{
    const result_group *grp = &r->groups[g];
    size_t i, j, row = 0, rows = plot_latency_rows(r, g);
    double bottom = 8 + L_ROW * (double)rows, h = bottom + 36, lo = 1, hi = 1;
    char title[512];
    svg_axis ax;
    int any = 0;

    if (rows == 0)
        return 0;
    for (i = grp->first; i < grp->end; i++)
        for (j = 0; j < r->cases[i].npoints; j++)
            if (has_latency(&r->cases[i].pts[j])) {
                const hist *hh = &r->cases[i].pts[j].lat->h;
                widen(&lo, &hi, hh->min > 0 ? hh->min : hist_upper(0), &any);
                widen(&lo, &hi, hh->max, &any);
            }
    svg_axis_log(&ax, lo, hi, L_X0, L_X1);
    snprintf(title, sizeof title, "%s: the time of single calls", grp->name);
    open_svg(f, id, "latency", h, -1, title);
    x_axis(f, &ax, 4, bottom, svg_time_label);
    frame(f, L_X0, 4, L_X1, bottom);
    text_at(f, (L_X0 + L_X1) / 2, bottom + 31, "middle", NULL, "time per call (log scale)", 0);
    for (i = grp->first; i < grp->end; i++)
        for (j = 0; j < r->cases[i].npoints; j++)
            if (has_latency(&r->cases[i].pts[j]))
                latency_row(f, &r->cases[i], &r->cases[i].pts[j],
                            (int)((i - grp->first) % SVG_NSTYLES), &ax, 8 + L_ROW * (double)row++);
    fputs("</svg>\n", f);
    return h;
}

/* ---- a comparison ---- */

#define C_ROW  22.0
#define C_X0   232.0
#define C_X1   520.0
#define C_TEXT 530.0

static const char *verdict_class(verdict v)
{
    return v == V_REGRESSED ? "regressed" : v == V_IMPROVED ? "improved" : "unchanged";
}

/* The pixel of a median: at the left end when at or below 0 ns. */
static double at_or_edge(const svg_axis *a, double v)
{
    return v > 0 ? svg_at(a, v) : a->p0;
}

static void compare_mark(FILE *f, const char *cls, verdict v, int shape, double x, double y,
                         const char *tip)
{
    fprintf(f, "<path class=\"pt %s %s\" d=\"", cls, verdict_class(v));
    svg_shape(f, shape, x, y, 4);
    fputs("\"><title>", f);
    svg_text(f, tip);
    fputs("</title></path>\n", f);
}

static void compare_row_marks(FILE *f, const compare_row *row, const svg_axis *ax, double y)
{
    static const int shapes[] = {0, 4, 2, 3, 0}; /* by verdict: faster points down */
    int has_old = row->v != V_NEW, has_new = row->v != V_MISSING;
    double xo = at_or_edge(ax, row->old_median), xn = at_or_edge(ax, row->new_median);
    char tip[600], t[32], verdict[64];

    text_at(f, 8, y + 4, "start", NULL, row->name, 36);
    if (has_old && has_new)
        line(f, xo, y, xn, y,
             row->v == V_REGRESSED  ? "link regressed"
             : row->v == V_IMPROVED ? "link improved"
                                    : "link unchanged");
    if (has_old) {
        snprintf(tip, sizeof tip, "%s: old median %s%s", row->name,
                 fmt_time(t, sizeof t, row->old_median, 1),
                 row->old_median > 0 ? "" : " (at or below 0 ns: drawn at the left end)");
        compare_mark(f, "old", row->v, 0, xo, y, tip);
    }
    if (has_new) {
        snprintf(tip, sizeof tip, "%s: new median %s%s", row->name,
                 fmt_time(t, sizeof t, row->new_median, 1),
                 row->new_median > 0 ? "" : " (at or below 0 ns: drawn at the left end)");
        compare_mark(f, "new", row->v, shapes[row->v % 5], xn, y, tip);
    }
    if (has_old && has_new)
        snprintf(verdict, sizeof verdict, "%+.1f%% %s", 100 * row->change,
                 report_verdict_name(row->v));
    else
        snprintf(verdict, sizeof verdict, "%s", report_verdict_name(row->v));
    text_at(f, C_TEXT, y + 4, "start", NULL, verdict, 0);
}

double plot_compare(FILE *f, const compare_result *c, const char *id)
{
    double bottom, h, lo = 1, hi = 10;
    svg_axis ax;
    size_t i;
    int any = 0;

    if (!c || c->nrows == 0)
        return 0;
    bottom = 8 + C_ROW * (double)c->nrows;
    h = bottom + 36;
    for (i = 0; i < c->nrows; i++) {
        if (c->rows[i].v != V_NEW)
            widen(&lo, &hi, c->rows[i].old_median, &any);
        if (c->rows[i].v != V_MISSING)
            widen(&lo, &hi, c->rows[i].new_median, &any);
    }
    svg_axis_log(&ax, lo, hi, C_X0, C_X1);
    open_svg(f, id, "compare", h, -1, "old and new median of each case and size, by verdict");
    x_axis(f, &ax, 4, bottom, svg_time_label);
    frame(f, C_X0, 4, C_X1, bottom);
    text_at(f, (C_X0 + C_X1) / 2, bottom + 31, "middle", NULL,
            "median time per call (log scale): hollow old, filled new", 0);
    for (i = 0; i < c->nrows; i++)
        compare_row_marks(f, &c->rows[i], &ax, 8 + C_ROW * (double)i + C_ROW / 2);
    fputs("</svg>\n", f);
    return h;
}
