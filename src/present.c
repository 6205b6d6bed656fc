/*
 * present.c - the rules every renderer shares (present.h).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fmt.h"
#include "present.h"

double present_half_width(const bench_stats *s)
{
    return fmax(s->median - s->ci_lo, s->ci_hi - s->median);
}

char *present_ci(char *buf, size_t size, const bench_stats *s)
{
    double med = s->median, half = present_half_width(s);
    char t[32];

    const char *mark = s->n < PRESENT_FEW_SAMPLES ? PRESENT_FEW_MARK : "";

    if (s->n < 2)
        snprintf(buf, size, "\xc2\xb1?");
    else if (med >= 1.0 && half / med < 10)
        snprintf(buf, size, "\xc2\xb1%.1f%%%s", 100 * half / med, mark);
    else
        snprintf(buf, size, "\xc2\xb1%s%s", fmt_time(t, sizeof t, half, 1), mark);
    return buf;
}

char *present_exponent(char *buf, size_t size, const bench_fit_result *fit)
{
    snprintf(buf, size, "%.2f \xc2\xb1%.2f", fit->slope,
             fmax(fit->slope - fit->slope_lo, fit->slope_hi - fit->slope));
    return buf;
}

const char *present_short_name(const char *name)
{
    const char *slash = strchr(name, '/');
    return slash ? slash + 1 : name;
}

present_status present_status_of(const result_point *p)
{
    switch (p->status) {
    case BENCH_OK: return PRESENT_OK;
    case BENCH_EINTR: return PRESENT_INTERRUPTED;
    case BENCH_ENOENT: return PRESENT_NOT_MEASURED;
    default: return PRESENT_FAILED;
    }
}

const char *present_why(const result_point *p)
{
    if (p->status == BENCH_ENOENT)
        return "not measured";
    return p->why[0] ? p->why : bench_strerror(p->status);
}

size_t present_group_sizes(const results *r, const result_group *g, size_t *sizes, size_t cap)
{
    size_t i, j, s, n = 0;
    for (i = g->first; i < g->end; i++)
        for (j = 0; j < r->cases[i].npoints; j++) {
            size_t v = r->cases[i].pts[j].n;
            for (s = 0; s < n && sizes[s] != v; s++)
                ;
            if (s == n && n < cap)
                sizes[n++] = v;
        }
    for (s = 1; s < n; s++)
        for (j = s; j > 0 && sizes[j - 1] > sizes[j]; j--) {
            size_t t = sizes[j];
            sizes[j] = sizes[j - 1];
            sizes[j - 1] = t;
        }
    return n;
}

size_t present_run_notes(const results *r, present_note *out, size_t cap)
{
    size_t n = 0;
    if (n < cap && r->counted) {
        out[n].group = NULL;
        snprintf(out[n++].text, sizeof out->text,
                 "instructions per call of run, counted by Valgrind's Callgrind beyond an empty "
                 "function's call: exact, whatever the machine's load; " PRESENT_INEXACT_MARK
                 " marks a mean over counted calls that differed");
    } else if (n < cap && r->ctx.load_avg[0] > PRESENT_LOAD_NOTE * r->ctx.num_cpus) {
        out[n].group = NULL;
        snprintf(out[n++].text, sizeof out->text,
                 "load average %.2f on %d CPUs: other work competes for the CPU, expect noisier "
                 "numbers",
                 r->ctx.load_avg[0], r->ctx.num_cpus);
    }
    if (n < cap && r->perf_asked && r->perf_hw_errno) {
        out[n].group = NULL;
        snprintf(out[n++].text, sizeof out->text,
                 "--counters: the kernel refused the hardware counters (perf_event_open: %s; a "
                 "virtual machine without a PMU, or kernel.perf_event_paranoid), so there are no "
                 "instructions, cycles or branch misses; the software counters are shown",
                 strerror(r->perf_hw_errno));
    }
    return n;
}

/* The notes of one group, added in a fixed order. */
typedef struct note_list {
    present_note *out;
    size_t n, cap;
    const char *group;
} note_list;

static char *add(note_list *l)
{
    if (l->n == l->cap)
        return NULL;
    l->out[l->n].group = l->group;
    return l->out[l->n++].text;
}

/* The CPU's speed changed under a size: one note per size, the variants
 * share it. */
static void drift_notes(note_list *l, const results *r, const result_group *g)
{
    size_t sizes[BENCH_MAX_SIZES * 4], ns = present_group_sizes(r, g, sizes, BENCH_MAX_SIZES * 4);
    size_t i, s;
    char *t;

    for (s = 0; s < ns; s++)
        for (i = g->first; i < g->end; i++) {
            const result_point *p = result_point_at(&r->cases[i], sizes[s]);
            if (p && p->status == BENCH_OK && fabs(p->drift) > PRESENT_DRIFT_NOTE) {
                if ((t = add(l)))
                    snprintf(t, sizeof l->out->text,
                             "at N=%zu a reference loop ran %.0f%% %s after the measurement than "
                             "before: the CPU speed changed (frequency scaling, throttling or a "
                             "busy sibling core)",
                             sizes[s], 100 * fabs(p->drift), p->drift > 0 ? "slower" : "faster");
                break;
            }
        }
}

static void wide_note(note_list *l, const results *r, const result_group *g)
{
    double widest = 0;
    size_t i, s;
    char *t;

    for (i = g->first; i < g->end; i++)
        for (s = 0; s < r->cases[i].npoints; s++) {
            const result_point *p = &r->cases[i].pts[s];
            double med = p->m.wall.median;
            if (p->status == BENCH_OK && med >= 1.0)
                widest = fmax(widest, present_half_width(&p->m.wall) / med);
        }
    if (widest > PRESENT_WIDE_NOTE && (t = add(l)))
        snprintf(t, sizeof l->out->text,
                 "intervals up to \xc2\xb1%.0f%%: the machine was busy or the case is noisy; "
                 "re-run, or give it more time (--min-time)",
                 100 * widest);
}

/* Intervals from too few samples: those marked PRESENT_FEW_MARK (from 2
 * to PRESENT_FEW_SAMPLES - 1 samples, [min, max]) and those shown "±?"
 * (one sample, no interval at all). */
static void few_samples_note(note_list *l, const results *r, const result_group *g)
{
    int marked = 0, single = 0;
    size_t i, s;
    char *t;

    for (i = g->first; i < g->end; i++)
        for (s = 0; s < r->cases[i].npoints; s++) {
            const result_point *p = &r->cases[i].pts[s];
            if (p->status != BENCH_OK || p->m.wall.n >= PRESENT_FEW_SAMPLES)
                continue;
            single |= p->m.wall.n < 2;
            marked |= p->m.wall.n >= 2;
        }
    if (!(marked || single) || !(t = add(l)))
        return;
    if (marked)
        snprintf(t, sizeof l->out->text,
                 "%s: fewer than %d samples, so the interval (and a speedup's at that size) is "
                 "[min, max] and covers less than 95%%%s; take at least %d (-r %d) for a 95%% "
                 "interval",
                 PRESENT_FEW_MARK, PRESENT_FEW_SAMPLES,
                 single ? " (\xc2\xb1?: a single sample, no interval at all)" : "",
                 PRESENT_FEW_SAMPLES, PRESENT_FEW_SAMPLES);
    else
        snprintf(t, sizeof l->out->text,
                 "\xc2\xb1?: a single sample, so no interval at all; take at least %d (-r %d) for "
                 "a 95%% interval",
                 PRESENT_FEW_SAMPLES, PRESENT_FEW_SAMPLES);
}

/* The short names of the cases a note is about, ", "-separated, ending in
 * ", ..." when they do not all fit, not silently. */
typedef struct name_list {
    char s[160];
    size_t used;
} name_list;

static void name_add(name_list *n, const char *case_name)
{
    int w;
    if (n->used >= sizeof n->s)
        return;
    w = snprintf(n->s + n->used, sizeof n->s - n->used, "%s%s", n->used ? ", " : "",
                 present_short_name(case_name));
    n->used += w > 0 ? (size_t)w : 0;
}

static const char *name_text(name_list *n)
{
    if (n->used >= sizeof n->s)
        memcpy(n->s + sizeof n->s - 6, ", ...", 6);
    return n->s;
}

/* Figures near the loop's own cost: the correction assumes the loop adds
 * to the function's time, and a core that runs a cheap function in the
 * loop's shadow breaks that (docs/measurement.md). */
static void loop_note(note_list *l, const results *r, const result_group *g)
{
    name_list names = {"", 0};
    char a[32], b[32], *t;
    size_t i, s;
    double loop = 0;

    for (i = g->first; i < g->end; i++) {
        const result_case *c = &r->cases[i];
        int low = 0;
        for (s = 0; s < c->npoints; s++) {
            const result_point *p = &c->pts[s];
            if (p->status == BENCH_OK && p->m.overhead_ns > 0 &&
                p->m.wall.median < PRESENT_LOOP_NOTE * p->m.overhead_ns) {
                low = 1;
                loop = fmax(loop, p->m.overhead_ns);
            }
        }
        if (low)
            name_add(&names, c->name);
    }
    if (loop > 0 && (t = add(l)))
        snprintf(t, sizeof l->out->text,
                 "%s: under %s a call, twice the timing loop's own cost (%s, subtracted); a core "
                 "that overlaps a cheap function with the loop makes such figures read low by up "
                 "to that cost",
                 name_text(&names), fmt_time(a, sizeof a, PRESENT_LOOP_NOTE * loop, 1),
                 fmt_time(b, sizeof b, loop, 1));
}

/* Cases whose worker processes disagree beyond their own intervals: the
 * figure depends on the process (placement), and the interval carries it
 * (docs/measurement.md, "Placement"). */
static void spread_note(note_list *l, const results *r, const result_group *g)
{
    name_list names = {"", 0};
    char *t;
    size_t i, s;
    double most = 0;

    for (i = g->first; i < g->end; i++) {
        const result_case *c = &r->cases[i];
        double wide = 0;
        for (s = 0; s < c->npoints; s++)
            if (c->pts[s].status == BENCH_OK)
                wide = fmax(wide, c->pts[s].spread);
        if (wide > PRESENT_SPREAD_NOTE)
            name_add(&names, c->name);
        most = fmax(most, wide);
    }
    if (names.used > 0 && (t = add(l)))
        snprintf(t, sizeof l->out->text,
                 "%s: the worker processes disagree beyond their own intervals (up to %.0f%% "
                 "apart): the machine's speed changed between them, or the figure depends on "
                 "where a process put its code, stack and heap (-falign-functions=64 pins the "
                 "code's part); the interval includes it",
                 name_text(&names), 100 * most);
}

static void fit_notes(note_list *l, const results *r, const result_group *g)
{
    size_t i;
    char *t;
    for (i = g->first; i < g->end; i++) {
        const result_case *c = &r->cases[i];
        if (c->fit_floor && (t = add(l)))
            snprintf(t, sizeof l->out->text,
                     "%s: below resolution: at every size the time is at the noise floor (a "
                     "median at or below 0 ns, or an interval reaching 0), so no growth can be "
                     "seen; shown as O(1)",
                     c->name);
        else if (c->has_fit && c->fit.k >= PRESENT_FIT_NOTE_SIZES &&
                 c->fit.rms > PRESENT_FIT_NOTE && (t = add(l)))
            snprintf(t, sizeof l->out->text,
                     "%s: no class fits well (%s is off by %.0f%% rms): the growth rate changes "
                     "across the sizes (a cache boundary?)",
                     c->name, bench_bigo_name(c->fit.bigo), 100 * c->fit.rms);
    }
}

/* --latency with too few timings for the tail: p99.9 of fewer than 1000
 * is one of the largest few. */
static void few_timings_note(note_list *l, const results *r, const result_group *g)
{
    size_t i, s, few = 0;
    uint64_t least = 0;
    char *t;

    for (i = g->first; i < g->end; i++)
        for (s = 0; s < r->cases[i].npoints; s++) {
            const result_point *p = &r->cases[i].pts[s];
            if (p->status != BENCH_OK || !p->lat || p->lat->h.count >= PRESENT_FEW_TIMINGS)
                continue;
            if (few++ == 0 || p->lat->h.count < least)
                least = p->lat->h.count;
        }
    if (few == 0 || !(t = add(l)))
        return;
    snprintf(t, sizeof l->out->text,
             "latency: %zu point%s had fewer than %d timings (the fewest %llu), so p99.9 there is "
             "among the few largest, not a 1-in-1000 figure; a longer --min-time takes more",
             few, few == 1 ? "" : "s", PRESENT_FEW_TIMINGS, (unsigned long long)least);
}

/* Counted calls that executed different numbers of instructions: the
 * work is not the same from call to call, which a count must not hide. */
static void inexact_notes(note_list *l, const results *r, const result_group *g)
{
    char a[32], b[32], *t;
    size_t i, s;

    for (i = g->first; i < g->end; i++)
        for (s = 0; s < r->cases[i].npoints; s++) {
            const result_point *p = &r->cases[i].pts[s];
            if (p->status != BENCH_OK || result_counts_exact(p) || !(t = add(l)))
                continue;
            snprintf(t, sizeof l->out->text,
                     "%s at N=%zu: not deterministic: its %u counted calls ran from %s to %s "
                     "instructions (state kept between calls, randomness, or a path that "
                     "depends on time); the mean is shown, marked " PRESENT_INEXACT_MARK,
                     r->cases[i].name, p->n, p->counts.calls,
                     fmt_count(a, sizeof a, p->counts.ir_min),
                     fmt_count(b, sizeof b, p->counts.ir_max));
            break; /* one note per case */
        }
}

size_t present_group_notes(const results *r, size_t g, present_note *out, size_t cap)
{
    note_list l;
    l.out = out;
    l.n = 0;
    l.cap = cap;
    l.group = r->groups[g].name;
    if (r->counted) {
        inexact_notes(&l, r, &r->groups[g]);
        fit_notes(&l, r, &r->groups[g]);
        return l.n;
    }
    drift_notes(&l, r, &r->groups[g]);
    wide_note(&l, r, &r->groups[g]);
    few_samples_note(&l, r, &r->groups[g]);
    loop_note(&l, r, &r->groups[g]);
    spread_note(&l, r, &r->groups[g]);
    fit_notes(&l, r, &r->groups[g]);
    few_timings_note(&l, r, &r->groups[g]);
    return l.n;
}

double present_rate(double per_call, double ns)
{
    return per_call > 0 && ns > 0 ? per_call * 1e9 / ns : 0;
}

/* v with an SI prefix and 3 significant digits: "812 ", "1.23 M". */
static char *si(char *buf, size_t size, double v, const char *space)
{
    static const char *const pre[] = {"", "k", "M", "G", "T", "P"};
    int u = 0;
    while (u < 5 && v >= 999.5) {
        v /= 1000;
        u++;
    }
    snprintf(buf, size, "%.*f%s%s", v >= 99.95 ? 0 : v >= 9.995 ? 1 : 2, v, space, pre[u]);
    return buf;
}

char *present_throughput(char *buf, size_t size, const result_point *p)
{
    char a[32], b[32];
    double bytes, items;
    buf[0] = 0;
    if (present_status_of(p) != PRESENT_OK)
        return buf;
    bytes = present_rate(p->bytes, p->m.wall.median);
    items = present_rate(p->items, p->m.wall.median);
    if (bytes > 0)
        si(a, sizeof a, bytes, " ");
    if (items > 0)
        si(b, sizeof b, items, "");
    if (bytes > 0 && items > 0)
        snprintf(buf, size, "%sB/s, %s items/s", a, b);
    else if (bytes > 0)
        snprintf(buf, size, "%sB/s", a);
    else if (items > 0)
        snprintf(buf, size, "%s items/s", b);
    return buf;
}

/* A count: exact below 10000, else "45.8k", "7.71M". */
static char *count(char *buf, size_t size, uint64_t n)
{
    if (n < 10000)
        snprintf(buf, size, "%llu", (unsigned long long)n);
    else
        si(buf, size, (double)n, "");
    return buf;
}

char *present_latency_how(char *buf, size_t size, const result_latency *lat)
{
    char n[32], t[32], c[32], b[48];
    count(n, sizeof n, lat->calls);
    count(t, sizeof t, lat->h.count);
    if (lat->batch_min > 0 && lat->batch_min < lat->batch)
        snprintf(b, sizeof b, "%llu to %llu", (unsigned long long)lat->batch_min,
                 (unsigned long long)lat->batch); /* worker processes chose apart */
    else
        snprintf(b, sizeof b, "%llu", (unsigned long long)lat->batch);
    if (lat->batch <= 1)
        snprintf(buf, size, "%s calls, timed one by one", n);
    else
        snprintf(buf, size,
                 "%s calls, timed %s at a time (%s timings, each counted as its time over "
                 "its calls): the smallest batch whose clock readings (%s) cost at most 5%% of it",
                 n, b, t, fmt_time(c, sizeof c, lat->clock_ns, 1));
    return buf;
}

size_t present_latency_bins(const result_latency *lat, present_bin *out, size_t cap)
{
    const hist *h = &lat->h;
    int k0, k1, per = 1, k;
    size_t n = 0;

    if (h->count == 0 || cap == 0)
        return 0;
    k0 = h->min >= ldexp(1, HIST_KMIN) ? (int)floor(log2(h->min)) : HIST_KMIN;
    k1 = h->max >= ldexp(1, HIST_KMIN) ? (int)floor(log2(h->max)) : HIST_KMIN;
    if (k1 > HIST_KMAX)
        k1 = HIST_KMAX;
    if (k0 > k1)
        k0 = k1;
    while ((size_t)((k1 - k0) / per + 1) > cap)
        per *= 2;
    for (k = k0; k <= k1; k += per) {
        out[n].lo = k == HIST_KMIN ? 0 : ldexp(1, k);
        out[n].hi = ldexp(1, k + per);
        out[n].count = hist_count_in(h, out[n].lo, out[n].hi);
        n++;
    }
    return n;
}
