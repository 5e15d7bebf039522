/* See test_export_util.h. */
#include "tests/unit/test_export_util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *xr_dump(const char *path)
{
    /* The path comes from t_tmpdir(): no quote characters in it. */
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "/usr/bin/python3 tests/xlsx_read.py '%s'", path);
    FILE *p = popen(cmd, "r");
    if (!p)
        return NULL;
    size_t len = 0, cap = 1 << 16;
    char *buf = malloc(cap);
    size_t n;
    while (buf && (n = fread(buf + len, 1, cap - len - 1, p)) > 0) {
        len += n;
        if (cap - len < 4096) {
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
    }
    int rc = pclose(p);
    if (!buf)
        return NULL;
    buf[len] = 0;
    if (rc != 0) {
        fprintf(stderr, "xlsx_read.py %s failed (status %d)\n", path, rc);
        free(buf);
        return NULL;
    }
    return buf;
}

int xr_has(const char *dump, const char *needle)
{
    if (!dump)
        return 0;
    if (strstr(dump, needle))
        return 1;
    fprintf(stderr, "  not in dump: %s\n", needle);
    return 0;
}
