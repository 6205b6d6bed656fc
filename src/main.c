/* main.c - the `bench` program: the built-in suite (benches/) plus the CLI. */
#include "bench.h"

int main(int argc, char **argv)
{
    return bench_main(argc, argv);
}
