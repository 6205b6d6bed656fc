/*
 * report_csv.c - the run as CSV (RFC 4180): a header line, then one row per
 * case and size, times in ns at full precision. Columns: docs/csv.md.
 */
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static const char header[] =
    "name,group,case,n,status,samples,number,median_ns,ci_lo_ns,ci_hi_ns,"
    "mean_ns,stddev_ns,min_ns,max_ns,mad_ns,cpu_median_ns,overhead_ns,"
    "disturbed,outliers,baseline,speedup,speedup_lo,speedup_hi,exponent,"
    "exponent_lo,exponent_hi,bigo,r2\n";

/* A text field, quoted (quotes doubled) only when it holds a comma, quote
 * or line break, as RFC 4180 requires. */
static void put_field(FILE *f, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

/* ",x": a finite double at full precision; empty for NaN/inf. */
static void put_num(FILE *f, double x)
{
    char buf[40];
    fputc(',', f);
    if (isfinite(x))
        fputs(fmt_double(buf, sizeof buf, x), f);
}

/* The columns from exponent on: the case's fit, repeated on each row so a
 * row stands alone. */
static void put_fit(FILE *f, const case_result *cr)
{
    if (!cr->has_fit) {
        fputs(",,,,,\n", f);
        return;
    }
    put_num(f, cr->fit.slope);
    put_num(f, cr->fit.slope_lo);
    put_num(f, cr->fit.slope_hi);
    fputc(',', f);
    put_field(f, bench_bigo_name(cr->fit.bigo));
    put_num(f, cr->fit.r2);
    fputc('\n', f);
}

/* name,group,case,n: n may be absent for a case that failed before any
 * size was tried. */
static void put_key(FILE *f, const case_result *cr, const size_t *n)
{
    const char *slash = strchr(cr->c->name, '/');

    put_field(f, cr->c->name);
    if (n)
        fprintf(f, "/%zu", *n);
    fputc(',', f);
    put_field(f, cr->group);
    fputc(',', f);
    put_field(f, slash ? slash + 1 : cr->c->name);
    fputc(',', f);
    if (n)
        fprintf(f, "%zu", *n);
    fputc(',', f);
}

/* A row whose status is not "ok": every measured figure is empty. */
static void put_failed(FILE *f, const case_result *cr, const size_t *n,
                       const char *baseline, const char *why)
{
    put_key(f, cr, n);
    put_field(f, why);
    fputs(",,,,,,,,,,,,,,,", f); /* samples .. outliers */
    put_field(f, baseline);
    fputs(",,,", f); /* speedup, speedup_lo, speedup_hi */
    put_fit(f, cr);
}

static void put_point(FILE *f, const case_result *cr, const point_result *p,
                      const char *baseline)
{
    const bench_measurement *m = &p->m;

    put_key(f, cr, &p->n);
    fprintf(f, "ok,%zu,%" PRIu64, m->nsamples, m->number);
    put_num(f, m->wall.median);
    put_num(f, m->wall.ci_lo);
    put_num(f, m->wall.ci_hi);
    put_num(f, m->wall.mean);
    put_num(f, m->wall.stddev);
    put_num(f, m->wall.min);
    put_num(f, m->wall.max);
    put_num(f, m->wall.mad);
    put_num(f, m->cpu.median);
    put_num(f, m->overhead_ns);
    fprintf(f, ",%u,%zu,", m->disturbed, m->wall.outliers);
    put_field(f, baseline);
    if (p->has_ratio) {
        put_num(f, p->ratio.median);
        put_num(f, p->ratio.ci_lo);
        put_num(f, p->ratio.ci_hi);
    } else {
        fputs(",,,", f);
    }
    put_fit(f, cr);
}

int report_csv(FILE *f, const run_result *r)
{
    size_t ci, pi;

    if (!f || !r)
        return BENCH_EINVAL;
    fputs(header, f);
    for (ci = 0; ci < r->ncases; ci++) {
        const case_result *cr = &r->cases[ci];
        const char *baseline = cr->base >= 0 && (size_t)cr->base < r->ncases
                                   ? r->cases[cr->base].c->name : "";
        int nfailed = 0;
        for (pi = 0; pi < cr->npoints; pi++) {
            const point_result *p = &cr->pts[pi];
            if (p->status == BENCH_OK) {
                put_point(f, cr, p, baseline);
            } else if (p->status == BENCH_ENOENT) { /* interrupted before it */
                put_failed(f, cr, &p->n, baseline, "not measured");
            } else {
                put_failed(f, cr, &p->n, baseline,
                           p->why[0] ? p->why : bench_strerror(p->status));
                nfailed++;
            }
        }
        if (cr->failed && nfailed == 0)
            put_failed(f, cr, NULL, baseline, cr->why[0] ? cr->why : "failed");
    }
    if (fflush(f) != 0 || ferror(f))
        return BENCH_EIO;
    return BENCH_OK;
}
