/*
 * slots.h - a group's slots measured in this process. A slot is one case
 * at one size; the slots are measured interleaved, in rounds, so drift of
 * the machine cancels from the speedups, and from the exponents when every
 * size of the group can share the rounds (slots.c).
 */
#ifndef BENCH_SLOTS_H
#define BENCH_SLOTS_H

#include "isolate.h"
#include "result.h"

typedef struct slot {
    size_t c;        /* index into results.cases */
    size_t n;        /* a size of that case */
    uint64_t number; /* calls per sample an earlier worker process chose
                        for it, tried first (measure.h); 0: auto-range */
} slot;

/* How a group's slots are measured. */
typedef struct slot_config {
    bench_options measure;    /* the sampling of each slot */
    int isolate;              /* in forked children (child.h) */
    unsigned processes;       /* when isolated: worker processes, one after
                                 another, that share the time budget and
                                 each set up and sample every slot (0: 1) */
    double timeout;           /* seconds per step when isolated */
    const volatile int *stop; /* set by SIGINT/SIGTERM: finish early */
    int latency;              /* --latency: after a size's samples, time each
                                 slot's calls one by one for measure.min_time
                                 more (latency.h), into its point's lat */
    double clock_ns;          /* --latency: the cost of a pair of clock
                                 readings at the least (the batch takes the
                                 larger of this and the samples' fixed
                                 cost, which noise can bring to 0) */
    isolate_ticker ticker;    /* called while the work goes on, for a
                                 progress line: by the parent while it
                                 waits for a child, in-process before each
                                 size's rounds; fn NULL: none */
} slot_config;

/* The point a slot names (never NULL: the slot was made from it). */
result_point *slots_point(results *r, const slot *s, result_case **c);

/* Measure slots[0..k-1] interleaved in this process: set each up, check
 * its answer against its baseline's, sample them (all in the same rounds
 * when every call is short, else size by size; the points then say which
 * in rounds_shared), tear down. A
 * slot whose setup or check fails is failed alone. w->current names the
 * slot whose own code runs (setup, the checking run, digest, teardown, and
 * while sampling the slot whose run is being timed or warmed up), -1
 * otherwise, so that a crash or a hang in a child can be blamed on it.
 * Each step is timed on its own; the sampling of all slots is one step of
 * as many timeouts as there are slots sampled. */
void slots_measure(const slot_config *cfg, results *r, const slot *slots, size_t k,
                   volatile isolate_watch *w);

#endif
