/*
 * fmt.c - numbers as the reports print them: times and ratios with 3
 * significant digits for people, doubles at full precision for machines.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "fmt.h"

char *fmt_time(char *buf, size_t size, double ns, int utf8)
{
    static const char *const units[] = {"ns", "us", "ms", "s"};
    double v = ns, a = fabs(ns);
    int u = 0;
    /* Pick the unit after rounding to 3 significant digits, so 999.7 ns
     * prints as 1.00 us, not 1000 ns. */
    while (u < 3 && a >= 999.5) {
        v /= 1000;
        a /= 1000;
        u++;
    }
    if (u == 1 && utf8)
        snprintf(buf, size, "%.*f \xc2\xb5s", a >= 99.95 ? 0 : a >= 9.995 ? 1 : 2, v);
    else
        snprintf(buf, size, "%.*f %s", a >= 99.95 ? 0 : a >= 9.995 ? 1 : 2, v, units[u]);
    return buf;
}

char *fmt_ratio(char *buf, size_t size, double r)
{
    if (!isfinite(r))
        snprintf(buf, size, "?");
    else
        snprintf(buf, size, "%.*fx", r >= 999.5 ? 0 : r >= 9.995 ? 1 : 2, r);
    return buf;
}

/* The shortest of %.15g..%.17g that reads back exactly (0.1 stays "0.1").
 * The decimal separator is forced to '.' whatever LC_NUMERIC the host
 * program chose, or a comma locale would break JSON and CSV. */
char *fmt_double(char *buf, size_t size, double x)
{
    char tmp[40], *s, *d;
    int prec;

    for (prec = 15;; prec++) {
        snprintf(tmp, sizeof tmp, "%.*g", prec, x);
        if (prec == 17 || strtod(tmp, NULL) == x)
            break;
    }
    for (s = tmp, d = buf; *s && d + 1 < buf + size;) {
        if ((*s >= '0' && *s <= '9') || *s == '-' || *s == '+' || *s == 'e' || *s == 'i' ||
            *s == 'n' || *s == 'f' || *s == 'a') {
            *d++ = *s++;
        } else { /* a locale's separator, possibly several bytes */
            *d++ = '.';
            while (*s && !(*s >= '0' && *s <= '9'))
                s++;
        }
    }
    *d = 0;
    return buf;
}
