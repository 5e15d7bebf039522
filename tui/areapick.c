/* areapick.c — the village and area pickers (see areapick.h). */
#include "tui/areapick.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/pinyin.h"
#include "tui/app.h"
#include "tui/dialog.h"
#include "tui/ui.h"

struct area *areapick_all(int level, size_t *n)
{
    struct area *a = NULL;
    *n = 0;
    /* db_areas fills at most what it is given: grow until it returns fewer. */
    for (size_t cap = 512;; cap *= 4) {
        struct area *grown = realloc(a, cap * sizeof *a);
        if (!grown || db_areas(app.db, level, NULL, grown, cap, n) != DB_OK) {
            free(grown ? grown : a);
            *n = 0;
            return NULL;
        }
        a = grown;
        if (*n < cap)
            break;
    }
    if (*n == 0) {
        free(a);
        return NULL;
    }
    return a;
}

/* What the typing filter sees: the areas behind the items, and how many
 * items come before the first area (the 全部 line). */
struct pick_ctx {
    const struct area *a;
    size_t first;
};

/* Typed digits find an area by any part of its code, letters by the pinyin
 * initials of its name (gtx → 古潭乡); Chinese matches the label itself. */
static int area_match(size_t i, const char *typed, void *ud)
{
    const struct pick_ctx *c = ud;
    if (i < c->first)
        return 0;
    const struct area *a = &c->a[i - c->first];
    if (*typed >= '0' && *typed <= '9')
        return strstr(a->code, typed) != NULL;
    return pinyin_prefix_match(a->name, typed);
}

/* The pick over `n` areas whose labels are already made; fills code and
 * name (or label) from the pick.  Frees nothing. */
static int pick_from(const char *title, const char *all_label, const struct area *a, size_t n,
                     const char **items, char *code, size_t codesz, char *name, size_t namesz,
                     int with_code)
{
    struct pick_ctx c = { a, all_label ? 1 : 0 };
    int current = 0;
    for (size_t i = 0; code[0] && i < n; i++)
        if (strcmp(a[i].code, code) == 0)
            current = (int)(i + c.first);
    int k = dialog_pick(title, items, n + c.first, current, area_match, &c);
    if (k < 0)
        return 0;
    if ((size_t)k < c.first) {
        code[0] = 0;
        if (name)
            snprintf(name, namesz, "%s", all_label);
        return 1;
    }
    const struct area *p = &a[k - c.first];
    snprintf(code, codesz, "%s", p->code);
    if (name && with_code)
        snprintf(name, namesz, "%s (%s)", p->name, p->code);
    else if (name)
        snprintf(name, namesz, "%s", p->name);
    return 1;
}

int areapick_village(const char *title, const char *all_label, char *code, size_t codesz,
                     char *name, size_t namesz)
{
    size_t n = 0;
    struct area *vs = areapick_all(AREA_VILLAGE, &n);
    const char **items = vs ? malloc((n + 1) * sizeof *items) : NULL;
    if (!items) {
        free(vs);
        ui_status(MSG_ERROR, "还没有登记村，请先在「基础设置」中添加");
        return -1;
    }
    size_t first = 0;
    if (all_label)
        items[first++] = all_label;
    for (size_t i = 0; i < n; i++)
        items[first + i] = vs[i].name;
    int picked = pick_from(title, all_label, vs, n, items, code, codesz, name, namesz, 0);
    free(items);
    free(vs);
    return picked;
}

static int by_code(const void *x, const void *y)
{
    return strcmp(((const struct area *)x)->code, ((const struct area *)y)->code);
}

/* County, townships and villages in one array, in code order (a village
 * follows its township).  NULL with *n = 0 when none. */
static struct area *all_levels(size_t *n)
{
    struct area *all = NULL;
    *n = 0;
    for (int level = AREA_COUNTY; level <= AREA_VILLAGE; level++) {
        size_t m = 0;
        struct area *one = areapick_all(level, &m);
        struct area *grown = m ? realloc(all, (*n + m) * sizeof *all) : all;
        if (m && grown) {
            memcpy(grown + *n, one, m * sizeof *one);
            all = grown;
            *n += m;
        }
        free(one);
    }
    if (all)
        qsort(all, *n, sizeof *all, by_code);
    return all;
}

int areapick_any(const char *title, const char *all_label, char *code, size_t codesz,
                 char *label, size_t labelsz)
{
    size_t n = 0;
    struct area *a = all_levels(&n);
    char (*text)[TEXT_BYTES(30) + 32] = a ? calloc(n, sizeof *text) : NULL;
    const char **items = text ? malloc((n + 1) * sizeof *items) : NULL;
    int picked = -1;
    if (!items) {
        ui_status(MSG_ERROR, "还没有登记地区，请先在「基础设置」中添加");
        goto out;
    }
    size_t first = 0;
    if (all_label)
        items[first++] = all_label;
    for (size_t i = 0; i < n; i++) {
        snprintf(text[i], sizeof text[i], "%*s%s %s", (a[i].level - 1) * 2, "", a[i].name, a[i].code);
        items[first + i] = text[i];
    }
    picked = pick_from(title, all_label, a, n, items, code, codesz, label, labelsz, 1);
out:
    free(items);
    free(text);
    free(a);
    return picked;
}
