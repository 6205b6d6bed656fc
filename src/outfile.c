/*
 * outfile.c - the -o file (outfile.h): standard output, a device or FIFO
 * written through, or a regular file replaced atomically (a temporary file
 * beside the target, synced and renamed into place, removed on failure).
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "outfile.h"
#include "bench.h"
#include "error.h"
#include "signals.h"

/* Symbolic links followed at most (the kernel's own limit). */
#define OUTFILE_MAX_LINKS 40

/* What the option accepts, for the end of its messages: -o also takes
 * "-" for standard output; --plot only a file (its callers refuse "-"). */
static const char *accepted(const outfile *o)
{
    return strcmp(o->opt, "--plot") == 0
               ? "(expected a writable file path like growth.svg)"
               : "(expected a writable file path, or - for standard output)";
}

/* "OPT: cannot write 'PATH': why (what is accepted)". */
static int cannot(const outfile *o, const char *path, int e, char *err, size_t errsz)
{
    return error_set(err, errsz, 2, "%s: cannot write '%s': %s %s", o->opt, path, strerror(e),
                     accepted(o));
}

static int too_long(const outfile *o, char *err, size_t errsz)
{
    return error_set(err, errsz, 2, "%s: path too long: '%s' (expected at most %d bytes)", o->opt,
                     o->path, (int)sizeof o->target - 1);
}

static int to_stdout(outfile *o)
{
    o->how = OUTFILE_STDOUT;
    o->f = stdout;
    return 0;
}

/* Is st the file standard output is open on? */
static int is_stdout(const struct stat *st)
{
    struct stat so;
    return fstat(STDOUT_FILENO, &so) == 0 && so.st_dev == st->st_dev && so.st_ino == st->st_ino;
}

static const char *kind(mode_t m)
{
    if (S_ISDIR(m))
        return "a directory";
    if (S_ISBLK(m))
        return "a block device";
    if (S_ISSOCK(m))
        return "a socket";
    return "not a regular file";
}

/* May the existing target be written? Not when the caller may not (with
 * the ids open() would use), nor when nobody may (no write bit at all):
 * root passes the first test on any file. */
static int check_writable(const outfile *o, const struct stat *st, char *err, size_t errsz)
{
    if ((st->st_mode & 0222) == 0)
        return error_set(err, errsz, 2,
                         "%s: '%s' is read-only (mode %04o), not replaced (expected a "
                         "writable file; make it writable or choose another path)",
                         o->opt, o->path, (unsigned)(st->st_mode & 07777));
    if (faccessat(AT_FDCWD, o->path, W_OK, AT_EACCESS) != 0)
        return cannot(o, o->path, errno, err, errsz);
    return 0;
}

/* path with its symbolic links followed, to the last one (its target may
 * not exist yet), into out. Directories on the way stay as they are:
 * rename() within the target's directory works through them. */
static int resolve(const outfile *o, char *out, size_t size, char *err, size_t errsz)
{
    const char *path = o->path;
    char link[4096];
    struct stat st;
    int hops;

    if (strlen(path) >= size)
        return too_long(o, err, errsz);
    memcpy(out, path, strlen(path) + 1);
    for (hops = 0; lstat(out, &st) == 0 && S_ISLNK(st.st_mode); hops++) {
        const char *slash = strrchr(out, '/');
        size_t dirlen;
        ssize_t n;

        if (hops == OUTFILE_MAX_LINKS)
            return error_set(err, errsz, 2, "%s: cannot follow '%s': %s %s", o->opt, path,
                             strerror(ELOOP), accepted(o));
        if ((n = readlink(out, link, sizeof link - 1)) < 0)
            return error_set(err, errsz, 2, "%s: cannot follow '%s': %s %s", o->opt, path,
                             strerror(errno), accepted(o));
        link[n] = 0;
        dirlen = slash && link[0] != '/' ? (size_t)(slash - out) + 1 : 0;
        if (dirlen + (size_t)n >= size)
            return too_long(o, err, errsz);
        memcpy(out + dirlen, link, (size_t)n + 1);
    }
    return 0;
}

/* The process's umask, without changing it (which another thread of a
 * host program could see): /proc, else set and put back. */
static mode_t current_umask(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    unsigned m;
    mode_t u;

    if (f) {
        while (fgets(line, sizeof line, f))
            if (sscanf(line, "Umask: %o", &m) == 1) {
                fclose(f);
                return (mode_t)(m & 0777);
            }
        fclose(f);
    }
    u = umask(0);
    umask(u);
    return u;
}

/* A temporary file beside o->target, registered with signals.h so that a
 * signal ending bench removes it; the mode (and owner) of old, or those of
 * a new file. */
static int open_temp(outfile *o, const struct stat *old, char *err, size_t errsz)
{
    sigset_t held;
    mode_t mode;
    int fd, e;

    if (snprintf(o->tmp, sizeof o->tmp, "%s.tmp.XXXXXX", o->target) >= (int)sizeof o->tmp)
        return too_long(o, err, errsz);
    signals_hold(&held);
    fd = mkstemp(o->tmp);
    e = errno;
    if (fd >= 0)
        signals_set_temp(o->tmp);
    signals_release(&held);
    if (fd < 0)
        return cannot(o, o->path, e, err, errsz);
    if (old) {
        struct stat now;
        mode = old->st_mode & 07777;
        if (fstat(fd, &now) == 0 && (now.st_uid != old->st_uid || now.st_gid != old->st_gid) &&
            fchown(fd, old->st_uid, old->st_gid) != 0) {
            /* not ours to give away (not root): the new file is the caller's */
        }
    } else {
        mode = 0666 & ~current_umask();
    }
    if (fchmod(fd, mode) != 0) {
        /* a file system without modes: its own default applies */
    }
    o->f = fdopen(fd, "w");
    if (!o->f) {
        e = errno;
        close(fd);
        unlink(o->tmp);
        signals_set_temp(NULL);
        return cannot(o, o->path, e, err, errsz);
    }
    o->how = OUTFILE_REPLACE;
    return 0;
}

/* A character device or a FIFO: written through, as a shell's > would. */
static int open_through(outfile *o, char *err, size_t errsz)
{
    struct stat st;
    int fd = open(o->path, O_WRONLY | O_NOCTTY | O_CLOEXEC);

    if (fd < 0)
        return cannot(o, o->path, errno, err, errsz);
    if (fstat(fd, &st) != 0 || !(S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode))) {
        close(fd);
        return error_set(err, errsz, 2, "%s: '%s' changed while it was opened (try again)", o->opt,
                         o->path);
    }
    if (!(o->f = fdopen(fd, "w"))) {
        int e = errno;
        close(fd);
        return cannot(o, o->path, e, err, errsz);
    }
    o->how = OUTFILE_THROUGH;
    return 0;
}

int outfile_open(outfile *o, const char *opt, const char *path, char *err, size_t errsz)
{
    struct stat st, t;
    int rc;

    memset(o, 0, sizeof *o);
    o->opt = opt;
    o->path = path;
    if (strcmp(path, "-") == 0)
        return to_stdout(o);
    if (stat(path, &st) != 0) {
        if (errno != ENOENT)
            return cannot(o, path, errno, err, errsz);
        /* A new file (where a dangling link points, if it is one). */
        if ((rc = resolve(o, o->target, sizeof o->target, err, errsz)) != 0)
            return rc;
        return open_temp(o, NULL, err, errsz);
    }
    if (is_stdout(&st))
        return to_stdout(o);
    if (S_ISDIR(st.st_mode))
        return error_set(err, errsz, 2, "%s: '%s' is a directory (expected a file path)", opt,
                         path);
    if (!S_ISREG(st.st_mode) && !S_ISCHR(st.st_mode) && !S_ISFIFO(st.st_mode))
        return error_set(err, errsz, 2,
                         "%s: '%s' is %s (expected a regular file, a character device "
                         "or a FIFO)",
                         opt, path, kind(st.st_mode));
    if ((rc = check_writable(o, &st, err, errsz)) != 0)
        return rc;
    if (!S_ISREG(st.st_mode))
        return open_through(o, err, errsz);
    if ((rc = resolve(o, o->target, sizeof o->target, err, errsz)) != 0)
        return rc;
    if (stat(o->target, &t) != 0 || t.st_dev != st.st_dev || t.st_ino != st.st_ino)
        return error_set(err, errsz, 2,
                         "%s: cannot follow '%s' to the file it names (expected a "
                         "regular file or a symbolic link to one)",
                         opt, path);
    return open_temp(o, &st, err, errsz);
}

int outfile_commit(outfile *o, int write_rc, char *err, size_t errsz)
{
    sigset_t held;
    int failed, e = 0;

    failed = write_rc != BENCH_OK || fflush(o->f) != 0 || ferror(o->f);
    if (failed)
        e = errno ? errno : EIO;
    if (o->how == OUTFILE_STDOUT) {
        o->f = NULL;
        return failed ? error_set(err, errsz, 2, "cannot write the result to standard output: %s",
                                  strerror(e))
                      : 0;
    }
    if (o->how == OUTFILE_REPLACE && !failed && fsync(fileno(o->f)) != 0 && errno != EINVAL)
        failed = 1, e = errno;
    if (fclose(o->f) != 0 && !failed)
        failed = 1, e = errno;
    o->f = NULL;
    if (o->how == OUTFILE_REPLACE) {
        signals_hold(&held);
        if (!failed && rename(o->tmp, o->target) != 0)
            failed = 1, e = errno;
        if (failed)
            unlink(o->tmp);
        signals_set_temp(NULL);
        signals_release(&held);
    }
    if (failed)
        return cannot(o, o->path, e ? e : EIO, err, errsz);
    return 0;
}

void outfile_abort(outfile *o)
{
    sigset_t held;
    if (!o->f)
        return;
    if (o->how != OUTFILE_STDOUT)
        fclose(o->f);
    o->f = NULL;
    if (o->how == OUTFILE_REPLACE) {
        signals_hold(&held);
        unlink(o->tmp);
        signals_set_temp(NULL);
        signals_release(&held);
    }
}
