/*
 * test_baseline.c - a baseline file for --compare is read without hanging
 * and in time linear in its size: a FIFO, a device or a directory is
 * refused at once with a one-line error, and names are found through a
 * hash table, not a scan (200k names took over a minute).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "compare.h"
#include "testhelp.h"
#include "util.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* /usr/bin/timeout, or NULL (the test is then skipped, not left to hang). */
static const char *timeout_prog(void)
{
    if (access("/usr/bin/timeout", X_OK) == 0)
        return "/usr/bin/timeout";
    if (access("/bin/timeout", X_OK) == 0)
        return "/bin/timeout";
    return NULL;
}

/* A FIFO with no writer: open() of it for reading would wait forever.
 * bench, stopped by timeout(1) after 10 s should it regress, must refuse
 * it at once with exit 2 and one line naming it. */
TEST(test_baseline_fifo_is_refused_without_blocking)
{
    char dir[64], fifo[128], args[4096];
    const char *to = timeout_prog();
    cmd_result r;
    double t0;

    if (!to) {
        th_skip("timeout(1) not found: a regression would hang");
        return;
    }
    if (!make_temp_dir(dir, sizeof dir))
        return;
    snprintf(fifo, sizeof fifo, "%s/base.json", dir);
    if (!CHECK_EQ_INT(mkfifo(fifo, 0600), 0)) {
        remove_dir(dir);
        return;
    }
    snprintf(args, sizeof args, "10 %s concat --compare %s --min-time 0.02 -q", prog_path("bench"),
             fifo);
    t0 = now_s();
    run_prog(&r, to, args);
    CHECK(now_s() - t0 < 9); /* 124, timed out, is caught below too */
    CHECK_EQ_INT(r.status, 2);
    CHECK_STR_CONTAINS(r.err, "--compare: ");
    CHECK_STR_CONTAINS(r.err, "base.json': not a regular file (expected a JSON file written by "
                              "bench --format json)");
    CHECK(strchr(r.err, '\n') == r.err + strlen(r.err) - 1); /* one line */
    CHECK_STR_EQ(r.out, "");
    cmd_free(&r);
    remove_dir(dir);
}

/* The same refusal in the library, for a directory and a character
 * device (both only opened and looked at); a regular file still loads. */
TEST(test_baseline_load_refuses_what_is_not_a_regular_file)
{
    char dir[64], path[128], err[512];
    baseline *b = (baseline *)1;
    FILE *f;

    if (!make_temp_dir(dir, sizeof dir))
        return;
    CHECK_EQ_INT(baseline_load(dir, &b, err, sizeof err), BENCH_EIO);
    CHECK(b == NULL);
    CHECK_STR_CONTAINS(err, "': not a regular file (expected a JSON file");
    CHECK_EQ_INT(baseline_load("/dev/null", &b, err, sizeof err), BENCH_EIO);
    CHECK_STR_CONTAINS(err, "'/dev/null': not a regular file");
    snprintf(path, sizeof path, "%s/base.json", dir);
    f = fopen(path, "w");
    if (CHECK(f != NULL)) {
        fputs("{\"benchmarks\": [{\"name\": \"g/c/1\", \"real_time\": 2, \"time_unit\": \"us\"}]}",
              f);
        fclose(f);
        if (CHECK_EQ_INT(baseline_load(path, &b, err, sizeof err), BENCH_OK)) {
            CHECK_EQ_INT(baseline_count(b), 1);
            if (CHECK(baseline_find(b, "g/c/1") != NULL))
                CHECK_NEAR(baseline_find(b, "g/c/1")->samples[0], 2000, 0);
            baseline_free(b);
        }
    }
    remove_dir(dir);
}

/* A baseline of `names` distinct names "g/c<i>/<N>", each with `per`
 * samples, in order name 0..names-1 repeated `per` times (so every name's
 * samples are spread over the file). Free it. */
static char *make_doc(size_t names, size_t per, size_t *len)
{
    size_t cap = 64 + names * per * 80, n = 0, i, j;
    char *doc = malloc(cap);
    if (!doc)
        abort();
    n += (size_t)snprintf(doc + n, cap - n, "{\"benchmarks\": [");
    for (j = 0; j < per; j++)
        for (i = 0; i < names; i++)
            n += (size_t)snprintf(doc + n, cap - n,
                                  "%s{\"name\": \"g/c%zu/%zu\", \"real_time\": %zu.5}",
                                  i || j ? "," : "", i, i % 7, 100 + j);
    n += (size_t)snprintf(doc + n, cap - n, "]}");
    *len = n;
    return doc;
}

TEST(test_baseline_finds_every_name_with_its_samples_in_order)
{
    size_t len, i;
    char *doc = make_doc(5000, 3, &len), err[512], name[64];
    baseline *b;

    if (!CHECK_EQ_INT(baseline_parse("big.json", doc, len, &b, err, sizeof err), BENCH_OK)) {
        free(doc);
        return;
    }
    CHECK_EQ_INT(baseline_count(b), 5000);
    for (i = 0; i < 5000; i++) {
        const baseline_entry *e;
        snprintf(name, sizeof name, "g/c%zu/%zu", i, i % 7);
        e = baseline_find(b, name);
        if (!CHECK(e != NULL) || !CHECK(e == baseline_at(b, i)) || !CHECK_EQ_INT(e->n, 3))
            break;
        CHECK_NEAR(e->samples[0], 100.5, 0);
        CHECK_NEAR(e->samples[2], 102.5, 0);
    }
    CHECK(baseline_find(b, "g/c5000/1") == NULL);
    CHECK(baseline_find(b, "g/c1/") == NULL);
    CHECK(baseline_find(b, "") == NULL);
    baseline_free(b);
    free(doc);
}

/* This process's CPU time: what another process on the machine takes of
 * the CPUs does not count, as it would in wall time. */
static double cpu_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Load `names` names and compare a run of one point with them (all the
 * rest are "missing" rows): CPU seconds taken, the best of reps. */
static double load_and_compare(size_t names, int reps)
{
    size_t len, i;
    char *doc = make_doc(names, 1, &len), err[512];
    double samples[8] = {100, 101, 102, 103, 104, 105, 106, 107}, cpu[8] = {0};
    double best = 1e9;
    int rep;
    result_case cr;
    results r;

    memset(&cr, 0, sizeof cr);
    memset(&r, 0, sizeof r);
    cr.name = "g/c1";
    cr.npoints = 1;
    cr.pts[0].n = 1;
    cr.pts[0].m.samples = samples;
    cr.pts[0].m.cpu_samples = cpu;
    cr.pts[0].m.nsamples = 8;
    r.cases = &cr;
    r.ncases = 1;
    for (rep = 0; rep < reps; rep++) {
        baseline *b;
        compare_result cmp;
        double t0 = cpu_s(), t;
        if (!CHECK_EQ_INT(baseline_parse("big.json", doc, len, &b, err, sizeof err), BENCH_OK))
            break;
        if (CHECK_EQ_INT(compare_run(b, &r, 5, &cmp), BENCH_OK)) {
            CHECK_EQ_INT(cmp.nrows, names);
            for (i = 0; i < cmp.nrows && cmp.rows[i].v != V_MISSING; i++)
                CHECK_STR_EQ(cmp.rows[i].name, "g/c1/1");
            CHECK_EQ_INT(cmp.counts[V_MISSING], names - 1);
            compare_result_free(&cmp);
        }
        baseline_free(b);
        t = cpu_s() - t0;
        best = t < best ? t : best;
        if (t > 10)
            break; /* quadratic again: do not wait for a second round */
    }
    free(doc);
    return best;
}

/* Four times the names cost about four times the time (a scan per name
 * made it sixteen): a loose bound of 8x, and 200k names well under the
 * test's budget (they took over a minute). */
TEST(test_baseline_load_and_compare_are_linear_in_the_names)
{
    double small = load_and_compare(50000, 3), large;
    if (!CHECK(small < 5)) {
        printf("  (50k names took %.1f s)\n", small);
        return;
    }
    large = load_and_compare(200000, 3);
    if (!CHECK(large < 20) || !CHECK(large < 8 * small + 0.05))
        printf("  (50k names: %.3f s, 200k names: %.3f s)\n", small, large);
}
