/* Unit tests of core/idno: GB 11643 check characters and the masks.
 * Check characters: sum of digit × weight (7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2),
 * mod 11, remainder 0..10 → 1 0 X 9 8 7 6 5 4 3 2. */
#include "tests/harness.h"
#include "core/idno.h"
#include "core/codes.h"
#include <stdlib.h>

TEST(idno_check_char_known_answers)
{
    /* 1·7+1·9+0+1·5+0+5·4+1·2+9·1+4·6+9·3+1·7+2·9+3·10+1·5+0+0+2·2 = 167;
     * 167 mod 11 = 2 → X */
    CHECK_INT(idno_check_char("11010519491231002"), 'X');
    /* 4·7+4·9+0+5·5+2·8+4·4+1·2+8·1+8·6+0+0+1·9+0+1·5+0+0+1·2 = 195;
     * 195 mod 11 = 8 → 4 */
    CHECK_INT(idno_check_char("44052418800101001"), '4');
    /* The rest from an independent Python one-liner over the same rule. */
    CHECK_INT(idno_check_char("11010520000229001"), '3');
    CHECK_INT(idno_check_char("11010520240229002"), 'X');
    CHECK_INT(idno_check_char("11010519800101123"), '8');
}

TEST(idno_valid_numbers)
{
    struct idno_info info;
    setenv("FUPIN_TODAY", "2026-11-23", 1);
    CHECK_INT(idno_parse("11010519491231002X", &info), IDNO_OK);
    CHECK_STR(info.id, "11010519491231002X");
    CHECK_STR(info.birth, "1949-12-31");
    CHECK_INT(info.sex, SEX_FEMALE);            /* 17th digit 2: even */
    CHECK_INT(idno_parse("440524188001010014", &info), IDNO_OK);
    CHECK_STR(info.birth, "1880-01-01");
    CHECK_INT(info.sex, SEX_MALE);              /* 17th digit 1: odd */
    CHECK_INT(idno_parse("110105200002290013", &info), IDNO_OK);   /* 29 Feb 2000 */
    CHECK_STR(info.birth, "2000-02-29");
    CHECK_INT(idno_parse("  110105198001011238 ", &info), IDNO_OK);
    CHECK_STR(info.id, "110105198001011238");
}

TEST(idno_lower_case_x_stored_upper)
{
    struct idno_info info;
    CHECK_INT(idno_parse("11010519491231002x", &info), IDNO_OK);
    CHECK_STR(info.id, "11010519491231002X");
}

TEST(idno_wrong_checksum)
{
    struct idno_info info;
    CHECK_INT(idno_parse("110105194912310021", &info), IDNO_BAD_CHECK);
    CHECK_INT(idno_parse("440524188001010015", &info), IDNO_BAD_CHECK);
    CHECK_INT(idno_parse("11010520000229001X", &info), IDNO_BAD_CHECK);
}

TEST(idno_invalid_dates)
{
    struct idno_info info;
    /* Checksums right (7 and 7), dates wrong: the date is what is refused. */
    CHECK_INT(idno_parse("440301199902300017", &info), IDNO_BAD_DATE);   /* 30 Feb */
    CHECK_INT(idno_parse("110105190002290017", &info), IDNO_BAD_DATE);   /* 1900 not leap */
    CHECK_INT(idno_parse("110105190002280011", &info), IDNO_OK);
}

TEST(idno_future_birth)
{
    struct idno_info info;
    setenv("FUPIN_TODAY", "2026-11-23", 1);
    CHECK_INT(idno_parse("440301202611230017", &info), IDNO_OK);         /* born today */
    CHECK_INT(idno_parse("440301202611240012", &info), IDNO_FUTURE_DATE); /* tomorrow */
    setenv("FUPIN_TODAY", "2026-11-24", 1);
    CHECK_INT(idno_parse("440301202611240012", &info), IDNO_OK);
}

TEST(idno_area_codes)
{
    struct idno_info info;
    CHECK_INT(idno_parse("000000198001010013", &info), IDNO_BAD_AREA);
    CHECK_INT(idno_parse("990101198001010014", &info), IDNO_BAD_AREA);
    CHECK_INT(idno_parse("16010119800101001X", &info), IDNO_BAD_AREA);   /* 16 unused */
    CHECK_INT(idno_parse("120101198001010012", &info), IDNO_OK);         /* 12 天津 */
    CHECK_INT(idno_parse("710101198001010012", &info), IDNO_OK);
    CHECK_INT(idno_parse("810000198001010014", &info), IDNO_OK);
}

TEST(idno_length_and_chars)
{
    struct idno_info info;
    CHECK_INT(idno_parse("", &info), IDNO_EMPTY);
    CHECK_INT(idno_parse("   ", &info), IDNO_EMPTY);
    CHECK_INT(idno_parse(NULL, &info), IDNO_EMPTY);
    CHECK_INT(idno_parse("1101051949123100", &info), IDNO_BAD_LENGTH);
    CHECK_INT(idno_parse("11010519491231002X1", &info), IDNO_BAD_LENGTH);
    CHECK_INT(idno_parse("1101051949123100X2", &info), IDNO_BAD_CHAR);  /* X not last */
    CHECK_INT(idno_parse("11010519491231002Y", &info), IDNO_BAD_CHAR);
    CHECK_INT(idno_parse("110105 19491231002X", &info), IDNO_BAD_CHAR);
    CHECK_INT(idno_parse("１１０１０５１９４９１２３１００２X", &info), IDNO_BAD_CHAR);
}

TEST(idno_upgrade_15_digits)
{
    struct idno_info info;
    /* 130503 670401 001 → 130503 19670401 001 + check: Python gives 6. */
    CHECK_INT(idno_parse("130503670401001", &info), IDNO_UPGRADED);
    CHECK_STR(info.id, "130503196704010016");
    CHECK_STR(info.birth, "1967-04-01");
    CHECK_INT(info.sex, SEX_MALE);
    CHECK_INT(idno_parse("130503670231001", &info), IDNO_BAD_DATE);
    CHECK_INT(idno_parse("13050367040100X", &info), IDNO_BAD_CHAR);
    CHECK(idno_strerror(IDNO_UPGRADED)[0] != '\0');
}

TEST(idno_messages_distinct)
{
    for (int a = IDNO_OK; a <= IDNO_BAD_CHECK; a++)
        for (int b = a + 1; b <= IDNO_BAD_CHECK; b++)
            CHECK(strcmp(idno_strerror(a), idno_strerror(b)) != 0);
    CHECK_STR(idno_strerror(IDNO_BAD_CHECK), "身份证号校验位错误");
}

TEST(idno_mask_rule)
{
    char out[21];
    idno_mask("11010519491231002X", out);
    CHECK_STR(out, "110105********002X");
    idno_mask("130503670401001", out);
    CHECK_STR(out, "");
    idno_mask(NULL, out);
    CHECK_STR(out, "");
}

TEST(idno_phone_mask)
{
    char out[21];
    phone_mask("13812345678", out);
    CHECK_STR(out, "138****5678");
    phone_mask("0755-12345678", out);
    CHECK_STR(out, "*********5678");
    phone_mask("123", out);
    CHECK_STR(out, "123");
    phone_mask("", out);
    CHECK_STR(out, "");
    phone_mask(NULL, out);
    CHECK_STR(out, "");
}
