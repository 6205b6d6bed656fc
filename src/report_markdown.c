/*
 * report_markdown.c - the run as a GitHub-flavoured markdown table, to
 * paste into a pull request: one row per case and size, times scaled to 3
 * significant digits, each with its uncertainty.
 */
#include <string.h>

#include "fmt.h"
#include "present.h"
#include "report.h"

/* A cell's text: '|' would end the cell and a line break the row; other
 * control bytes (a name read from a baseline file) are written escaped. */
static void put_cell(FILE *f, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '|')
            fputs("\\|", f);
        else if (c == '\n' || c == '\r')
            fputc(' ', f);
        else if (c < 0x20 || c == 0x7f)
            fprintf(f, "\\x%02x", c);
        else
            fputc(c, f);
    }
}

/* "2.00 ±0.03 O(N^2)": the exponent and its 95% interval as ± its longer
 * side, as the table shows it ("-0.10 (-0.12–-0.07)" would be unreadable). */
static void put_exponent(FILE *f, const result_case *c)
{
    char e[48];
    if (c->has_fit)
        fprintf(f, "%s %s", present_exponent(e, sizeof e, &c->fit), bench_bigo_name(c->fit.bigo));
}

/* A row's first two cells: the case (on its first size only) and N. */
static void put_key(FILE *f, const result_case *cr, size_t pi, size_t n)
{
    fputs("| ", f);
    if (pi == 0) {
        fputc('`', f);
        put_cell(f, cr->name);
        fputc('`', f);
    }
    fprintf(f, " | %zu | ", n);
}

/* One row; the case name and its exponent only on its first row, so each
 * case reads as a block. */
static void put_row(FILE *f, const results *r, size_t ci, size_t pi, const char *why)
{
    const result_case *cr = &r->cases[ci];
    const result_point *p = &cr->pts[pi];
    char t[32], a[32], b[32], c[32];

    put_key(f, cr, pi, p->n);
    if (p->status != BENCH_OK) {
        put_cell(f, why);
        fputs(" |  |  | ", f);
    } else {
        fprintf(f, "%s | %s | ", fmt_time(t, sizeof t, p->m.wall.median, 1),
                present_ci(a, sizeof a, &p->m.wall));
        if (p->has_ratio)
            fprintf(f, "%s (%s–%s)", fmt_ratio(a, sizeof a, p->ratio.median),
                    fmt_ratio(b, sizeof b, p->ratio.ci_lo), fmt_ratio(c, sizeof c, p->ratio.ci_hi));
        else if (result_is_baseline(r, ci))
            fputs("baseline", f);
        fputs(" | ", f);
    }
    if (pi == 0)
        put_exponent(f, cr);
    fputs(" |\n", f);
}

/* A counted run's row (--instructions): instructions per call, the other
 * events counted, times fewer instructions than the baseline, and the
 * exponent from counts. */
static void put_counted_row(FILE *f, const results *r, size_t ci, size_t pi, const char *why)
{
    const result_case *cr = &r->cases[ci];
    const result_point *p = &cr->pts[pi];
    char a[32];
    int e;

    put_key(f, cr, pi, p->n);
    if (p->status != BENCH_OK) {
        put_cell(f, why);
        for (e = RESULT_IR + 1; e < RESULT_NEVENTS; e++)
            if (r->counted & (1u << e))
                fputs(" | ", f);
        fputs(" |  | ", f);
    } else {
        fprintf(f, "%s%s", fmt_count(a, sizeof a, p->counts.per_call[RESULT_IR]),
                result_counts_exact(p) ? "" : PRESENT_INEXACT_MARK);
        for (e = RESULT_IR + 1; e < RESULT_NEVENTS; e++)
            if (r->counted & (1u << e))
                fprintf(f, " | %s", fmt_count(a, sizeof a, p->counts.per_call[e]));
        fputs(" | ", f);
        if (p->has_ratio)
            fputs(fmt_ratio(a, sizeof a, p->ratio.median), f);
        else if (result_is_baseline(r, ci))
            fputs("baseline", f);
        fputs(" | ", f);
    }
    if (pi == 0 && cr->has_fit)
        fprintf(f, "%.2f %s", cr->fit.slope, bench_bigo_name(cr->fit.bigo));
    fputs(" |\n", f);
}

static void put_counted_header(FILE *f, const results *r)
{
    int e;
    fputs("| case | N | instructions", f);
    for (e = RESULT_IR + 1; e < RESULT_NEVENTS; e++)
        if (r->counted & (1u << e))
            fprintf(f, " | %s", result_event_label((result_event)e));
    fputs(" | vs baseline | exponent |\n|:-----|--:|-----------:", f);
    for (e = RESULT_IR + 1; e < RESULT_NEVENTS; e++)
        if (r->counted & (1u << e))
            fputs("|--:", f);
    fputs("|------------:|:---------|\n", f);
}

/* One note as a list item; the first opens the "Notes" section. */
static void put_note(FILE *f, const present_note *note, size_t *count)
{
    fputs((*count)++ ? "- " : "\n**Notes**\n\n- ", f);
    if (note->group) {
        fputc('`', f);
        put_cell(f, note->group);
        fputs("`: ", f);
    }
    put_cell(f, note->text);
    fputc('\n', f);
}

/* The notes the table shows under its groups, as a list under this one. */
static void put_notes(FILE *f, const results *r)
{
    present_note notes[BENCH_MAX_SIZES * 4 + 32];
    size_t g, i, n, count = 0;

    n = present_run_notes(r, notes, PRESENT_RUN_NOTES);
    for (i = 0; i < n; i++)
        put_note(f, &notes[i], &count);
    for (g = 0; g < r->ngroups; g++) {
        n = present_group_notes(r, g, notes, sizeof notes / sizeof notes[0]);
        for (i = 0; i < n; i++)
            put_note(f, &notes[i], &count);
    }
}

/* --latency: a table of the percentiles, when some point has them. */
static void put_latency(FILE *f, const results *r)
{
    char a[32], b[32], c[32], d[32], e[32], w[32], how[256];
    size_t ci, pi, rows = 0;

    for (ci = 0; ci < r->ncases; ci++)
        for (pi = 0; pi < r->cases[ci].npoints; pi++) {
            const result_point *p = &r->cases[ci].pts[pi];
            const result_latency *l = p->lat;
            if (present_status_of(p) != PRESENT_OK || !l)
                continue;
            if (rows++ == 0)
                fputs(
                    "\n**Latency** (calls timed one by one, or in the smallest batch whose "
                    "clock readings cost at most 5% of it)\n\n"
                    "| case | N | p50 | p90 | p99 | p99.9 | max | wait p50 | wait p99 | calls |\n"
                    "|:-----|--:|----:|----:|----:|------:|----:|---------:|---------:|:------|\n",
                    f);
            fputs("| `", f);
            put_cell(f, r->cases[ci].name);
            fprintf(f, "` | %zu | %s | %s | %s | %s | %s | %s | %s | ", p->n,
                    fmt_time(a, sizeof a, l->p50, 1), fmt_time(b, sizeof b, l->p90, 1),
                    fmt_time(c, sizeof c, l->p99, 1), fmt_time(d, sizeof d, l->p999, 1),
                    fmt_time(e, sizeof e, l->max, 1),
                    p->wait ? fmt_time(w, sizeof w, p->wait->p50, 1) : "",
                    p->wait ? fmt_time(how, sizeof how, p->wait->p99, 1) : "");
            put_cell(f, present_latency_how(how, sizeof how, l));
            fputs(" |\n", f);
        }
}

/* Counts compared: exact, the change alone. */
static void put_counted_comparison(FILE *f, const report_opts *o)
{
    const compare_result *c = o->compare;
    char a[32], b[32];
    size_t i;

    fprintf(f,
            "`**: %s%zu regressed%s, %zu improved, %zu unchanged, %zu new, %zu missing "
            "(instructions per call, exact: a regression is an increase above %g%%)\n\n",
            c->counts[V_REGRESSED] ? "**" : "", c->counts[V_REGRESSED],
            c->counts[V_REGRESSED] ? "**" : "", c->counts[V_IMPROVED], c->counts[V_UNCHANGED],
            c->counts[V_NEW], c->counts[V_MISSING], o->threshold);
    fputs("| case | old | new | change | verdict |\n"
          "|:-----|----:|----:|-------:|:--------|\n",
          f);
    for (i = 0; i < c->nrows; i++) {
        const compare_row *row = &c->rows[i];
        fputs("| `", f);
        put_cell(f, row->name);
        fprintf(f, "` | %s | %s | ", row->v == V_NEW ? "" : fmt_count(a, sizeof a, row->old_median),
                row->v == V_MISSING ? "" : fmt_count(b, sizeof b, row->new_median));
        if (row->v != V_NEW && row->v != V_MISSING)
            fprintf(f, "%+.2f%%", 100 * row->change);
        fprintf(f, " | %s%s%s |\n", row->v == V_REGRESSED ? "**" : "", report_verdict_name(row->v),
                row->v == V_REGRESSED ? "**" : "");
    }
}

/* The comparison with the baseline, as a second table. */
static void put_comparison(FILE *f, const report_opts *o)
{
    const compare_result *c = o->compare;
    char a[32], b[32];
    size_t i;

    fputs("\n**Comparison with `", f);
    put_cell(f, o->baseline ? o->baseline : "");
    if (c->counted) {
        put_counted_comparison(f, o);
        return;
    }
    fprintf(f,
            "`**: %s%zu regressed%s, %zu improved, %zu unchanged, %zu new, %zu missing "
            "(a regression is a slowdown above %g%% with p < %g and a 95%% interval above 0)\n\n",
            c->counts[V_REGRESSED] ? "**" : "", c->counts[V_REGRESSED],
            c->counts[V_REGRESSED] ? "**" : "", c->counts[V_IMPROVED], c->counts[V_UNCHANGED],
            c->counts[V_NEW], c->counts[V_MISSING], o->threshold, COMPARE_ALPHA);
    fputs("| case | old median | new median | change (95% CI) | p | verdict |\n"
          "|:-----|-----------:|-----------:|:----------------|--:|:--------|\n",
          f);
    for (i = 0; i < c->nrows; i++) {
        const compare_row *row = &c->rows[i];
        int known = row->v != V_NEW && row->v != V_MISSING;
        fputs("| `", f);
        put_cell(f, row->name);
        fprintf(f, "` | %s | %s | ",
                row->v == V_NEW ? "" : fmt_time(a, sizeof a, row->old_median, 1),
                row->v == V_MISSING ? "" : fmt_time(b, sizeof b, row->new_median, 1));
        if (known)
            fprintf(f, "%+.1f%% (%+.1f%% to %+.1f%%) | %.3f", 100 * row->change,
                    100 * row->change_lo, 100 * row->change_hi, row->p_value);
        else
            fputs(" | ", f);
        fprintf(f, " | %s%s%s |\n", row->v == V_REGRESSED ? "**" : "", report_verdict_name(row->v),
                row->v == V_REGRESSED ? "**" : "");
    }
    fputs("\nOld, new: medians; change: the median of all new/old sample ratios "
          "(Hodges-Lehmann) with its 95% interval, which can differ from new/old of the "
          "medians.\n",
          f);
    for (i = 0; i < c->nrows && !c->rows[i].between; i++)
        ;
    if (i < c->nrows)
        fputs("The intervals carry the spread between worker processes: a shift the next run "
              "of the same binary could show is not a regression.\n",
              f);
}

int report_markdown(FILE *f, const results *r, const report_opts *o)
{
    size_t ci, pi;

    if (!f || !r)
        return BENCH_EINVAL;
    if (r->counted)
        put_counted_header(f, r);
    else
        fputs("| case | N | median | ±CI % | vs baseline | exponent |\n"
              "|:-----|--:|-------:|------:|------------:|:---------|\n",
              f);
    for (ci = 0; ci < r->ncases; ci++) {
        const result_case *cr = &r->cases[ci];
        for (pi = 0; pi < cr->npoints; pi++) {
            const result_point *p = &cr->pts[pi];
            char why[128] = "";
            if (present_status_of(p) == PRESENT_FAILED)
                snprintf(why, sizeof why, "failed: %s", present_why(p));
            else if (p->status != BENCH_OK)
                snprintf(why, sizeof why, "%s", present_why(p));
            if (r->counted)
                put_counted_row(f, r, ci, pi, why);
            else
                put_row(f, r, ci, pi, why);
        }
    }
    if (r->counted)
        fprintf(f,
                "\nInstructions per call of run, counted by Valgrind's Callgrind (exact; "
                "%s: the counted calls differed, their mean); vs baseline: times fewer "
                "instructions; exponent: k in count ~ N^k, and the closest class. libbench %s, "
                "%s.\n",
                PRESENT_INEXACT_MARK, BENCH_VERSION, r->ctx.date);
    else
        fprintf(f,
                "\nMedian time per call; ±CI: its 95%% confidence interval, "
                "as ± the longer side; vs baseline: times faster, with its "
                "95%% interval; exponent: k in t ~ N^k ± its 95%% interval, "
                "and the closest class. libbench %s, %d CPUs, %s.\n",
                BENCH_VERSION, r->ctx.num_cpus, r->ctx.date);
    put_latency(f, r);
    put_notes(f, r);
    if (r->incomplete)
        fputs("\n**Incomplete:** the run was interrupted before every case "
              "was measured.\n",
              f);
    if (o && o->compare)
        put_comparison(f, o);
    if (fflush(f) != 0 || ferror(f))
        return BENCH_EIO;
    return BENCH_OK;
}
