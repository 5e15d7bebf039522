/* A small in-tree test harness.  Each TEST registers itself before main();
 * the runner forks one child per test so a crash fails that test only, and
 * ends with the line "N passed, N failed" that CI reads. */
#ifndef FUPIN_TEST_HARNESS_H
#define FUPIN_TEST_HARNESS_H
#include <stdint.h>
#include <string.h>

void t_register(const char *name, void (*fn)(void), const char *file);
int  t_check(int ok, const char *expr, const char *file, int line);
int  t_check_str(const char *got, const char *want, const char *expr, const char *file, int line);
int  t_check_int(long long got, long long want, const char *expr, const char *file, int line);
/* A scratch directory for this test (removed afterwards); path without trailing '/'. */
const char *t_tmpdir(void);

#define TEST(name)                                                         \
    static void name(void);                                                \
    __attribute__((constructor)) static void name##_register(void)         \
    { t_register(#name, name, __FILE__); }                                 \
    static void name(void)

#define CHECK(cond)          t_check(!!(cond), #cond, __FILE__, __LINE__)
#define CHECK_STR(got, want) t_check_str((got), (want), #got, __FILE__, __LINE__)
#define CHECK_INT(got, want) t_check_int((long long)(got), (long long)(want), #got, __FILE__, __LINE__)

#endif
