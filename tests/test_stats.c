/*
 * test_stats.c - bench_stats_compute on inputs whose statistics are known
 * exactly. Quantiles are Hyndman & Fan type 7 (R's and numpy's default).
 */
#include <math.h>
#include <string.h>

#include "bench.h"
#include "testhelp.h"

#define LEN(a) (sizeof(a) / sizeof((a)[0]))

TEST(test_median_of_odd_count_is_the_middle_value)
{
    const double x[] = {5, 1, 4, 2, 3};
    bench_stats st;
    CHECK_EQ_INT(bench_stats_compute(x, LEN(x), &st), BENCH_OK);
    CHECK_EQ_INT(st.n, 5);
    CHECK_NEAR(st.median, 3, 0);
    CHECK_NEAR(st.min, 1, 0);
    CHECK_NEAR(st.max, 5, 0);
    CHECK_NEAR(st.mean, 3, 1e-15);
    /* sum of squared deviations 4+1+0+1+4 = 10, over n-1 = 4 */
    CHECK_NEAR(st.stddev, sqrt(2.5), 1e-15);
    /* |x - 3| = 2,2,1,1,0 -> median 1 */
    CHECK_NEAR(st.mad, 1, 0);
    CHECK_EQ_INT(st.outliers, 0);
}

TEST(test_median_of_even_count_is_the_mean_of_the_middle_two)
{
    const double x[] = {4, 1, 3, 2};
    bench_stats st;
    CHECK_EQ_INT(bench_stats_compute(x, LEN(x), &st), BENCH_OK);
    CHECK_NEAR(st.median, 2.5, 0);
    /* |x - 2.5| = 1.5,0.5,0.5,1.5 -> median 1 */
    CHECK_NEAR(st.mad, 1, 0);
    CHECK_NEAR(st.mean, 2.5, 0);
}

TEST(test_mean_stddev_mad_of_a_textbook_sample)
{
    /* The classic sample with population sd 2: mean 5, squared deviations
     * 9,1,1,1,0,0,4,16 = 32, so the sample sd is sqrt(32/7). */
    const double x[] = {2, 4, 4, 4, 5, 5, 7, 9};
    bench_stats st;
    CHECK_EQ_INT(bench_stats_compute(x, LEN(x), &st), BENCH_OK);
    CHECK_NEAR(st.mean, 5, 1e-15);
    CHECK_NEAR(st.stddev, sqrt(32.0 / 7.0), 1e-14);
    CHECK_NEAR(st.median, 4.5, 0);
    /* |x - 4.5| sorted: .5 .5 .5 .5 .5 2.5 2.5 4.5 -> median .5 */
    CHECK_NEAR(st.mad, 0.5, 0);
    /* q1 = 4, q3 = 5.5, IQR 1.5, fences 1.75 and 7.75: 9 is out. */
    CHECK_EQ_INT(st.outliers, 1);
}

TEST(test_stats_does_not_modify_input)
{
    double x[] = {3, 1, 2};
    bench_stats st;
    CHECK_EQ_INT(bench_stats_compute(x, LEN(x), &st), BENCH_OK);
    CHECK(x[0] == 3 && x[1] == 1 && x[2] == 2);
}

TEST(test_stats_of_one_value)
{
    const double x[] = {42};
    bench_stats st;
    CHECK_EQ_INT(bench_stats_compute(x, 1, &st), BENCH_OK);
    CHECK_NEAR(st.median, 42, 0);
    CHECK_NEAR(st.mean, 42, 0);
    CHECK_NEAR(st.stddev, 0, 0);
    CHECK_NEAR(st.mad, 0, 0);
    CHECK_NEAR(st.ci_lo, 42, 0);
    CHECK_NEAR(st.ci_hi, 42, 0);
    CHECK_EQ_INT(st.outliers, 0);
}

TEST(test_stats_of_identical_values_has_no_spread)
{
    const double x[] = {7, 7, 7, 7, 7, 7, 7, 7, 7, 7};
    bench_stats st;
    CHECK_EQ_INT(bench_stats_compute(x, LEN(x), &st), BENCH_OK);
    CHECK_NEAR(st.stddev, 0, 0);
    CHECK_NEAR(st.mad, 0, 0);
    CHECK_NEAR(st.ci_lo, 7, 0);
    CHECK_NEAR(st.ci_hi, 7, 0);
    CHECK_EQ_INT(st.outliers, 0);
}

TEST(test_tukey_outliers_counted_on_both_sides)
{
    /* sorted -50 2 3 4 5 6 7 8 9 100: q1 = 3 + .25 = 3.25, q3 = 7 + .75 =
     * 7.75, IQR 4.5, fences -3.5 and 14.5. */
    const double x[] = {100, 2, 3, 4, 5, -50, 6, 7, 8, 9};
    bench_stats st;
    CHECK_EQ_INT(bench_stats_compute(x, LEN(x), &st), BENCH_OK);
    CHECK_EQ_INT(st.outliers, 2);
}

TEST(test_value_on_a_tukey_fence_is_not_an_outlier)
{
    /* q1 3.25, q3 7.75, upper fence exactly 7.75 + 6.75 = 14.5. */
    const double x[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 14.5};
    bench_stats st;
    CHECK_EQ_INT(bench_stats_compute(x, LEN(x), &st), BENCH_OK);
    CHECK_EQ_INT(st.outliers, 0);
}

/* Values 10, 20, ..., 10n in a scrambled order (7 is coprime with every n
 * used here), so the k-th smallest is 10k. */
static void scrambled(double *x, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        x[i] = 10.0 * (double)((i * 7 + 3) % n + 1);
}

/* The interval is [s_(j), s_(n-j+1)] with j the largest rank such that
 * 2 P(B <= j-1) <= 0.05 for B ~ Binomial(n, 1/2) (the count of values below
 * the true median); with no such j (n < 6) it falls back to [min, max]. */
static void check_ci_ranks(size_t n, size_t lo_rank, size_t hi_rank)
{
    double x[100];
    bench_stats st;
    int ok;
    scrambled(x, n);
    CHECK_EQ_INT(bench_stats_compute(x, n, &st), BENCH_OK);
    ok = CHECK_NEAR(st.ci_lo, 10.0 * (double)lo_rank, 0);
    ok &= CHECK_NEAR(st.ci_hi, 10.0 * (double)hi_rank, 0);
    if (!ok)
        printf("  (with n = %zu)\n", n);
}

TEST(test_median_ci_below_six_is_min_max)
{
    /* n = 5: 2 P(B <= 0) = 2/32 = 0.0625 > 0.05, so not even [min, max]
     * is a 95% interval; it is reported as [min, max] (93.75%). */
    check_ci_ranks(2, 1, 2);
    check_ci_ranks(3, 1, 3);
    check_ci_ranks(5, 1, 5);
}

TEST(test_median_ci_of_six_is_min_max)
{
    /* n = 6: 2 P(B <= 0) = 2/64 = 0.031 <= 0.05, 2 P(B <= 1) = 14/64 =
     * 0.22: j = 1, ranks 1 and 6 (coverage 96.9%). */
    check_ci_ranks(6, 1, 6);
}

TEST(test_median_ci_of_eight_is_min_max)
{
    /* n = 8: 2 P(B <= 1) = 2 * 9/256 = 0.070 > 0.05: j = 1. */
    check_ci_ranks(8, 1, 8);
}

TEST(test_median_ci_of_nine_is_ranks_2_and_8)
{
    /* n = 9: 2 P(B <= 1) = 2 * 10/512 = 0.039; 2 P(B <= 2) = 2 * 46/512 =
     * 0.18: j = 2, ranks 2 and 8. */
    check_ci_ranks(9, 2, 8);
}

TEST(test_median_ci_of_ten_is_ranks_2_and_9)
{
    /* n = 10: 2 P(B <= 1) = 2 * 11/1024 = 0.021; 2 P(B <= 2) = 2 * 56/1024
     * = 0.109: j = 2, ranks 2 and 9, i.e. s[1] and s[8] (coverage 97.9%). */
    check_ci_ranks(10, 2, 9);
}

TEST(test_median_ci_of_twenty_is_ranks_6_and_15)
{
    /* n = 20: P(B <= 5) = (1+20+190+1140+4845+15504)/2^20 = 21700/1048576,
     * doubled 0.041; P(B <= 6) adds C(20,6) = 38760: 60460/1048576,
     * doubled 0.115: j = 6, ranks 6 and 15 (the textbook table's). */
    check_ci_ranks(20, 6, 15);
}

TEST(test_median_ci_of_hundred_is_ranks_40_and_61)
{
    /* n = 100: P(B <= 39) = 0.0176, P(B <= 40) = 0.0284 (doubled 0.035
     * and 0.057): j = 40, ranks 40 and 61, the textbook table's. */
    check_ci_ranks(100, 40, 61);
}

TEST(test_median_ci_contains_median)
{
    double x[37];
    bench_stats st;
    scrambled(x, 37);
    CHECK_EQ_INT(bench_stats_compute(x, 37, &st), BENCH_OK);
    CHECK(st.ci_lo <= st.median && st.median <= st.ci_hi);
    CHECK(st.ci_lo > st.min && st.ci_hi < st.max);
}

TEST(test_stats_rejects_empty_or_null)
{
    const double x[] = {1, 2, 3};
    bench_stats st;
    CHECK_EQ_INT(bench_stats_compute(x, 0, &st), BENCH_EINVAL);
    CHECK_EQ_INT(bench_stats_compute(NULL, 3, &st), BENCH_EINVAL);
    CHECK_EQ_INT(bench_stats_compute(x, 3, NULL), BENCH_EINVAL);
}
