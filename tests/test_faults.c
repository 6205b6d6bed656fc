/*
 * test_faults.c - resource faults: a disk that fills up while the result is
 * written costs the result file, never leaves half of one, and says so.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testhelp.h"
#include "util.h"

/* A 12 KiB tmpfs (root only; skipped elsewhere) holding an existing result:
 * a new result that does not fit fails with exit 2 and a one-line error,
 * the old file stays whole and no temporary file is left behind. */
TEST(test_faults_full_disk_keeps_the_old_output_and_leaves_no_temp_file)
{
    char dir[64], args[512], old[256], *before, *after;
    cmd_result r;
    int st;

    if (!make_temp_dir(dir, sizeof dir))
        return;
    snprintf(args, sizeof args, "mount -t tmpfs -o size=12k tmpfs %s 2>/dev/null", dir);
    fflush(stdout);
    st = system(args);
    if (st != 0) {
        th_skip("cannot mount a small tmpfs (needs root)");
        remove_dir(dir);
        return;
    }
    snprintf(old, sizeof old, "%s/r.json", dir);
    {
        FILE *f = fopen(old, "w");
        if (CHECK(f != NULL)) {
            fputs("{\"benchmarks\": []}\n", f);
            fclose(f);
        }
    }
    before = slurp(old);
    /* Every sample is an entry: a few hundred make tens of KiB. */
    snprintf(args, sizeof args, "concat --sizes 10 --repeat 300 -n 1 -q -o %s", old);
    run_prog(&r, prog_path("bench"), args);
    CHECK_EQ_INT(r.status, 2);
    CHECK_STR_CONTAINS(r.err, "bench: error: --output: cannot write");
    CHECK_STR_CONTAINS(r.err, "No space left on device");
    after = slurp(old);
    CHECK_STR_EQ(after, before);
    CHECK_EQ_INT(count_entries(dir), 1);
    cmd_free(&r);
    free(before);
    free(after);
    snprintf(args, sizeof args, "umount %s", dir);
    CHECK_EQ_INT(system(args), 0);
    remove_dir(dir);
}
