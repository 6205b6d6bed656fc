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

/* Figures near the loop's own cost: the correction assumes the loop adds
 * to the function's time, and a core that runs a cheap function in the
 * loop's shadow breaks that (docs/measurement.md). */
static void loop_note(note_list *l, const results *r, const result_group *g)
{
    char names[160] = "", a[32], b[32], *t;
    size_t used = 0, i, s;
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
        if (low && used < sizeof names) {
            int w = snprintf(names + used, sizeof names - used, "%s%s", used ? ", " : "",
                             present_short_name(c->name));
            used += w > 0 ? (size_t)w : 0;
        }
    }
    if (used >= sizeof names) /* the list was cut: say so, not silently */
        memcpy(names + sizeof names - 6, ", ...", 6);
    if (loop > 0 && (t = add(l)))
        snprintf(t, sizeof l->out->text,
                 "%s: under %s a call, twice the timing loop's own cost (%s, subtracted); a core "
                 "that overlaps a cheap function with the loop makes such figures read low by up "
                 "to that cost",
                 names, fmt_time(a, sizeof a, PRESENT_LOOP_NOTE * loop, 1),
                 fmt_time(b, sizeof b, loop, 1));
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
    fit_notes(&l, r, &r->groups[g]);
    return l.n;
}
