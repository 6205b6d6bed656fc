/*
 * report_json.c - the run as Google Benchmark JSON (the layout of GB 1.7
 * with --benchmark_repetitions, json_schema_version 1), so its
 * tools/compare.py and dashboards that read GB output read ours. libbench's
 * own figures are extra keys, which those tools ignore. Schema: docs/json.md.
 *
 * Unlike GB, the file is always valid JSON: no NaN/Infinity (null instead)
 * and strings are valid UTF-8 whatever bytes a host name or message holds.
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "pool.h"
#include "present.h"
#include "report.h"

/* An object being written: one key per line at a fixed indent, as GB does. */
typedef struct obj {
    FILE *f;
    const char *indent;
    int nkeys;
} obj;

/* The body of a JSON string: quote, backslash and control characters
 * escaped, invalid UTF-8 bytes replaced by U+FFFD. */
static void put_chars(FILE *f, const char *str)
{
    const unsigned char *s = (const unsigned char *)str;

    while (*s) {
        size_t len = fmt_utf8_len(s);
        if (len == 0) {
            fputs("\\ufffd", f);
            s++;
        } else if (*s == '"' || *s == '\\') {
            fputc('\\', f);
            fputc(*s++, f);
        } else if (*s < 0x20) {
            fprintf(f, "\\u%04x", (unsigned)*s++);
        } else {
            fwrite(s, 1, len, f);
            s += len;
        }
    }
}

static void put_str(FILE *f, const char *s)
{
    fputc('"', f);
    put_chars(f, s ? s : "");
    fputc('"', f);
}

/* A finite double at full precision; null otherwise (never NaN). */
static void put_num(FILE *f, double x)
{
    char buf[40];
    fputs(isfinite(x) ? fmt_double(buf, sizeof buf, x) : "null", f);
}

static void key(obj *o, const char *k)
{
    fprintf(o->f, "%s%s\"%s\": ", o->nkeys++ ? ",\n" : "\n", o->indent, k);
}

static void kv_str(obj *o, const char *k, const char *v)
{
    key(o, k);
    put_str(o->f, v);
}

static void kv_num(obj *o, const char *k, double v)
{
    key(o, k);
    put_num(o->f, v);
}

static void kv_u64(obj *o, const char *k, uint64_t v)
{
    key(o, k);
    fprintf(o->f, "%" PRIu64, v);
}

static void kv_bool(obj *o, const char *k, int v)
{
    key(o, k);
    fputs(v ? "true" : "false", o->f);
}

static void write_context(FILE *f, const results *r)
{
    const result_context *c = &r->ctx;
    obj o = {f, "    ", 0};

    fputs("  \"context\": {", f);
    kv_str(&o, "date", c->date);
    kv_str(&o, "host_name", c->host);
    kv_str(&o, "executable", c->executable);
    kv_u64(&o, "num_cpus", c->num_cpus > 0 ? (uint64_t)c->num_cpus : 0);
    /* GB rounds to whole MHz and writes an integer. */
    kv_u64(&o, "mhz_per_cpu",
           c->mhz_per_cpu > 0 && c->mhz_per_cpu < 1e12 ? (uint64_t)(c->mhz_per_cpu + 0.5) : 0);
    kv_bool(&o, "cpu_scaling_enabled", c->cpu_scaling_enabled);
    key(&o, "caches"); /* result_context does not describe them (yet) */
    fputs("[]", f);
    key(&o, "load_avg");
    fputc('[', f);
    put_num(f, c->load_avg[0]);
    fputc(',', f);
    put_num(f, c->load_avg[1]);
    fputc(',', f);
    put_num(f, c->load_avg[2]);
    fputc(']', f);
    kv_str(&o, "library_build_type", "release");
    kv_str(&o, "library_version", BENCH_VERSION);
    kv_u64(&o, "json_schema_version", 1);
    kv_str(&o, "libbench_version", BENCH_VERSION);
    kv_num(&o, "clock_resolution_ns", c->clock_resolution_ns);
    kv_num(&o, "clock_read_ns", c->clock_read_ns);
    kv_num(&o, "overhead_ns", c->overhead_ns);
    kv_num(&o, "fixed_ns", c->fixed_ns);
    kv_bool(&o, "incomplete", r->incomplete);
    if (r->counted) { /* --instructions: the counters every entry carries */
        int e, n = 0;
        key(&o, "counted");
        fputc('[', f);
        for (e = 0; e < RESULT_NEVENTS; e++)
            if (r->counted & (1u << e)) {
                fputs(n++ ? "," : "", f);
                put_str(f, result_event_key((result_event)e));
            }
        fputc(']', f);
    }
    fputs("\n  },\n", f);
}

/* Opens a "benchmarks" entry and writes the keys every GB entry starts
 * with. name = case name, "/N" when n is given, then suffix; run_name is
 * the same without the suffix. rep < 0: an aggregate (no repetition_index). */
static obj begin_entry(FILE *f, int *nentries, const char *cname, const size_t *n,
                       const char *suffix, size_t family, size_t instance, uint64_t reps, long rep)
{
    obj o = {f, "      ", 0};
    char nbuf[32] = "";

    if (n)
        snprintf(nbuf, sizeof nbuf, "/%zu", *n);
    fputs((*nentries)++ ? ",\n    {" : "\n    {", f);
    key(&o, "name");
    fputc('"', f);
    put_chars(f, cname);
    fprintf(f, "%s%s\"", nbuf, suffix);
    key(&o, "family_index");
    fprintf(f, "%zu", family);
    key(&o, "per_family_instance_index");
    fprintf(f, "%zu", instance);
    key(&o, "run_name");
    fputc('"', f);
    put_chars(f, cname);
    fprintf(f, "%s\"", nbuf);
    kv_str(&o, "run_type", rep < 0 ? "aggregate" : "iteration");
    kv_u64(&o, "repetitions", reps);
    if (rep >= 0)
        kv_u64(&o, "repetition_index", (uint64_t)rep);
    kv_u64(&o, "threads", 1);
    return o;
}

static void end_entry(obj *o)
{
    fprintf(o->f, "\n    }");
}

static void times(obj *o, uint64_t iterations, double real, double cpu)
{
    kv_u64(o, "iterations", iterations);
    kv_num(o, "real_time", real);
    kv_num(o, "cpu_time", cpu);
    kv_str(o, "time_unit", "ns");
}

/* GB's aggregates, in its order. cv is stddev / mean as a fraction, 0
 * without spread (GB's value for one sample): compare.py does arithmetic
 * on every aggregate, so a null must not appear where GB writes a number. */
static const char *const agg_names[] = {"mean", "median", "stddev", "cv"};

static double agg_value(const bench_stats *s, size_t which)
{
    switch (which) {
    case 0: return s->mean;
    case 1: return s->median;
    case 2: return s->stddev;
    default: return s->n < 2 || s->stddev == 0 ? 0 : s->stddev / s->mean;
    }
}

/* The counters Google Benchmark writes when a benchmark calls
 * SetItemsProcessed / SetBytesProcessed: per second of the entry's time
 * per call. */
static void rates(obj *o, const result_point *p, double ns)
{
    double items = present_rate(p->items, ns), bytes = present_rate(p->bytes, ns);
    if (bytes > 0)
        kv_num(o, "bytes_per_second", bytes);
    if (items > 0)
        kv_num(o, "items_per_second", items);
}

/* "prefix_name": v. */
static void kv_prefixed(obj *o, const char *prefix, const char *name, double v)
{
    char key[32];
    snprintf(key, sizeof key, "%s_%s", prefix, name);
    kv_num(o, key, v);
}

/* The percentiles of a --latency summary under prefix: prefix_p50, _p90,
 * _p99, _p999, _max, then _min when asked, and _mean. */
static void percentiles(obj *o, const char *prefix, const result_latency *l, int with_min)
{
    kv_prefixed(o, prefix, "p50", l->p50);
    kv_prefixed(o, prefix, "p90", l->p90);
    kv_prefixed(o, prefix, "p99", l->p99);
    kv_prefixed(o, prefix, "p999", l->p999);
    kv_prefixed(o, prefix, "max", l->max);
    if (with_min)
        kv_prefixed(o, prefix, "min", l->min);
    kv_prefixed(o, prefix, "mean", l->mean);
}

/* --latency's figures, on the _median entry (docs/json.md). */
static void waits(obj *o, const result_latency *l)
{
    kv_u64(o, "wait_count", l->calls);
    percentiles(o, "wait", l, 0);
}

static void latency(obj *o, const result_latency *l)
{
    kv_u64(o, "latency_calls", l->calls);
    kv_u64(o, "latency_batch", l->batch);
    kv_u64(o, "latency_batch_min", l->batch_min ? l->batch_min : l->batch);
    kv_u64(o, "latency_timings", l->h.count);
    percentiles(o, "latency", l, 1);
}

/* One iteration entry per sample (compare.py pairs samples by repeated
 * names), then the aggregates; our figures ride on the _median one. */
static void write_point(FILE *f, int *ne, const results *r, size_t ci, size_t pi)
{
    const result_case *cr = &r->cases[ci];
    const result_point *p = &cr->pts[pi];
    const bench_measurement *m = &p->m;
    uint64_t reps = m->nsamples;
    size_t i, w = 0, wend[RESULT_MAX_WORKERS], nw = pool_workers(p, wend);
    int e;

    for (i = 0; m->samples && i < m->nsamples; i++) {
        obj o = begin_entry(f, ne, cr->name, &p->n, "", ci, pi, reps, (long)i);
        while (w + 1 < nw && i >= wend[w])
            w++;
        times(&o, p->nworkers ? p->wnumber[w] : m->number, m->samples[i],
              m->cpu_samples ? m->cpu_samples[i] : 0);
        rates(&o, p, m->samples[i]);
        kv_u64(&o, "n", p->n);
        kv_u64(&o, "worker", w); /* the worker process that took it */
        end_entry(&o);
    }
    for (i = 0; i < sizeof agg_names / sizeof agg_names[0]; i++) {
        char suffix[16];
        obj o;
        snprintf(suffix, sizeof suffix, "_%s", agg_names[i]);
        o = begin_entry(f, ne, cr->name, &p->n, suffix, ci, pi, reps, -1);
        kv_str(&o, "aggregate_name", agg_names[i]);
        kv_str(&o, "aggregate_unit", i == 3 ? "percentage" : "time");
        times(&o, reps, agg_value(&m->wall, i), agg_value(&m->cpu, i));
        if (i <= 1)
            rates(&o, p, agg_value(&m->wall, i));
        kv_u64(&o, "n", p->n);
        if (i == 1 && p->lat)
            latency(&o, p->lat);
        if (i == 1 && p->wait)
            waits(&o, p->wait);
        if (i == 1) {
            kv_num(&o, "ci_lo", m->wall.ci_lo);
            kv_num(&o, "ci_hi", m->wall.ci_hi);
            kv_num(&o, "mad", m->wall.mad);
            kv_num(&o, "overhead_ns", m->overhead_ns);
            kv_u64(&o, "disturbed", m->disturbed);
            kv_u64(&o, "outliers", m->wall.outliers);
            for (e = 0; e < RESULT_NPERF; e++) /* --counters, per call */
                if (p->perf_read & (1u << e))
                    kv_num(&o, result_perf_key((result_perf)e), p->perf[e]);
            if (p->has_ratio && result_baseline_name(r, cr)) {
                kv_num(&o, "speedup", p->ratio.median);
                kv_num(&o, "speedup_lo", p->ratio.ci_lo);
                kv_num(&o, "speedup_hi", p->ratio.ci_hi);
                kv_str(&o, "baseline", result_baseline_name(r, cr));
            }
        }
        end_entry(&o);
    }
}

/* A counted point: one iteration entry, its counts as GB user counters
 * (GB tools show them beside the times, which a counted run has none of:
 * 0). */
static void write_counted(FILE *f, int *ne, const results *r, size_t ci, size_t pi)
{
    const result_case *cr = &r->cases[ci];
    const result_point *p = &cr->pts[pi];
    obj o = begin_entry(f, ne, cr->name, &p->n, "", ci, pi, 1, 0);
    int e;

    times(&o, p->counts.calls, 0, 0);
    for (e = 0; e < RESULT_NEVENTS; e++)
        if (r->counted & (1u << e))
            kv_num(&o, result_event_key((result_event)e), p->counts.per_call[e]);
    kv_num(&o, "instructions_min", p->counts.ir_min);
    kv_num(&o, "instructions_max", p->counts.ir_max);
    kv_bool(&o, "deterministic", result_counts_exact(p));
    kv_u64(&o, "n", p->n);
    if (p->has_ratio && result_baseline_name(r, cr)) {
        kv_num(&o, "speedup", p->ratio.median);
        kv_str(&o, "baseline", result_baseline_name(r, cr));
    }
    end_entry(&o);
}

/* A failed size, as GB writes a benchmark that called SkipWithError. */
static void write_failed(FILE *f, int *ne, const result_case *cr, size_t ci, size_t pi)
{
    const result_point *p = &cr->pts[pi];
    obj o = begin_entry(f, ne, cr->name, &p->n, "", ci, pi, 1, 0);

    kv_bool(&o, "error_occurred", 1);
    kv_str(&o, "error_message", present_why(p));
    times(&o, 0, 0, 0);
    kv_u64(&o, "n", p->n);
    end_entry(&o);
}

/* GB's complexity spelling of each class. */
static const char *const gb_bigo[BENCH_BIGO_COUNT] = {
    "(1)", "lgN", "N", "NlgN", "N^2", "N^3",
};

/* The fit's coefficient is exp(mean(ln t - ln g(n))) over the points fitted
 * (run.c fits the medians of every measured size), so the CPU one is that
 * times exp(mean(ln cpu) - mean(ln t)): g(n) cancels. NaN (null) when CPU
 * time was not recorded or the points are not the ones fitted. */
static double cpu_coefficient(const result_case *cr)
{
    double sum = 0;
    size_t i, k = 0;

    for (i = 0; i < cr->npoints; i++) {
        const bench_measurement *m = &cr->pts[i].m;
        if (cr->pts[i].status != BENCH_OK)
            continue;
        if (!(m->wall.median > 0 && m->cpu.median > 0))
            return NAN;
        sum += log(m->cpu.median) - log(m->wall.median);
        k++;
    }
    return k == cr->fit.k && k > 0 ? cr->fit.coef * exp(sum / (double)k) : NAN;
}

static void write_fit(FILE *f, int *ne, const result_case *cr, size_t ci, int counted)
{
    const bench_fit_result *fit = &cr->fit;
    uint64_t reps = 0;
    size_t i;
    obj o;

    for (i = 0; i < cr->npoints; i++)
        if (cr->pts[i].status == BENCH_OK && cr->pts[i].m.nsamples > reps)
            reps = cr->pts[i].m.nsamples;
    if (counted)
        reps = 1;

    o = begin_entry(f, ne, cr->name, NULL, "_BigO", ci, 0, reps, -1);
    kv_str(&o, "aggregate_name", "BigO");
    kv_str(&o, "aggregate_unit", "time");
    kv_num(&o, "cpu_coefficient", counted ? NAN : cpu_coefficient(cr));
    kv_num(&o, "real_coefficient", fit->coef);
    kv_str(&o, "big_o", (unsigned)fit->bigo < BENCH_BIGO_COUNT ? gb_bigo[fit->bigo] : "?");
    kv_str(&o, "time_unit", "ns");
    if (counted) /* the coefficient is in instructions, not ns */
        kv_str(&o, "coefficient_unit", "instructions");
    kv_num(&o, "exponent", fit->slope);
    kv_num(&o, "exponent_lo", fit->slope_lo);
    kv_num(&o, "exponent_hi", fit->slope_hi);
    kv_num(&o, "r2", fit->r2);
    end_entry(&o);

    o = begin_entry(f, ne, cr->name, NULL, "_RMS", ci, 0, reps, -1);
    kv_str(&o, "aggregate_name", "RMS");
    kv_str(&o, "aggregate_unit", "percentage");
    kv_num(&o, "rms", fit->rms);
    end_entry(&o);
}

/* The notes the table shows, after the benchmarks: GB's tools ignore the
 * extra key. */
static void write_notes(FILE *f, const results *r)
{
    present_note notes[BENCH_MAX_SIZES * 4 + 32];
    size_t g, i, n, count = 0;

    fputs(",\n  \"notes\": [", f);
    for (g = 0; g <= r->ngroups; g++) {
        n = g == 0 ? present_run_notes(r, notes, PRESENT_RUN_NOTES)
                   : present_group_notes(r, g - 1, notes, sizeof notes / sizeof notes[0]);
        for (i = 0; i < n; i++) {
            obj o = {f, "      ", 0};
            fputs(count++ ? ",\n    {" : "\n    {", f);
            key(&o, "group");
            if (notes[i].group)
                put_str(f, notes[i].group);
            else
                fputs("null", f);
            kv_str(&o, "text", notes[i].text);
            fputs("\n    }", f);
        }
    }
    fputs(count ? "\n  ]" : "]", f);
}

/* With --compare, the verdicts: one object per row, and the counts. */
static void write_comparison(FILE *f, const report_opts *ro)
{
    const compare_result *c = ro->compare;
    obj top = {f, "    ", 0}, counts = {f, "      ", 0};
    size_t i;

    fputs(",\n  \"comparison\": {", f);
    kv_str(&top, "baseline", ro->baseline);
    kv_num(&top, "threshold", ro->threshold);
    if (c->counted)
        kv_str(&top, "compared", "instructions");
    else
        kv_num(&top, "alpha", COMPARE_ALPHA);
    key(&top, "counts");
    fputc('{', f);
    for (i = 0; i < 5; i++)
        kv_u64(&counts, report_verdict_name((verdict)i), c->counts[i]);
    fputs("\n    }", f);
    key(&top, "rows");
    fputc('[', f);
    for (i = 0; i < c->nrows; i++) {
        const compare_row *row = &c->rows[i];
        int known = row->v != V_NEW && row->v != V_MISSING;
        obj o = {f, "        ", 0};
        fputs(i ? ",\n      {" : "\n      {", f);
        kv_str(&o, "name", row->name);
        kv_str(&o, "verdict", report_verdict_name(row->v));
        kv_num(&o, "old_median", row->v == V_NEW ? NAN : row->old_median);
        kv_num(&o, "new_median", row->v == V_MISSING ? NAN : row->new_median);
        kv_num(&o, "change", known ? row->change : NAN);
        kv_num(&o, "change_lo", known ? row->change_lo : NAN);
        kv_num(&o, "change_hi", known ? row->change_hi : NAN);
        kv_num(&o, "p_value", known && !c->counted ? row->p_value : NAN);
        if (known && !c->counted)
            kv_bool(&o, "between_processes", row->between);
        fputs("\n      }", f);
    }
    fputs(c->nrows ? "\n    ]\n  }" : "]\n  }", f);
}

int report_json(FILE *f, const results *r, const report_opts *o)
{
    int ne = 0;
    size_t ci, pi;

    if (!f || !r)
        return BENCH_EINVAL;
    fputs("{\n", f);
    write_context(f, r);
    fputs("  \"benchmarks\": [", f);
    for (ci = 0; ci < r->ncases; ci++) {
        const result_case *cr = &r->cases[ci];
        for (pi = 0; pi < cr->npoints; pi++) {
            present_status st = present_status_of(&cr->pts[pi]);
            if (st == PRESENT_OK && r->counted)
                write_counted(f, &ne, r, ci, pi);
            else if (st == PRESENT_OK)
                write_point(f, &ne, r, ci, pi);
            else if (st != PRESENT_NOT_MEASURED)
                write_failed(f, &ne, cr, ci, pi);
        }
        if (cr->has_fit)
            write_fit(f, &ne, cr, ci, r->counted != 0);
    }
    fputs(ne ? "\n  ]" : "]", f);
    write_notes(f, r);
    if (o && o->compare)
        write_comparison(f, o);
    fputs("\n}\n", f);
    if (fflush(f) != 0 || ferror(f))
        return BENCH_EIO;
    return BENCH_OK;
}
