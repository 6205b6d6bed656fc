/*
 * flame.h - a flame graph of a profile (bench_profile) as inline SVG, for
 * bench profile's HTML page: the case at the bottom, each function above
 * the one that called it, each frame as wide as its share of the samples.
 * Only the attributed part of the stacks is drawn (the case's run and
 * what it called), not the callers of the loop of calls.
 */
#ifndef BENCH_FLAME_H
#define BENCH_FLAME_H

#include <stddef.h>
#include <stdio.h>

#include "bench.h"

/* The drawing's width in pixels, and the height of one frame. */
#define FLAME_WIDTH 920
#define FLAME_ROW   18

/* Write <svg class="plot flame">...</svg> for r, the bottom frame labelled
 * root (the case's name): one <g> per frame with a <title> (the tooltip:
 * the function, its samples and share), a <rect class="pt fK"> and, when
 * the frame is wide enough, a <text> label cut to fit; every string
 * escaped (svg_text). Siblings are ordered by name, as flamegraph.pl
 * orders them. *nframes (when not NULL) gets the number of frames drawn.
 * Returns 0, or -1 when memory ran out or the stream failed. */
int flame_svg(FILE *f, const bench_profile_result *r, const char *root, size_t *nframes);
/* The CSS of the frames' classes, for a page's <style>: fill colours of
 * four lightness levels by depth (told apart in greyscale too) and a
 * white line between neighbours. No '<', '>' or '&'. */
void flame_style(FILE *f);

#endif
