/*
 * test_cli.c - the `bench` program end to end: exit status, stdout and
 * stderr of the bench built beside test_unit (./build/bench for `make
 * test`, build/san/bench for `make sanitize`), and of the misbehaving
 * tests/progs/faulty. Every run is kept short (--min-time 0.02, small
 * sizes); nothing asserts a time.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"
#include "json.h"
#include "testhelp.h"
#include "util.h"

#define QUICK "--min-time 0.02 -q"

#define BENCH  prog_path("bench")
#define FAULTY prog_path("tests/progs/faulty")

static int run_bench(cmd_result *r, const char *args)
{
    return run_prog(r, BENCH, args);
}

static size_t count_lines(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

/* Does some line of text start with prefix? */
static int has_line_starting(const char *text, const char *prefix)
{
    const char *p = text;
    size_t len = strlen(prefix);
    while (p && *p) {
        if (strncmp(p, prefix, len) == 0)
            return 1;
        p = strchr(p, '\n');
        if (p)
            p++;
    }
    return 0;
}

static void show(const cmd_result *r)
{
    printf("  (exit %d)\n  stdout: %.2000s\n  stderr: %.2000s\n", r->status, r->out, r->err);
}

/* Split the next line off *p (modified in place); NULL at the end. */
static char *next_line(char **p)
{
    char *line = *p, *nl;
    if (!line || !*line)
        return NULL;
    nl = strchr(line, '\n');
    if (nl) {
        *nl = 0;
        *p = nl + 1;
    } else {
        *p = line + strlen(line);
    }
    return line;
}

static size_t count_char(const char *s, char c)
{
    size_t n = 0;
    for (; *s; s++)
        n += *s == c;
    return n;
}

/* ---- help, version, list ---- */

TEST(test_cli_help_exits_0)
{
    cmd_result r;
    run_bench(&r, "--help");
    CHECK_EQ_INT(r.status, 0);
    CHECK_STR_CONTAINS(r.out, "usage: bench");
    CHECK_STR_CONTAINS(r.out, "--sizes");
    CHECK_STR_EQ(r.err, "");
    cmd_free(&r);
    run_bench(&r, "-h");
    CHECK_EQ_INT(r.status, 0);
    CHECK_STR_CONTAINS(r.out, "usage: bench");
    cmd_free(&r);
}

TEST(test_cli_version_exits_0)
{
    cmd_result r;
    run_bench(&r, "--version");
    CHECK_EQ_INT(r.status, 0);
    CHECK_STR_CONTAINS(r.out, BENCH_VERSION);
    CHECK_EQ_INT(count_lines(r.out), 1);
    CHECK_STR_EQ(r.err, "");
    cmd_free(&r);
    run_bench(&r, "-V");
    CHECK_EQ_INT(r.status, 0);
    CHECK_STR_CONTAINS(r.out, BENCH_VERSION);
    cmd_free(&r);
}

/* Each line of --list: name, sizes (digits and commas), description. */
static int list_line_ok(const char *line, size_t len)
{
    char buf[512], name[128], sizes[256];
    int used = 0;
    size_t i;
    if (len >= sizeof buf)
        return 0;
    memcpy(buf, line, len);
    buf[len] = 0;
    if (sscanf(buf, "%127s %255s %n", name, sizes, &used) != 2 || used == 0 || !buf[used])
        return 0;
    if (!strchr(name, '/'))
        return 0;
    if (strcmp(sizes, "-") == 0) /* a case without default sizes */
        return 1;
    for (i = 0; sizes[i]; i++)
        if (!(sizes[i] >= '0' && sizes[i] <= '9') && sizes[i] != ',')
            return 0;
    return 1;
}

TEST(test_cli_list_shows_every_group_with_sizes_and_descriptions)
{
    static const char *const groups[] = {"concat/",  "member/", "simd/",
                                         "rolling/", "batch/",  "sort/"};
    cmd_result r;
    const char *p;
    size_t i;
    run_bench(&r, "--list");
    CHECK_EQ_INT(r.status, 0);
    CHECK_STR_EQ(r.err, "");
    for (i = 0; i < sizeof groups / sizeof groups[0]; i++)
        if (!CHECK(has_line_starting(r.out, groups[i])))
            printf("  (group %s not listed)\n", groups[i]);
    CHECK_STR_CONTAINS(r.out, "concat/naive");
    CHECK_STR_CONTAINS(r.out, "concat/builder");
    CHECK(count_lines(r.out) >= 8);
    for (p = r.out; *p;) {
        const char *end = strchr(p, '\n');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (!CHECK(list_line_ok(p, len)))
            printf("  (line: %.*s)\n", (int)len, p);
        p += len + (end != NULL);
    }
    cmd_free(&r);
}

TEST(test_cli_list_with_a_pattern_lists_only_its_cases)
{
    cmd_result r;
    run_bench(&r, "-l member");
    CHECK_EQ_INT(r.status, 0);
    CHECK(has_line_starting(r.out, "member/"));
    CHECK(!has_line_starting(r.out, "concat/"));
    CHECK(!has_line_starting(r.out, "simd/"));
    cmd_free(&r);
}

/* ---- errors: exit 2, one line on stderr, nothing on stdout ---- */

static void check_usage_error(const char *args, const char *want1, const char *want2)
{
    cmd_result r;
    int ok;
    run_bench(&r, args);
    ok = CHECK_EQ_INT(r.status, 2);
    ok &= CHECK_STR_EQ(r.out, "");
    ok &= CHECK(strncmp(r.err, "bench: error: ", 14) == 0);
    ok &= CHECK_EQ_INT(count_lines(r.err), 1);
    ok &= CHECK(r.err[0] && r.err[strlen(r.err) - 1] == '\n');
    if (want1)
        ok &= CHECK_STR_CONTAINS(r.err, want1);
    if (want2)
        ok &= CHECK_STR_CONTAINS(r.err, want2);
    if (!ok) {
        printf("  (bench %s)\n", args);
        show(&r);
    }
    cmd_free(&r);
}

TEST(test_cli_bad_sizes_exit_2_with_one_line)
{
    check_usage_error("--sizes abc " QUICK, "--sizes", "'abc'");
    check_usage_error("--sizes 0 " QUICK, "--sizes", "'0'");
    check_usage_error("--sizes -5 " QUICK, "--sizes", "'-5'");
    check_usage_error("--sizes 1,,2 " QUICK, "--sizes", "1,,2");
    check_usage_error("--sizes 99999999999999999999 " QUICK, "--sizes", "'99999999999999999999'");
    check_usage_error("--sizes abc", "expected", NULL);
}

TEST(test_cli_number_zero_exits_2)
{
    check_usage_error("--number 0 concat " QUICK, "--number", "'0'");
}

TEST(test_cli_unknown_format_exits_2)
{
    check_usage_error("--format xml concat " QUICK, "--format", "'xml'");
}

TEST(test_cli_unknown_pattern_suggests_the_closest)
{
    check_usage_error("conact " QUICK, "'conact'", "concat");
    check_usage_error("membr/hash " QUICK, "'membr/hash'", "member");
}

TEST(test_cli_missing_option_value_exits_2)
{
    check_usage_error("concat --sizes", "--sizes", "missing");
    check_usage_error("concat -n", "-n", "missing");
}

TEST(test_cli_unknown_option_exits_2)
{
    check_usage_error("--frobnicate concat", "--frobnicate", NULL);
    check_usage_error("-Z concat", "-Z", NULL);
}

TEST(test_cli_unreadable_baseline_exits_2_before_measuring)
{
    check_usage_error("concat --compare /nonexistent/base.json " QUICK,
                      "--compare: cannot read '/nonexistent/base.json'",
                      "(expected a JSON file written by bench --format json)");
}

TEST(test_cli_output_to_missing_dir_exits_2_and_writes_nothing)
{
    char dir[64], args[256];
    check_usage_error("concat --sizes 100 -o /nonexistent/dir/x.json " QUICK,
                      "--output: cannot write '/nonexistent/dir/x.json'",
                      "(expected a writable file path, or - for standard output)");
    if (!make_temp_dir(dir, sizeof dir))
        return;
    snprintf(args, sizeof args, "concat --sizes 100 -o %s/missing/x.json " QUICK, dir);
    check_usage_error(args, "missing/x.json", NULL);
    CHECK_EQ_INT(count_entries(dir), 0);
    remove_dir(dir);
}

TEST(test_cli_output_to_a_directory_exits_2_and_leaves_nothing)
{
    char dir[64], sub[128], args[256];
    cmd_result r;
    if (!make_temp_dir(dir, sizeof dir))
        return;
    snprintf(sub, sizeof sub, "%s/sub", dir);
    if (CHECK(mkdir(sub, 0700) == 0)) {
        snprintf(args, sizeof args, "concat --sizes 100 --repeat 3 -o %s " QUICK, sub);
        run_bench(&r, args);
        if (!CHECK_EQ_INT(r.status, 2))
            show(&r);
        CHECK(strncmp(r.err, "bench: error: ", 14) == 0);
        CHECK_EQ_INT(count_lines(r.err), 1);
        CHECK_STR_CONTAINS(r.err, sub);
        /* Nothing beside the directory: no temporary file left. */
        CHECK_EQ_INT(count_entries(dir), 1);
        CHECK_EQ_INT(count_entries(sub), 0);
        cmd_free(&r);
        rmdir(sub);
    }
    remove_dir(dir);
}

TEST(test_cli_bad_arguments_leave_an_existing_output_untouched)
{
    static const char *const bad[] = {"--sizes abc", "conact", "--format xml", "--number 0"};
    char dir[64], path[128], args[256], *text;
    FILE *f;
    size_t i;
    if (!make_temp_dir(dir, sizeof dir))
        return;
    snprintf(path, sizeof path, "%s/keep.json", dir);
    if (CHECK((f = fopen(path, "w")) != NULL)) {
        fputs("old\n", f);
        fclose(f);
        for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
            cmd_result r;
            snprintf(args, sizeof args, "concat %s -o %s " QUICK, bad[i], path);
            run_bench(&r, args);
            CHECK_EQ_INT(r.status, 2);
            text = slurp(path);
            if (!CHECK_STR_EQ(text, "old\n"))
                printf("  (bench %s)\n", args);
            free(text);
            CHECK_EQ_INT(count_entries(dir), 1);
            cmd_free(&r);
        }
    }
    remove_dir(dir);
}

/* ---- real runs, kept short ---- */

TEST(test_cli_concat_table_has_both_cases_sizes_and_speedup)
{
    cmd_result r;
    run_bench(&r, "concat --sizes 100,1000 " QUICK);
    if (!CHECK_EQ_INT(r.status, 0))
        show(&r);
    CHECK(has_line_starting(r.out, "concat"));
    CHECK_STR_CONTAINS(r.out, "concat/naive");
    CHECK_STR_CONTAINS(r.out, "concat/builder");
    CHECK_STR_CONTAINS(r.out, "N=100");
    CHECK_STR_CONTAINS(r.out, "N=1000");
    CHECK_STR_CONTAINS(r.out, "O(N");
    CHECK_STR_CONTAINS(r.out, "faster than naive");
    CHECK_STR_NOT_CONTAINS(r.out, "\033[");
    CHECK_STR_NOT_CONTAINS(r.out, "failed");
    /* No progress line when stderr is not a terminal. */
    CHECK_STR_EQ(r.err, "");
    cmd_free(&r);
}

/* On a terminal the progress line names the group, the size being
 * sampled when the sizes go one after another (a fixed --number), and the
 * worker process, with the time so far, and is cleared before the table;
 * in-process it moves before each size's rounds. Sizes that share their
 * rounds are sampled at once: no size is named. */
TEST(test_cli_progress_on_a_terminal_names_size_and_process)
{
    cmd_result r;
    run_prog_tty(&r, BENCH, "concat --sizes 100,1000 --min-time 0.02 --no-isolate --number 20");
    if (!CHECK_EQ_INT(r.status, 0))
        show(&r);
    CHECK_STR_CONTAINS(r.err, "\r\033[K[0/4] concat ... ");
    CHECK_STR_CONTAINS(r.err, "[0/4] concat N=100 ... ");
    CHECK_STR_CONTAINS(r.err, "[0/4] concat N=1000 ... ");
    CHECK(strstr(r.err, " s\r\033[K") != NULL); /* elapsed seconds, then cleared */
    CHECK_STR_CONTAINS(r.out, "concat/builder");
    cmd_free(&r);

    /* 0.2 s: 10 ms samples, which every call here fits in, even built
     * with the sanitizers (at 0.02 s a sample is 1 ms, and N=1000 under
     * AddressSanitizer may not fit, so the sizes would go one by one) */
    run_prog_tty(&r, BENCH, "concat --sizes 100,1000 --min-time 0.2 --no-isolate");
    if (!CHECK_EQ_INT(r.status, 0))
        show(&r);
    CHECK_STR_CONTAINS(r.err, "[0/4] concat ... ");
    CHECK_STR_NOT_CONTAINS(r.err, " N=");
    cmd_free(&r);

    /* Each worker process announces itself as it starts; a tick while it
     * samples (every 0.25 s, 1 s of sampling here) shows its size. */
    run_prog_tty(&r, BENCH, "concat --sizes 100,1000 --min-time 1 --processes 2 --number 20 --precision 0.01");
    if (!CHECK_EQ_INT(r.status, 0))
        show(&r);
    CHECK_STR_CONTAINS(r.err, "concat, process 1/2 ... ");
    CHECK_STR_CONTAINS(r.err, "concat, process 2/2 ... ");
    CHECK_STR_CONTAINS(r.err, " N=");
    CHECK_STR_NOT_CONTAINS(r.out, "\033[K");
    cmd_free(&r);
}

TEST(test_cli_every_case_runs_at_tiny_sizes)
{
    cmd_result r, list;
    /* Sizes below a case's natural scale (a window of 64, a SIMD width)
     * must still work and agree with the baseline. */
    run_bench(&r, "--sizes 1,2,3,65 --repeat 3 --format csv " QUICK);
    if (!CHECK_EQ_INT(r.status, 0))
        show(&r);
    CHECK_STR_NOT_CONTAINS(r.out, "failed");
    CHECK_STR_NOT_CONTAINS(r.out, "crashed");
    CHECK_STR_NOT_CONTAINS(r.out, "differs");
    run_bench(&list, "--list");
    /* A header, then a row per case and size. */
    CHECK_EQ_INT(count_lines(r.out), 1 + 4 * count_lines(list.out));
    cmd_free(&list);
    cmd_free(&r);
}

TEST(test_cli_csv_has_a_header_and_a_row_per_case_and_size)
{
    static const char *const rows[] = {"concat/naive/100,", "concat/naive/1000,",
                                       "concat/builder/100,", "concat/builder/1000,"};
    cmd_result r;
    char *p, *line;
    size_t cols, i, n = 0;
    run_bench(&r, "concat --sizes 100,1000 --format csv " QUICK);
    if (!CHECK_EQ_INT(r.status, 0))
        show(&r);
    CHECK_EQ_INT(count_lines(r.out), 5);
    for (i = 0; i < 4; i++)
        if (!CHECK(has_line_starting(r.out, rows[i])))
            printf("  (no row %s)\n", rows[i]);
    p = r.out;
    line = next_line(&p);
    if (CHECK(line != NULL)) {
        CHECK(strncmp(line, "name,", 5) == 0);
        CHECK_STR_CONTAINS(line, "median_ns");
        cols = count_char(line, ',');
        while ((line = next_line(&p)) != NULL) {
            n++;
            if (!CHECK_EQ_INT(count_char(line, ','), cols))
                printf("  (row: %s)\n", line);
        }
        CHECK_EQ_INT(n, 4);
    }
    cmd_free(&r);
}

TEST(test_cli_markdown_is_a_table)
{
    cmd_result r;
    run_bench(&r, "concat --sizes 100 --format markdown " QUICK);
    CHECK_EQ_INT(r.status, 0);
    CHECK(has_line_starting(r.out, "| "));
    CHECK(has_line_starting(r.out, "|:-") || has_line_starting(r.out, "|-") ||
          has_line_starting(r.out, "| -") || has_line_starting(r.out, "|--"));
    CHECK_STR_CONTAINS(r.out, "concat/naive");
    CHECK_STR_CONTAINS(r.out, "concat/builder");
    cmd_free(&r);
}

static int have_python3(void)
{
    fflush(stdout);
    return system("command -v python3 >/dev/null 2>&1") == 0;
}

/* Valid per python3's json.tool, when there is a python3. */
static void check_json_with_python(const char *path)
{
    char cmd[4200];
    if (!have_python3()) {
        printf("  note: python3 not found, JSON not checked with json.tool\n");
        return;
    }
    snprintf(cmd, sizeof cmd, "python3 -m json.tool %s >/dev/null 2>&1", path);
    if (!CHECK(system(cmd) == 0))
        printf("  (python3 -m json.tool rejects %s)\n", path);
}

/* Strict JSON (libbench's own reader) with Google Benchmark's top level;
 * parsed into *doc, or 0 with nothing to free. */
static int check_json_doc(const char *text, json_value *doc)
{
    char err[256];
    while (*text == ' ' || *text == '\n')
        text++;
    CHECK(text[0] == '{');
    CHECK_STR_CONTAINS(text, "\"benchmarks\"");
    CHECK_STR_CONTAINS(text, "\"context\"");
    CHECK_STR_CONTAINS(text, "\"json_schema_version\": 1");
    CHECK_STR_NOT_CONTAINS(text, "NaN");
    CHECK_STR_NOT_CONTAINS(text, "Infinity");
    if (!CHECK_EQ_INT(json_parse(text, strlen(text), doc, err, sizeof err), BENCH_OK)) {
        printf("  (json_parse: %s)\n", err);
        return 0;
    }
    return 1;
}

static void check_json_header(const char *text)
{
    json_value doc;
    if (check_json_doc(text, &doc))
        json_free(&doc);
}

/* ... and one iteration entry per sample of want_name. */
static void check_benchmark_json(const char *text, const char *want_name)
{
    json_value doc;
    const json_value *ctx, *list, *v;
    size_t i, found = 0;

    if (!check_json_doc(text, &doc))
        return;
    ctx = json_get(&doc, "context");
    list = json_get(&doc, "benchmarks");
    if (CHECK(ctx && ctx->type == JSON_OBJECT)) {
        v = json_get(ctx, "json_schema_version");
        CHECK(v && v->type == JSON_NUMBER && v->u.num == 1);
        v = json_get(ctx, "library_version");
        CHECK(v && v->type == JSON_STRING);
    }
    if (CHECK(list && list->type == JSON_ARRAY && list->u.arr.n > 0)) {
        for (i = 0; i < list->u.arr.n; i++) {
            const json_value *it = &list->u.arr.items[i];
            const json_value *name = json_get(it, "name"), *rt = json_get(it, "run_type");
            if (!CHECK(name && name->type == JSON_STRING && rt && rt->type == JSON_STRING))
                break;
            if (strcmp(rt->u.str.s, "iteration") == 0 && strcmp(name->u.str.s, want_name) == 0) {
                const json_value *t = json_get(it, "real_time"),
                                 *ri = json_get(it, "repetition_index");
                CHECK(t && t->type == JSON_NUMBER);
                CHECK(ri && ri->type == JSON_NUMBER && ri->u.num == (double)found);
                found++;
            }
        }
        /* One iteration entry per sample (compare.py pairs them). */
        if (!CHECK(found >= 3))
            printf("  (%zu iteration entries named %s)\n", found, want_name);
    }
    json_free(&doc);
}

TEST(test_cli_json_is_valid_google_benchmark_json)
{
    cmd_result r;
    char dir[64], path[128];
    FILE *f;
    run_bench(&r, "concat --sizes 100,1000 --format json " QUICK);
    if (!CHECK_EQ_INT(r.status, 0))
        show(&r);
    check_benchmark_json(r.out, "concat/builder/1000");
    if (make_temp_dir(dir, sizeof dir)) {
        snprintf(path, sizeof path, "%s/out.json", dir);
        if (CHECK((f = fopen(path, "w")) != NULL)) {
            fputs(r.out, f);
            fclose(f);
            check_json_with_python(path);
        }
        remove_dir(dir);
    }
    cmd_free(&r);
}

TEST(test_cli_output_file_is_written_atomically_table_still_on_stdout)
{
    cmd_result r;
    char dir[64], args[256], path[128], *text;
    if (!make_temp_dir(dir, sizeof dir))
        return;
    snprintf(path, sizeof path, "%s/result.json", dir);
    snprintf(args, sizeof args, "concat --sizes 100 -o %s " QUICK, path);
    run_bench(&r, args);
    if (!CHECK_EQ_INT(r.status, 0))
        show(&r);
    /* The table on stdout, the JSON (from the extension) in the file. */
    CHECK_STR_CONTAINS(r.out, "concat/naive");
    CHECK_STR_CONTAINS(r.out, "N=100");
    CHECK(access(path, R_OK) == 0);
    /* Nothing else in the directory: no *.tmp.* left behind. */
    CHECK_EQ_INT(count_entries(dir), 1);
    text = slurp(path);
    check_benchmark_json(text, "concat/naive/100");
    free(text);
    cmd_free(&r);
    remove_dir(dir);
}

TEST(test_cli_output_with_explicit_format_csv)
{
    cmd_result r;
    char dir[64], args[256], path[128], *text;
    if (!make_temp_dir(dir, sizeof dir))
        return;
    snprintf(path, sizeof path, "%s/result.txt", dir);
    snprintf(args, sizeof args, "concat --sizes 100 --format csv --output=%s " QUICK, path);
    run_bench(&r, args);
    CHECK_EQ_INT(r.status, 0);
    text = slurp(path);
    CHECK(strncmp(text, "name,", 5) == 0);
    CHECK_EQ_INT(count_lines(text), 3);
    CHECK_STR_CONTAINS(r.out, "concat/builder");
    CHECK_EQ_INT(count_entries(dir), 1);
    free(text);
    cmd_free(&r);
    remove_dir(dir);
}

TEST(test_cli_output_format_follows_the_extension)
{
    cmd_result r;
    char dir[64], args[512], *text;
    if (!make_temp_dir(dir, sizeof dir))
        return;
    snprintf(args, sizeof args, "concat --sizes 100 --repeat 3 -o %s/r.md " QUICK, dir);
    run_bench(&r, args);
    CHECK_EQ_INT(r.status, 0);
    cmd_free(&r);
    text = slurp_in(dir, "r.md");
    CHECK(strncmp(text, "| ", 2) == 0);
    CHECK_STR_CONTAINS(text, "concat/builder");
    free(text);
    snprintf(args, sizeof args, "concat --sizes 100 --repeat 3 -o %s/r.csv " QUICK, dir);
    run_bench(&r, args);
    CHECK_EQ_INT(r.status, 0);
    cmd_free(&r);
    text = slurp_in(dir, "r.csv");
    CHECK(strncmp(text, "name,", 5) == 0);
    free(text);
    CHECK_EQ_INT(count_entries(dir), 2);
    remove_dir(dir);
}

TEST(test_cli_verbose_shows_timer_and_samples)
{
    cmd_result r;
    run_bench(&r, "concat --sizes 100 --repeat 3 -v " QUICK);
    CHECK_EQ_INT(r.status, 0);
    CHECK_STR_CONTAINS(r.out, "resolution");
    CHECK_STR_CONTAINS(r.out, "overhead");
    CHECK_STR_CONTAINS(r.out, "3 samples");
    CHECK_STR_CONTAINS(r.out, "outliers");
    cmd_free(&r);
    /* the timeit format too */
    run_bench(&r, "concat/builder --sizes 100 --repeat 3 -v --format timeit " QUICK);
    CHECK_EQ_INT(r.status, 0);
    CHECK_STR_CONTAINS(r.out, "timer: CLOCK_MONOTONIC, resolution ");
    CHECK_STR_CONTAINS(r.out, "3 samples");
    cmd_free(&r);
}

TEST(test_cli_glob_selects_only_member_cases)
{
    cmd_result r;
    char *p, *line;
    size_t rows = 0;
    run_bench(&r, "'member/*' --sizes 100 --format csv " QUICK);
    if (!CHECK_EQ_INT(r.status, 0))
        show(&r);
    p = r.out;
    next_line(&p); /* header */
    while ((line = next_line(&p)) != NULL) {
        rows++;
        if (!CHECK(strncmp(line, "member/", 7) == 0))
            printf("  (row: %s)\n", line);
    }
    CHECK(rows >= 2);
    cmd_free(&r);
}

TEST(test_cli_case_name_selects_one_case)
{
    cmd_result r;
    run_bench(&r, "concat/builder --sizes 100 --format csv " QUICK);
    if (!CHECK_EQ_INT(r.status, 0))
        show(&r);
    CHECK_EQ_INT(count_lines(r.out), 2);
    CHECK(has_line_starting(r.out, "concat/builder/100,"));
    cmd_free(&r);
}

TEST(test_cli_size_too_large_fails_only_that_size)
{
    cmd_result r;
    run_bench(&r, "concat --sizes 100,1e15 --repeat 3 " QUICK);
    if (!CHECK_EQ_INT(r.status, 1))
        show(&r);
    CHECK_STR_CONTAINS(r.out, "concat/naive failed at N=1000000000000000");
    CHECK_STR_CONTAINS(r.out, "concat/builder failed at N=1000000000000000");
    CHECK_STR_CONTAINS(r.out, "faster than naive at N=100 ");
    cmd_free(&r);
}

/* ---- --compare against a hand-written baseline ---- */

/* A baseline for concat/builder/100 with 10 samples of `ns` each (plus
 * an aggregate entry, which must be ignored). */
static int write_baseline(const char *path, double ns)
{
    FILE *f = fopen(path, "w");
    int i;
    if (!f)
        return 0;
    fputs("{\"context\": {\"json_schema_version\": 1}, \"benchmarks\": [", f);
    for (i = 0; i < 10; i++)
        fprintf(f,
                "%s{\"name\": \"concat/builder/100\", \"run_type\": \"iteration\", "
                "\"repetition_index\": %d, \"real_time\": %g, \"time_unit\": \"ns\"}",
                i ? ", " : "", i, ns * (1 + 0.001 * i));
    fputs(", {\"name\": \"concat/builder/100_mean\", \"run_type\": \"aggregate\", "
          "\"real_time\": 1e-9, \"time_unit\": \"ns\"}]}\n",
          f);
    return fclose(f) == 0;
}

static void run_compare(cmd_result *r, double base_ns, char *dir, size_t dirsz)
{
    char path[128], args[512];
    memset(r, 0, sizeof *r);
    r->status = -1;
    if (!make_temp_dir(dir, dirsz))
        return;
    snprintf(path, sizeof path, "%s/base.json", dir);
    CHECK(write_baseline(path, base_ns));
    snprintf(args, sizeof args, "concat/builder --sizes 100 --repeat 10 --compare %s " QUICK, path);
    run_bench(r, args);
}

TEST(test_cli_compare_flags_a_regression_with_exit_1)
{
    cmd_result r;
    char dir[64];
    /* A baseline a million times faster than anything measurable. */
    run_compare(&r, 1e-6, dir, sizeof dir);
    if (!CHECK_EQ_INT(r.status, 1))
        show(&r);
    CHECK_STR_CONTAINS(r.out, "REGRESSED");
    CHECK_STR_CONTAINS(r.out, "1 regressed");
    cmd_free(&r);
    remove_dir(dir);
}

TEST(test_cli_compare_improvement_exits_0)
{
    cmd_result r;
    char dir[64];
    run_compare(&r, 1e9, dir, sizeof dir);
    if (!CHECK_EQ_INT(r.status, 0))
        show(&r);
    CHECK_STR_CONTAINS(r.out, "1 improved");
    cmd_free(&r);
    remove_dir(dir);
}

TEST(test_cli_compare_with_its_own_output_matches_every_case)
{
    cmd_result r;
    char dir[64], args[512];
    if (!make_temp_dir(dir, sizeof dir))
        return;
    snprintf(args, sizeof args, "concat --sizes 100,200 --repeat 5 -o %s/base.json " QUICK, dir);
    run_bench(&r, args);
    CHECK_EQ_INT(r.status, 0);
    cmd_free(&r);
    /* A threshold of 1000%: noise cannot fail this; the names must pair. */
    snprintf(args, sizeof args,
             "concat --sizes 100,200 --repeat 5 --threshold 1000 --compare %s/base.json " QUICK,
             dir);
    run_bench(&r, args);
    if (!CHECK_EQ_INT(r.status, 0))
        show(&r);
    CHECK_STR_CONTAINS(r.out, "concat/naive/100");
    CHECK_STR_CONTAINS(r.out, "concat/builder/200");
    CHECK_STR_CONTAINS(r.out, "0 regressed");
    CHECK_STR_CONTAINS(r.out, "0 new, 0 missing");
    cmd_free(&r);
    remove_dir(dir);
}

TEST(test_cli_compare_malformed_baseline_exits_2)
{
    char dir[64], path[128], args[512];
    FILE *f;
    if (!make_temp_dir(dir, sizeof dir))
        return;
    snprintf(path, sizeof path, "%s/bad.json", dir);
    if (CHECK((f = fopen(path, "w")) != NULL)) {
        fputs("{\"benchmarks\": [1, 2,", f);
        fclose(f);
        snprintf(args, sizeof args, "concat --compare %s " QUICK, path);
        check_usage_error(args, "--compare", "bad.json");
    }
    remove_dir(dir);
}

/* With a machine-readable format on stdout, the comparison rides inside
 * the document (JSON stays one valid document) and its summary goes to
 * stderr, for the log. */
TEST(test_cli_compare_with_json_on_stdout_stays_valid_json)
{
    cmd_result r;
    char dir[64], path[128], args[512];
    json_value doc;
    if (!make_temp_dir(dir, sizeof dir))
        return;
    snprintf(path, sizeof path, "%s/base.json", dir);
    CHECK(write_baseline(path, 1e-6));
    snprintf(args, sizeof args,
             "concat/builder --sizes 100 --repeat 10 --format json --compare %s " QUICK, path);
    run_bench(&r, args);
    CHECK_EQ_INT(r.status, 1);
    if (check_json_doc(r.out, &doc)) {
        const json_value *c = json_get(&doc, "comparison"), *rows = c ? json_get(c, "rows") : NULL;
        if (CHECK(rows && rows->type == JSON_ARRAY && rows->u.arr.n == 1)) {
            const json_value *v = json_get(&rows->u.arr.items[0], "verdict");
            CHECK(v && v->type == JSON_STRING && strcmp(v->u.str.s, "REGRESSED") == 0);
        }
        json_free(&doc);
    }
    CHECK_STR_NOT_CONTAINS(r.out, "comparison with");
    CHECK_STR_CONTAINS(r.err, "1 regressed");
    cmd_free(&r);
    remove_dir(dir);
}

TEST(test_cli_compare_with_csv_on_stdout_adds_columns)
{
    cmd_result r;
    char dir[64], path[128], args[512];
    if (!make_temp_dir(dir, sizeof dir))
        return;
    snprintf(path, sizeof path, "%s/base.json", dir);
    CHECK(write_baseline(path, 1e-6));
    snprintf(args, sizeof args,
             "concat/builder --sizes 100 --repeat 10 --format csv --compare %s " QUICK, path);
    run_bench(&r, args);
    CHECK_EQ_INT(r.status, 1);
    /* the comparison's columns, then concat's bytes/s (docs/csv.md) */
    CHECK_STR_CONTAINS(r.out, ",p_value,verdict,items_per_second,bytes_per_second\n");
    CHECK_STR_CONTAINS(r.out, ",REGRESSED,,");
    CHECK_STR_NOT_CONTAINS(r.out, "comparison with");
    CHECK_EQ_INT(count_lines(r.out), 2);
    cmd_free(&r);
    remove_dir(dir);
}

/* The regression gate's verdicts reach a markdown file (a PR summary). */
TEST(test_cli_compare_verdicts_reach_the_markdown_file)
{
    cmd_result r;
    char dir[64], path[128], args[512], *md;
    if (!make_temp_dir(dir, sizeof dir))
        return;
    snprintf(path, sizeof path, "%s/base.json", dir);
    CHECK(write_baseline(path, 1e-6));
    snprintf(args, sizeof args,
             "concat/builder --sizes 100 --repeat 10 --format markdown -o %s/bench.md "
             "--compare %s " QUICK,
             dir, path);
    run_bench(&r, args);
    CHECK_EQ_INT(r.status, 1);
    CHECK_STR_CONTAINS(r.out, "1 regressed"); /* the table on stdout has it too */
    md = slurp_in(dir, "bench.md");
    CHECK_STR_CONTAINS(md, "**1 regressed**");
    CHECK_STR_CONTAINS(md, "| `concat/builder/100` |");
    CHECK_STR_CONTAINS(md, "**REGRESSED**");
    free(md);
    cmd_free(&r);
    remove_dir(dir);
}

/* A gate that compares nothing must not pass: renamed cases, or a
 * baseline of other cases, exit 2. */
TEST(test_cli_compare_matching_nothing_exits_2)
{
    cmd_result r;
    char dir[64], path[128], args[512];
    if (!make_temp_dir(dir, sizeof dir))
        return;
    snprintf(path, sizeof path, "%s/base.json", dir);
    CHECK(write_baseline(path, 100));
    snprintf(args, sizeof args, "member/hash --sizes 100 --repeat 5 --compare %s " QUICK, path);
    run_bench(&r, args);
    if (!CHECK_EQ_INT(r.status, 2))
        show(&r);
    CHECK_STR_CONTAINS(r.err, "no case and size of this run is in");
    CHECK_EQ_INT(count_lines(r.err), 1);
    cmd_free(&r);
    remove_dir(dir);
}

/* A run of some cases compares only what ran: the baseline's other cases
 * are not "missing" (they were not asked for), its other sizes of a case
 * that ran are. */
TEST(test_cli_compare_subset_reports_no_missing_for_unselected_cases)
{
    cmd_result r;
    char dir[64], args[512];
    if (!make_temp_dir(dir, sizeof dir))
        return;
    snprintf(args, sizeof args, "concat member --sizes 100,200 -r 6 -o %s/base.json " QUICK, dir);
    run_bench(&r, args);
    CHECK_EQ_INT(r.status, 0);
    cmd_free(&r);
    snprintf(args, sizeof args,
             "concat/builder --sizes 100 -r 6 --threshold 1000 --compare %s/base.json " QUICK, dir);
    run_bench(&r, args);
    if (!CHECK_EQ_INT(r.status, 0))
        show(&r);
    CHECK_STR_CONTAINS(r.out, "concat/builder/200");
    CHECK_STR_CONTAINS(r.out, "0 new, 1 missing");
    CHECK_STR_NOT_CONTAINS(r.out, "member/");
    CHECK_STR_NOT_CONTAINS(r.out, "concat/naive");
    cmd_free(&r);
    /* a case the patterns name but the run lacks (renamed since) is missing */
    snprintf(args, sizeof args, "sed 's#concat/naive#concat/gone#g' %s/base.json >%s/ren.json",
             dir, dir);
    CHECK_EQ_INT(system(args), 0);
    snprintf(args, sizeof args,
             "concat --sizes 100,200 -r 6 --threshold 1000 --compare %s/ren.json " QUICK, dir);
    run_bench(&r, args);
    if (!CHECK_EQ_INT(r.status, 0))
        show(&r);
    CHECK_STR_CONTAINS(r.out, "concat/gone/100");
    CHECK_STR_CONTAINS(r.out, "2 new, 2 missing");
    CHECK_STR_NOT_CONTAINS(r.out, "member/");
    cmd_free(&r);
    remove_dir(dir);
}

/* Control bytes in anything echoed come out escaped: an error is one line
 * and cannot drive the terminal. (printf makes the bytes: sh has no $'') */
TEST(test_cli_errors_escape_control_bytes)
{
    static const char *const args[] = {
        "\"$(printf 'conc\\nat')\"",
        "--sizes \"$(printf '10\\n20')\"",
        "--format \"$(printf 'json\\033[2J')\"",
        "-o \"$(printf '/nonexistent/a\\nb.json')\" concat",
        "\"$(printf -- '--fo\\rrm')\"",
        "--compare \"$(printf '/no/such\\tfile')\"",
    };
    size_t i;
    for (i = 0; i < sizeof args / sizeof args[0]; i++) {
        cmd_result r;
        run_bench(&r, args[i]);
        if (!CHECK_EQ_INT(r.status, 2) || !CHECK_EQ_INT(count_lines(r.err), 1))
            printf("  (%s: %s)\n", args[i], r.err);
        CHECK_STR_NOT_CONTAINS(r.err, "\x1b");
        CHECK_STR_NOT_CONTAINS(r.err, "\r");
        CHECK_STR_NOT_CONTAINS(r.err, "\t");
        cmd_free(&r);
    }
}

/* A BENCH_CASE that bench_register refused (it cannot return the error)
 * stops the program with a message, rather than running without it. */
TEST(test_cli_refused_registration_exits_2)
{
    cmd_result r;
    run_prog(&r, prog_path("tests/progs/badreg"), "--list");
    CHECK_EQ_INT(r.status, 2);
    CHECK_STR_CONTAINS(r.err, "badreg: error: case 'reg/bad' was not registered: its sizes do "
                              "not strictly ascend");
    CHECK_EQ_INT(count_lines(r.err), 1);
    CHECK_STR_EQ(r.out, "");
    cmd_free(&r);
    /* refused by hand, its name freed since: named from bench's own copy */
    run_prog(&r, prog_path("tests/progs/freedreg"), "--list");
    CHECK_EQ_INT(r.status, 2);
    CHECK_STR_CONTAINS(r.err, "freedreg: error: case 'freed/bad name' was not registered: its "
                              "name is not");
    CHECK_EQ_INT(count_lines(r.err), 1);
    cmd_free(&r);
}

/* --exclude leaves cases out; one that names nothing is an error, like an
 * unknown pattern. (After "--" a name beginning with '-' is a pattern, as
 * a case may be named so.) */
TEST(test_cli_exclude_leaves_cases_out)
{
    cmd_result r;
    run_bench(&r, "--list member --exclude member/hash");
    CHECK_EQ_INT(r.status, 0);
    CHECK_STR_CONTAINS(r.out, "member/linear");
    CHECK_STR_NOT_CONTAINS(r.out, "member/hash");
    CHECK_EQ_INT(count_lines(r.out), 2);
    cmd_free(&r);
    run_bench(&r, "--list --exclude 'member/*' --exclude=concat --exclude simd");
    CHECK_EQ_INT(r.status, 0);
    CHECK_STR_NOT_CONTAINS(r.out, "member/");
    CHECK_STR_NOT_CONTAINS(r.out, "concat/");
    CHECK_STR_NOT_CONTAINS(r.out, "simd/");
    CHECK_STR_CONTAINS(r.out, "rolling/naive");
    cmd_free(&r);
    run_bench(&r, "--list --exclude membr");
    CHECK_EQ_INT(r.status, 2);
    CHECK_STR_CONTAINS(r.err, "unknown pattern 'membr' (closest names: member");
    cmd_free(&r);
    /* excluding all that was selected is an error, not "no cases are registered" */
    run_bench(&r, "concat --exclude concat");
    CHECK_EQ_INT(r.status, 2);
    CHECK_STR_CONTAINS(r.err, "--exclude leaves no case: it removes every case the patterns select");
    CHECK_STR_NOT_CONTAINS(r.err, "registered");
    CHECK_EQ_INT(count_lines(r.err), 1);
    cmd_free(&r);
    run_bench(&r, "--list --exclude '*'");
    CHECK_EQ_INT(r.status, 2);
    CHECK_STR_CONTAINS(r.err, "--exclude leaves no case: it removes every case there is");
    CHECK_STR_EQ(r.out, "");
    cmd_free(&r);
}

/* --plot writes the growth plots alone, as SVG; an unwritable path fails
 * before anything is measured. */
TEST(test_cli_plot_writes_the_growth_plot_as_svg)
{
    cmd_result r;
    char dir[64], args[512], *svg;
    if (!make_temp_dir(dir, sizeof dir))
        return;
    snprintf(args, sizeof args, "concat --sizes 100,200 -r 6 --plot %s/g.svg " QUICK, dir);
    run_bench(&r, args);
    CHECK_EQ_INT(r.status, 0);
    CHECK_STR_CONTAINS(r.out, "concat/builder"); /* the table still on stdout */
    svg = slurp_in(dir, "g.svg");
    CHECK(strncmp(svg, "<?xml", 5) == 0);
    CHECK_STR_CONTAINS(svg, "<svg");
    CHECK_STR_CONTAINS(svg, "naive, N=200: ");
    CHECK_STR_CONTAINS(svg, "</svg>");
    free(svg);
    cmd_free(&r);
    snprintf(args, sizeof args, "concat --plot %s/no/such/dir/g.svg " QUICK, dir);
    check_usage_error(args, "--plot: cannot write", "g.svg");
    /* --plot writes a file, never standard output: no "-" offered */
    check_usage_error(args, "(expected a writable file path like growth.svg)", NULL);
    remove_dir(dir);
}

/* A user's program names itself in its messages, not "bench". */
TEST(test_cli_messages_use_the_program_name)
{
    cmd_result r;
    run_prog(&r, FAULTY, "--nope");
    CHECK_EQ_INT(r.status, 2);
    CHECK(strncmp(r.err, "faulty: error: ", 15) == 0);
    CHECK_STR_CONTAINS(r.err, "see faulty --help");
    cmd_free(&r);
    run_prog(&r, FAULTY, "--help");
    CHECK_STR_CONTAINS(r.out, "usage: faulty [OPTIONS]");
    cmd_free(&r);
    run_prog(&r, FAULTY, "nosuchcase");
    CHECK_STR_CONTAINS(r.err, "see faulty --list");
    cmd_free(&r);
}

/* ---- isolation: a misbehaving case costs only itself ---- */

TEST(test_cli_crashing_cases_fail_alone_with_exit_1)
{
    cmd_result r;
    run_prog(&r, FAULTY, "faulty --sizes 10 " QUICK);
    if (!CHECK_EQ_INT(r.status, 1))
        show(&r);
    CHECK_STR_CONTAINS(r.out, "faulty/ok");
    /* Under ASan a SIGSEGV is caught and turned into exit status 1. */
    CHECK_STR_CONTAINS(r.out, "faulty/segv failed at N=10");
    CHECK_STR_CONTAINS(r.out, "faulty/abort failed at N=10: crashed (SIGABRT)");
    CHECK_STR_CONTAINS(r.out, "faulty/exit failed");
    CHECK_STR_CONTAINS(r.out, "faulty/setup failed");
    CHECK_STR_NOT_CONTAINS(r.out, "faulty/ok failed");
    cmd_free(&r);
}

TEST(test_cli_hanging_case_times_out_with_exit_1)
{
    cmd_result r;
    run_prog(&r, FAULTY, "hang --timeout 0.3 --sizes 10 " QUICK);
    if (!CHECK_EQ_INT(r.status, 1))
        show(&r);
    CHECK_STR_CONTAINS(r.out, "hang/sleep");
    CHECK_STR_CONTAINS(r.out, "timed out");
    cmd_free(&r);
}

TEST(test_cli_timeout_is_per_case_and_size)
{
    /* --help: "a case still running after SEC at one size is stopped". A
     * case hanging at each of two sizes is stopped after SEC at each. */
    cmd_result r;
    char *p, *line;
    size_t n = 0;
    run_prog(&r, FAULTY, "hang --timeout 0.3 --sizes 10,100 --format csv " QUICK);
    CHECK_EQ_INT(r.status, 1);
    p = r.out;
    next_line(&p);
    while ((line = next_line(&p)) != NULL) {
        n++;
        CHECK_STR_CONTAINS(line, "timed out after 0.3 s");
    }
    CHECK_EQ_INT(n, 2);
    cmd_free(&r);
}

TEST(test_cli_terminated_run_leaves_valid_output_and_no_temp_file)
{
    char dir[64], cmd[1024], path[128], status_path[128], *text;
    int st;
    if (!make_temp_dir(dir, sizeof dir))
        return;
    snprintf(path, sizeof path, "%s/r.json", dir);
    snprintf(status_path, sizeof status_path, "%s/status", dir);
    /* SIGTERM (a background job of a non-interactive sh ignores SIGINT)
     * in the middle of a long run. Whether it lands before the handler is
     * installed (the process dies) or after (a partial report), no
     * temporary file may remain and any output must be whole. */
    snprintf(cmd, sizeof cmd,
             "%s concat --repeat 1000 --min-time 5 -q -o %s >%s/out 2>%s/err </dev/null & "
             "p=$!; sleep 0.3; kill -TERM $p; wait $p; echo $? >%s",
             BENCH, path, dir, dir, status_path);
    fflush(stdout);
    CHECK(system(cmd) != -1);
    text = slurp(status_path);
    st = atoi(text);
    free(text);
    CHECK(st != 0);
    if (access(path, R_OK) == 0) {
        text = slurp(path);
        check_json_header(text);
        CHECK_STR_CONTAINS(text, "\"incomplete\": true");
        /* concat cannot finish its 1000 samples: no size of it may come
         * out with a median of the part it had sampled */
        CHECK_STR_NOT_CONTAINS(text, "\"aggregate_name\": \"median\"");
        free(text);
        text = slurp_in(dir, "out");
        CHECK_STR_CONTAINS(text, "interrupted");
        free(text);
        CHECK_EQ_INT(count_entries(dir), 4); /* r.json out err status */
    } else {
        CHECK_EQ_INT(count_entries(dir), 3);
    }
    remove_dir(dir);
}

/* Results stream: a group's block is on stdout, and a log line per case
 * and size on stderr, while a later group is still running (here one that
 * hangs until its timeout). */
TEST(test_cli_results_stream_group_by_group)
{
    char dir[64], cmd[1024], *text;
    if (!make_temp_dir(dir, sizeof dir))
        return;
    snprintf(cmd, sizeof cmd,
             "%s empty/run hang/sleep --timeout 4 --min-time 0.05 >%s/out 2>%s/err </dev/null & "
             "p=$!; sleep 2; cp %s/out %s/early.out; cp %s/err %s/early.err; wait $p",
             FAULTY, dir, dir, dir, dir, dir, dir);
    fflush(stdout);
    CHECK(system(cmd) != -1);
    text = slurp_in(dir, "early.out");
    CHECK_STR_CONTAINS(text, "empty/run");
    CHECK_STR_NOT_CONTAINS(text, "hang/sleep");
    free(text);
    text = slurp_in(dir, "early.err");
    CHECK_STR_CONTAINS(text, "[1/2] empty/run N=1: ");
    free(text);
    text = slurp_in(dir, "err");
    CHECK_STR_CONTAINS(text, "[2/2] hang/sleep N=10: failed: timed out");
    free(text);
    text = slurp_in(dir, "out");
    CHECK_STR_CONTAINS(text, "hang/sleep failed at N=10: timed out");
    free(text);
    remove_dir(dir);
}

TEST(test_cli_a_case_without_sizes_runs_at_n_1)
{
    cmd_result r;
    run_prog(&r, FAULTY, "nosizes --format csv " QUICK);
    CHECK_EQ_INT(r.status, 0);
    CHECK_STR_CONTAINS(r.out, "nosizes/ok/1,nosizes,ok,1,ok,");
    cmd_free(&r);
    run_prog(&r, FAULTY, "--list nosizes");
    CHECK_STR_CONTAINS(r.out, "nosizes/ok  1 ");
    cmd_free(&r);
}

/* One run of the empty case: its median and the overhead subtracted (CSV
 * columns 8 and 17, 1-based); 0 when the run or its row is missing. */
static int empty_figures(double *median, double *overhead)
{
    cmd_result r;
    const char *line, *p;
    int col, ok;
    *median = *overhead = -1;
    run_prog(&r, FAULTY, "empty --format csv --min-time 0.05 -q");
    CHECK_EQ_INT(r.status, 0);
    line = strstr(r.out, "\nempty/run/1,");
    ok = CHECK(line != NULL);
    for (p = line ? line + 1 : "", col = 1; *p && *p != '\n'; p++) {
        if (*p != ',')
            continue;
        col++;
        if (col == 8)
            *median = strtod(p + 1, NULL);
        else if (col == 17)
            *overhead = strtod(p + 1, NULL);
    }
    cmd_free(&r);
    return ok;
}

/* The loop's own cost is taken out: a case that does nothing reports less
 * than the overhead subtracted from it (a loose ratio, not a time: the
 * same empty loop costs up to ~0.8 ns more or less depending on where its
 * code lies, so the bound is the overhead itself, not zero). */
TEST(test_cli_empty_case_reports_near_zero_after_overhead)
{
    double median = -1, overhead = -1;
    int attempt;
    /* A spell of load (or a sanitizer's slower loop) can move one run's
     * figures: up to three runs, one of which must hold. */
    for (attempt = 0; attempt < 3; attempt++) {
        if (!empty_figures(&median, &overhead))
            return;
        if (overhead > 0 && median < overhead && median > -overhead)
            break;
        printf("  run %d: median %g ns, overhead %g ns\n", attempt + 1, median, overhead);
    }
    CHECK(overhead > 0);
    CHECK(median < overhead && median > -overhead);
}

TEST(test_cli_table_notes_figures_near_the_loops_cost)
{
    cmd_result r;
    /* The empty case reads about 0 ns, far under twice the loop's cost. */
    run_prog(&r, FAULTY, "empty --min-time 0.05 -q");
    CHECK_EQ_INT(r.status, 0);
    CHECK_STR_CONTAINS(r.out, "note: run: under ");
    CHECK_STR_CONTAINS(r.out, "twice the timing loop's own cost");
    cmd_free(&r);
    /* Microseconds per call: nothing to say. */
    run_bench(&r, "concat --sizes 100,1000 " QUICK);
    CHECK_EQ_INT(r.status, 0);
    CHECK_STR_NOT_CONTAINS(r.out, "timing loop's own cost");
    cmd_free(&r);
}
