/*
 * test_args.c - the size lists and the command line (src/cli_args.c):
 * what is accepted, and that every rejection is one line naming the bad
 * argument and what is expected.
 */
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "cli_args.h"
#include "testhelp.h"

#define LEN(a) (sizeof(a) / sizeof((a)[0]))

/* ---- cli_parse_sizes ---- */

/* Parse s and compare with want[0..nwant-1]. */
static void check_sizes(const char *s, const size_t *want, size_t nwant)
{
    size_t sizes[BENCH_MAX_SIZES], n = 0, i;
    char err[256] = "";
    int ok = CHECK_EQ_INT(cli_parse_sizes(s, sizes, BENCH_MAX_SIZES, &n, err, sizeof err), 0);
    if (ok && (ok = CHECK_EQ_INT(n, nwant)))
        for (i = 0; i < n; i++)
            ok &= CHECK_EQ_INT(sizes[i], want[i]);
    if (!ok)
        printf("  (parsing \"%s\": %s)\n", s, err);
}

TEST(test_sizes_accepts_a_plain_list)
{
    static const size_t want[] = {1000, 10000};
    check_sizes("1000,10000", want, 2);
}

TEST(test_sizes_accepts_exponents_and_suffixes)
{
    static const size_t e4[] = {10000}, m1[] = {1000000}, k25[] = {2500}, one[] = {1};
    static const size_t g1[] = {1000000000}, half_k[] = {500}, big[] = {1000000000000000};
    check_sizes("1e4", e4, 1);
    check_sizes("1E4", e4, 1);
    check_sizes("1e+4", e4, 1);
    check_sizes("10k", e4, 1);
    check_sizes("10K", e4, 1);
    check_sizes("1M", m1, 1);
    check_sizes("2.5k", k25, 1);
    check_sizes("0.5k", half_k, 1);
    check_sizes("1G", g1, 1);
    check_sizes("1", one, 1);
    check_sizes("1e15", big, 1);
}

TEST(test_sizes_sorts_and_dedupes)
{
    static const size_t want[] = {10, 1000, 10000};
    check_sizes("10000,1000,1e3,10k,10,1e1", want, 3);
}

TEST(test_sizes_accepts_sixteen_rejects_seventeen)
{
    size_t sizes[BENCH_MAX_SIZES], n = 0;
    char err[256] = "";
    CHECK_EQ_INT(cli_parse_sizes("1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16", sizes, BENCH_MAX_SIZES,
                                 &n, err, sizeof err),
                 0);
    CHECK_EQ_INT(n, 16);
    CHECK_EQ_INT(cli_parse_sizes("1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17", sizes,
                                 BENCH_MAX_SIZES, &n, err, sizeof err),
                 2);
    CHECK_STR_CONTAINS(err, "expected");
}

/* s must be rejected with a message naming `token` and what is expected. */
static void check_bad_size(const char *s, const char *token)
{
    size_t sizes[BENCH_MAX_SIZES], n = 0;
    char err[256] = "", quoted[128];
    int ok = CHECK_EQ_INT(cli_parse_sizes(s, sizes, BENCH_MAX_SIZES, &n, err, sizeof err), 2);
    snprintf(quoted, sizeof quoted, "'%s'", token);
    ok &= CHECK_STR_CONTAINS(err, "--sizes");
    ok &= CHECK_STR_CONTAINS(err, "expected");
    ok &= CHECK_STR_CONTAINS(err, quoted);
    ok &= CHECK(strchr(err, '\n') == NULL);
    if (!ok)
        printf("  (parsing \"%s\")\n", s);
}

TEST(test_sizes_rejects_words)
{
    check_bad_size("abc", "abc");
    check_bad_size("10,abc,100", "abc");
    check_bad_size("inf", "inf");
    check_bad_size("nan", "nan");
    check_bad_size("k", "k");
}

TEST(test_sizes_rejects_zero)
{
    check_bad_size("0", "0");
    check_bad_size("100,0", "0");
    check_bad_size("0e5", "0e5");
    check_bad_size("0.0001", "0.0001");
}

TEST(test_sizes_rejects_negative)
{
    check_bad_size("-5", "-5");
    check_bad_size("+5", "+5");
    check_bad_size("1e-3", "1e-3");
}

TEST(test_sizes_rejects_empty_items)
{
    check_bad_size("1,,2", "1,,2");
    check_bad_size("1,", "1,");
    check_bad_size(",1", ",1");
}

TEST(test_sizes_rejects_empty_list)
{
    size_t sizes[BENCH_MAX_SIZES], n = 0;
    char err[256] = "";
    CHECK_EQ_INT(cli_parse_sizes("", sizes, BENCH_MAX_SIZES, &n, err, sizeof err), 2);
    CHECK_STR_CONTAINS(err, "empty");
    CHECK_STR_CONTAINS(err, "expected");
}

TEST(test_sizes_rejects_too_large)
{
    check_bad_size("99999999999999999999", "99999999999999999999");
    check_bad_size("1e16", "1e16");
    check_bad_size("1e400", "1e400");
    check_bad_size("18446744073709551616", "18446744073709551616");
}

TEST(test_sizes_rejects_fractions)
{
    check_bad_size("1.5", "1.5");
    check_bad_size("2.0005k", "2.0005k");
}

TEST(test_sizes_rejects_other_syntax)
{
    check_bad_size("0x10", "0x10");
    check_bad_size(" 5", " 5");
    check_bad_size("5 ", "5 ");
    check_bad_size("1e", "1e");
    check_bad_size("1k5", "1k5");
    check_bad_size("1kk", "1kk");
    check_bad_size(".", ".");
    check_bad_size("1;2", "1;2");
}

TEST(test_sizes_error_fits_a_small_buffer)
{
    size_t sizes[BENCH_MAX_SIZES], n = 0;
    char err[12];
    memset(err, 'x', sizeof err);
    CHECK_EQ_INT(cli_parse_sizes("abc", sizes, BENCH_MAX_SIZES, &n, err, sizeof err), 2);
    CHECK(memchr(err, 0, sizeof err) != NULL);
}

/* ---- cli_parse ---- */

/* Parse "bench" followed by the NULL-terminated arguments. */
static int parse(cli_opts *o, char *err, size_t errsz, ...)
{
    char *argv[32];
    int argc = 0;
    const char *a;
    va_list ap;

    argv[argc++] = "bench";
    va_start(ap, errsz);
    while ((a = va_arg(ap, const char *)) != NULL && argc < 31)
        argv[argc++] = (char *)a;
    va_end(ap);
    argv[argc] = NULL;
    err[0] = 0;
    return cli_parse(argc, argv, o, err, errsz);
}

#define PARSE_OK(o, ...)                                                      \
    do {                                                                      \
        char err_[256];                                                       \
        if (!CHECK_EQ_INT(parse(o, err_, sizeof err_, __VA_ARGS__, NULL), 0)) \
            printf("  (error: %s)\n", err_);                                  \
    } while (0)

TEST(test_cli_defaults)
{
    cli_opts o;
    char err[256];
    CHECK_EQ_INT(parse(&o, err, sizeof err, NULL), 0);
    CHECK(!o.list && !o.help && !o.version && !o.quiet && !o.verbose && !o.no_color);
    CHECK_EQ_INT(o.nsizes, 0);
    CHECK_EQ_INT(o.number, 0);
    CHECK_EQ_INT(o.repeat, 0);
    CHECK_NEAR(o.min_time, 0, 0);
    CHECK(!o.format && !o.output && !o.compare && !o.no_isolate);
    CHECK_NEAR(o.threshold, 5, 0);
    CHECK_EQ_INT(o.npatterns, 0);
    cli_opts_free(&o);
}

TEST(test_cli_flags_long_and_short)
{
    static const char *const longs[] = {"--list", "--quiet", "--verbose", "--help", "--version"};
    static const char *const shorts[] = {"-l", "-q", "-v", "-h", "-V"};
    size_t i;
    for (i = 0; i < 2; i++) {
        const char *const *names = i ? shorts : longs;
        cli_opts o;
        PARSE_OK(&o, names[0], names[1], names[2], names[3], names[4]);
        CHECK(o.list && o.quiet && o.verbose && o.help && o.version);
        cli_opts_free(&o);
    }
}

TEST(test_cli_long_only_flags)
{
    cli_opts o;
    PARSE_OK(&o, "--no-color", "--no-isolate");
    CHECK(o.no_color && o.no_isolate);
    cli_opts_free(&o);
}

TEST(test_cli_bundled_short_flags)
{
    cli_opts o;
    PARSE_OK(&o, "-qv");
    CHECK(o.quiet && o.verbose && !o.list);
    cli_opts_free(&o);
    PARSE_OK(&o, "-lqv");
    CHECK(o.quiet && o.verbose && o.list);
    cli_opts_free(&o);
    /* A value-taking option ends the bundle and takes the rest. */
    PARSE_OK(&o, "-qn5");
    CHECK(o.quiet);
    CHECK_EQ_INT(o.number, 5);
    cli_opts_free(&o);
    PARSE_OK(&o, "-vr", "7");
    CHECK(o.verbose);
    CHECK_EQ_INT(o.repeat, 7);
    cli_opts_free(&o);
}

TEST(test_cli_number_in_every_spelling)
{
    cli_opts o;
    PARSE_OK(&o, "--number", "5");
    CHECK_EQ_INT(o.number, 5);
    cli_opts_free(&o);
    PARSE_OK(&o, "--number=6");
    CHECK_EQ_INT(o.number, 6);
    cli_opts_free(&o);
    PARSE_OK(&o, "-n", "7");
    CHECK_EQ_INT(o.number, 7);
    cli_opts_free(&o);
    PARSE_OK(&o, "-n8");
    CHECK_EQ_INT(o.number, 8);
    cli_opts_free(&o);
    PARSE_OK(&o, "-n", "1M");
    CHECK_EQ_INT(o.number, 1000000);
    cli_opts_free(&o);
}

TEST(test_cli_repeat_in_every_spelling)
{
    cli_opts o;
    PARSE_OK(&o, "--repeat", "3");
    CHECK_EQ_INT(o.repeat, 3);
    cli_opts_free(&o);
    PARSE_OK(&o, "--repeat=4");
    CHECK_EQ_INT(o.repeat, 4);
    cli_opts_free(&o);
    PARSE_OK(&o, "-r", "5");
    CHECK_EQ_INT(o.repeat, 5);
    cli_opts_free(&o);
    PARSE_OK(&o, "-r6");
    CHECK_EQ_INT(o.repeat, 6);
    cli_opts_free(&o);
}

TEST(test_cli_sizes_in_every_spelling)
{
    cli_opts o;
    PARSE_OK(&o, "--sizes", "10k,100");
    CHECK_EQ_INT(o.nsizes, 2);
    CHECK_EQ_INT(o.sizes[0], 100);
    CHECK_EQ_INT(o.sizes[1], 10000);
    cli_opts_free(&o);
    PARSE_OK(&o, "--sizes=1e3");
    CHECK_EQ_INT(o.nsizes, 1);
    CHECK_EQ_INT(o.sizes[0], 1000);
    cli_opts_free(&o);
}

TEST(test_cli_min_time_in_seconds_and_ms)
{
    cli_opts o;
    PARSE_OK(&o, "--min-time", "0.5");
    CHECK_NEAR(o.min_time, 0.5, 0);
    cli_opts_free(&o);
    PARSE_OK(&o, "--min-time=2s");
    CHECK_NEAR(o.min_time, 2, 0);
    cli_opts_free(&o);
    PARSE_OK(&o, "--min-time", "300ms");
    CHECK_NEAR(o.min_time, 0.3, 1e-12);
    cli_opts_free(&o);
}

TEST(test_cli_min_time_accepts_a_negative_exponent)
{
    /* 1e-3 s is in the accepted range (0, 3600], as 1e4 is a size. */
    cli_opts o;
    PARSE_OK(&o, "--min-time", "1e-3");
    CHECK_NEAR(o.min_time, 0.001, 1e-15);
    cli_opts_free(&o);
    PARSE_OK(&o, "--timeout", "5e-1");
    CHECK_NEAR(o.timeout, 0.5, 1e-15);
    cli_opts_free(&o);
}

TEST(test_cli_format_names)
{
    static const char *const names[] = {"table", "json", "csv", "markdown", "md"};
    static const char *const want[] = {"table", "json", "csv", "markdown", "markdown"};
    size_t i;
    for (i = 0; i < LEN(names); i++) {
        cli_opts o;
        PARSE_OK(&o, "--format", names[i]);
        if (CHECK(o.format != NULL))
            CHECK_STR_EQ(o.format->name, want[i]);
        cli_opts_free(&o);
    }
    {
        cli_opts o;
        PARSE_OK(&o, "--format=csv");
        if (CHECK(o.format != NULL))
            CHECK_STR_EQ(o.format->name, "csv");
        cli_opts_free(&o);
    }
}

TEST(test_cli_output_in_every_spelling)
{
    static const char *const forms[][2] = {
        {"-o", "a.json"},
        {"--output", "a.json"},
        {"--output=a.json", NULL},
        {"-oa.json", NULL},
    };
    size_t i;
    for (i = 0; i < LEN(forms); i++) {
        cli_opts o;
        PARSE_OK(&o, forms[i][0], forms[i][1]);
        if (!CHECK_STR_EQ(o.output, "a.json"))
            printf("  (with %s)\n", forms[i][0]);
        cli_opts_free(&o);
    }
}

TEST(test_cli_compare_threshold_timeout)
{
    cli_opts o;
    PARSE_OK(&o, "--compare", "base.json", "--threshold", "2.5", "--timeout", "5");
    CHECK_STR_EQ(o.compare, "base.json");
    CHECK_NEAR(o.threshold, 2.5, 0);
    CHECK_NEAR(o.timeout, 5, 0);
    cli_opts_free(&o);
    PARSE_OK(&o, "--compare=b.json", "--threshold=10%", "--timeout=500ms");
    CHECK_STR_EQ(o.compare, "b.json");
    CHECK_NEAR(o.threshold, 10, 0);
    CHECK_NEAR(o.timeout, 0.5, 1e-12);
    cli_opts_free(&o);
    PARSE_OK(&o, "--threshold", "0");
    CHECK_NEAR(o.threshold, 0, 0);
    cli_opts_free(&o);
    /* -0 is 0, and is written as 0 */
    PARSE_OK(&o, "--threshold", "-0");
    CHECK_NEAR(o.threshold, 0, 0);
    CHECK(!signbit(o.threshold));
    cli_opts_free(&o);
    PARSE_OK(&o, "--threshold=-0%");
    CHECK(o.threshold == 0 && !signbit(o.threshold));
    cli_opts_free(&o);
}

TEST(test_cli_patterns_collected_in_order)
{
    cli_opts o;
    PARSE_OK(&o, "concat", "-q", "member/*", "--sizes", "10", "*simd*", "-");
    if (CHECK_EQ_INT(o.npatterns, 4)) {
        CHECK_STR_EQ(o.patterns[0], "concat");
        CHECK_STR_EQ(o.patterns[1], "member/*");
        CHECK_STR_EQ(o.patterns[2], "*simd*");
        CHECK_STR_EQ(o.patterns[3], "-");
    }
    CHECK(o.quiet);
    cli_opts_free(&o);
}

TEST(test_cli_double_dash_ends_options)
{
    cli_opts o;
    PARSE_OK(&o, "-v", "--", "-q", "--sizes", "concat");
    CHECK(o.verbose && !o.quiet);
    CHECK_EQ_INT(o.nsizes, 0);
    if (CHECK_EQ_INT(o.npatterns, 3)) {
        CHECK_STR_EQ(o.patterns[0], "-q");
        CHECK_STR_EQ(o.patterns[1], "--sizes");
        CHECK_STR_EQ(o.patterns[2], "concat");
    }
    cli_opts_free(&o);
}

/* The arguments must be rejected with exit status 2 and a one-line message
 * containing each of the NULL-terminated strings that follow. */
static void check_bad_args(const char *a1, const char *a2, ...)
{
    cli_opts o;
    char err[512];
    const char *want;
    va_list ap;
    int ok = CHECK_EQ_INT(parse(&o, err, sizeof err, a1, a2, NULL), 2);
    ok &= CHECK(err[0] != 0 && strchr(err, '\n') == NULL);
    ok &= CHECK_STR_NOT_CONTAINS(err, "bench: error:");
    va_start(ap, a2);
    while ((want = va_arg(ap, const char *)) != NULL)
        ok &= CHECK_STR_CONTAINS(err, want);
    va_end(ap);
    if (!ok)
        printf("  (arguments: %s %s)\n", a1, a2 ? a2 : "");
    cli_opts_free(&o);
}

TEST(test_cli_missing_value_for_each_option)
{
    check_bad_args("--sizes", NULL, "--sizes", "missing", NULL);
    check_bad_args("--number", NULL, "--number", "missing", NULL);
    check_bad_args("-n", NULL, "-n", "missing", NULL);
    check_bad_args("--repeat", NULL, "--repeat", "missing", NULL);
    check_bad_args("-r", NULL, "-r", "missing", NULL);
    check_bad_args("--min-time", NULL, "--min-time", "missing", NULL);
    check_bad_args("--format", NULL, "--format", "missing", NULL);
    check_bad_args("--output", NULL, "--output", "missing", NULL);
    check_bad_args("-o", NULL, "-o", "missing", NULL);
    check_bad_args("--compare", NULL, "--compare", "missing", NULL);
    check_bad_args("--threshold", NULL, "--threshold", "missing", NULL);
    check_bad_args("--timeout", NULL, "--timeout", "missing", NULL);
    check_bad_args("-qn", NULL, "-n", "missing", NULL);
}

TEST(test_cli_rejects_unknown_options)
{
    check_bad_args("--frobnicate", NULL, "--frobnicate", NULL);
    check_bad_args("--frob=1", NULL, "--frob", NULL);
    check_bad_args("-x", NULL, "-x", NULL);
    check_bad_args("-qx", NULL, "-x", NULL);
}

TEST(test_cli_rejects_a_value_for_a_flag)
{
    check_bad_args("--list=yes", NULL, "--list", "yes", NULL);
    check_bad_args("--quiet=1", NULL, "--quiet", NULL);
}

TEST(test_cli_rejects_number_zero_and_garbage)
{
    check_bad_args("--number", "0", "--number", "'0'", "expected", NULL);
    check_bad_args("-n0", NULL, "--number", "'0'", "expected", NULL);
    check_bad_args("--number", "-1", "--number", "'-1'", NULL);
    check_bad_args("--number", "abc", "--number", "'abc'", NULL);
    check_bad_args("--number", "1.5", "--number", "'1.5'", NULL);
    check_bad_args("--number", "1e13", "--number", "'1e13'", NULL);
}

TEST(test_cli_rejects_repeat_zero)
{
    check_bad_args("--repeat", "0", "--repeat", "'0'", "expected", NULL);
    check_bad_args("-r", "x", "--repeat", "'x'", NULL);
    check_bad_args("--repeat", "2e6", "--repeat", "'2e6'", NULL);
}

TEST(test_cli_rejects_unknown_format)
{
    check_bad_args("--format", "xml", "--format", "'xml'", "expected", "json", NULL);
    check_bad_args("--format", "", "--format", NULL);
    check_bad_args("--format=JSON", NULL, "'JSON'", NULL);
}

TEST(test_cli_rejects_bad_min_time)
{
    check_bad_args("--min-time", "0", "--min-time", "'0'", "expected", NULL);
    check_bad_args("--min-time", "-1", "--min-time", "'-1'", "expected", NULL);
    check_bad_args("--min-time", "abc", "--min-time", "'abc'", "expected", NULL);
    check_bad_args("--min-time", "0ms", "--min-time", "'0ms'", NULL);
    check_bad_args("--min-time", "s", "--min-time", "'s'", NULL);
    check_bad_args("--min-time", "", "--min-time", NULL);
    check_bad_args("--min-time", "1e9", "--min-time", "'1e9'", NULL);
    check_bad_args("--min-time", "nan", "--min-time", "'nan'", NULL);
    check_bad_args("--timeout", "0", "--timeout", "'0'", NULL);
}

TEST(test_cli_rejects_bad_threshold)
{
    check_bad_args("--threshold", "abc", "--threshold", "'abc'", "expected", NULL);
    check_bad_args("--threshold", "-1", "--threshold", "'-1'", NULL);
    check_bad_args("--threshold", "1001", "--threshold", "'1001'", NULL);
    check_bad_args("--threshold", "%", "--threshold", NULL);
    check_bad_args("--threshold", "-", "--threshold", "'-'", NULL);
    check_bad_args("--threshold", "--5", "--threshold", "'--5'", NULL);
}

TEST(test_cli_rejects_empty_names)
{
    check_bad_args("", NULL, "pattern", NULL);
    check_bad_args("--output", "", "--output", NULL);
    check_bad_args("-o", "", "--output", NULL);
    check_bad_args("--compare", "", "--compare", NULL);
}

TEST(test_cli_rejects_bad_sizes_with_the_sizes_message)
{
    check_bad_args("--sizes", "abc", "--sizes", "'abc'", "expected", NULL);
    check_bad_args("--sizes=0", NULL, "--sizes", "'0'", NULL);
}

TEST(test_args_precision_accepts_percentages)
{
    cli_opts o;
    char err[512];
    char *ok1[] = {"bench", "--precision", "0.5"};
    char *ok2[] = {"bench", "--precision=2%"};
    char *bad[] = {"bench", "--precision", "0"};
    char *bad2[] = {"bench", "--precision", "abc"};
    CHECK_EQ_INT(cli_parse(3, ok1, &o, err, sizeof err), 0);
    CHECK_NEAR(o.precision, 0.5, 0);
    cli_opts_free(&o);
    CHECK_EQ_INT(cli_parse(2, ok2, &o, err, sizeof err), 0);
    CHECK_NEAR(o.precision, 2, 0);
    cli_opts_free(&o);
    CHECK_EQ_INT(cli_parse(3, bad, &o, err, sizeof err), 2);
    CHECK_STR_CONTAINS(err, "--precision: '0' is not a percentage");
    cli_opts_free(&o);
    CHECK_EQ_INT(cli_parse(3, bad2, &o, err, sizeof err), 2);
    CHECK_STR_CONTAINS(err, "expected");
    cli_opts_free(&o);
}

TEST(test_cli_exclude_patterns_are_collected)
{
    cli_opts o;
    char err[256];
    if (CHECK_EQ_INT(parse(&o, err, sizeof err, "concat", "--exclude", "concat/naive",
                           "--exclude=member", "simd", NULL),
                     0)) {
        CHECK_EQ_INT(o.npatterns, 2);
        CHECK_EQ_INT(o.nexcludes, 2);
        if (o.nexcludes == 2) {
            CHECK_STR_EQ(o.excludes[0], "concat/naive");
            CHECK_STR_EQ(o.excludes[1], "member");
        }
    }
    cli_opts_free(&o);
    CHECK_EQ_INT(parse(&o, err, sizeof err, "--exclude", "", NULL), 2);
    CHECK_STR_CONTAINS(err, "--exclude: empty pattern");
    cli_opts_free(&o);
}
