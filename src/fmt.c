/*
 * fmt.c - numbers as the reports print them: times and ratios with 3
 * significant digits for people, doubles at full precision for machines.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* Length of the valid UTF-8 sequence at s, 0 if it is not one (RFC 3629:
 * no overlong forms, no surrogates, nothing above U+10FFFF). */
size_t fmt_utf8_len(const unsigned char *s)
{
    unsigned char lo = 0x80, hi = 0xBF;
    size_t len, i;

    if (s[0] < 0x80)
        return 1;
    if (s[0] >= 0xC2 && s[0] <= 0xDF)
        len = 2;
    else if (s[0] >= 0xE0 && s[0] <= 0xEF)
        len = 3;
    else if (s[0] >= 0xF0 && s[0] <= 0xF4)
        len = 4;
    else
        return 0;
    if (s[0] == 0xE0)
        lo = 0xA0;
    else if (s[0] == 0xED)
        hi = 0x9F;
    else if (s[0] == 0xF0)
        lo = 0x90;
    else if (s[0] == 0xF4)
        hi = 0x8F;
    if (s[1] < lo || s[1] > hi)
        return 0; /* also stops at the terminating NUL */
    for (i = 2; i < len; i++)
        if (s[i] < 0x80 || s[i] > 0xBF)
            return 0;
    return len;
}

/* prefix and text ("  note: ..."), broken at spaces so that no line is
 * wider than w, the lines after the first indented under the text. */
void fmt_wrapped(FILE *f, const char *prefix, const char *text, int w)
{
    const int indent = (int)strlen(prefix);
    int col = indent;

    fputs(prefix, f);
    while (*text) {
        const char *end = strchr(text, ' ');
        int len = end ? (int)(end - text) : (int)strlen(text);
        int wlen = 0, i;
        for (i = 0; i < len; i++)
            wlen += ((unsigned char)text[i] & 0xC0) != 0x80;
        if (col > indent && col + 1 + wlen > w) {
            fprintf(f, "\n%*s", indent, "");
            col = indent;
        } else if (col > indent) {
            fputc(' ', f);
            col++;
        }
        fwrite(text, 1, (size_t)len, f);
        col += wlen;
        text += len;
        while (*text == ' ')
            text++;
    }
    fputc('\n', f);
}

char *fmt_count(char *buf, size_t size, double x)
{
    char digits[48], out[80];
    double whole;
    size_t len, i, o = 0;
    int tenths;

    if (!isfinite(x) || x < -0.05 || x >= 1e18) {
        snprintf(buf, size, "?");
        return buf;
    }
    tenths = (int)(fmod(fabs(x), 1.0) * 10 + 0.5);
    whole = floor(fabs(x));
    if (tenths == 10)
        whole += 1, tenths = 0;
    snprintf(digits, sizeof digits, "%.0f", whole);
    len = strlen(digits);
    for (i = 0; i < len; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = digits[i];
    }
    out[o] = 0;
    if (x != floor(x))
        snprintf(buf, size, "%s.%d", out, tenths);
    else
        snprintf(buf, size, "%s", out);
    return buf;
}
