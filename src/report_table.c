/*
 * report_table.c - the human-readable table: one block per group, a column
 * per size, the exponent, and how many times faster each variant is than
 * its baseline.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

#define CELL 48


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

static const char *short_name(const char *name)
{
    const char *slash = strchr(name, '/');
    return slash ? slash + 1 : name;
}

static void cell_text(char *buf, size_t size, const point_result *p)
{
    char t[32];
    double med, half;
    if (!p) {
        snprintf(buf, size, "-");
        return;
    }
    if (p->status == BENCH_EINTR) {
        snprintf(buf, size, "-");
        return;
    }
    if (p->status != BENCH_OK) {
        snprintf(buf, size, "failed");
        return;
    }
    med = p->m.wall.median;
    half = fmax(med - p->m.wall.ci_lo, p->m.wall.ci_hi - med);
    fmt_time(t, sizeof t, med, 1);
    if (p->m.nsamples < 2) {
        snprintf(buf, size, "%s \xc2\xb1?", t); /* one sample: no spread to show */
    } else if (med >= 1.0 && half / med < 10) {
        snprintf(buf, size, "%s \xc2\xb1%.1f%%", t, 100 * half / med);
    } else {
        char h[32];
        snprintf(buf, size, "%s \xc2\xb1%s", t, fmt_time(h, sizeof h, half, 1));
    }
}

static void exponent_text(char *buf, size_t size, const case_result *cr)
{
    const bench_fit_result *fit = &cr->fit;
    if (!cr->has_fit) {
        snprintf(buf, size, "-");
        return;
    }
    snprintf(buf, size, "%.2f \xc2\xb1%.2f  %s", fit->slope,
             (fit->slope_hi - fit->slope_lo) / 2, bench_bigo_name(fit->bigo));
}

static void speedup_line(FILE *f, const case_result *cr, const case_result *base,
                         const point_result *p)
{
    char r[16], lo[16], hi[16];
    const bench_stats *s = &p->ratio;
    if (s->median >= 1) {
        fprintf(f, "  %s is %s faster than %s at N=%zu (95%% CI %s-%s)\n",
                short_name(cr->c->name), fmt_ratio(r, sizeof r, s->median),
                short_name(base->c->name), p->n, fmt_ratio(lo, sizeof lo, s->ci_lo),
                fmt_ratio(hi, sizeof hi, s->ci_hi));
    } else {
        fprintf(f, "  %s is %s slower than %s at N=%zu (95%% CI %s-%s)\n",
                short_name(cr->c->name), fmt_ratio(r, sizeof r, 1 / s->median),
                short_name(base->c->name), p->n, fmt_ratio(lo, sizeof lo, 1 / s->ci_hi),
                fmt_ratio(hi, sizeof hi, 1 / s->ci_lo));
    }
}

static void verbose_points(FILE *f, const case_result *cr)
{
    char a[32], b[32], c[32], d[32], e[32];
    size_t i;
    for (i = 0; i < cr->npoints; i++) {
        const point_result *p = &cr->pts[i];
        const bench_measurement *m = &p->m;
        if (p->status != BENCH_OK)
            continue;
        fprintf(f, "      N=%zu: %zu samples x %llu calls, min %s, max %s, MAD %s, cpu %s, "
                "loop %s, %zu outliers, %u disturbed, drift %+.1f%%\n",
                p->n, m->nsamples, (unsigned long long)m->number,
                fmt_time(a, sizeof a, m->wall.min, 1), fmt_time(b, sizeof b, m->wall.max, 1),
                fmt_time(c, sizeof c, m->wall.mad, 1), fmt_time(d, sizeof d, m->cpu.median, 1),
                fmt_time(e, sizeof e, m->overhead_ns, 1), m->wall.outliers, m->disturbed, 100 * p->drift);
    }
    if (cr->has_fit)
        fprintf(f, "      exponent %.3f (95%% CI %.3f to %.3f), R^2 %.4f, %s fits with rms %.1f%%\n",
                cr->fit.slope, cr->fit.slope_lo, cr->fit.slope_hi, cr->fit.r2,
                bench_bigo_name(cr->fit.bigo), 100 * cr->fit.rms);
}

/* What a reader should know before trusting the numbers above. */
static void notes(FILE *f, const run_result *r, size_t first, size_t end,
                  const size_t *sizes, size_t nsizes)
{
    size_t i, s;
    for (s = 0; s < nsizes; s++)
        for (i = first; i < end; i++) {
            const point_result *p = case_point(&r->cases[i], sizes[s]);
            if (p && p->status == BENCH_OK && fabs(p->drift) > 0.05) {
                fprintf(f, "  note: at N=%zu a reference loop ran %.0f%% %s after the "
                        "measurement than before: the CPU speed changed (frequency "
                        "scaling, throttling or a busy sibling core)\n",
                        sizes[s], 100 * fabs(p->drift), p->drift > 0 ? "slower" : "faster");
                break; /* one note per size: the variants share it */
            }
        }
    {
        double widest = 0;
        for (i = first; i < end; i++)
            for (s = 0; s < r->cases[i].npoints; s++) {
                const point_result *p = &r->cases[i].pts[s];
                double med = p->m.wall.median;
                if (p->status == BENCH_OK && med >= 1.0)
                    widest = fmax(widest, fmax(med - p->m.wall.ci_lo, p->m.wall.ci_hi - med) / med);
            }
        if (widest > 0.10)
            fprintf(f, "  note: intervals up to \xc2\xb1%.0f%%: the machine was busy or the case is "
                    "noisy; re-run, or give it more time (--min-time)\n", 100 * widest);
    }
    {
        /* Figures near the loop's own cost: the correction assumes the loop
         * adds to the function's time, and a core that runs a cheap
         * function in the loop's shadow breaks that (docs/measurement.md). */
        char names[160] = "";
        size_t used = 0;
        double loop = 0;
        for (i = first; i < end; i++) {
            const case_result *cr = &r->cases[i];
            int low = 0;
            for (s = 0; s < cr->npoints; s++) {
                const point_result *p = &cr->pts[s];
                if (p->status == BENCH_OK && p->m.overhead_ns > 0 &&
                    p->m.wall.median < 2 * p->m.overhead_ns) {
                    low = 1;
                    loop = fmax(loop, p->m.overhead_ns);
                }
            }
            if (low && used < sizeof names) {
                const char *slash = strchr(cr->c->name, '/');
                int w = snprintf(names + used, sizeof names - used, "%s%s", used ? ", " : "",
                                 slash ? slash + 1 : cr->c->name);
                used += w > 0 ? (size_t)w : 0;
            }
        }
        if (loop > 0) {
            char a[32], b[32];
            fprintf(f, "  note: %s: under %s a call, twice the timing loop's own cost (%s, "
                    "subtracted); a core that overlaps a cheap function with the loop makes "
                    "such figures read low by up to that cost\n", names,
                    fmt_time(a, sizeof a, 2 * loop, 1), fmt_time(b, sizeof b, loop, 1));
        }
    }
    for (i = first; i < end; i++) {
        const case_result *cr = &r->cases[i];
        if (cr->has_fit && cr->fit.k >= 3 && cr->fit.rms > 0.15)
            fprintf(f, "  note: %s: no class fits well (%s is off by %.0f%% rms): the growth "
                    "rate changes across the sizes (a cache boundary?)\n", cr->c->name,
                    bench_bigo_name(cr->fit.bigo), 100 * cr->fit.rms);
    }
}

static void group_block(FILE *f, const run_result *r, size_t first, size_t end,
                        const report_opts *o)
{
    size_t sizes[BENCH_MAX_SIZES * 4], nsizes = 0, i, j, s;
    int wname = 0, wdesc = 0, wcol[BENCH_MAX_SIZES * 4];
    char cell[CELL], head[64], title[160];
    const char *gdesc = bench_group_desc(r->cases[first].group);
    const char *bold = o->color ? "\033[1m" : "", *reset = o->color ? "\033[0m" : "";

    for (i = first; i < end; i++) {
        const case_result *cr = &r->cases[i];
        for (j = 0; j < cr->npoints; j++) {
            for (s = 0; s < nsizes && sizes[s] != cr->pts[j].n; s++)
                ;
            if (s == nsizes && nsizes < sizeof sizes / sizeof sizes[0])
                sizes[nsizes++] = cr->pts[j].n;
        }
        if (width(cr->c->name) > wname)
            wname = width(cr->c->name);
        if (cr->c->desc && width(cr->c->desc) > wdesc)
            wdesc = width(cr->c->desc);
    }
    for (s = 1; s < nsizes; s++)
        for (j = s; j > 0 && sizes[j - 1] > sizes[j]; j--) {
            size_t t = sizes[j];
            sizes[j] = sizes[j - 1];
            sizes[j - 1] = t;
        }
    for (s = 0; s < nsizes; s++) {
        snprintf(head, sizeof head, "N=%zu", sizes[s]);
        wcol[s] = width(head);
        for (i = first; i < end; i++) {
            cell_text(cell, sizeof cell, case_point(&r->cases[i], sizes[s]));
            if (width(cell) > wcol[s])
                wcol[s] = width(cell);
        }
    }

    snprintf(title, sizeof title, "%s: %s", r->cases[first].group, gdesc ? gdesc : "");
    if (width(title) > 2 + wname + 3 + wdesc)
        wdesc = width(title) - 5 - wname;
    fputs(bold, f);
    pad(f, title, 2 + wname + 3 + wdesc, 0);
    for (s = 0; s < nsizes; s++) {
        char h[32];
        snprintf(h, sizeof h, "N=%zu", sizes[s]);
        fputs("   ", f);
        pad(f, h, wcol[s], 1);
    }
    if (nsizes > 1)
        fputs("   exponent", f);
    fprintf(f, "%s\n", reset);

    for (i = first; i < end; i++) {
        const case_result *cr = &r->cases[i];
        fputs("  ", f);
        pad(f, cr->c->name, wname, 0);
        fputs("   ", f);
        pad(f, cr->c->desc ? cr->c->desc : "", wdesc, 0);
        for (s = 0; s < nsizes; s++) {
            cell_text(cell, sizeof cell, case_point(cr, sizes[s]));
            fputs("   ", f);
            pad(f, cell, wcol[s], 1);
        }
        if (nsizes > 1) {
            exponent_text(cell, sizeof cell, cr);
            fprintf(f, "   %s", cell);
        }
        fputc('\n', f);
        if (o->verbose)
            verbose_points(f, cr);
    }
    for (i = first; i < end; i++) {
        const case_result *cr = &r->cases[i];
        /* The largest size, or every size with --verbose. */
        for (j = cr->npoints; j-- > 0;) {
            const point_result *p = &cr->pts[j];
            if (!p->has_ratio)
                continue;
            speedup_line(f, cr, &r->cases[cr->base], p);
            if (!o->verbose)
                break;
        }
    }
    for (i = first; i < end; i++)
        for (j = 0; j < r->cases[i].npoints; j++) {
            const point_result *p = &r->cases[i].pts[j];
            if (p->status != BENCH_OK && p->status != BENCH_EINTR)
                fprintf(f, "  %s failed at N=%zu: %s\n", r->cases[i].c->name, p->n, p->why);
        }
    notes(f, r, first, end, sizes, nsizes);
}

int report_table(FILE *f, const run_result *r, const report_opts *o)
{
    size_t i = 0;
    if (o->verbose) {
        char a[32], b[32], c[32], d[32];
        fprintf(f, "timer: CLOCK_MONOTONIC, resolution %s, %s per reading\n",
                fmt_time(a, sizeof a, r->ctx.clock_resolution_ns, 1),
                fmt_time(b, sizeof b, r->ctx.clock_read_ns, 1));
        fprintf(f, "overhead at start-up (t = a + b*calls on an empty function): b = %s per "
                "call, a = %s per sample; a is subtracted from every sample, b is measured "
                "again beside each group's cases (loop, below) and that is subtracted\n",
                fmt_time(c, sizeof c, r->ctx.overhead_ns, 1),
                fmt_time(d, sizeof d, r->ctx.fixed_ns, 1));
        fprintf(f, "machine: %s, %d cpus, load %.2f %.2f %.2f\n\n", r->ctx.host,
                r->ctx.num_cpus, r->ctx.load_avg[0], r->ctx.load_avg[1], r->ctx.load_avg[2]);
    }
    if (r->ctx.load_avg[0] > 0.5 * r->ctx.num_cpus)
        fprintf(f, "note: load average %.2f on %d CPUs: other work competes for the CPU, "
                "expect noisier numbers\n\n", r->ctx.load_avg[0], r->ctx.num_cpus);
    while (i < r->ncases) {
        size_t end = i;
        while (end < r->ncases && strcmp(r->cases[end].group, r->cases[i].group) == 0)
            end++;
        if (i > 0)
            fputc('\n', f);
        group_block(f, r, i, end, o);
        i = end;
    }
    if (r->incomplete)
        fputs("\n(interrupted: the results above are incomplete)\n", f);
    return ferror(f) ? BENCH_EIO : BENCH_OK;
}
