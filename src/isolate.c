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
#include <sys/prctl.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "array.h"
#include "bench.h"
#include "clock.h"
#include "isolate.h"
#include "signals.h"

/* How long a child told to stop (SIGTERM) has before it is killed. */
#define ISOLATE_GRACE_S 0.5

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
    int told_to_stop; /* sent SIGTERM because *stop was set */
    double kill_at;   /* then: when it gets SIGKILL if still running */
    int killed;       /* and it did */
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

/* Stop the child when asked to: SIGTERM at once (it finishes its round
 * and sends what it has), SIGKILL after ISOLATE_GRACE_S if it has not
 * ended (a case stuck in its own code). Returns the seconds until the
 * kill, or a large number before any stop. */
static double stop_child(watcher *wt, const volatile int *stop)
{
    if (stop && *stop && !wt->told_to_stop) {
        kill(wt->pid, SIGTERM);
        wt->told_to_stop = 1;
        wt->kill_at = clock_now_s() + ISOLATE_GRACE_S;
    }
    return wt->told_to_stop ? wt->kill_at - clock_now_s() : 1e9;
}

/* Collect what the child writes until it closes its pipe, or a step
 * outlasts its limit (then the child is killed and the limit returned),
 * or it was told to stop and did not within the grace (then it is
 * killed). Between steps the parent sleeps in poll until the data, the
 * deadline or a signal: no periodic wake-ups to disturb the measurement,
 * unless a ticker asks for them (a progress line on a terminal, a few
 * times a second). */
static double collect(watcher *wt, const volatile isolate_watch *watch, const volatile int *stop,
                      const isolate_ticker *ticker, isolate_result *out)
{
    size_t cap = 0;
    for (;;) {
        struct pollfd pfd;
        char buf[65536];
        double left, grace;
        int r;
        ssize_t n;

        follow_step(wt, watch);
        left = wt->deadline - clock_now_s();
        if ((grace = stop_child(wt, stop)) <= 0) {
            kill(wt->pid, SIGKILL);
            wt->killed = 1;
            return 0;
        }
        if (left <= 0) {
            if (watch && watch->tick != wt->tick)
                continue; /* a new step began: its own limit applies */
            kill(wt->pid, SIGKILL);
            return wt->limit;
        }
        if (grace < left)
            left = grace;
        if (ticker && ticker->fn) {
            ticker->fn(ticker->ctx);
            if (ticker->period < left)
                left = ticker->period;
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
static int verdict(int st, double timed_out, const watcher *wt, isolate_result *out)
{
    const char *name;
    out->status = BENCH_ECRASH;
    if (wt->told_to_stop && (wt->killed || (WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM))) {
        if (wt->killed)
            snprintf(out->why, sizeof out->why, "interrupted (killed after %g s)", ISOLATE_GRACE_S);
        else
            snprintf(out->why, sizeof out->why, "interrupted");
    } else if (timed_out > 0) {
        snprintf(out->why, sizeof out->why, "timed out after %g s", timed_out);
    } else if (WIFSIGNALED(st)) {
        if ((name = signals_name(WTERMSIG(st))) != NULL)
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
                const volatile isolate_watch *watch, const volatile int *stop,
                const isolate_ticker *ticker, isolate_result *out)
{
    int fds[2], st = 0;
    double timed_out;
    watcher wt;
    pid_t parent = getpid();

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
        /* Die with the parent, even by SIGKILL: no case spins on with PPID
         * 1. The parent may have died before the request took effect. */
        (void)prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent)
            _exit(3);
        close(fds[0]);
        fn(ctx, fds[1]);
        close(fds[1]);
        _exit(0);
    }
    signals_set_child(wt.pid); /* killed if a second signal ends bench */
    close(fds[1]);
    wt.fd = fds[0];
    wt.timeout = wt.limit = timeout;
    wt.deadline = clock_now_s() + timeout;
    wt.tick = watch ? watch->tick : 0;
    timed_out = collect(&wt, watch, stop, ticker, out);
    close(fds[0]);
    while (waitpid(wt.pid, &st, 0) < 0 && errno == EINTR)
        ;
    signals_set_child(0);
    return verdict(st, timed_out, &wt, out);
}
