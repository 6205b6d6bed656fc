/*
 * report_markdown.c - the run as a GitHub-flavoured markdown table, to
 * paste into a pull request: one row per case and size, times scaled to 3
 * significant digits, each with its uncertainty.
 */
#include <string.h>

#include "fmt.h"
#include "present.h"
#include "report.h"

/* A cell's text: '|' would end the cell and a line break the row. */
static void put_cell(FILE *f, const char *s)
{
    for (; *s; s++) {
        if (*s == '|')
            fputs("\\|", f);
        else if (*s == '\n' || *s == '\r')
            fputc(' ', f);
        else
            fputc(*s, f);
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

/* One row; the case name and its exponent only on its first row, so each
 * case reads as a block. */
static void put_row(FILE *f, const results *r, size_t ci, size_t pi, const char *why)
{
    const result_case *cr = &r->cases[ci];
    const result_point *p = &cr->pts[pi];
    char t[32], a[32], b[32], c[32];

    fputs("| ", f);
    if (pi == 0) {
        fputc('`', f);
        put_cell(f, cr->name);
        fputc('`', f);
    }
    fprintf(f, " | %zu | ", p->n);
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

    n = present_run_notes(r, notes, 1);
    for (i = 0; i < n; i++)
        put_note(f, &notes[i], &count);
    for (g = 0; g < r->ngroups; g++) {
        n = present_group_notes(r, g, notes, sizeof notes / sizeof notes[0]);
        for (i = 0; i < n; i++)
            put_note(f, &notes[i], &count);
    }
}

int report_markdown(FILE *f, const results *r, const report_opts *o)
{
    size_t ci, pi;

    (void)o;
    if (!f || !r)
        return BENCH_EINVAL;
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
            put_row(f, r, ci, pi, why);
        }
    }
    fprintf(f,
            "\nMedian time per call; ±CI: its 95%% confidence interval, "
            "as ± the longer side; vs baseline: times faster, with its "
            "95%% interval; exponent: k in t ~ N^k ± its 95%% interval, "
            "and the closest class. libbench %s, %d CPUs, %s.\n",
            BENCH_VERSION, r->ctx.num_cpus, r->ctx.date);
    put_notes(f, r);
    if (r->incomplete)
        fputs("\n**Incomplete:** the run was interrupted before every case "
              "was measured.\n",
              f);
    if (fflush(f) != 0 || ferror(f))
        return BENCH_EIO;
    return BENCH_OK;
}
