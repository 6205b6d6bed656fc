/*
 * load.h - a saved JSON result read back into a results model (result.h),
 * for `bench report`: a file written by `bench --format json` (docs/json.md)
 * or by Google Benchmark (--benchmark_format=json), which lacks libbench's
 * extra keys.
 *
 * How the model is filled (docs/report.md):
 * - a case is an entry's run_name without its size: "group/case/1000" is
 *   case "group/case" at N=1000 (the "n" key, when present, says which
 *   part is the size; else the last all-digit part of the name, GB's
 *   argument, skipping GB's options such as "threads:1"); a name without
 *   one is the case at N=1. Its group is the name up to the first '/'.
 * - each iteration entry is one sample (real_time, cpu_time, scaled from
 *   time_unit to ns), in the file's order; the statistics are recomputed
 *   with bench_stats_compute. A size with aggregates but no iteration
 *   entries (GB without repetitions writes one iteration entry; an
 *   aggregate-only file none) gets its median, mean and stddev from the
 *   aggregates and its interval from ci_lo/ci_hi when present.
 * - each sample's "worker" rebuilds the point's workers (nworkers, wend,
 *   wnumber), and the interval is widened by their spread and the spread
 *   noted as the runner does (group.c), so a reloaded run's statistics are
 *   the run's; without it on every sample, the point is one process.
 * - an error entry is a failed size (or, without a size, a failed case).
 * - speedups come from a _median entry's speedup/speedup_lo/speedup_hi and
 *   baseline; a size whose case has a baseline but no saved speedup gets
 *   one from group_ratio. disturbed and overhead_ns come from _median too.
 * - the fit is recomputed with group_fit; a _BigO entry's exponent,
 *   exponent_lo/hi, r2 and big_o (and _RMS's rms), when present, replace
 *   its figures, so the page shows what the run reported.
 * - the context's keys fill result_context (absent ones stay 0).
 */
#ifndef BENCH_LOAD_H
#define BENCH_LOAD_H

#include <stddef.h>

#include "result.h"

/* A model read from a file, and the strings its cases point to. */
typedef struct loaded {
    results r;
    char **strings; /* owned: case names */
    size_t nstrings, cap;
    size_t dropped; /* sizes past BENCH_MAX_SIZES of a case, left out
                       (each once, however many entries it had) */
} loaded;

/* Read path, which must be a regular file of at most 256 MiB, into *out.
 * Returns BENCH_OK, or BENCH_EIO/EPARSE/ENOMEM with one line in err naming
 * the file and the line, column or entry at fault; *out then holds nothing
 * to free. */
int load_file(const char *path, loaded *out, char *err, size_t errsz);
/* The same from text in memory; label names it in messages. */
int load_parse(const char *label, const char *text, size_t len, loaded *out, char *err,
               size_t errsz);
/* Free what out holds and zero it. NULL is a no-op. */
void load_free(loaded *out);

#endif
