/*
 * profile.h - the sampling profiler behind bench_profile (bench.h): a
 * CPU-time timer signal, backtrace(3) into a buffer allocated beforehand,
 * names from the ELF symbol tables (elfsym.h) afterwards. The helpers
 * here are what every output of `bench profile` shares (cmd_profile.c).
 */
#ifndef BENCH_PROFILE_H
#define BENCH_PROFILE_H

#include <stddef.h>

#include "bench.h"

/* Frames kept per sample, from the one interrupted outward; a deeper
 * stack loses its outermost frames and counts as unrooted. */
#define PROFILE_MAX_DEPTH 128

/* Fewer samples than this and the profile says so: a share is then known
 * to no better than +-10 percentage points. */
#define PROFILE_FEW_SAMPLES 100

/* The functions of r that ran in fn's calls (cumulative > 0), as indices
 * into r->funcs, in the order of pstats' sort: by self samples (by_self)
 * or by cumulative ones, the other count breaking ties, then the name.
 * idx has room for r->nfuncs; returns how many were written. */
size_t profile_order(const bench_profile_result *r, int by_self, size_t *idx);

/* The half-width, in percentage points, of the 95% interval of a share
 * measured from n samples, at its widest (a share of 50%):
 * 1.96 * sqrt(0.25 / n) * 100. */
double profile_margin(size_t n);

#endif
