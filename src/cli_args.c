/*
 * cli_args.c - the command line, parsed into a cli_opts. Re-entrant and
 * allocation-light so it can be fuzzed; every rejection says what was wrong
 * and what is accepted, in one line.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define MAX_SIZE 1e15
#define SIZES_ACCEPTED "expected positive integers up to 1e15 like 1000,1e4,10k,1M"

static int fail(char *err, size_t errsz, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errsz, fmt, ap);
    va_end(ap);
    return 2;
}

/* A non-negative number written as digits, an optional fraction and
 * exponent, and an optional k/M/G suffix: "1000", "1e4", "5e-1", "2.5k".
 * strtod alone would also take signs, spaces, hex, "inf" and "nan". */
static int parse_number(const char *s, size_t len, double *out)
{
    char buf[64];
    size_t i = 0, digits = 0;
    double mult = 1, v;

    if (len == 0 || len >= sizeof buf)
        return -1;
    memcpy(buf, s, len);
    buf[len] = 0;
    switch (buf[len - 1]) {
    case 'k': case 'K': mult = 1e3; buf[--len] = 0; break;
    case 'M': case 'm': mult = 1e6; buf[--len] = 0; break;
    case 'G': case 'g': mult = 1e9; buf[--len] = 0; break;
    default: break;
    }
    while (buf[i] >= '0' && buf[i] <= '9')
        i++, digits++;
    if (buf[i] == '.') {
        i++;
        while (buf[i] >= '0' && buf[i] <= '9')
            i++, digits++;
    }
    if (digits == 0)
        return -1;
    if (buf[i] == 'e' || buf[i] == 'E') {
        size_t e = 0;
        i++;
        if (buf[i] == '+' || buf[i] == '-')
            i++;
        while (buf[i] >= '0' && buf[i] <= '9')
            i++, e++;
        if (e == 0)
            return -1;
    }
    if (buf[i] != 0)
        return -1;
    v = strtod(buf, NULL) * mult;
    if (!isfinite(v))
        v = INFINITY;
    *out = v;
    return 0;
}

/* A whole count in [1, max]. Returns 0, -1 (not a number), -2 (not a
 * positive whole number) or -3 (too large). */
static int parse_count(const char *s, size_t len, double max, uint64_t *out)
{
    double v;
    if (parse_number(s, len, &v) != 0)
        return -1;
    if (v > max)
        return -3;
    if (v < 1 || v != floor(v))
        return -2;
    *out = (uint64_t)v;
    return 0;
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

int parse_sizes(const char *s, size_t *sizes, size_t cap, size_t *n,
                char *err, size_t errsz)
{
    const char *p = s;
    size_t count = 0, i, j;

    if (!*s)
        return fail(err, errsz, "--sizes: empty list (%s)", SIZES_ACCEPTED);
    for (;;) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        uint64_t v;
        int rc = parse_count(p, len, MAX_SIZE, &v);
        if (len == 0)
            return fail(err, errsz, "--sizes: empty size in '%s' (%s)", s, SIZES_ACCEPTED);
        if (rc == -3)
            return fail(err, errsz, "--sizes: '%.*s' is too large (%s)", (int)len, p, SIZES_ACCEPTED);
        if (rc != 0)
            return fail(err, errsz, "--sizes: '%.*s' is not a size (%s)", (int)len, p, SIZES_ACCEPTED);
        if (count == cap)
            return fail(err, errsz, "--sizes: more than %zu sizes (%s)", cap, SIZES_ACCEPTED);
        sizes[count++] = (size_t)v;
        if (!end)
            break;
        p = end + 1;
    }
    qsort(sizes, count, sizeof *sizes, cmp_size);
    for (i = j = 0; i < count; i++)
        if (j == 0 || sizes[j - 1] != sizes[i])
            sizes[j++] = sizes[i];
    *n = j;
    return 0;
}

static int parse_seconds(const char *opt, const char *v, double *out, char *err, size_t errsz)
{
    size_t len = strlen(v);
    double mult = 1, x;
    if (len > 2 && strcmp(v + len - 2, "ms") == 0)
        mult = 1e-3, len -= 2;
    else if (len > 1 && v[len - 1] == 's')
        len -= 1;
    if (len == 0 || (v[len - 1] < '0' || v[len - 1] > '9') || parse_number(v, len, &x) != 0 ||
        !(x * mult > 0) || x * mult > 3600)
        return fail(err, errsz, "%s: '%s' is not a duration (expected seconds in (0, 3600] like 0.5, 2s or 300ms)", opt, v);
    *out = x * mult;
    return 0;
}

static int parse_format(const char *v, out_format *f, char *err, size_t errsz)
{
    static const char *const names[] = {"table", "json", "csv", "markdown"};
    size_t i;
    for (i = 0; i < 4; i++) {
        if (strcmp(v, names[i]) == 0) {
            *f = (out_format)i;
            return 0;
        }
    }
    if (strcmp(v, "md") == 0) {
        *f = FMT_MARKDOWN;
        return 0;
    }
    return fail(err, errsz, "--format: '%s' is not a format (expected table, json, csv or markdown)", v);
}

static int parse_threshold(const char *v, double *out, char *err, size_t errsz)
{
    size_t len = strlen(v);
    double x;
    if (len > 0 && v[len - 1] == '%')
        len--;
    if (parse_number(v, len, &x) != 0 || x > 1000)
        return fail(err, errsz, "--threshold: '%s' is not a percentage (expected a number in [0, 1000] like 5 or 2.5%%)", v);
    *out = x;
    return 0;
}

enum opt_id {
    O_LIST, O_SIZES, O_NUMBER, O_REPEAT, O_MIN_TIME, O_FORMAT, O_OUTPUT,
    O_COMPARE, O_THRESHOLD, O_QUIET, O_NO_COLOR, O_VERBOSE, O_HELP, O_VERSION,
    O_TIMEOUT, O_NO_ISOLATE, O_PRECISION
};

static const struct option_def {
    const char *name;
    char short_name;
    int takes_value;
    enum opt_id id;
} options[] = {
    {"list", 'l', 0, O_LIST},           {"sizes", 0, 1, O_SIZES},
    {"number", 'n', 1, O_NUMBER},       {"repeat", 'r', 1, O_REPEAT},
    {"min-time", 0, 1, O_MIN_TIME},     {"format", 0, 1, O_FORMAT},
    {"output", 'o', 1, O_OUTPUT},       {"compare", 0, 1, O_COMPARE},
    {"threshold", 0, 1, O_THRESHOLD},   {"quiet", 'q', 0, O_QUIET},
    {"no-color", 0, 0, O_NO_COLOR},     {"verbose", 'v', 0, O_VERBOSE},
    {"help", 'h', 0, O_HELP},           {"version", 'V', 0, O_VERSION},
    {"timeout", 0, 1, O_TIMEOUT},       {"no-isolate", 0, 0, O_NO_ISOLATE},
    {"precision", 0, 1, O_PRECISION},
};
#define NOPTIONS (sizeof options / sizeof options[0])

static int apply(cli_opts *o, const struct option_def *d, const char *v,
                 char *err, size_t errsz)
{
    uint64_t x;
    int rc;

    switch (d->id) {
    case O_LIST: o->list = 1; return 0;
    case O_QUIET: o->quiet = 1; return 0;
    case O_NO_COLOR: o->no_color = 1; return 0;
    case O_VERBOSE: o->verbose = 1; return 0;
    case O_HELP: o->help = 1; return 0;
    case O_VERSION: o->version = 1; return 0;
    case O_NO_ISOLATE: o->no_isolate = 1; return 0;
    case O_PRECISION: {
        size_t len = strlen(v);
        double x;
        if (len > 0 && v[len - 1] == '%')
            len--;
        if (parse_number(v, len, &x) != 0 || !(x >= 0.01) || x > 100)
            return fail(err, errsz, "--precision: '%s' is not a percentage (expected a number in [0.01, 100] like 1 or 0.5%%)", v);
        o->precision = x;
        return 0;
    }
    case O_TIMEOUT:
        return parse_seconds("--timeout", v, &o->timeout, err, errsz);
    case O_SIZES:
        return parse_sizes(v, o->sizes, BENCH_MAX_SIZES, &o->nsizes, err, errsz);
    case O_NUMBER:
        rc = parse_count(v, strlen(v), 1e12, &x);
        if (rc != 0)
            return fail(err, errsz, "--number: '%s' is not a call count (expected a positive integer up to 1e12 like 1000 or 1M)", v);
        o->number = x;
        return 0;
    case O_REPEAT:
        rc = parse_count(v, strlen(v), 1e6, &x);
        if (rc != 0)
            return fail(err, errsz, "--repeat: '%s' is not a sample count (expected a positive integer up to 1000000)", v);
        o->repeat = (unsigned)x;
        return 0;
    case O_MIN_TIME:
        return parse_seconds("--min-time", v, &o->min_time, err, errsz);
    case O_FORMAT:
        o->format_set = 1;
        return parse_format(v, &o->format, err, errsz);
    case O_OUTPUT:
        if (!*v)
            return fail(err, errsz, "--output: empty file name (expected a path)");
        o->output = v;
        return 0;
    case O_COMPARE:
        if (!*v)
            return fail(err, errsz, "--compare: empty file name (expected a JSON result written by --format json)");
        o->compare = v;
        return 0;
    case O_THRESHOLD:
        return parse_threshold(v, &o->threshold, err, errsz);
    }
    return fail(err, errsz, "internal: unhandled option");
}

static const struct option_def *find_long(const char *name, size_t len)
{
    size_t i;
    for (i = 0; i < NOPTIONS; i++)
        if (strlen(options[i].name) == len && strncmp(options[i].name, name, len) == 0)
            return &options[i];
    return NULL;
}

static const struct option_def *find_short(char c)
{
    size_t i;
    for (i = 0; i < NOPTIONS; i++)
        if (options[i].short_name == c)
            return &options[i];
    return NULL;
}

int cli_parse(int argc, char **argv, cli_opts *o, char *err, size_t errsz)
{
    int i, only_patterns = 0, rc;

    memset(o, 0, sizeof *o);
    o->threshold = 5.0;
    o->patterns = calloc(argc > 0 ? (size_t)argc : 1, sizeof *o->patterns);
    if (!o->patterns)
        return fail(err, errsz, "out of memory");
    for (i = 1; i < argc; i++) {
        char *a = argv[i];
        const struct option_def *d;

        if (only_patterns || a[0] != '-' || a[1] == 0) {
            if (!*a)
                return fail(err, errsz, "empty pattern (expected a group, a case or a glob like 'member/*')");
            o->patterns[o->npatterns++] = a;
            continue;
        }
        if (strcmp(a, "--") == 0) {
            only_patterns = 1;
            continue;
        }
        if (a[1] == '-') {
            const char *name = a + 2, *eq = strchr(name, '=');
            size_t len = eq ? (size_t)(eq - name) : strlen(name);
            const char *v = eq ? eq + 1 : NULL;
            d = find_long(name, len);
            if (!d)
                return fail(err, errsz, "unknown option '--%.*s' (see bench --help)", (int)len, name);
            if (d->takes_value && !v) {
                if (i + 1 >= argc)
                    return fail(err, errsz, "--%s: missing value (see bench --help)", d->name);
                v = argv[++i];
            } else if (!d->takes_value && v) {
                return fail(err, errsz, "--%s takes no value (got '%s')", d->name, v);
            }
            if ((rc = apply(o, d, v, err, errsz)) != 0)
                return rc;
            continue;
        }
        /* Short options, bundled (-qv) or with an attached value (-n5). */
        for (a++; *a; a++) {
            d = find_short(*a);
            if (!d)
                return fail(err, errsz, "unknown option '-%c' (see bench --help)", *a);
            if (d->takes_value) {
                const char *v = a[1] ? a + 1 : NULL;
                if (!v) {
                    if (i + 1 >= argc)
                        return fail(err, errsz, "-%c: missing value (see bench --help)", *a);
                    v = argv[++i];
                }
                if ((rc = apply(o, d, v, err, errsz)) != 0)
                    return rc;
                break;
            }
            if ((rc = apply(o, d, NULL, err, errsz)) != 0)
                return rc;
        }
    }
    return 0;
}

void cli_opts_free(cli_opts *o)
{
    free(o->patterns);
    o->patterns = NULL;
    o->npatterns = 0;
}
