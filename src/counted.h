/*
 * counted.h - --instructions: the selected cases re-run under Valgrind's
 * Callgrind, which counts the instructions (and, with its cache and branch
 * simulation, the misses) of the counted calls of run alone.
 *
 * The program re-executes itself under valgrind with a hidden first
 * argument (COUNTED_CHILD_ARG): that child sets each case up at each size,
 * then calls through counted_run_call, the one function Callgrind collects
 * in (--toggle-collect) and dumps after (--dump-after): an empty function
 * first (its cost is subtracted), run once to warm it (not used), then
 * run for each counted call, one dump each. The parent reads the dumps, so a call whose count differs
 * from another's is seen, not averaged away. Setup, teardown, the warm call
 * and the harness are never counted. Valgrind is a tool found at run time,
 * like cc for bench timeit: libbench itself stays libc-only.
 */
#ifndef BENCH_COUNTED_H
#define BENCH_COUNTED_H

#include <stddef.h>

#include "result.h"
#include "run.h"

/* The hidden first argument of the re-executed program. */
#define COUNTED_CHILD_ARG "--counted-child"
/* Counted calls per case and size unless -n says otherwise, and the most
 * -n may ask for (each is a dump file). */
#define COUNTED_DEFAULT_CALLS 3
#define COUNTED_MAX_CALLS     100

typedef struct counted_config {
    const char *valgrind; /* the valgrind to run (counted_find_valgrind) */
    const char *exe;      /* the program to re-execute */
    unsigned calls;       /* counted calls per case and size */
    int cache_sim;        /* --cache-sim=yes --branch-sim=yes */
    unsigned jobs;        /* valgrind processes at once */
    double timeout;       /* seconds a case may take at one size */
    const volatile int *stop;
    const size_t *sizes; /* override of every case's sizes, or NULL */
    size_t nsizes;
    /* As in run_config: before each group (done counts the points
     * finished), and after each group, in order, once it is complete. */
    void (*progress)(void *ctx, const run_progress *at);
    void (*group_done)(void *ctx, const results *r, size_t g);
    void *progress_ctx;
} counted_config;

/* The valgrind to run, into path: $VALGRIND when set (it must be an
 * executable file), else the first "valgrind" on PATH. Returns 0, or 2
 * with a one-line message naming valgrind and how to install it. */
int counted_find_valgrind(char *path, size_t size, char *err, size_t errsz);

/* Count sel[0..nsel-1] into *out (a fresh model with ctx as its context),
 * every case at every size, groups in jobs processes at once. A case that
 * fails, crashes or times out under valgrind is recorded failed at that
 * size and the others go on. Returns BENCH_OK, BENCH_ENOMEM (nothing to
 * free), or BENCH_EIO with a message in err when valgrind could not run
 * at all (the model is then freed). */
int counted_run(const counted_config *cfg, const bench_case *const *sel, size_t nsel,
                const result_context *ctx, results *out, char *err, size_t errsz);

/* The derived figures of a counted case: the exponent and class from its
 * instruction counts, and, for a variant, the speedup over its baseline
 * (baseline's instructions / its own) at each size. */
void counted_derive(results *r, size_t g);

/* The re-executed program under valgrind: argv[0] is COUNTED_CHILD_ARG,
 * then the status file, the counted calls, and pairs of a case's name and
 * a size. Returns the exit status. */
int counted_child_main(int argc, char **argv);

/* Parse the totals of a Callgrind output file's text into per[e] for
 * each event e it names (others untouched), setting bit 1u << e in *seen.
 * Returns 0, or -1 when it has no events or totals line. */
int counted_parse_totals(const char *text, double *per, unsigned *seen);

#endif
