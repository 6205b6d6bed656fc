/*
 * report_compare.c - the regression check as a table: old and new median,
 * the change with its 95% interval, the p-value and the verdict.
 */
#include <stdio.h>
#include <string.h>

#include "compare.h"
#include "fmt.h"

static const char *const verdicts[] = {"unchanged", "improved", "REGRESSED", "new", "missing"};

int report_compare(FILE *f, const compare_result *c, const char *path, double threshold)
{
    size_t i;
    int w = 4;

    for (i = 0; i < c->nrows; i++)
        if ((int)strlen(c->rows[i].name) > w)
            w = (int)strlen(c->rows[i].name);
    fprintf(f, "\ncomparison with %s (a regression is a slowdown above %g%% with p < %g)\n", path,
            threshold, COMPARE_ALPHA);
    fprintf(f, "  %-*s  %10s  %10s  %-28s  %6s  %s\n", w, "case", "old", "new", "change (95% CI)",
            "p", "verdict");
    for (i = 0; i < c->nrows; i++) {
        const compare_row *r = &c->rows[i];
        char o[32] = "-", n[32] = "-", ch[64] = "", p[16] = "";
        if (r->v != V_NEW)
            fmt_time(o, sizeof o, r->old_median, 0);
        if (r->v != V_MISSING)
            fmt_time(n, sizeof n, r->new_median, 0);
        if (r->v != V_NEW && r->v != V_MISSING) {
            snprintf(ch, sizeof ch, "%+.1f%% (%+.1f%% to %+.1f%%)", 100 * r->change,
                     100 * r->change_lo, 100 * r->change_hi);
            snprintf(p, sizeof p, "%.3f", r->p_value);
        }
        fprintf(f, "  %-*s  %10s  %10s  %-28s  %6s  %s\n", w, r->name, o, n, ch, p, verdicts[r->v]);
    }
    fprintf(f, "%zu regressed, %zu improved, %zu unchanged, %zu new, %zu missing\n",
            c->counts[V_REGRESSED], c->counts[V_IMPROVED], c->counts[V_UNCHANGED], c->counts[V_NEW],
            c->counts[V_MISSING]);
    return ferror(f) ? BENCH_EIO : BENCH_OK;
}
