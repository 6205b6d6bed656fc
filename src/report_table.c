/*
 * report_table.c - the human-readable table: one block per group, a column
 * per size, the exponent, how many times faster each variant is than its
 * baseline, failures and notes.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fmt.h"
#include "present.h"
#include "report.h"

#define CELL     96
#define MAX_COLS (BENCH_MAX_SIZES * 4)

/* Notes wrap at this width, or the terminal's when narrower. */
#define NOTE_WIDTH 100
/* Narrower than this, the description column is left out. */
#define MIN_DESC 8

/* The layout of one group's block. */
typedef struct block {
    const results *r;
    const result_group *g;
    size_t sizes[MAX_COLS], nsizes;
    int wname, wdesc, wcol[MAX_COLS], wexp;
} block;

/* Display width of UTF-8 text: count the bytes that start a character. */
static int width(const char *s)
{
    int w = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            w++;
    return w;
}

static void pad(FILE *f, const char *s, int w, int right)
{
    int n = w - width(s);
    if (right)
        while (n-- > 0)
            fputc(' ', f);
    fputs(s, f);
    if (!right)
        while (n-- > 0)
            fputc(' ', f);
}

/* s in w columns, left-aligned; cut with an ellipsis when longer (only
 * to fit a terminal: the full text is in --list). */
static void clip(FILE *f, const char *s, int w)
{
    int n = 0;
    if (width(s) <= w) {
        pad(f, s, w, 0);
        return;
    }
    for (; *s && w > 1; s++) {
        if (((unsigned char)*s & 0xC0) != 0x80 && ++n == w)
            break; /* the start of the character that would not fit */
        fputc(*s, f);
    }
    if (w > 0)
        fputs("\xe2\x80\xa6", f); /* ... */
}

/* The width notes wrap at. */
static int note_width(const report_opts *o)
{
    return o->width > 0 && o->width < NOTE_WIDTH ? o->width : NOTE_WIDTH;
}

/* A point's cell: its time and interval; in a counted run its
 * instructions per call, marked when the counted calls differed. */
static void cell_text(char *buf, size_t size, const results *r, const result_point *p)
{
    char t[32], ci[32], rate[64];
    if (!p || present_status_of(p) == PRESENT_INTERRUPTED) {
        snprintf(buf, size, "-");
        return;
    }
    switch (present_status_of(p)) {
    case PRESENT_OK:
        if (r->counted) {
            snprintf(buf, size, "%s%s", fmt_count(t, sizeof t, p->counts.per_call[RESULT_IR]),
                     result_counts_exact(p) ? "" : PRESENT_INEXACT_MARK);
        } else {
            present_throughput(rate, sizeof rate, p);
            snprintf(buf, size, "%s %s%s%s", fmt_time(t, sizeof t, p->m.wall.median, 1),
                     present_ci(ci, sizeof ci, &p->m.wall), *rate ? "  " : "", rate);
        }
        return;
    case PRESENT_NOT_MEASURED: snprintf(buf, size, "not measured"); return;
    default: snprintf(buf, size, "failed"); return;
    }
}

static void exponent_text(char *buf, size_t size, const results *r, const result_case *c)
{
    char e[48];
    if (!c->has_fit)
        snprintf(buf, size, "-");
    else if (r->counted) /* from exact counts: no interval */
        snprintf(buf, size, "%.2f  %s", c->fit.slope, bench_bigo_name(c->fit.bigo));
    else if (c->fit_floor)
        snprintf(buf, size, "~0  %s", bench_bigo_name(c->fit.bigo));
    else
        snprintf(buf, size, "%s  %s", present_exponent(e, sizeof e, &c->fit),
                 bench_bigo_name(c->fit.bigo));
}

static void speedup_line(FILE *f, const results *res, const result_case *c, const char *base,
                         const result_point *p)
{
    char r[16], lo[16], hi[16];
    const bench_stats *s = &p->ratio;
    int faster = s->median >= 1;

    if (res->counted) {
        fprintf(f, "  %s runs %s %s instructions than %s at N=%zu\n", present_short_name(c->name),
                fmt_ratio(r, sizeof r, faster ? s->median : 1 / s->median),
                faster ? "fewer" : "more", present_short_name(base), p->n);
        return;
    }
    fprintf(f, "  %s is %s %s than %s at N=%zu (95%% CI %s-%s)\n", present_short_name(c->name),
            fmt_ratio(r, sizeof r, faster ? s->median : 1 / s->median),
            faster ? "faster" : "slower", present_short_name(base), p->n,
            fmt_ratio(lo, sizeof lo, faster ? s->ci_lo : 1 / s->ci_hi),
            fmt_ratio(hi, sizeof hi, faster ? s->ci_hi : 1 / s->ci_lo));
}

/* A counted point's figures: the counted calls, the fewest and most
 * instructions of one, and the misses when they were simulated. */
static void counted_points(FILE *f, const results *r, const result_case *c)
{
    char a[32], b[32], m[6][32];
    size_t i;
    int e;
    for (i = 0; i < c->npoints; i++) {
        const result_point *p = &c->pts[i];
        if (p->status != BENCH_OK)
            continue;
        fprintf(f, "      N=%zu: %u counted calls, instructions from %s to %s\n", p->n,
                p->counts.calls, fmt_count(a, sizeof a, p->counts.ir_min),
                fmt_count(b, sizeof b, p->counts.ir_max));
        if (!(r->counted & (1u << RESULT_I1MR)))
            continue;
        for (e = RESULT_I1MR; e <= RESULT_DLMW; e++)
            fmt_count(m[e - RESULT_I1MR], sizeof m[0], p->counts.per_call[e]);
        fprintf(f,
                "        misses per call: L1 I %s, D read %s, D write %s; LL I %s, D read %s, "
                "D write %s\n",
                m[0], m[1], m[2], m[3], m[4], m[5]);
        if (r->counted & (1u << RESULT_BCM))
            fprintf(f, "        mispredicted branches per call: conditional %s, indirect %s\n",
                    fmt_count(a, sizeof a, p->counts.per_call[RESULT_BCM]),
                    fmt_count(b, sizeof b, p->counts.per_call[RESULT_BIM]));
    }
}

/* --counters: each point's counts per call, as the kernel gave them. */
static void perf_points(FILE *f, const result_case *c)
{
    char a[32];
    size_t i;
    int e, n;
    for (i = 0; i < c->npoints; i++) {
        const result_point *p = &c->pts[i];
        if (p->status != BENCH_OK || !p->perf_read)
            continue;
        fprintf(f, "      N=%zu per call:", p->n);
        for (e = n = 0; e < RESULT_NPERF; e++) {
            if (!(p->perf_read & (1u << e)))
                continue;
            if (e == RESULT_TASK_CLOCK)
                fmt_time(a, sizeof a, p->perf[e], 1);
            else
                fmt_count(a, sizeof a,
                          p->perf[e] < 10 ? floor(p->perf[e] * 100 + 0.5) / 100
                                          : floor(p->perf[e] + 0.5));
            fprintf(f, "%s %s %s", n++ ? "," : "", a, result_perf_label((result_perf)e));
        }
        fputc('\n', f);
    }
}

static void verbose_points(FILE *f, const results *r, const result_case *c)
{
    char a[32], b[32], d[32], e[32], g[32];
    size_t i;
    if (r->counted) {
        counted_points(f, r, c);
        return;
    }
    for (i = 0; i < c->npoints; i++) {
        const result_point *p = &c->pts[i];
        const bench_measurement *m = &p->m;
        if (p->status != BENCH_OK)
            continue;
        fprintf(f,
                "      N=%zu: %zu samples x %llu calls, min %s, max %s, MAD %s, cpu %s, "
                "loop %s, %zu outliers, %u disturbed, drift %+.1f%%\n",
                p->n, m->nsamples, (unsigned long long)m->number,
                fmt_time(a, sizeof a, m->wall.min, 1), fmt_time(b, sizeof b, m->wall.max, 1),
                fmt_time(d, sizeof d, m->wall.mad, 1), fmt_time(e, sizeof e, m->cpu.median, 1),
                fmt_time(g, sizeof g, m->overhead_ns, 1), m->wall.outliers, m->disturbed,
                100 * p->drift);
    }
    if (c->has_fit)
        fprintf(f,
                "      exponent %.3f (95%% CI %.3f to %.3f), R^2 %.4f, %s fits with rms %.1f%%\n",
                c->fit.slope, c->fit.slope_lo, c->fit.slope_hi, c->fit.r2,
                bench_bigo_name(c->fit.bigo), 100 * c->fit.rms);
}

/* Column widths: the widest name, description and cell of each size; the
 * description column gives way when the row would be wider than the
 * terminal (width > 0), and goes when it would be too narrow to read. */
static void measure_block(block *b, int width_limit)
{
    size_t i, s;
    char cell[CELL], head[64];
    int title, total;

    b->nsizes = present_group_sizes(b->r, b->g, b->sizes, MAX_COLS);
    b->wname = b->wdesc = 0;
    for (i = b->g->first; i < b->g->end; i++) {
        const result_case *c = &b->r->cases[i];
        if (width(c->name) > b->wname)
            b->wname = width(c->name);
        if (c->desc && width(c->desc) > b->wdesc)
            b->wdesc = width(c->desc);
    }
    for (s = 0; s < b->nsizes; s++) {
        snprintf(head, sizeof head, "N=%zu", b->sizes[s]);
        b->wcol[s] = width(head);
        for (i = b->g->first; i < b->g->end; i++) {
            cell_text(cell, sizeof cell, b->r, result_point_at(&b->r->cases[i], b->sizes[s]));
            if (width(cell) > b->wcol[s])
                b->wcol[s] = width(cell);
        }
    }
    b->wexp = 0;
    for (i = b->g->first; i < b->g->end && b->nsizes > 1; i++) {
        exponent_text(cell, sizeof cell, b->r, &b->r->cases[i]);
        if (width(cell) > b->wexp)
            b->wexp = width(cell);
    }
    /* The title "group: description" widens the name and description
     * columns when it is longer than both. */
    title = width(b->g->name) + 2 + (b->g->desc ? width(b->g->desc) : 0);
    if (title > 2 + b->wname + 3 + b->wdesc)
        b->wdesc = title - 5 - b->wname;
    for (total = 2 + b->wname + 3 + b->wdesc, s = 0; s < b->nsizes; s++)
        total += 3 + b->wcol[s];
    total += b->nsizes > 1 ? 3 + (b->wexp > 8 ? b->wexp : 8) : 0;
    if (width_limit > 0 && total > width_limit) {
        b->wdesc -= total - width_limit;
        if (b->wdesc < MIN_DESC)
            b->wdesc = -3; /* no column, nor the space before it */
    }
}

static void header(FILE *f, const block *b, const report_opts *o)
{
    char h[32];
    int w = 2 + b->wname + 3 + b->wdesc, used;
    size_t s;

    fputs(o->color ? "\033[1m" : "", f);
    fprintf(f, "%s:", b->g->name);
    used = width(b->g->name) + 1;
    if (b->g->desc && used + 1 < w) {
        fputc(' ', f);
        clip(f, b->g->desc, w - used - 1);
    } else {
        fprintf(f, "%*s", w - used > 0 ? w - used : 0, "");
    }
    for (s = 0; s < b->nsizes; s++) {
        snprintf(h, sizeof h, "N=%zu", b->sizes[s]);
        fputs("   ", f);
        pad(f, h, b->wcol[s], 1);
    }
    if (b->nsizes > 1)
        fputs("   exponent", f);
    fprintf(f, "%s\n", o->color ? "\033[0m" : "");
}

static void row(FILE *f, const block *b, const result_case *c, const report_opts *o)
{
    char cell[CELL];
    size_t s;

    fputs("  ", f);
    pad(f, c->name, b->wname, 0);
    if (b->wdesc >= 0) {
        fputs("   ", f);
        clip(f, c->desc ? c->desc : "", b->wdesc);
    }
    for (s = 0; s < b->nsizes; s++) {
        cell_text(cell, sizeof cell, b->r, result_point_at(c, b->sizes[s]));
        fputs("   ", f);
        pad(f, cell, b->wcol[s], 1);
    }
    if (b->nsizes > 1) {
        exponent_text(cell, sizeof cell, b->r, c);
        fprintf(f, "   %s", cell);
    }
    fputc('\n', f);
    if (o->verbose || (b->r->counted & ~(1u << RESULT_IR)))
        verbose_points(f, b->r, c);
    if (b->r->perf_asked)
        perf_points(f, c);
}

#define BAR_WIDTH 40
#define MAX_BINS  24

/* --latency: a point's percentiles, how its calls were timed, and its
 * histogram, a row per power of two of time (a log scale) with a bar as
 * long as its share of the calls (at least one mark when not empty). */
static void latency_lines(FILE *f, const result_case *c, const result_point *p)
{
    const result_latency *l = p->lat;
    char a[32], b[32], d[32], e[32], g[32], how[256];
    present_bin bins[MAX_BINS];
    size_t nb, i;
    uint64_t most = 0;

    fprintf(f, "  %s N=%zu latency: p50 %s  p90 %s  p99 %s  p99.9 %s  max %s\n", c->name, p->n,
            fmt_time(a, sizeof a, l->p50, 1), fmt_time(b, sizeof b, l->p90, 1),
            fmt_time(d, sizeof d, l->p99, 1), fmt_time(e, sizeof e, l->p999, 1),
            fmt_time(g, sizeof g, l->max, 1));
    fprintf(f, "    %s\n", present_latency_how(how, sizeof how, l));
    if (p->wait)
        fprintf(f,
                "    wait (measured by the case): p50 %s  p90 %s  p99 %s  max %s, of %llu items\n",
                fmt_time(a, sizeof a, p->wait->p50, 1), fmt_time(b, sizeof b, p->wait->p90, 1),
                fmt_time(d, sizeof d, p->wait->p99, 1), fmt_time(g, sizeof g, p->wait->max, 1),
                (unsigned long long)p->wait->calls);
    nb = present_latency_bins(l, bins, MAX_BINS);
    for (i = 0; i < nb; i++)
        if (bins[i].count > most)
            most = bins[i].count;
    for (i = 0; i < nb; i++) {
        int len = most ? (int)((double)bins[i].count / (double)most * BAR_WIDTH + 0.5) : 0;
        if (bins[i].count > 0 && len == 0)
            len = 1;
        snprintf(how, sizeof how, "%s - %s", fmt_time(a, sizeof a, bins[i].lo, 1),
                 fmt_time(b, sizeof b, bins[i].hi, 1));
        fputs("    ", f);
        pad(f, how, 21, 1);
        fputs("  ", f);
        fprintf(f, "%-*.*s %llu\n", BAR_WIDTH, len, "########################################",
                (unsigned long long)bins[i].count);
    }
}

static void latency_block(FILE *f, const block *b)
{
    size_t i, j;
    for (i = b->g->first; i < b->g->end; i++)
        for (j = 0; j < b->r->cases[i].npoints; j++) {
            const result_point *p = &b->r->cases[i].pts[j];
            if (present_status_of(p) == PRESENT_OK && p->lat)
                latency_lines(f, &b->r->cases[i], p);
        }
}

/* The speedup at the largest size, or at every size with --verbose; then
 * the failures and the notes. */
static void footer(FILE *f, const block *b, const report_opts *o)
{
    const results *r = b->r;
    present_note notes[BENCH_MAX_SIZES * 4 + 32];
    size_t i, j, nn;

    for (i = b->g->first; i < b->g->end; i++) {
        const result_case *c = &r->cases[i];
        for (j = c->npoints; j-- > 0;) {
            if (!c->pts[j].has_ratio)
                continue;
            speedup_line(f, r, c, result_baseline_name(r, c), &c->pts[j]);
            if (!o->verbose)
                break;
        }
    }
    for (i = b->g->first; i < b->g->end; i++)
        for (j = 0; j < r->cases[i].npoints; j++) {
            const result_point *p = &r->cases[i].pts[j];
            if (present_status_of(p) == PRESENT_FAILED)
                fprintf(f, "  %s failed at N=%zu: %s\n", r->cases[i].name, p->n, present_why(p));
        }
    nn = present_group_notes(r, (size_t)(b->g - r->groups), notes, sizeof notes / sizeof notes[0]);
    for (i = 0; i < nn; i++)
        fmt_wrapped(f, "  note: ", notes[i].text, note_width(o));
}

static void group_block(FILE *f, const results *r, const result_group *g, const report_opts *o)
{
    block b;
    size_t i;

    b.r = r;
    b.g = g;
    measure_block(&b, o->width);
    header(f, &b, o);
    for (i = g->first; i < g->end; i++)
        row(f, &b, &r->cases[i], o);
    latency_block(f, &b);
    footer(f, &b, o);
}

void report_verbose_header(FILE *f, const result_context *c)
{
    char a[32], b[32], d[32], e[32];
    fprintf(f, "timer: CLOCK_MONOTONIC, resolution %s, %s per reading\n",
            fmt_time(a, sizeof a, c->clock_resolution_ns, 1),
            fmt_time(b, sizeof b, c->clock_read_ns, 1));
    fprintf(f,
            "overhead at start-up (t = a + b*calls on an empty function): b = %s per "
            "call, a = %s per sample; a is subtracted from every sample, b is measured "
            "again beside each group's cases (loop, below) and that is subtracted\n",
            fmt_time(d, sizeof d, c->overhead_ns, 1), fmt_time(e, sizeof e, c->fixed_ns, 1));
    fprintf(f, "machine: %s, %d cpus, load %.2f %.2f %.2f\n\n", c->host, c->num_cpus,
            c->load_avg[0], c->load_avg[1], c->load_avg[2]);
}

void report_table_begin(FILE *f, const results *r, const report_opts *o)
{
    present_note notes[PRESENT_RUN_NOTES];
    size_t i, n;
    if (o->verbose && !r->counted)
        report_verbose_header(f, &r->ctx);
    n = present_run_notes(r, notes, PRESENT_RUN_NOTES);
    for (i = 0; i < n; i++)
        fmt_wrapped(f, "note: ", notes[i].text, note_width(o));
    if (n)
        fputc('\n', f);
}

void report_table_group(FILE *f, const results *r, size_t g, const report_opts *o)
{
    if (g > 0)
        fputc('\n', f);
    group_block(f, r, &r->groups[g], o);
}

int report_table_end(FILE *f, const results *r, const report_opts *o)
{
    if (r->incomplete)
        fputs("\n(interrupted: the results above are incomplete)\n", f);
    if (o->compare)
        report_compare(f, o->compare, o->baseline, o->threshold);
    return ferror(f) ? BENCH_EIO : BENCH_OK;
}

int report_table(FILE *f, const results *r, const report_opts *o)
{
    size_t g;
    report_table_begin(f, r, o);
    for (g = 0; g < r->ngroups; g++)
        report_table_group(f, r, g, o);
    return report_table_end(f, r, o);
}
