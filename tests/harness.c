/* Test runner: forks one child per registered test.  Usage:
 *   unit [SUBSTRING...]   run the tests whose name or file contains a substring */
#include "tests/harness.h"
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_TESTS 2048

struct test { const char *name; void (*fn)(void); const char *file; };
static struct test tests[MAX_TESTS];
static int n_tests;
static int failures;        /* in the child: checks failed so far */
static char tmpdir[256];

void t_register(const char *name, void (*fn)(void), const char *file)
{
    if (n_tests < MAX_TESTS)
        tests[n_tests++] = (struct test){ name, fn, file };
}

int t_check(int ok, const char *expr, const char *file, int line)
{
    if (!ok) {
        fprintf(stderr, "    %s:%d: CHECK(%s) failed\n", file, line, expr);
        failures++;
    }
    return ok;
}

int t_check_str(const char *got, const char *want, const char *expr, const char *file, int line)
{
    int ok = got && want && strcmp(got, want) == 0;
    if (!ok) {
        fprintf(stderr, "    %s:%d: %s is \"%s\", want \"%s\"\n", file, line, expr,
                got ? got : "(null)", want ? want : "(null)");
        failures++;
    }
    return ok;
}

int t_check_int(long long got, long long want, const char *expr, const char *file, int line)
{
    if (got != want) {
        fprintf(stderr, "    %s:%d: %s is %lld, want %lld\n", file, line, expr, got, want);
        failures++;
    }
    return got == want;
}

const char *t_tmpdir(void)
{
    return tmpdir;
}

static int selected(const struct test *t, int argc, char **argv)
{
    if (argc < 2)
        return 1;
    for (int i = 1; i < argc; i++)
        if (strstr(t->name, argv[i]) || strstr(t->file, argv[i]))
            return 1;
    return 0;
}

/* Runs one test in a child with its own scratch directory; returns 1 on pass. */
static int run_one(const struct test *t)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/fupin-test-%ld-XXXXXX", (long)getpid());
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 0;
    }
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        failures = 0;
        t->fn();
        fflush(NULL);
        _exit(failures ? 1 : 0);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        fprintf(stderr, "    could not remove %s\n", tmpdir);
    if (WIFSIGNALED(status))
        fprintf(stderr, "    killed by signal %d\n", WTERMSIG(status));
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

int main(int argc, char **argv)
{
    int passed = 0, failed = 0;
    /* Tests see a fixed "today" unless they set their own. */
    setenv("FUPIN_TODAY", "2026-11-23", 0);
    for (int i = 0; i < n_tests; i++) {
        if (!selected(&tests[i], argc, argv))
            continue;
        int ok = run_one(&tests[i]);
        printf("%s %s\n", ok ? "ok  " : "FAIL", tests[i].name);
        if (ok) passed++; else failed++;
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
