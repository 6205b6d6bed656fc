/*
 * test_fit.c - the exponent of t ~ n^k and the complexity class, on
 * synthetic data whose growth is known exactly.
 */
#include <math.h>
#include <stdio.h>

#include "bench.h"
#include "fit.h"
#include "testhelp.h"

#define LEN(a) (sizeof(a) / sizeof((a)[0]))

static const double sizes4[] = {1e3, 1e4, 1e5, 1e6};
static const double sizes7[] = {1e3, 3e3, 1e4, 3e4, 1e5, 3e5, 1e6};

/* g(n) of each class, the model the data are made from. */
static double growth(bench_bigo c, double n)
{
    switch (c) {
    case BENCH_O1: return 1;
    case BENCH_OLOGN: return log2(n);
    case BENCH_ON: return n;
    case BENCH_ONLOGN: return n * log2(n);
    case BENCH_ON2: return n * n;
    case BENCH_ON3: return n * n * n;
    default: return NAN;
    }
}

TEST(test_exponent_of_square_growth_is_two)
{
    CHECK_NEAR(bench_exponent(1000, 1, 10000, 100), 2, 1e-12);
    CHECK_NEAR(bench_exponent(10, 3, 20, 12), 2, 1e-12);
}

TEST(test_exponent_of_linear_and_constant_growth)
{
    CHECK_NEAR(bench_exponent(1000, 5, 4000, 20), 1, 1e-12);
    CHECK_NEAR(bench_exponent(1000, 5, 4000, 5), 0, 0);
    /* Decreasing cost gives a negative exponent, not an error. */
    CHECK_NEAR(bench_exponent(100, 10, 1000, 1), -1, 1e-12);
    /* The points may come in either order. */
    CHECK_NEAR(bench_exponent(10000, 100, 1000, 1), 2, 1e-12);
}

TEST(test_exponent_is_nan_for_bad_input)
{
    CHECK_NEAR(bench_exponent(1000, 1, 1000, 2), NAN, 0);
    CHECK_NEAR(bench_exponent(0, 1, 1000, 2), NAN, 0);
    CHECK_NEAR(bench_exponent(-10, 1, 1000, 2), NAN, 0);
    CHECK_NEAR(bench_exponent(10, 0, 1000, 2), NAN, 0);
    CHECK_NEAR(bench_exponent(10, 1, 1000, -2), NAN, 0);
    CHECK_NEAR(bench_exponent(NAN, 1, 1000, 2), NAN, 0);
    CHECK_NEAR(bench_exponent(10, 1, 1000, NAN), NAN, 0);
}

TEST(test_fit_power_laws_give_exact_slope_and_class)
{
    static const bench_bigo cls[] = {BENCH_O1, BENCH_ON, BENCH_ON2, BENCH_ON3};
    int k;
    for (k = 0; k <= 3; k++) {
        double t[4];
        bench_fit_result f;
        size_t i;
        int ok;
        for (i = 0; i < 4; i++)
            t[i] = 3 * pow(sizes4[i], k);
        ok = CHECK_EQ_INT(bench_fit(sizes4, t, NULL, NULL, 4, &f), BENCH_OK);
        ok &= CHECK_EQ_INT(f.k, 4);
        ok &= CHECK_NEAR(f.slope, k, 1e-9);
        ok &= CHECK_NEAR(f.intercept, log(3.0), 1e-6);
        ok &= CHECK_NEAR(f.r2, 1, 1e-9);
        ok &= CHECK_EQ_INT(f.bigo, cls[k]);
        ok &= CHECK_NEAR(f.coef, 3, 1e-6);
        ok &= CHECK_NEAR(f.rms, 0, 1e-9);
        /* Exact data: no scatter, no interval to speak of. */
        ok &= CHECK_NEAR(f.slope_lo, k, 1e-6);
        ok &= CHECK_NEAR(f.slope_hi, k, 1e-6);
        if (!ok)
            printf("  (with t = 3 n^%d)\n", k);
    }
}

TEST(test_fit_n_log_n_is_not_linear)
{
    double t[4];
    bench_fit_result f;
    size_t i;
    for (i = 0; i < 4; i++)
        t[i] = growth(BENCH_ONLOGN, sizes4[i]);
    CHECK_EQ_INT(bench_fit(sizes4, t, NULL, NULL, 4, &f), BENCH_OK);
    CHECK_EQ_INT(f.bigo, BENCH_ONLOGN);
    CHECK(f.bigo != BENCH_ON);
    CHECK_NEAR(f.coef, 1, 1e-6);
    /* Its local slope is 1 + 1/ln n: between 1 and 1.15 over these sizes. */
    CHECK(f.slope > 1.0 && f.slope < 1.15);
}

TEST(test_fit_log_n_is_log_n)
{
    double t[4];
    bench_fit_result f;
    size_t i;
    for (i = 0; i < 4; i++)
        t[i] = 50 * growth(BENCH_OLOGN, sizes4[i]);
    CHECK_EQ_INT(bench_fit(sizes4, t, NULL, NULL, 4, &f), BENCH_OK);
    CHECK_EQ_INT(f.bigo, BENCH_OLOGN);
    CHECK_NEAR(f.coef, 50, 1e-6);
}

TEST(test_fit_pure_n_is_linear)
{
    double t[4];
    bench_fit_result f;
    size_t i;
    for (i = 0; i < 4; i++)
        t[i] = sizes4[i];
    CHECK_EQ_INT(bench_fit(sizes4, t, NULL, NULL, 4, &f), BENCH_OK);
    CHECK_EQ_INT(f.bigo, BENCH_ON);
    CHECK_NEAR(f.slope, 1, 1e-12);
}

TEST(test_fit_noisy_data_is_classed_right)
{
    /* +-2% at most, a fixed pattern so the test is deterministic. */
    static const double noise[] = {1.02, 0.98, 1.01, 0.99, 1.0, 1.02, 0.98};
    int c;
    for (c = 0; c < BENCH_BIGO_COUNT; c++) {
        double t[LEN(sizes7)];
        bench_fit_result f;
        size_t i;
        int ok;
        for (i = 0; i < LEN(sizes7); i++)
            t[i] = 7 * growth((bench_bigo)c, sizes7[i]) * noise[i];
        ok = CHECK_EQ_INT(bench_fit(sizes7, t, NULL, NULL, LEN(sizes7), &f), BENCH_OK);
        ok &= CHECK_EQ_INT(f.bigo, c);
        ok &= CHECK(f.slope_lo <= f.slope && f.slope <= f.slope_hi);
        ok &= CHECK(f.slope_hi > f.slope_lo);
        if (!ok)
            printf("  (with %s data)\n", bench_bigo_name((bench_bigo)c));
    }
}

TEST(test_fit_noisy_power_law_slope_is_close)
{
    static const double noise[] = {1.02, 0.98, 1.01, 0.99, 1.0, 1.02, 0.98};
    double t[LEN(sizes7)];
    bench_fit_result f;
    size_t i;
    for (i = 0; i < LEN(sizes7); i++)
        t[i] = sizes7[i] * sizes7[i] * noise[i];
    CHECK_EQ_INT(bench_fit(sizes7, t, NULL, NULL, LEN(sizes7), &f), BENCH_OK);
    CHECK_NEAR(f.slope, 2, 0.02);
    CHECK(f.r2 > 0.999 && f.r2 < 1);
    CHECK(f.slope_lo < 2 && 2 < f.slope_hi);
}

TEST(test_fit_two_points_interval_contains_slope_and_widens)
{
    const double n[] = {1000, 10000}, t[] = {1000, 10000};
    double lo1[2], hi1[2], lo10[2], hi10[2];
    bench_fit_result f0, f1, f10;
    size_t i;
    for (i = 0; i < 2; i++) {
        lo1[i] = t[i] * 0.99, hi1[i] = t[i] * 1.01;
        lo10[i] = t[i] * 0.9, hi10[i] = t[i] * 1.1;
    }
    CHECK_EQ_INT(bench_fit(n, t, NULL, NULL, 2, &f0), BENCH_OK);
    CHECK_EQ_INT(bench_fit(n, t, lo1, hi1, 2, &f1), BENCH_OK);
    CHECK_EQ_INT(bench_fit(n, t, lo10, hi10, 2, &f10), BENCH_OK);
    CHECK_NEAR(f0.slope, 1, 1e-12);
    CHECK_NEAR(f0.r2, 1, 0);
    /* Without intervals two points say nothing of the uncertainty. */
    CHECK_NEAR(f0.slope_lo, 1, 1e-12);
    CHECK_NEAR(f0.slope_hi, 1, 1e-12);
    CHECK(f1.slope_lo < f1.slope && f1.slope < f1.slope_hi);
    CHECK(f10.slope_lo < f1.slope_lo && f10.slope_hi > f1.slope_hi);
    /* 1% on each point, over a decade: about +-0.01 on the slope. */
    CHECK(f1.slope_hi - f1.slope_lo > 0.005 && f1.slope_hi - f1.slope_lo < 0.05);
    CHECK_EQ_INT(f1.bigo, BENCH_ON);
}

TEST(test_fit_constant_from_size_one_skips_log_classes)
{
    /* log2(1) = 0: classes with a log are undefined there and must not
     * win (nor produce NaN). */
    const double n[] = {1, 10, 100, 1000}, c[] = {3, 3, 3, 3}, lin[] = {1, 10, 100, 1000};
    bench_fit_result f;
    CHECK_EQ_INT(bench_fit(n, c, NULL, NULL, 4, &f), BENCH_OK);
    CHECK_EQ_INT(f.bigo, BENCH_O1);
    CHECK_NEAR(f.coef, 3, 1e-12);
    CHECK_EQ_INT(bench_fit(n, lin, NULL, NULL, 4, &f), BENCH_OK);
    CHECK_EQ_INT(f.bigo, BENCH_ON);
    CHECK(isfinite(f.rms) && isfinite(f.coef));
}

TEST(test_fit_rejects_bad_input)
{
    const double n[] = {100, 1000, 10000}, t[] = {1, 2, 3};
    const double same[] = {100, 100, 100}, zero_t[] = {1, 0, 3}, neg_t[] = {1, -2, 3};
    const double nan_t[] = {1, NAN, 3}, inf_t[] = {1, INFINITY, 3}, zero_n[] = {0, 10, 100};
    bench_fit_result f;
    CHECK_EQ_INT(bench_fit(n, t, NULL, NULL, 1, &f), BENCH_EINVAL);
    CHECK_EQ_INT(bench_fit(n, t, NULL, NULL, 0, &f), BENCH_EINVAL);
    CHECK_EQ_INT(bench_fit(same, t, NULL, NULL, 3, &f), BENCH_EINVAL);
    CHECK_EQ_INT(bench_fit(n, zero_t, NULL, NULL, 3, &f), BENCH_EINVAL);
    CHECK_EQ_INT(bench_fit(n, neg_t, NULL, NULL, 3, &f), BENCH_EINVAL);
    CHECK_EQ_INT(bench_fit(n, nan_t, NULL, NULL, 3, &f), BENCH_EINVAL);
    CHECK_EQ_INT(bench_fit(n, inf_t, NULL, NULL, 3, &f), BENCH_EINVAL);
    CHECK_EQ_INT(bench_fit(zero_n, t, NULL, NULL, 3, &f), BENCH_EINVAL);
    CHECK_EQ_INT(bench_fit(NULL, t, NULL, NULL, 3, &f), BENCH_EINVAL);
    CHECK_EQ_INT(bench_fit(n, NULL, NULL, NULL, 3, &f), BENCH_EINVAL);
    CHECK_EQ_INT(bench_fit(n, t, NULL, NULL, 3, NULL), BENCH_EINVAL);
}

TEST(test_fit_accepts_repeated_sizes_if_two_differ)
{
    const double n[] = {100, 100, 1000}, t[] = {100, 100, 1000};
    bench_fit_result f;
    CHECK_EQ_INT(bench_fit(n, t, NULL, NULL, 3, &f), BENCH_OK);
    CHECK_NEAR(f.slope, 1, 1e-12);
}

TEST(test_bigo_names)
{
    CHECK_STR_EQ(bench_bigo_name(BENCH_O1), "O(1)");
    CHECK_STR_EQ(bench_bigo_name(BENCH_OLOGN), "O(log N)");
    CHECK_STR_EQ(bench_bigo_name(BENCH_ON), "O(N)");
    CHECK_STR_EQ(bench_bigo_name(BENCH_ONLOGN), "O(N log N)");
    CHECK_STR_EQ(bench_bigo_name(BENCH_ON2), "O(N^2)");
    CHECK_STR_EQ(bench_bigo_name(BENCH_ON3), "O(N^3)");
    CHECK_STR_EQ(bench_bigo_name(BENCH_BIGO_COUNT), "?");
    CHECK_STR_EQ(bench_bigo_name((bench_bigo)-1), "?");
}

TEST(test_fit_class_is_the_slowest_consistent_with_the_interval)
{
    /* Growth measured as ~1.09 with +-25% on each time: the interval of
     * the exponent (about +-0.16) contains 1, so the class is O(N), not
     * O(N log N). */
    const double n[] = {1000, 10000};
    double t[2], lo[2], hi[2];
    bench_fit_result f;
    size_t i;
    for (i = 0; i < 2; i++) {
        t[i] = pow(n[i], 1.09);
        lo[i] = t[i] * 0.75;
        hi[i] = t[i] * 1.25;
    }
    CHECK_EQ_INT(bench_fit(n, t, lo, hi, 2, &f), BENCH_OK);
    CHECK(f.slope_lo < 1 && f.slope_hi > 1.09);
    CHECK_EQ_INT(f.bigo, BENCH_ON);
    /* The same times known to +-0.1%: 1 is excluded, N log N (local
     * slope 1.12 here) is the nearer shape. */
    for (i = 0; i < 2; i++) {
        lo[i] = t[i] * 0.999;
        hi[i] = t[i] * 1.001;
    }
    CHECK_EQ_INT(bench_fit(n, t, lo, hi, 2, &f), BENCH_OK);
    CHECK(f.slope_lo > 1);
    CHECK_EQ_INT(f.bigo, BENCH_ONLOGN);
}

/* fit_paired takes the slope and the interval's part from the times as
 * given (the median and the spread of the rounds' own slopes): the same
 * two times read O(1) when each is known to +-40% on its own, O(log N)
 * when the rounds put their slope at 0.12 +-0.03, whatever the slope of
 * the two medians. The line still goes through their centre. */
TEST(test_fit_paired_slope_and_interval_are_the_ones_given)
{
    const double n[] = {1000, 10000};
    double t[2], lo[2], hi[2], mx = (log(n[0]) + log(n[1])) / 2, my;
    bench_fit_result f;
    size_t i;
    for (i = 0; i < 2; i++) {
        t[i] = 2 * log2(n[i]);
        lo[i] = t[i] * 0.6;
        hi[i] = t[i] * 1.4;
    }
    CHECK_EQ_INT(bench_fit(n, t, lo, hi, 2, &f), BENCH_OK);
    CHECK(f.slope_lo < 0);
    CHECK_EQ_INT(f.bigo, BENCH_O1);
    t[1] = t[0]; /* medians that show no growth at all */
    my = log(t[0]);
    CHECK_EQ_INT(fit_paired(n, t, 2, 0.12, 0.02, 0.03, &f), BENCH_OK);
    CHECK_NEAR(f.slope, 0.12, 1e-12);
    CHECK_NEAR(f.slope_lo, 0.10, 1e-12);
    CHECK_NEAR(f.slope_hi, 0.15, 1e-12);
    CHECK_NEAR(f.intercept + f.slope * mx, my, 1e-9);
    CHECK_EQ_INT(f.bigo, BENCH_OLOGN);
    CHECK_EQ_INT(fit_paired(n, t, 2, 0.12, -0.01, 0.03, &f), BENCH_EINVAL);
    CHECK_EQ_INT(fit_paired(n, t, 2, NAN, 0.01, 0.03, &f), BENCH_EINVAL);
    CHECK_EQ_INT(fit_paired(n, t, 1, 0.12, 0.01, 0.03, &f), BENCH_EINVAL);
}

/* With more than two sizes the scatter about the line still counts. */
TEST(test_fit_paired_adds_the_scatter_about_the_line)
{
    const double n[] = {1000, 10000, 100000};
    const double t[] = {1000, 12000, 100000}; /* off a straight line */
    bench_fit_result f;
    CHECK_EQ_INT(fit_paired(n, t, 3, 1.0, 0.001, 0.001, &f), BENCH_OK);
    CHECK_NEAR(f.slope, 1.0, 1e-12);
    CHECK(f.slope_hi - f.slope > 0.01 && f.slope - f.slope_lo > 0.01);
}
