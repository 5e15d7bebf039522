/* outpath.c — where an export or a backup went (see outpath.h). */
#include "core/outpath.h"
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

void outpath_full(const char *path, char *out, size_t outsz)
{
    char real[PATH_MAX], cwd[PATH_MAX];
    if (realpath(path, real))
        snprintf(out, outsz, "%s", real);
    else if (path[0] != '/' && getcwd(cwd, sizeof cwd))
        snprintf(out, outsz, "%s/%s", cwd, path);
    else
        snprintf(out, outsz, "%s", path);
}

void outpath_message(const char *done, const char *path, char *out, size_t outsz)
{
    char full[PATH_MAX];
    outpath_full(path, full, sizeof full);
    snprintf(out, outsz, "%s：%s", done, full);
}
