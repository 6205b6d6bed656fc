/*
 * test_json.c - the strict JSON reader and the baseline loader on what a
 * baseline file can hold, malformed input included. Under `make sanitize`
 * these also prove that every rejected document is freed.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "json.h"
#include "testhelp.h"

static int parse(const char *text, json_value *v, char *err, size_t errsz)
{
    return json_parse(text, strlen(text), v, err, errsz);
}

TEST(test_json_reads_every_kind_of_value)
{
    json_value v;
    char err[256];
    const json_value *x;
    if (!CHECK_EQ_INT(
            parse("{\"a\": [1, -2.5e3, true, false, null], \"s\": \"\\u00e9\\ud83d\\ude00\\n\"}",
                  &v, err, sizeof err),
            BENCH_OK))
        return;
    x = json_get(&v, "a");
    if (CHECK(x && x->type == JSON_ARRAY && x->u.arr.n == 5)) {
        CHECK_NEAR(x->u.arr.items[0].u.num, 1, 0);
        CHECK_NEAR(x->u.arr.items[1].u.num, -2500, 0);
        CHECK_EQ_INT(x->u.arr.items[2].type, JSON_BOOL);
        CHECK_EQ_INT(x->u.arr.items[2].u.b, 1);
        CHECK_EQ_INT(x->u.arr.items[4].type, JSON_NULL);
    }
    x = json_get(&v, "s");
    if (CHECK(x && x->type == JSON_STRING))
        CHECK_STR_EQ(x->u.str.s, "\xc3\xa9\xf0\x9f\x98\x80\n");
    CHECK(json_get(&v, "missing") == NULL);
    json_free(&v);
}

TEST(test_json_rejects_malformed_documents_with_a_location)
{
    static const char *const bad[] = {
        "",         "{",     "[1,]", "{\"a\":1,}", "{\"a\" 1}",  "[01]",    "[1.]",
        "[.5]",     "[1e]",  "[+1]", "[NaN]",      "[Infinity]", "\"\\x\"", "\"\\ud800\"",
        "\"a\tb\"", "[1] 2", "tru",  "[\"abc",     "{1: 2}",     "[1e999]",
    };
    size_t i;
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        json_value v;
        char err[256] = "";
        if (!CHECK_EQ_INT(parse(bad[i], &v, err, sizeof err), BENCH_EPARSE))
            printf("  (accepted: %s)\n", bad[i]);
        else
            CHECK_STR_CONTAINS(err, "line 1, column ");
    }
}

/* A leak found by fuzzing: an array item that fails half-way (here an
 * object holding members) must be freed with the rest; make sanitize's
 * leak checker fails this test if it is not. */
TEST(test_json_frees_a_partly_parsed_array_item)
{
    json_value v;
    char err[256];
    CHECK_EQ_INT(
        parse("{\"benchmarks\": [{\"name\": \"a\", \"real_time\": 1}, {\"name\": \"b\", \"re", &v,
              err, sizeof err),
        BENCH_EPARSE);
    CHECK_STR_CONTAINS(err, "line 1");
}

TEST(test_json_limits_nesting)
{
    char deep[300];
    json_value v;
    char err[256];
    memset(deep, '[', 200);
    deep[200] = 0;
    CHECK_EQ_INT(parse(deep, &v, err, sizeof err), BENCH_EPARSE);
    CHECK_STR_CONTAINS(err, "nested deeper than 64 levels");
}

TEST(test_baseline_names_the_entry_at_fault)
{
    baseline *b = NULL;
    char err[512];
    const char *doc = "{\"benchmarks\": [{\"name\": \"a/b/1\", \"run_type\": \"iteration\", "
                      "\"real_time\": 1.5, \"time_unit\": \"us\"}, {\"name\": \"a/b/1\"}]}";
    CHECK_EQ_INT(baseline_parse("base.json", doc, strlen(doc), &b, err, sizeof err), BENCH_EPARSE);
    CHECK_STR_CONTAINS(err, "'base.json': benchmarks[1] has no numeric \"real_time\"");
    CHECK(b == NULL);
    doc = "{\"context\": {}}";
    CHECK_EQ_INT(baseline_parse("base.json", doc, strlen(doc), &b, err, sizeof err), BENCH_EPARSE);
    CHECK_STR_CONTAINS(err, "no \"benchmarks\" array");
    doc = "{\"benchmarks\": [{\"name\": \"x\", \"real_time\": 1, \"time_unit\": \"fortnights\"}]}";
    CHECK_EQ_INT(baseline_parse("base.json", doc, strlen(doc), &b, err, sizeof err), BENCH_EPARSE);
    CHECK_STR_CONTAINS(err, "unknown \"time_unit\"");
}

TEST(test_baseline_skips_aggregates_and_errors_and_converts_units)
{
    baseline *b = NULL;
    char err[512];
    const char *doc =
        "{\"benchmarks\": ["
        "{\"name\": \"g/c/1\", \"run_type\": \"iteration\", \"real_time\": 1.5, \"time_unit\": \"us\"},"
        "{\"name\": \"g/c/1\", \"run_type\": \"iteration\", \"real_time\": 2, \"time_unit\": \"us\"},"
        "{\"name\": \"g/c/1_median\", \"run_type\": \"aggregate\", \"real_time\": 9},"
        "{\"name\": \"g/d/1\", \"error_occurred\": true, \"error_message\": \"setup failed\"}]}";
    double samples[2] = {1500, 2000}, cpu[2] = {0, 0};
    result_case cr;
    results r;
    compare_result cmp;

    if (!CHECK_EQ_INT(baseline_parse("b.json", doc, strlen(doc), &b, err, sizeof err), BENCH_OK))
        return;
    memset(&cr, 0, sizeof cr);
    memset(&r, 0, sizeof r);
    cr.name = "g/c";
    cr.npoints = 1;
    cr.pts[0].n = 1;
    cr.pts[0].m.samples = samples;
    cr.pts[0].m.cpu_samples = cpu;
    cr.pts[0].m.nsamples = 2;
    cr.pts[0].m.wall.median = 1750;
    r.cases = &cr;
    r.ncases = 1;
    if (CHECK_EQ_INT(compare_run(b, &r, 5, &cmp), BENCH_OK)) {
        /* Only the two iteration entries: no row for the aggregate or the
         * failed case, and 1.5 us and 2 us read as 1500 and 2000 ns. */
        if (CHECK_EQ_INT(cmp.nrows, 1)) {
            CHECK_STR_EQ(cmp.rows[0].name, "g/c/1");
            CHECK_NEAR(cmp.rows[0].old_median, 1750, 1e-9);
            CHECK_EQ_INT(cmp.rows[0].v, V_UNCHANGED);
            CHECK_NEAR(cmp.rows[0].change, 0, 1e-12);
        }
        compare_result_free(&cmp);
    }
    baseline_free(b);
}
