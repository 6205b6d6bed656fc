/*
 * counted.c - --instructions (counted.h): the cases re-run under Callgrind,
 * one valgrind process per group (jobs of them at once), and the counts of
 * each counted call read from its own dump.
 *
 * The child reports its steps in a status file, one line each, written
 * with write(2) as they happen, so that when it crashes or hangs the
 * parent knows which case at which size was running:
 *   R          ready (valgrind ran the program)
 *   B i        slot i (of this process's list) begins: setup, warm call
 *   S i        its setup returned NULL
 *   C i        its empty call and counted calls are dumped
 *   E i        torn down
 *   D          every slot done
 * The dumps are numbered in the order they were written, so slot i's are
 * the 2 + calls after those of the slots counted before it.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "counted.h"
#include "error.h"
#include "signals.h"

/* ------------------------------------------------------------ child --- */

/* The one function Callgrind collects in and dumps after: what it runs
 * is counted, call by call. It must keep its name (no clone, no inlining)
 * and return to itself (not a tail call), or Callgrind would not see the
 * calls begin and end. The parent passes its name to valgrind. */
#define COUNTED_FN "counted_run_call"
#if defined(__has_attribute)
#if __has_attribute(noipa)
#define COUNTED_ATTR __attribute__((noipa, noinline, used))
#endif
#endif
#ifndef COUNTED_ATTR
#define COUNTED_ATTR __attribute__((noinline, used))
#endif

COUNTED_ATTR static void counted_run_call(bench_fn fn, void *arg)
{
    fn(arg);
    __asm__ __volatile__("" ::: "memory"); /* the call returns here */
}

/* What an empty case costs through counted_run_call: subtracted. */
static void counted_empty(void *arg)
{
    (void)arg;
}

/* Called through a volatile pointer, so the compiler knows nothing of
 * what it is passed. */
static void (*volatile call_counted)(bench_fn, void *) = counted_run_call;

static void say(int fd, const char *fmt, size_t i)
{
    char line[64];
    int len = snprintf(line, sizeof line, fmt, i);
    if (len > 0 && write(fd, line, (size_t)len) < 0)
        _exit(3); /* the parent would blame the wrong slot */
}

int counted_child_main(int argc, char **argv)
{
    unsigned long calls;
    size_t i;
    int fd;

    if (argc < 3 || (calls = strtoul(argv[2], NULL, 10)) == 0 || calls > COUNTED_MAX_CALLS)
        return 2;
    if ((fd = open(argv[1], O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600)) < 0)
        return 2;
    say(fd, "R\n", 0);
    for (i = 0; 3 + 2 * i + 1 < (size_t)argc; i++) {
        const bench_case *c = bench_find(argv[3 + 2 * i]);
        size_t n = (size_t)strtoull(argv[4 + 2 * i], NULL, 10);
        void *state = NULL;
        unsigned long k;

        say(fd, "B %zu\n", i);
        if (!c || (c->setup && !(state = c->setup(n)))) {
            say(fd, "S %zu\n", i);
            continue;
        }
        /* The empty call, then a warm one (first-touch faults, lazy
         * binding, cold caches; its dump is not used), so the counted
         * calls find the call site and the caches as each other does. */
        call_counted(counted_empty, NULL);
        call_counted(c->run, state);
        for (k = 0; k < calls; k++)
            call_counted(c->run, state);
        say(fd, "C %zu\n", i);
        if (c->teardown)
            c->teardown(state);
        say(fd, "E %zu\n", i);
    }
    say(fd, "D\n", 0);
    close(fd);
    return 0;
}

/* ----------------------------------------------------------- valgrind --- */

static int executable(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

#define VALGRIND_HOW "apt install valgrind, or set VALGRIND to its path"

int counted_find_valgrind(char *path, size_t size, char *err, size_t errsz)
{
    const char *v = getenv("VALGRIND"), *p = getenv("PATH");

    if (v && *v) {
        if (executable(v) && strlen(v) < size) {
            strcpy(path, v);
            return 0;
        }
        return error_set(err, errsz, 2,
                         "--instructions: VALGRIND='%s' is not an executable file (expected the "
                         "path of valgrind; %s)",
                         v, VALGRIND_HOW);
    }
    for (p = p && *p ? p : "/usr/bin:/bin"; *p;) {
        const char *end = strchr(p, ':');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len > 0 && len + sizeof "/valgrind" <= size) {
            memcpy(path, p, len);
            strcpy(path + len, "/valgrind");
            if (executable(path))
                return 0;
        }
        p += len + (end != NULL);
    }
    return error_set(err, errsz, 2,
                     "--instructions needs valgrind, which is not on PATH (install it: %s)",
                     VALGRIND_HOW);
}

/* Callgrind's name of each event, in result_event's order. */
static const char *const cg_events[RESULT_NEVENTS] = {"Ir",   "I1mr", "D1mr", "D1mw", "ILmr",
                                                      "DLmr", "DLmw", "Bcm",  "Bim"};

/* The words of line (up to its end) after its prefix, into w; returns
 * how many, at most cap. */
static size_t words(const char *line, char (*w)[16], size_t cap)
{
    size_t n = 0;
    while (*line && *line != '\n' && n < cap) {
        size_t len = 0;
        while (*line == ' ')
            line++;
        while (line[len] && line[len] != ' ' && line[len] != '\n')
            len++;
        if (len == 0)
            break;
        snprintf(w[n++], sizeof w[0], "%.*s", (int)len, line);
        line += len;
    }
    return n;
}

/* The line of text that starts with prefix, just after it; NULL. */
static const char *line_after(const char *text, const char *prefix)
{
    size_t len = strlen(prefix);
    const char *s = text;
    while (s && *s) {
        if (strncmp(s, prefix, len) == 0)
            return s + len;
        s = strchr(s, '\n');
        s = s ? s + 1 : NULL;
    }
    return NULL;
}

int counted_parse_totals(const char *text, double *per, unsigned *seen)
{
    char names[32][16], vals[32][16];
    const char *ev = line_after(text, "events:"), *tot = line_after(text, "summary:");
    size_t ne, nv, i, e;

    if (!tot)
        tot = line_after(text, "totals:");
    if (!ev || !tot)
        return -1;
    ne = words(ev, names, 32);
    nv = words(tot, vals, 32);
    for (i = 0; i < ne; i++) {
        for (e = 0; e < RESULT_NEVENTS; e++)
            if (strcmp(names[i], cg_events[e]) == 0)
                break;
        if (e == RESULT_NEVENTS)
            continue;
        per[e] = i < nv ? strtod(vals[i], NULL) : 0; /* trailing zeros may be left out */
        *seen |= 1u << e;
    }
    return ne > 0 ? 0 : -1;
}

/* ------------------------------------------------------------- parent --- */

/* One group's cases at their sizes, in one valgrind process (another
 * after a crash, from the slot after it). */
typedef struct batch {
    size_t g;
    size_t *cs, *ns; /* slot i: case cs[i] at size ns[i] */
    size_t nslots;
    size_t next;     /* the first slot the next process starts at */
    pid_t pid;       /* running; 0: not */
    unsigned spawns; /* processes started, which names their files */
    off_t status_size;
    double since; /* when the status file last grew (or the start) */
    int timed_out, stopped, done;
} batch;

typedef struct counter {
    const counted_config *cfg;
    results *r;
    char dir[200];
    batch *b;
    size_t nb;
    size_t done, total; /* points */
    char *err;
    size_t errsz;
    int fatal;
} counter;

static void file_name(char *buf, size_t size, const counter *k, const batch *b, const char *what)
{
    snprintf(buf, size, "%s/g%zu.%u%s", k->dir, b->g, b->spawns, what);
}

static int spawn(counter *k, batch *b)
{
    const counted_config *cfg = k->cfg;
    size_t nargs = 16 + 2 * (b->nslots - b->next), a = 0, i;
    char **argv = calloc(nargs, sizeof *argv);
    char out[300], log[300], status[300], sout[300], callsbuf[16];
    char opt_out[340], opt_log[340];
    char(*sizes)[24] = calloc(b->nslots, sizeof *sizes);
    int fd;
    pid_t pid;

    b->spawns++;
    if (!argv || !sizes) {
        free(argv);
        free(sizes);
        return -1;
    }
    file_name(out, sizeof out, k, b, ".cg");
    file_name(log, sizeof log, k, b, ".log");
    file_name(status, sizeof status, k, b, ".status");
    file_name(sout, sizeof sout, k, b, ".out");
    snprintf(opt_out, sizeof opt_out, "--callgrind-out-file=%s", out);
    snprintf(opt_log, sizeof opt_log, "--log-file=%s", log);
    snprintf(callsbuf, sizeof callsbuf, "%u", cfg->calls);
    argv[a++] = (char *)cfg->valgrind;
    argv[a++] = "--tool=callgrind";
    argv[a++] = opt_out;
    argv[a++] = opt_log;
    argv[a++] = "--collect-atstart=no";
    argv[a++] = "--toggle-collect=" COUNTED_FN;
    argv[a++] = "--dump-after=" COUNTED_FN;
    if (cfg->cache_sim) {
        argv[a++] = "--cache-sim=yes";
        argv[a++] = "--branch-sim=yes";
    }
    argv[a++] = (char *)cfg->exe;
    argv[a++] = COUNTED_CHILD_ARG;
    argv[a++] = status;
    argv[a++] = callsbuf;
    for (i = b->next; i < b->nslots; i++) {
        argv[a++] = (char *)k->r->cases[b->cs[i]].name;
        snprintf(sizes[i], sizeof sizes[i], "%zu", b->ns[i]);
        argv[a++] = sizes[i];
    }
    argv[a] = NULL;
    pid = fork();
    if (pid == 0) {
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if ((fd = open(sout, O_WRONLY | O_CREAT | O_TRUNC, 0600)) >= 0) {
            dup2(fd, STDOUT_FILENO);
            dup2(fd, STDERR_FILENO);
            close(fd);
        }
        execv(cfg->valgrind, argv);
        _exit(127);
    }
    free(argv);
    free(sizes);
    if (pid < 0)
        return -1;
    b->pid = pid;
    b->status_size = 0;
    b->since = clock_now_s();
    b->timed_out = 0;
    return 0;
}

/* The whole of a small file, NUL-terminated (malloc'd), or NULL. */
static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, n = 0;

    if (!f)
        return NULL;
    for (;;) {
        char *nb;
        size_t got;
        if (n + 4096 + 1 > cap) {
            cap = (n + 4096 + 1) * 2;
            if (!(nb = realloc(buf, cap))) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = nb;
        }
        got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0)
            break;
    }
    fclose(f);
    buf[n] = 0;
    return buf;
}

/* The counts of dump number part of b's current process into per[]. */
static int read_dump(const counter *k, const batch *b, unsigned part, double *per)
{
    char path[320], base[300];
    char *text;
    unsigned seen = 0;
    int rc;

    file_name(base, sizeof base, k, b, ".cg");
    snprintf(path, sizeof path, "%s.%u", base, part);
    if (!(text = slurp(path)))
        return -1;
    rc = counted_parse_totals(text, per, &seen);
    free(text);
    return rc == 0 && (seen & 1u) ? 0 : -1;
}

/* Slot i's dumps, from part first on (the empty call's, the warm call's,
 * then one per counted call), into its point. */
static void take_counts(counter *k, const batch *b, size_t i, unsigned first)
{
    result_case *c = &k->r->cases[b->cs[i]];
    result_point *p = result_point_at(c, b->ns[i]);
    double empty[RESULT_NEVENTS] = {0}, call[RESULT_NEVENTS], sum[RESULT_NEVENTS] = {0};
    unsigned j, e;

    if (read_dump(k, b, first, empty) != 0) {
        result_fail(c, p, BENCH_EIO,
                    "no Callgrind dump: is the program stripped? (" COUNTED_FN
                    " must be in its symbol table)");
        return;
    }
    for (j = 1; j <= k->cfg->calls; j++) {
        double ir;
        memset(call, 0, sizeof call);
        if (read_dump(k, b, first + 1 + j, call) != 0) {
            result_fail(c, p, BENCH_EIO, "a Callgrind dump is missing or unreadable");
            return;
        }
        ir = call[RESULT_IR] - empty[RESULT_IR];
        if (j == 1 || ir < p->counts.ir_min)
            p->counts.ir_min = ir;
        if (j == 1 || ir > p->counts.ir_max)
            p->counts.ir_max = ir;
        sum[RESULT_IR] += ir;
        for (e = 1; e < RESULT_NEVENTS; e++)
            sum[e] += call[e]; /* the empty call's misses are its own (cold) */
    }
    p->counts.calls = k->cfg->calls;
    for (e = 0; e < RESULT_NEVENTS; e++)
        p->counts.per_call[e] = sum[e] / k->cfg->calls;
    p->status = BENCH_OK;
}

static void interrupted(counter *k, batch *b);

/* How a process that did not finish ended, for the slot it was in. */
static void ended_how(char *why, size_t size, const counter *k, const batch *b, int wstatus)
{
    if (b->timed_out)
        snprintf(why, size, "timed out after %g s under valgrind (--timeout)", k->cfg->timeout);
    else if (WIFSIGNALED(wstatus))
        snprintf(why, size, "crashed under valgrind (%s)",
                 signals_name(WTERMSIG(wstatus)) ? signals_name(WTERMSIG(wstatus)) : "a signal");
    else if (WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 127)
        snprintf(why, size, "valgrind could not be started");
    else
        snprintf(why, size, "called exit(%d) under valgrind",
                 WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1);
}

/* Valgrind's own explanation of a crash ("Process terminating with default
 * action of signal 11 (SIGSEGV)"), when its log has one. */
static void crash_detail(char *why, size_t size, const counter *k, const batch *b)
{
    char path[300], *text, *s, *end;
    file_name(path, sizeof path, k, b, ".log");
    if (!(text = slurp(path)))
        return;
    if ((s = strstr(text, "Process terminating with default action of signal ")) != NULL) {
        s += strlen("Process terminating with default action of ");
        if ((end = strchr(s, '\n')) != NULL)
            *end = 0;
        snprintf(why, size, "crashed under valgrind (%s)", s);
    }
    free(text);
}

/* The first line of valgrind's log, for an error when the program never
 * ran under it. */
static void valgrind_error(counter *k, const batch *b, int wstatus)
{
    char path[300], *text, *s, *nl;
    file_name(path, sizeof path, k, b, ".out");
    text = slurp(path);
    s = text;
    while (s && *s == '=') { /* "==123== " prefixes */
        nl = strchr(s, ' ');
        s = nl ? nl + 1 : s + strlen(s);
    }
    if (s && (nl = strchr(s, '\n')) != NULL)
        *nl = 0;
    error_set(
        k->err, k->errsz, BENCH_EIO, "valgrind (%s) did not run the program: %s", k->cfg->valgrind,
        s && *s ? s
                : (WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 127 ? "it could not be executed"
                                                                     : "no output"));
    free(text);
    k->fatal = 1;
}

/* A process of b has ended: its slots' counts, the one it ended in failed,
 * and where the next process starts (b->done when none is needed). */
static void reap(counter *k, batch *b, int wstatus)
{
    char path[300], *status, *line, why[160];
    size_t base = b->next, cur = (size_t)-1;
    unsigned part = 1;
    int ready = 0, all = 0;

    b->pid = 0;
    file_name(path, sizeof path, k, b, ".status");
    status = slurp(path);
    for (line = status; line && *line;) {
        char kind = line[0];
        size_t idx = (size_t)strtoull(line + 1, NULL, 10) + base;
        if (kind == 'R')
            ready = 1;
        else if (kind == 'D')
            all = 1;
        else if (idx < b->nslots) {
            result_case *c = &k->r->cases[b->cs[idx]];
            result_point *p = result_point_at(c, b->ns[idx]);
            if (kind == 'B')
                cur = idx;
            else if (kind == 'S') {
                result_fail(c, p, BENCH_ESETUP, "setup failed (size too large to allocate?)");
                cur = (size_t)-1;
                k->done++;
            } else if (kind == 'C') {
                take_counts(k, b, idx, part);
                part += 2 + k->cfg->calls;
            } else if (kind == 'E') {
                cur = (size_t)-1;
                k->done++;
            }
        }
        line = strchr(line, '\n');
        line = line ? line + 1 : NULL;
    }
    free(status);
    if (!ready) {
        valgrind_error(k, b, wstatus);
        b->done = 1;
        return;
    }
    if (all && !b->timed_out) {
        b->done = 1;
        return;
    }
    if (cur == (size_t)-1) /* between slots: blame the next one */
        for (cur = base; cur < b->nslots; cur++) {
            const result_point *p = result_point_at(&k->r->cases[b->cs[cur]], b->ns[cur]);
            if (p->status == BENCH_ENOENT)
                break;
        }
    if (cur >= b->nslots) {
        b->done = 1;
        return;
    }
    if (b->stopped || (k->cfg->stop && *k->cfg->stop)) {
        /* killed on a signal (the terminal sends Ctrl-C to valgrind too):
         * what was left is not measured */
        b->next = cur;
        interrupted(k, b);
        return;
    }
    ended_how(why, sizeof why, k, b, wstatus);
    if (!b->timed_out && WIFSIGNALED(wstatus))
        crash_detail(why, sizeof why, k, b);
    {
        result_case *c = &k->r->cases[b->cs[cur]];
        result_fail(c, result_point_at(c, b->ns[cur]), BENCH_ECRASH, why);
    }
    k->done++;
    b->next = cur + 1;
    b->done = b->next >= b->nslots;
}

/* The status file grew: the process is making progress. */
static void watch(counter *k, batch *b, double now)
{
    char path[300];
    struct stat st;
    file_name(path, sizeof path, k, b, ".status");
    if (stat(path, &st) == 0 && st.st_size != b->status_size) {
        b->status_size = st.st_size;
        b->since = now;
    } else if (now - b->since > k->cfg->timeout && !b->timed_out) {
        b->timed_out = 1;
        kill(b->pid, SIGKILL);
    }
}

/* Everything in the temporary directory, then the directory. */
static void remove_dir(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char path[600];
    if (d) {
        while ((e = readdir(d)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            unlink(path);
        }
        closedir(d);
    }
    rmdir(dir);
}

static int make_batches(counter *k)
{
    results *r = k->r;
    size_t g, i, s;

    if (!(k->b = calloc(r->ngroups ? r->ngroups : 1, sizeof *k->b)))
        return -1;
    k->nb = r->ngroups;
    for (g = 0; g < r->ngroups; g++) {
        batch *b = &k->b[g];
        size_t cap = (r->groups[g].end - r->groups[g].first) * BENCH_MAX_SIZES;
        b->g = g;
        b->cs = calloc(cap ? cap : 1, sizeof *b->cs);
        b->ns = calloc(cap ? cap : 1, sizeof *b->ns);
        if (!b->cs || !b->ns)
            return -1;
        for (i = r->groups[g].first; i < r->groups[g].end; i++)
            for (s = 0; s < r->cases[i].npoints; s++) {
                b->cs[b->nslots] = i;
                b->ns[b->nslots++] = r->cases[i].pts[s].n;
                k->total++;
            }
    }
    return 0;
}

static void free_batches(counter *k)
{
    size_t g;
    for (g = 0; k->b && g < k->nb; g++) {
        free(k->b[g].cs);
        free(k->b[g].ns);
    }
    free(k->b);
}

/* The points a stop left unmeasured. */
static void interrupted(counter *k, batch *b)
{
    size_t i;
    for (i = b->next; i < b->nslots; i++) {
        result_case *c = &k->r->cases[b->cs[i]];
        result_point *p = result_point_at(c, b->ns[i]);
        if (p->status == BENCH_ENOENT)
            result_fail(c, p, BENCH_EINTR, "not measured: interrupted");
    }
    b->done = 1;
    k->r->incomplete = 1;
}

static void progress(counter *k, const batch *b)
{
    run_progress at;
    if (!k->cfg->progress)
        return;
    memset(&at, 0, sizeof at);
    at.group = k->r->groups[b->g].name;
    at.done = k->done;
    at.total = k->total;
    k->cfg->progress(k->cfg->progress_ctx, &at);
}

/* Start processes while there is room, reap those that ended, and show
 * each group as soon as it and those before it are done. */
static void drive(counter *k)
{
    const counted_config *cfg = k->cfg;
    size_t g, emitted = 0, running = 0;
    double last_tick = 0;
    struct timespec nap = {0, 10 * 1000 * 1000};

    while (emitted < k->nb) {
        double now = clock_now_s();
        int stop = cfg->stop && *cfg->stop;
        for (g = 0; g < k->nb && !k->fatal; g++) {
            batch *b = &k->b[g];
            int ws;
            if (b->done)
                continue;
            if (b->pid) {
                if (waitpid(b->pid, &ws, WNOHANG) == b->pid) {
                    running--;
                    reap(k, b, ws);
                    if (stop && !b->done)
                        interrupted(k, b);
                } else if (stop && !b->stopped) {
                    b->stopped = 1;
                    kill(b->pid, SIGKILL);
                } else {
                    watch(k, b, now);
                }
            } else if (stop) {
                interrupted(k, b);
            } else if (running < cfg->jobs) {
                if (b->nslots == 0 || spawn(k, b) != 0) {
                    if (b->nslots)
                        interrupted(k, b);
                    b->done = 1;
                    continue;
                }
                running++;
                progress(k, b);
                last_tick = now;
            }
        }
        if (k->fatal) {
            for (g = 0; g < k->nb; g++)
                if (k->b[g].pid) {
                    kill(k->b[g].pid, SIGKILL);
                    waitpid(k->b[g].pid, NULL, 0);
                    k->b[g].pid = 0;
                }
            return;
        }
        while (emitted < k->nb && k->b[emitted].done) {
            counted_derive(k->r, emitted);
            if (cfg->progress) { /* the points before this group's */
                run_progress at;
                memset(&at, 0, sizeof at);
                at.group = k->r->groups[emitted].name;
                at.total = k->total;
                for (g = 0; g < emitted; g++)
                    at.done += k->b[g].nslots;
                cfg->progress(cfg->progress_ctx, &at);
            }
            if (cfg->group_done)
                cfg->group_done(cfg->progress_ctx, k->r, emitted);
            emitted++;
        }
        if (emitted < k->nb && now - last_tick > 0.25) {
            for (g = emitted; g < k->nb && !k->b[g].pid; g++)
                ;
            progress(k, &k->b[g < k->nb ? g : emitted]);
            last_tick = now;
        }
        if (emitted < k->nb)
            nanosleep(&nap, NULL);
    }
}

int counted_run(const counted_config *cfg, const bench_case *const *sel, size_t nsel,
                const result_context *ctx, results *out, char *err, size_t errsz)
{
    counter k;
    const char *tmp = getenv("TMPDIR");
    int rc;

    memset(&k, 0, sizeof k);
    k.cfg = cfg;
    k.r = out;
    k.err = err;
    k.errsz = errsz;
    if ((rc = result_build(out, sel, nsel, cfg->sizes, cfg->nsizes)) != BENCH_OK)
        return rc;
    out->ctx = *ctx;
    out->counted = 1u << RESULT_IR;
    if (cfg->cache_sim)
        out->counted = (1u << RESULT_NEVENTS) - 1;
    snprintf(k.dir, sizeof k.dir, "%s/bench-counted-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(k.dir)) {
        error_set(err, errsz, BENCH_EIO, "cannot make a temporary directory in %s: %s",
                  tmp && *tmp ? tmp : "/tmp", strerror(errno));
        result_free(out);
        return BENCH_EIO;
    }
    if (make_batches(&k) != 0) {
        free_batches(&k);
        remove_dir(k.dir);
        result_free(out);
        return BENCH_ENOMEM;
    }
    drive(&k);
    free_batches(&k);
    remove_dir(k.dir);
    if (k.fatal) {
        result_free(out);
        return BENCH_EIO;
    }
    return BENCH_OK;
}

/* -------------------------------------------------------- derived --- */

void counted_derive(results *r, size_t g)
{
    size_t i, s;

    for (i = r->groups[g].first; i < r->groups[g].end; i++) {
        result_case *c = &r->cases[i];
        double n[BENCH_MAX_SIZES], t[BENCH_MAX_SIZES];
        size_t k = 0, ok = 0;

        for (s = 0; s < c->npoints; s++) {
            result_point *p = &c->pts[s];
            const result_point *bp;
            double mine = p->counts.per_call[RESULT_IR];
            if (p->status != BENCH_OK)
                continue;
            ok++;
            if (mine > 0) {
                n[k] = (double)p->n;
                t[k++] = mine;
            }
            bp = c->base >= 0 ? result_point_at(&r->cases[c->base], p->n) : NULL;
            if (bp && bp->status == BENCH_OK && bp->counts.per_call[RESULT_IR] > 0 && mine > 0) {
                double x = bp->counts.per_call[RESULT_IR] / mine;
                memset(&p->ratio, 0, sizeof p->ratio);
                p->ratio.n = 1;
                p->ratio.min = p->ratio.max = p->ratio.mean = p->ratio.median = x;
                p->ratio.ci_lo = p->ratio.ci_hi = x;
                p->has_ratio = 1;
            }
        }
        c->has_fit = c->fit_floor = 0;
        if (k == ok && k >= 2 && bench_fit(n, t, NULL, NULL, k, &c->fit) == BENCH_OK)
            c->has_fit = 1;
    }
}
