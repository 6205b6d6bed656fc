/*
 * report_compare.c - the regression check as a table: old and new median,
 * the change with its 95% interval, the p-value and the verdict.
 */
#include <stdio.h>
#include <string.h>

#include "error.h"
#include "fmt.h"
#include "report.h"

static const char *const verdicts[] = {"unchanged", "improved", "REGRESSED", "new", "missing"};

const char *report_verdict_name(verdict v)
{
    return (unsigned)v < sizeof verdicts / sizeof verdicts[0] ? verdicts[v] : "?";
}

/* Display width of UTF-8 text: the bytes that start a character. */
static int width(const char *s)
{
    int w = 0;
    for (; *s; s++)
        w += ((unsigned char)*s & 0xC0) != 0x80;
    return w;
}

/* s in a column of w, left- or right-aligned. */
static void cell(FILE *f, const char *s, int w, int right)
{
    int pad = w - width(s);
    fprintf(f, "%*s%s%*s", right && pad > 0 ? pad : 0, "", s, !right && pad > 0 ? pad : 0, "");
}

static void totals(FILE *f, const compare_result *c)
{
    fprintf(f, "%zu regressed, %zu improved, %zu unchanged, %zu new, %zu missing\n",
            c->counts[V_REGRESSED], c->counts[V_IMPROVED], c->counts[V_UNCHANGED], c->counts[V_NEW],
            c->counts[V_MISSING]);
}

/* Instruction counts: exact, so the change alone decides. */
static int counted_table(FILE *f, const compare_result *c, const char *path, double threshold,
                         int w)
{
    char name[512];
    size_t i;

    fprintf(f,
            "\ncomparison with %s (instructions per call, exact: a regression is an increase "
            "above %g%%)\n",
            error_escape(name, sizeof name, path), threshold);
    fprintf(f, "  %-*s  %14s  %14s  %9s  %s\n", w, "case", "old", "new", "change", "verdict");
    for (i = 0; i < c->nrows; i++) {
        const compare_row *r = &c->rows[i];
        char o[32] = "-", n[32] = "-", ch[32] = "";
        if (r->v != V_NEW)
            fmt_count(o, sizeof o, r->old_median);
        if (r->v != V_MISSING)
            fmt_count(n, sizeof n, r->new_median);
        if (r->v != V_NEW && r->v != V_MISSING)
            snprintf(ch, sizeof ch, "%+.2f%%", 100 * r->change);
        fputs("  ", f);
        cell(f, error_escape(name, sizeof name, r->name), w, 0);
        fprintf(f, "  %14s  %14s  %9s  %s\n", o, n, ch, verdicts[r->v]);
    }
    totals(f, c);
    return ferror(f) ? BENCH_EIO : BENCH_OK;
}

/* Names come from the baseline file too: escaped, so a crafted name can
 * neither break a line nor drive the terminal. */
int report_compare(FILE *f, const compare_result *c, const char *path, double threshold)
{
    char name[512];
    size_t i;
    int w = 4;

    for (i = 0; i < c->nrows; i++)
        if (width(error_escape(name, sizeof name, c->rows[i].name)) > w)
            w = width(name);
    if (c->counted)
        return counted_table(f, c, path, threshold, w);
    fprintf(f,
            "\ncomparison with %s (a regression is a slowdown above %g%% with p < %g and a 95%% "
            "interval above 0)\n",
            error_escape(name, sizeof name, path), threshold, COMPARE_ALPHA);
    fprintf(f, "  %-*s  %10s  %10s  %-28s  %6s  %s\n", w, "case", "old median", "new median",
            "change (95% CI)", "p", "verdict");
    for (i = 0; i < c->nrows; i++) {
        const compare_row *r = &c->rows[i];
        char o[32] = "-", n[32] = "-", ch[64] = "", p[16] = "";
        if (r->v != V_NEW)
            fmt_time(o, sizeof o, r->old_median, 1);
        if (r->v != V_MISSING)
            fmt_time(n, sizeof n, r->new_median, 1);
        if (r->v != V_NEW && r->v != V_MISSING) {
            snprintf(ch, sizeof ch, "%+.1f%% (%+.1f%% to %+.1f%%)", 100 * r->change,
                     100 * r->change_lo, 100 * r->change_hi);
            snprintf(p, sizeof p, "%.3f", r->p_value);
        }
        fputs("  ", f);
        cell(f, error_escape(name, sizeof name, r->name), w, 0);
        fputs("  ", f);
        cell(f, o, 10, 1);
        fputs("  ", f);
        cell(f, n, 10, 1);
        fprintf(f, "  %-28s  %6s  %s\n", ch, p, verdicts[r->v]);
    }
    totals(f, c);
    fputs("(old, new: medians; change: the median of all new/old sample ratios (Hodges-Lehmann), "
          "which can differ from new/old of the medians)\n",
          f);
    for (i = 0; i < c->nrows && !c->rows[i].between; i++)
        ;
    if (i < c->nrows)
        fputs("(the intervals carry the spread between worker processes: a shift the next run of "
              "the same binary could show is not a regression)\n",
              f);
    return ferror(f) ? BENCH_EIO : BENCH_OK;
}
