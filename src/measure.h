/*
 * measure.h - what the measuring code offers the runner beyond the public
 * bench_measure* functions.
 */
#ifndef BENCH_MEASURE_H
#define BENCH_MEASURE_H

#include "bench.h"

/* Time of a fixed, dependent chain of integer operations (the fastest of a
 * few runs), in ns: run before and after a measurement, a difference means
 * the CPU's speed changed under it (frequency scaling, throttling). 0 when
 * the clock failed. */
double measure_reference_ns(const bench_clock *clock);

#endif
