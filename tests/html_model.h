/*
 * html_model.h - the synthetic results model of the HTML report's tests
 * (test_html.c, test_load.c): fixed numbers whose places on a log scale
 * can be worked out by hand, names that are markup, a failure, an
 * interrupted size, a median of 0 ns, one-sample sizes, and a baseline
 * for a comparison with every verdict.
 */
#ifndef TESTS_HTML_MODEL_H
#define TESTS_HTML_MODEL_H

#include "baseline.h"
#include "report.h"

/* The model: group "grow" (quad: t = 0.1 N^2 at N = 100, 1000, 10000;
 * lin: t = 10 N, baseline quad; a case named <script>alert("x&y")</script>
 * measured at N=100 only, then crashed, then interrupted) and group
 * "odd&<g>" (empty: a median of 0 ns at N=1; one: a sample each at N=10
 * and 100). Free with result_free. */
void html_model(results *r);
/* A saved baseline for it: quad as it is, lin 30% faster then (so now
 * regressed), the <script> case 20% slower then (improved), a case that
 * is gone (missing); odd&<g>'s cases are new. Free with baseline_free. */
baseline *html_model_baseline(const results *r);

/* w(f, r, o) into a string (free it); the writer must return BENCH_OK. */
char *html_render(report_writer w, const results *r, const report_opts *o);
/* got against tests/golden/NAME, or written there with BENCH_UPDATE_GOLDEN. */
void html_check_golden(const char *name, const char *got);
/* The directory of the tests' sources, with its '/' ("tests/"). */
const char *html_tests_dir(void);

#endif
