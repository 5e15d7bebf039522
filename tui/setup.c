/* setup.c — first run on an empty database: the area this office works for
 * (county, township, village codes and names) after the 管理员 is created
 * (tui/login.c).  A clerk can leave with Esc at any prompt and come back later. */
#include <stdio.h>
#include <string.h>
#include "core/text.h"
#include "db/operators.h"
#include "db/settings.h"
#include "tui/login.h"
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

/* Someone must be logged in before anything else: the 管理员 is created on
 * a new file, else the login screen asks (unless the environment already
 * logged in).  Then a 管理员 fills in the areas of a file that has none. */
int setup_if_needed(void)
{
    if (db_operators_need_admin(app.db)) {
        dialog_message("欢迎使用 fupin", "这是一个新的数据库。\n请先建立管理员 (姓名和密码)，再填写本单位所在的县、乡镇、村的\n"
                       "统计用区划代码和名称。以后可以在「基础设置」中修改和添加。\n(任何一步按 Esc 可退出)");
        if (!login_create_admin())
            return 0;
    } else if (db_session_role(app.db) == ROLE_NONE && !login_run()) {
        return 0;
    }
    struct area a;
    size_t n = 0;
    if (db_areas(app.db, AREA_COUNTY, NULL, &a, 1, &n) == DB_OK && n > 0)
        return 1;
    if (db_session_role(app.db) < ROLE_ADMIN) {
        dialog_message("尚未设置区划", "本数据库还没有县、乡镇、村的区划。请管理员登录后在「基础设置」中填写。");
        return 1;
    }
    char county[16], township[16], village[16];
    return ask_area("县", 6, AREA_COUNTY, "", county) &&
           ask_area("乡镇", 9, AREA_TOWNSHIP, county, township) &&
           ask_area("村", 12, AREA_VILLAGE, township, village);
}
