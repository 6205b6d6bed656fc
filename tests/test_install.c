/*
 * test_install.c - the README's path for a new user, verbatim: its
 * "Your own benchmarks" program and its install, build and run commands,
 * read from README.md itself (so the README cannot drift from what works),
 * run in a temporary HOME; what make install writes (man pages, bash
 * completion) and make uninstall removes; bench.pc's run path; the man
 * pages agree with the README, cite only pages that are installed and
 * format cleanly.
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

/* Run a shell command line built from fmt; its exit status, 128 + signal
 * if killed. */
static int shf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int shf(const char *fmt, ...)
{
    char cmd[16384];
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

static int have(const char *tool)
{
    return shf("command -v %s >/dev/null 2>&1", tool) == 0;
}

/* The repository root: the tests run from it. */
static int repo_root(char *root, size_t size)
{
    if (!CHECK(getcwd(root, size) != NULL))
        return 0;
    if (!CHECK(access("README.md", R_OK) == 0 && access("Makefile", R_OK) == 0)) {
        printf("  (run the tests from the repository root)\n");
        return 0;
    }
    return 1;
}

static int write_file(const char *path, const char *text, size_t len)
{
    FILE *f = fopen(path, "w");
    int ok = f && fwrite(text, 1, len, f) == len;
    if (f)
        ok &= fclose(f) == 0;
    return CHECK(ok);
}

/* Print the last part of a log file after a failed step. */
static void show_log(const char *path)
{
    char *text = slurp(path);
    size_t n = strlen(text);
    printf("  %s:\n%s\n", path, n > 3000 ? text + n - 3000 : text);
    free(text);
}

/* The README section that starts with heading, up to the next "## ". */
static char *readme_section(const char *heading)
{
    char *text = slurp("README.md"), *start = strstr(text, heading), *end, *out;
    if (!start) {
        free(text);
        return NULL;
    }
    end = strstr(start + strlen(heading), "\n## ");
    out = strndup(start, end ? (size_t)(end - start) : strlen(start));
    free(text);
    return out;
}

/* The body of the next fenced block "```lang" at or after *p; NULL when
 * there is none. *p moves past the block. */
static char *next_block(const char **p, const char *lang)
{
    char fence[32];
    const char *start, *end;
    snprintf(fence, sizeof fence, "```%s\n", lang);
    start = strstr(*p, fence);
    if (!start)
        return NULL;
    start += strlen(fence);
    end = strstr(start, "```");
    if (!end)
        return NULL;
    *p = end + 3;
    return strndup(start, (size_t)(end - start));
}

/* The word after "-o " on a command line, into out. */
static int output_name(const char *line, char *out, size_t size)
{
    const char *o = strstr(line, " -o ");
    size_t n;
    if (!o)
        return 0;
    o += 4;
    n = strcspn(o, " \t");
    snprintf(out, size, "%.*s", (int)n, o);
    return n > 0;
}

/* What make install writes besides the libraries and the header, under
 * prefix: the man pages bench(1), libbench(3) and bench_main(3) and the bash
 * completion; and every page an installed page cites (\fBname\fR(N)) is
 * installed too. */
static void check_docs_installed(const char *prefix)
{
    static const char *const files[] = {
        "bin/bench",
        "include/bench.h",
        "lib/pkgconfig/bench.pc",
        "share/man/man1/bench.1",
        "share/man/man3/libbench.3",
        "share/man/man3/bench_main.3",
        "share/bash-completion/completions/bench",
    };
    static const char *const pages[] = {"docs/bench.1", "docs/libbench.3"};
    char path[4500], ref[128];
    size_t i;
    for (i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", prefix, files[i]);
        if (!CHECK(access(path, R_OK) == 0))
            printf("  (missing %s)\n", path);
    }
    for (i = 0; i < sizeof pages / sizeof pages[0]; i++) {
        char *text = slurp(pages[i]), *q = text;
        while ((q = strstr(q, "\\fB")) != NULL) {
            size_t n;
            q += 3;
            n = strcspn(q, "\\");
            if (strncmp(q + n, "\\fR(", 4) == 0 && q[n + 4] >= '1' && q[n + 4] <= '9' &&
                q[n + 5] == ')') {
                snprintf(ref, sizeof ref, "%.*s.%c", (int)n, q, q[n + 4]);
                snprintf(path, sizeof path, "%s/share/man/man%c/%s", prefix, q[n + 4], ref);
                if (!CHECK(access(path, R_OK) == 0))
                    printf("  (%s cites %s, which is not installed)\n", pages[i], ref);
            }
        }
        free(text);
    }
}

/* The README's program, installed, built and run as the README says, by a
 * user whose HOME is a fresh directory and whose environment names no
 * library or pkg-config path: the shared build runs (bench.pc's run path,
 * PKG_CONFIG_PATH as documented), the static one too, and after make
 * uninstall only the static one still does, and no file is left. */
TEST(test_install_readme_recipe_works_verbatim)
{
    char root[2048], dir[64], path[4200], name[256], script_path[4200];
    char statics[4][256], shareds[4][256];
    size_t nstatic = 0, nshared = 0, i;
    int nmake = 0, ncc = 0, nrun = 0;
    char *section, *code, *block, *text, *line, *save, *names;
    const char *p;
    FILE *script;

    if (!have("pkg-config")) {
        th_skip("no pkg-config to follow the README with (apt-get install pkg-config)");
        return;
    }
    if (!repo_root(root, sizeof root))
        return;
    section = readme_section("## Your own benchmarks");
    if (!CHECK(section != NULL))
        return;
    p = section;
    code = next_block(&p, "c");
    if (!CHECK(code != NULL) || !make_temp_dir(dir, sizeof dir)) {
        free(section), free(code);
        return;
    }
    CHECK_EQ_INT(shf("mkdir -p %s/home %s/proj", dir, dir), 0);
    snprintf(path, sizeof path, "%s/proj/mine.c", dir);
    write_file(path, code, strlen(code));

    /* The shell blocks, in order, as one script: `make` lines run in this
     * checkout (with a build directory of their own), the rest in the
     * user's project; each program built is listed, and a line that runs
     * one runs it briefly. */
    snprintf(script_path, sizeof script_path, "%s/readme.sh", dir);
    script = fopen(script_path, "w");
    if (!CHECK(script != NULL))
        goto out;
    fprintf(
        script,
        "set -ex\n"
        "unset PKG_CONFIG_PATH PKG_CONFIG_LIBDIR LD_LIBRARY_PATH LIBRARY_PATH CPATH C_INCLUDE_PATH\n"
        "unset MAKEFLAGS MFLAGS MAKELEVEL CC CFLAGS LDFLAGS B PREFIX DESTDIR\n"
        "export HOME='%s/home'\n"
        "cd '%s/proj'\n",
        dir, dir);
    while ((block = next_block(&p, "sh")) != NULL) {
        for (line = strtok_r(block, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
            line += strspn(line, " \t");
            if (*line == '\0' || *line == '#')
                continue;
            if (strncmp(line, "make ", 5) == 0) {
                fprintf(script, "cd '%s'\nmake -s B='%s/build' %s\ncd '%s/proj'\n", root, dir,
                        line + 5, dir);
                nmake++;
            } else if (strncmp(line, "./", 2) == 0) {
                size_t w = strcspn(line, " \t");
                fprintf(script, "%.*s --list >list.txt\n", (int)w, line);
                fprintf(script, "%.*s --min-time 0.01 -q%s >run.txt\n", (int)w, line, line + w);
                nrun++;
            } else {
                fprintf(script, "%s\n", line);
                if (strncmp(line, "cc ", 3) == 0 && output_name(line, name, sizeof name)) {
                    fprintf(script, "./%s --list >list-%s.txt\n", name, name);
                    ncc++;
                    if (strstr(line, "libbench.a") && nstatic < 4)
                        snprintf(statics[nstatic++], sizeof statics[0], "%s", name);
                    else if (!strstr(line, "libbench.a") && nshared < 4)
                        snprintf(shareds[nshared++], sizeof shareds[0], "%s", name);
                }
            }
        }
        free(block);
    }
    fclose(script);
    /* What the README must show: install, build shared and static, run. */
    CHECK(nmake >= 1);
    CHECK(ncc >= 2);
    CHECK(nrun >= 1);
    CHECK(nstatic >= 1);
    CHECK(nshared >= 1);

    if (!CHECK_EQ_INT(shf("cd %s/proj && sh %s >%s/readme.log 2>&1", dir, script_path, dir), 0)) {
        show_log(script_path);
        snprintf(path, sizeof path, "%s/readme.log", dir);
        show_log(path);
        goto out;
    }
    /* Every case the README's program registers is listed, and measured
     * by the README's run line. */
    for (i = 0; i < 2; i++) {
        snprintf(path, sizeof path, "%s/proj/%s", dir, i == 0 ? "list.txt" : "run.txt");
        text = slurp(path);
        CHECK(text[0] != '\0');
        for (names = strstr(code, ".name = \""); names; names = strstr(names + 9, ".name = \"")) {
            snprintf(name, sizeof name, "%.*s", (int)strcspn(names + 9, "\""), names + 9);
            CHECK_STR_CONTAINS(text, name);
        }
        free(text);
    }

    snprintf(path, sizeof path, "%s/home/.local", dir);
    check_docs_installed(path);

    /* make uninstall with the README's PREFIX: the static program still
     * runs, the shared one no longer can, and nothing is left behind. */
    CHECK_EQ_INT(shf("cd %s && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL HOME=%s/home "
                     "make -s B=%s/build uninstall PREFIX=%s/home/.local >%s/uninstall.log 2>&1",
                     root, dir, dir, dir, dir),
                 0);
    for (i = 0; i < nstatic; i++)
        CHECK_EQ_INT(shf("cd %s/proj && env -u LD_LIBRARY_PATH ./%s --list >/dev/null 2>&1", dir,
                         statics[i]),
                     0);
    for (i = 0; i < nshared; i++)
        CHECK(shf("cd %s/proj && env -u LD_LIBRARY_PATH ./%s --list >/dev/null 2>&1", dir,
                  shareds[i]) != 0);
    if (!CHECK_EQ_INT(shf("test -z \"$(find %s/home/.local -type f -o -type l)\"", dir), 0))
        shf("find %s/home/.local -type f -o -type l", dir);
out:
    free(section);
    free(code);
    shf("rm -rf %s", dir);
}

/* bench.pc carries -Wl,-rpath,${libdir} for a prefix the dynamic linker
 * does not search, none for /usr, and none with PC_RPATH= . */
TEST(test_install_pc_rpath_only_outside_system_libdirs)
{
    char dir[64], *text;
    if (!make_temp_dir(dir, sizeof dir))
        return;
    CHECK_EQ_INT(shf("env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s B=%s %s/bench.pc "
                     "PREFIX=%s/prefix >/dev/null 2>&1",
                     dir, dir, dir),
                 0);
    text = slurp_in(dir, "bench.pc");
    CHECK_STR_CONTAINS(text, "Libs: -L${libdir} -lbench -Wl,-rpath,${libdir}\n");
    CHECK_STR_CONTAINS(text, "/prefix/lib\n");
    free(text);
    CHECK_EQ_INT(shf("env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s B=%s %s/bench.pc "
                     "PREFIX=/usr >/dev/null 2>&1",
                     dir, dir),
                 0);
    text = slurp_in(dir, "bench.pc");
    CHECK_STR_CONTAINS(text, "Libs: -L${libdir} -lbench\n");
    CHECK_STR_NOT_CONTAINS(text, "rpath");
    free(text);
    CHECK_EQ_INT(shf("env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s B=%s %s/bench.pc "
                     "PREFIX=%s/prefix PC_RPATH= >/dev/null 2>&1",
                     dir, dir, dir),
                 0);
    text = slurp_in(dir, "bench.pc");
    CHECK_STR_CONTAINS(text, "Libs: -L${libdir} -lbench\n");
    free(text);
    shf("rm -rf %s", dir);
}

/* The sample target is one formula in the README and the man page, the one
 * src/measure.c computes: min(10 ms, max(1 ms, B / 20)), B the min_time of
 * the process that samples (a worker's share, --min-time / K). */
TEST(test_install_man_page_and_readme_agree_on_the_sample_target)
{
    static const char *const docs[] = {"README.md", "docs/bench.1"};
    size_t i;
    for (i = 0; i < sizeof docs / sizeof docs[0]; i++) {
        char *text = slurp(docs[i]), *at = strstr(text, "min(10 ms"), got[128];
        size_t n = 0, depth = 0, j;
        if (!CHECK(at != NULL)) {
            printf("  (%s does not state the sample target)\n", docs[i]);
            free(text);
            continue;
        }
        /* Up to the matching parenthesis, without spaces or line breaks. */
        for (j = 0; at[j] && n + 1 < sizeof got; j++) {
            if (at[j] == ' ' || at[j] == '\n')
                continue;
            got[n++] = at[j];
            depth += at[j] == '(';
            if (at[j] == ')' && --depth == 0)
                break;
        }
        got[n] = '\0';
        CHECK_STR_EQ(got, "min(10ms,max(1ms,B/20))");
        /* and B is a worker's share of the budget, said right after */
        n = strlen(at) < 300 ? strlen(at) : 300;
        at[n] = '\0';
        if (!CHECK(strstr(at, "min-time` / K") || strstr(at, "min-time/K")))
            printf("  (%s does not say what B is)\n", docs[i]);
        free(text);
    }
}

/* The man pages are valid roff: groff, warnings on, says nothing. */
TEST(test_install_man_pages_format_cleanly)
{
    static const char *const pages[] = {"docs/bench.1", "docs/libbench.3"};
    size_t i;
    if (!have("groff")) {
        th_skip("no groff to check the man pages with");
        return;
    }
    for (i = 0; i < sizeof pages / sizeof pages[0]; i++)
        if (!CHECK_EQ_INT(shf("test -z \"$(groff -man -ww -z %s 2>&1)\"", pages[i]), 0))
            shf("groff -man -ww -z %s", pages[i]);
}
