/*
 * test_rank.c - the rank statistics of rank.h on worked examples whose
 * values are known independently of this code: the Hollander & Wolfe data
 * of R's wilcox.test documentation, and small samples checked by hand.
 * Every expected value below was computed apart from the C code (by hand,
 * and with python3's fractions and math.erfc, counting the pairs
 * x_i > y_j for U instead of ranking); the arithmetic is in the comments.
 */
#include <math.h>

#include "rank.h"
#include "testhelp.h"

#define LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Hollander & Wolfe, "Nonparametric Statistical Methods" (1973), p. 69f
 * (Example 4.1 in the 3rd edition, Hollander, Wolfe & Chicken 2014):
 * permeability constants of the human chorioamnion at term (x) and at
 * 12 to 26 weeks gestational age (y). The two-sample example of R's
 * ?wilcox.test. */
static const double hw_x[] = {0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46};
static const double hw_y[] = {1.15, 0.88, 0.90, 0.74, 1.21};

TEST(test_rank_mann_whitney_hollander_wolfe_example)
{
    /* No ties. U of x = #{x_i > y_j} = 35 (R: "W = 35"). nx = 10, ny = 5,
     * n = 15: mu = 10 * 5 / 2 = 25, var = 10 * 5 * 16 / 12 = 200/3,
     * z = (|35 - 25| - 0.5) / sqrt(200/3) = 9.5 / 8.16497 = 1.1635076,
     * p = erfc(z / sqrt 2) = 0.24462360512698333 (python3 math.erfc).
     * Without the continuity correction the one-sided p would be
     * erfc(10 / sqrt(200/3) / sqrt 2) / 2 = 0.1103, H&W's large sample
     * approximation as R's example computes it (wilcox.test(x, y,
     * alternative = "g", exact = FALSE, correct = FALSE)). */
    CHECK_NEAR(rank_mann_whitney_p(hw_x, LEN(hw_x), hw_y, LEN(hw_y)), 0.24462360512698333, 1e-12);
    /* Two-sided: the same with the samples swapped (U = 15, |15 - 25|). */
    CHECK_NEAR(rank_mann_whitney_p(hw_y, LEN(hw_y), hw_x, LEN(hw_x)), 0.24462360512698333, 1e-12);
}

TEST(test_rank_mann_whitney_tie_correction)
{
    /* Pooled and sorted: 1 2 2 2 3 3 3 4 5; ranks 1, 3 3 3, 6 6 6, 8, 9.
     * R_x = 1 + 3 + 3 + 6 = 13, U = 13 - 4 * 5 / 2 = 3 (by pairs: 3 > 2
     * once, and four ties x = y counting 1/2 each: 1 + 2 = 3).
     * Two groups of 3 tied values: sum(t^3 - t) = 24 + 24 = 48.
     * mu = 4 * 5 / 2 = 10, var = 20 / 12 * (10 - 48 / (9 * 8)) = 140/9,
     * z = (7 - 0.5) / sqrt(140/9) = 1.6480508,
     * p = erfc(z / sqrt 2) = 0.09934224785346527.
     * (Without the tie correction var = 50/3 and p would be 0.1113.) */
    const double x[] = {1, 2, 2, 3}, y[] = {2, 3, 3, 4, 5};
    CHECK_NEAR(rank_mann_whitney_p(x, LEN(x), y, LEN(y)), 0.09934224785346527, 1e-12);
}

TEST(test_rank_mann_whitney_separated_samples)
{
    /* Every y above every x: U = 0, mu = 50, var = 100 * 21 / 12 = 175,
     * z = 49.5 / sqrt(175) = 3.7418483, p = 0.0001826717911095504. */
    const double x[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    const double y[] = {11, 12, 13, 14, 15, 16, 17, 18, 19, 20};
    CHECK_NEAR(rank_mann_whitney_p(x, LEN(x), y, LEN(y)), 0.0001826717911095504, 1e-15);
}

TEST(test_rank_mann_whitney_no_difference_gives_one)
{
    /* Identical samples: U = 9/2 = mu, so |U - mu| - 1/2 < 0, z = 0. */
    const double x[] = {1, 2, 3}, y[] = {3, 1, 2};
    /* Every value the same: var = 6/12 * (6 - 120 / 20) = 0. */
    const double c3[] = {5, 5, 5}, c2[] = {5, 5};
    CHECK_NEAR(rank_mann_whitney_p(x, LEN(x), y, LEN(y)), 1, 0);
    CHECK_NEAR(rank_mann_whitney_p(c3, LEN(c3), c2, LEN(c2)), 1, 0);
    /* An empty sample: no evidence either. */
    CHECK_NEAR(rank_mann_whitney_p(x, LEN(x), y, 0), 1, 0);
    CHECK_NEAR(rank_mann_whitney_p(x, 0, y, LEN(y)), 1, 0);
}

TEST(test_rank_hodges_lehmann_by_hand_odd_count)
{
    /* y_j - x_i for x = {1, 2, 4}, y = {3, 7, 8}:
     *   3-1 = 2, 3-2 = 1, 3-4 = -1, 7-1 = 6, 7-2 = 5, 7-4 = 3,
     *   8-1 = 7, 8-2 = 6, 8-4 = 4
     * sorted: -1 1 2 3 [4] 5 6 6 7; m = 9, the median is the 5th: 4.
     * C = floor(9/2 - 1.959964 * sqrt(3 * 3 * 7 / 12)) = floor(0.0092) = 0,
     * clamped to 1: [d_(1), d_(9)] = [-1, 7], the whole range. */
    const double x[] = {1, 2, 4}, y[] = {3, 7, 8};
    double est = 0, lo = 0, hi = 0;
    if (!CHECK_EQ_INT(rank_hodges_lehmann(x, LEN(x), y, LEN(y), &est, &lo, &hi), 0))
        return;
    CHECK_NEAR(est, 4, 0);
    CHECK_NEAR(lo, -1, 0);
    CHECK_NEAR(hi, 7, 0);
    /* The other way round: the shift x - y, every difference negated. */
    if (!CHECK_EQ_INT(rank_hodges_lehmann(y, LEN(y), x, LEN(x), &est, &lo, &hi), 0))
        return;
    CHECK_NEAR(est, -4, 0);
    CHECK_NEAR(lo, -7, 0);
    CHECK_NEAR(hi, 1, 0);
}

TEST(test_rank_hodges_lehmann_by_hand_even_count)
{
    /* y_j - x_i for x = {1, 2, 4, 6}, y = {3, 7}:
     *   3-1 = 2, 3-2 = 1, 3-4 = -1, 3-6 = -3, 7-1 = 6, 7-2 = 5, 7-4 = 3,
     *   7-6 = 1
     * sorted: -3 -1 1 [1 2] 3 5 6; m = 8, the median is (1 + 2) / 2 = 1.5.
     * C = floor(4 - 1.959964 * sqrt(4 * 2 * 7 / 12)) = floor(-0.234),
     * clamped to 1: [-3, 6]. */
    const double x[] = {1, 2, 4, 6}, y[] = {3, 7};
    double est = 0, lo = 0, hi = 0;
    if (!CHECK_EQ_INT(rank_hodges_lehmann(x, LEN(x), y, LEN(y), &est, &lo, &hi), 0))
        return;
    CHECK_NEAR(est, 1.5, 0);
    CHECK_NEAR(lo, -3, 0);
    CHECK_NEAR(hi, 6, 0);
}

TEST(test_rank_hodges_lehmann_ten_by_ten_interval)
{
    /* x = 1..10 and y = x + 2.5: y_j - x_i = (j - i) + 2.5, and the
     * difference k + 2.5 occurs 10 - |k| times for k = -9..9 (m = 100).
     * Cumulative counts from k = -9: 1 3 6 10 15 21 (k = -4) 28 (k = -3)
     * ... 45 (k = -1) 55 (k = 0) ... 72 (k = 2) 79 (k = 3).
     * Median: d_(50) and d_(51) both have k = 0 -> 2.5.
     * C = floor(50 - 1.959964 * sqrt(10 * 10 * 21 / 12)) = floor(24.072)
     *   = 24: d_(24) has k = -3 -> -0.5; d_(100 + 1 - 24) = d_(77) has
     *   k = 3 -> 5.5. Not the whole range [-6.5, 11.5]. */
    const double x[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    const double y[] = {3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5, 10.5, 11.5, 12.5};
    double est = 0, lo = 0, hi = 0;
    if (!CHECK_EQ_INT(rank_hodges_lehmann(x, LEN(x), y, LEN(y), &est, &lo, &hi), 0))
        return;
    CHECK_NEAR(est, 2.5, 0);
    CHECK_NEAR(lo, -0.5, 0);
    CHECK_NEAR(hi, 5.5, 0);
}

TEST(test_rank_hodges_lehmann_hollander_wolfe_example)
{
    /* The 50 differences y_j - x_i of the Hollander & Wolfe data, sorted,
     * from both ends (python3, exact decimals):
     *   -1.17 -1.15 -1.03 -1.01 -1.01 -0.99 -0.90 [-0.76] ...
     *   ... [0.17] 0.17 0.32 0.35 0.38 0.41 0.42 0.48
     * and in the middle d_(25) = 1.15 - 1.46 = -0.31, d_(26) = 0.74 - 1.04
     * = -0.30: the estimate is their mean, -0.305 (R's wilcox.test(x, y,
     * conf.int = TRUE) estimates the shift x - y, as the median of the
     * differences x_i - y_j: the same figure with the sign turned).
     * C = floor(25 - 1.959964 * sqrt(10 * 5 * 16 / 12)) = floor(8.99696)
     *   = 8 (rounding to nearest would give 9): d_(8) = 0.88 - 1.64 = -0.76,
     *   d_(43) = 0.90 - 0.73 = 0.17. */
    double est = 0, lo = 0, hi = 0;
    if (!CHECK_EQ_INT(rank_hodges_lehmann(hw_x, LEN(hw_x), hw_y, LEN(hw_y), &est, &lo, &hi), 0))
        return;
    CHECK_NEAR(est, -0.305, 1e-12);
    CHECK_NEAR(lo, -0.76, 1e-12);
    CHECK_NEAR(hi, 0.17, 1e-12);
}

TEST(test_rank_hodges_lehmann_rejects_an_empty_sample)
{
    const double x[] = {1, 2};
    double est = 7, lo = 7, hi = 7;
    CHECK_EQ_INT(rank_hodges_lehmann(x, LEN(x), x, 0, &est, &lo, &hi), -1);
    CHECK_EQ_INT(rank_hodges_lehmann(x, 0, x, LEN(x), &est, &lo, &hi), -1);
    CHECK(est == 7 && lo == 7 && hi == 7);
}
