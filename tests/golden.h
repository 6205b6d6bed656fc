/*
 * golden.h - what the golden-file tests of the writers share: rendering a
 * results model to a string, comparing it with tests/golden/NAME (or
 * rewriting the file under BENCH_UPDATE_GOLDEN=1), and a point with a
 * fixed, skewed spread of samples.
 */
#ifndef TESTS_GOLDEN_H
#define TESTS_GOLDEN_H

#include <stdint.h>

#include "report.h"

/* The tests/ directory of the source tree, with its '/'. */
const char *golden_tests_dir(void);
/* w's output for r, as a string (free it); a failed CHECK when w fails. */
char *golden_render(report_writer w, const results *r, const report_opts *o);
/* got against tests/golden/NAME: a failed CHECK and the first line that
 * differs, or with BENCH_UPDATE_GOLDEN set, the file rewritten. */
void golden_check(const char *name, const char *got);
/* A measured point at size n: nsamples samples of `number` calls each,
 * base * (1 + spread * w_i) for fixed weights w_i, CPU time 98% of wall,
 * the given loop overhead and disturbed count, the statistics computed. */
void golden_point(result_point *p, size_t n, uint64_t number, size_t nsamples, double base,
                  double spread, double overhead, unsigned disturbed);

#endif
