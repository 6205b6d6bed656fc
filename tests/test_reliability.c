/*
 * test_reliability.c - what bench does to the world around it:
 * -o never clobbers what is not a regular file it may replace (devices,
 * FIFOs, symbolic links, read-only files, modes, -o -); no process
 * outlives bench; a signal stops a stuck case at once; a second signal,
 * SIGHUP or SIGQUIT leaves no temporary file; --no-isolate does not lose a
 * run to a case's exit() or crash without saying so. Every file, node and
 * link is made in a private temporary directory, never in the real /dev.
 * Times are asserted only as loose upper bounds (seconds, against a
 * --timeout of 60 s).
 */
#define _DEFAULT_SOURCE /* makedev, mknod */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"
#include "json.h"
#include "testhelp.h"
#include "util.h"

#define QUICK "--sizes 10 -r 3 -n 1 -q"

/* The programs by absolute path, so a command may cd first. */
static const char *abs_prog(const char *name)
{
    static char path[2][4096];
    static int which;
    which ^= 1;
    if (!realpath(prog_path(name), path[which]))
        snprintf(path[which], sizeof path[which], "%s", prog_path(name));
    return path[which];
}

#define BENCH  abs_prog("bench")
#define FAULTY abs_prog("tests/progs/faulty")

static int sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int sh(const char *fmt, ...)
{
    char cmd[8192];
    va_list ap;
    int st;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    fflush(stdout);
    st = system(cmd);
    if (st != -1 && WIFEXITED(st))
        return WEXITSTATUS(st);
    return st == -1 ? -1 : 128 + WTERMSIG(st);
}

static size_t count_lines(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

/* Is there a "*.tmp.*" file in dir? */
static int has_temp_file(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int found = 0;
    while (d && (e = readdir(d)) != NULL)
        if (strstr(e->d_name, ".tmp."))
            found = 1, printf("  (left behind: %s/%s)\n", dir, e->d_name);
    if (d)
        closedir(d);
    return found;
}

static void path_in(char *out, size_t size, const char *dir, const char *name)
{
    snprintf(out, size, "%s/%s", dir, name);
}

static void write_file(const char *path, const char *text, mode_t mode)
{
    FILE *f = fopen(path, "w");
    if (!CHECK(f != NULL))
        return;
    fputs(text, f);
    fclose(f);
    CHECK(chmod(path, mode) == 0);
}

static mode_t mode_of(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? st.st_mode & 07777 : (mode_t)-1;
}

static int is_json_result(const char *text)
{
    json_value doc;
    char err[256];
    if (!CHECK_STR_CONTAINS(text, "\"benchmarks\""))
        return 0;
    if (!CHECK_EQ_INT(json_parse(text, strlen(text), &doc, err, sizeof err), BENCH_OK)) {
        printf("  (json_parse: %s)\n", err);
        return 0;
    }
    json_free(&doc);
    return 1;
}

/* ---- -o: what the target is decides how it is written ---------------- */

/* A character device is written through: a null device made with mknod in
 * a temporary directory stays a device node, with no temporary file beside
 * it; a full one (like /dev/full) fails the write with exit 2 and one line,
 * and stays too. Root only (mknod); /dev itself is never touched. */
TEST(test_reliability_output_onto_a_char_device_writes_through_it)
{
    char dir[64], null_path[128], full_path[128], args[512];
    struct stat st;
    cmd_result r;

    if (geteuid() != 0) {
        th_skip("mknod of a character device needs root");
        return;
    }
    if (!make_temp_dir(dir, sizeof dir))
        return;
    path_in(null_path, sizeof null_path, dir, "null");
    path_in(full_path, sizeof full_path, dir, "full");
    if (mknod(null_path, S_IFCHR | 0666, makedev(1, 3)) != 0 ||
        mknod(full_path, S_IFCHR | 0666, makedev(1, 7)) != 0) {
        th_skip("mknod failed (a container without CAP_MKNOD?)");
        remove_dir(dir);
        return;
    }
    snprintf(args, sizeof args, "concat " QUICK " -o %s", null_path);
    run_prog(&r, BENCH, args);
    if (r.status == 2 && strstr(r.err, "Permission denied")) {
        th_skip("device nodes cannot be opened here (a nodev /tmp)");
        cmd_free(&r);
        remove_dir(dir);
        return;
    }
    CHECK_EQ_INT(r.status, 0);
    CHECK_STR_CONTAINS(r.out, "concat/naive"); /* the table still goes to stdout */
    CHECK(lstat(null_path, &st) == 0 && S_ISCHR(st.st_mode) && st.st_rdev == makedev(1, 3));
    cmd_free(&r);

    snprintf(args, sizeof args, "concat " QUICK " --format json -o %s", full_path);
    run_prog(&r, BENCH, args);
    CHECK_EQ_INT(r.status, 2);
    CHECK_STR_CONTAINS(r.err, "--output: cannot write");
    CHECK_STR_CONTAINS(r.err, "No space left on device");
    CHECK_EQ_INT(count_lines(r.err), 1);
    CHECK(lstat(full_path, &st) == 0 && S_ISCHR(st.st_mode) && st.st_rdev == makedev(1, 7));
    cmd_free(&r);

    CHECK_EQ_INT(count_entries(dir), 2);
    CHECK(!has_temp_file(dir));
    CHECK(stat("/dev/null", &st) == 0 && S_ISCHR(st.st_mode)); /* only looked at */
    remove_dir(dir);
}

/* A FIFO is written through to its reader and stays a FIFO. */
TEST(test_reliability_output_onto_a_fifo_reaches_its_reader)
{
    char dir[64], fifo[128], *got;
    struct stat st;
    int status;

    if (!make_temp_dir(dir, sizeof dir))
        return;
    path_in(fifo, sizeof fifo, dir, "fifo");
    if (!CHECK(mkfifo(fifo, 0600) == 0)) {
        remove_dir(dir);
        return;
    }
    /* The reader gives up after 10 s: a FIFO replaced by a file would
     * never get a writer. */
    status = sh("cd %s && { timeout 10 cat fifo >got & %s concat " QUICK
                " --format csv -o fifo >out 2>err </dev/null; s=$?; wait; exit $s; }",
                dir, BENCH);
    CHECK_EQ_INT(status, 0);
    got = slurp_in(dir, "got");
    CHECK_STR_CONTAINS(got, "name,group,case,n,status");
    CHECK_STR_CONTAINS(got, "concat/naive/10,");
    free(got);
    CHECK(lstat(fifo, &st) == 0 && S_ISFIFO(st.st_mode));
    CHECK_EQ_INT(count_entries(dir), 4); /* fifo got out err */
    CHECK(!has_temp_file(dir));
    remove_dir(dir);
}

/* A symbolic link is followed: its target gets the result (atomically,
 * keeping its mode), the link stays a link; a dangling link gets its
 * target created. */
TEST(test_reliability_output_onto_a_symlink_writes_its_target)
{
    char dir[64], real[128], link[128], dangling[128], made[128], args[512], buf[256], *text;
    struct stat st;
    ssize_t n;
    cmd_result r;

    if (!make_temp_dir(dir, sizeof dir))
        return;
    path_in(real, sizeof real, dir, "real.json");
    path_in(link, sizeof link, dir, "link.json");
    path_in(dangling, sizeof dangling, dir, "dangling.json");
    path_in(made, sizeof made, dir, "made.json");
    write_file(real, "old\n", 0640);
    CHECK(symlink("real.json", link) == 0);
    CHECK(symlink("made.json", dangling) == 0);

    snprintf(args, sizeof args, "concat " QUICK " -o %s", link);
    run_prog(&r, BENCH, args);
    CHECK_EQ_INT(r.status, 0);
    cmd_free(&r);
    CHECK(lstat(link, &st) == 0 && S_ISLNK(st.st_mode));
    n = readlink(link, buf, sizeof buf - 1);
    buf[n > 0 ? n : 0] = 0;
    CHECK_STR_EQ(buf, "real.json");
    text = slurp(real);
    is_json_result(text);
    free(text);
    CHECK_EQ_INT(mode_of(real), 0640);

    snprintf(args, sizeof args, "concat " QUICK " -o %s", dangling);
    run_prog(&r, BENCH, args);
    CHECK_EQ_INT(r.status, 0);
    cmd_free(&r);
    CHECK(lstat(dangling, &st) == 0 && S_ISLNK(st.st_mode));
    text = slurp(made);
    is_json_result(text);
    free(text);

    CHECK_EQ_INT(count_entries(dir), 4);
    CHECK(!has_temp_file(dir));
    remove_dir(dir);
}

/* A file without write permission (0444) is refused, root or not: exit 2,
 * one line, before anything is measured (no table), the file unchanged. */
TEST(test_reliability_output_onto_a_read_only_file_is_refused)
{
    char dir[64], path[128], args[512], *text;
    cmd_result r;

    if (!make_temp_dir(dir, sizeof dir))
        return;
    path_in(path, sizeof path, dir, "r.json");
    write_file(path, "keep me\n", 0444);
    snprintf(args, sizeof args, "concat --min-time 5 -o %s", path);
    run_prog(&r, BENCH, args);
    CHECK_EQ_INT(r.status, 2);
    CHECK_STR_CONTAINS(r.err, "bench: error: --output: '");
    CHECK_STR_CONTAINS(r.err, "r.json' is read-only (mode 0444)");
    CHECK_EQ_INT(count_lines(r.err), 1);
    CHECK_STR_EQ(r.out, "");
    cmd_free(&r);
    text = slurp(path);
    CHECK_STR_EQ(text, "keep me\n");
    free(text);
    CHECK_EQ_INT(mode_of(path), 0444);
    CHECK_EQ_INT(count_entries(dir), 1);
    remove_dir(dir);
}

/* A new file gets 0666 & ~umask, like a shell's > (mkstemp's 0600 today
 * would hide a result from the group under umask 022). */
TEST(test_reliability_output_new_file_mode_follows_the_umask)
{
    char dir[64], path[128];

    if (!make_temp_dir(dir, sizeof dir))
        return;
    CHECK_EQ_INT(
        sh("cd %s && umask 022 && %s concat " QUICK " -o a.json >/dev/null 2>&1", dir, BENCH), 0);
    path_in(path, sizeof path, dir, "a.json");
    CHECK_EQ_INT(mode_of(path), 0644);
    CHECK_EQ_INT(
        sh("cd %s && umask 077 && %s concat " QUICK " -o b.json >/dev/null 2>&1", dir, BENCH), 0);
    path_in(path, sizeof path, dir, "b.json");
    CHECK_EQ_INT(mode_of(path), 0600);
    CHECK_EQ_INT(
        sh("cd %s && umask 002 && %s concat " QUICK " -o c.json >/dev/null 2>&1", dir, BENCH), 0);
    path_in(path, sizeof path, dir, "c.json");
    CHECK_EQ_INT(mode_of(path), 0664);
    CHECK(!has_temp_file(dir));
    remove_dir(dir);
}

/* A replaced file keeps its mode, whatever the umask. */
TEST(test_reliability_output_existing_file_keeps_its_mode)
{
    char dir[64], path[128], *text;

    if (!make_temp_dir(dir, sizeof dir))
        return;
    path_in(path, sizeof path, dir, "r.json");
    write_file(path, "old\n", 0664);
    CHECK_EQ_INT(
        sh("cd %s && umask 077 && %s concat " QUICK " -o r.json >/dev/null 2>&1", dir, BENCH), 0);
    CHECK_EQ_INT(mode_of(path), 0664);
    text = slurp(path);
    is_json_result(text);
    free(text);
    CHECK_EQ_INT(count_entries(dir), 1);
    remove_dir(dir);
}

/* -o - is standard output: the chosen format goes there and the table
 * does not (no file named '-'); without a format, the table, once. The
 * same for a link to /dev/stdout, which stays a link. */
TEST(test_reliability_output_dash_and_dev_stdout_mean_stdout)
{
    char dir[64], link[128], out[128], *text, *p;
    struct stat st;
    int groups = 0;

    if (!make_temp_dir(dir, sizeof dir))
        return;
    path_in(out, sizeof out, dir, "out");
    CHECK_EQ_INT(sh("cd %s && %s concat " QUICK " --format json -o - >out 2>err", dir, BENCH), 0);
    text = slurp(out);
    CHECK(text[0] == '{');
    is_json_result(text);
    CHECK_STR_NOT_CONTAINS(text, "concat: build"); /* no table */
    free(text);
    CHECK_EQ_INT(count_entries(dir), 2); /* out err: no '-' */

    CHECK_EQ_INT(sh("cd %s && %s concat " QUICK " -o - >out 2>err", dir, BENCH), 0);
    text = slurp(out);
    for (p = text; (p = strstr(p, "concat: build")) != NULL; p++)
        groups++;
    CHECK_EQ_INT(groups, 1);
    free(text);
    CHECK_EQ_INT(count_entries(dir), 2);

    path_in(link, sizeof link, dir, "so.json");
    CHECK(symlink("/dev/stdout", link) == 0);
    CHECK_EQ_INT(sh("cd %s && %s concat " QUICK " -o so.json >out 2>err", dir, BENCH), 0);
    text = slurp(out);
    CHECK(text[0] == '{');
    is_json_result(text);
    CHECK_STR_NOT_CONTAINS(text, "concat: build");
    free(text);
    CHECK(lstat(link, &st) == 0 && S_ISLNK(st.st_mode));
    CHECK_EQ_INT(count_entries(dir), 3);
    CHECK(!has_temp_file(dir));
    remove_dir(dir);
}

/* ---- processes and signals --------------------------------------------- */

/* Start "sh -c cmd" with the stop signals at their default action (a test
 * runner may have been started with some ignored) and none blocked. With
 * cmd ending in "exec prog ...", the pid returned is prog's. */
static pid_t spawn(const char *cmd)
{
    pid_t pid;
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE};
        sigset_t none;
        size_t i;
        for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
            signal(sigs[i], SIG_DFL);
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
        _exit(127);
    }
    return pid;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void pause_s(double s)
{
    struct timespec ts;
    ts.tv_sec = (time_t)s;
    ts.tv_nsec = (long)((s - (double)ts.tv_sec) * 1e9);
    nanosleep(&ts, NULL);
}

/* Wait up to limit seconds for pid to end; its wait status in *st, and
 * the seconds it took, or -1 when it had not ended (it is then killed and
 * reaped, so no test leaves a process behind). */
static double wait_for(pid_t pid, double limit, int *st)
{
    double t0 = now_s();
    for (;;) {
        pid_t w = waitpid(pid, st, WNOHANG);
        if (w == pid)
            return now_s() - t0;
        if (w < 0 && errno != EINTR)
            return -1;
        if (now_s() - t0 > limit) {
            kill(pid, SIGKILL);
            waitpid(pid, st, 0);
            return -1;
        }
        pause_s(0.02);
    }
}

/* Is pid a live process (not gone, not a zombie)? */
static int alive(pid_t pid)
{
    char path[64], *text, *paren;
    int live;
    snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
    text = slurp(path);
    paren = strrchr(text, ')');
    live = paren && paren[1] == ' ' && paren[2] != 'Z' && paren[2] != 'X';
    free(text);
    return live;
}

/* Wait up to limit seconds for pid to be gone. */
static int gone_within(pid_t pid, double limit)
{
    double t0 = now_s();
    while (alive(pid)) {
        if (now_s() - t0 > limit)
            return 0;
        pause_s(0.02);
    }
    return 1;
}

/* The pid the stuck case's child wrote to dir/pid, once it is there (up
 * to 20 s: the clock and overhead are measured first), or 0. */
static pid_t child_pid(const char *dir)
{
    char path[128], *text;
    double t0 = now_s();
    long pid = 0;
    path_in(path, sizeof path, dir, "pid");
    while (now_s() - t0 < 20) {
        text = slurp(path);
        pid = strchr(text, '\n') ? atol(text) : 0;
        free(text);
        if (pid > 0)
            break;
        pause_s(0.02);
    }
    CHECK(pid > 0);
    return (pid_t)pid;
}

/* faulty's stuck/sleep (sleeps through every signal but SIGKILL) with a
 * 60 s timeout, its child's pid to dir/pid, -o dir/r.json; extra before
 * it (a ulimit). Returns bench's pid and the child's in *child. */
static pid_t start_stuck(const char *dir, const char *extra, pid_t *child)
{
    char cmd[2048];
    pid_t pid;
    snprintf(cmd, sizeof cmd,
             "cd %s && %s FAULTY_PIDFILE=%s/pid exec %s stuck --timeout 60 -q -o r.json >out "
             "2>err </dev/null",
             dir, extra, dir, FAULTY);
    pid = spawn(cmd);
    CHECK(pid > 0);
    *child = pid > 0 ? child_pid(dir) : 0;
    CHECK(*child != pid);
    return pid;
}

/* Whatever happened, the stuck child is not left sleeping. */
static void reap_child(pid_t child)
{
    if (child > 0 && alive(child)) {
        kill(child, SIGKILL);
        printf("  (the child %ld was still running: killed)\n", (long)child);
    }
}

/* Bench killed outright (SIGKILL: no handler runs) takes its isolated
 * child with it within seconds, instead of leaving it with PPID 1. */
TEST(test_reliability_killed_bench_leaves_no_child_running)
{
    char dir[64];
    pid_t pid, child;
    int st;

    if (!make_temp_dir(dir, sizeof dir))
        return;
    pid = start_stuck(dir, "", &child);
    CHECK(kill(pid, SIGKILL) == 0);
    CHECK(wait_for(pid, 10, &st) >= 0);
    CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
    CHECK(child > 0 && gone_within(child, 5));
    reap_child(child);
    remove_dir(dir);
}

/* One SIGINT or SIGTERM while a case is stuck ends bench within seconds
 * (the child gets SIGTERM, then SIGKILL after a short grace), not after
 * --timeout (60 s): exit 1, the case reported interrupted, a valid result
 * file, no temporary file, no child. */
TEST(test_reliability_one_signal_stops_a_stuck_case_at_once)
{
    static const int sigs[] = {SIGINT, SIGTERM};
    size_t i;

    for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        char dir[64], *text;
        pid_t pid, child;
        double took;
        int st = 0;

        if (!make_temp_dir(dir, sizeof dir))
            return;
        pid = start_stuck(dir, "", &child);
        CHECK(kill(pid, sigs[i]) == 0);
        took = wait_for(pid, 10, &st);
        if (!CHECK(took >= 0))
            printf("  (signal %d: bench still running after 10 s)\n", sigs[i]);
        CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 1);
        text = slurp_in(dir, "out");
        CHECK_STR_CONTAINS(text, "stuck/sleep failed at N=10: interrupted");
        free(text);
        text = slurp_in(dir, "r.json");
        is_json_result(text);
        CHECK_STR_CONTAINS(text, "\"incomplete\": true");
        free(text);
        CHECK(!has_temp_file(dir));
        CHECK(child > 0 && gone_within(child, 5));
        reap_child(child);
        remove_dir(dir);
    }
}

/* A second SIGTERM while the first is being handled ends bench at once,
 * killed by SIGTERM (the status says so), with no temporary file, no
 * result file and no child left. */
TEST(test_reliability_second_signal_leaves_no_temp_file)
{
    char dir[64];
    pid_t pid, child;
    int st = 0;

    if (!make_temp_dir(dir, sizeof dir))
        return;
    pid = start_stuck(dir, "", &child);
    CHECK(kill(pid, SIGTERM) == 0);
    pause_s(0.1); /* delivered apart, not merged into one */
    CHECK(kill(pid, SIGTERM) == 0);
    CHECK(wait_for(pid, 10, &st) >= 0);
    CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM);
    CHECK(!has_temp_file(dir));
    CHECK_EQ_INT(count_entries(dir), 3); /* pid out err */
    CHECK(child > 0 && gone_within(child, 5));
    reap_child(child);
    remove_dir(dir);
}

/* SIGHUP stops the run like SIGTERM (a partial, valid result); SIGQUIT
 * ends bench at once by SIGQUIT. Neither leaves a temporary file or a
 * child. */
TEST(test_reliability_sighup_and_sigquit_leave_no_temp_file)
{
    char dir[64], *text;
    pid_t pid, child;
    int st = 0;

    if (!make_temp_dir(dir, sizeof dir))
        return;
    pid = start_stuck(dir, "", &child);
    CHECK(kill(pid, SIGHUP) == 0);
    CHECK(wait_for(pid, 10, &st) >= 0);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 1);
    text = slurp_in(dir, "r.json");
    is_json_result(text);
    CHECK_STR_CONTAINS(text, "\"incomplete\": true");
    free(text);
    CHECK(!has_temp_file(dir));
    CHECK(child > 0 && gone_within(child, 5));
    reap_child(child);
    remove_dir(dir);

    if (!make_temp_dir(dir, sizeof dir))
        return;
    pid = start_stuck(dir, "ulimit -c 0 &&", &child); /* no core file */
    CHECK(kill(pid, SIGQUIT) == 0);
    CHECK(wait_for(pid, 10, &st) >= 0);
    CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGQUIT);
    CHECK(!has_temp_file(dir));
    CHECK_EQ_INT(count_entries(dir), 3); /* pid out err */
    CHECK(child > 0 && gone_within(child, 5));
    reap_child(child);
    remove_dir(dir);
}

/* ---- --no-isolate -------------------------------------------------------- */

/* A case that calls exit(0) in-process no longer makes bench exit 0 with
 * nothing written: exit 1, one line naming the case, no temporary file. */
TEST(test_reliability_no_isolate_exit_is_reported_and_cleaned_up)
{
    char dir[64], args[512];
    cmd_result r;

    if (!make_temp_dir(dir, sizeof dir))
        return;
    snprintf(args, sizeof args, "faulty/exit --no-isolate " QUICK " -o %s/r.json", dir);
    run_prog(&r, FAULTY, args);
    CHECK_EQ_INT(r.status, 1);
    CHECK_STR_CONTAINS(r.err, "faulty: error: case 'faulty/exit' called exit()");
    CHECK_STR_CONTAINS(r.err, "--no-isolate");
    CHECK_EQ_INT(count_lines(r.err), 1);
    CHECK_EQ_INT(count_entries(dir), 0);
    cmd_free(&r);
    remove_dir(dir);
}

/* A case that crashes in-process (SIGSEGV, abort()) ends bench by that
 * signal, with one line naming the case and no temporary file. */
TEST(test_reliability_no_isolate_crash_leaves_no_temp_file)
{
    static const struct {
        const char *name, *says;
        int sig;
    } cases[] = {{"faulty/segv", "crashed (SIGSEGV)", SIGSEGV},
                 {"faulty/abort", "crashed (SIGABRT)", SIGABRT}};
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char dir[64], logs[64], *err;
        int status;

        if (!make_temp_dir(dir, sizeof dir) || !make_temp_dir(logs, sizeof logs))
            return;
        /* No core file, wherever the core pattern points. */
        status = sh("ulimit -c 0; %s %s --no-isolate " QUICK " -o %s/r.json >%s/out 2>%s/err "
                    "</dev/null",
                    FAULTY, cases[i].name, dir, logs, logs);
        CHECK_EQ_INT(status, 128 + cases[i].sig);
        err = slurp_in(logs, "err");
        CHECK_STR_CONTAINS(err, "faulty: error: case '");
        CHECK_STR_CONTAINS(err, cases[i].name);
        CHECK_STR_CONTAINS(err, cases[i].says);
        free(err);
        CHECK(!has_temp_file(dir));
        CHECK_EQ_INT(count_entries(dir), 0);
        remove_dir(dir);
        remove_dir(logs);
    }
}
