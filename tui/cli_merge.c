/* cli_merge.c — `fupin merge`: db_merge_file for each source, and its report. */
#include "tui/cli_merge.h"
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "db/merge.h"

int cmd_merge(struct cli *c)
{
    int sources = 0;
    for (int i = 0; i < c->argc; i++) {
        if (c->argv[i][0] == '-') {
            cli_error("未知选项", "unknown option", c->argv[i]);
            return EXIT_USAGE;
        }
        sources++;
    }
    if (!sources) {
        cli_error("用法: fupin merge --db 目标.db 源文件.db...", "usage: fupin merge --db TARGET.db SOURCE.db...", NULL);
        return EXIT_USAGE;
    }
    if (access(c->db_path, F_OK) != 0) {
        cli_error("目标数据库不存在，请先用 fupin init 建立", "target database does not exist", c->db_path);
        return EXIT_DATA;
    }
    struct db *db = cli_open_db(c, 0);
    if (!db)
        return cli_open_failed();
    int rc = EXIT_OK;
    long total_added = 0, total_updated = 0;
    for (int i = 0; i < c->argc; i++) {
        const char *src = c->argv[i];
        struct merge_report rep;
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        enum db_err err = db_merge_file(db, src, 0, &rep);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
        for (size_t k = 0; k < rep.n_msgs; k++)
            printf("%s: 冲突 [%s] %s\n", src, rep.msgs[k].kind, rep.msgs[k].text);
        if (rep.conflicts > rep.n_msgs)
            printf("%s: … 另有 %zu 个冲突未列出 (and %zu more conflicts)\n", src, rep.conflicts - rep.n_msgs,
                   rep.conflicts - rep.n_msgs);
        if (err != DB_OK) {
            fprintf(stderr, "错误: %s: 未合并任何数据: %s\n", src, db_errmsg(db));
            rc = EXIT_DATA;
        } else {
            printf("%s: 新增 %ld 户, 更新 %ld 户, 未变 %ld 户, 冲突 %zu 处; 新增区划 %ld, 村民小组 %ld, 帮扶责任人 %ld, "
                   "评议会 %ld, 公示 %ld, 项目 %ld; 记录 新增 %ld 更新 %ld; 用时 %.2f 秒 "
                   "(merged: %ld added, %ld updated, %ld unchanged, %zu conflicts)\n",
                   src, rep.households_added, rep.households_updated, rep.households_unchanged, rep.conflicts,
                   rep.areas_added, rep.groups_added, rep.helpers_added, rep.meetings_added, rep.notices_added,
                   rep.projects_added, rep.rows_added, rep.rows_updated, secs,
                   rep.households_added, rep.households_updated, rep.households_unchanged, rep.conflicts);
            total_added += rep.households_added;
            total_updated += rep.households_updated;
            if (rep.conflicts && rc == EXIT_OK)
                rc = EXIT_CHECKS;
        }
        merge_report_free(&rep);
    }
    if (c->argc > 1)
        printf("合计: 新增 %ld 户, 更新 %ld 户 → %s\n", total_added, total_updated, c->db_path);
    if (rc == EXIT_CHECKS)
        fprintf(stderr, "错误: 有冲突的户未合并，请核实后处理 (error: conflicting households were not merged)\n");
    db_close(db);
    return rc;
}
