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
