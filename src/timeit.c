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
 *    register variables; a variable-length array in SETUP does not
 *    compile; a STMT may not declare a name SETUP declares.
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
 *    case's.
 *
 * The loaded object stays loaded and the cases stay registered until the
 * process ends, as the registry holds them.
 */
#define _GNU_SOURCE /* ppoll */
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
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
#include "cli_run.h"
#include "cli_args.h"
#include "error.h"
#include "report.h"
#include "timeit.h"

#define MAX_STMTS    32
#define MAX_OUTPUT   (1u << 20)  /* compiler messages kept */
#define FRAME_STACK  (64u << 20) /* SETUP's thread: room for big arrays */
#define GLUE         "<bench timeit>"
#define STMT_EXAMPLE "expected C code like 'bench_keep(strlen(s));'"

/* The name messages start with: "bench timeit". */
static char me[128] = "bench timeit";

static int fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int fail(const char *fmt, ...)
{
    char msg[1024], line[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    fprintf(stderr, "%s: error: %s\n", me, error_escape(line, sizeof line, msg));
    return 2;
}

/* ------------------------------------------------------------------ text */

/* A growable string that counts the lines written to it, for #line. */
typedef struct text {
    char *s;
    size_t len, cap;
    unsigned line; /* the line the next byte is on */
    int oom;
} text;

static void put_n(text *t, const char *s, size_t n)
{
    size_t i;
    char *p;
    if (t->oom)
        return;
    if (!(p = array_grow(t->s, &t->cap, t->len + n + 1, 1))) {
        t->oom = 1;
        return;
    }
    t->s = p;
    memcpy(t->s + t->len, s, n);
    t->len += n;
    t->s[t->len] = 0;
    for (i = 0; i < n; i++)
        t->line += s[i] == '\n';
}

static void put(text *t, const char *s)
{
    put_n(t, s, strlen(s));
}

static void putf(text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void putf(text *t, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n >= 0)
        put_n(t, buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}

/* The glue's lines are named for what they are, numbered as in the
 * file: the directive is on line t->line + 1, so the next is + 2. */
static void resync(text *t)
{
    putf(t, "#line %u \"" GLUE "\"\n", t->line + 2);
}

/* Back to the glue's own lines after a user's part. */
static void glue(text *t)
{
    put(t, "\n");
    resync(t);
}

/* A user's part, its lines numbered from 1 under its own name. */
static void part(text *t, const char *name, const char *code)
{
    putf(t, "#line 1 \"%s\"\n", name);
    put(t, code);
    glue(t);
}

/* ----------------------------------------------------------------- lexer */

/* A token of C: where it is in the source, and whether it is a word. */
typedef struct tok {
    size_t at, len;
    int word; /* identifier or keyword */
} tok;

typedef struct lexed {
    const char *s;
    tok *t;
    size_t n, cap;
} lexed;

static int is_word_start(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
}

static int is_word_char(char c)
{
    return is_word_start(c) || (c >= '0' && c <= '9');
}

/* The end of the string or character literal opening at s[i]. */
static size_t skip_literal(const char *s, size_t i)
{
    char q = s[i++];
    while (s[i] && s[i] != q && s[i] != '\n')
        i += s[i] == '\\' && s[i + 1] ? 2 : 1;
    return s[i] == q ? i + 1 : i;
}

static size_t punct_len(const char *s)
{
    static const char *const multi[] = {"<<=", ">>=", "...", "->", "++", "--", "<<", ">>",
                                        "<=",  ">=",  "==",  "!=", "&&", "||", "+=", "-=",
                                        "*=",  "/=",  "%=",  "&=", "^=", "|=", "##", NULL};
    size_t i;
    for (i = 0; multi[i]; i++)
        if (strncmp(s, multi[i], strlen(multi[i])) == 0)
            return strlen(multi[i]);
    return 1;
}

static int add_tok(lexed *L, size_t at, size_t len, int word)
{
    tok *p = array_grow(L->t, &L->cap, L->n + 1, sizeof *L->t);
    if (!p)
        return -1;
    L->t = p;
    L->t[L->n].at = at;
    L->t[L->n].len = len;
    L->t[L->n].word = word;
    L->n++;
    return 0;
}

/* Split s into tokens; comments, blanks and preprocessor lines are not
 * tokens (they are copied as they are when STMT is rewritten). Returns 0,
 * or -1 when memory ran out. */
static int lex(lexed *L, const char *s)
{
    size_t i = 0, start;
    int bol = 1; /* only blanks so far on this line */

    memset(L, 0, sizeof *L);
    L->s = s;
    while (s[i]) {
        char c = s[i];
        if (c == '\n') {
            bol = 1, i++;
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
            i++;
            continue;
        }
        if (c == '#' && bol) { /* a directive, with its continuation lines */
            while (s[i] && s[i] != '\n')
                i += s[i] == '\\' && s[i + 1] ? 2 : 1;
            continue;
        }
        bol = 0;
        start = i;
        if (c == '/' && s[i + 1] == '/') {
            while (s[i] && s[i] != '\n')
                i++;
            continue;
        }
        if (c == '/' && s[i + 1] == '*') {
            const char *end = strstr(s + i + 2, "*/");
            i = end ? (size_t)(end - s) + 2 : strlen(s);
            continue;
        }
        if (c == '"' || c == '\'') {
            i = skip_literal(s, i);
        } else if (is_word_start(c)) {
            while (is_word_char(s[i]))
                i++;
            if (s[i] == '"' || s[i] == '\'') { /* L"...", u8'x': one literal */
                size_t len = i - start;
                if ((len == 1 && strchr("LuU", s[start])) ||
                    (len == 2 && strncmp(s + start, "u8", 2) == 0)) {
                    i = skip_literal(s, i);
                    if (add_tok(L, start, i - start, 0) != 0)
                        return -1;
                    continue;
                }
            }
            if (add_tok(L, start, i - start, 1) != 0)
                return -1;
            continue;
        } else if ((c >= '0' && c <= '9') || (c == '.' && s[i + 1] >= '0' && s[i + 1] <= '9')) {
            while (is_word_char(s[i]) || s[i] == '.' ||
                   ((s[i] == '+' || s[i] == '-') && strchr("eEpP", s[i - 1])))
                i++;
        } else {
            i += punct_len(s + i);
        }
        if (add_tok(L, start, i - start, 0) != 0)
            return -1;
    }
    return 0;
}

/* --------------------------------------------------------------- scanner */

static const char *const kw_types[] = {
    "void",        "char",        "short",     "int",        "long",       "float",
    "double",      "signed",      "unsigned",  "_Bool",      "bool",       "_Complex",
    "_Imaginary",  "__int128",    "__signed",  "__signed__", "_Float16",   "_Float32",
    "_Float64",    "_Float128",   "_Float32x", "_Float64x",  "_Decimal32", "_Decimal64",
    "_Decimal128", "__auto_type", NULL};
static const char *const kw_quals[] = {
    "const",        "volatile",      "restrict",     "__restrict", "__restrict__",  "__const",
    "__const__",    "__volatile",    "__volatile__", "static",     "extern",        "auto",
    "inline",       "__inline",      "__inline__",   "_Noreturn",  "_Thread_local", "__thread",
    "thread_local", "__extension__", "constexpr",    NULL};
/* Followed by a parenthesized group that is not a declarator. */
static const char *const kw_grouped[] = {"__attribute__", "__attribute", "_Alignas",
                                         "alignas",       "__declspec",  "__asm__",
                                         "__asm",         "asm",         NULL};
static const char *const kw_typeof[] = {"typeof",        "__typeof__",        "__typeof",
                                        "typeof_unqual", "__typeof_unqual__", NULL};
static const char *const kw_other[] = {
    "break",         "case",     "continue", "default",     "do",        "else",
    "for",           "goto",     "if",       "return",      "sizeof",    "switch",
    "typedef",       "while",    "struct",   "union",       "enum",      "register",
    "_Atomic",       "_Alignof", "alignof",  "__alignof__", "_Generic",  "_Static_assert",
    "static_assert", "true",     "false",    "nullptr",     "__label__", NULL};

typedef struct scan {
    const lexed *L;
    void (*found)(void *ctx, size_t tok, int depth);
    void *ctx;
} scan;

static int is(const lexed *L, size_t i, const char *w)
{
    return i < L->n && L->t[i].len == strlen(w) && memcmp(L->s + L->t[i].at, w, L->t[i].len) == 0;
}

static int in(const lexed *L, size_t i, const char *const *list)
{
    for (; *list; list++)
        if (is(L, i, *list))
            return 1;
    return 0;
}

static int keyword(const lexed *L, size_t i)
{
    return in(L, i, kw_types) || in(L, i, kw_quals) || in(L, i, kw_grouped) ||
           in(L, i, kw_typeof) || in(L, i, kw_other);
}

/* An identifier that is not a keyword. */
static int name_at(const lexed *L, size_t i)
{
    return i < L->n && L->t[i].word && !keyword(L, i);
}

/* The token after the group ( [ or { opening at i, or e when unclosed. */
static size_t group_end(const lexed *L, size_t i, size_t e)
{
    int depth = 0;
    for (; i < e; i++) {
        if (is(L, i, "(") || is(L, i, "[") || is(L, i, "{"))
            depth++;
        else if ((is(L, i, ")") || is(L, i, "]") || is(L, i, "}")) && --depth == 0)
            return i + 1;
    }
    return e;
}

static int opens(const lexed *L, size_t i)
{
    return is(L, i, "(") || is(L, i, "[") || is(L, i, "{");
}

/* Past attributes and the like: __attribute__((...)), _Alignas(...). */
static size_t skip_grouped(const lexed *L, size_t i, size_t e)
{
    while (i < e && in(L, i, kw_grouped))
        i = is(L, i + 1, "(") ? group_end(L, i + 1, e) : i + 1;
    return i;
}

/* The declaration specifiers at b: returns where the declarators start,
 * with *type set when there was a type (a keyword, a tag, typeof, or one
 * identifier taken for a typedef name), *skip when the declaration
 * declares no object STMT can be given (typedef, register). */
static size_t specifiers(const lexed *L, size_t i, size_t e, int *type, int *skip)
{
    *type = *skip = 0;
    while (i < e) {
        if (is(L, i, "typedef") || is(L, i, "register")) {
            *skip = 1, i++;
        } else if (in(L, i, kw_quals)) {
            i++;
        } else if (in(L, i, kw_types)) {
            *type = 1, i++;
        } else if (in(L, i, kw_grouped)) {
            i = skip_grouped(L, i, e);
        } else if (in(L, i, kw_typeof)) {
            i = is(L, i + 1, "(") ? group_end(L, i + 1, e) : i + 1;
            *type = 1;
        } else if (is(L, i, "_Atomic")) {
            if (is(L, i + 1, "(")) {
                i = group_end(L, i + 1, e);
                *type = 1;
            } else {
                i++;
            }
        } else if (is(L, i, "struct") || is(L, i, "union") || is(L, i, "enum")) {
            i = skip_grouped(L, i + 1, e);
            if (name_at(L, i))
                i++;
            if (is(L, i, "{"))
                i = group_end(L, i, e);
            *type = 1;
        } else if (name_at(L, i) && !*type) {
            *type = 1, i++; /* a typedef name: only one, and only without another type */
        } else {
            break;
        }
    }
    return i;
}

/* One declarator at *i: its name's token (or e when it is not one),
 * *i moved past it and its initializer. A parenthesized declarator must
 * be a pointer to a function or an array, "(*f)(int)", "(*a)[4]", so that
 * a call "f(x)" or "f(*p)" is never taken for a declaration. */
static size_t declarator(const lexed *L, size_t *at, size_t e, int *function)
{
    size_t i = *at, name;
    int nested = 0;

    *function = 0;
    while (i < e &&
           (is(L, i, "*") || in(L, i, kw_quals) || is(L, i, "_Atomic") || in(L, i, kw_grouped)))
        i = in(L, i, kw_grouped) ? skip_grouped(L, i, e) : i + 1;
    if (is(L, i, "(")) {
        if (!is(L, i + 1, "*") && !is(L, i + 1, "^"))
            return e;
        i++;
        while (i < e && (is(L, i, "*") || is(L, i, "^") || in(L, i, kw_quals)))
            i++;
        if (!name_at(L, i))
            return e;
        name = i++;
        while (is(L, i, "[") || is(L, i, "("))
            i = group_end(L, i, e);
        if (!is(L, i, ")"))
            return e;
        i++;
        if (!is(L, i, "(") && !is(L, i, "["))
            return e;
        nested = 1;
    } else if (name_at(L, i)) {
        name = i++;
    } else {
        return e;
    }
    while (is(L, i, "[") || is(L, i, "(")) {
        *function |= !nested && is(L, i, "(");
        i = group_end(L, i, e);
    }
    i = skip_grouped(L, i, e);
    if (is(L, i, "=")) /* the initializer, up to the next declarator */
        for (i++; i < e && !is(L, i, ",");)
            i = opens(L, i) ? group_end(L, i, e) : i + 1;
    if (i < e && !is(L, i, ","))
        return e;
    *at = i;
    return name;
}

/* The objects that the statement t[b..e) declares, if it is a
 * declaration, reported to s->found. */
static void declaration(scan *sc, size_t b, size_t e, int depth)
{
    const lexed *L = sc->L;
    size_t names[64], n = 0, i, k;
    int type, skip, function;

    i = specifiers(L, b, e, &type, &skip);
    if (!type)
        return;
    for (;;) {
        size_t name = declarator(L, &i, e, &function);
        if (name == e)
            break;
        if (!function && n < sizeof names / sizeof names[0])
            names[n++] = name;
        if (i >= e)
            break;
        i++; /* the ',' */
    }
    if (!skip)
        for (k = 0; k < n; k++)
            sc->found(sc->ctx, names[k], depth);
}

static size_t statement(scan *sc, size_t i, size_t e, int depth);

static void statements(scan *sc, size_t i, size_t e, int depth)
{
    while (i < e)
        i = statement(sc, i, e, depth);
}

/* The statement at i: its declarations reported, nested ones one level
 * deeper (a for loop's too); returns where the next one starts. */
static size_t statement(scan *sc, size_t i, size_t e, int depth)
{
    const lexed *L = sc->L;
    size_t j;

    if (i >= e)
        return e;
    if (is(L, i, "{")) {
        j = group_end(L, i, e);
        statements(sc, i + 1, j > i + 1 && j <= e && is(L, j - 1, "}") ? j - 1 : j, depth + 1);
        return j;
    }
    if (is(L, i, ";"))
        return i + 1;
    if (is(L, i, "if") || is(L, i, "while") || is(L, i, "switch")) {
        int is_if = is(L, i, "if");
        i++;
        if (is(L, i, "("))
            i = group_end(L, i, e);
        i = statement(sc, i, e, depth + 1);
        if (is_if && is(L, i, "else"))
            i = statement(sc, i + 1, e, depth + 1);
        return i;
    }
    if (is(L, i, "for")) {
        i++;
        if (is(L, i, "(")) {
            size_t close = group_end(L, i, e), semi;
            for (semi = i + 1; semi < close && !is(L, semi, ";");)
                semi = opens(L, semi) ? group_end(L, semi, close) : semi + 1;
            declaration(sc, i + 1, semi < close ? semi : close, depth + 1);
            i = close;
        }
        return statement(sc, i, e, depth + 1);
    }
    if (is(L, i, "do")) {
        i = statement(sc, i + 1, e, depth + 1);
        if (is(L, i, "while")) {
            i++;
            if (is(L, i, "("))
                i = group_end(L, i, e);
            if (is(L, i, ";"))
                i++;
        }
        return i;
    }
    if (is(L, i, "case")) {
        while (i < e && !is(L, i, ":"))
            i = opens(L, i) ? group_end(L, i, e) : i + 1;
        return i < e ? i + 1 : e;
    }
    if ((is(L, i, "default") || name_at(L, i)) && is(L, i + 1, ":"))
        return i + 2; /* a label: the statement after it comes next */
    for (j = i; j < e && !is(L, j, ";");)
        j = opens(L, j) ? group_end(L, j, e) : j + 1;
    declaration(sc, i, j, depth);
    return j < e ? j + 1 : e;
}

/* ----------------------------------------------------------------- names */

/* Names, each a token's text. */
typedef struct names {
    char **v;
    size_t n, cap;
    int oom;
    int nested; /* collect at every depth, not the top level only */
    const lexed *L;
} names;

static int has(const names *ns, const char *s, size_t len)
{
    size_t i;
    for (i = 0; i < ns->n; i++)
        if (strlen(ns->v[i]) == len && strncmp(ns->v[i], s, len) == 0)
            return 1;
    return 0;
}

static void found(void *ctx, size_t t, int depth)
{
    names *ns = ctx;
    const char *s = ns->L->s + ns->L->t[t].at;
    size_t len = ns->L->t[t].len;
    char **p, *copy;

    if ((depth > 0 && !ns->nested) || has(ns, s, len) || ns->oom)
        return;
    if (!(p = array_grow(ns->v, &ns->cap, ns->n + 1, sizeof *ns->v)) || !(copy = strndup(s, len))) {
        ns->oom = 1;
        return;
    }
    ns->v = p;
    ns->v[ns->n++] = copy;
}

static void names_free(names *ns)
{
    size_t i;
    for (i = 0; i < ns->n; i++)
        free(ns->v[i]);
    free(ns->v);
    memset(ns, 0, sizeof *ns);
}

/* The objects code declares (at its top level, or anywhere when nested).
 * Returns 0, or -1 when memory ran out. */
static int declared(const char *code, int nested, names *out)
{
    lexed L;
    scan sc;
    int rc;

    memset(out, 0, sizeof *out);
    if (lex(&L, code) != 0) {
        free(L.t);
        return -1;
    }
    out->nested = nested;
    out->L = &L;
    sc.L = &L;
    sc.found = found;
    sc.ctx = out;
    statements(&sc, 0, L.n, 0);
    out->L = NULL;
    rc = out->oom ? -1 : 0;
    free(L.t);
    return rc;
}

size_t timeit_declared(const char *code, int nested, char *buf, size_t size)
{
    names ns;
    size_t i, len = 0, n;

    if (size)
        buf[0] = 0;
    if (declared(code, nested, &ns) != 0)
        return 0;
    for (i = 0; i < ns.n && len < size; i++)
        len += (size_t)snprintf(buf + len, size - len, "%s%s", i ? " " : "", ns.v[i]);
    n = ns.n;
    names_free(&ns);
    return n;
}

/* Where rewrite() lengthened a STMT: the name at line:col (from 1) of
 * statement stmt, len bytes long, became REF_OPEN name REF_CLOSE. The
 * compiler's columns are mapped back through these. */
#define REF_OPEN  "(*bench_timeit_p."
#define REF_CLOSE ")"
typedef struct shift {
    size_t stmt;
    unsigned line, col;
    size_t len;
} shift;
typedef struct shifts {
    shift *v;
    size_t n, cap;
} shifts;

static void add_shift(shifts *sh, size_t stmt, const char *code, size_t at, size_t len)
{
    shift *p = array_grow(sh->v, &sh->cap, sh->n + 1, sizeof *sh->v);
    size_t i;
    if (!p)
        return; /* only a column would be off */
    sh->v = p;
    p = &sh->v[sh->n++];
    p->stmt = stmt;
    p->line = 1;
    p->col = 1;
    p->len = len;
    for (i = 0; i < at; i++) {
        if (code[i] == '\n')
            p->line++, p->col = 1;
        else
            p->col++;
    }
}

/* The column in statement stmt's own text of column col of line line of
 * its rewritten text. */
static unsigned original_column(const shifts *sh, size_t stmt, unsigned line, unsigned col)
{
    const size_t extra = strlen(REF_OPEN) + strlen(REF_CLOSE);
    size_t i, added = 0;
    for (i = 0; i < sh->n; i++) {
        const shift *s = &sh->v[i];
        size_t start;
        if (s->stmt != stmt || s->line != line)
            continue;
        start = s->col + added; /* where the replacement begins, rewritten */
        if (col < start)
            break;
        if (col < start + s->len + extra) { /* inside it: on the name, or its start */
            size_t into = col - start;
            return (unsigned)(s->col + (into >= strlen(REF_OPEN) && into - strlen(REF_OPEN) < s->len
                                            ? into - strlen(REF_OPEN)
                                            : 0));
        }
        added += extra;
    }
    return (unsigned)(col - added);
}

/* STMT number stmt with each token that names one of SETUP's variables
 * (vars) made (*bench_timeit_p.NAME), recorded in sh; everything else,
 * comments and directives included, as it was, so its lines keep their
 * numbers. */
static void rewrite(text *t, size_t stmt, const char *code, const names *vars, shifts *sh)
{
    lexed L;
    size_t i, at = 0;

    if (vars->n == 0 || lex(&L, code) != 0) {
        if (vars->n != 0)
            free(L.t);
        put(t, code);
        return;
    }
    for (i = 0; i < L.n; i++) {
        const tok *k = &L.t[i];
        if (!k->word || !has(vars, code + k->at, k->len))
            continue;
        if (i > 0 && (is(&L, i - 1, ".") || is(&L, i - 1, "->") || is(&L, i - 1, "struct") ||
                      is(&L, i - 1, "union") || is(&L, i - 1, "enum") || is(&L, i - 1, "goto")))
            continue;
        put_n(t, code + at, k->at - at);
        put(t, REF_OPEN);
        put_n(t, code + k->at, k->len);
        put(t, REF_CLOSE);
        add_shift(sh, stmt, code, k->at, k->len);
        at = k->at + k->len;
    }
    put(t, code + at);
    free(L.t);
}

/* ------------------------------------------------------------ arguments */

/* What the command line asked for. Arrays of pointers into argv. */
typedef struct spec {
    text setup, teardown, global; /* each -s, -t, -g joined by newlines */
    const char **headers, **incdirs, **libs, **stmts;
    size_t nheaders, nincdirs, nlibs, nstmts;
    text cflags;
    char **pass; /* the options for cli_parse, after a program name */
    int npass;
    int help;
    const char *items, *bytes; /* --items, --bytes: expressions in N */
} spec;

static void spec_free(spec *sp)
{
    free(sp->setup.s);
    free(sp->teardown.s);
    free(sp->global.s);
    free(sp->cflags.s);
    free(sp->headers);
    free(sp->incdirs);
    free(sp->libs);
    free(sp->stmts);
    free(sp->pass);
}

/* The options of bench that mean the same here, and which take a value. */
static const struct passed {
    const char *name;
    char short_name;
    int value;
} passed[] = {
    {"sizes", 0, 1},     {"number", 'n', 1}, {"repeat", 'r', 1},   {"min-time", 0, 1},
    {"precision", 0, 1}, {"format", 0, 1},   {"output", 'o', 1},   {"compare", 0, 1},
    {"threshold", 0, 1}, {"timeout", 0, 1},  {"no-isolate", 0, 0}, {"quiet", 'q', 0},
    {"verbose", 'v', 0}, {"no-color", 0, 0}, {"latency", 0, 0},
};

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

static void join(text *t, const char *v)
{
    if (t->len)
        put(t, "\n");
    put(t, v);
}

static void apply_own(spec *sp, char short_name, const char *v)
{
    switch (short_name) {
    case 's': join(&sp->setup, v); break;
    case 't': join(&sp->teardown, v); break;
    case 'g': join(&sp->global, v); break;
    case 'i': sp->headers[sp->nheaders++] = v; break;
    case 'I': sp->incdirs[sp->nincdirs++] = v; break;
    case 'l': sp->libs[sp->nlibs++] = v; break;
    case 'X': sp->items = v; break;
    case 'B': sp->bytes = v; break;
    default: put(&sp->cflags, " "), put(&sp->cflags, v); break; /* --cflags */
    }
}

static void pass_on(spec *sp, char *arg)
{
    sp->pass[sp->npass++] = arg;
}

/* --name, --name=value, --name value. */
static int long_option(spec *sp, int argc, char **argv, int *i)
{
    char *arg = argv[*i], *name = arg + 2, *eq = strchr(name, '=');
    size_t len = eq ? (size_t)(eq - name) : strlen(name), k;
    char *v = eq ? eq + 1 : NULL;

    if (len == 4 && strncmp(name, "help", 4) == 0 && !eq) {
        sp->help = 1;
        return 0;
    }
    for (k = 0; k < sizeof own / sizeof own[0]; k++)
        if (strlen(own[k].name) == len && strncmp(own[k].name, name, len) == 0) {
            if (!v && *i + 1 >= argc)
                return fail("--%s: missing value (see %s --help)", own[k].name, me);
            apply_own(sp, own[k].code, v ? v : argv[++*i]);
            return 0;
        }
    for (k = 0; k < sizeof passed / sizeof passed[0]; k++)
        if (strlen(passed[k].name) == len && strncmp(passed[k].name, name, len) == 0) {
            pass_on(sp, arg);
            if (passed[k].value && !v && *i + 1 < argc)
                pass_on(sp, argv[++*i]);
            return 0;
        }
    return fail("unknown option '--%.*s' (see %s --help)", (int)len, name, me);
}

/* -s SETUP, -sSETUP, bundles like -qv, -qs SETUP. */
static int short_options(spec *sp, int argc, char **argv, int *i)
{
    static char flag[][3] = {"-q", "-v"};
    const char *s;
    size_t k;

    for (s = argv[*i] + 1; *s; s++) {
        char c = *s;
        const char *v = s[1] ? s + 1 : NULL;
        if (c == 'h') {
            sp->help = 1;
            continue;
        }
        for (k = 0; k < sizeof own / sizeof own[0] && own[k].short_name != c; k++)
            ;
        if (k < sizeof own / sizeof own[0]) {
            if (!v && *i + 1 >= argc)
                return fail("-%c: missing value (see %s --help)", c, me);
            apply_own(sp, c, v ? v : argv[++*i]);
            return 0;
        }
        if (c == 'q' || c == 'v') {
            pass_on(sp, flag[c == 'v']);
            continue;
        }
        if (c == 'n' || c == 'r' || c == 'o') {
            static char opt[][3] = {"-n", "-r", "-o"};
            if (!v && *i + 1 >= argc)
                return fail("-%c: missing value (see %s --help)", c, me);
            pass_on(sp, opt[c == 'n' ? 0 : c == 'r' ? 1 : 2]);
            pass_on(sp, (char *)(v ? v : argv[++*i]));
            return 0;
        }
        return fail("unknown option '-%c' (see %s --help)", c, me);
    }
    return 0;
}

static int parse(spec *sp, int argc, char **argv)
{
    size_t n = (size_t)argc + 1;
    int i, only_stmts = 0, rc;

    memset(sp, 0, sizeof *sp);
    sp->headers = calloc(n, sizeof *sp->headers);
    sp->incdirs = calloc(n, sizeof *sp->incdirs);
    sp->libs = calloc(n, sizeof *sp->libs);
    sp->stmts = calloc(n, sizeof *sp->stmts);
    sp->pass = calloc(n * 2 + 1, sizeof *sp->pass);
    if (!sp->headers || !sp->incdirs || !sp->libs || !sp->stmts || !sp->pass)
        return fail("out of memory");
    sp->pass[sp->npass++] = me; /* cli_parse's program name: its messages say "bench timeit" */
    for (i = 1; i < argc; i++) {
        char *arg = argv[i];
        if (only_stmts || arg[0] != '-' || arg[1] == 0)
            sp->stmts[sp->nstmts++] = arg;
        else if (strcmp(arg, "--") == 0)
            only_stmts = 1;
        else if ((rc = arg[1] == '-' ? long_option(sp, argc, argv, &i)
                                     : short_options(sp, argc, argv, &i)) != 0)
            return rc;
    }
    return sp->setup.oom || sp->teardown.oom || sp->global.oom || sp->cflags.oom
               ? fail("out of memory")
               : 0;
}

static const char usage_text[] =
    "usage: %s [OPTIONS] STMT [STMT...]\n"
    "Time C statements given on the command line, like python -m timeit: each STMT\n"
    "is compiled (with $CC, default cc, at -O2) into a shared object and measured as\n"
    "a registered case is: one call is one run of STMT. Several STMTs are measured\n"
    "interleaved, the first the baseline of the others.\n"
    "\n"
    "  -s, --setup CODE     run once per size before timing, in STMT's scope, with\n"
    "                       size_t N defined (1 without --sizes); its variables are\n"
    "                       STMT's (not its types: declare those with -g; nor\n"
    "                       register variables or variable-length arrays)\n"
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
    "      --min-time SEC   time budget per statement and size (default 0.5)\n"
    "      --precision PCT  stop once the median's 95%% CI is within +-PCT (default 1)\n"
    "      --latency        also time calls one by one: p50 p90 p99 p99.9 max (as bench)\n"
    "      --format FMT     %s; default timeit for one size, the table for more\n"
    "  -o, --output FILE    write the result to FILE, as bench does\n"
    "      --compare FILE   compare with a saved JSON result; --threshold PCT\n"
    "      --timeout SEC    a statement still running after SEC fails (default 60)\n"
    "      --no-isolate     run in this process, not in a child\n"
    "  -q, --quiet          no progress;  --no-color  no color\n"
    "  -v, --verbose        the compiler's command and time, then bench's -v\n"
    "  -h, --help           this help\n"
    "SETUP, STMT and TEARDOWN may span lines; the compiler's messages name them\n"
    "<setup>, <stmt 1>, ... with their own line numbers. Put -- before a STMT that\n"
    "starts with '-'. Names starting bench_timeit_ are reserved.\n"
    "\n"
    "Exit status: 0 success, 1 a statement failed (crashed, hung) or regressed,\n"
    "2 usage error, or the code did not compile or load.\n";

static void usage(void)
{
    char names[128];
    printf(usage_text, me, report_format_names(names, sizeof names));
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

/* The whole source, from the spec and SETUP's variables. */
/* --items / --bytes: a function of N, bench_timeit_items or _bytes. */
static void throughput(text *t, const char *what, const char *expr)
{
    char name[16];
    if (!expr)
        return;
    snprintf(name, sizeof name, "<%s>", what);
    putf(t, "BENCH_TIMEIT_EXPORT double bench_timeit_%s(size_t N)\n{\n(void)N;\nreturn (double)(\n",
         what);
    part(t, name, expr);
    put(t, ");\n}\n");
}

static void generate(text *t, const spec *sp, const names *vars, int have_bench_h, shifts *sh)
{
    static const char *const std_headers[] = {"stddef.h", "stdint.h", "stdio.h", "stdlib.h",
                                              "string.h", "math.h",   NULL};
    size_t i, k;

    put(t, "/* bench timeit: generated; every part under its own #line name */\n");
    for (i = 0; std_headers[i]; i++)
        putf(t, "#include <%s>\n", std_headers[i]);
    if (have_bench_h)
        put(t, "#include <bench.h>\n");
    for (i = 0; i < sp->nheaders; i++) {
        const char *h = sp->headers[i];
        if (h[0] == '<' || h[0] == '"')
            putf(t, "#include %s\n", h);
        else
            putf(t, "#include <%s>\n", h);
    }
    /* bench.h's two barriers, when its file is not at hand */
    put(t, "#ifndef bench_keep\n"
           "#define bench_keep(x) do { __typeof__(x) bench_keep_v_ = (x); "
           "__asm__ __volatile__(\"\" : : \"r,m\"(bench_keep_v_) : \"memory\"); } while (0)\n"
           "#endif\n"
           "#ifndef bench_clobber\n"
           "#define bench_clobber() __asm__ __volatile__(\"\" : : : \"memory\")\n"
           "#endif\n"
           "#define BENCH_TIMEIT_EXPORT __attribute__((visibility(\"default\"), used))\n");
    resync(t);
    if (sp->global.len)
        part(t, "<global>", sp->global.s);

    /* SETUP runs here, on its thread; its variables are published, the
     * thread parks until teardown, then TEARDOWN runs in the same scope. */
    put(t, "BENCH_TIMEIT_EXPORT void bench_timeit_frame(size_t N, void **bench_timeit_v,\n"
           "    void (*bench_timeit_park)(void *), void *bench_timeit_ctx)\n{\n"
           "(void)N; (void)bench_timeit_v;\n");
    part(t, "<setup>", sp->setup.len ? sp->setup.s : "");
    put(t, ";\n");
    for (k = 0; k < vars->n; k++)
        putf(t, "bench_timeit_v[%zu] = (void *)&%s;\n", k + 1, vars->v[k]);
    put(t, "bench_timeit_park(bench_timeit_ctx);\n");
    part(t, "<teardown>", sp->teardown.len ? sp->teardown.s : "");
    put(t, ";\n}\n");

    /* A function of its own for each STMT, the harness's run: the types of
     * SETUP's variables come from a copy of SETUP that is never run. */
    for (i = 0; i < sp->nstmts; i++) {
        char name[32];
        snprintf(name, sizeof name, "<stmt %zu>", i + 1);
        putf(t,
             "BENCH_TIMEIT_EXPORT void bench_timeit_stmt_%zu(void *bench_timeit_s)\n{\n"
             "void *const *bench_timeit_v = bench_timeit_s;\n"
             "size_t N = *(const size_t *)bench_timeit_v[0];\n",
             i + 1);
        if (vars->n) {
            put(t, "__typeof__(__extension__({\n");
            part(t, "<setup>", sp->setup.s);
            put(t, ";\nstruct {\n");
            for (k = 0; k < vars->n; k++)
                putf(t, "__typeof__(&%s) %s;\n", vars->v[k], vars->v[k]);
            put(t, "} bench_timeit_t;\nbench_timeit_t; })) bench_timeit_p;\n");
            for (k = 0; k < vars->n; k++)
                putf(t, "bench_timeit_p.%s = bench_timeit_v[%zu];\n", vars->v[k], k + 1);
        }
        put(t, "(void)N;\n{\n");
        putf(t, "#line 1 \"%s\"\n", name);
        rewrite(t, i + 1, sp->stmts[i], vars, sh);
        glue(t);
        put(t, ";\n}\n}\n");
    }
    throughput(t, "items", sp->items);
    throughput(t, "bytes", sp->bytes);
}

/* ------------------------------------------------------------- compiling */

/* The signals that end bench, held off while the directory exists. */
static const int ending[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
#define NENDING (sizeof ending / sizeof ending[0])
static volatile sig_atomic_t caught;

static void on_ending(int sig)
{
    caught = sig;
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
        return fail("cannot create a temporary directory in %s: %s", tmp, strerror(errno));
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
    text words; /* $CC and --cflags, split in place */
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

static int build_command(command_line *c, const spec *sp, const workdir *w, const char *incdir,
                         text *owned)
{
    const char *cc = getenv("CC");
    size_t i, cc_at, flags_at, lib_at;

    memset(c, 0, sizeof *c);
    if (!cc || !*cc)
        cc = "cc";
    /* One buffer for every string the argv points into, so it never moves
     * under them: $CC, the --cflags, "-lLIB"s, each NUL-separated. */
    cc_at = owned->len;
    put(owned, cc);
    put_n(owned, "", 1);
    flags_at = owned->len;
    put(owned, sp->cflags.len ? sp->cflags.s : "");
    put_n(owned, "", 1);
    lib_at = owned->len;
    for (i = 0; i < sp->nlibs; i++) {
        put(owned, strchr(sp->libs[i], '/') ? "" : "-l");
        put(owned, sp->libs[i]);
        put_n(owned, "", 1);
    }
    if (owned->oom)
        return fail("out of memory");
    split(c, owned->s + cc_at);
    if (c->n == 0)
        return fail("$CC is blank (expected a C compiler like cc or gcc)");
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
    return c->oom ? fail("out of memory") : 0;
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
static int run_compiler(char *const *argv, const guard *g, text *out, int *status)
{
    int pipefd[2], errfd[2], err = 0;
    pid_t pid;
    ssize_t n;
    char buf[4096];

    if (pipe(pipefd) != 0 || pipe2(errfd, O_CLOEXEC) != 0)
        return fail("cannot run the C compiler: pipe: %s", strerror(errno));
    fflush(NULL);
    if ((pid = fork()) < 0) {
        err = errno;
        close(pipefd[0]), close(pipefd[1]), close(errfd[0]), close(errfd[1]);
        return fail("cannot run the C compiler: fork: %s", strerror(err));
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
            put_n(out, buf, (size_t)n);
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
        return fail("cannot run the C compiler '%s' (from $CC, default cc): %s", argv[0],
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
static void flush_block(text *all, text *block, char ***seen, size_t *nseen, size_t *cap)
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
        put(all, block->s);
        (*seen)[(*nseen)++] = block->s;
    } else {
        free(block->s);
    }
    memset(block, 0, sizeof *block);
}

/* A line of a message, into block: the temporary source's path shown as
 * <bench timeit>, a column in a STMT as the user wrote it. */
static void message_line(text *block, const char *p, size_t len, const workdir *w, const shifts *sh)
{
    const char *q = p, *e = p + len, *hit;
    size_t srclen = strlen(w->src);
    unsigned long stmt, line, col;
    int used = 0;

    if (sscanf(p, "<stmt %lu>:%lu:%lu:%n", &stmt, &line, &col, &used) == 3 && used > 0 &&
        (size_t)used <= len) {
        putf(block, "<stmt %lu>:%lu:%u:", stmt, line,
             original_column(sh, stmt, (unsigned)line, (unsigned)col));
        q = p + used;
    }
    while ((hit = memmem(q, (size_t)(e - q), w->src, srclen)) != NULL) {
        put_n(block, q, (size_t)(hit - q));
        put(block, GLUE);
        q = hit + srclen;
    }
    put_n(block, q, (size_t)(e - q));
    put(block, "\n");
}

/* The compiler's output as the user should read it, on stderr: each line
 * as message_line() has it, the noise left out, and each message (its
 * line and those up to the next message) once, since SETUP is compiled
 * more than once. */
static void show_messages(const text *out, const workdir *w, const shifts *sh)
{
    char **seen = NULL;
    size_t nseen = 0, cap = 0, i;
    text all = {0}, block = {0};
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

/* ----------------------------------------------------- the loaded object */

typedef void (*frame_fn)(size_t n, void **v, void (*park)(void *), void *ctx);

static struct {
    frame_fn frame;
    size_t nvars;
} loaded;

/* Write source, compile, load, and remove the directory: every exit path
 * of this function leaves no directory. Returns 0, 1 (interrupted) or 2. */
static int compile_and_load(const spec *sp, const names *vars, int verbose, void **handle)
{
    char incbuf[PATH_MAX];
    const char *incdir = bench_h_dir(incbuf, sizeof incbuf);
    text src = {0}, out = {0}, owned = {0};
    shifts sh = {0};
    command_line cmd = {0};
    workdir w = {0};
    guard g;
    FILE *f;
    int rc, status = 0;
    double t0;

    generate(&src, sp, vars, incdir != NULL, &sh);
    if (src.oom)
        return fail("out of memory");
    guard_on(&g);
    if ((rc = workdir_make(&w)) != 0)
        goto done;
    if (!(f = fopen(w.src, "w")) || fputs(src.s, f) == EOF || fclose(f) != 0) {
        rc = fail("cannot write %s: %s", w.src, strerror(errno));
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
        fprintf(stderr, "%s: compiled in %.2f s:", me, now_s() - t0);
        for (i = 0; i < cmd.n; i++)
            fprintf(stderr, " %s", cmd.argv[i]);
        fprintf(stderr, "\n%s: bench.h %s%s\n", me, incdir ? "from " : "",
                incdir ? incdir : "not found: bench_keep and bench_clobber defined inline");
    }
    if (WIFSIGNALED(status))
        rc = fail("the C compiler '%s' was killed by signal %d", cmd.argv[0], WTERMSIG(status));
    else if (WEXITSTATUS(status) != 0)
        rc = fail("the code did not compile ('%s' exited with status %d; its messages are above)",
                  cmd.argv[0], WEXITSTATUS(status));
    else if (access(w.obj, F_OK) != 0)
        rc = fail("the C compiler '%s' exited with status 0 but wrote no shared object",
                  cmd.argv[0]);
    else if (!(*handle = dlopen(w.obj, RTLD_NOW | RTLD_LOCAL)))
        rc = fail("the compiled code cannot be loaded (a library missing? add -l LIB): %s",
                  dlerror());
done:
    free(cmd.argv);
    workdir_remove(&w);
    if (guard_off(&g) && rc == 0)
        rc = 1;
    if (caught) {
        fail("interrupted while compiling");
        rc = 1;
    }
    free(src.s);
    free(out.s);
    free(owned.s);
    free(sh.v);
    return rc;
}

/* dlsym into a function pointer (ISO C has no cast between the two). */
static int symbol(void *handle, const char *name, void *fnptr, size_t size)
{
    void *sym = dlsym(handle, name);
    if (!sym)
        return fail("the compiled code has no %s: %s", name, dlerror());
    memcpy(fnptr, &sym, size);
    return 0;
}

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
static int register_cases(const spec *sp, void *handle, const cli_opts *o, const bench_case **sel)
{
    size_t i, k;
    char *setup_line;

    setup_line = one_line(sp->setup.len ? sp->setup.s : "");
    snprintf(group_desc, sizeof group_desc, "%s%s",
             setup_line && *setup_line ? "setup: " : "C statements from the command line",
             setup_line ? setup_line : "");
    free(setup_line);
    bench_register_group("timeit", group_desc);
    for (i = 0; i < sp->nstmts; i++) {
        bench_case *c = &cases[i];
        const bench_case *there;
        char sym[48];
        void (*run)(void *) = NULL;

        snprintf(case_names[i], sizeof case_names[i], "timeit/stmt%zu", i + 1);
        snprintf(sym, sizeof sym, "bench_timeit_stmt_%zu", i + 1);
        if (symbol(handle, sym, &run, sizeof run) != 0)
            return 2;
        there = bench_find(case_names[i]);
        if (there && there != c)
            return fail("a case named '%s' is registered already", case_names[i]);
        free(case_descs[i]);
        if (!(case_descs[i] = one_line(sp->stmts[i])))
            return fail("out of memory");
        memset(c, 0, sizeof *c);
        c->name = case_names[i];
        c->desc = case_descs[i];
        c->setup = timeit_setup;
        c->run = run;
        c->teardown = timeit_teardown;
        c->baseline = i > 0 ? case_names[0] : NULL;
        if ((sp->items && symbol(handle, "bench_timeit_items", &c->items_per_call,
                                 sizeof c->items_per_call) != 0) ||
            (sp->bytes && symbol(handle, "bench_timeit_bytes", &c->bytes_per_call,
                                 sizeof c->bytes_per_call) != 0))
            return 2;
        if (o->nsizes)
            for (k = 0; k < o->nsizes; k++)
                c->sizes[k] = o->sizes[k];
        else
            c->sizes[0] = 1;
        if (!there && bench_register(c) != BENCH_OK)
            return fail("cannot register '%s'", case_names[i]);
        sel[i] = c;
    }
    return 0;
}

/* -------------------------------------------------------------- the run */

/* A STMT must not declare a name SETUP gave it: the rewriting would turn
 * the declaration into nonsense. */
static int check_stmts(const spec *sp, const names *vars)
{
    size_t i, k;
    for (i = 0; i < sp->nstmts; i++) {
        names own_names;
        const char *s = sp->stmts[i];
        if (s[strspn(s, " \t\n\r\f\v")] == 0)
            return fail("STMT %zu is empty (%s)", i + 1, STMT_EXAMPLE);
        if (declared(s, 1, &own_names) != 0)
            return fail("out of memory");
        for (k = 0; k < own_names.n; k++)
            if (has(vars, own_names.v[k], strlen(own_names.v[k]))) {
                fail("STMT %zu declares '%s', a variable SETUP declares too; rename one", i + 1,
                     own_names.v[k]);
                names_free(&own_names);
                return 2;
            }
        names_free(&own_names);
    }
    return 0;
}

int timeit_main(int argc, char **argv, const char *prog)
{
    spec sp;
    cli_opts o;
    names vars = {0};
    const bench_case *sel[MAX_STMTS];
    void *handle = NULL;
    char err[512];
    int rc;

    snprintf(me, sizeof me, "%s timeit", prog ? prog : "bench");
    memset(&o, 0, sizeof o);
    if ((rc = parse(&sp, argc, argv)) != 0)
        goto out;
    if (sp.help) {
        usage();
        goto out;
    }
    if (cli_parse(sp.npass, sp.pass, &o, err, sizeof err) != 0) {
        rc = fail("%s", err);
        goto out;
    }
    if (sp.nstmts == 0) {
        rc = fail("no STMT to time (usage: %s [-s SETUP] ... STMT [STMT...]; see --help)", me);
        goto out;
    }
    if (sp.nstmts > MAX_STMTS) {
        rc = fail("%zu STMTs (at most %d)", sp.nstmts, MAX_STMTS);
        goto out;
    }
    if (declared(sp.setup.len ? sp.setup.s : "", 0, &vars) != 0) {
        rc = fail("out of memory");
        goto out;
    }
    if ((rc = check_stmts(&sp, &vars)) != 0)
        goto out;
    if (!o.format && !o.output && o.nsizes <= 1)
        o.format = report_format_named("timeit");
    if ((rc = compile_and_load(&sp, &vars, o.verbose, &handle)) != 0)
        goto out;
    loaded.nvars = vars.n;
    if ((rc = symbol(handle, "bench_timeit_frame", &loaded.frame, sizeof loaded.frame)) != 0 ||
        (rc = register_cases(&sp, handle, &o, sel)) != 0)
        goto out;
    rc = cli_run(&o, sel, sp.nstmts, prog ? prog : "bench");
out:
    names_free(&vars);
    cli_opts_free(&o);
    spec_free(&sp);
    return rc;
}
