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

#include "array.h"
#include "bench.h"
#include "clock.h"
#include "isolate.h"

static const char *signal_name(int sig)
{
    switch (sig) {
    case SIGSEGV: return "SIGSEGV";
    case SIGABRT: return "SIGABRT";
    case SIGBUS: return "SIGBUS";
    case SIGFPE: return "SIGFPE";
    case SIGILL: return "SIGILL";
    case SIGKILL: return "SIGKILL";
    case SIGTERM: return "SIGTERM";
    case SIGINT: return "SIGINT";
    case SIGPIPE: return "SIGPIPE";
    case SIGTRAP: return "SIGTRAP";
    default: return NULL;
    }
}

int isolate_write_all(int fd, const void *buf, size_t len)
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

static int append(isolate_result *out, const char *buf, size_t n, size_t *cap)
{
    char *d = array_grow(out->data, cap, out->len + n, 1);
    if (!d)
        return -1;
    out->data = d;
    memcpy(out->data + out->len, buf, n);
    out->len += n;
    return 0;
}

/* The parent's side of a running child: its pipe and the step limits. */
typedef struct watcher {
    pid_t pid;
    int fd; /* the read end of the child's pipe */
    double timeout, limit, deadline;
    unsigned tick;
    int told_to_stop;
} watcher;

/* Each step the child announces gets its own time limit, from the moment
 * it began (the child writes that time). */
static void follow_step(watcher *wt, const volatile isolate_watch *watch)
{
    if (!watch || watch->tick == wt->tick)
        return;
    wt->tick = watch->tick;
    wt->limit = wt->timeout * (watch->scale ? watch->scale : 1);
    wt->deadline = watch->since > 0 ? watch->since + wt->limit : clock_now_s() + wt->limit;
}

/* Collect what the child writes until it closes its pipe, or a step
 * outlasts its limit (then the child is killed and the limit returned).
 * Between steps the parent sleeps in poll until the data, the deadline or
 * a signal: no periodic wake-ups to disturb the measurement. */
static double collect(watcher *wt, const volatile isolate_watch *watch, const volatile int *stop,
                      isolate_result *out)
{
    size_t cap = 0;
    for (;;) {
        struct pollfd pfd;
        char buf[65536];
        double left;
        int r;
        ssize_t n;

        follow_step(wt, watch);
        left = wt->deadline - clock_now_s();
        if (stop && *stop && !wt->told_to_stop) {
            kill(wt->pid, SIGTERM); /* the child stops after its current round */
            wt->told_to_stop = 1;
        }
        if (left <= 0) {
            if (watch && watch->tick != wt->tick)
                continue; /* a new step began: its own limit applies */
            kill(wt->pid, SIGKILL);
            return wt->limit;
        }
        pfd.fd = wt->fd;
        pfd.events = POLLIN;
        r = poll(&pfd, 1, left > 3600 ? 3600000 : (int)(left * 1000) + 1);
        if (r < 0 && errno != EINTR)
            return 0;
        if (r <= 0)
            continue;
        n = read(wt->fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return 0;
        if (append(out, buf, (size_t)n, &cap) != 0) {
            kill(wt->pid, SIGKILL);
            return 0;
        }
    }
}

/* How the child ended, into out->why and out->status. */
static int verdict(int st, double timed_out, isolate_result *out)
{
    const char *name;
    out->status = BENCH_ECRASH;
    if (timed_out > 0) {
        snprintf(out->why, sizeof out->why, "timed out after %g s", timed_out);
    } else if (WIFSIGNALED(st)) {
        if ((name = signal_name(WTERMSIG(st))) != NULL)
            snprintf(out->why, sizeof out->why, "crashed (%s)", name);
        else
            snprintf(out->why, sizeof out->why, "crashed (signal %d)", WTERMSIG(st));
    } else if (WIFEXITED(st) && WEXITSTATUS(st) != 0) {
        snprintf(out->why, sizeof out->why, "exited with status %d", WEXITSTATUS(st));
    } else {
        snprintf(out->why, sizeof out->why, "exited before reporting");
        out->status = BENCH_OK;
    }
    return out->status;
}

int isolate_run(void (*fn)(void *ctx, int fd), void *ctx, double timeout,
                const volatile isolate_watch *watch, const volatile int *stop, isolate_result *out)
{
    int fds[2], st = 0;
    double timed_out;
    watcher wt;

    memset(out, 0, sizeof *out);
    if (pipe(fds) != 0) {
        snprintf(out->why, sizeof out->why, "cannot create a pipe: %s", strerror(errno));
        return out->status = BENCH_ECRASH;
    }
    /* Anything buffered would otherwise be written twice if the case
     * calls exit(). */
    fflush(stdout);
    fflush(stderr);
    memset(&wt, 0, sizeof wt);
    if ((wt.pid = fork()) < 0) {
        close(fds[0]);
        close(fds[1]);
        snprintf(out->why, sizeof out->why, "cannot fork: %s", strerror(errno));
        return out->status = BENCH_ECRASH;
    }
    if (wt.pid == 0) {
        close(fds[0]);
        fn(ctx, fds[1]);
        close(fds[1]);
        _exit(0);
    }
    close(fds[1]);
    wt.fd = fds[0];
    wt.timeout = wt.limit = timeout;
    wt.deadline = clock_now_s() + timeout;
    wt.tick = watch ? watch->tick : 0;
    timed_out = collect(&wt, watch, stop, out);
    close(fds[0]);
    while (waitpid(wt.pid, &st, 0) < 0 && errno == EINTR)
        ;
    return verdict(st, timed_out, out);
}
