/*
 * outfile.c - the -o file, written atomically (outfile.h): a temporary file
 * beside the target, synced and renamed into place, removed on failure.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "outfile.h"
#include "bench.h"
#include "error.h"

int outfile_open(outfile *o, const char *path, char *err, size_t errsz)
{
    struct stat st;
    int fd;

    o->path = path;
    o->f = NULL;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return error_set(err, errsz, 2, "--output: '%s' is a directory (expected a file path)",
                         path);
    if (snprintf(o->tmp, sizeof o->tmp, "%s.tmp.XXXXXX", path) >= (int)sizeof o->tmp)
        return error_set(err, errsz, 2, "--output: path too long: '%s'", path);
    fd = mkstemp(o->tmp);
    if (fd < 0)
        return error_set(err, errsz, 2, "--output: cannot write '%s': %s", path, strerror(errno));
    o->f = fdopen(fd, "w");
    if (!o->f) {
        int e = errno;
        close(fd);
        unlink(o->tmp);
        return error_set(err, errsz, 2, "--output: cannot write '%s': %s", path, strerror(e));
    }
    return 0;
}

int outfile_commit(outfile *o, int write_rc, char *err, size_t errsz)
{
    int failed = write_rc != BENCH_OK || fflush(o->f) != 0 || ferror(o->f);
    failed |= fsync(fileno(o->f)) != 0 && errno != EINVAL;
    failed |= fclose(o->f) != 0;
    o->f = NULL;
    if (failed || rename(o->tmp, o->path) != 0) {
        int e = errno;
        unlink(o->tmp);
        return error_set(err, errsz, 2, "--output: cannot write '%s': %s", o->path,
                         strerror(e ? e : EIO));
    }
    return 0;
}

void outfile_abort(outfile *o)
{
    if (o->f) {
        fclose(o->f);
        unlink(o->tmp);
        o->f = NULL;
    }
}
