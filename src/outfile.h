/*
 * outfile.h - the -o file, written atomically.
 */
#ifndef BENCH_OUTFILE_H
#define BENCH_OUTFILE_H

#include <stdio.h>

/* The output file is written to a temporary file beside it and renamed
 * into place, so a reader never sees half a result. */
typedef struct outfile {
    const char *path;
    char tmp[4096];
    FILE *f;
} outfile;

/* Create the temporary file (before measuring: an unwritable path fails at
 * once, not after the run). 0, or 2 with a message. */
int outfile_open(outfile *o, const char *path, char *err, size_t errsz);
/* Flush, sync and rename into place after a writer returned write_rc;
 * on any failure remove the temporary file. 0, or 2 with a message. */
int outfile_commit(outfile *o, int write_rc, char *err, size_t errsz);
/* Remove the temporary file, if open. */
void outfile_abort(outfile *o);

#endif
