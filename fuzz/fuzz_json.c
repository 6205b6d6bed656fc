/* fuzz_json.c - the JSON reader and the baseline loader on arbitrary
 * bytes: no crash, no leak, and a located message on every rejection. */
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "json.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    json_value v;
    baseline *b = NULL;
    char err[512];

    err[0] = 0;
    if (json_parse((const char *)data, size, &v, err, sizeof err) == BENCH_OK)
        json_free(&v);
    else if (strncmp(err, "line ", 5) != 0)
        abort();
    err[0] = 0;
    if (baseline_parse("fuzz", (const char *)data, size, &b, err, sizeof err) == BENCH_OK)
        baseline_free(b);
    else if (strlen(err) == 0)
        abort();
    return 0;
}
