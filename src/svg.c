/*
 * svg.c - what every plot is drawn with (svg.h).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fmt.h"
#include "svg.h"

/* One character at s, escaped; returns how many bytes it took. */
static size_t put_char(FILE *f, const unsigned char *s)
{
    size_t len = fmt_utf8_len(s);

    if (len == 0 || (len == 3 && s[0] == 0xEF && s[1] == 0xBF && s[2] >= 0xBE)) {
        fputs("\xef\xbf\xbd", f); /* U+FFFD */
        return len ? len : 1;
    }
    switch (*s) {
    case '&': fputs("&amp;", f); break;
    case '<': fputs("&lt;", f); break;
    case '>': fputs("&gt;", f); break;
    case '"': fputs("&quot;", f); break;
    case '\'': fputs("&#39;", f); break;
    default:
        if (*s < 0x20 || *s == 0x7f)
            fprintf(f, "\\x%02x", *s);
        else
            fwrite(s, 1, len, f);
    }
    return len;
}

void svg_text(FILE *f, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (p && *p)
        p += put_char(f, p);
}

void svg_text_cut(FILE *f, const char *s, size_t max)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t chars = 0, len;

    if (!s)
        return;
    for (; *p; p += len ? len : 1)
        len = fmt_utf8_len(p), chars++;
    if (chars <= max) {
        svg_text(f, s);
        return;
    }
    for (p = (const unsigned char *)s, chars = 0; chars + 1 < max; chars++)
        p += put_char(f, p);
    fputs("\xe2\x80\xa6", f); /* … */
}

void svg_num(FILE *f, double x)
{
    long long v;
    if (!isfinite(x) || fabs(x) > 1e12)
        x = 0;
    v = llround(x * 10);
    if (v < 0) {
        fputc('-', f);
        v = -v;
    }
    if (v % 10)
        fprintf(f, "%lld.%lld", v / 10, v % 10);
    else
        fprintf(f, "%lld", v / 10);
}

void svg_axis_log(svg_axis *a, double vmin, double vmax, double p0, double p1)
{
    double lo = log10(vmin), hi = log10(vmax), pad;

    if (!isfinite(lo) || !isfinite(hi) || hi < lo)
        lo = hi = 0;
    pad = 0.05 * (hi - lo) + 0.05;
    a->lo = lo - pad;
    a->hi = hi + pad;
    if (floor(a->hi) - ceil(a->lo) < 1) { /* fewer than two decade ticks */
        a->lo = fmin(a->lo, floor(lo));
        a->hi = fmax(a->hi, ceil(hi));
        if (a->hi < ceil(a->lo) + 1)
            a->hi = ceil(a->lo) + 1;
    }
    a->p0 = p0;
    a->p1 = p1;
}

double svg_at(const svg_axis *a, double v)
{
    return a->p0 + (log10(v) - a->lo) / (a->hi - a->lo) * (a->p1 - a->p0);
}

void svg_decades(const svg_axis *a, int *first, int *last)
{
    *first = (int)ceil(a->lo - 1e-9);
    *last = (int)floor(a->hi + 1e-9);
}

/* 10^k as a mantissa of 1, 10 or 100 with one of the prefixes, from the
 * lowest: "0.1", "0.01" below them. */
static char *decade_label(char *buf, size_t size, int k, const char *const *prefix, int nprefix,
                          const char *sep)
{
    static const char *const mant[] = {"1", "10", "100"};
    int step = k >= 0 ? k / 3 : -1;

    if (k < 0)
        snprintf(buf, size, "%.*f%s%s", -k, pow(10, k), sep, prefix[0]);
    else if (step < nprefix)
        snprintf(buf, size, "%s%s%s", mant[k % 3], sep, prefix[step]);
    else
        snprintf(buf, size, "1e%d%s%s", k - 3 * (nprefix - 1), sep, prefix[nprefix - 1]);
    return buf;
}

char *svg_time_label(char *buf, size_t size, int k)
{
    static const char *const units[] = {"ns", "\xc2\xb5s", "ms", "s"};
    if (k >= 12) { /* 1000 s and up: in seconds */
        snprintf(buf, size, "1e%d s", k - 9);
        return buf;
    }
    return decade_label(buf, size, k, units, 4, " ");
}

char *svg_size_label(char *buf, size_t size, int k)
{
    static const char *const prefix[] = {"", "k", "M", "G", "T", "P", "E"};
    return decade_label(buf, size, k, prefix, 7, "");
}

char *svg_ratio_label(char *buf, size_t size, int k)
{
    static const char *const x[] = {"x"};
    if (k > 6)
        snprintf(buf, size, "1e%dx", k);
    else if (k >= 0)
        snprintf(buf, size, "%.0fx", pow(10, k));
    else
        decade_label(buf, size, k, x, 1, "");
    return buf;
}

void svg_shape(FILE *f, int shape, double x, double y, double r)
{
    double h = r * 0.9; /* a square looks larger than a circle of its width */
    switch (shape) {
    case 0: /* circle */
        fputs("M", f), svg_num(f, x - r), fputc(' ', f), svg_num(f, y);
        fputs("a", f), svg_num(f, r), fputc(' ', f), svg_num(f, r);
        fputs(" 0 1 0 ", f), svg_num(f, 2 * r), fputs(" 0a", f), svg_num(f, r), fputc(' ', f);
        svg_num(f, r), fputs(" 0 1 0 ", f), svg_num(f, -2 * r), fputs(" 0z", f);
        break;
    case 1: /* square */
        fputs("M", f), svg_num(f, x - h), fputc(' ', f), svg_num(f, y - h);
        fputs("h", f), svg_num(f, 2 * h), fputs("v", f), svg_num(f, 2 * h);
        fputs("h", f), svg_num(f, -2 * h), fputs("z", f);
        break;
    case 2: /* triangle, point up */
    case 4: /* triangle, point down */
    {
        double d = shape == 2 ? 1 : -1;
        fputs("M", f), svg_num(f, x), fputc(' ', f), svg_num(f, y - d * r * 1.2);
        fputs("L", f), svg_num(f, x + r * 1.1), fputc(' ', f), svg_num(f, y + d * r * 0.8);
        fputs("L", f), svg_num(f, x - r * 1.1), fputc(' ', f), svg_num(f, y + d * r * 0.8);
        fputs("z", f);
        break;
    }
    case 3: /* diamond */
        fputs("M", f), svg_num(f, x), fputc(' ', f), svg_num(f, y - r * 1.3);
        fputs("L", f), svg_num(f, x + r * 1.1), fputc(' ', f), svg_num(f, y);
        fputs("L", f), svg_num(f, x), fputc(' ', f), svg_num(f, y + r * 1.3);
        fputs("L", f), svg_num(f, x - r * 1.1), fputc(' ', f), svg_num(f, y), fputs("z", f);
        break;
    default: /* a cross, X */
        fputs("M", f), svg_num(f, x - r), fputc(' ', f), svg_num(f, y - r);
        fputs("l", f), svg_num(f, 2 * r), fputc(' ', f), svg_num(f, 2 * r);
        fputs("m0 ", f), svg_num(f, -2 * r), fputs("l", f), svg_num(f, -2 * r), fputc(' ', f);
        svg_num(f, 2 * r);
        break;
    }
}

void svg_marker(FILE *f, int s, double x, double y, double r, const char *cls, int hollow,
                const char *title)
{
    s %= SVG_NSTYLES;
    fprintf(f, "<path class=\"%s s%d%s\" d=\"", cls, s, hollow || s == 5 ? " hollow" : "");
    svg_shape(f, s, x, y, r);
    if (title) {
        fputs("\"><title>", f);
        svg_text(f, title);
        fputs("</title></path>", f);
    } else {
        fputs("\"/>", f);
    }
}

void svg_style(FILE *f)
{
    fputs(
        /* clang-format off */
        "svg.plot{font-family:sans-serif;font-size:11px}\n"
        "svg.plot text{fill:#222;stroke:none}\n"
        "svg.plot .bg{fill:#fff;stroke:none}\n"
        "svg.plot .frame{fill:none;stroke:#555}\n"
        "svg.plot .grid{stroke:#d8d8d8;fill:none}\n"
        "svg.plot .minor{stroke:#eee;fill:none}\n"
        "svg.plot .ref{stroke:#555;stroke-dasharray:3 3;fill:none}\n"
        "svg.plot .small{font-size:9px;fill:#555}\n"
        "svg.plot .title{font-size:13px;font-weight:bold}\n"
        "svg.plot .pt{stroke-width:1.2}\n"
        "svg.plot .bar{fill:none;stroke-width:1.2}\n"
        "svg.plot .fit{fill:none;stroke-width:1.6}\n"
        "svg.plot .band{fill:#000;fill-opacity:.09;stroke:none}\n"
        "svg.plot .med{stroke:#000;stroke-width:2}\n"
        "svg.plot .strip .pt{fill-opacity:.55;stroke-width:.6}\n"
        "svg.plot .s0{fill:#1f4e79;stroke:#1f4e79}\n"
        "svg.plot .s1{fill:#e66101;stroke:#e66101}\n"
        "svg.plot .s2{fill:#5e3c99;stroke:#5e3c99}\n"
        "svg.plot .s3{fill:#1b9e77;stroke:#1b9e77}\n"
        "svg.plot .s4{fill:#a6611a;stroke:#a6611a}\n"
        "svg.plot .s5{fill:#111;stroke:#111}\n"
        "svg.plot .hollow,svg.plot .strip .hollow{fill:#fff;fill-opacity:1}\n"
        "svg.plot .fit.s1{stroke-dasharray:8 4}\n"
        "svg.plot .fit.s2{stroke-dasharray:2 3}\n"
        "svg.plot .fit.s3{stroke-dasharray:8 3 2 3}\n"
        "svg.plot .fit.s4{stroke-dasharray:4 4}\n"
        "svg.plot .fit.s5{stroke-dasharray:12 3 2 3 2 3}\n"
        "svg.plot .regressed{fill:#b2182b;stroke:#b2182b}\n"
        "svg.plot .improved{fill:#1a9641;stroke:#1a9641}\n"
        "svg.plot .unchanged{fill:#777;stroke:#777}\n"
        "svg.plot .link{fill:none;stroke-width:2.5}\n"
        "svg.plot .old{fill:#fff}\n",
        /* clang-format on */
        f);
}
