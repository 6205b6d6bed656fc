/*
 * json.c - a strict RFC 8259 reader, for baselines written by
 * `bench --format json` (or Google Benchmark). It never trusts its input:
 * bounded nesting, checked lengths, and every error located by line and
 * column.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "array.h"
#include "bench.h"
#include "error.h"
#include "json.h"

#define MAX_DEPTH 64

typedef struct parser {
    const char *s, *end, *p;
    char *err;
    size_t errsz;
    int failed;
} parser;

static void where(const parser *ps, size_t *line, size_t *col)
{
    const char *q;
    *line = 1;
    *col = 1;
    for (q = ps->s; q < ps->p; q++) {
        if (*q == '\n') {
            ++*line;
            *col = 1;
        } else {
            ++*col;
        }
    }
}

static int fail(parser *ps, const char *fmt, ...)
{
    size_t line, col, len;
    va_list ap;
    if (ps->failed)
        return -1;
    ps->failed = 1;
    where(ps, &line, &col);
    if (ps->errsz == 0)
        return -1;
    error_set(ps->err, ps->errsz, -1, "line %zu, column %zu: ", line, col);
    len = strlen(ps->err);
    va_start(ap, fmt);
    error_vset(ps->err + len, ps->errsz - len, -1, fmt, ap);
    va_end(ap);
    return -1;
}

static void skip_ws(parser *ps)
{
    while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r'))
        ps->p++;
}

static int literal(parser *ps, const char *word)
{
    size_t n = strlen(word);
    if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, word, n) != 0)
        return fail(ps, "invalid literal where a JSON value should be");
    ps->p += n;
    return 0;
}

static int hex4(parser *ps, unsigned *out)
{
    unsigned v = 0;
    int i;
    if (ps->end - ps->p < 4)
        return fail(ps, "truncated \\u escape");
    for (i = 0; i < 4; i++) {
        char c = *ps->p++;
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (unsigned)(c - 'A' + 10);
        else
            return fail(ps, "bad hex digit in \\u escape");
    }
    *out = v;
    return 0;
}

static size_t put_utf8(char *o, unsigned cp)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | (cp >> 6));
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12));
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (cp >> 18));
    o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* A string; the decoded text is never longer than the source, so one
 * allocation of the source length suffices. */
/* A \u escape at ps->p (after the "\u"), a surrogate pair included, as
 * UTF-8 at *o. -1 after fail(). */
static int unicode_escape(parser *ps, char **o)
{
    unsigned cp, lo;
    if (hex4(ps, &cp) != 0)
        return -1;
    if (cp >= 0xD800 && cp <= 0xDBFF) {
        if (ps->end - ps->p < 6 || ps->p[0] != '\\' || ps->p[1] != 'u')
            return fail(ps, "unpaired surrogate in \\u escape");
        ps->p += 2;
        if (hex4(ps, &lo) != 0)
            return -1;
        if (lo < 0xDC00 || lo > 0xDFFF)
            return fail(ps, "unpaired surrogate in \\u escape");
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
        return fail(ps, "unpaired surrogate in \\u escape");
    }
    *o += put_utf8(*o, cp);
    return 0;
}

/* The escape after a backslash at ps->p, decoded to *o. -1 after fail(). */
static int escape(parser *ps, char **o)
{
    static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
    const char *hit = *ps->p ? strchr(from, *ps->p) : NULL;

    if (*ps->p == 'u') {
        ps->p++;
        return unicode_escape(ps, o);
    }
    if (!hit)
        return fail(ps, "invalid escape in string");
    *(*o)++ = to[hit - from];
    ps->p++;
    return 0;
}

static int parse_string(parser *ps, char **out, size_t *outlen)
{
    const char *start = ++ps->p, *q = start;
    char *buf, *o;

    while (q < ps->end && *q != '"') {
        if (*q == '\\' && q + 1 < ps->end)
            q++;
        q++;
    }
    if (q >= ps->end)
        return fail(ps, "unterminated string");
    buf = malloc((size_t)(q - start) + 1);
    if (!buf)
        return fail(ps, "out of memory");
    o = buf;
    while (*ps->p != '"') {
        unsigned char c = (unsigned char)*ps->p;
        if (c < 0x20) {
            free(buf);
            return fail(ps, "unescaped control character in string");
        }
        if (c != '\\') {
            *o++ = (char)c;
            ps->p++;
        } else if (ps->p++, escape(ps, &o) != 0) {
            free(buf);
            return -1;
        }
    }
    ps->p++;
    *o = 0;
    *out = buf;
    if (outlen)
        *outlen = (size_t)(o - buf);
    return 0;
}

static int parse_number(parser *ps, double *out)
{
    const char *q = ps->p;
    char tmp[64];
    size_t len;

    if (q < ps->end && *q == '-')
        q++;
    if (q < ps->end && *q == '0') {
        q++;
    } else if (q < ps->end && *q >= '1' && *q <= '9') {
        while (q < ps->end && *q >= '0' && *q <= '9')
            q++;
    } else {
        return fail(ps, "invalid number");
    }
    if (q < ps->end && *q == '.') {
        q++;
        if (q >= ps->end || *q < '0' || *q > '9')
            return fail(ps, "invalid number: no digit after '.'");
        while (q < ps->end && *q >= '0' && *q <= '9')
            q++;
    }
    if (q < ps->end && (*q == 'e' || *q == 'E')) {
        q++;
        if (q < ps->end && (*q == '+' || *q == '-'))
            q++;
        if (q >= ps->end || *q < '0' || *q > '9')
            return fail(ps, "invalid number: no digit in its exponent");
        while (q < ps->end && *q >= '0' && *q <= '9')
            q++;
    }
    len = (size_t)(q - ps->p);
    if (len >= sizeof tmp)
        return fail(ps, "number too long");
    memcpy(tmp, ps->p, len);
    tmp[len] = 0;
    *out = strtod(tmp, NULL);
    if (!isfinite(*out))
        return fail(ps, "number out of range");
    ps->p = q;
    return 0;
}

static int parse_value(parser *ps, json_value *v, int depth);

/* A finished array or object gives back the room it grew into but did not
 * use: a baseline of millions of small objects stays near the file's size.
 * (When realloc cannot shrink, the larger block is kept.) */
static void *shrink(void *items, size_t cap, size_t n, size_t elem)
{
    void *p;
    if (n == 0 || n == cap)
        return items;
    p = realloc(items, n * elem);
    return p ? p : items;
}

static int parse_array(parser *ps, json_value *v, int depth)
{
    size_t cap = 0;
    v->type = JSON_ARRAY;
    ps->p++;
    skip_ws(ps);
    if (ps->p < ps->end && *ps->p == ']') {
        ps->p++;
        return 0;
    }
    for (;;) {
        json_value *items = array_grow(v->u.arr.items, &cap, v->u.arr.n + 1, sizeof *items);
        if (!items)
            return fail(ps, "out of memory");
        v->u.arr.items = items;
        /* Counted before it is parsed, so json_free also frees a partly
         * parsed item when the document turns out malformed. */
        if (parse_value(ps, &v->u.arr.items[v->u.arr.n++], depth + 1) != 0)
            return -1;
        skip_ws(ps);
        if (ps->p < ps->end && *ps->p == ',') {
            ps->p++;
            continue;
        }
        if (ps->p < ps->end && *ps->p == ']') {
            ps->p++;
            v->u.arr.items = shrink(v->u.arr.items, cap, v->u.arr.n, sizeof *v->u.arr.items);
            return 0;
        }
        return fail(ps, "expected ',' or ']' in array");
    }
}

static int parse_object(parser *ps, json_value *v, int depth)
{
    size_t cap = 0;
    v->type = JSON_OBJECT;
    ps->p++;
    skip_ws(ps);
    if (ps->p < ps->end && *ps->p == '}') {
        ps->p++;
        return 0;
    }
    for (;;) {
        json_member *members, *m;
        if (ps->p >= ps->end || *ps->p != '"')
            return fail(ps, "expected a string key in object");
        members = array_grow(v->u.obj.members, &cap, v->u.obj.n + 1, sizeof *members);
        if (!members)
            return fail(ps, "out of memory");
        v->u.obj.members = members;
        m = &v->u.obj.members[v->u.obj.n];
        memset(m, 0, sizeof *m);
        if (parse_string(ps, &m->key, NULL) != 0)
            return -1;
        v->u.obj.n++;
        skip_ws(ps);
        if (ps->p >= ps->end || *ps->p != ':')
            return fail(ps, "expected ':' after object key");
        ps->p++;
        if (parse_value(ps, &m->value, depth + 1) != 0)
            return -1;
        skip_ws(ps);
        if (ps->p < ps->end && *ps->p == ',') {
            ps->p++;
            skip_ws(ps);
            continue;
        }
        if (ps->p < ps->end && *ps->p == '}') {
            ps->p++;
            v->u.obj.members = shrink(v->u.obj.members, cap, v->u.obj.n, sizeof *v->u.obj.members);
            return 0;
        }
        return fail(ps, "expected ',' or '}' in object");
    }
}

static int parse_value(parser *ps, json_value *v, int depth)
{
    memset(v, 0, sizeof *v);
    if (depth > MAX_DEPTH)
        return fail(ps, "nested deeper than %d levels", MAX_DEPTH);
    skip_ws(ps);
    if (ps->p >= ps->end)
        return fail(ps, "the input ends where a JSON value should be");
    switch (*ps->p) {
    case '{': return parse_object(ps, v, depth);
    case '[': return parse_array(ps, v, depth);
    case '"': v->type = JSON_STRING; return parse_string(ps, &v->u.str.s, &v->u.str.len);
    case 't':
        v->type = JSON_BOOL;
        v->u.b = 1;
        return literal(ps, "true");
    case 'f': v->type = JSON_BOOL; return literal(ps, "false");
    case 'n': v->type = JSON_NULL; return literal(ps, "null");
    default: v->type = JSON_NUMBER; return parse_number(ps, &v->u.num);
    }
}

int json_parse(const char *text, size_t len, json_value *out, char *err, size_t errsz)
{
    parser ps;
    ps.s = ps.p = text;
    ps.end = text + len;
    ps.err = err;
    ps.errsz = errsz;
    ps.failed = 0;
    if (parse_value(&ps, out, 0) == 0) {
        skip_ws(&ps);
        if (ps.p != ps.end)
            fail(&ps, "unexpected data after the JSON value");
    }
    if (ps.failed) {
        json_free(out);
        return BENCH_EPARSE;
    }
    return BENCH_OK;
}

void json_free(json_value *v)
{
    size_t i;
    if (!v)
        return;
    switch (v->type) {
    case JSON_STRING: free(v->u.str.s); break;
    case JSON_ARRAY:
        for (i = 0; i < v->u.arr.n; i++)
            json_free(&v->u.arr.items[i]);
        free(v->u.arr.items);
        break;
    case JSON_OBJECT:
        for (i = 0; i < v->u.obj.n; i++) {
            free(v->u.obj.members[i].key);
            json_free(&v->u.obj.members[i].value);
        }
        free(v->u.obj.members);
        break;
    default: break;
    }
    memset(v, 0, sizeof *v);
}

const json_value *json_get(const json_value *obj, const char *key)
{
    size_t i;
    if (!obj || obj->type != JSON_OBJECT)
        return NULL;
    for (i = 0; i < obj->u.obj.n; i++)
        if (strcmp(obj->u.obj.members[i].key, key) == 0)
            return &obj->u.obj.members[i].value;
    return NULL;
}

/* "cannot read 'path': why (what is accepted)". */
static int cannot_read(const char *path, const char *writer, int e, char *err, size_t errsz)
{
    return error_set(err, errsz, BENCH_EIO,
                     "cannot read '%s': %s (expected a JSON file written by %s)", path, strerror(e),
                     writer);
}

/* Opened without blocking (a FIFO would otherwise wait for a writer) and
 * checked with fstat on the descriptor read, so what is checked is what is
 * read. */
int json_read_file(const char *path, const char *writer, char **text, size_t *len, char *err,
                   size_t errsz)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK);
    struct stat st;
    size_t cap = 1 << 16, n = 0;
    char *buf;

    if (fd < 0)
        return cannot_read(path, writer, errno, err, errsz);
    if (fstat(fd, &st) != 0) {
        int e = errno;
        close(fd);
        return cannot_read(path, writer, e, err, errsz);
    }
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        return error_set(err, errsz, BENCH_EIO,
                         "'%s': not a regular file (expected a JSON file written by %s)", path,
                         writer);
    }
    if (st.st_size > (off_t)JSON_MAX_FILE) {
        close(fd);
        return error_set(err, errsz, BENCH_EIO, "'%s' is too large (at most 256 MiB)", path);
    }
    buf = malloc(cap);
    while (buf) {
        ssize_t got = read(fd, buf + n, cap - n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            int e = errno;
            free(buf);
            close(fd);
            return cannot_read(path, writer, e, err, errsz);
        }
        if (got == 0)
            break;
        n += (size_t)got;
        if (n == cap) {
            char *nb = cap >= JSON_MAX_FILE ? NULL : array_grow(buf, &cap, cap + 1, 1);
            if (!nb) {
                free(buf);
                close(fd);
                return error_set(err, errsz, BENCH_EIO, "'%s' is too large (at most 256 MiB)",
                                 path);
            }
            buf = nb;
        }
    }
    close(fd);
    if (!buf)
        return error_set(err, errsz, BENCH_ENOMEM, "out of memory reading '%s'", path);
    *text = buf;
    *len = n;
    return BENCH_OK;
}
