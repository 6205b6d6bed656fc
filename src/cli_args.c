/*
 * cli_args.c - the command line: the options, their --help text, and the
 * parser into a cli_opts. Re-entrant and allocation-light so it can be
 * fuzzed; every rejection says what was wrong and what is accepted, in one
 * line.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_args.h"
#include "counted.h"
#include "error.h"

#define MAX_SIZE       1e15
#define SIZES_ACCEPTED "expected positive integers up to 1e15 like 1000,1e4,10k,1M"

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
    case 'k':
    case 'K':
        mult = 1e3;
        buf[--len] = 0;
        break;
    case 'M':
    case 'm':
        mult = 1e6;
        buf[--len] = 0;
        break;
    case 'G':
    case 'g':
        mult = 1e9;
        buf[--len] = 0;
        break;
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

int cli_parse_sizes(const char *s, size_t *sizes, size_t cap, size_t *n, char *err, size_t errsz)
{
    const char *p = s;
    size_t count = 0, i, j;

    if (!*s)
        return error_set(err, errsz, 2, "--sizes: empty list (%s)", SIZES_ACCEPTED);
    for (;;) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        uint64_t v;
        int rc = parse_count(p, len, MAX_SIZE, &v);
        if (len == 0)
            return error_set(err, errsz, 2, "--sizes: empty size in '%s' (%s)", s, SIZES_ACCEPTED);
        if (rc == -3)
            return error_set(err, errsz, 2, "--sizes: '%.*s' is too large (%s)", (int)len, p,
                             SIZES_ACCEPTED);
        if (rc != 0)
            return error_set(err, errsz, 2, "--sizes: '%.*s' is not a size (%s)", (int)len, p,
                             SIZES_ACCEPTED);
        if (count == cap)
            return error_set(err, errsz, 2, "--sizes: more than %zu sizes (%s)", cap,
                             SIZES_ACCEPTED);
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

int cli_parse_seconds(const char *opt, const char *v, double *out, char *err, size_t errsz)
{
    size_t len = strlen(v);
    double mult = 1, x;
    if (len > 2 && strcmp(v + len - 2, "ms") == 0)
        mult = 1e-3, len -= 2;
    else if (len > 1 && v[len - 1] == 's')
        len -= 1;
    if (len == 0 || (v[len - 1] < '0' || v[len - 1] > '9') || parse_number(v, len, &x) != 0 ||
        !(x * mult > 0) || x * mult > 3600)
        return error_set(
            err, errsz, 2,
            "%s: '%s' is not a duration (expected seconds in (0, 3600] like 0.5, 2s or 300ms)", opt,
            v);
    *out = x * mult;
    return 0;
}

static int parse_format(const char *v, const report_format **f, char *err, size_t errsz)
{
    char names[128];
    if ((*f = report_format_named(v)) != NULL)
        return 0;
    return error_set(err, errsz, 2, "--format: '%s' is not a format (expected %s)", v,
                     report_format_names(names, sizeof names));
}

int cli_parse_percent(const char *opt, const char *v, double lo, double hi, const char *example,
                      double *out, char *err, size_t errsz)
{
    const char *digits = v + (*v == '-'); /* "-0" is 0; below 0, none is a percentage */
    size_t len = strlen(digits);
    double x;
    if (len > 0 && digits[len - 1] == '%')
        len--;
    if (parse_number(digits, len, &x) != 0 || (*v == '-' && x != 0) || !(x >= lo) || x > hi)
        return error_set(err, errsz, 2,
                         "%s: '%s' is not a percentage (expected a number in [%g, %g] like %s)",
                         opt, v, lo, hi, example);
    *out = x;
    return 0;
}

enum opt_id {
    O_LIST,
    O_SIZES,
    O_NUMBER,
    O_REPEAT,
    O_MIN_TIME,
    O_FORMAT,
    O_OUTPUT,
    O_COMPARE,
    O_THRESHOLD,
    O_QUIET,
    O_NO_COLOR,
    O_VERBOSE,
    O_HELP,
    O_VERSION,
    O_TIMEOUT,
    O_NO_ISOLATE,
    O_PRECISION,
    O_EXCLUDE,
    O_PROCESSES,
    O_PLOT,
    O_LATENCY,
    O_INSTRUCTIONS,
    O_CACHE_SIM,
    O_COUNTERS
};

static const struct option_def {
    const char *name;
    char short_name;
    int takes_value;
    enum opt_id id;
} options[] = {
    /* clang-format off */
    {"list", 'l', 0, O_LIST},         {"sizes", 0, 1, O_SIZES},
    {"number", 'n', 1, O_NUMBER},     {"repeat", 'r', 1, O_REPEAT},
    {"min-time", 0, 1, O_MIN_TIME},   {"format", 0, 1, O_FORMAT},
    {"output", 'o', 1, O_OUTPUT},     {"compare", 0, 1, O_COMPARE},
    {"threshold", 0, 1, O_THRESHOLD}, {"quiet", 'q', 0, O_QUIET},
    {"no-color", 0, 0, O_NO_COLOR},   {"verbose", 'v', 0, O_VERBOSE},
    {"help", 'h', 0, O_HELP},         {"version", 'V', 0, O_VERSION},
    {"timeout", 0, 1, O_TIMEOUT},     {"no-isolate", 0, 0, O_NO_ISOLATE},
    {"precision", 0, 1, O_PRECISION}, {"exclude", 0, 1, O_EXCLUDE},
    {"processes", 0, 1, O_PROCESSES}, {"plot", 0, 1, O_PLOT},
    {"latency", 0, 0, O_LATENCY},
    {"instructions", 0, 0, O_INSTRUCTIONS}, {"cache-sim", 0, 0, O_CACHE_SIM},
    {"counters", 0, 0, O_COUNTERS},
    /* clang-format on */
};
#define NOPTIONS (sizeof options / sizeof options[0])

static int apply(cli_opts *o, const struct option_def *d, const char *v, char *err, size_t errsz)
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
    case O_LATENCY: o->latency = 1; return 0;
    case O_INSTRUCTIONS: o->instructions = 1; return 0;
    case O_CACHE_SIM: o->cache_sim = o->instructions = 1; return 0;
    case O_COUNTERS: o->counters = 1; return 0;
    case O_EXCLUDE:
        if (!*v)
            return error_set(err, errsz, 2,
                             "--exclude: empty pattern (expected a group, a case or a glob like "
                             "'member/*')");
        o->excludes[o->nexcludes++] = (char *)v; /* v points into argv */
        return 0;
    case O_PRECISION:
        return cli_parse_percent("--precision", v, 0.01, 100, "1 or 0.5%", &o->precision, err,
                                 errsz);
    case O_TIMEOUT: return cli_parse_seconds("--timeout", v, &o->timeout, err, errsz);
    case O_SIZES: return cli_parse_sizes(v, o->sizes, BENCH_MAX_SIZES, &o->nsizes, err, errsz);
    case O_NUMBER:
        rc = parse_count(v, strlen(v), 1e12, &x);
        if (rc != 0)
            return error_set(
                err, errsz, 2,
                "--number: '%s' is not a call count (expected a positive integer up to 1e12 like 1000 or 1M)",
                v);
        o->number = x;
        return 0;
    case O_REPEAT:
        rc = parse_count(v, strlen(v), 1e6, &x);
        if (rc != 0)
            return error_set(
                err, errsz, 2,
                "--repeat: '%s' is not a sample count (expected a positive integer up to 1000000)",
                v);
        o->repeat = (unsigned)x;
        return 0;
    case O_PROCESSES:
        rc = parse_count(v, strlen(v), 32, &x);
        if (rc != 0)
            return error_set(
                err, errsz, 2,
                "--processes: '%s' is not a process count (expected an integer from 1 to 32)", v);
        o->processes = (unsigned)x;
        return 0;
    case O_MIN_TIME: return cli_parse_seconds("--min-time", v, &o->min_time, err, errsz);
    case O_FORMAT: return parse_format(v, &o->format, err, errsz);
    case O_OUTPUT:
        if (!*v)
            return error_set(err, errsz, 2, "--output: empty file name (expected a path)");
        o->output = v;
        return 0;
    case O_PLOT:
        if (!*v || strcmp(v, "-") == 0)
            return error_set(err, errsz, 2,
                             "--plot: '%s' is not a file name (expected a path like growth.svg)",
                             v);
        o->plot = v;
        return 0;
    case O_COMPARE:
        if (!*v)
            return error_set(
                err, errsz, 2,
                "--compare: empty file name (expected a JSON result written by --format json)");
        o->compare = v;
        return 0;
    case O_THRESHOLD:
        o->threshold_set = 1;
        return cli_parse_percent("--threshold", v, 0, 1000, "5 or 2.5%", &o->threshold, err, errsz);
    }
    return error_set(err, errsz, 2, "internal: unhandled option");
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

/* The cursor over argv: the long option at argv[*i], or the bundle of
 * short ones, may take the next argument as its value. */
typedef struct args {
    int argc;
    char **argv;
    int i;
} args;

/* --name, --name=value or --name value. */
static int long_option(args *a, cli_opts *o, char *err, size_t errsz)
{
    const char *name = a->argv[a->i] + 2, *eq = strchr(name, '=');
    size_t len = eq ? (size_t)(eq - name) : strlen(name);
    const char *v = eq ? eq + 1 : NULL;
    const struct option_def *d = find_long(name, len);

    if (!d)
        return error_set(err, errsz, 2, "unknown option '--%.*s' (see %s --help)", (int)len, name,
                         o->prog);
    if (d->takes_value && !v) {
        if (a->i + 1 >= a->argc)
            return error_set(err, errsz, 2, "--%s: missing value (see %s --help)", d->name,
                             o->prog);
        v = a->argv[++a->i];
    } else if (!d->takes_value && v) {
        return error_set(err, errsz, 2, "--%s takes no value (got '%s')", d->name, v);
    }
    return apply(o, d, v, err, errsz);
}

/* Short options, bundled (-qv) or with an attached value (-n5). */
static int short_options(args *a, cli_opts *o, char *err, size_t errsz)
{
    const char *s;
    int rc;

    for (s = a->argv[a->i] + 1; *s; s++) {
        const struct option_def *d = find_short(*s);
        const char *v = NULL;
        if (!d)
            return error_set(err, errsz, 2, "unknown option '-%c' (see %s --help)", *s, o->prog);
        if (d->takes_value && !(v = s[1] ? s + 1 : NULL)) {
            if (a->i + 1 >= a->argc)
                return error_set(err, errsz, 2, "-%c: missing value (see %s --help)", *s, o->prog);
            v = a->argv[++a->i];
        }
        if ((rc = apply(o, d, v, err, errsz)) != 0 || d->takes_value)
            return rc;
    }
    return 0;
}

int cli_parse(int argc, char **argv, cli_opts *o, char *err, size_t errsz)
{
    args a = {argc, argv, 0};
    int only_patterns = 0, rc;

    memset(o, 0, sizeof *o);
    o->prog = cli_prog_name(argc > 0 ? argv[0] : NULL);
    o->threshold = 5.0;
    o->patterns = calloc(argc > 0 ? (size_t)argc : 1, sizeof *o->patterns);
    o->excludes = calloc(argc > 0 ? (size_t)argc : 1, sizeof *o->excludes);
    if (!o->patterns || !o->excludes)
        return error_set(err, errsz, 2, "out of memory");
    for (a.i = 1; a.i < argc; a.i++) {
        char *arg = argv[a.i];
        if (only_patterns || arg[0] != '-' || arg[1] == 0) {
            if (!*arg)
                return error_set(err, errsz, 2,
                                 "empty pattern (expected a group, a case or a "
                                 "glob like 'member/*')");
            o->patterns[o->npatterns++] = arg;
        } else if (strcmp(arg, "--") == 0) {
            only_patterns = 1;
        } else if ((rc = arg[1] == '-' ? long_option(&a, o, err, errsz)
                                       : short_options(&a, o, err, errsz)) != 0) {
            return rc;
        }
    }
    if (o->latency && (o->number || o->repeat))
        return error_set(err, errsz, 2,
                         "--latency cannot be combined with %s (it chooses how many calls each "
                         "timing covers: one, or the smallest batch the clock allows)",
                         o->number ? "--number" : "--repeat");
    if (o->instructions && !o->threshold_set)
        o->threshold = CLI_COUNT_THRESHOLD;
    if (o->instructions && o->counters)
        return error_set(err, errsz, 2,
                         "--counters reads the CPU's counters beside the time, and "
                         "--instructions counts under valgrind instead of timing (expected one "
                         "of them)");
    if (o->instructions && o->number > COUNTED_MAX_CALLS)
        return error_set(err, errsz, 2,
                         "--number: %llu counted calls is too many for --instructions (expected "
                         "1 to %d)",
                         (unsigned long long)o->number, COUNTED_MAX_CALLS);
    if (o->instructions && o->latency)
        return error_set(err, errsz, 2,
                         "--latency times calls one by one, and --instructions counts them under "
                         "valgrind instead of timing (expected one of them)");
    return 0;
}

void cli_opts_free(cli_opts *o)
{
    free(o->patterns);
    free(o->excludes);
    o->patterns = o->excludes = NULL;
    o->npatterns = o->nexcludes = 0;
}

/* The formats' names and extensions come from the table in report.c. */
static const char usage_head[] =
    "Time the registered benchmark cases and report the per-call cost, its 95%\n"
    "confidence interval, the growth exponent and speedups against baselines.\n"
    "\n"
    "  PATTERN            a group (concat), a case (concat/naive) or a glob\n"
    "                     ('member/*', '*simd*'); none means every case\n"
    "      --exclude PAT  leave out the cases PAT names (repeatable)\n"
    "  -l, --list         list cases: name, default sizes, description\n"
    "      --sizes LIST   comma-separated sizes >= 1, e.g. 1000,1e4,10k,1M\n"
    "  -n, --number N     calls per sample (default: auto-ranged)\n"
    "  -r, --repeat R     samples per case and size (default: adaptive, until the\n"
    "                     median is known to 1% or the time budget is spent)\n"
    "      --min-time SEC time budget per case and size (default 0.25)\n"
    "      --precision PCT adaptive sampling stops once the 95% CI of the median\n"
    "                     is within +-PCT of it (default 1)\n"
    "      --latency      also time calls one by one (or in the smallest batch the\n"
    "                     clock allows) for --min-time more: p50, p90, p99, p99.9,\n"
    "                     max and a histogram; not with --number or --repeat\n";
static const char usage_formats[] =
    "      --format FMT   %s (default)%s\n"
    "  -o, --output FILE  write the result to FILE (format from --format or the\n"
    "                     extension %s); the table still goes to stdout\n";
static const char usage_tail[] =
    "      --instructions count instead of time: each case re-run under valgrind's\n"
    "                     Callgrind, exact instructions per call of run (-n: the\n"
    "                     counted calls, default 3); the CI gate on noisy machines\n"
    "      --cache-sim    --instructions with L1/LL cache and branch misses per call\n"
    "      --counters     beside the time, perf_event_open counters per call:\n"
    "                     instructions, cycles, branch misses where the kernel\n"
    "                     allows them; task-clock, page faults, context switches\n"
    "      --plot FILE    the growth plots (time against N, log-log) alone, as SVG\n"
    "      --compare FILE compare with a result saved by --format json\n"
    "      --threshold PCT slowdown that counts as a regression, in [0, 1000]\n"
    "                     (default 5; with --instructions, an increase of the\n"
    "                     count, default 1)\n"
    "      --timeout SEC  a case still running after SEC at one size is stopped\n"
    "                     and reported failed (default 60)\n"
    "      --processes K  measure each group in K worker processes, one after\n"
    "                     another, sharing the time budget (default 4); with\n"
    "                     --instructions, valgrind processes at once (default:\n"
    "                     one per CPU, at most 4)\n"
    "      --no-isolate   run cases in this process, not in a child (debuggers);\n"
    "                     --processes is then ignored\n"
    "  -q, --quiet        no progress or log lines\n"
    "      --no-color     no color (also when NO_COLOR is set)\n"
    "  -v, --verbose      timer resolution and overhead, samples, outliers\n"
    "  -h, --help         this help\n"
    "  -V, --version      the version\n"
    "A SEC is seconds, bare or with a unit: 0.5, 2s, 300ms.\n"
    "\n"
    "Exit status: 0 success, 1 a case failed or regressed, 2 usage or input error.\n";

const char *cli_prog_name(const char *argv0)
{
    const char *slash = argv0 ? strrchr(argv0, '/') : NULL;
    const char *base = slash ? slash + 1 : argv0;
    return base && *base ? base : "bench";
}

void cli_usage(FILE *f, const char *prog)
{
    char names[128], exts[128];
    const char *def = report_format_default()->name;
    size_t len = strlen(def);

    report_format_names(names, sizeof names);
    report_format_exts(exts, sizeof exts);
    fprintf(f, "usage: %s [OPTIONS] [PATTERN...]\n", prog);
    fprintf(f, "       %s COMMAND [ARGS...]   (the commands are below; %s COMMAND --help)\n", prog,
            prog);
    fputs(usage_head, f);
    /* "table, json, ..." with the default named first */
    fprintf(f, usage_formats, def, strncmp(names, def, len) == 0 ? names + len : names, exts);
    fputs(usage_tail, f);
}
