/*
 * svg.h - what every plot is drawn with (plot.c): text made safe for HTML
 * and XML, coordinates written without the locale, logarithmic axes whose
 * ticks sit at decades, and the series styles, which differ in colour,
 * lightness, dash and marker shape so that a greyscale print still tells
 * them apart.
 */
#ifndef BENCH_SVG_H
#define BENCH_SVG_H

#include <stddef.h>
#include <stdio.h>

/* Text for an HTML or XML element or attribute value: & < > " ' as
 * entities, control bytes as a visible "\xHH" (XML 1.0 allows no control
 * character, not even as a reference), invalid UTF-8 and the non-characters
 * U+FFFE/U+FFFF as U+FFFD. A name read from a file, "<script>", is text
 * and never markup. NULL writes nothing. */
void svg_text(FILE *f, const char *s);
/* The same, cut to at most max characters (UTF-8 sequences) with "…" as
 * the last when cut; max >= 2. */
void svg_text_cut(FILE *f, const char *s, size_t max);
/* A coordinate: rounded to 0.1, '.' whatever the locale, no trailing
 * ".0"; 0 when not finite. */
void svg_num(FILE *f, double x);

/* A logarithmic axis: data values v > 0 map to pixels by log10(v). */
typedef struct svg_axis {
    double lo, hi; /* the domain, in log10 of the data's unit */
    double p0, p1; /* the pixels lo and hi map to (p1 < p0 for a y axis) */
} svg_axis;

/* The axis for data from vmin to vmax (both > 0, vmin <= vmax), drawn from
 * pixel p0 to p1: the data's span in log10, padded by 5% of it plus 0.05
 * on each side, then widened to whole decades until at least two decade
 * ticks fall inside, so every axis is read by its powers of ten. */
void svg_axis_log(svg_axis *a, double vmin, double vmax, double p0, double p1);
/* The pixel of v (> 0; values outside the domain map outside p0..p1). */
double svg_at(const svg_axis *a, double v);
/* The decade ticks inside the domain: 10^first .. 10^last. */
void svg_decades(const svg_axis *a, int *first, int *last);

/* Tick labels of a decade: 10^k ns as "1 ns", "10 µs", "0.1 ns"; 10^k as a
 * size, "1", "100", "1k", "10M"; 10^k as a ratio, "0.1x", "10x". Return
 * buf. */
char *svg_time_label(char *buf, size_t size, int k);
char *svg_size_label(char *buf, size_t size, int k);
char *svg_ratio_label(char *buf, size_t size, int k);

/* Series styles: colour s0.., dash and marker shape; a group with more
 * variants reuses them in turn. */
#define SVG_NSTYLES 6
/* The path data (d="...") of marker shape 0..5 (circle, square, triangle
 * up, diamond, triangle down, cross) of about r pixels around x, y. */
void svg_shape(FILE *f, int shape, double x, double y, double r);
/* A marker of style s (its shape) centred at x, y, of about r pixels:
 * <path class="CLS sS" .../>, with a <title> child when title is not
 * NULL (the tooltip, which needs no script). hollow: drawn unfilled. */
void svg_marker(FILE *f, int s, double x, double y, double r, const char *cls, int hollow,
                const char *title);
/* The CSS of the plots' classes, for a page's <style> or an SVG's own. It
 * holds no '<', '>' or '&', so it is well-formed XML text as it is. */
void svg_style(FILE *f);

#endif
