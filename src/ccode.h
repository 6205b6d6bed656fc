/*
 * ccode.h - C code as text, for bench timeit (timeit.c, snippet.c): a
 * growable string that counts its lines (for #line directives), and a
 * scanner of C statements that finds the objects they declare and
 * rewrites a statement's uses of them. It never has to understand an
 * initializer or an expression: declared names only.
 */
#ifndef BENCH_CCODE_H
#define BENCH_CCODE_H

#include <stddef.h>

/* A growable string that counts the lines written to it, for #line. */
typedef struct ccode_text {
    char *s;
    size_t len, cap;
    unsigned line; /* the line the next byte is on */
    int oom;       /* memory ran out: the rest was dropped */
} ccode_text;

void ccode_put_n(ccode_text *t, const char *s, size_t n);
void ccode_put(ccode_text *t, const char *s);
void ccode_putf(ccode_text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Names, each a token's text (owned). */
typedef struct ccode_names {
    char **v;
    size_t n, cap;
    int oom;
    int nested;            /* collect at every depth, not the top level only */
    const struct lexed *L; /* while scanning */
} ccode_names;

/* The objects code declares, in order: at its top level (nested == 0;
 * what SETUP shares with STMT), or in any block and for loop as well.
 * Types, typedefs, functions and register variables are not objects.
 * Returns 0, or -1 when memory ran out; free *out with ccode_names_free
 * either way. */
int ccode_declared(const char *code, int nested, ccode_names *out);
/* Whether ns holds the len bytes at s. */
int ccode_has(const ccode_names *ns, const char *s, size_t len);
void ccode_names_free(ccode_names *ns);

/* Where ccode_rewrite lengthened a statement: the name at line:col (from
 * 1) of statement stmt, len bytes long, became CCODE_REF_OPEN name
 * CCODE_REF_CLOSE. The compiler's columns are mapped back through these. */
#define CCODE_REF_OPEN  "(*bench_timeit_p."
#define CCODE_REF_CLOSE ")"
typedef struct ccode_shift {
    size_t stmt;
    unsigned line, col;
    size_t len;
} ccode_shift;
typedef struct ccode_shifts {
    ccode_shift *v;
    size_t n, cap;
} ccode_shifts;

/* Statement number stmt into t, each token that names one of vars made
 * (*bench_timeit_p.NAME) (not after '.', '->', a struct tag or goto), and
 * recorded in sh; everything else, comments and directives included, as
 * it was, so its lines keep their numbers. */
void ccode_rewrite(ccode_text *t, size_t stmt, const char *code, const ccode_names *vars,
                   ccode_shifts *sh);
/* The column in statement stmt's own text of column col of line line of
 * its rewritten text. */
unsigned ccode_original_column(const ccode_shifts *sh, size_t stmt, unsigned line, unsigned col);

#endif
