/*
 * fmt.h - numbers as the reports print them: times and ratios with 3
 * significant digits for people, doubles at full precision for machines.
 */
#ifndef BENCH_FMT_H
#define BENCH_FMT_H

#include <stddef.h>
#include <stdio.h>

/* ns with 3 significant digits and a unit (ns, us, ms, s), "µs" when utf8
 * is nonzero. Returns buf. */
char *fmt_time(char *buf, size_t size, double ns, int utf8);
/* "191.3x", "1.05x"; "?" when not finite. Returns buf. */
char *fmt_ratio(char *buf, size_t size, double r);
/* A count with its thousands grouped, "1,234,567", one decimal when it is
 * not whole ("1,234.5", a mean); "?" when not finite or negative beyond
 * -0.05. Returns buf. */
char *fmt_count(char *buf, size_t size, double x);
/* A double at full precision (round-trips), '.' as the decimal point
 * whatever the locale. Returns buf. */
char *fmt_double(char *buf, size_t size, double x);

/* Length of the valid UTF-8 sequence at s, 0 if it is not one (RFC 3629:
 * no overlong forms, no surrogates, nothing above U+10FFFF). */
size_t fmt_utf8_len(const unsigned char *s);
/* prefix then text, broken at spaces so that no line is wider than w
 * columns (UTF-8 aware), the lines after the first indented under the
 * text; ends with a newline. */
void fmt_wrapped(FILE *f, const char *prefix, const char *text, int w);

#endif
