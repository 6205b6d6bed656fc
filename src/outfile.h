/*
 * outfile.h - the -o file: written atomically when it is a regular file,
 * written through when it is a device or a FIFO, never clobbered when it
 * is neither or may not be written.
 *
 * What -o FILE does, by what FILE is:
 * - "-", or the very file standard output is open on (/dev/stdout,
 *   /dev/fd/1, a link to them, or the file stdout was redirected to):
 *   the result goes to standard output, and the caller does not print the
 *   table there as well (OUTFILE_STDOUT).
 * - a character device or a FIFO (/dev/null, /dev/tty, a named pipe):
 *   opened for writing and written through, no temporary file, no rename,
 *   so the node stays what it was (OUTFILE_THROUGH). Opening a FIFO waits
 *   for a reader, as a shell's > would; a signal interrupts the wait.
 * - a regular file, or a path that does not exist yet: written to a
 *   temporary file beside it, synced and renamed into place, so a reader
 *   never sees half a result (OUTFILE_REPLACE).
 * - a symbolic link is followed (to its last link, dangling or not): the
 *   temporary file goes beside the link's resolved target and is renamed
 *   onto the target, so the link stays a link and its target gets the
 *   result, as with a shell's >. Replacing the link itself would break
 *   whatever it was there for (a link into a web root, /dev/stdout);
 *   refusing would reject a common, harmless setup.
 * - anything else (a directory, a block device, a socket) is refused.
 * An existing target that cannot be written is refused before anything is
 * measured: when the caller may not write it (its effective ids), or when
 * it has no write permission bit at all (chmod a-w, e.g. 0444), which
 * refuses it to root as well, who may write anything: a file made read-only
 * for everyone says "keep this", and rename() would replace it silently.
 * A new file gets mode 0666 & ~umask, like one made by a shell's >; a
 * replaced file keeps its mode (and, where bench may set them, its owner
 * and group). Being replaced, it is a new inode: another hard link to the
 * old file keeps the old content. The temporary file is registered with signals.h, so a signal
 * that ends bench removes it.
 */
#ifndef BENCH_OUTFILE_H
#define BENCH_OUTFILE_H

#include <stdio.h>

enum { OUTFILE_REPLACE, OUTFILE_THROUGH, OUTFILE_STDOUT };

typedef struct outfile {
    const char *opt;   /* the option named in messages ("--output", "--plot") */
    const char *path;  /* as given */
    char target[4096]; /* the file replaced: path, its symbolic links followed */
    char tmp[4096];    /* the temporary file beside it */
    FILE *f;           /* where the writer writes (stdout for OUTFILE_STDOUT) */
    int how;           /* OUTFILE_* */
} outfile;

/* Decide how path, the value of option opt, is written and open it (before
 * measuring: an unwritable or unsuitable path fails at once, not after the
 * run). 0, or 2 with a one-line message that names opt and what it
 * accepts: a file path, or "-" for standard output, except for "--plot",
 * whose callers refuse "-" (its messages offer a file path only). */
int outfile_open(outfile *o, const char *opt, const char *path, char *err, size_t errsz);
/* Flush and finish after a writer returned write_rc: for a replaced file,
 * sync and rename into place (on any failure remove the temporary file,
 * the old file stays whole). 0, or 2 with a message. */
int outfile_commit(outfile *o, int write_rc, char *err, size_t errsz);
/* Give up: remove the temporary file, close what was opened (never
 * stdout). Harmless when nothing is open. */
void outfile_abort(outfile *o);

#endif
