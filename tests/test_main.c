/*
 * test_main.c - runs every TEST registered by the tests/test_*.c files.
 *   ./build/test_unit            all tests (from the repository root: the
 *                                CLI tests run ./build/bench)
 *   ./build/test_unit -v cli     those whose name contains "cli", a line each
 */
#define TESTHELP_MAIN
#include "testhelp.h"

int main(int argc, char **argv)
{
    return th_main(argc, argv);
}
