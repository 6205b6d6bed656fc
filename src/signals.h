/*
 * signals.h - what SIGINT, SIGTERM, SIGHUP and SIGQUIT do while bench
 * runs, and the last words of a run in this process that a case ended
 * (exit() or a crash under --no-isolate).
 *
 * While installed:
 * - the first SIGINT, SIGTERM or SIGHUP sets the stop flag: measurement
 *   ends after the current round, a running child is stopped (isolate.c:
 *   SIGTERM, SIGKILL after a short grace), and what was measured is
 *   reported, marked incomplete;
 * - a second one of them, or SIGQUIT at any time, ends bench at once: the
 *   temporary file of -o is removed, the running child is killed, and the
 *   signal is raised again with its default action, so the exit status
 *   still says which signal ended bench (128 + its number in a shell).
 * A signal that was ignored when they were installed (SIGHUP under nohup,
 * SIGINT in a background job of a non-interactive shell) stays ignored.
 * In a forked child (which inherits the handlers) every one of them only
 * sets the child's own stop flag: its parent decides the rest.
 *
 * SIGKILL cannot be caught: a temporary file then stays behind, but the
 * child dies with bench (isolate.c sets PR_SET_PDEATHSIG).
 *
 * This is process-wide state, like the registry: one run at a time. Every
 * path and line the handlers use is copied here beforehand, and they call
 * only async-signal-safe functions (write, unlink, kill, sigaction, raise).
 */
#ifndef BENCH_SIGNALS_H
#define BENCH_SIGNALS_H

#include <signal.h>
#include <sys/types.h>

/* The stop flag (0 until the first signal), for bench_options.stop and
 * slot_config.stop. */
const volatile int *signals_stop_flag(void);
/* Install the handlers (and clear the stop flag), remembering what they
 * replace; the process calling this is the one they clean up for. */
void signals_install(void);
/* Put back what signals_install replaced; forget the temporary file and
 * the child. */
void signals_restore(void);

/* The file to remove if a signal ends bench (a copy is kept; NULL: none). */
void signals_set_temp(const char *path);
/* The child to kill if a signal ends bench (0: none). */
void signals_set_child(pid_t pid);
/* Block the four signals around a step that must not be cut in two (a
 * temporary file created and registered, renamed and forgotten); release
 * with what hold returned. */
void signals_hold(sigset_t *old);
void signals_release(const sigset_t *old);

/* "SIGSEGV" for SIGSEGV, ... for the signals bench names; NULL for
 * another. Async-signal-safe. */
const char *signals_name(int sig);

/* The in-process guard (--no-isolate): while it is on, a case that calls
 * exit() or crashes (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT) ends bench
 * with one line on stderr, prefix followed by what happened ("called
 * exit()", "crashed (SIGSEGV)") and that no result was written, after the
 * temporary file is removed: exit status 1 for exit(), the re-raised
 * signal for a crash. prefix (copied; e.g. "bench: error: case 'g/c' ")
 * names what was running; calling it again while on only changes it. */
void signals_guard(const char *prefix);
/* Off again: exit() and the crash signals do what they did before. */
void signals_unguard(void);

#endif
