/*
 * plot.h - the figures of the report, each one <svg> element drawn from the
 * results model (result.h) alone: the growth of each group on log-log
 * axes, each case's samples, the speedups and a comparison's old and new
 * medians. The HTML page (report_html.c) places them; --plot writes the
 * growth plots alone (report_plot_svg).
 *
 * Every element a reader counts has a class: a measured figure is one
 * class="pt" mark (a median, a sample, a speedup, an old or new median)
 * and, where it has an interval, one class="bar". Tooltips are SVG <title>
 * elements, which need no script. id is a prefix unique in the page, for
 * the ids of the <svg> and its <title>; y >= 0 nests the <svg> at that
 * height inside another one, y < 0 places it on its own. Each returns the
 * height it drew.
 */
#ifndef BENCH_PLOT_H
#define BENCH_PLOT_H

#include <stdio.h>

#include "compare.h"
#include "result.h"

/* Width of every plot, in pixels. */
#define PLOT_WIDTH 640

/* Time per call against N, both on log scales, for the cases of group g:
 * a marker at each measured median (above 0 ns, which a log scale cannot
 * show), a bar over its 95% interval, and each case's fitted power law
 * t = e^intercept * N^slope as a line over the sizes it was measured at;
 * the legend gives each case's exponent and class, or why it has none,
 * and the sizes not drawn. titled: the group's name and description on
 * top (for an SVG of its own). */
double plot_growth(FILE *f, const results *r, size_t g, const char *id, double y, int titled);
double plot_growth_height(const results *r, size_t g, int titled);

/* The samples of each case and size of group g that has them, a row each
 * on its own linear scale from its fastest to its slowest sample: one dot
 * per sample (hollow beyond Tukey's fences, 1.5 IQR), the 95% interval of
 * the median shaded and the median as a bar; the row says how many samples
 * were disturbed (the model counts them but does not say which). Nothing
 * (0) when no point of the group has samples. */
double plot_samples(FILE *f, const results *r, size_t g, const char *id);
/* How many rows and samples plot_samples draws for group g. */
size_t plot_sample_rows(const results *r, size_t g, size_t *samples);

/* The speedup of each case over its baseline at each size, on a log
 * scale with 1x marked: the median of the paired ratios and its 95%
 * interval. Nothing (0) when the group has none. */
double plot_speedups(FILE *f, const results *r, size_t g, const char *id);
size_t plot_speedup_rows(const results *r, size_t g);

/* --latency: a row per case and size of group g that has it, on one log
 * time scale: its histogram as bars of height log(1 + count) (so a tail
 * of one call shows), and p50, p90, p99, p99.9 (filled) and the maximum
 * (hollow) as class "pt" marks, five a row. Nothing (0) without rows. */
double plot_latency(FILE *f, const results *r, size_t g, const char *id);
size_t plot_latency_rows(const results *r, size_t g);

/* A comparison's rows: the old median (hollow) and the new one (shape and
 * colour by verdict) on a log time scale, joined, with the change and the
 * verdict in words. Nothing (0) without rows. */
double plot_compare(FILE *f, const compare_result *c, const char *id);

#endif
