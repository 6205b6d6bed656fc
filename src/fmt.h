/*
 * fmt.h - numbers as the reports print them: times and ratios with 3
 * significant digits for people, doubles at full precision for machines.
 */
#ifndef BENCH_FMT_H
#define BENCH_FMT_H

#include <stddef.h>

/* ns with 3 significant digits and a unit (ns, us, ms, s), "µs" when utf8
 * is nonzero. Returns buf. */
char *fmt_time(char *buf, size_t size, double ns, int utf8);
/* "191.3x", "1.05x"; "?" when not finite. Returns buf. */
char *fmt_ratio(char *buf, size_t size, double r);
/* A double at full precision (round-trips), '.' as the decimal point
 * whatever the locale. Returns buf. */
char *fmt_double(char *buf, size_t size, double x);

#endif
