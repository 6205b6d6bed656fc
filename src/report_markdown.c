/*
 * report_markdown.c - the run as a GitHub-flavoured markdown table, to
 * paste into a pull request: one row per case and size, times scaled to 3
 * significant digits, each with its uncertainty.
 */
#include <math.h>
#include <string.h>

#include "internal.h"

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

/* The CI of the median as +- its longer side (intervals from order
 * statistics are not symmetric), in percent as the table shows it; in time
 * units below 1 ns or beyond +-1000%, where a percentage says nothing. */
static char *fmt_ci(char *buf, size_t size, const bench_stats *s)
{
    double half = fmax(s->median - s->ci_lo, s->ci_hi - s->median);
    char t[32];

    if (s->median >= 1.0 && half / s->median < 10)
        snprintf(buf, size, "±%.1f%%", 100 * half / s->median);
    else
        snprintf(buf, size, "±%s", fmt_time(t, sizeof t, half, 1));
    return buf;
}

/* Is case i the baseline of another case in the run? */
static int is_baseline(const run_result *r, size_t i)
{
    size_t j;
    for (j = 0; j < r->ncases; j++)
        if (r->cases[j].base == (long)i)
            return 1;
    return 0;
}

/* "2.00 ±0.03 O(N^2)": the exponent and its 95% interval as ± its longer
 * side, as the table shows it ("-0.10 (-0.12–-0.07)" would be unreadable). */
static void put_exponent(FILE *f, const case_result *cr)
{
    const bench_fit_result *fit = &cr->fit;

    if (cr->has_fit)
        fprintf(f, "%.2f ±%.2f %s", fit->slope,
                fmax(fit->slope - fit->slope_lo, fit->slope_hi - fit->slope),
                bench_bigo_name(fit->bigo));
}

/* One row; the case name and its exponent only on its first row, so each
 * case reads as a block. */
static void put_row(FILE *f, const run_result *r, size_t ci, size_t pi,
                    const char *why)
{
    const case_result *cr = &r->cases[ci];
    const point_result *p = &cr->pts[pi];
    char t[32], a[32], b[32], c[32];

    fputs("| ", f);
    if (pi == 0) {
        fputc('`', f);
        put_cell(f, cr->c->name);
        fputc('`', f);
    }
    fprintf(f, " | %zu | ", p->n);
    if (p->status != BENCH_OK) {
        put_cell(f, why);
        fputs(" |  |  | ", f);
    } else {
        fprintf(f, "%s | %s | ", fmt_time(t, sizeof t, p->m.wall.median, 1),
                fmt_ci(a, sizeof a, &p->m.wall));
        if (p->has_ratio)
            fprintf(f, "%s (%s–%s)", fmt_ratio(a, sizeof a, p->ratio.median),
                    fmt_ratio(b, sizeof b, p->ratio.ci_lo),
                    fmt_ratio(c, sizeof c, p->ratio.ci_hi));
        else if (is_baseline(r, ci))
            fputs("baseline", f);
        fputs(" | ", f);
    }
    if (pi == 0)
        put_exponent(f, cr);
    fputs(" |\n", f);
}

int report_markdown(FILE *f, const run_result *r)
{
    size_t ci, pi;

    if (!f || !r)
        return BENCH_EINVAL;
    fputs("| case | N | median | ±CI % | vs baseline | exponent |\n"
          "|:-----|--:|-------:|------:|------------:|:---------|\n", f);
    for (ci = 0; ci < r->ncases; ci++) {
        const case_result *cr = &r->cases[ci];
        int nfailed = 0;
        for (pi = 0; pi < cr->npoints; pi++) {
            const point_result *p = &cr->pts[pi];
            char why[128] = "";
            if (p->status == BENCH_ENOENT) { /* interrupted before this size */
                snprintf(why, sizeof why, "not measured");
            } else if (p->status != BENCH_OK) { /* SIGINT is no failure */
                snprintf(why, sizeof why, "%s%s",
                         p->status == BENCH_EINTR ? "" : "failed: ",
                         p->why[0] ? p->why : bench_strerror(p->status));
                nfailed++;
            }
            put_row(f, r, ci, pi, why);
        }
        if (cr->failed && nfailed == 0) { /* failed before any size */
            fputs("| `", f);
            put_cell(f, cr->c->name);
            fputs("` |  | failed: ", f);
            put_cell(f, cr->why);
            fputs(" |  |  |  |\n", f);
        }
    }
    fprintf(f, "\nMedian time per call; ±CI: its 95%% confidence interval, "
               "as ± the longer side; vs baseline: times faster, with its "
               "95%% interval; exponent: k in t ~ N^k ± its 95%% interval, "
               "and the closest class. libbench %s, %d CPUs, %s.\n",
            BENCH_VERSION, r->ctx.num_cpus, r->ctx.date);
    if (r->incomplete)
        fputs("\n**Incomplete:** the run was interrupted before every case "
              "was measured.\n", f);
    if (fflush(f) != 0 || ferror(f))
        return BENCH_EIO;
    return BENCH_OK;
}
