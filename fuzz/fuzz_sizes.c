/* fuzz_sizes.c - the --sizes list parser: accepted lists are ascending,
 * distinct and within [1, 1e15]; rejections carry a message. */
#include <stdlib.h>
#include <string.h>

#include "cli_args.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    char *s = malloc(size + 1), err[512];
    size_t sizes[BENCH_MAX_SIZES], n = 0, i;

    if (!s)
        return 0;
    memcpy(s, data, size);
    s[size] = 0;
    err[0] = 0;
    if (cli_parse_sizes(s, sizes, BENCH_MAX_SIZES, &n, err, sizeof err) == 0) {
        if (n == 0 || n > BENCH_MAX_SIZES)
            abort();
        for (i = 0; i < n; i++)
            if (sizes[i] < 1 || sizes[i] > 1000000000000000u || (i && sizes[i] <= sizes[i - 1]))
                abort();
    } else if (strlen(err) == 0) {
        abort();
    }
    free(s);
    return 0;
}
