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
    verdict v;
} compare_row;

typedef struct compare_result {
    compare_row *rows;
    size_t nrows;
    size_t counts[5]; /* by verdict */
} compare_result;

/* A regression or an improvement must be significant at this level. */
#define COMPARE_ALPHA 0.05

/* Compare r with the baseline, case by case and size by size; threshold
 * in percent. A row is REGRESSED when the Hodges-Lehmann change exceeds the
 * threshold and the Mann-Whitney p-value is below COMPARE_ALPHA. */
int compare_run(const baseline *b, const results *r, double threshold, compare_result *out);
void compare_result_free(compare_result *c);
/* The comparison as a table, after the run's report. */
int report_compare(FILE *f, const compare_result *c, const char *path, double threshold);

#endif
