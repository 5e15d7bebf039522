/* relocation.h — the 易地扶贫搬迁 register (issue 16 part 2): one record per
 * move of a household, from its old address to a 安置点, with the 安置方式
 * (CL_RELOC_MODE), how many of its members moved, the new house's area and
 * the 建房补助.  The rules are checks (core/checks.h CS_RELOCATION): the
 * date not in the future, 1 ≤ people ≤ the household's members, area > 0,
 * and the national 人均住房面积不超过25平方米 as a warning. */
#ifndef FUPIN_RELOCATION_H
#define FUPIN_RELOCATION_H
#include <stdint.h>
#include "core/household.h"
#include "core/income.h"

/* CL_RELOC_MODE: 1–4 集中安置, 5–7 分散安置. */
enum { RELOC_COUNTY = 1, RELOC_TOWN, RELOC_VILLAGE, RELOC_PARK, RELOC_SCATTERED, RELOC_KIN, RELOC_OTHER };
#define RELOC_CONCENTRATED(mode) ((mode) >= RELOC_COUNTY && (mode) <= RELOC_PARK)
#define RELOC_AREA_PER_PERSON 2500      /* 25 ㎡ ×100: 人均住房面积不超过25平方米 */
#define RELOC_MAX_SUBSIDY 100000000     /* 100万元 (fen): more is a typing slip */

struct relocation {
    int64_t id;
    int64_t household_id;
    char    from_addr[TEXT_BYTES(60)];  /* 迁出地 */
    char    site[TEXT_BYTES(60)];       /* 安置点 (名称/地址) */
    char    moved_on[DATE_LEN + 1];     /* 搬迁入住日期 */
    int     mode;                       /* 安置方式, CL_RELOC_MODE */
    int     people;                     /* 搬迁人数 */
    int64_t area;                       /* 住房面积 ㎡ ×100 */
    money_t subsidy;                    /* 建房补助 (fen) */
    char    note[TEXT_BYTES(40)];
    /* loaded, not stored: the household's members now (the checks' bound) */
    int     members;
};

#endif
