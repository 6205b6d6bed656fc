/*
 * test_walk.c - the walk over a subcommand's words (cli_walk.h) that
 * bench profile, bench report and bench timeit share: operands, options
 * with a value after '=' or in the next word, "--", "-" alone.
 */
#include <string.h>

#include "cli_walk.h"
#include "testhelp.h"

TEST(test_walk_splits_options_values_and_operands)
{
    char *argv[] = {"profile", "--hz=500", "-o", "out.json", "rolling/naive", "--top", "3", "-qv",
                    "--",      "-x",       "-",  NULL};
    cli_walk w;
    cli_walk_word word;

    cli_walk_init(&w, 11, argv);
    CHECK(cli_walk_next(&w, &word));
    CHECK_EQ_INT(word.kind, CLI_WALK_OPTION);
    CHECK_STR_EQ(word.name, "--hz");
    CHECK_STR_EQ(cli_walk_value(&w, &word), "500");
    CHECK(cli_walk_next(&w, &word));
    CHECK_STR_EQ(word.name, "-o");
    CHECK(word.value == NULL);
    CHECK_STR_EQ(cli_walk_value(&w, &word), "out.json"); /* the next word, taken */
    CHECK(cli_walk_next(&w, &word));
    CHECK_EQ_INT(word.kind, CLI_WALK_OPERAND);
    CHECK_STR_EQ(word.arg, "rolling/naive");
    CHECK(cli_walk_next(&w, &word));
    CHECK_STR_EQ(word.name, "--top");
    CHECK_STR_EQ(cli_walk_value(&w, &word), "3");
    CHECK(cli_walk_next(&w, &word));
    CHECK_STR_EQ(word.name, "-qv");  /* a short cluster whole: its command splits it */
    CHECK(cli_walk_next(&w, &word)); /* "--" skipped: what follows is operands */
    CHECK_EQ_INT(word.kind, CLI_WALK_OPERAND);
    CHECK_STR_EQ(word.arg, "-x");
    CHECK(cli_walk_next(&w, &word));
    CHECK_EQ_INT(word.kind, CLI_WALK_OPERAND);
    CHECK_STR_EQ(word.arg, "-");
    CHECK(!cli_walk_next(&w, &word));
    CHECK(!cli_walk_next(&w, &word)); /* and stays at the end */
}

TEST(test_walk_value_missing_at_the_end)
{
    char *argv[] = {"report", "r.json", "--plot", NULL};
    cli_walk w;
    cli_walk_word word;

    cli_walk_init(&w, 3, argv);
    CHECK(cli_walk_next(&w, &word));
    CHECK_EQ_INT(word.kind, CLI_WALK_OPERAND);
    CHECK(cli_walk_next(&w, &word));
    CHECK_STR_EQ(word.name, "--plot");
    CHECK(cli_walk_value(&w, &word) == NULL);
    CHECK(cli_walk_take(&w) == NULL);
    CHECK(!cli_walk_next(&w, &word));
}

TEST(test_walk_dash_alone_is_an_operand_and_empty_values_kept)
{
    char *argv[] = {"x", "-", "--format=", NULL};
    cli_walk w;
    cli_walk_word word;

    cli_walk_init(&w, 3, argv);
    CHECK(cli_walk_next(&w, &word));
    CHECK_EQ_INT(word.kind, CLI_WALK_OPERAND);
    CHECK(cli_walk_next(&w, &word));
    CHECK_STR_EQ(word.name, "--format");
    CHECK_STR_EQ(cli_walk_value(&w, &word), ""); /* for the command to refuse */
}
