/* fuzz_args.c - the command-line parser: the input is split at NUL bytes
 * into argv[1..]. Whatever the input, cli_parse returns 0 or 2 with a
 * message, and never reads past what it was given. */
#include <stdlib.h>
#include <string.h>

#include "cli_args.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    char *buf = malloc(size + 1), *argv[66], err[512];
    int argc = 1;
    size_t i, start = 0;
    cli_opts o;

    if (!buf)
        return 0;
    memcpy(buf, data, size);
    buf[size] = 0;
    argv[0] = "bench";
    for (i = 0; i <= size && argc < 65; i++)
        if (buf[i] == 0) {
            argv[argc++] = buf + start;
            start = i + 1;
        }
    argv[argc] = NULL;
    err[0] = 0;
    if (cli_parse(argc, argv, &o, err, sizeof err) != 0 && strlen(err) == 0)
        abort(); /* every rejection must say why */
    cli_opts_free(&o);
    free(buf);
    return 0;
}
