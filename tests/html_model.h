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

#endif
