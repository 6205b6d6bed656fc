/* util.h - helpers shared by the tests that run the built programs. */
#ifndef TESTS_UTIL_H
#define TESTS_UTIL_H

#include <stddef.h>

typedef struct cmd_result {
    int status; /* exit status; 128 + signal if killed */
    char *out;  /* stdout, NUL-terminated, never NULL */
    char *err;  /* stderr */
} cmd_result;

/* The build directory: the one test_unit is in ("./build"). */
const char *build_dir(void);
/* build_dir()/name, in one of two static buffers (two may be live). */
const char *prog_path(const char *name);
/* The whole file as a NUL-terminated string ("" if unreadable); free it. */
char *slurp(const char *path);
/* slurp of dir/name. */
char *slurp_in(const char *dir, const char *name);
/* Remove dir and the files in it (not subdirectories). */
void remove_dir(const char *dir);
int count_entries(const char *dir);
/* How many times what occurs in s, not overlapping. */
size_t count_str(const char *s, const char *what);
/* mkdtemp under /tmp; a failed CHECK when it cannot. */
int make_temp_dir(char *dir, size_t size);
/* Run "prog args" through sh, stdout and stderr captured apart. */
int run_prog(cmd_result *r, const char *prog, const char *args);
/* run_prog with stderr on a pseudo-terminal (what a user at a terminal
 * sees, progress line included, in r->err) and stdout to a file. */
int run_prog_tty(cmd_result *r, const char *prog, const char *args);
void cmd_free(cmd_result *r);
/* The path of program name on PATH, into path; 0 when there is none. */
int find_prog(const char *name, char *path, size_t size);
/* Whether name is on PATH. */
int have_prog(const char *name);

#endif
