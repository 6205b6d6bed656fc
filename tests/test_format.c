/*
 * test_format.c - numbers as the reports print them: times and ratios
 * with 3 significant digits, doubles that read back exactly.
 */
#define _POSIX_C_SOURCE 200809L
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "testhelp.h"

static void check_time(double ns, int utf8, const char *want)
{
    char buf[64];
    if (!CHECK_STR_EQ(fmt_time(buf, sizeof buf, ns, utf8), want))
        printf("  (fmt_time(%.17g))\n", ns);
}

TEST(test_fmt_time_three_significant_digits)
{
    check_time(2.114, 0, "2.11 ns");
    check_time(21.14, 0, "21.1 ns");
    check_time(211.4, 0, "211 ns");
    check_time(0, 0, "0.00 ns");
    check_time(41234, 0, "41.2 us");
    check_time(4071234, 0, "4.07 ms");
    check_time(1.5e9, 0, "1.50 s");
}

TEST(test_fmt_time_scales_after_rounding)
{
    /* 999.7 ns rounds to 1000 ns: printed as 1.00 us, never "1000 ns". */
    check_time(999.7, 0, "1.00 us");
    check_time(999.4, 0, "999 ns");
    check_time(9.996, 0, "10.0 ns");
    check_time(99.96, 0, "100 ns");
    check_time(999.6e3, 0, "1.00 ms");
    check_time(999.6e6, 0, "1.00 s");
}

TEST(test_fmt_time_micro_sign_in_utf8)
{
    check_time(41234, 1, "41.2 \xc2\xb5s");
    check_time(41, 1, "41.0 ns");
}

TEST(test_fmt_time_negative_stays_negative)
{
    check_time(-0.4, 0, "-0.40 ns");
    check_time(-2500, 0, "-2.50 us");
}

TEST(test_fmt_time_truncates_to_the_buffer)
{
    char buf[4];
    memset(buf, 'x', sizeof buf);
    fmt_time(buf, sizeof buf, 123456, 0);
    CHECK(memchr(buf, 0, sizeof buf) != NULL);
}

TEST(test_fmt_ratio)
{
    char buf[32];
    CHECK_STR_EQ(fmt_ratio(buf, sizeof buf, 191.3), "191.3x");
    CHECK_STR_EQ(fmt_ratio(buf, sizeof buf, 1.05), "1.05x");
    CHECK_STR_EQ(fmt_ratio(buf, sizeof buf, 12.34), "12.3x");
    CHECK_STR_EQ(fmt_ratio(buf, sizeof buf, 2000), "2000x");
    CHECK_STR_EQ(fmt_ratio(buf, sizeof buf, NAN), "?");
    CHECK_STR_EQ(fmt_ratio(buf, sizeof buf, INFINITY), "?");
}

static void check_round_trip(double x)
{
    char buf[64];
    fmt_double(buf, sizeof buf, x);
    if (!CHECK(strtod(buf, NULL) == x))
        printf("  (%.17g printed as %s)\n", x, buf);
    CHECK(strchr(buf, ',') == NULL);
}

TEST(test_fmt_double_round_trips)
{
    char buf[64];
    check_round_trip(0.1);
    check_round_trip(1.0 / 3.0);
    check_round_trip(1e300);
    check_round_trip(-2.5e-300);
    check_round_trip(5e-324);
    check_round_trip(123456789.125);
    check_round_trip(0);
    /* The shortest form that reads back. */
    CHECK_STR_EQ(fmt_double(buf, sizeof buf, 0.1), "0.1");
    CHECK_STR_EQ(fmt_double(buf, sizeof buf, 1500), "1500");
}

/* A locale that writes 2,5: an installed one, or one compiled into a
 * temporary directory with localedef (glibc finds it through LOCPATH). */
static const char *comma_locale(char *dir, size_t size)
{
    static const char *const names[] = {"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "de_DE"};
    char cmd[512];
    size_t i;
    for (i = 0; i < sizeof names / sizeof names[0]; i++)
        if (setlocale(LC_NUMERIC, names[i]))
            return names[i];
    snprintf(dir, size, "/tmp/libbench-locale-XXXXXX");
    if (!mkdtemp(dir))
        return NULL;
    snprintf(cmd, sizeof cmd, "localedef -i de_DE -f UTF-8 %s/de_DE.UTF-8 >/dev/null 2>&1", dir);
    fflush(stdout);
    if (system(cmd) != 0 || setenv("LOCPATH", dir, 1) != 0)
        return NULL;
    return setlocale(LC_NUMERIC, "de_DE.UTF-8") ? "de_DE.UTF-8 (built)" : NULL;
}

TEST(test_fmt_double_ignores_a_comma_locale)
{
    char buf[64], dir[64] = "", cmd[128];
    const char *got = comma_locale(dir, sizeof dir);
    if (got) {
        snprintf(buf, sizeof buf, "%.1f", 2.5);
        CHECK_STR_EQ(buf, "2,5"); /* the locale is in force */
        CHECK_STR_EQ(fmt_double(buf, sizeof buf, 2.5), "2.5");
        CHECK_STR_EQ(fmt_double(buf, sizeof buf, -0.125), "-0.125");
        CHECK_STR_EQ(fmt_double(buf, sizeof buf, 1e-300), "1e-300");
        setlocale(LC_NUMERIC, "C");
    }
    if (dir[0]) {
        unsetenv("LOCPATH");
        snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
        CHECK_EQ_INT(system(cmd), 0);
    }
    if (!got)
        th_skip("no comma locale (de_DE, fr_FR) is installed, and localedef could not make one");
}
