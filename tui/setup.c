/* setup.c — first run on an empty database: the area this office works for
 * (county, township, village codes and names) and the operator's name.  A
 * clerk can leave with Esc at any prompt and come back later. */
#include <stdio.h>
#include <string.h>
#include "core/text.h"
#include "db/settings.h"
#include "tui/dialog.h"
#include "tui/screens.h"
#include "tui/ui.h"

/* Asks for one area until it is added; `prefix` is the parent's code. */
static int ask_area(const char *what, size_t len, int level, const char *prefix, char *code_out)
{
    char code[32], name[128] = "", prompt[160];
    snprintf(code, sizeof code, "%s", prefix);
    for (;;) {
        snprintf(prompt, sizeof prompt, "%s区划代码 (%zu位数字%s%s):", what, len,
                 prefix[0] ? ", 以 " : "", prefix);
        if (!dialog_input("首次使用设置", prompt, code, sizeof code, (int)len))
            return 0;
        if (!text_is_digits(code, len) || strncmp(code, prefix, strlen(prefix)) != 0) {
            snprintf(prompt, sizeof prompt, "%s代码应为%zu位数字%s%s", what, len,
                     prefix[0] ? "，并以上级代码开头: " : "", prefix);
            dialog_message("输入有误", prompt);
            continue;
        }
        snprintf(prompt, sizeof prompt, "%s名称:", what);
        if (!dialog_input("首次使用设置", prompt, name, sizeof name, 30))
            return 0;
        if (!name[0])
            continue;
        char parent[16] = "";
        if (level != AREA_COUNTY)
            snprintf(parent, sizeof parent, "%s", prefix);
        if (db_area_add(app.db, code, level, name, parent, 0) == DB_OK)
            break;
        dialog_message("不能保存", app_errmsg());
    }
    snprintf(code_out, 16, "%.12s", code);   /* validated: at most 12 digits */
    return 1;
}

int setup_if_needed(void)
{
    struct area a;
    size_t n = 0;
    if (db_areas(app.db, AREA_COUNTY, NULL, &a, 1, &n) == DB_OK && n > 0)
        return 1;
    dialog_message("欢迎使用 fupin", "这是一个新的数据库。\n请先填写本单位所在的县、乡镇、村的统计用区划代码和名称，\n"
                   "以及操作员姓名。以后可以在「基础设置」中修改和添加。\n(任何一步按 Esc 可退出)");
    char county[16], township[16], village[16];
    if (!ask_area("县", 6, AREA_COUNTY, "", county) ||
        !ask_area("乡镇", 9, AREA_TOWNSHIP, county, township) ||
        !ask_area("村", 12, AREA_VILLAGE, township, village))
        return 0;
    char name[128];
    snprintf(name, sizeof name, "%s", app.operator_name);
    while (!name[0])
        if (!dialog_input("首次使用设置", "操作员姓名:", name, sizeof name, 20))
            return 0;
    db_setting_set_text(app.db, "operator", name);
    snprintf(app.operator_name, sizeof app.operator_name, "%s", name);
    db_set_operator(app.db, name);
    return 1;
}
