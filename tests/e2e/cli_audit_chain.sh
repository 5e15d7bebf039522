# Issue 13 item 2: an audit that shows tampering.  Each way of tampering
# with the log behind fupin's back — with the sqlite3 shell, as anyone who
# can copy the file can — is reported by `fupin check` (exit 1), naming the
# first bad row (its number, table and time) or the trigger.
. tests/e2e/lib.inc

expect_rc 0 "$FUPIN" demo --db "$T/d.db" --households 60 --seed 3
expect_rc 0 "$FUPIN" check --db "$T/d.db"
expect_grep "审计记录 [0-9]* 条: 校验完好" "$T/out"

GUARD_UPD=$(sql "$T/d.db" "select sql from sqlite_master where name='audit_no_update'")
GUARD_DEL=$(sql "$T/d.db" "select sql from sqlite_master where name='audit_no_delete'")
[ -n "$GUARD_UPD" ] && [ -n "$GUARD_DEL" ] || fail "no audit guards"
at_of() { sql "$T/d.db" "select at from audit where id = $1"; }

# tamper NAME SQL: a fresh copy of the clean file, the SQL run on it.
tamper() {
    cp "$T/d.db" "$T/$1.db"
    sqlite3 "$T/$1.db" "$2" 2>"$T/sqlerr" || fail "$1: sqlite3: $(cat "$T/sqlerr")"
}
# bad NAME PATTERN...: check exits 1 and its report has every pattern.
bad() {
    name=$1; shift
    expect_rc 1 "$FUPIN" check --db "$T/$name.db"
    for p in "$@"; do
        grep -q -- "$p" "$T/out" || fail "$name: '$p' not in the report: $(grep 审计 "$T/out")"
    done
}

# An edit, the guard dropped for it and put back exactly as it was.
tamper edit "drop trigger audit_no_update; update audit_log set operator = '县长' where id = 5; $GUARD_UPD;"
bad edit "审计记录第 5 条（[a-z_]*，$(at_of 5)）被修改" "审计记录 [0-9]* 条: 发现篡改"
# The same edit, the guard left dropped: both are named.
tamper edit_open "drop trigger audit_no_update; update audit_log set new = '{}' where id = 9;"
bad edit_open "审计触发器 audit_no_update 已被删除" "审计记录第 9 条.*被修改"
# An edit that also writes a made-up hash.
tamper rehash "drop trigger audit_no_update; update audit_log set new = '{}', hash = randomblob(32) where id = 11; $GUARD_UPD;"
bad rehash "审计记录第 11 条.*被修改"
# A deleted row: the row after the gap is named, and what is missing.
tamper delete "drop trigger audit_no_delete; delete from audit_log where id = 7; $GUARD_DEL;"
bad delete "审计记录第 7–7 条被删除（缺失于第 8 条"
# The log's last row cut off: the chain still holds, but the newest record
# of its table has lost its insert row.
LAST_TBL=$(sql "$T/d.db" "select tbl from audit order by id desc limit 1")
tamper tail "drop trigger audit_no_delete; delete from audit_log where id = (select max(id) from audit_log); $GUARD_DEL;"
bad tail "$LAST_TBL 第 [0-9]* 条记录没有新增的审计记录"
# A forged row: the guards allow INSERT, the shell cannot seal it.
HH_CODE=$(sql "$T/d.db" "select id from audit_names where name = 'households'")
N=$(sql "$T/d.db" "select max(id) from audit")
tamper forge "insert into audit_log(at, operator, tbl, row_id, action, old, new) values (strftime('%s', 'now'), '县长', $HH_CODE, 1, 1, '{\"state\":1}', '{\"state\":5}');"
bad forge "审计记录第 $((N + 1)) 条（households，.*）是伪造的"
# A forged row with a hash of its own, numbered into a gap made for it.
tamper forge_mid "drop trigger audit_no_delete; drop trigger audit_no_update; delete from audit_log where id = 12; insert into audit_log(id, at, operator, tbl, row_id, action, new, hash) values (12, 0, '县长', $HH_CODE, 1, 1, '{}', randomblob(32)); $GUARD_DEL; $GUARD_UPD;"
bad forge_mid "审计记录第 12 条.*被修改"
# Issue 14 goal 4: the log is stored compactly in audit_log (time as an
# integer, operator and table as numbers of audit_names, action 0/1/2) and
# hashed as the view `audit` reads it: an edit of any code is an edit.
tamper at_edit "drop trigger audit_no_update; update audit_log set at = at + 60 where id = 8; $GUARD_UPD;"
bad at_edit "审计记录第 8 条.*被修改"
[ "$(sql "$T/d.db" "select typeof(at) || typeof(operator) || typeof(tbl) || typeof(action) from audit_log
    where id = 8")" = integerintegerintegerinteger ] || fail "audit row 8 is not stored compactly"
MB_CODE=$(sql "$T/d.db" "select id from audit_names where name = 'members'")
UP=$(sql "$T/d.db" "select min(id) from audit where action = 'update' and tbl <> 'members'")
tamper tbl_code "drop trigger audit_no_update; update audit_log set tbl = $MB_CODE where id = $UP; $GUARD_UPD;"
bad tbl_code "审计记录第 $UP 条（members，.*）被修改"
tamper no_code "drop trigger audit_no_update; update audit_log set operator = 9999 where id = 6; $GUARD_UPD;"
bad no_code "审计记录第 6 条.*被修改"
tamper action_code "drop trigger audit_no_update; update audit_log set action = 1 where id = 10; $GUARD_UPD;"
bad action_code "审计记录第 10 条.*被修改"
# A name renamed in audit_names changes every row that names it.
OP1=$(sql "$T/d.db" "select min(id) from audit where operator = '演示员'")
tamper rename "update audit_names set name = '县长' where name = '演示员';"
bad rename "审计记录第 $OP1 条.*被修改"

# Triggers: the guard, a table's trigger, a trigger replaced by one that logs nothing.
tamper noguard "drop trigger audit_no_update;"
bad noguard "审计触发器 audit_no_update 已被删除"
tamper notrigger "drop trigger audit_households_update; update households set phone = '13800000000' where id = 1;"
bad notrigger "审计触发器 audit_households_update 已被删除"
tamper quiet "drop trigger audit_members_update; create trigger audit_members_update after update on members begin select 1; end;"
bad quiet "审计触发器 audit_members_update 已被改动"

# Issue 14: an insert's row keeps no image of the record, but its hash
# commits to the values; the records are replayed against their audit rows,
# so a record changed, removed or added with its trigger dropped and put
# back exactly as it was (the trigger check alone sees nothing) is found.
trigger_sql() { sql "$T/d.db" "select sql from sqlite_master where name='$1'"; }
HH_UPD=$(trigger_sql audit_households_update)
# A household never updated since its insert (the insert row holds no image).
HH=$(sql "$T/d.db" "select min(row_id) from audit a where tbl='households' and action='insert' and not exists
    (select 1 from audit b where b.tbl='households' and b.row_id=a.row_id and b.action<>'insert')")
INS=$(sql "$T/d.db" "select id from audit where tbl='households' and row_id=$HH and action='insert'")
tamper silent "drop trigger audit_households_update; update households set phone = '13800000000' where id = $HH; $HH_UPD;"
bad silent "审计记录第 $INS 条（households，.*）被修改，或 households 第 $HH 条记录有未留审计的修改"
# A record changed after its last update: that update's new values no longer hold.
NT_UPD=$(trigger_sql audit_notices_update)
NT=$(sql "$T/d.db" "select row_id from audit where tbl='notices' and action='update' and new like '%posted%' limit 1")
tamper silent_upd "drop trigger audit_notices_update; update notices set posted = 0 where id = $NT; $NT_UPD;"
bad silent_upd "notices 第 $NT 条记录与审计记录第 [0-9]* 条.*不符：有未留审计的修改"
# A record deleted with its delete trigger dropped.
MB_DEL=$(trigger_sql audit_members_delete)
MB=$(sql "$T/d.db" "select min(id) from members where id not in (select member_id from member_events)
    and id not in (select member_id from loans where member_id is not null) and id not in (select member_id from trainings)")
tamper silent_del "pragma foreign_keys=off; drop trigger audit_members_delete; delete from members where id = $MB; $MB_DEL;"
bad silent_del "members 第 $MB 条记录已不在，却没有删除的审计记录"
# A record added under an old number (not the newest) with its insert trigger dropped.
HP_INS=$(trigger_sql audit_helpers_insert)
tamper silent_ins "drop trigger audit_helpers_insert; insert into helpers(id, name) values (0, '韦乙'); $HP_INS;"
bad silent_ins "helpers 第 0 条记录没有新增的审计记录"

# A rewind that leaves nothing in the file to see (the chain has no secret):
# the log's last row and the record it inserted removed, the triggers put
# back word for word.  Only the automatic backup beside the file shows it.
set -- $(sql "$T/d.db" "select id, tbl, row_id, action from audit order by id desc limit 1" | tr '|' ' ')
[ "$4" = insert ] || fail "the demo's last audit row is a $4 of $2, not an insert"
DEL_TRG=$(trigger_sql "audit_$2_delete")
tamper rewind "drop trigger audit_no_delete; drop trigger audit_$2_delete; delete from $2 where id = $3;
    delete from audit_log where id = $1; $GUARD_DEL; $DEL_TRG;"
expect_rc 0 "$FUPIN" check --db "$T/rewind.db"
mkdir -p "$T/backups"
cp "$T/d.db" "$T/backups/rewind-20261201-170000.db"
bad rewind "审计记录比自动备份 rewind-20261201-170000.db 还少：备份中的第 $1 条在本文件中已不存在"

# Without fupin's hash function an audited table cannot be written at all:
# the shell's write fails and the file is unchanged.
cp "$T/d.db" "$T/shell.db"
sqlite3 "$T/shell.db" "update households set phone = '13800000000' where id = 1" 2>"$T/sqlerr" \
    && fail "the shell wrote an audited table without the audit's hash"
grep -q "fupin_audit_hash" "$T/sqlerr" || fail "shell write: $(cat "$T/sqlerr")"
expect_rc 0 "$FUPIN" check --db "$T/shell.db"

# The clean file still checks clean after all this.
expect_rc 0 "$FUPIN" check --db "$T/d.db"
exit 0
