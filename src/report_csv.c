/*
 * report_csv.c - the run as CSV (RFC 4180): a header line, then one row per
 * case and size, times in ns at full precision. Columns: docs/csv.md.
 */
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "present.h"
#include "report.h"

static const char header[] = "name,group,case,n,status,samples,number,median_ns,ci_lo_ns,ci_hi_ns,"
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

/* With --compare, six more columns (docs/csv.md). */
static const char compare_header[] =
    ",baseline_median_ns,change,change_lo,change_hi,p_value,verdict";

/* The columns from exponent on: the case's fit, repeated on each row so a
 * row stands alone. */
static void put_fit(FILE *f, const result_case *cr)
{
    if (!cr->has_fit) {
        fputs(",,,,,", f);
        return;
    }
    put_num(f, cr->fit.slope);
    put_num(f, cr->fit.slope_lo);
    put_num(f, cr->fit.slope_hi);
    fputc(',', f);
    put_field(f, bench_bigo_name(cr->fit.bigo));
    put_num(f, cr->fit.r2);
}

/* In a counted run (--instructions), more columns after r2: the counted
 * calls, the instructions per call, the fewest and most of one call, if
 * they were all the same, then each other event counted (docs/csv.md). */
static void put_counted_header(FILE *f, const results *r)
{
    int e;
    if (!r->counted)
        return;
    fputs(",calls,instructions,instructions_min,instructions_max,deterministic", f);
    for (e = RESULT_IR + 1; e < RESULT_NEVENTS; e++)
        if (r->counted & (1u << e))
            fprintf(f, ",%s", result_event_key((result_event)e));
}

/* Those columns of point p; empty when p is NULL (not counted). */
static void put_counts(FILE *f, const results *r, const result_point *p)
{
    int e;
    if (!r->counted)
        return;
    if (p) {
        fprintf(f, ",%u", p->counts.calls);
        put_num(f, p->counts.per_call[RESULT_IR]);
        put_num(f, p->counts.ir_min);
        put_num(f, p->counts.ir_max);
        fputs(result_counts_exact(p) ? ",true" : ",false", f);
    } else {
        fputs(",,,,,", f);
    }
    for (e = RESULT_IR + 1; e < RESULT_NEVENTS; e++)
        if (r->counted & (1u << e))
            put_num(f, p ? p->counts.per_call[e] : NAN);
}

/* With --counters, a column per counter after those (docs/csv.md), per
 * call; empty where it was not read. */
static void put_perf_header(FILE *f, const results *r)
{
    int e;
    for (e = 0; r->perf_asked && e < RESULT_NPERF; e++)
        fprintf(f, ",%s", result_perf_key((result_perf)e));
}

static void put_perf(FILE *f, const results *r, const result_point *p)
{
    int e;
    for (e = 0; r->perf_asked && e < RESULT_NPERF; e++)
        put_num(f, p && (p->perf_read & (1u << e)) ? p->perf[e] : NAN);
}

/* The comparison columns of a row (empty when it has no comparison), and
 * the end of the row. */
static void put_compare(FILE *f, const report_opts *o, const compare_row *row)
{
    if (o && o->compare && row) {
        int known = row->v != V_NEW && row->v != V_MISSING;
        put_num(f, row->v == V_NEW ? NAN : row->old_median);
        put_num(f, known ? row->change : NAN);
        put_num(f, known ? row->change_lo : NAN);
        put_num(f, known ? row->change_hi : NAN);
        put_num(f, known ? row->p_value : NAN);
        fputc(',', f);
        put_field(f, report_verdict_name(row->v));
    } else if (o && o->compare) {
        fputs(",,,,,,", f);
    }
}

/* Throughput and --latency columns, after the comparison's, when some
 * point of the run has them (docs/csv.md). */
static const char rate_header[] = ",items_per_second,bytes_per_second";
static const char latency_header[] =
    ",latency_calls,latency_batch,latency_timings,latency_p50_ns,latency_p90_ns,"
    "latency_p99_ns,latency_p999_ns,latency_max_ns";

static const char wait_header[] = ",wait_count,wait_p50_ns,wait_p90_ns,wait_p99_ns,wait_max_ns";

typedef struct extras {
    int rates, latency, wait;
} extras;

static extras extras_of(const results *r)
{
    extras x = {0, 0, 0};
    size_t ci, pi;
    for (ci = 0; ci < r->ncases; ci++)
        for (pi = 0; pi < r->cases[ci].npoints; pi++) {
            const result_point *p = &r->cases[ci].pts[pi];
            x.rates |= p->items > 0 || p->bytes > 0;
            x.latency |= p->status == BENCH_OK && p->lat != NULL;
            x.wait |= p->status == BENCH_OK && p->wait != NULL;
        }
    return x;
}

/* The extra columns of a row (p NULL or not measured: empty), and the end
 * of the row. */
static void put_extras(FILE *f, const extras *x, const result_point *p)
{
    int ok = p && p->status == BENCH_OK;
    if (x->rates && ok) {
        put_num(f, p->items > 0 ? present_rate(p->items, p->m.wall.median) : NAN);
        put_num(f, p->bytes > 0 ? present_rate(p->bytes, p->m.wall.median) : NAN);
    } else if (x->rates) {
        fputs(",,", f);
    }
    if (x->latency && ok && p->lat) {
        const result_latency *l = p->lat;
        fprintf(f, ",%" PRIu64 ",%" PRIu64 ",%" PRIu64, l->calls, l->batch, l->h.count);
        put_num(f, l->p50);
        put_num(f, l->p90);
        put_num(f, l->p99);
        put_num(f, l->p999);
        put_num(f, l->max);
    } else if (x->latency) {
        fputs(",,,,,,,,", f);
    }
    if (x->wait && ok && p->wait) {
        fprintf(f, ",%" PRIu64, p->wait->calls);
        put_num(f, p->wait->p50);
        put_num(f, p->wait->p90);
        put_num(f, p->wait->p99);
        put_num(f, p->wait->max);
    } else if (x->wait) {
        fputs(",,,,,", f);
    }
    fputc('\n', f);
}

/* The comparison row of a measured point: the rows follow the measured
 * points in order (compare_run), so a cursor finds each. */
static const compare_row *next_row(const report_opts *o, size_t *cursor, const char *name, size_t n)
{
    const compare_row *row;
    char want[32];
    size_t len = strlen(name);

    if (!o || !o->compare || *cursor >= o->compare->nrows)
        return NULL;
    row = &o->compare->rows[*cursor];
    snprintf(want, sizeof want, "/%zu", n);
    if (strncmp(row->name, name, len) != 0 || strcmp(row->name + len, want) != 0)
        return NULL;
    ++*cursor;
    return row;
}

/* A row for each baseline entry the run did not measure. */
static void put_missing(FILE *f, const results *r, const report_opts *o, const extras *x)
{
    size_t i;
    for (i = 0; o && o->compare && i < o->compare->nrows; i++) {
        const compare_row *row = &o->compare->rows[i];
        if (row->v != V_MISSING)
            continue;
        put_field(f, row->name);
        fputs(",,,,missing,,,,,,,,,,,,,,,,,,,,,,,", f); /* group .. r2 */
        put_counts(f, r, NULL);
        put_perf(f, r, NULL);
        put_compare(f, o, row);
        put_extras(f, x, NULL);
    }
}

/* name,group,case,n */
static void put_key(FILE *f, const results *r, const result_case *cr, size_t n)
{
    put_field(f, cr->name);
    fprintf(f, "/%zu,", n);
    put_field(f, r->groups[cr->group].name);
    fputc(',', f);
    put_field(f, present_short_name(cr->name));
    fprintf(f, ",%zu,", n);
}

/* A row whose status is not "ok": every measured figure is empty. */
static void put_failed(FILE *f, const results *r, const result_case *cr, size_t n,
                       const char *baseline, const char *why)
{
    put_key(f, r, cr, n);
    put_field(f, why);
    fputs(",,,,,,,,,,,,,,,", f); /* samples .. outliers */
    put_field(f, baseline);
    fputs(",,,", f); /* speedup, speedup_lo, speedup_hi */
    put_fit(f, cr);
}

static void put_point(FILE *f, const results *r, const result_case *cr, const result_point *p,
                      const char *baseline)
{
    const bench_measurement *m = &p->m;

    put_key(f, r, cr, p->n);
    if (r->counted)
        fprintf(f, "ok,1,%u", p->counts.calls);
    else
        fprintf(f, "ok,%zu,%" PRIu64, m->nsamples, m->number);
    if (r->counted) { /* no times: the counts follow the fit */
        fprintf(f, ",,,,,,,,,,,,");
        goto baseline;
    }
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
    fprintf(f, ",%u,%zu", m->disturbed, m->wall.outliers);
baseline:
    fputc(',', f);
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

int report_csv(FILE *f, const results *r, const report_opts *o)
{
    size_t ci, pi, cursor = 0;
    extras x;

    if (!f || !r)
        return BENCH_EINVAL;
    x = extras_of(r);
    fwrite(header, 1, sizeof header - 2, f); /* without its line end */
    put_counted_header(f, r);
    put_perf_header(f, r);
    fprintf(f, "%s%s%s%s\n", o && o->compare ? compare_header : "", x.rates ? rate_header : "",
            x.latency ? latency_header : "", x.wait ? wait_header : "");
    for (ci = 0; ci < r->ncases; ci++) {
        const result_case *cr = &r->cases[ci];
        const char *baseline = result_baseline_name(r, cr);
        for (pi = 0; pi < cr->npoints; pi++) {
            const result_point *p = &cr->pts[pi];
            if (p->status == BENCH_OK) {
                put_point(f, r, cr, p, baseline ? baseline : "");
                put_counts(f, r, p);
                put_perf(f, r, p);
                put_compare(f, o, next_row(o, &cursor, cr->name, p->n));
            } else {
                put_failed(f, r, cr, p->n, baseline ? baseline : "", present_why(p));
                put_counts(f, r, NULL);
                put_perf(f, r, NULL);
                put_compare(f, o, NULL);
            }
            put_extras(f, &x, p);
        }
    }
    put_missing(f, r, o, &x);
    if (fflush(f) != 0 || ferror(f))
        return BENCH_EIO;
    return BENCH_OK;
}
