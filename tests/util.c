/*
 * util.c - running programs and handling temporary files, for the tests
 * that drive the built binaries end to end.
 */
#define _XOPEN_SOURCE 700 /* posix_openpt, ptsname */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testhelp.h"
#include "util.h"

/* The build directory: the one test_unit is in ("./build"). */
const char *build_dir(void)
{
    static char dir[2048];
    const char *slash = strrchr(th_argv0, '/');
    if (dir[0])
        return dir;
    if (slash)
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - th_argv0), th_argv0);
    else
        snprintf(dir, sizeof dir, "./build");
    return dir;
}

const char *prog_path(const char *name)
{
    static char path[2][2100];
    static int which;
    which ^= 1;
    snprintf(path[which], sizeof path[which], "%s/%s", build_dir(), name);
    return path[which];
}

char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    size_t n = 0, cap = 4096;
    char *buf = malloc(cap);
    if (!buf)
        abort();
    while (f) {
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0)
            break;
        if (n + 1 == cap && !(buf = realloc(buf, cap *= 2)))
            abort();
    }
    if (f)
        fclose(f);
    buf[n] = 0;
    return buf;
}

char *slurp_in(const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return slurp(path);
}

/* Remove dir and the files in it (no subdirectories are made here). */
void remove_dir(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char path[4096];
    while (d && (e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        unlink(path);
    }
    if (d)
        closedir(d);
    rmdir(dir);
}

int count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;
    while (d && (e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            n++;
    if (d)
        closedir(d);
    return n;
}

int make_temp_dir(char *dir, size_t size)
{
    snprintf(dir, size, "/tmp/libbench-test-XXXXXX");
    return CHECK(mkdtemp(dir) != NULL);
}

/* Run "prog args" through sh, stdout and stderr captured apart. */
int run_prog(cmd_result *r, const char *prog, const char *args)
{
    char dir[64], cmd[8192], out[128], err[128];
    int st;

    memset(r, 0, sizeof *r);
    r->status = -1;
    if (!CHECK(access(prog, X_OK) == 0)) {
        printf("  (%s is missing: run the tests from the repository root after make)\n", prog);
        r->out = slurp("/dev/null");
        r->err = slurp("/dev/null");
        return 0;
    }
    if (!make_temp_dir(dir, sizeof dir))
        abort();
    snprintf(out, sizeof out, "%s/out", dir);
    snprintf(err, sizeof err, "%s/err", dir);
    snprintf(cmd, sizeof cmd, "%s %s >%s 2>%s </dev/null", prog, args, out, err);
    fflush(stdout);
    st = system(cmd);
    if (st != -1 && WIFEXITED(st))
        r->status = WEXITSTATUS(st);
    else if (st != -1 && WIFSIGNALED(st))
        r->status = 128 + WTERMSIG(st);
    r->out = slurp(out);
    r->err = slurp(err);
    remove_dir(dir);
    return 1;
}

int run_prog_tty(cmd_result *r, const char *prog, const char *args)
{
    char dir[64], cmd[8192], out[128], buf[4096];
    size_t len = 0, cap = 0;
    const char *slave = NULL;
    int master, st = 0;
    pid_t pid;

    memset(r, 0, sizeof *r);
    r->status = -1;
    if (!make_temp_dir(dir, sizeof dir))
        abort();
    snprintf(out, sizeof out, "%s/out", dir);
    snprintf(cmd, sizeof cmd, "exec %s %s >%s </dev/null", prog, args, out);
    master = posix_openpt(O_RDWR | O_NOCTTY);
    if (!CHECK(master >= 0 && grantpt(master) == 0 && unlockpt(master) == 0 &&
               (slave = ptsname(master)) != NULL)) {
        remove_dir(dir);
        r->out = slurp("/dev/null");
        r->err = slurp("/dev/null");
        return 0;
    }
    fflush(stdout);
    if ((pid = fork()) == 0) {
        int fd = open(slave, O_RDWR);
        if (fd < 0 || dup2(fd, STDERR_FILENO) < 0)
            _exit(127);
        close(master);
        execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
        _exit(127);
    }
    /* Read until the last writer of the terminal is gone (EIO). */
    for (;;) {
        ssize_t n = read(master, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        if (len + (size_t)n + 1 > cap) {
            char *grown = realloc(r->err, cap = 2 * (len + (size_t)n + 1));
            if (!grown)
                abort();
            r->err = grown;
        }
        memcpy(r->err + len, buf, (size_t)n);
        len += (size_t)n;
    }
    close(master);
    while (pid > 0 && waitpid(pid, &st, 0) < 0 && errno == EINTR)
        ;
    if (pid > 0 && WIFEXITED(st))
        r->status = WEXITSTATUS(st);
    else if (pid > 0 && WIFSIGNALED(st))
        r->status = 128 + WTERMSIG(st);
    if (!r->err)
        r->err = calloc(1, 1);
    else
        r->err[len] = 0;
    r->out = slurp(out);
    remove_dir(dir);
    return 1;
}

void cmd_free(cmd_result *r)
{
    free(r->out);
    free(r->err);
    memset(r, 0, sizeof *r);
}

int find_prog(const char *name, char *path, size_t size)
{
    char line[256];
    FILE *p;
    snprintf(line, sizeof line, "command -v %s 2>/dev/null", name);
    if (!(p = popen(line, "r")))
        return 0;
    if (!fgets(path, (int)size, p))
        path[0] = 0;
    pclose(p);
    path[strcspn(path, "\n")] = 0;
    return path[0] == '/';
}

int have_prog(const char *name)
{
    char path[1024];
    return find_prog(name, path, sizeof path);
}

size_t count_str(const char *s, const char *what)
{
    size_t n = 0;
    while ((s = strstr(s, what)) != NULL) {
        n++;
        s += strlen(what);
    }
    return n;
}
