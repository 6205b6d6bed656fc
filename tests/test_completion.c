/*
 * test_completion.c - the bash completion for bench
 * (completions/bench.bash): valid bash, and what it offers for options,
 * --format's values and case names, asked the way bash asks (COMP_WORDS,
 * COMP_CWORD, then the function complete -p names).
 */
#define _XOPEN_SOURCE 700
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testhelp.h"
#include "util.h"

#define SCRIPT "completions/bench.bash"

/* The completions bash offers for the words (the last is being completed),
 * one per line, in r->out. */
static int complete_words(cmd_result *r, const char *words)
{
    char args[4096];
    snprintf(args, sizeof args,
             "--norc --noprofile -c 'source " SCRIPT " && "
             "f=$(complete -p bench | sed -n \"s/.*-F \\([^ ]*\\) .*/\\1/p\") && "
             "COMP_WORDS=(%s) && COMP_CWORD=$((${#COMP_WORDS[@]} - 1)) && "
             "COMP_LINE=\"${COMP_WORDS[*]}\" && COMP_POINT=${#COMP_LINE} && "
             "$f && printf \"%%s\\n\" \"${COMPREPLY[@]}\"'",
             words);
    return run_prog(r, "/bin/bash", args);
}

TEST(test_completion_script_is_valid_bash)
{
    cmd_result r;
    if (system("command -v bash >/dev/null 2>&1") != 0) {
        th_skip("no bash");
        return;
    }
    run_prog(&r, "/bin/bash", "-n " SCRIPT);
    CHECK_EQ_INT(r.status, 0);
    CHECK_STR_EQ(r.err, "");
    cmd_free(&r);
}

TEST(test_completion_offers_options_formats_and_cases)
{
    char words[2300];
    cmd_result r;
    if (system("command -v bash >/dev/null 2>&1") != 0) {
        th_skip("no bash");
        return;
    }
    /* The options, from the program's --help ... */
    snprintf(words, sizeof words, "%s --form", prog_path("bench"));
    complete_words(&r, words);
    CHECK_EQ_INT(r.status, 0);
    CHECK_STR_EQ(r.out, "--format\n");
    cmd_free(&r);
    /* ... or the built-in list when the program cannot be run. */
    complete_words(&r, "/nonexistent/bench --form");
    CHECK_STR_EQ(r.out, "--format\n");
    cmd_free(&r);
    snprintf(words, sizeof words, "%s --no-", prog_path("bench"));
    complete_words(&r, words);
    CHECK_STR_CONTAINS(r.out, "--no-color\n");
    CHECK_STR_CONTAINS(r.out, "--no-isolate\n");
    cmd_free(&r);
    /* --format's values. */
    snprintf(words, sizeof words, "%s --format m", prog_path("bench"));
    complete_words(&r, words);
    CHECK_STR_EQ(r.out, "markdown\n");
    cmd_free(&r);
    /* An option's value is not a case. */
    snprintf(words, sizeof words, "%s --sizes \"\"", prog_path("bench"));
    complete_words(&r, words);
    CHECK_STR_EQ(r.out, "\n");
    cmd_free(&r);
    /* Groups and cases, as the program lists them. */
    snprintf(words, sizeof words, "%s conc", prog_path("bench"));
    complete_words(&r, words);
    CHECK_STR_CONTAINS(r.out, "concat\n");
    CHECK_STR_CONTAINS(r.out, "concat/naive\n");
    CHECK_STR_CONTAINS(r.out, "concat/builder\n");
    CHECK_STR_NOT_CONTAINS(r.out, "member");
    cmd_free(&r);
    /* A subcommand's own options and formats. */
    snprintf(words, sizeof words, "%s profile --format f", prog_path("bench"));
    complete_words(&r, words);
    CHECK_STR_EQ(r.out, "folded\n");
    cmd_free(&r);
    snprintf(words, sizeof words, "%s timeit --profile --format f", prog_path("bench"));
    complete_words(&r, words);
    CHECK_STR_EQ(r.out, "folded\n");
    cmd_free(&r);
    snprintf(words, sizeof words, "%s profile --hz", prog_path("bench"));
    complete_words(&r, words);
    CHECK_STR_EQ(r.out, "--hz\n");
    cmd_free(&r);
    snprintf(words, sizeof words, "%s timeit --set", prog_path("bench"));
    complete_words(&r, words);
    CHECK_STR_EQ(r.out, "--setup\n");
    cmd_free(&r);
    /* ... and bench's formats for bench itself. */
    snprintf(words, sizeof words, "%s --format f", prog_path("bench"));
    complete_words(&r, words);
    CHECK_STR_EQ(r.out, "\n");
    cmd_free(&r);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The lines of text, sorted (strcmp) and joined by blanks, into out. */
static const char *sorted_words(const char *text, char *out, size_t size)
{
    char *copy = strdup(text), *save = NULL, *w;
    char *words[256];
    size_t n = 0, len = 0;
    for (w = strtok_r(copy, "\n", &save); w && n < 256; w = strtok_r(NULL, "\n", &save))
        words[n++] = w;
    qsort(words, n, sizeof *words, cmp_str);
    out[0] = '\0';
    for (size_t i = 0; i < n; i++)
        len += (size_t)snprintf(out + len, len < size ? size - len : 0, "%s%s", i ? " " : "",
                                words[i]);
    free(copy);
    return out;
}

/* Whether the help documents opt: on one of its option lines (two blanks
 * and "-x", or six and "--xx"), at the start or after ", " or "; ", and
 * followed by a blank, a ',' or the line's end. */
static int help_documents(const char *help, const char *opt)
{
    size_t n = strlen(opt);
    for (const char *line = help; *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : "") {
        const char *end = strchr(line, '\n');
        if (!end)
            end = line + strlen(line);
        if (!(strncmp(line, "  -", 3) == 0 && line[3] != '-') &&
            !(strncmp(line, "      --", 8) == 0))
            continue;
        for (const char *p = line + 1; p + n <= end; p++) {
            const char *q = p;
            while (q > line && q[-1] == ' ')
                q--;
            if (q < p && (q == line || q[-1] == ',' || q[-1] == ';') &&
                strncmp(p, opt, n) == 0 && (p + n == end || p[n] == ' ' || p[n] == ','))
                return 1;
        }
    }
    return 0;
}

/* Each word of the blank-separated list is documented by the help. */
static void check_documented(const char *help, const char *list)
{
    char copy[2048], *save = NULL;
    snprintf(copy, sizeof copy, "%s", list);
    for (char *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save))
        if (!help_documents(help, w))
            CHECK_STR_EQ(w, "an option the --help documents");
}

TEST(test_completion_offers_each_command_its_documented_options)
{
    static const struct {
        const char *sub, *opts;
    } cmds[] = {
        {"", "--cache-sim --compare --counters --exclude --format --help --instructions "
             "--latency --list --min-time --no-color --no-isolate --number --output --plot "
             "--precision --processes --quiet --repeat --sizes --threshold --timeout "
             "--verbose --version -V -h -l -n -o -q -r -v"},
        {"report", "--format --help --output --plot --threshold -h -o"},
        {"timeit", "--bytes --cflags --compare --format --global --help --hz --include "
                   "--include-dir --items --latency --lib --min-time --no-color --no-isolate "
                   "--number --output --precision --processes --profile --quiet --repeat "
                   "--setup --sizes --sort --teardown --threshold --timeout --top --verbose "
                   "-I -g -h -i -l -n -o -q -r -s -t -v"},
        {"profile", "--format --help --hz --min-time --output --sizes --sort --top -h -o"},
    };
    char words[2300], args[2300], got[4096];
    cmd_result r, h;
    if (system("command -v bash >/dev/null 2>&1") != 0) {
        th_skip("no bash");
        return;
    }
    for (size_t i = 0; i < sizeof cmds / sizeof *cmds; i++) {
        snprintf(args, sizeof args, "%s --help", cmds[i].sub);
        run_prog(&h, prog_path("bench"), args);
        CHECK_EQ_INT(h.status, 0);
        /* Exactly these, and each one the command's --help documents as an
         * option: not an "-O2", "-lLIB" or "python -m" of a description, nor
         * another command's option. */
        check_documented(h.out, cmds[i].opts);
        snprintf(words, sizeof words, "%s %s -", prog_path("bench"), cmds[i].sub);
        complete_words(&r, words);
        CHECK_EQ_INT(r.status, 0);
        CHECK_STR_EQ(sorted_words(r.out, got, sizeof got), cmds[i].opts);
        cmd_free(&r);
        cmd_free(&h);
    }
    /* The built-in list only when the program gives none. */
    complete_words(&r, "/nonexistent/bench --inst");
    CHECK_STR_EQ(r.out, "--instructions\n");
    cmd_free(&r);
}

TEST(test_completion_offers_each_command_its_formats)
{
    static const struct {
        const char *words, *formats;
    } cmds[] = {
        {"", "csv html json markdown table timeit"},
        {"report", "html svg"},
        {"timeit", "csv html json markdown table timeit"},
        {"timeit --profile", "folded html json table"},
        {"profile", "folded html json table"},
    };
    char words[2300], got[4096];
    cmd_result r;
    if (system("command -v bash >/dev/null 2>&1") != 0) {
        th_skip("no bash");
        return;
    }
    for (size_t i = 0; i < sizeof cmds / sizeof *cmds; i++) {
        snprintf(words, sizeof words, "%s %s --format \"\"", prog_path("bench"),
                 cmds[i].words);
        complete_words(&r, words);
        CHECK_EQ_INT(r.status, 0);
        CHECK_STR_EQ(sorted_words(r.out, got, sizeof got), cmds[i].formats);
        cmd_free(&r);
    }
    /* Each one the command takes. */
    run_prog(&r, prog_path("bench"), "report --help");
    CHECK_STR_CONTAINS(r.out, "--format html|svg");
    cmd_free(&r);
    run_prog(&r, prog_path("bench"), "profile --help");
    CHECK_STR_CONTAINS(r.out, "table (default), folded (flamegraph.pl, speedscope), json, or html");
    cmd_free(&r);
    run_prog(&r, prog_path("bench"), "timeit --help");
    CHECK_STR_CONTAINS(r.out, "table, json, csv, markdown, html or timeit;");
    CHECK_STR_CONTAINS(r.out, "--format table, folded, json or html");
    cmd_free(&r);
    run_prog(&r, prog_path("bench"), "--help");
    CHECK_STR_CONTAINS(r.out, "table (default), json, csv, markdown, html or timeit");
    cmd_free(&r);
}

TEST(test_completion_knows_the_options_that_take_a_value)
{
    char args[2300], got[4096];
    cmd_result r;
    if (system("command -v bash >/dev/null 2>&1") != 0) {
        th_skip("no bash");
        return;
    }
    /* timeit's --hz, --sort, --top and --threshold share a help line with
     * other options; report's and profile's take theirs too. */
    snprintf(args, sizeof args,
             "--norc --noprofile -c 'source " SCRIPT " && _bench_valued %s timeit'",
             prog_path("bench"));
    run_prog(&r, "/bin/bash", args);
    CHECK_STR_EQ(sorted_words(r.out, got, sizeof got),
                 "--bytes --cflags --compare --format --global --hz --include --include-dir "
                 "--items --lib --min-time --number --output --precision --processes --repeat "
                 "--setup --sizes --sort --teardown --threshold --timeout --top -I -g -i -l -n "
                 "-o -r -s -t");
    cmd_free(&r);
    snprintf(args, sizeof args,
             "--norc --noprofile -c 'source " SCRIPT " && _bench_valued %s report'",
             prog_path("bench"));
    run_prog(&r, "/bin/bash", args);
    CHECK_STR_EQ(sorted_words(r.out, got, sizeof got),
                 "--format --output --plot --threshold -o");
    cmd_free(&r);
    snprintf(args, sizeof args,
             "--norc --noprofile -c 'source " SCRIPT " && _bench_valued %s profile'",
             prog_path("bench"));
    run_prog(&r, "/bin/bash", args);
    CHECK_STR_EQ(sorted_words(r.out, got, sizeof got),
                 "--format --hz --min-time --output --sizes --sort --top -o");
    cmd_free(&r);
    snprintf(args, sizeof args,
             "--norc --noprofile -c 'source " SCRIPT " && _bench_valued %s \"\"'",
             prog_path("bench"));
    run_prog(&r, "/bin/bash", args);
    CHECK_STR_EQ(sorted_words(r.out, got, sizeof got),
                 "--compare --exclude --format --min-time --number --output --plot "
                 "--precision --processes --repeat --sizes --threshold --timeout -n -o -r");
    cmd_free(&r);
    /* So a value is never completed as an option. */
    static const char *const valued[] = {"--hz", "--sort", "--top", "--threshold"};
    for (size_t i = 0; i < sizeof valued / sizeof *valued; i++) {
        snprintf(args, sizeof args, "%s timeit --profile %s -", prog_path("bench"), valued[i]);
        complete_words(&r, args);
        CHECK_EQ_INT(r.status, 0);
        CHECK_STR_EQ(r.out, "\n");
        cmd_free(&r);
    }
    snprintf(args, sizeof args, "%s timeit --profile -", prog_path("bench"));
    complete_words(&r, args);
    CHECK_STR_CONTAINS(r.out, "--hz\n");
    cmd_free(&r);
}
