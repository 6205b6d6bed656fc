/*
 * report.c - the table of output formats (report.h).
 */
#include <stdio.h>
#include <string.h>

#include "report.h"

static const report_format formats[] = {
    {"table", NULL, NULL, report_table}, /* the default */
    {"json", NULL, ".json", report_json},       {"csv", NULL, ".csv", report_csv},
    {"markdown", "md", ".md", report_markdown}, {"html", NULL, ".html", report_html},
    {"timeit", NULL, NULL, report_timeit}, /* bench timeit's, for one size */
};
#define NFORMATS (sizeof formats / sizeof formats[0])

const report_format *report_format_named(const char *name)
{
    size_t i;
    for (i = 0; i < NFORMATS; i++)
        if (strcmp(name, formats[i].name) == 0 ||
            (formats[i].alias && strcmp(name, formats[i].alias) == 0))
            return &formats[i];
    return NULL;
}

const report_format *report_format_for_path(const char *path)
{
    const char *dot = strrchr(path, '.');
    size_t i;
    for (i = 0; dot && i < NFORMATS; i++)
        if (formats[i].ext && strcmp(dot, formats[i].ext) == 0)
            return &formats[i];
    return NULL;
}

const report_format *report_format_default(void)
{
    return &formats[0];
}

/* "a, b, c or d" of each format's name or extension. */
static char *join(char *buf, size_t size, int exts)
{
    size_t i, len = 0, n = 0, k = 0;
    for (i = 0; i < NFORMATS; i++)
        n += !exts || formats[i].ext;
    buf[0] = 0;
    for (i = 0; i < NFORMATS; i++) {
        const char *s = exts ? formats[i].ext : formats[i].name;
        if (!s)
            continue;
        k++;
        if (len < size)
            len += (size_t)snprintf(buf + len, size - len, "%s%s",
                                    k == 1   ? ""
                                    : exts   ? "/"
                                    : k == n ? " or "
                                             : ", ",
                                    s);
    }
    return buf;
}

char *report_format_names(char *buf, size_t size)
{
    return join(buf, size, 0);
}

char *report_format_exts(char *buf, size_t size)
{
    return join(buf, size, 1);
}
