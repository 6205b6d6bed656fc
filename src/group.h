/*
 * group.h - one group measured: every case at every size as one set of
 * slots, interleaved, then the speedups over the baseline and the fit of
 * each case's growth.
 */
#ifndef BENCH_GROUP_H
#define BENCH_GROUP_H

#include "slots.h"

/* Measure group g of r (in children when cfg->isolate) and fill its
 * points, ratios and fits. When *cfg->stop is already set, its points are
 * marked interrupted instead. Returns the number of slots (cases times
 * sizes) the group had; 0 only when memory ran out (every point is then
 * failed with BENCH_ENOMEM). */
size_t group_measure(const slot_config *cfg, results *r, size_t g, volatile isolate_watch *w);

/* The paired ratios baseline / p of each round, into p->ratio. Meaningful
 * only when every per-call time is positive (an empty case can measure
 * below zero); left unset otherwise. */
void group_ratio(result_point *p, const result_point *base);
/* The exponent and class of c from its measured sizes, into c->fit. */
void group_fit(result_case *c);

#endif
