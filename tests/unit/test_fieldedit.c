/* Tests for tui/fieldedit: the one field logic of the form engine and the
 * sub-form — selection on load and after a refusal, typing over a refused
 * value, the ambiguous-code warning, and when a field moves on by itself. */
#include "tests/harness.h"
#include "tui/app.h"
#include "tui/fieldedit.h"
#include <locale.h>
#include <stddef.h>
#include <string.h>

struct rec {
    char date[11];
    int code, yes;
    char name[41];
};

static const struct field DATE = { "date", "日期", FT_DATE, T_HOUSEHOLD, offsetof(struct rec, date), 11, 12,
                                   CL_NONE, F_REQUIRED, NULL, NULL };
static const struct field NAME = { "name", "姓名", FT_TEXT, T_HOUSEHOLD, offsetof(struct rec, name), 41, 12,
                                   CL_NONE, 0, NULL, NULL };

static struct field code_field(enum codelist list)
{
    struct field f = { "code", "代码", FT_CODE, T_HOUSEHOLD, offsetof(struct rec, code), sizeof(int), 8,
                       list, 0, NULL, NULL };
    return f;
}

static const char *text_of(struct fieldedit *fe)
{
    static char buf[512];
    le_get_utf8(&fe->le, buf, sizeof buf);
    return buf;
}

static enum fe_key_result type(struct fieldedit *fe, const char *s)
{
    enum fe_key_result r = FE_EDITED;
    for (; *s; s++)
        r = fe_key(fe, OK, (wint_t)(unsigned char)*s);
    return r;
}

TEST(fieldedit_refused_date_typed_over)
{
    setlocale(LC_ALL, "C.UTF-8");
    app.auto_advance = 1;
    app.code_advance = 1;
    struct rec r = { "2026-11-23", 0, 0, "" };
    struct fieldedit fe;
    fe_load(&fe, &DATE, &r);
    CHECK(fe.le.selected);                      /* a date is entered selected */
    CHECK(!fe_changed(&fe));
    CHECK_INT(type(&fe, "20230230"), FE_COMPLETE);   /* whole: the caller tries to move on */
    CHECK_INT(fe_parse(&fe, &r), FE_REFUSED);
    CHECK_STR(fe.why, "日期: 日期不存在");
    CHECK_STR(r.date, "2026-11-23");            /* nothing written */
    CHECK(fe.le.selected);
    CHECK_INT(type(&fe, "20261128"), FE_COMPLETE);
    CHECK_STR(text_of(&fe), "20261128");
    CHECK_INT(fe_parse(&fe, &r), FE_ACCEPTED);
    CHECK_STR(r.date, "2026-11-28");
    CHECK_STR(fe.why, "");
}

TEST(fieldedit_refused_value_edited_by_arrows)
{
    setlocale(LC_ALL, "C.UTF-8");
    app.auto_advance = 0;
    struct rec r = { "", 0, 0, "" };
    struct fieldedit fe;
    fe_load(&fe, &DATE, &r);
    CHECK(!fe.le.selected);                     /* empty: nothing to select */
    CHECK_INT(type(&fe, "20261131"), FE_EDITED);     /* auto-advance off */
    CHECK_INT(fe_parse(&fe, &r), FE_REFUSED);
    CHECK_INT(fe_key(&fe, KEY_CODE_YES, KEY_BACKSPACE), FE_EDITED);
    CHECK_INT(type(&fe, "0"), FE_EDITED);
    CHECK_STR(text_of(&fe), "20261130");
    CHECK_INT(fe_parse(&fe, &r), FE_ACCEPTED);
    CHECK_STR(r.date, "2026-11-30");
    /* Unchanged text is not parsed again. */
    fe_load(&fe, &DATE, &r);
    CHECK_INT(fe_parse(&fe, &r), FE_SAME);
    /* Ctrl-U clears; an empty date parses to empty. */
    CHECK_INT(fe_key(&fe, OK, 'U' & 0x1f), FE_EDITED);
    CHECK_STR(text_of(&fe), "");
    CHECK(fe_changed(&fe));
}

TEST(fieldedit_text_not_selected_but_refusal_selects)
{
    setlocale(LC_ALL, "C.UTF-8");
    struct rec r = { "", 0, 0, "张三" };
    struct fieldedit fe;
    fe_load(&fe, &NAME, &r);
    CHECK(!fe.le.selected);                     /* free text is amended, not replaced */
    type(&fe, "x");
    CHECK_STR(text_of(&fe), "张三x");
    fe_refuse(&fe, "帮扶责任人名册中没有“%s”", "张三x");
    CHECK(fe.le.selected);
    CHECK_STR(fe.why, "帮扶责任人名册中没有“张三x”");
    CHECK_INT(fe_key(&fe, OK, L'李'), FE_EDITED);
    CHECK_STR(text_of(&fe), "李");
}

/* Initials that pick one label are parsed like its number; initials that
 * fit several (hz: 汉族 and 回族) open the filtered list instead, which
 * needs a terminal: tests/e2e/tui_pinyin.sh drives that (zz in 民族). */
TEST(fieldedit_unambiguous_initials_parse)
{
    setlocale(LC_ALL, "C.UTF-8");
    struct field f = code_field(CL_ETHNIC);
    struct rec r = { "", 0, 0, "" };
    struct fieldedit fe;
    fe_load(&fe, &f, &r);
    type(&fe, "wwe");                           /* 维吾尔族 alone */
    CHECK_INT(fe_parse(&fe, &r), FE_ACCEPTED);
    CHECK_INT(r.code, codes_pick(CL_ETHNIC, "wwe"));
    CHECK(r.code > 0);
    CHECK_INT(codes_pick(CL_ETHNIC, "hz"), -1);
}

/* Which one digit is a whole answer: no other code of the list starts
 * with it. */
TEST(fieldedit_one_digit_complete)
{
    struct field sex = code_field(CL_SEX), rel = code_field(CL_RELATION), eth = code_field(CL_ETHNIC);
    struct field yes = { "yes", "是否", FT_BOOL, T_HOUSEHOLD, offsetof(struct rec, yes), sizeof(int), 2,
                         CL_NONE, 0, NULL, NULL };
    CHECK(fe_complete(&sex, "1", 0, 1));
    CHECK(fe_complete(&sex, "2", 0, 1));
    CHECK(!fe_complete(&sex, "3", 0, 1));       /* no such code: stays, refused on Enter */
    CHECK(!fe_complete(&rel, "1", 0, 1));       /* 14 relations: 1 may become 10..14 */
    CHECK(fe_complete(&rel, "3", 0, 1));
    CHECK(fe_complete(&rel, "12", 0, 1) == 0);  /* two digits: Enter, as before */
    for (char d = '1'; d <= '5'; d++) {         /* 58 nationalities */
        char t[2] = { d, 0 };
        CHECK(!fe_complete(&eth, t, 0, 1));
    }
    CHECK(fe_complete(&eth, "8", 0, 1));
    CHECK(fe_complete(&yes, "1", 0, 1));
    CHECK(fe_complete(&yes, "0", 0, 1));
    CHECK(!fe_complete(&yes, "2", 0, 1));
    CHECK(!fe_complete(&yes, "y", 0, 1));
    CHECK(fe_complete(&yes, "１", 0, 1));        /* full-width, from an input method */
    CHECK(!fe_complete(&sex, "1", 1, 0));       /* setting off */
    CHECK(!fe_complete(&DATE, "1", 1, 1));
}

TEST(fieldedit_fixed_length_complete)
{
    CHECK(fe_complete(&DATE, "20261128", 1, 0));
    CHECK(fe_complete(&DATE, "2026-11-28", 1, 0));
    CHECK(!fe_complete(&DATE, "2026-11-2", 1, 0));
    CHECK(!fe_complete(&DATE, "20261128", 0, 1));
    struct field id = { "id_no", "身份证号", FT_IDNO, T_HOUSEHOLD, 0, 19, 18, CL_NONE, 0, NULL, NULL };
    CHECK(fe_complete(&id, "450123198503021234", 1, 0));
    CHECK(!fe_complete(&id, "45012319850302123", 1, 0));
    /* The type decides, in every form alike: no flag to forget (the dates
     * of the registers, projects and 监测 waited for Enter while Form A's
     * moved on). */
    struct field phone = id, text = id;
    phone.type = FT_PHONE;
    text.type = FT_TEXT;
    CHECK(fe_complete(&phone, "13907711234", 1, 0));
    CHECK(!fe_complete(&phone, "0771-1234567", 1, 0));     /* a landline may go on */
    CHECK(!fe_complete(&text, "450123198503021234", 1, 0));
}

/* Enter on every question: the Enter right after a move made by itself is
 * swallowed once; any other key in between ends that, a resize does not. */
TEST(fieldedit_enter_after_move_confirms)
{
    struct fieldedit fe = { 0 };
    CHECK(!fe_swallow_enter(&fe, OK, '\n'));           /* no move before: Enter moves */
    fe_moved_on(&fe);
    CHECK(fe_swallow_enter(&fe, OK, '\r'));
    CHECK(!fe_swallow_enter(&fe, OK, '\n'));           /* the second one moves on */
    fe_moved_on(&fe);
    CHECK(fe_swallow_enter(&fe, KEY_CODE_YES, KEY_ENTER));
    fe_moved_on(&fe);
    CHECK(!fe_swallow_enter(&fe, KEY_CODE_YES, KEY_RESIZE));
    CHECK(fe_swallow_enter(&fe, OK, '\n'));            /* a resize in between: still the first */
    fe_moved_on(&fe);
    CHECK(!fe_swallow_enter(&fe, OK, '5'));             /* typed on: the field is being keyed */
    CHECK(!fe_swallow_enter(&fe, OK, '\n'));
    fe_moved_on(&fe);
    CHECK(!fe_swallow_enter(&fe, OK, '\t'));           /* Tab is not Enter */
    CHECK(!fe_swallow_enter(&fe, OK, '\n'));
}

/* fe_key reports FE_COMPLETE only for a character typed, not for an
 * editing key that leaves a whole answer behind. */
TEST(fieldedit_complete_only_after_typing)
{
    setlocale(LC_ALL, "C.UTF-8");
    app.code_advance = 1;
    struct field sex = code_field(CL_SEX);
    struct rec r = { "", 1, 0, "" };
    struct fieldedit fe;
    fe_load(&fe, &sex, &r);
    CHECK_STR(text_of(&fe), "男");
    CHECK_INT(fe_key(&fe, OK, '2'), FE_COMPLETE);    /* typed over the selected 男 */
    CHECK_INT(fe_parse(&fe, &r), FE_ACCEPTED);
    CHECK_INT(r.code, 2);
    fe_load(&fe, &sex, &r);
    le_set_utf8(&fe.le, "12");
    CHECK_INT(fe_key(&fe, KEY_CODE_YES, KEY_BACKSPACE), FE_EDITED);
    CHECK_INT(fe_key(&fe, KEY_CODE_YES, KEY_F(9)), FE_UNHANDLED);
    CHECK_INT(fe_key(&fe, OK, '\n'), FE_UNHANDLED);
}
