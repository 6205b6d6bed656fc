/*
 * child.h - a group's slots measured in forked children (isolation): the
 * child measures as slots_measure would in-process and sends every point
 * back over a pipe.
 */
#ifndef BENCH_CHILD_H
#define BENCH_CHILD_H

#include "slots.h"

/* Measure slots[0..k-1] in children until every slot has a result. When a
 * child dies or hangs inside one slot's own code (setup, the checking run,
 * digest, teardown, or its run while it is warmed up or sampled), that
 * slot alone fails and the others are measured again in a new child; a
 * death outside any slot's code (between samples, in the reference loop)
 * fails every slot that had not been sent. */
void child_measure(const slot_config *cfg, results *r, const slot *slots, size_t k,
                   volatile isolate_watch *w);

#endif
