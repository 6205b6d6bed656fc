/*
 * test_symbols.c - only the bench_* API is visible from libbench.a and
 * libbench.so, so a user's program may define the library's internal names
 * (array_grow, error_set, json_parse, report_table, now_s, write_all, ...)
 * and still link against either library, its BENCH_CASE registered.
 */
#define _XOPEN_SOURCE 700
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testhelp.h"
#include "util.h"

static int shf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int shf(const char *fmt, ...)
{
    char cmd[8192];
    va_list ap;
    int st;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    fflush(stdout);
    st = system(cmd);
    if (st == -1)
        return -1;
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* The defined global symbols nm lists with args (one name a line) that do
 * not start with bench_, as text; "" when there are none. */
static char *foreign_symbols(const char *args, const char *lib, const char *dir)
{
    char out[128];
    snprintf(out, sizeof out, "%s/syms.txt", dir);
    if (!CHECK_EQ_INT(shf("nm %s %s >%s/nm.txt 2>&1", args, lib, dir), 0)) {
        char *log = slurp_in(dir, "nm.txt");
        printf("  nm: %.1000s\n", log);
        free(log);
    }
    shf("awk 'NF == 3 && $3 !~ /^bench_/ { print $3 }' %s/nm.txt >%s", dir, out);
    return slurp(out);
}

TEST(test_symbols_libraries_export_only_bench_names)
{
    char dir[64], *text;
    if (shf("command -v nm >/dev/null 2>&1") != 0) {
        th_skip("no nm to list the libraries' symbols");
        return;
    }
    if (!make_temp_dir(dir, sizeof dir))
        return;
    text = foreign_symbols("-g --defined-only", prog_path("libbench.a"), dir);
    CHECK_STR_EQ(text, "");
    free(text);
    text = foreign_symbols("-D --defined-only", prog_path("libbench.so"), dir);
    CHECK_STR_EQ(text, "");
    free(text);
    /* And the API is there, in both. */
    CHECK_EQ_INT(shf("grep -q ' T bench_main$' %s/nm.txt", dir), 0);
    CHECK_EQ_INT(
        shf("nm -g --defined-only %s | grep -q ' T bench_register$'", prog_path("libbench.a")), 0);
    shf("rm -rf %s", dir);
}

/* A user's program with functions named like the library's internals, and
 * a case of its own. */
static const char clash_c[] =
    "#include <bench.h>\n"
    "#include <stdio.h>\n"
    "#include <string.h>\n"
    "int array_grow(int x) { return x + 1; }\n"
    "const char *error_set(void) { return \"mine\"; }\n"
    "int json_parse(const char *s) { return (int)strlen(s); }\n"
    "int report_table = 7;\n"
    "double now_s(void) { return 42.0; }\n"
    "long write_all(int fd, const void *p, unsigned long n) { (void)fd, (void)p; return (long)n; }\n"
    "int select_cases, result_build, clock_now_s, registry_check;\n"
    "static void run(void *s) { bench_keep(s); }\n"
    "BENCH_CASE(clash_mine, .name = \"clash/mine\", .desc = \"a user's case\", .run = run)\n"
    "int main(int argc, char **argv)\n"
    "{\n"
    "    if (array_grow(1) != 2 || strcmp(error_set(), \"mine\") != 0 || json_parse(\"ab\") != 2 ||\n"
    "        report_table != 7 || now_s() != 42.0 || write_all(1, \"\", 3) != 3 ||\n"
    "        select_cases + result_build + clock_now_s + registry_check != 0)\n"
    "        return 3;\n"
    "    return bench_main(argc, argv);\n"
    "}\n";

TEST(test_symbols_user_program_may_define_internal_names)
{
    char dir[64], build[2048], path[128], *text;
    const char *ldflags = getenv("BENCH_TEST_LDFLAGS");
    FILE *f;
    if (!make_temp_dir(dir, sizeof dir))
        return;
    if (!CHECK(realpath(build_dir(), build) != NULL))
        return;
    snprintf(path, sizeof path, "%s/clash.c", dir);
    f = fopen(path, "w");
    if (!CHECK(f != NULL))
        return;
    fputs(clash_c, f);
    fclose(f);
    if (!ldflags)
        ldflags = "";
    /* Static: the archive. */
    if (!CHECK_EQ_INT(shf("cc -std=c11 -Iinclude %s/clash.c %s/libbench.a -lm -o %s/clash_static "
                          "%s >%s/static.log 2>&1",
                          dir, build, dir, ldflags, dir),
                      0)) {
        text = slurp_in(dir, "static.log");
        printf("  %.2000s\n", text);
        free(text);
    }
    CHECK_EQ_INT(shf("%s/clash_static --list >%s/static.txt 2>&1", dir, dir), 0);
    text = slurp_in(dir, "static.txt");
    CHECK_STR_CONTAINS(text, "clash/mine");
    free(text);
    /* Shared: libbench.so from the build directory. */
    if (!CHECK_EQ_INT(shf("cc -std=c11 -Iinclude %s/clash.c -L%s -lbench -Wl,-rpath,%s "
                          "-o %s/clash_shared %s >%s/shared.log 2>&1",
                          dir, build, build, dir, ldflags, dir),
                      0)) {
        text = slurp_in(dir, "shared.log");
        printf("  %.2000s\n", text);
        free(text);
    }
    CHECK_EQ_INT(shf("%s/clash_shared --list >%s/shared.txt 2>&1", dir, dir), 0);
    text = slurp_in(dir, "shared.txt");
    CHECK_STR_CONTAINS(text, "clash/mine");
    free(text);
    /* And it measures: the library's own internals are its own. */
    CHECK_EQ_INT(shf("%s/clash_static --min-time 0.01 -q >%s/run.txt 2>&1", dir, dir), 0);
    text = slurp_in(dir, "run.txt");
    CHECK_STR_CONTAINS(text, "clash/mine");
    free(text);
    shf("rm -rf %s", dir);
}
