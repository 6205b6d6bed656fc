/*
 * test_registry.c - registering cases and groups. test_unit links no
 * suite, so the registry holds only what these tests put there; names are
 * prefixed "treg" to stay apart from anything else. A case stays registered
 * until the program ends, so every test leaves the registry valid as a
 * whole (registry_check() passes) for whatever runs after it.
 */
#include <string.h>

#include "bench.h"
#include "registry.h"
#include "testhelp.h"

static void run_nothing(void *state)
{
    (void)state;
}

/* A case with the given name and run function. */
static bench_case make_case(const char *name, void (*run)(void *))
{
    bench_case c;
    memset(&c, 0, sizeof c);
    c.name = name;
    c.desc = "a test case";
    c.run = run;
    c.sizes[0] = 10;
    return c;
}

TEST(test_register_adds_a_findable_case)
{
    static bench_case c;
    size_t before = bench_count();
    c = make_case("treg/ok", run_nothing);
    CHECK_EQ_INT(bench_register(&c), BENCH_OK);
    CHECK_EQ_INT(bench_count(), before + 1);
    CHECK(bench_get(before) == &c);
    CHECK(bench_get(before + 1) == NULL);
    CHECK(bench_get((size_t)-1) == NULL);
    CHECK(bench_find("treg/ok") == &c);
    CHECK(bench_find("treg/nope") == NULL);
    CHECK(bench_find("treg") == NULL);
    CHECK(bench_find(NULL) == NULL);
}

TEST(test_register_rejects_a_taken_name)
{
    static bench_case a, b;
    a = make_case("treg/twice", run_nothing);
    b = make_case("treg/twice", run_nothing);
    CHECK_EQ_INT(bench_register(&a), BENCH_OK);
    CHECK_EQ_INT(bench_register(&b), BENCH_EEXIST);
    CHECK_EQ_INT(bench_register(&a), BENCH_EEXIST);
    CHECK(bench_find("treg/twice") == &a);
}

TEST(test_register_rejects_missing_fields)
{
    static bench_case c;
    size_t before = bench_count();
    CHECK_EQ_INT(bench_register(NULL), BENCH_EINVAL);
    c = make_case(NULL, run_nothing);
    CHECK_EQ_INT(bench_register(&c), BENCH_EINVAL);
    c = make_case("treg/norun", NULL);
    CHECK_EQ_INT(bench_register(&c), BENCH_EINVAL);
    CHECK_EQ_INT(bench_count(), before);
}

TEST(test_register_rejects_malformed_names)
{
    static const char *const bad[] = {
        "",         "/",       "/case",  "treg/",   "treg/a/b", "treg//a",
        "treg/a b", "treg/a*", "treg/é", "tr eg/a", "treg/a\n", "treg\\a",
    };
    static bench_case c[sizeof bad / sizeof bad[0]];
    size_t i, before = bench_count();
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        c[i] = make_case(bad[i], run_nothing);
        if (!CHECK_EQ_INT(bench_register(&c[i]), BENCH_EINVAL))
            printf("  (name \"%s\")\n", bad[i]);
    }
    CHECK_EQ_INT(bench_count(), before);
}

TEST(test_register_accepts_every_allowed_character)
{
    static bench_case c;
    c = make_case("treg_A-z.09/Case_1.x-y", run_nothing);
    CHECK_EQ_INT(bench_register(&c), BENCH_OK);
}

TEST(test_register_group_and_its_description)
{
    CHECK_EQ_INT(bench_register_group("tregg", "a group for tests"), BENCH_OK);
    CHECK_STR_EQ(bench_group_desc("tregg"), "a group for tests");
    CHECK_EQ_INT(bench_register_group("tregg", "again"), BENCH_EEXIST);
    CHECK_STR_EQ(bench_group_desc("tregg"), "a group for tests");
    CHECK(bench_group_desc("treg-none") == NULL);
    CHECK(bench_group_desc(NULL) == NULL);
    CHECK_EQ_INT(bench_register_group("tregg/x", "slash"), BENCH_EINVAL);
    CHECK_EQ_INT(bench_register_group("", "empty"), BENCH_EINVAL);
    CHECK_EQ_INT(bench_register_group("bad name!", "no case could be in it"), BENCH_EINVAL);
    CHECK_EQ_INT(bench_register_group(NULL, "null"), BENCH_EINVAL);
    CHECK_EQ_INT(bench_register_group("treggg", NULL), BENCH_EINVAL);
}

/* ---- sizes ---- */

TEST(test_register_rejects_sizes_that_do_not_strictly_ascend)
{
    static const size_t bad[][4] = {
        {10, 10}, {100, 10}, {10, 20, 20}, {10, 20, 15}, {1, 2, 3, 1},
    };
    static bench_case c;
    size_t i, before = bench_count();
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        c = make_case("treg/badsizes", run_nothing);
        memcpy(c.sizes, bad[i], sizeof bad[i]);
        if (!CHECK_EQ_INT(bench_register(&c), BENCH_EINVAL))
            printf("  (sizes #%zu)\n", i);
    }
    CHECK_EQ_INT(bench_count(), before);
    CHECK(bench_find("treg/badsizes") == NULL);
}

TEST(test_register_rejects_a_full_array_that_falls_at_the_end)
{
    static bench_case c;
    size_t i;
    c = make_case("treg/fullbad", run_nothing);
    for (i = 0; i < BENCH_MAX_SIZES; i++)
        c.sizes[i] = 10 * (i + 1);
    c.sizes[BENCH_MAX_SIZES - 1] = c.sizes[BENCH_MAX_SIZES - 2];
    CHECK_EQ_INT(bench_register(&c), BENCH_EINVAL);
}

TEST(test_register_accepts_ascending_sizes_no_sizes_and_a_full_array)
{
    static bench_case one, none, full;
    size_t i;
    one = make_case("treg/onesize", run_nothing);
    none = make_case("treg/nosizes", run_nothing);
    none.sizes[0] = 0;
    full = make_case("treg/fullsizes", run_nothing);
    for (i = 0; i < BENCH_MAX_SIZES; i++)
        full.sizes[i] = (size_t)1 << i;
    CHECK_EQ_INT(bench_register(&one), BENCH_OK);
    CHECK_EQ_INT(bench_register(&none), BENCH_OK);
    CHECK_EQ_INT(bench_register(&full), BENCH_OK);
}

/* ---- baselines ---- */

TEST(test_register_rejects_a_malformed_self_or_foreign_baseline)
{
    static const char *const bad[] = {
        "",           /* malformed */
        "tregb/a b",  /* malformed */
        "tregb/x/y",  /* malformed */
        "tregb/self", /* the case itself */
        "other/x",    /* another group */
        "tregbx/x",   /* another group, sharing a prefix */
        "treg/x",     /* another group, a prefix of this one */
    };
    static bench_case c;
    size_t i, before = bench_count();
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        c = make_case("tregb/self", run_nothing);
        c.baseline = bad[i];
        if (!CHECK_EQ_INT(bench_register(&c), BENCH_EINVAL))
            printf("  (baseline \"%s\")\n", bad[i]);
    }
    CHECK_EQ_INT(bench_count(), before);
}

TEST(test_register_accepts_a_baseline_registered_before_or_after)
{
    static bench_case base, before, after, late;
    base = make_case("tregb/base", run_nothing);
    before = make_case("tregb/before", run_nothing);
    before.baseline = "tregb/base";
    after = make_case("tregb/after", run_nothing);
    after.baseline = "tregb/late"; /* not registered yet: no error here */
    CHECK_EQ_INT(bench_register(&base), BENCH_OK);
    CHECK_EQ_INT(bench_register(&before), BENCH_OK);
    CHECK_EQ_INT(bench_register(&after), BENCH_OK);
    CHECK(bench_find("tregb/after") == &after);
    /* Registered now, so the registry is whole again. */
    late = make_case("tregb/late", run_nothing);
    CHECK_EQ_INT(bench_register(&late), BENCH_OK);
    CHECK_EQ_INT(registry_check(NULL, 0), BENCH_OK);
}

/* A dangling baseline is found, the first in registration order first;
 * registering the missing cases makes the registry valid again. */
TEST(test_registry_check_names_the_first_dangling_baseline)
{
    static bench_case a, b, x, y;
    char err[160];
    if (!CHECK_EQ_INT(registry_check(err, sizeof err), BENCH_OK))
        printf("  (already: %s)\n", err);
    a = make_case("tregc/a", run_nothing);
    a.baseline = "tregc/x";
    b = make_case("tregc/b", run_nothing);
    b.baseline = "tregc/y";
    CHECK_EQ_INT(bench_register(&a), BENCH_OK);
    CHECK_EQ_INT(bench_register(&b), BENCH_OK);

    strcpy(err, "untouched");
    CHECK_EQ_INT(registry_check(err, sizeof err), BENCH_EINVAL);
    CHECK_STR_EQ(err, "case 'tregc/a': baseline 'tregc/x' is not a registered case of group "
                      "'tregc'");
    CHECK_EQ_INT(registry_check(NULL, 0), BENCH_EINVAL);
    strcpy(err, "untouched");
    CHECK_EQ_INT(registry_check(err, 0), BENCH_EINVAL);
    CHECK_STR_EQ(err, "untouched");
    CHECK_EQ_INT(registry_check(err, 8), BENCH_EINVAL);
    CHECK_STR_EQ(err, "case 't"); /* truncated, still a string */

    x = make_case("tregc/x", run_nothing);
    CHECK_EQ_INT(bench_register(&x), BENCH_OK);
    CHECK_EQ_INT(registry_check(err, sizeof err), BENCH_EINVAL);
    CHECK_STR_EQ(err, "case 'tregc/b': baseline 'tregc/y' is not a registered case of group "
                      "'tregc'");

    y = make_case("tregc/y", run_nothing);
    CHECK_EQ_INT(bench_register(&y), BENCH_OK);
    CHECK_EQ_INT(registry_check(err, sizeof err), BENCH_OK);
}
