/*
 * ccode.c - C code as text (ccode.h): the growable string, a lexer of C
 * (words, literals, punctuators; comments and directives skipped), a
 * scanner of statements and declarations that reports each declared
 * name with its depth, and the rewriting of a statement's names.
 */
#define _GNU_SOURCE /* strndup */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "ccode.h"

/* ------------------------------------------------------------------ text */

void ccode_put_n(ccode_text *t, const char *s, size_t n)
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

void ccode_put(ccode_text *t, const char *s)
{
    ccode_put_n(t, s, strlen(s));
}

void ccode_putf(ccode_text *t, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n >= 0)
        ccode_put_n(t, buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
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

int ccode_has(const ccode_names *ns, const char *s, size_t len)
{
    size_t i;
    for (i = 0; i < ns->n; i++)
        if (strlen(ns->v[i]) == len && strncmp(ns->v[i], s, len) == 0)
            return 1;
    return 0;
}

static void found(void *ctx, size_t t, int depth)
{
    ccode_names *ns = ctx;
    const char *s = ns->L->s + ns->L->t[t].at;
    size_t len = ns->L->t[t].len;
    char **p, *copy;

    if ((depth > 0 && !ns->nested) || ccode_has(ns, s, len) || ns->oom)
        return;
    if (!(p = array_grow(ns->v, &ns->cap, ns->n + 1, sizeof *ns->v)) || !(copy = strndup(s, len))) {
        ns->oom = 1;
        return;
    }
    ns->v = p;
    ns->v[ns->n++] = copy;
}

void ccode_names_free(ccode_names *ns)
{
    size_t i;
    for (i = 0; i < ns->n; i++)
        free(ns->v[i]);
    free(ns->v);
    memset(ns, 0, sizeof *ns);
}

/* The objects code declares (at its top level, or anywhere when nested).
 * Returns 0, or -1 when memory ran out. */
int ccode_declared(const char *code, int nested, ccode_names *out)
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

static void add_shift(ccode_shifts *sh, size_t stmt, const char *code, size_t at, size_t len)
{
    ccode_shift *p = array_grow(sh->v, &sh->cap, sh->n + 1, sizeof *sh->v);
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

/* The column in statement stmt's own ccode_text of column col of line line of
 * its rewritten text. */
unsigned ccode_original_column(const ccode_shifts *sh, size_t stmt, unsigned line, unsigned col)
{
    const size_t extra = strlen(CCODE_REF_OPEN) + strlen(CCODE_REF_CLOSE);
    size_t i, added = 0;
    for (i = 0; i < sh->n; i++) {
        const ccode_shift *s = &sh->v[i];
        size_t start;
        if (s->stmt != stmt || s->line != line)
            continue;
        start = s->col + added; /* where the replacement begins, rewritten */
        if (col < start)
            break;
        if (col < start + s->len + extra) { /* inside it: on the name, or its start */
            size_t into = col - start;
            return (unsigned)(s->col + (into >= strlen(CCODE_REF_OPEN) &&
                                                into - strlen(CCODE_REF_OPEN) < s->len
                                            ? into - strlen(CCODE_REF_OPEN)
                                            : 0));
        }
        added += extra;
    }
    return (unsigned)(col - added);
}

/* STMT number stmt with each token that ccode_names one of SETUP's variables
 * (vars) made (*bench_timeit_p.NAME), recorded in sh; everything else,
 * comments and directives included, as it was, so its lines keep their
 * numbers. */
void ccode_rewrite(ccode_text *t, size_t stmt, const char *code, const ccode_names *vars,
                   ccode_shifts *sh)
{
    lexed L;
    size_t i, at = 0;

    if (vars->n == 0 || lex(&L, code) != 0) {
        if (vars->n != 0)
            free(L.t);
        ccode_put(t, code);
        return;
    }
    for (i = 0; i < L.n; i++) {
        const tok *k = &L.t[i];
        if (!k->word || !ccode_has(vars, code + k->at, k->len))
            continue;
        if (i > 0 && (is(&L, i - 1, ".") || is(&L, i - 1, "->") || is(&L, i - 1, "struct") ||
                      is(&L, i - 1, "union") || is(&L, i - 1, "enum") || is(&L, i - 1, "goto")))
            continue;
        ccode_put_n(t, code + at, k->at - at);
        ccode_put(t, CCODE_REF_OPEN);
        ccode_put_n(t, code + k->at, k->len);
        ccode_put(t, CCODE_REF_CLOSE);
        add_shift(sh, stmt, code, k->at, k->len);
        at = k->at + k->len;
    }
    ccode_put(t, code + at);
    free(L.t);
}
