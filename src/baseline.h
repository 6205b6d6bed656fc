/*
 * baseline.h - a saved result read back for --compare: the per-sample
 * times of each iteration entry of a JSON file written by
 * `bench --format json` or by Google Benchmark, by name; or, from a run
 * with --instructions, the instructions per call of each.
 */
#ifndef BENCH_BASELINE_H
#define BENCH_BASELINE_H

#include <stddef.h>

/* Worker indices at or above this are not read as workers. */
#define BASELINE_MAX_WORKERS 64

typedef struct baseline baseline;

/* The samples of one name in a baseline. */
typedef struct baseline_entry {
    const char *name; /* "group/case/N", owned by the baseline */
    double *samples;  /* per-call ns, owned by the baseline */
    size_t n;
    /* The worker process of each sample ("worker" in bench's JSON), and
     * how many there were (the largest index + 1); worker is NULL and
     * nworkers 0 when the file does not say (one process, or Google
     * Benchmark's JSON). */
    unsigned *worker;
    unsigned nworkers;
} baseline_entry;

/* Read a result saved by --format json (or Google Benchmark's JSON): the
 * per-sample times of its iteration entries, by name. Only a regular file
 * is read: anything else (a FIFO, a device, a directory) is refused at
 * once, without blocking. Returns BENCH_OK, or BENCH_EIO/EPARSE/ENOMEM
 * with a one-line message in err naming the file and the line, column or
 * entry at fault. Linear in the size of the file, in time and memory. */
int baseline_load(const char *path, baseline **out, char *err, size_t errsz);
/* The same from text in memory; label names it in messages. */
int baseline_parse(const char *label, const char *text, size_t len, baseline **out, char *err,
                   size_t errsz);
void baseline_free(baseline *b);
/* The entry of that name, or NULL; O(1) on average (a hash table). */
const baseline_entry *baseline_find(const baseline *b, const char *name);
/* Does the file hold instruction counts (a run with --instructions: each
 * entry's "instructions", then a sample of it) rather than times? */
int baseline_counted(const baseline *b);
/* How many names, and the i-th in the file's order (NULL past the end). */
size_t baseline_count(const baseline *b);
const baseline_entry *baseline_at(const baseline *b, size_t i);

#endif
