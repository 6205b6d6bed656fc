/*
 * isolate.c - run a piece of work in a forked child, collect what it
 * writes to a pipe, and say how it ended: a case that crashes, exits or
 * hangs costs its own result, not the run.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"

static const char *signal_name(int sig)
{
    switch (sig) {
    case SIGSEGV: return "SIGSEGV";
    case SIGABRT: return "SIGABRT";
    case SIGBUS:  return "SIGBUS";
    case SIGFPE:  return "SIGFPE";
    case SIGILL:  return "SIGILL";
    case SIGKILL: return "SIGKILL";
    case SIGTERM: return "SIGTERM";
    case SIGINT:  return "SIGINT";
    case SIGPIPE: return "SIGPIPE";
    case SIGTRAP: return "SIGTRAP";
    default:      return NULL;
    }
}

double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int write_all(int fd, const void *buf, size_t len)
{
    const char *p = buf;
    while (len > 0) {
        ssize_t w = write(fd, p, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        len -= (size_t)w;
    }
    return 0;
}

static int append(child_result *out, const char *buf, size_t n, size_t *cap)
{
    if (out->len + n > *cap) {
        size_t ncap = *cap ? *cap : 4096;
        char *d;
        while (ncap < out->len + n)
            ncap *= 2;
        d = realloc(out->data, ncap);
        if (!d)
            return -1;
        out->data = d;
        *cap = ncap;
    }
    memcpy(out->data + out->len, buf, n);
    out->len += n;
    return 0;
}

int isolate_run(void (*fn)(void *ctx, int fd), void *ctx, double timeout,
                const volatile isolate_watch *watch, const volatile int *stop,
                child_result *out)
{
    int fds[2], st = 0, told_to_stop = 0;
    size_t cap = 0;
    double limit = timeout, deadline = now_s() + timeout, timed_out = 0;
    unsigned tick = watch ? watch->tick : 0;
    pid_t pid;

    memset(out, 0, sizeof *out);
    if (pipe(fds) != 0) {
        snprintf(out->why, sizeof out->why, "cannot create a pipe: %s", strerror(errno));
        return out->status = BENCH_ECRASH;
    }
    /* Anything buffered would otherwise be written twice if the case
     * calls exit(). */
    fflush(stdout);
    fflush(stderr);
    pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        snprintf(out->why, sizeof out->why, "cannot fork: %s", strerror(errno));
        return out->status = BENCH_ECRASH;
    }
    if (pid == 0) {
        close(fds[0]);
        fn(ctx, fds[1]);
        close(fds[1]);
        _exit(0);
    }
    close(fds[1]);
    for (;;) {
        struct pollfd pfd;
        char buf[65536];
        double left;
        int r;
        ssize_t n;

        /* Each step the child announces gets its own time limit, from the
         * moment it began (the child writes that time). Between steps the
         * parent sleeps in poll until the data, the deadline or a signal:
         * no periodic wake-ups to disturb the measurement. */
        if (watch && watch->tick != tick) {
            tick = watch->tick;
            limit = timeout * (watch->scale ? watch->scale : 1);
            deadline = watch->since > 0 ? watch->since + limit : now_s() + limit;
        }
        left = deadline - now_s();
        if (stop && *stop && !told_to_stop) {
            kill(pid, SIGTERM); /* the child stops after its current round */
            told_to_stop = 1;
        }
        if (left <= 0) {
            if (watch && watch->tick != tick)
                continue; /* a new step began: its own limit applies */
            kill(pid, SIGKILL);
            timed_out = limit;
            break;
        }
        pfd.fd = fds[0];
        pfd.events = POLLIN;
        r = poll(&pfd, 1, left > 3600 ? 3600000 : (int)(left * 1000) + 1);
        if (r < 0 && errno != EINTR)
            break;
        if (r <= 0)
            continue;
        n = read(fds[0], buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        if (append(out, buf, (size_t)n, &cap) != 0) {
            kill(pid, SIGKILL);
            break;
        }
    }
    close(fds[0]);
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
        ;
    if (timed_out > 0) {
        snprintf(out->why, sizeof out->why, "timed out after %g s", timed_out);
        out->status = BENCH_ECRASH;
    } else if (WIFSIGNALED(st)) {
        const char *name = signal_name(WTERMSIG(st));
        if (name)
            snprintf(out->why, sizeof out->why, "crashed (%s)", name);
        else
            snprintf(out->why, sizeof out->why, "crashed (signal %d)", WTERMSIG(st));
        out->status = BENCH_ECRASH;
    } else if (WIFEXITED(st) && WEXITSTATUS(st) != 0) {
        snprintf(out->why, sizeof out->why, "exited with status %d", WEXITSTATUS(st));
        out->status = BENCH_ECRASH;
    } else {
        snprintf(out->why, sizeof out->why, "exited before reporting");
        out->status = BENCH_OK;
    }
    return out->status;
}
