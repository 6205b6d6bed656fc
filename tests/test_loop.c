/*
 * test_loop.c - the copies of the timed loop (src/loop.c): they must exist
 * as separate functions (a compiler that merged them would bring back the
 * shared call site they exist to avoid), each function keeps its copy, and
 * two functions never share one while copies are free.
 */
#include "loop.h"
#include "testhelp.h"

static void count_call(void *arg)
{
    ++*(unsigned long *)arg;
}

/* Instances on one line show the pattern: */
/* clang-format off */
#define DISTINCT_FN(k) \
    static void distinct_##k(void *arg) { *(int *)arg = k; }
DISTINCT_FN(1)
DISTINCT_FN(2)
DISTINCT_FN(3)
/* clang-format on */

TEST(test_loop_copies_are_distinct_functions)
{
    size_t i, j;
    for (i = 0; i < LOOP_COPIES; i++) {
        if (!CHECK(loop_at(i) != NULL))
            return;
        for (j = 0; j < i; j++)
            if (!CHECK(loop_at(i) != loop_at(j)))
                return;
    }
    CHECK(loop_at(LOOP_COPIES) == NULL);
}

TEST(test_loop_calls_the_function_n_times)
{
    unsigned long calls = 0;
    loop_for(count_call)(count_call, &calls, 1000);
    CHECK_EQ_INT(calls, 1000);
    loop_for(count_call)(count_call, &calls, 0);
    CHECK_EQ_INT(calls, 1000);
}

TEST(test_loop_same_function_same_copy_other_function_other_copy)
{
    int out = 0;
    timed_loop a = loop_for(distinct_1);
    timed_loop b = loop_for(distinct_2);
    timed_loop c = loop_for(distinct_3);
    CHECK(a == loop_for(distinct_1));
    CHECK(b == loop_for(distinct_2));
    CHECK(a != b);
    CHECK(a != c);
    CHECK(b != c);
    c(distinct_3, &out, 1);
    CHECK_EQ_INT(out, 3);
}

/* 72 more functions than any test needs, to fill the table. */
/* Instances on one line show the pattern: */
/* clang-format off */
#define MANY8(k) DISTINCT_FN(k##0) DISTINCT_FN(k##1) DISTINCT_FN(k##2) DISTINCT_FN(k##3) \
                 DISTINCT_FN(k##4) DISTINCT_FN(k##5) DISTINCT_FN(k##6) DISTINCT_FN(k##7)
MANY8(10) MANY8(11) MANY8(12) MANY8(13) MANY8(14) MANY8(15) MANY8(16) MANY8(17) MANY8(18)
#define NAMES8(k) distinct_##k##0, distinct_##k##1, distinct_##k##2, distinct_##k##3, \
                  distinct_##k##4, distinct_##k##5, distinct_##k##6, distinct_##k##7
static const bench_fn many[] = {NAMES8(10), NAMES8(11), NAMES8(12), NAMES8(13), NAMES8(14),
                                NAMES8(15), NAMES8(16), NAMES8(17), NAMES8(18)};
/* clang-format on */

TEST(test_loop_more_functions_than_copies_still_get_a_working_copy)
{
    size_t i;
    int out = 0;
    for (i = 0; i < sizeof many / sizeof many[0]; i++) {
        timed_loop l = loop_for(many[i]);
        if (!CHECK(l != NULL) || !CHECK(l == loop_for(many[i])))
            return;
        l(many[i], &out, 1);
    }
    CHECK_EQ_INT(out, 187); /* the last one, distinct_187, ran */
}
