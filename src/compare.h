/*
 * compare.h - is this run slower than a saved one? The run compared with a
 * baseline (baseline.h) case by case and size by size, and the comparison
 * as a table.
 */
#ifndef BENCH_COMPARE_H
#define BENCH_COMPARE_H

#include <stdio.h>

#include "baseline.h"
#include "result.h"

typedef enum verdict { V_UNCHANGED, V_IMPROVED, V_REGRESSED, V_NEW, V_MISSING } verdict;

typedef struct compare_row {
    char *name; /* "group/case/N" */
    double old_median, new_median;
    double change;               /* new/old - 1 */
    double change_lo, change_hi; /* 95% interval of the change */
    double p_value;              /* Mann-Whitney U, two-sided */
    int between;                 /* the interval carries the spread
                                    between worker processes */
    verdict v;
} compare_row;

typedef struct compare_result {
    compare_row *rows;
    size_t nrows;
    size_t counts[5]; /* by verdict */
    int counted;      /* instruction counts compared (--instructions): the
                         medians are counts, change_lo = change_hi =
                         change, no p-value (NaN) */
} compare_result;

/* A regression or an improvement must be significant at this level. */
#define COMPARE_ALPHA 0.05
/* Below this many ns per call a time is not resolved (the loop's own
 * cost, subtracted, is about as large): see compare_run. */
#define COMPARE_FLOOR_NS 1.0

/* Compare r with the baseline, case by case and size by size; threshold
 * in percent. A row is REGRESSED when the change exceeds the threshold,
 * the Mann-Whitney p-value of the samples is below COMPARE_ALPHA and the
 * change's 95% interval excludes 0; IMPROVED likewise below minus the
 * threshold. The change and its 95% interval:
 *
 * - every time positive: the Hodges-Lehmann shift of ln(time) with its
 *   Moses interval, as a ratio: change = new/old - 1;
 * - some time at or below 0 (a case near the loop's own cost: its
 *   corrected samples straddle 0): the Hodges-Lehmann shift of the raw
 *   times in ns with its Moses interval, divided by max(old median,
 *   COMPARE_FLOOR_NS). A slowdown then counts only when the new median
 *   is above COMPARE_FLOOR_NS, a speedup only when the old median was:
 *   so 10 ns (one sample at -0.2 ns) to 550 ns is +5400% and regressed,
 *   ~0 ns to 550 ns is +55000% and regressed, and two runs of an empty
 *   case, both within a nanosecond of 0, are unchanged however their
 *   noise falls.
 *
 * When either run was measured in worker processes (the baseline's JSON
 * marks each sample's "worker"), the interval is widened to Student's
 * two-sample interval on the runs' worker medians when that is wider
 * (pooled variance, t(0.975, K_old + K_new - 2) * s * sqrt(1/K_old +
 * 1/K_new), in logs; a run of one process takes the other's variance):
 * a shift that the next process of the same binary could show by itself
 * is not called a regression.
 *

 * A counted run (results.counted) is compared exactly, with no
 * statistics: change = new/old - 1 of the instructions per call (over 1
 * when the old count is 0), REGRESSED when it exceeds the threshold,
 * IMPROVED below minus the threshold. The caller has checked that the
 * baseline holds counts too (baseline_counted). */
int compare_run(const baseline *b, const results *r, double threshold, compare_result *out);
void compare_result_free(compare_result *c);
/* The comparison as a table, after the run's report. */
int report_compare(FILE *f, const compare_result *c, const char *path, double threshold);

#endif
