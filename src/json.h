/*
 * json.h - a strict RFC 8259 reader, for baselines written by
 * `bench --format json` (or Google Benchmark).
 */
#ifndef BENCH_JSON_H
#define BENCH_JSON_H

#include <stddef.h>

typedef enum json_type {
    JSON_NULL,
    JSON_BOOL,
    JSON_NUMBER,
    JSON_STRING,
    JSON_ARRAY,
    JSON_OBJECT
} json_type;

typedef struct json_value json_value;
typedef struct json_member json_member;
struct json_value {
    json_type type;
    union {
        int b;
        double num;
        struct {
            char *s;
            size_t len;
        } str;
        struct {
            json_value *items;
            size_t n;
        } arr;
        struct {
            json_member *members;
            size_t n;
        } obj;
    } u;
};
struct json_member {
    char *key;
    json_value value;
};

/* Parse text[0..len-1] as one JSON value into *out (free with json_free).
 * Returns BENCH_OK, or BENCH_EPARSE with "line L, column C: what" in err
 * and nothing to free; "what" has no bracket, so the caller can add what
 * it accepts in one. Nesting is limited to 64 levels. */
int json_parse(const char *text, size_t len, json_value *out, char *err, size_t errsz);

/* The largest file json_read_file reads. */
#define JSON_MAX_FILE (256u << 20)

/* The whole of path into *text (malloc'd; *len bytes), which must be a
 * regular file of at most JSON_MAX_FILE bytes: a FIFO, a device or a
 * directory is refused at once, without blocking. Returns BENCH_OK, or
 * BENCH_EIO/ENOMEM with a one-line message in err naming the file; one
 * that cannot be read or is not regular ends "(expected a JSON file
 * written by <writer>)". */
int json_read_file(const char *path, const char *writer, char **text, size_t *len, char *err,
                   size_t errsz);
void json_free(json_value *v);
/* The value of key in an object (the first, if repeated), or NULL. */
const json_value *json_get(const json_value *obj, const char *key);

#endif
