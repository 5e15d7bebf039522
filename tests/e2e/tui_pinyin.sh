# Pinyin the way clerks say it (issue 10 item 6), keyed in tmux:
# - the household list finds a household by a member who is not the 户主 and
#   by the other reading of a polyphonic character (张长生: zcs and zzs; 阚: kl),
#   and by ID digits typed in full-width mode;
# - zz in 民族 opens the list filtered to 藏族 and 壮族 (no silent pick); a
#   choice goes in and moves on, Esc leaves the typed text;
# - F4's filter takes Chinese from the input method (typed or pasted);
# - F1 on 健康状况 shows cq for 长期慢性病;
# - a full-width ID pasted into 身份证号 is accepted and auto-advances.
. tests/e2e/lib.inc
DB=$T/p.db
H='县,乡镇,村,村民小组,户编号,户主姓名,与户主关系,姓名,性别,身份证号,民族,文化程度,在校生状况,健康状况,劳动技能,贫困户属性,识别标准,主要致贫原因,帮扶责任人,帮扶单位,状态'
{
    printf '%s\n' "$H"
    printf '%s\n' \
      '隆安县,城厢镇,东信村,第一组,,黄明,户主,黄明,男,450123198001010017,汉族,初中,非在校生,健康,普通劳动力,一般贫困户,国家标准,缺技术,,,识别中' \
      '隆安县,城厢镇,东信村,第一组,,黄明,之子,张长生,男,450123201003030032,汉族,小学,非在校生,健康,普通劳动力,一般贫困户,国家标准,缺技术,,,识别中' \
      '隆安县,城厢镇,东信村,第二组,,韦强,户主,韦强,男,450123197504040053,壮族,小学,非在校生,健康,普通劳动力,低保贫困户,国家标准,缺技术,,,识别中' \
      '隆安县,城厢镇,东信村,第二组,,韦强,配偶,阚丽,女,450123197805050060,壮族,小学,非在校生,健康,普通劳动力,低保贫困户,国家标准,缺技术,,,识别中'
} >"$T/r.csv"
"$FUPIN" init --db "$DB" --county 450123 隆安县 --township 450123101 城厢镇 --village 450123101201 东信村 \
    --village 450123101202 宝塘村 >/dev/null || fail init
"$FUPIN" import csv --db "$DB" "$T/r.csv" >/dev/null || fail import
tui_start "$DB"
wait_for "主菜单"

# The household list: a member's initials, under either reading.
k 2; wait_for "户信息查询"
k zcs; wait_for "找到 1 户"; wait_for "黄明"; not_on_screen "韦强"
k C-u zzs; wait_for "找到 1 户"; wait_for "黄明"
k C-u kl; wait_for "找到 1 户"; wait_for "韦强"; not_on_screen "黄明"        # 阚 kàn (Unihan's first: hǎn)
k C-u ４５０１２３１９７８; wait_for "找到 1 户"; wait_for "韦强"          # ID digits in full-width mode
k C-u kl; wait_for "韦强"
# F6 (village filter, a list without initials): Chinese from the input method narrows it.
k F6; wait_for "按村筛选"; wait_for "2 东信村"
k 宝; wait_for "筛选: 宝_"; not_on_screen "2 东信村"; wait_for "3 宝塘村"
k Escape; wait_for "户信息查询"

# 阚丽's row of the survey: 民族.
k Enter; wait_for "入户调查表"; k NPage; wait_for "序号 姓名"
k Down Enter; k Enter Enter Enter
k zz Enter; wait_for "选择民族"; wait_for "4 藏族"; wait_for "8 壮族"; not_on_screen "1 汉族"
wait_for "筛选: zz_"
k Enter; sleep 0.2                                  # 藏族, first in the list
not_on_screen "选择民族"
wait_for "民族 藏族"
# The cursor moved on: typing now goes into 政治面貌.
k Up; k zz Enter; wait_for "选择民族"
k Escape; wait_for "对应多个选项"; wait_for "民族 zz"
# F4 reopens the list filtered by what was typed; Chinese narrows it.
k F4; wait_for "筛选: zz_"; k Escape
k C-u; k F4; wait_for "选择民族"; wait_for "1 汉族"
k 壮; wait_for "筛选: 壮_"; wait_for "8 壮族"; not_on_screen "4 藏族"
k BSpace; wait_for "1 汉族"
printf '藏' > "$T/paste1"
tx load-buffer -b p1 "$T/paste1"; tx paste-buffer -p -b p1 -t t; sleep 0.2
wait_for "筛选: 藏_"; wait_for "4 藏族"; not_on_screen "8 壮族"
k Enter; wait_for "民族 藏族"
# F1 on 健康状况: the everyday initials clerks type.
k Down Down Down; k F1; wait_for "代码表「健康状况」"
screen | grep -q " 2  cq  *长期慢性病" || { screen; fail "F1 does not show cq for 长期慢性病"; }
k Escape
k Escape; wait_for "序号 姓名"; wait_for "阚丽 *女"
k Escape; answer_if "保存修改吗" n "户信息查询"
wait_for "户信息查询"; k Escape; wait_for "主菜单"

# A full-width ID pasted into Form A's 户主身份证号: accepted, moves on.
k 1; wait_for "农村扶贫对象家庭申请书"
k Enter Enter Enter; k 覃明 Enter
printf '４５０１２３１９８５０３０２１２３４' > "$T/paste2"
tx load-buffer -b p2 "$T/paste2"; tx paste-buffer -p -b p2 -t t; sleep 0.3
wait_for "450123198503021234 男 1985-03-02"
k Escape; answer_if "保存修改吗" n "主菜单"
wait_for "主菜单"; k q y; wait_for "FUPIN-EXITED-0"

# The sub-form of the 帮扶记录卡: jy is 就业务工 and 教育资助 alike.
export FUPIN_TODAY=2026-11-23
DB=$T/card.db
"$FUPIN" demo --db "$DB" --households 30 --seed 7 >/dev/null || fail demo
IDNO=$(sqlite3 "$DB" "SELECT m.id_no FROM households h JOIN members m ON m.household_id = h.id AND m.ordinal = 0
      JOIN assignments a ON a.household_id = h.id AND a.to_date IS NULL WHERE h.deleted = 0 ORDER BY h.id LIMIT 1")
tui_start "$DB"
wait_for "主菜单"
k 5; wait_for "户主姓名/拼音首字母"
k "$IDNO" Enter; wait_for "帮扶责任人"
k IC; wait_for "新增帮扶记录"
k 20260310 Enter; k Enter; k jy Enter   # the date moves on at 8 digits, Enter confirms it, Enter keeps 帮扶人
wait_for "选择帮扶措施类别"; wait_for "2 就业务工"; wait_for "4 教育资助"; not_on_screen "1 产业发展"
k Down Enter; wait_for "帮扶措施类别  教育资助"
k 落实营养改善补助; wait_for "帮扶内容  落实营养改善补助"     # the cursor moved on
k Escape; wait_for "保存修改吗"; k n
k Escape; sleep 0.2; k q y; wait_for "FUPIN-EXITED-0"
exit 0
