/*
 * signals.c - SIGINT, SIGTERM, SIGHUP and SIGQUIT while bench runs, and the
 * in-process guard against a case that calls exit() or crashes
 * (signals.h). The handlers touch only what was prepared here beforehand
 * and call only async-signal-safe functions.
 */
#define _XOPEN_SOURCE 700 /* sigaltstack */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "signals.h"

/* The four signals that stop a run, and the five that a crashing case
 * raises. */
static const int stop_sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
static const int crash_sigs[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
#define NSTOP  (sizeof stop_sigs / sizeof stop_sigs[0])
#define NCRASH (sizeof crash_sigs / sizeof crash_sigs[0])

/* sig_atomic_t is int with glibc, so the flag can be handed out as the
 * `const volatile int *` that bench_options.stop expects. */
static volatile sig_atomic_t stop_flag;
static volatile sig_atomic_t hits;      /* stop signals received */
static volatile sig_atomic_t owner;     /* the process that installed them */
static volatile sig_atomic_t child_pid; /* to kill on the way out, or 0 */
static volatile sig_atomic_t have_temp; /* temp holds a path to remove */
static char temp[4096];

static struct sigaction saved_stop[NSTOP];
static int replaced_stop[NSTOP];

static volatile sig_atomic_t guard_on;
static int guard_installed, atexit_registered;
static char guard_prefix[1024];
static struct sigaction saved_crash[NCRASH];
static stack_t saved_stack;
static char alt_stack[65536]; /* a crash by stack overflow still gets its handler */

const volatile int *signals_stop_flag(void)
{
    return &stop_flag;
}

static void put(const char *s)
{
    size_t len = strlen(s);
    while (len > 0) {
        ssize_t w = write(STDERR_FILENO, s, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return;
        s += w;
        len -= (size_t)w;
    }
}

const char *signals_name(int sig)
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
    case SIGHUP: return "SIGHUP";
    case SIGQUIT: return "SIGQUIT";
    case SIGPIPE: return "SIGPIPE";
    case SIGTRAP: return "SIGTRAP";
    default: return NULL;
    }
}

/* Back to the default action, and the signal raised again: it is blocked
 * while its handler runs, so it ends the process as the handler returns
 * (or, for a fault, when the faulting instruction runs again). */
static void reraise(int sig)
{
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    sigaction(sig, &dfl, NULL);
    raise(sig);
}

static void on_stop(int sig)
{
    int saved_errno = errno;
    if (getpid() != owner) {
        stop_flag = 1; /* a child: its parent decides the rest */
    } else if (sig == SIGQUIT || hits++ > 0) {
        if (have_temp)
            unlink(temp);
        if (child_pid > 0)
            kill(child_pid, SIGKILL);
        reraise(sig);
    } else {
        stop_flag = 1;
    }
    errno = saved_errno;
}

void signals_install(void)
{
    struct sigaction sa;
    size_t i;

    owner = getpid();
    stop_flag = 0;
    hits = 0;
    child_pid = 0;
    have_temp = 0;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop;
    sigemptyset(&sa.sa_mask);
    for (i = 0; i < NSTOP; i++)
        sigaddset(&sa.sa_mask, stop_sigs[i]);
    /* No SA_RESTART: a blocking wait (poll on a child's pipe, opening a
     * FIFO) returns EINTR and sees the flag at once. */
    for (i = 0; i < NSTOP; i++) {
        replaced_stop[i] = 0;
        if (sigaction(stop_sigs[i], NULL, &saved_stop[i]) != 0)
            continue;
        if (!(saved_stop[i].sa_flags & SA_SIGINFO) && saved_stop[i].sa_handler == SIG_IGN)
            continue; /* ignored by whoever started us (nohup, a background job) */
        replaced_stop[i] = sigaction(stop_sigs[i], &sa, NULL) == 0;
    }
}

void signals_restore(void)
{
    sigset_t old;
    size_t i;

    signals_unguard();
    signals_hold(&old);
    for (i = 0; i < NSTOP; i++)
        if (replaced_stop[i])
            sigaction(stop_sigs[i], &saved_stop[i], NULL);
    have_temp = 0;
    child_pid = 0;
    signals_release(&old);
}

void signals_hold(sigset_t *old)
{
    sigset_t set;
    size_t i;
    sigemptyset(&set);
    for (i = 0; i < NSTOP; i++)
        sigaddset(&set, stop_sigs[i]);
    sigprocmask(SIG_BLOCK, &set, old);
}

void signals_release(const sigset_t *old)
{
    sigprocmask(SIG_SETMASK, old, NULL);
}

void signals_set_temp(const char *path)
{
    sigset_t old;
    signals_hold(&old);
    have_temp = 0;
    if (path && strlen(path) < sizeof temp) {
        memcpy(temp, path, strlen(path) + 1);
        have_temp = 1;
    }
    signals_release(&old);
}

void signals_set_child(pid_t pid)
{
    child_pid = pid;
}

/* A case of an in-process run crashed: say so, remove the temporary file,
 * and die of the same signal. */
static void on_crash(int sig)
{
    if (guard_on && getpid() == owner) {
        guard_on = 0;
        put(guard_prefix);
        put("crashed (");
        put(signals_name(sig) ? signals_name(sig) : "a signal");
        put(") while running in this process (--no-isolate); no result was written\n");
        if (have_temp)
            unlink(temp);
    }
    reraise(sig);
}

/* A case of an in-process run called exit(): it would end bench with the
 * case's status (0, often) and no report. */
static void on_exit_guard(void)
{
    if (!guard_on || getpid() != owner)
        return;
    guard_on = 0;
    fflush(stdout); /* the groups already shown */
    put(guard_prefix);
    put("called exit() while running in this process (--no-isolate); no result was written\n");
    if (have_temp)
        unlink(temp);
    _exit(1);
}

void signals_guard(const char *prefix)
{
    struct sigaction sa;
    stack_t ss;
    sigset_t old, all;
    size_t i;

    /* The handlers must not see half a prefix. */
    sigfillset(&all);
    sigprocmask(SIG_BLOCK, &all, &old);
    snprintf(guard_prefix, sizeof guard_prefix, "%s", prefix ? prefix : "");
    if (!guard_installed) {
        if (!atexit_registered)
            atexit_registered = atexit(on_exit_guard) == 0;
        memset(&ss, 0, sizeof ss);
        ss.ss_sp = alt_stack;
        ss.ss_size = sizeof alt_stack;
        if (sigaltstack(&ss, &saved_stack) != 0)
            saved_stack.ss_flags = -1; /* nothing to put back */
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_crash;
        sa.sa_flags = SA_ONSTACK;
        sigemptyset(&sa.sa_mask);
        for (i = 0; i < NCRASH; i++)
            sigaction(crash_sigs[i], &sa, &saved_crash[i]);
        guard_installed = 1;
    }
    guard_on = 1;
    sigprocmask(SIG_SETMASK, &old, NULL);
}

void signals_unguard(void)
{
    size_t i;
    guard_on = 0;
    if (!guard_installed)
        return;
    for (i = 0; i < NCRASH; i++)
        sigaction(crash_sigs[i], &saved_crash[i], NULL);
    if (saved_stack.ss_flags != -1)
        sigaltstack(&saved_stack, NULL);
    guard_installed = 0;
}
