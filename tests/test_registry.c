/*
 * test_registry.c - registering cases and groups. test_unit links no
 * suite, so the registry holds only what these tests put there; names are
 * prefixed "treg" to stay apart from anything else.
 */
#include <string.h>

#include "bench.h"
#include "testhelp.h"

static void run_nothing(void *state) { (void)state; }

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
        "", "/", "/case", "treg/", "treg/a/b", "treg//a", "treg/a b", "treg/a*",
        "treg/é", "tr eg/a", "treg/a\n", "treg\\a",
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
    CHECK_EQ_INT(bench_register_group(NULL, "null"), BENCH_EINVAL);
    CHECK_EQ_INT(bench_register_group("treggg", NULL), BENCH_EINVAL);
}
