/*
 * snippet.c - bench timeit's code compiled and loaded (snippet.h).
 */
#define _GNU_SOURCE /* ppoll, pipe2, memmem */
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "array.h"
#include "bench.h"
#include "ccode.h"
#include "error.h"
#include "snippet.h"

#define MAX_OUTPUT (1u << 20) /* compiler messages kept */
#define GLUE       "<bench timeit>"

char snippet_me[128] = "bench timeit";

int snippet_fail(const char *fmt, ...)
{
    char msg[1024], line[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    fprintf(stderr, "%s: error: %s\n", snippet_me, error_escape(line, sizeof line, msg));
    return 2;
}

/* The glue's lines are named for what they are, numbered as in the
 * file: the directive is on line t->line + 1, so the next is + 2. */
static void resync(ccode_text *t)
{
    ccode_putf(t, "#line %u \"" GLUE "\"\n", t->line + 2);
}

/* Back to the glue's own lines after a user's part. */
static void glue(ccode_text *t)
{
    ccode_put(t, "\n");
    resync(t);
}

/* The tokens that end a user's part (";", ");"), still under its name:
 * what they show wrong, an expression left open, is the user's line's
 * error, not the glue's. On its last line, so the column is where the
 * code stops, unless that line could swallow them (a // comment, a
 * directive, a backslash); then on a line of its own after it. */
static void close_part(ccode_text *t, const char *code, const char *closer)
{
    const char *last = strrchr(code, '\n'), *p;
    size_t len;

    last = last ? last + 1 : code;
    len = strlen(last);
    for (p = last; *p == ' ' || *p == '\t'; p++)
        ;
    if (*p == '#' || strstr(last, "//") || (len > 0 && last[len - 1] == '\\'))
        ccode_put(t, "\n");
    else if (len > 0)
        ccode_put(t, " ");
    ccode_put(t, closer);
    glue(t);
}

/* A user's part, its lines numbered from 1 under its own name, and the
 * tokens that close it. */
static void part(ccode_text *t, const char *name, const char *code, const char *closer)
{
    ccode_putf(t, "#line 1 \"%s\"\n", name);
    ccode_put(t, code);
    close_part(t, code, closer);
}

/* --------------------------------------------------------------- source */

/* The directory holding this program's bench.h, else NULL: the include/
 * beside the bin/ it runs from (an installed prefix, or the build tree,
 * whose build/bench sits beside include/). */
static const char *bench_h_dir(char *buf, size_t size)
{
    char exe[PATH_MAX], path[PATH_MAX + 32];
    ssize_t n;
    char *slash;

#ifdef BENCH_TIMEIT_INCLUDEDIR
    snprintf(path, sizeof path, "%s/bench.h", BENCH_TIMEIT_INCLUDEDIR);
    if (access(path, R_OK) == 0) {
        snprintf(buf, size, "%s", BENCH_TIMEIT_INCLUDEDIR);
        return buf;
    }
#endif
    n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return NULL;
    exe[n] = 0;
    if (!(slash = strrchr(exe, '/')))
        return NULL;
    *slash = 0;
    snprintf(path, sizeof path, "%s/../include/bench.h", exe);
    if (access(path, R_OK) != 0)
        return NULL;
    if ((size_t)snprintf(buf, size, "%s/../include", exe) >= size)
        return NULL;
    return buf;
}

/* --items / --bytes: a function of N, bench_timeit_items or _bytes. */
static void throughput(ccode_text *t, const char *what, const char *expr)
{
    char name[16];
    if (!expr)
        return;
    snprintf(name, sizeof name, "<%s>", what);
    ccode_putf(
        t, "BENCH_TIMEIT_EXPORT double bench_timeit_%s(size_t N)\n{\n(void)N;\nreturn (double)(\n",
        what);
    part(t, name, expr, ");");
    ccode_put(t, "}\n");
}

/* The whole source, from the spec and SETUP's variables. */
static void generate(ccode_text *t, const snippet_code *sp, const ccode_names *vars,
                     int have_bench_h, ccode_shifts *sh)
{
    static const char *const std_headers[] = {"stddef.h", "stdint.h", "stdio.h", "stdlib.h",
                                              "string.h", "math.h",   NULL};
    size_t i, k;

    ccode_put(t, "/* bench timeit: generated; every part under its own #line name */\n");
    for (i = 0; std_headers[i]; i++)
        ccode_putf(t, "#include <%s>\n", std_headers[i]);
    if (have_bench_h)
        ccode_put(t, "#include <bench.h>\n");
    for (i = 0; i < sp->nheaders; i++) {
        const char *h = sp->headers[i];
        if (h[0] == '<' || h[0] == '"')
            ccode_putf(t, "#include %s\n", h);
        else
            ccode_putf(t, "#include <%s>\n", h);
    }
    /* bench.h's two barriers, when its file is not at hand */
    ccode_put(t, "#ifndef bench_keep\n"
                 "#define bench_keep(x) do { __typeof__(x) bench_keep_v_ = (x); "
                 "__asm__ __volatile__(\"\" : : \"r,m\"(bench_keep_v_) : \"memory\"); } while (0)\n"
                 "#endif\n"
                 "#ifndef bench_clobber\n"
                 "#define bench_clobber() __asm__ __volatile__(\"\" : : : \"memory\")\n"
                 "#endif\n"
                 "#define BENCH_TIMEIT_EXPORT __attribute__((visibility(\"default\"), used))\n");
    resync(t);
    if (sp->global.len)
        part(t, "<global>", sp->global.s, "");

    /* SETUP runs here, on its thread; its variables are published, the
     * thread parks until teardown, then TEARDOWN runs in the same scope. */
    ccode_put(t, "BENCH_TIMEIT_EXPORT void bench_timeit_frame(size_t N, void **bench_timeit_v,\n"
                 "    void (*bench_timeit_park)(void *), void *bench_timeit_ctx)\n{\n"
                 "(void)N; (void)bench_timeit_v;\n");
    part(t, "<setup>", sp->setup.len ? sp->setup.s : "", ";");
    for (k = 0; k < vars->n; k++)
        ccode_putf(t, "bench_timeit_v[%zu] = (void *)&%s;\n", k + 1, vars->v[k]);
    ccode_put(t, "bench_timeit_park(bench_timeit_ctx);\n");
    part(t, "<teardown>", sp->teardown.len ? sp->teardown.s : "", ";");
    ccode_put(t, "}\n");

    /* A function of its own for each STMT, the harness's run: the types of
     * SETUP's variables come from a copy of SETUP that is never run. */
    for (i = 0; i < sp->nstmts; i++) {
        char name[32];
        snprintf(name, sizeof name, "<stmt %zu>", i + 1);
        ccode_putf(t,
                   "BENCH_TIMEIT_EXPORT void bench_timeit_stmt_%zu(void *bench_timeit_s)\n{\n"
                   "void *const *bench_timeit_v = bench_timeit_s;\n"
                   "size_t N = *(const size_t *)bench_timeit_v[0];\n",
                   i + 1);
        if (vars->n) {
            ccode_put(t, "__typeof__(__extension__({\n");
            part(t, "<setup>", sp->setup.s, ";");
            ccode_put(t, "struct {\n");
            for (k = 0; k < vars->n; k++)
                ccode_putf(t, "__typeof__(&%s) %s;\n", vars->v[k], vars->v[k]);
            ccode_put(t, "} bench_timeit_t;\nbench_timeit_t; })) bench_timeit_p;\n");
            for (k = 0; k < vars->n; k++)
                ccode_putf(t, "bench_timeit_p.%s = bench_timeit_v[%zu];\n", vars->v[k], k + 1);
        }
        ccode_put(t, "(void)N;\n{\n");
        ccode_putf(t, "#line 1 \"%s\"\n", name);
        ccode_rewrite(t, i + 1, sp->stmts[i], vars, sh);
        close_part(t, sp->stmts[i], ";");
        ccode_put(t, "}\n}\n");
    }
    throughput(t, "items", sp->items);
    throughput(t, "bytes", sp->bytes);
}

/* ------------------------------------------------------------- compiling */

/* The signals that end bench, held off while the directory exists. */
static const int ending[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
#define NENDING (sizeof ending / sizeof ending[0])
static volatile sig_atomic_t caught;
static volatile int stop_flag; /* bench_profile_options.stop under --profile */
static void (*volatile on_second)(int sig); /* set while a profile runs the code */

/* The first signal asks the profile to stop after its batch of calls. A
 * second one, while the code runs in this process, ends bench at once: a
 * statement that never returns would otherwise never see the first. */
static void on_ending(int sig)
{
    if (caught && on_second)
        on_second(sig);
    caught = sig;
    stop_flag = 1;
}

typedef struct guard {
    struct sigaction old[NENDING];
    sigset_t mask; /* the mask before: in effect while waiting for the compiler */
} guard;

/* Catch the four (those not ignored) and block them. */
static void guard_on(guard *g)
{
    struct sigaction sa;
    sigset_t block;
    size_t i;

    caught = 0;
    stop_flag = 0;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_ending;
    sigemptyset(&sa.sa_mask);
    sigemptyset(&block);
    for (i = 0; i < NENDING; i++) {
        sigaction(ending[i], NULL, &g->old[i]);
        if (g->old[i].sa_handler != SIG_IGN)
            sigaction(ending[i], &sa, NULL);
        sigaddset(&block, ending[i]);
    }
    sigprocmask(SIG_BLOCK, &block, &g->mask);
}

/* Put the dispositions back, then the mask: a signal still pending is
 * delivered now, as it would have been. One caught while waiting is
 * raised again. Returns nonzero when one was. */
static int guard_off(guard *g)
{
    size_t i;
    int sig = caught;
    for (i = 0; i < NENDING; i++)
        sigaction(ending[i], &g->old[i], NULL);
    sigprocmask(SIG_SETMASK, &g->mask, NULL);
    if (sig)
        raise(sig);
    return sig;
}

/* The temporary directory and what goes in it. */
typedef struct workdir {
    char dir[PATH_MAX], src[PATH_MAX + 16], obj[PATH_MAX + 16];
    int made;
} workdir;

static int workdir_make(workdir *w)
{
    const char *tmp = getenv("TMPDIR");
    if (!tmp || !*tmp)
        tmp = "/tmp";
    snprintf(w->dir, sizeof w->dir, "%s/bench-timeit-XXXXXX", tmp);
    if (!mkdtemp(w->dir))
        return snippet_fail("cannot create a temporary directory in %s: %s", tmp, strerror(errno));
    w->made = 1;
    snprintf(w->src, sizeof w->src, "%s/snippet.c", w->dir);
    snprintf(w->obj, sizeof w->obj, "%s/snippet.so", w->dir);
    return 0;
}

/* The directory and whatever is in it (a compiler stopped half-way may
 * have left a file of its own). */
static void workdir_remove(workdir *w)
{
    int tries;
    if (!w->made)
        return;
    for (tries = 0; tries < 50; tries++) {
        DIR *d = opendir(w->dir);
        struct dirent *e;
        if (d) {
            while ((e = readdir(d)) != NULL) {
                char path[PATH_MAX + 300];
                if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                    continue;
                snprintf(path, sizeof path, "%s/%s", w->dir, e->d_name);
                unlink(path);
            }
            closedir(d);
        }
        if (rmdir(w->dir) == 0 || errno == ENOENT)
            break;
        poll(NULL, 0, 20); /* something still writing: a moment */
    }
    w->made = 0;
}

/* argv of the compiler: $CC's words, the flags, the libraries. */
typedef struct command_line {
    char **argv;
    size_t n, cap;
    ccode_text words; /* $CC and --cflags, split in place */
    int oom;
} command_line;

static void arg(command_line *c, char *a)
{
    char **p = array_grow(c->argv, &c->cap, c->n + 2, sizeof *c->argv);
    if (!p) {
        c->oom = 1;
        return;
    }
    c->argv = p;
    c->argv[c->n++] = a;
    c->argv[c->n] = NULL;
}

/* Each blank-separated word of s (which is changed). */
static void split(command_line *c, char *s)
{
    char *save = NULL, *w;
    for (w = strtok_r(s, " \t\n\r\f\v", &save); w; w = strtok_r(NULL, " \t\n\r\f\v", &save))
        arg(c, w);
}

static int build_command(command_line *c, const snippet_code *sp, const workdir *w,
                         const char *incdir, ccode_text *owned)
{
    const char *cc = getenv("CC");
    size_t i, cc_at, flags_at, lib_at;

    memset(c, 0, sizeof *c);
    if (!cc || !*cc)
        cc = "cc";
    /* One buffer for every string the argv points into, so it never moves
     * under them: $CC, the --cflags, "-lLIB"s, each NUL-separated. */
    cc_at = owned->len;
    ccode_put(owned, cc);
    ccode_put_n(owned, "", 1);
    flags_at = owned->len;
    ccode_put(owned, sp->cflags.len ? sp->cflags.s : "");
    ccode_put_n(owned, "", 1);
    lib_at = owned->len;
    for (i = 0; i < sp->nlibs; i++) {
        ccode_put(owned, strchr(sp->libs[i], '/') ? "" : "-l");
        ccode_put(owned, sp->libs[i]);
        ccode_put_n(owned, "", 1);
    }
    if (owned->oom)
        return snippet_fail("out of memory");
    split(c, owned->s + cc_at);
    if (c->n == 0)
        return snippet_fail("$CC is blank (expected a C compiler like cc or gcc)");
    arg(c, "-O2");
    arg(c, "-fPIC");
    arg(c, "-shared");
    for (i = 0; i < sp->nincdirs; i++) {
        arg(c, "-I");
        arg(c, (char *)sp->incdirs[i]);
    }
    if (incdir) {
        arg(c, "-I");
        arg(c, (char *)incdir);
    }
    split(c, owned->s + flags_at);
    arg(c, "-o");
    arg(c, (char *)w->obj);
    arg(c, (char *)w->src);
    for (i = 0; i < sp->nlibs; i++) {
        arg(c, owned->s + lib_at);
        lib_at += strlen(owned->s + lib_at) + 1;
    }
    arg(c, "-lm");
    return c->oom ? snippet_fail("out of memory") : 0;
}

/* Stop the compiler's process group: SIGTERM (gcc then removes its own
 * temporary files), SIGKILL after two seconds. */
static void stop_compiler(pid_t pid)
{
    int i, st;
    kill(-pid, SIGTERM);
    for (i = 0; i < 100; i++) {
        if (waitpid(pid, &st, WNOHANG) == pid)
            break;
        poll(NULL, 0, 20);
    }
    kill(-pid, SIGKILL);
    if (i == 100)
        waitpid(pid, &st, 0);
}

/* Run the compiler, its stdout and stderr into *out. Returns 0 with its
 * wait status in *status; 2 when it could not run (said); -1 when a
 * signal came (the compiler is stopped). */
static int run_compiler(char *const *argv, const guard *g, ccode_text *out, int *status)
{
    int pipefd[2], errfd[2], err = 0;
    pid_t pid;
    ssize_t n;
    char buf[4096];

    if (pipe(pipefd) != 0 || pipe2(errfd, O_CLOEXEC) != 0)
        return snippet_fail("cannot run the C compiler: pipe: %s", strerror(errno));
    fflush(NULL);
    if ((pid = fork()) < 0) {
        err = errno;
        close(pipefd[0]), close(pipefd[1]), close(errfd[0]), close(errfd[1]);
        return snippet_fail("cannot run the C compiler: fork: %s", strerror(err));
    }
    if (pid == 0) {
        int devnull = open("/dev/null", O_RDONLY);
        setpgid(0, 0);
        sigprocmask(SIG_SETMASK, &g->mask, NULL);
        if (devnull >= 0)
            dup2(devnull, STDIN_FILENO);
        dup2(pipefd[1], STDOUT_FILENO);
        dup2(pipefd[1], STDERR_FILENO);
        close(pipefd[0]);
        close(pipefd[1]);
        close(errfd[0]);
        execvp(argv[0], argv);
        err = errno;
        (void)!write(errfd[1], &err, sizeof err);
        _exit(127);
    }
    setpgid(pid, pid); /* either side may win the race; both ask the same */
    close(pipefd[1]);
    close(errfd[1]);
    for (;;) {
        struct pollfd p = {pipefd[0], POLLIN, 0};
        int r = ppoll(&p, 1, NULL, &g->mask); /* the only time the signals get through */
        if (r < 0 && errno == EINTR) {
            if (caught)
                break;
            continue;
        }
        if (r < 0 || (n = read(pipefd[0], buf, sizeof buf)) <= 0)
            break;
        if (out->len < MAX_OUTPUT)
            ccode_put_n(out, buf, (size_t)n);
    }
    close(pipefd[0]);
    if (caught) {
        stop_compiler(pid);
        close(errfd[0]);
        return -1;
    }
    while (waitpid(pid, status, 0) < 0 && errno == EINTR)
        ;
    n = read(errfd[0], &err, sizeof err);
    close(errfd[0]);
    if (n == (ssize_t)sizeof err)
        return snippet_fail("cannot run the C compiler '%s' (from $CC, default cc): %s", argv[0],
                            strerror(err));
    return 0;
}

/* A line that starts a compiler message, "FILE:LINE:...". */
static int message_start(const char *p, size_t len)
{
    size_t i = 0, digits = 0;
    if (len == 0 || p[0] == ' ')
        return 0;
    while (i < len && p[i] != ':')
        i++;
    if (i == 0 || i == len)
        return 0;
    for (i++; i < len && p[i] >= '0' && p[i] <= '9'; i++)
        digits++;
    return digits > 0 && i < len && p[i] == ':';
}

/* A line about the generated code rather than the user's: "...: In
 * function 'bench_timeit_stmt_1':", "...: At top level:", clang's "3
 * errors generated." (which counts the repeats). */
static int noise(const char *p, size_t len)
{
    char line[512];
    snprintf(line, sizeof line, "%.*s", (int)len, p);
    return strstr(line, ": In function ") || strstr(line, ": At top level:") ||
           (p[0] >= '0' && p[0] <= '9' && strstr(line, " generated."));
}

/* Add the message block to all unless it was shown already. */
static void flush_block(ccode_text *all, ccode_text *block, char ***seen, size_t *nseen,
                        size_t *cap)
{
    size_t i;
    char **q;
    if (!block->s)
        return;
    for (i = 0; i < *nseen; i++)
        if (strcmp((*seen)[i], block->s) == 0)
            break;
    if (i == *nseen && (q = array_grow(*seen, cap, *nseen + 1, sizeof **seen)) != NULL) {
        *seen = q;
        ccode_put(all, block->s);
        (*seen)[(*nseen)++] = block->s;
    } else {
        free(block->s);
    }
    memset(block, 0, sizeof *block);
}

/* A line of a message, into block: the temporary source's path shown as
 * <bench timeit>, a column in a STMT as the user wrote it. */
static void message_line(ccode_text *block, const char *p, size_t len, const workdir *w,
                         const ccode_shifts *sh)
{
    const char *q = p, *e = p + len, *hit;
    size_t srclen = strlen(w->src);
    unsigned long stmt, line, col;
    int used = 0;

    if (sscanf(p, "<stmt %lu>:%lu:%lu:%n", &stmt, &line, &col, &used) == 3 && used > 0 &&
        (size_t)used <= len) {
        ccode_putf(block, "<stmt %lu>:%lu:%u:", stmt, line,
                   ccode_original_column(sh, stmt, (unsigned)line, (unsigned)col));
        q = p + used;
    }
    while ((hit = memmem(q, (size_t)(e - q), w->src, srclen)) != NULL) {
        ccode_put_n(block, q, (size_t)(hit - q));
        ccode_put(block, GLUE);
        q = hit + srclen;
    }
    ccode_put_n(block, q, (size_t)(e - q));
    ccode_put(block, "\n");
}

/* The compiler's output as the user should read it, on stderr: each line
 * as message_line() has it, the noise left out, and each message (its
 * line and those up to the next message) once, since SETUP is compiled
 * more than once. */
static void show_messages(const ccode_text *out, const workdir *w, const ccode_shifts *sh)
{
    char **seen = NULL;
    size_t nseen = 0, cap = 0, i;
    ccode_text all = {0}, block = {0};
    const char *p = out->s ? out->s : "";

    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        if (message_start(p, len))
            flush_block(&all, &block, &seen, &nseen, &cap);
        if (!noise(p, len))
            message_line(&block, p, len, w, sh);
        p = nl ? nl + 1 : p + len;
    }
    flush_block(&all, &block, &seen, &nseen, &cap);
    if (all.s)
        fputs(all.s, stderr);
    for (i = 0; i < nseen; i++)
        free(seen[i]);
    free(seen);
    free(all.s);
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ------------------------------------------------ the object kept alive */

/* Under --profile the shared object must stay on disk until the profile
 * has named its frames from the file's symbol table (elfsym.c), so the
 * directory outlives snippet_build. While it does, the signals that
 * end bench are caught (not blocked: they stop the profile at once, and
 * the directory is removed before the signal is raised again), a crash
 * of the snippet removes it from its handler, and exit() from atexit. */
static const int crash[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
#define NCRASH (sizeof crash / sizeof crash[0])

static struct {
    workdir w;
    guard g;
    struct sigaction old_crash[NCRASH];
    volatile sig_atomic_t on;
} kept;

static void kept_remove_now(void) /* async-signal-safe */
{
    unlink(kept.w.obj);
    unlink(kept.w.src);
    rmdir(kept.w.dir);
}

/* From a handler: the directory removed, one line (bench timeit's name,
 * then msg), and sig raised again with its default action, which ends
 * bench by it. Async-signal-safe. */
static void end_by(int sig, const char *msg, size_t len)
{
    if (kept.on) {
        kept.on = 0;
        kept_remove_now();
        (void)!write(STDERR_FILENO, snippet_me, strlen(snippet_me));
        (void)!write(STDERR_FILENO, msg, len);
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

static void on_crash(int sig)
{
    static const char msg[] = ": error: the code crashed while profiled; no result written\n";
    end_by(sig, msg, sizeof msg - 1);
}

static void on_second_signal(int sig)
{
    static const char msg[] = ": stopped by a second signal while profiling; nothing written\n";
    end_by(sig, msg, sizeof msg - 1);
}

static void kept_at_exit(void)
{
    if (kept.on) {
        kept.on = 0;
        workdir_remove(&kept.w);
    }
}

/* Take over w (not removed) and the guard g (its handlers stay, the mask
 * goes back to what it was). */
static void keep_begin(const workdir *w, const guard *g)
{
    static int registered;
    struct sigaction sa;
    size_t i;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_crash;
    sigemptyset(&sa.sa_mask);
    kept.w = *w;
    kept.g = *g;
    unlink(kept.w.src); /* the source is not needed any more */
    for (i = 0; i < NCRASH; i++)
        sigaction(crash[i], &sa, &kept.old_crash[i]);
    if (!registered)
        registered = atexit(kept_at_exit) == 0;
    kept.on = 1;
    on_second = on_second_signal;
    sigprocmask(SIG_SETMASK, &kept.g.mask, NULL);
}

/* Remove the directory and put the signals back; a signal caught
 * meanwhile is raised again. Returns nonzero when one was. */
int snippet_keep_end(void)
{
    sigset_t block;
    size_t i;

    if (!kept.on)
        return 0;
    sigemptyset(&block);
    for (i = 0; i < NENDING; i++)
        sigaddset(&block, ending[i]);
    sigprocmask(SIG_BLOCK, &block, NULL);
    for (i = 0; i < NCRASH; i++)
        sigaction(crash[i], &kept.old_crash[i], NULL);
    kept.on = 0;
    on_second = NULL;
    workdir_remove(&kept.w);
    return guard_off(&kept.g);
}

/* Write source, compile, load, and remove the directory: every exit path
 * of this function leaves no directory, but for a success with keep,
 * when keep_begin has it (and snippet_keep_end will remove it). Returns 0, 1
 * (interrupted) or 2. */
int snippet_build(const snippet_code *sp, const ccode_names *vars, int verbose, void **handle,
                  int keep)
{
    char incbuf[PATH_MAX];
    const char *incdir = bench_h_dir(incbuf, sizeof incbuf);
    ccode_text src = {0}, out = {0}, owned = {0};
    ccode_shifts sh = {0};
    command_line cmd = {0};
    workdir w = {0};
    guard g;
    FILE *f;
    int rc, status = 0;
    double t0;

    generate(&src, sp, vars, incdir != NULL, &sh);
    if (src.oom)
        return snippet_fail("out of memory");
    guard_on(&g);
    if ((rc = workdir_make(&w)) != 0)
        goto done;
    if (!(f = fopen(w.src, "w")) || fputs(src.s, f) == EOF || fclose(f) != 0) {
        rc = snippet_fail("cannot write %s: %s", w.src, strerror(errno));
        goto done;
    }
    if ((rc = build_command(&cmd, sp, &w, incdir, &owned)) != 0)
        goto done;
    t0 = now_s();
    rc = run_compiler(cmd.argv, &g, &out, &status);
    if (rc == -1) {
        rc = 1;
        goto done;
    }
    if (rc != 0)
        goto done;
    show_messages(&out, &w, &sh);
    if (verbose) {
        size_t i;
        fprintf(stderr, "%s: compiled in %.2f s:", snippet_me, now_s() - t0);
        for (i = 0; i < cmd.n; i++)
            fprintf(stderr, " %s", cmd.argv[i]);
        fprintf(stderr, "\n%s: bench.h %s%s\n", snippet_me, incdir ? "from " : "",
                incdir ? incdir : "not found: bench_keep and bench_clobber defined inline");
    }
    if (WIFSIGNALED(status))
        rc = snippet_fail("the C compiler '%s' was killed by signal %d", cmd.argv[0],
                          WTERMSIG(status));
    else if (WEXITSTATUS(status) != 0)
        rc = snippet_fail(
            "the code did not compile ('%s' exited with status %d; its messages are above)",
            cmd.argv[0], WEXITSTATUS(status));
    else if (access(w.obj, F_OK) != 0)
        rc = snippet_fail("the C compiler '%s' exited with status 0 but wrote no shared object",
                          cmd.argv[0]);
    else if (!(*handle = dlopen(w.obj, RTLD_NOW | RTLD_LOCAL)))
        rc = snippet_fail("the compiled code cannot be loaded (a library missing? add -l LIB): %s",
                          dlerror());
done:
    free(cmd.argv);
    if (keep && rc == 0 && !caught) {
        keep_begin(&w, &g);
    } else {
        workdir_remove(&w);
        if (guard_off(&g) && rc == 0)
            rc = 1;
        if (caught) {
            snippet_fail("interrupted while compiling");
            rc = 1;
        }
    }
    free(src.s);
    free(out.s);
    free(owned.s);
    free(sh.v);
    return rc;
}

/* dlsym into a function pointer (ISO C has no cast between the two). */
int snippet_symbol(void *handle, const char *name, void *fnptr, size_t size)
{
    void *sym = dlsym(handle, name);
    if (!sym)
        return snippet_fail("the compiled code has no %s: %s", name, dlerror());
    memcpy(fnptr, &sym, size);
    return 0;
}

const volatile int *snippet_stop(void)
{
    return &stop_flag;
}
