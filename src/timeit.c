/*
 * timeit.c - `bench timeit [-s SETUP] [-t TEARDOWN] [-g GLOBAL] ... STMT
 * [STMT...]`: C code from the command line, compiled with $CC into a
 * shared object, loaded with dlopen, and measured as registered cases are,
 * by cli_run (the same isolation, interval, overhead correction, exponent
 * and formats). Python's `timeit -s SETUP STMT`, for C.
 *
 * The design, and why:
 *
 * 1. Each STMT is a case, "timeit/stmtK", whose run is a function of its
 *    own in the shared object, called once per operation through a
 *    pointer by the harness's timed loop: exactly what a registered case's
 *    run is, so the per-call overhead correction (the loop's cost with an
 *    empty function) holds as it does for any case, and the compiler
 *    cannot hoist STMT's work out of a loop it never sees. Statement 2 and
 *    later name "timeit/stmt1" as their baseline, so the harness pairs
 *    their samples round by round into the speedup.
 *
 * 2. SETUP's variables must outlive SETUP and be visible to STMT, which
 *    runs in another function; and since the harness sets up every
 *    statement at every size before it samples them interleaved, each
 *    (statement, size) needs SETUP's variables of its own. So SETUP runs,
 *    untouched, in a generated function, bench_timeit_frame(N, ...), on a
 *    thread of its own started by the case's setup: after SETUP it
 *    publishes the address of each variable SETUP declared at its top
 *    level and parks, its frame (and any pointer into it, any array on
 *    its stack) alive, until the case's teardown releases it to run
 *    TEARDOWN in the same scope and return. The thread does nothing while
 *    the statements are timed. (GNU nested functions would avoid the
 *    thread but need an executable stack and do not exist in clang;
 *    hoisting SETUP's declarations to file scope would need C parsed to
 *    split initializers from declarations, and would give one copy for
 *    all sizes.)
 *
 * 3. STMT reaches those variables through the published addresses. Their
 *    names come from a small scanner of C statements (declared names
 *    only: it never has to understand an initializer or an expression);
 *    their types from the compiler: the statement function holds a second,
 *    never-evaluated copy of SETUP inside __typeof__(({ ... })), whose
 *    value is a struct of pointers of type __typeof__(&name). STMT's
 *    tokens naming such a variable (not after '.', '->' or a struct tag)
 *    are rewritten to (*p.name). A variable the scanner missed is thus
 *    undeclared in STMT, a compile error, never a read of garbage. The
 *    cost per call is one load of each pointer used, as a registered
 *    case reads its state. Limits, said in the usage: types declared in
 *    SETUP are not visible to STMT (declare them with -g), nor are
 *    register variables; a STMT may not declare a name SETUP declares.
 *    A variable-length array in SETUP makes a struct member of
 *    variably modified type: clang refuses it; gcc takes it as an
 *    extension, but STMT's sizeof of it can give another size's (and,
 *    for a bound naming another of SETUP's variables, crash gcc 12).
 *    SETUP's arrays, like its other variables, live on the thread's
 *    FRAME_STACK.
 *
 * 4. The source names its parts with #line ("<global>", "<setup>",
 *    "<stmt 2>", "<teardown>"), so the compiler's messages point into the
 *    user's own lines; the glue is "<bench timeit>". SETUP's second copy
 *    would repeat its messages, so identical messages are shown once.
 *
 * 5. The compiler is $CC (default cc, split on blanks as make does) with
 *    -O2 -fPIC -shared, then --cflags (split on blanks), run by fork and
 *    execvp with an argv array, never a shell: a STMT is only ever C text.
 *    It runs in a process group of its own, its output read through a
 *    pipe.
 *
 * 6. The source and the object live in a mode-0700 directory from mkdtemp
 *    under $TMPDIR (else /tmp), and the directory is gone before anything
 *    is measured: a loaded object may be unlinked, so it is removed right
 *    after dlopen. Until then SIGINT, SIGTERM, SIGHUP and SIGQUIT are
 *    blocked except while waiting for the compiler; one that arrives stops
 *    the compiler's process group, removes the directory and is raised
 *    again with the disposition it had, so the exit status still says
 *    which signal ended bench. A crash or a hang of the snippet happens
 *    after that, in the isolated child, and is reported failed like any
 *    case's. Under --profile the object stays until the profile has read
 *    its symbol table, and the snippet runs in this process: snippet.c's
 *    keep_begin says how the directory is removed then, whatever ends
 *    bench.
 *
 * The parts: ccode.c reads C (the scanner of point 3, the rewriting of
 * STMT) and holds the growable text; snippet.c generates the source,
 * compiles, loads and removes (points 4 to 6); this file parses the
 * command line, runs SETUP's frames (point 2) and registers the cases.
 *
 * The loaded object stays loaded and the cases stay registered until the
 * process ends, as the registry holds them.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench.h"
#include "ccode.h"
#include "cli_args.h"
#include "cli_run.h"
#include "cli_walk.h"
#include "cmd_profile.h"
#include "report.h"
#include "snippet.h"
#include "timeit.h"

#define MAX_STMTS    32
#define FRAME_STACK  (64u << 20) /* SETUP's thread: room for big arrays */
#define STMT_EXAMPLE "expected C code like 'bench_keep(strlen(s));'"

static int fail_msg(const char *msg)
{
    return snippet_fail("%s", msg);
}

/* ------------------------------------------------------------ arguments */

/* What the command line asked for. Arrays of pointers into argv. */
typedef struct spec {
    snippet_code code; /* the C code and how to compile it */
    char **pass;       /* the options for cli_parse, after a program name */
    int npass;
    int help;
    int profile;              /* --profile: bench profile's table, not timings */
    const char *run_only;     /* the first option --profile cannot take */
    const char *profile_only; /* the first option only --profile takes */
} spec;

static void spec_free(spec *sp)
{
    free(sp->code.setup.s);
    free(sp->code.teardown.s);
    free(sp->code.global.s);
    free(sp->code.cflags.s);
    free(sp->code.headers);
    free(sp->code.incdirs);
    free(sp->code.libs);
    free(sp->code.stmts);
    free(sp->pass);
}

enum { BOTH, RUN_ONLY, PROFILE_ONLY };

/* The options of bench (or, with --profile, of bench profile) that mean
 * the same here, whether they take a value, and in which mode. */
static const struct passed {
    const char *name;
    char short_name;
    int value;
    int mode;
} passed[] = {
    /* clang-format off */
    {"sizes", 0, 1, BOTH},          {"number", 'n', 1, RUN_ONLY},   {"repeat", 'r', 1, RUN_ONLY},
    {"min-time", 0, 1, BOTH},       {"precision", 0, 1, RUN_ONLY},  {"format", 0, 1, BOTH},
    {"output", 'o', 1, BOTH},       {"compare", 0, 1, RUN_ONLY},    {"threshold", 0, 1, RUN_ONLY},
    {"timeout", 0, 1, RUN_ONLY},    {"no-isolate", 0, 0, RUN_ONLY}, {"quiet", 'q', 0, BOTH},
    {"verbose", 'v', 0, BOTH},      {"no-color", 0, 0, BOTH},       {"hz", 0, 1, PROFILE_ONLY},
    {"sort", 0, 1, PROFILE_ONLY},   {"top", 0, 1, PROFILE_ONLY},    {"latency", 0, 0, RUN_ONLY},
    {"processes", 0, 1, RUN_ONLY},
    /* clang-format on */
};

/* A value option opt of --profile takes, for the hint that it needs
 * --profile. */
static const char *profile_example(const char *opt)
{
    return strcmp(opt, "--sort") == 0 ? "self" : strcmp(opt, "--top") == 0 ? "5" : "100";
}

/* Remember an option that only one of the two modes takes. */
static void note_mode(spec *sp, int mode, const char *name)
{
    if (mode == RUN_ONLY && !sp->run_only)
        sp->run_only = name;
    else if (mode == PROFILE_ONLY && !sp->profile_only)
        sp->profile_only = name;
}

/* timeit's own options; all take a value. code: what apply_own is told
 * (the short name, where there is one). */
static const struct own {
    const char *name;
    char short_name, code;
} own[] = {
    {"setup", 's', 's'},   {"teardown", 't', 't'},    {"global", 'g', 'g'},
    {"include", 'i', 'i'}, {"include-dir", 'I', 'I'}, {"lib", 'l', 'l'},
    {"cflags", 0, 'c'},    {"items", 0, 'X'},         {"bytes", 0, 'B'},
};

static void join(ccode_text *t, const char *v)
{
    if (t->len)
        ccode_put(t, "\n");
    ccode_put(t, v);
}

static void apply_own(spec *sp, char short_name, const char *v)
{
    switch (short_name) {
    case 's': join(&sp->code.setup, v); break;
    case 't': join(&sp->code.teardown, v); break;
    case 'g': join(&sp->code.global, v); break;
    case 'i': sp->code.headers[sp->code.nheaders++] = v; break;
    case 'I': sp->code.incdirs[sp->code.nincdirs++] = v; break;
    case 'l': sp->code.libs[sp->code.nlibs++] = v; break;
    case 'X': sp->code.items = v; break;
    case 'B': sp->code.bytes = v; break;
    default: ccode_put(&sp->code.cflags, " "), ccode_put(&sp->code.cflags, v); break; /* --cflags */
    }
}

static void pass_on(spec *sp, char *arg)
{
    sp->pass[sp->npass++] = arg;
}

/* --name, --name=value, --name value. */
static int long_option(spec *sp, cli_walk *w, const cli_walk_word *word)
{
    const char *name = word->name + 2, *v = word->value;
    size_t len = strlen(name), k;
    char *next;

    if (strcmp(name, "help") == 0 && !v) {
        sp->help = 1;
        return 0;
    }
    if (strcmp(name, "profile") == 0 && !v) {
        sp->profile = 1;
        return 0;
    }
    for (k = 0; k < sizeof own / sizeof own[0]; k++)
        if (strcmp(own[k].name, name) == 0) {
            if (!v && !(v = cli_walk_take(w)))
                return snippet_fail("--%s: missing value (see %s --help)", own[k].name, snippet_me);
            apply_own(sp, own[k].code, v);
            return 0;
        }
    for (k = 0; k < sizeof passed / sizeof passed[0]; k++)
        if (strcmp(passed[k].name, name) == 0) {
            static char opt[sizeof passed / sizeof passed[0]][16];
            snprintf(opt[k], sizeof opt[k], "--%s", passed[k].name);
            note_mode(sp, passed[k].mode, opt[k]);
            pass_on(sp, word->arg);
            /* a missing value is cli_parse's (or bench profile's) to say */
            if (passed[k].value && !v && (next = cli_walk_take(w)) != NULL)
                pass_on(sp, next);
            return 0;
        }
    return snippet_fail("unknown option '--%.*s' (see %s --help)", (int)len, name, snippet_me);
}

/* -s SETUP, -sSETUP, bundles like -qv, -qs SETUP. */
static int short_options(spec *sp, cli_walk *w, const cli_walk_word *word)
{
    static char flag[][3] = {"-q", "-v"};
    const char *s;
    size_t k;

    for (s = word->arg + 1; *s; s++) {
        char c = *s;
        const char *v = s[1] ? s + 1 : NULL;
        if (c == 'h') {
            sp->help = 1;
            continue;
        }
        for (k = 0; k < sizeof own / sizeof own[0] && own[k].short_name != c; k++)
            ;
        if (k < sizeof own / sizeof own[0]) {
            if (!v && !(v = cli_walk_take(w)))
                return snippet_fail("-%c: missing value (see %s --help)", c, snippet_me);
            apply_own(sp, c, v);
            return 0;
        }
        if (c == 'q' || c == 'v') {
            pass_on(sp, flag[c == 'v']);
            continue;
        }
        if (c == 'n' || c == 'r' || c == 'o') {
            static char opt[][3] = {"-n", "-r", "-o"};
            if (!v && !(v = cli_walk_take(w)))
                return snippet_fail("-%c: missing value (see %s --help)", c, snippet_me);
            if (c != 'o')
                note_mode(sp, RUN_ONLY, opt[c == 'n' ? 0 : 1]);
            pass_on(sp, opt[c == 'n' ? 0 : c == 'r' ? 1 : 2]);
            pass_on(sp, (char *)v);
            return 0;
        }
        return snippet_fail("unknown option '-%c' (see %s --help)", c, snippet_me);
    }
    return 0;
}

static int parse(spec *sp, int argc, char **argv)
{
    size_t n = (size_t)argc + 1;
    cli_walk w;
    cli_walk_word word;
    int rc;

    memset(sp, 0, sizeof *sp);
    sp->code.headers = calloc(n, sizeof *sp->code.headers);
    sp->code.incdirs = calloc(n, sizeof *sp->code.incdirs);
    sp->code.libs = calloc(n, sizeof *sp->code.libs);
    sp->code.stmts = calloc(n, sizeof *sp->code.stmts);
    sp->pass = calloc(n * 2 + 1, sizeof *sp->pass);
    if (!sp->code.headers || !sp->code.incdirs || !sp->code.libs || !sp->code.stmts || !sp->pass)
        return snippet_fail("out of memory");
    /* cli_parse's program name: its messages say "bench timeit" */
    sp->pass[sp->npass++] = snippet_me;
    cli_walk_init(&w, argc, argv);
    while (cli_walk_next(&w, &word)) {
        if (word.kind == CLI_WALK_OPERAND)
            sp->code.stmts[sp->code.nstmts++] = word.arg;
        else if ((rc = word.arg[1] == '-' ? long_option(sp, &w, &word)
                                          : short_options(sp, &w, &word)) != 0)
            return rc;
    }
    return sp->code.setup.oom || sp->code.teardown.oom || sp->code.global.oom || sp->code.cflags.oom
               ? snippet_fail("out of memory")
               : 0;
}

static const char usage_text[] =
    "usage: %s [OPTIONS] STMT [STMT...]\n"
    "Time C statements given on the command line, like python -m timeit: each STMT\n"
    "is compiled (with $CC, default cc, at -O2) into a shared object and measured as\n"
    "a registered case is: one call is one run of STMT. Several STMTs are measured\n"
    "interleaved, the first the baseline of the others.\n"
    "\n"
    "  -s, --setup CODE     run before timing, once per size and STMT (each STMT is\n"
    "                       a case with its own setup) in each worker process (see\n"
    "                       --processes), in STMT's scope, with size_t N defined\n"
    "                       (1 without --sizes); its variables are STMT's (not its\n"
    "                       types: declare those with -g; nor register variables);\n"
    "                       its arrays live on a 64 MiB stack; a variable-length\n"
    "                       array compiles with gcc, not clang, and STMT's sizeof\n"
    "                       of it may give another size's\n"
    "  -t, --teardown CODE  run after timing, in SETUP's scope (free what it took)\n"
    "  -g, --global CODE    file-scope code: types, helper functions, globals\n"
    "  -i, --include HDR    #include <HDR> (stdio, stdlib, string, stdint, stddef,\n"
    "                       math and bench.h, for bench_keep, are included already)\n"
    "  -I, --include-dir DIR  a directory for the compiler's include path\n"
    "  -l, --lib LIB        link with -lLIB (or the file LIB when it holds a '/')\n"
    "      --cflags FLAGS   more compiler flags, split at blanks (no shell)\n"
    "      --items EXPR     items one run of STMT processes, a C expression in N\n"
    "                       (e.g. N): the figures show items/s, JSON items_per_second\n"
    "      --bytes EXPR     bytes one run of STMT processes, likewise: bytes/s\n"
    "      --sizes LIST     the sizes N, e.g. 1k,10k: with two or more, the exponent\n"
    "  -n, --number N       calls per sample (default: auto-ranged)\n"
    "  -r, --repeat R       samples (default: adaptive)\n"
    "      --min-time SEC   time budget per statement and size (default 0.25)\n"
    "      --precision PCT  stop once the median's 95%% CI is within +-PCT (default 1)\n"
    "      --latency        also time calls one by one: p50 p90 p99 p99.9 max (as bench)\n"
    "      --format FMT     %s;\n"
    "                       default timeit for one size (in an -o FILE too, unless its\n"
    "                       extension names a format), the table for more\n"
    "  -o, --output FILE    write the result to FILE, as bench does\n"
    "      --compare FILE   compare with a saved JSON result; --threshold PCT\n"
    "      --timeout SEC    a statement still running after SEC fails (default 60)\n"
    "      --processes K    measure in K worker processes, one after another, each\n"
    "                       with its own SETUP (default 4; 1 to 32)\n"
    "      --no-isolate     run in this process, not in a child\n"
    "  -q, --quiet          no progress;  --no-color  no color\n"
    "      --profile        where the time goes instead of how long: each STMT's calls\n"
    "                       sampled for --min-time of CPU (default 1 s), shown as bench\n"
    "                       profile shows a case (not with -n, -r, --precision,\n"
    "                       --compare, --threshold, --timeout, --processes,\n"
    "                       --no-isolate, --latency); --sizes\n"
    "                       takes one size; --format table, folded, json or html\n"
    "      --hz HZ, --sort self|cumulative, --top K   as bench profile's, with --profile\n"
    "  -v, --verbose        the compiler's command and time, then bench's -v\n"
    "  -h, --help           this help\n"
    "SETUP, STMT and TEARDOWN may span lines; the compiler's messages name them\n"
    "<setup>, <stmt 1>, ... with their own line numbers. Put -- before a STMT that\n"
    "starts with '-'. Names starting bench_timeit_ are reserved.\n"
    "A SEC is seconds, bare or with a unit: 0.5, 2s, 300ms.\n"
    "\n"
    "Exit status: 0 success, 1 a statement failed (crashed, hung) or regressed,\n"
    "2 usage error, or the code did not compile or load.\n";

static void usage(void)
{
    char names[128];
    printf(usage_text, snippet_me, report_format_names(names, sizeof names));
}

/* ----------------------------------------------------- the loaded object */

typedef void (*frame_fn)(size_t n, void **v, void (*park)(void *), void *ctx);

static struct {
    frame_fn frame;
    size_t nvars;
} loaded;

/* ----------------------------------------------------------- the frames */

enum { STARTING, PARKED, RELEASED, RETURNED };

/* SETUP's frame for one statement at one size: the thread it runs on,
 * and the addresses it published. */
typedef struct frame {
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int state; /* STARTING, PARKED, RELEASED, RETURNED */
    size_t n;
    void *v[]; /* v[0] = &n, then SETUP's variables: the statement's state */
} frame;

static void set_state(frame *f, int state)
{
    pthread_mutex_lock(&f->mu);
    f->state = state;
    pthread_cond_broadcast(&f->cv);
    pthread_mutex_unlock(&f->mu);
}

static int wait_state(frame *f, int a, int b)
{
    int s;
    pthread_mutex_lock(&f->mu);
    while (f->state != a && f->state != b)
        pthread_cond_wait(&f->cv, &f->mu);
    s = f->state;
    pthread_mutex_unlock(&f->mu);
    return s;
}

/* Called by the frame after SETUP: wait there until teardown. */
static void park(void *ctx)
{
    frame *f = ctx;
    set_state(f, PARKED);
    wait_state(f, RELEASED, RELEASED);
}

static void *frame_thread(void *arg)
{
    frame *f = arg;
    loaded.frame(f->n, f->v, park, f);
    set_state(f, RETURNED);
    return NULL;
}

static void frame_free(frame *f)
{
    pthread_cond_destroy(&f->cv);
    pthread_mutex_destroy(&f->mu);
    free(f);
}

/* The case's setup: SETUP run on a thread of its own, its variables' (and
 * N's) addresses the state. NULL when SETUP returned without reaching its
 * end (a `return` in it) or no thread could start. */
static void *timeit_setup(size_t n)
{
    frame *f = calloc(1, sizeof *f + (loaded.nvars + 1) * sizeof f->v[0]);
    pthread_attr_t attr;
    int rc;

    if (!f)
        return NULL;
    f->n = n;
    f->v[0] = &f->n;
    pthread_mutex_init(&f->mu, NULL);
    pthread_cond_init(&f->cv, NULL);
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, FRAME_STACK);
    rc = pthread_create(&f->thread, &attr, frame_thread, f);
    pthread_attr_destroy(&attr);
    if (rc != 0 && pthread_create(&f->thread, NULL, frame_thread, f) != 0) {
        frame_free(f);
        return NULL;
    }
    if (wait_state(f, PARKED, RETURNED) == RETURNED) {
        pthread_join(f->thread, NULL);
        frame_free(f);
        return NULL;
    }
    return f->v;
}

static void timeit_teardown(void *state)
{
    frame *f = (frame *)((char *)state - offsetof(frame, v));
    set_state(f, RELEASED);
    pthread_join(f->thread, NULL);
    frame_free(f);
}

/* ------------------------------------------------------------ the cases */

static bench_case cases[MAX_STMTS];
static char case_names[MAX_STMTS][32];
static char *case_descs[MAX_STMTS];
static char group_desc[256];

/* Code on one line, blanks collapsed, for a description. */
static char *one_line(const char *code)
{
    char *d = malloc(strlen(code) + 1), *p = d;
    int blank = 0;
    if (!d)
        return NULL;
    for (; *code; code++) {
        int b = *code == ' ' || *code == '\t' || *code == '\n' || *code == '\r';
        if (b && p > d)
            blank = 1;
        else if (!b) {
            if (blank)
                *p++ = ' ';
            *p++ = *code;
            blank = 0;
        }
    }
    *p = 0;
    return d;
}

/* Register each STMT as "timeit/stmtK", K from 1, run by its function in
 * the object; reuses the cases of an earlier call in this process. */
static int register_cases(const spec *sp, void *handle, const size_t *sizes, size_t nsizes,
                          const bench_case **sel)
{
    size_t i, k;
    char *setup_line;

    setup_line = one_line(sp->code.setup.len ? sp->code.setup.s : "");
    snprintf(group_desc, sizeof group_desc, "%s%s",
             setup_line && *setup_line ? "setup: " : "C statements from the command line",
             setup_line ? setup_line : "");
    free(setup_line);
    bench_register_group("timeit", group_desc);
    for (i = 0; i < sp->code.nstmts; i++) {
        bench_case *c = &cases[i];
        const bench_case *there;
        char sym[48];
        void (*run)(void *) = NULL;

        snprintf(case_names[i], sizeof case_names[i], "timeit/stmt%zu", i + 1);
        snprintf(sym, sizeof sym, "bench_timeit_stmt_%zu", i + 1);
        if (snippet_symbol(handle, sym, &run, sizeof run) != 0)
            return 2;
        there = bench_find(case_names[i]);
        if (there && there != c)
            return snippet_fail("a case named '%s' is registered already", case_names[i]);
        free(case_descs[i]);
        if (!(case_descs[i] = one_line(sp->code.stmts[i])))
            return snippet_fail("out of memory");
        memset(c, 0, sizeof *c);
        c->name = case_names[i];
        c->desc = case_descs[i];
        c->setup = timeit_setup;
        c->run = run;
        c->teardown = timeit_teardown;
        c->baseline = i > 0 ? case_names[0] : NULL;
        if ((sp->code.items && snippet_symbol(handle, "bench_timeit_items", &c->items_per_call,
                                              sizeof c->items_per_call) != 0) ||
            (sp->code.bytes && snippet_symbol(handle, "bench_timeit_bytes", &c->bytes_per_call,
                                              sizeof c->bytes_per_call) != 0))
            return 2;
        if (nsizes)
            for (k = 0; k < nsizes; k++)
                c->sizes[k] = sizes[k];
        else
            c->sizes[0] = 1;
        if (!there && bench_register(c) != BENCH_OK)
            return snippet_fail("cannot register '%s'", case_names[i]);
        sel[i] = c;
    }
    return 0;
}

size_t timeit_declared(const char *code, int nested, char *buf, size_t size)
{
    ccode_names ns;
    size_t i, len = 0, n;

    if (size)
        buf[0] = 0;
    if (ccode_declared(code, nested, &ns) != 0)
        return 0;
    for (i = 0; i < ns.n && len < size; i++)
        len += (size_t)snprintf(buf + len, size - len, "%s%s", i ? " " : "", ns.v[i]);
    n = ns.n;
    ccode_names_free(&ns);
    return n;
}

/* -------------------------------------------------------------- the run */

/* A STMT must not declare a name SETUP gave it: the rewriting would turn
 * the declaration into nonsense. */
static int check_stmts(const spec *sp, const ccode_names *vars)
{
    size_t i, k;
    for (i = 0; i < sp->code.nstmts; i++) {
        ccode_names own_names;
        const char *s = sp->code.stmts[i];
        if (s[strspn(s, " \t\n\r\f\v")] == 0)
            return snippet_fail("STMT %zu is empty (%s)", i + 1, STMT_EXAMPLE);
        if (ccode_declared(s, 1, &own_names) != 0)
            return snippet_fail("out of memory");
        for (k = 0; k < own_names.n; k++)
            if (ccode_has(vars, own_names.v[k], strlen(own_names.v[k]))) {
                snippet_fail("STMT %zu declares '%s', a variable SETUP declares too; rename one",
                             i + 1, own_names.v[k]);
                ccode_names_free(&own_names);
                return 2;
            }
        ccode_names_free(&own_names);
    }
    return 0;
}

/* The arguments bench profile's parser takes: the options passed on,
 * without -q, -v and --no-color, which mean nothing to it (-v shows the
 * compiler's command, as without --profile). */
static char **profile_argv(const spec *sp, int *argc, int *verbose)
{
    char **v = calloc((size_t)sp->npass + 1, sizeof *v);
    int i, n = 0, value_next = 0;

    if (!v)
        return NULL;
    for (i = 0; i < sp->npass; i++) {
        const char *a = sp->pass[i];
        size_t k;
        if (i > 0 && !value_next &&
            (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0 || strcmp(a, "-v") == 0 ||
             strcmp(a, "--verbose") == 0 || strcmp(a, "--no-color") == 0)) {
            *verbose |= a[1] == 'v' || strcmp(a, "--verbose") == 0;
            continue;
        }
        v[n++] = sp->pass[i];
        if (value_next) {
            value_next = 0;
            continue;
        }
        value_next = strcmp(a, "-o") == 0;
        for (k = 0; k < sizeof passed / sizeof passed[0] && !value_next; k++)
            value_next =
                passed[k].value && a[0] == '-' && a[1] == '-' && strcmp(a + 2, passed[k].name) == 0;
    }
    *argc = n;
    return v;
}

/* bench timeit --profile: each STMT's calls profiled in turn, shown as
 * bench profile shows a case (cmd_profile.c). Returns the exit status. */
static int profile_stmts(const spec *sp, const ccode_names *vars, const char *prog)
{
    cmd_profile_args pa;
    const bench_case *sel[MAX_STMTS];
    void *handle = NULL;
    int argc = 0, verbose = 0, rc;
    char **argv = profile_argv(sp, &argc, &verbose);
    size_t size;

    if (!argv)
        return snippet_fail("out of memory");
    if ((rc = cmd_profile_parse(argc, argv, prog, "timeit --profile", "timeit", fail_msg, 0,
                                &pa)) != 0)
        goto out;
    size = pa.size ? pa.size : 1;
    if ((rc = snippet_build(&sp->code, vars, verbose, &handle, 1)) != 0)
        goto out;
    loaded.nvars = vars->n;
    if ((rc = snippet_symbol(handle, "bench_timeit_frame", &loaded.frame, sizeof loaded.frame)) ==
            0 &&
        (rc = register_cases(sp, handle, &size, 1, sel)) == 0) {
        pa.po.stop = snippet_stop();
        rc = cmd_profile_cases(&pa, sel, sp->code.nstmts, prog);
    }
    if (snippet_keep_end() && rc == 0)
        rc = 1;
out:
    cmd_profile_args_free(&pa);
    free(argv);
    return rc;
}

int timeit_main(int argc, char **argv, const char *prog)
{
    spec sp;
    cli_opts o;
    ccode_names vars = {0};
    const bench_case *sel[MAX_STMTS];
    void *handle = NULL;
    char err[512];
    int rc;

    snprintf(snippet_me, sizeof snippet_me, "%s timeit", prog ? prog : "bench");
    memset(&o, 0, sizeof o);
    if ((rc = parse(&sp, argc, argv)) != 0)
        goto out;
    if (sp.help) {
        usage();
        goto out;
    }
    if (sp.profile && sp.run_only) {
        rc = snippet_fail("%s cannot be combined with --profile, which samples where the time goes "
                          "for --min-time of CPU instead of timing (see %s --help)",
                          sp.run_only, snippet_me);
        goto out;
    }
    if (!sp.profile && sp.profile_only) {
        rc = snippet_fail("%s is an option of --profile (like %s --profile %s %s ...)",
                          sp.profile_only, snippet_me, sp.profile_only,
                          profile_example(sp.profile_only));
        goto out;
    }
    if (!sp.profile && cli_parse(sp.npass, sp.pass, &o, err, sizeof err) != 0) {
        rc = snippet_fail("%s", err);
        goto out;
    }
    if (sp.code.nstmts == 0) {
        rc = snippet_fail("no STMT to time (usage: %s [-s SETUP] ... STMT [STMT...]; see --help)",
                          snippet_me);
        goto out;
    }
    if (sp.code.nstmts > MAX_STMTS) {
        rc = snippet_fail("%zu STMTs (at most %d)", sp.code.nstmts, MAX_STMTS);
        goto out;
    }
    if (ccode_declared(sp.code.setup.len ? sp.code.setup.s : "", 0, &vars) != 0) {
        rc = snippet_fail("out of memory");
        goto out;
    }
    if ((rc = check_stmts(&sp, &vars)) != 0)
        goto out;
    if (sp.profile) {
        rc = profile_stmts(&sp, &vars, prog ? prog : "bench");
        goto out;
    }
    /* One size: timeit's own lines, on stdout and in an -o file whose name
     * asks for no other format (-o -, -o run.txt); -o run.json writes JSON
     * and leaves the table on stdout, as bench does. */
    if (!o.format && o.nsizes <= 1 &&
        (!o.output || strcmp(o.output, "-") == 0 || !report_format_for_path(o.output)))
        o.format = report_format_named("timeit");
    if ((rc = snippet_build(&sp.code, &vars, o.verbose, &handle, 0)) != 0)
        goto out;
    loaded.nvars = vars.n;
    if ((rc = snippet_symbol(handle, "bench_timeit_frame", &loaded.frame, sizeof loaded.frame)) !=
            0 ||
        (rc = register_cases(&sp, handle, o.sizes, o.nsizes, sel)) != 0)
        goto out;
    cli_set_prog(snippet_me); /* the run's messages are bench timeit's */
    rc = cli_run(&o, sel, sp.code.nstmts, prog ? prog : "bench");
    cli_set_prog(prog);
out:
    ccode_names_free(&vars);
    cli_opts_free(&o);
    spec_free(&sp);
    return rc;
}
