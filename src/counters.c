/*
 * counters.c - --counters (counters.h): perf_event_open, one counter per
 * event (not a group, so one the kernel refuses does not take the others
 * with it), user space only (what an unprivileged process may count under
 * kernel.perf_event_paranoid 2), read in a forked child per case and size
 * so that a case that crashes cannot take bench with it.
 */
#define _GNU_SOURCE /* syscall() */
#include <errno.h>
#include <linux/perf_event.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "counters.h"

static const struct {
    uint32_t type;
    uint64_t config;
} events[RESULT_NPERF] = {
    {PERF_TYPE_HARDWARE, PERF_COUNT_HW_INSTRUCTIONS},
    {PERF_TYPE_HARDWARE, PERF_COUNT_HW_CPU_CYCLES},
    {PERF_TYPE_HARDWARE, PERF_COUNT_HW_BRANCH_MISSES},
    {PERF_TYPE_SOFTWARE, PERF_COUNT_SW_TASK_CLOCK},
    {PERF_TYPE_SOFTWARE, PERF_COUNT_SW_PAGE_FAULTS},
    {PERF_TYPE_SOFTWARE, PERF_COUNT_SW_CONTEXT_SWITCHES},
};

/* A disabled counter of event e on this thread, or -1 (errno set). */
static int open_event(int e)
{
    struct perf_event_attr a;
    memset(&a, 0, sizeof a);
    a.size = sizeof a;
    a.type = events[e].type;
    a.config = events[e].config;
    a.disabled = 1;
    a.exclude_kernel = 1;
    a.exclude_hv = 1;
    a.read_format = PERF_FORMAT_TOTAL_TIME_ENABLED | PERF_FORMAT_TOTAL_TIME_RUNNING;
    return (int)syscall(SYS_perf_event_open, &a, 0, -1, -1, 0);
}

unsigned counters_available(int *hw_errno)
{
    unsigned got = 0;
    int e;
    *hw_errno = 0;
    for (e = 0; e < RESULT_NPERF; e++) {
        int fd = open_event(e);
        if (fd >= 0) {
            got |= 1u << e;
            close(fd);
        } else if ((RESULT_PERF_HW & (1u << e)) && !*hw_errno) {
            *hw_errno = errno ? errno : EPERM;
        }
    }
    return got;
}

/* What a child sends back: which counters it read, and their totals. */
typedef struct reading {
    unsigned got;
    double total[RESULT_NPERF];
} reading;

/* In the child: set up, warm, count `calls` runs, tear down. */
static void child_count(const bench_case *c, size_t n, uint64_t calls, int out)
{
    void (*volatile run)(void *) = c->run;
    void *state = NULL;
    int fd[RESULT_NPERF], e;
    reading rd;
    uint64_t i;

    memset(&rd, 0, sizeof rd);
    if (c->setup && !(state = c->setup(n)))
        _exit(3);
    run(state);
    for (e = 0; e < RESULT_NPERF; e++)
        fd[e] = open_event(e);
    for (e = 0; e < RESULT_NPERF; e++)
        if (fd[e] >= 0)
            ioctl(fd[e], PERF_EVENT_IOC_ENABLE, 0);
    for (i = 0; i < calls; i++)
        run(state);
    for (e = 0; e < RESULT_NPERF; e++)
        if (fd[e] >= 0)
            ioctl(fd[e], PERF_EVENT_IOC_DISABLE, 0);
    for (e = 0; e < RESULT_NPERF; e++) {
        uint64_t v[3]; /* value, time enabled, time running */
        if (fd[e] < 0 || read(fd[e], v, sizeof v) != (ssize_t)sizeof v)
            continue;
        close(fd[e]);
        rd.got |= 1u << e;
        /* multiplexed with other users of the PMU: scaled up */
        rd.total[e] =
            v[2] > 0 && v[2] < v[1] ? (double)v[0] * (double)v[1] / (double)v[2] : (double)v[0];
    }
    if (write(out, &rd, sizeof rd) != (ssize_t)sizeof rd)
        _exit(4);
    if (c->teardown)
        c->teardown(state);
    _exit(0);
}

/* The reading of one case at one size, or -1. */
static int count_point(const bench_case *c, size_t n, uint64_t calls, double timeout, reading *rd)
{
    int fds[2], got = 0;
    pid_t pid;
    double start = clock_now_s();

    if (pipe(fds) != 0)
        return -1;
    fflush(NULL);
    if ((pid = fork()) < 0) {
        close(fds[0]);
        close(fds[1]);
        return -1;
    }
    if (pid == 0) {
        close(fds[0]);
        child_count(c, n, calls, fds[1]);
    }
    close(fds[1]);
    for (;;) {
        struct pollfd pf = {fds[0], POLLIN, 0};
        double left = timeout - (clock_now_s() - start);
        int rc;
        if (left <= 0) {
            kill(pid, SIGKILL);
            break;
        }
        rc = poll(&pf, 1, left > 1 ? 1000 : (int)(left * 1000) + 1);
        if (rc < 0 && errno == EINTR)
            continue;
        if (rc > 0) {
            got = read(fds[0], rd, sizeof *rd) == (ssize_t)sizeof *rd;
            break;
        }
        if (rc < 0)
            break;
    }
    close(fds[0]);
    if (got) { /* the teardown may still be running: it has as long */
        int st;
        while (waitpid(pid, &st, WNOHANG) == 0) {
            struct timespec nap = {0, 1000 * 1000};
            if (clock_now_s() - start > timeout) {
                kill(pid, SIGKILL);
                waitpid(pid, &st, 0);
                break;
            }
            nanosleep(&nap, NULL);
        }
    } else {
        waitpid(pid, NULL, 0);
    }
    return got ? 0 : -1;
}

void counters_group(results *r, size_t g, double timeout)
{
    size_t i, s;
    int e;

    for (i = r->groups[g].first; i < r->groups[g].end; i++) {
        result_case *c = &r->cases[i];
        for (s = 0; s < c->npoints; s++) {
            result_point *p = &c->pts[s];
            uint64_t calls = p->m.number > 0 ? p->m.number : 1;
            reading rd;
            if (p->status != BENCH_OK || count_point(c->def, p->n, calls, timeout, &rd) != 0)
                continue;
            p->perf_read = rd.got;
            p->perf_calls = calls;
            for (e = 0; e < RESULT_NPERF; e++)
                p->perf[e] = rd.got & (1u << e) ? rd.total[e] / (double)calls : 0;
        }
    }
}
