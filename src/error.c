/* error.c - error codes as text, and messages written into a caller's buffer. */
#include <stdio.h>
#include <string.h>

#include "bench.h"
#include "error.h"

const char *bench_strerror(int err)
{
    switch (err) {
    case BENCH_OK: return "success";
    case BENCH_EINVAL: return "invalid argument";
    case BENCH_ENOMEM: return "out of memory";
    case BENCH_ECLOCK: return "clock_gettime failed";
    case BENCH_ESETUP: return "setup failed (size too large to allocate?)";
    case BENCH_ECHECK: return "answer differs from the baseline's";
    case BENCH_ENOENT: return "no such case";
    case BENCH_EEXIST: return "name already registered";
    case BENCH_EIO: return "input/output error";
    case BENCH_EPARSE: return "malformed input";
    case BENCH_EINTR: return "interrupted";
    case BENCH_ECRASH: return "the case crashed, exited or timed out";
    default: return "unknown error";
    }
}

int error_vset(char *err, size_t errsz, int rc, const char *fmt, va_list ap)
{
    if (err && errsz > 0)
        vsnprintf(err, errsz, fmt, ap);
    return rc;
}

char *error_escape(char *dst, size_t size, const char *src)
{
    size_t n = 0;
    const unsigned char *s = (const unsigned char *)src;

    if (size == 0)
        return dst;
    for (; *s; s++) {
        char esc[8];
        size_t len;
        if (*s == '\n')
            len = (size_t)snprintf(esc, sizeof esc, "\\n");
        else if (*s == '\r')
            len = (size_t)snprintf(esc, sizeof esc, "\\r");
        else if (*s == '\t')
            len = (size_t)snprintf(esc, sizeof esc, "\\t");
        else if (*s < 0x20 || *s == 0x7f)
            len = (size_t)snprintf(esc, sizeof esc, "\\x%02x", *s);
        else
            esc[0] = (char)*s, esc[1] = 0, len = 1;
        if (n + len >= size)
            break;
        memcpy(dst + n, esc, len);
        n += len;
    }
    dst[n] = 0;
    return dst;
}

int error_set(char *err, size_t errsz, int rc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    error_vset(err, errsz, rc, fmt, ap);
    va_end(ap);
    return rc;
}
