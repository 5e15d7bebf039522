/* ID numbers (core/idno): anything accepted is an 18-character number that
 * validates again unchanged, with a real birth date and the right check
 * character; the masks never overrun. */
#include <locale.h>
#include "core/clock.h"
#include "core/codes.h"
#include "core/idno.h"
#include "tests/fuzz/fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc; (void)argv;
    setenv("FUPIN_TODAY", "2026-06-30", 1);     /* the future-date rule, fixed */
    return 0;
}

static void check_accepted(const struct idno_info *info)
{
    FUZZ_CHECK(strlen(info->id) == 18);
    char first17[18];
    memcpy(first17, info->id, 17);
    first17[17] = '\0';
    FUZZ_CHECK(idno_check_char(first17) == info->id[17]);
    struct idno_info again;
    FUZZ_CHECK(idno_parse(info->id, &again) == IDNO_OK);
    FUZZ_CHECK(strcmp(again.id, info->id) == 0);
    FUZZ_CHECK(strcmp(again.birth, info->birth) == 0);
    FUZZ_CHECK(again.sex == info->sex);
    int y, m, d;
    FUZZ_CHECK(date_parse(info->birth, &y, &m, &d));
    FUZZ_CHECK(strcmp(info->birth, "2026-06-30") <= 0);
    FUZZ_CHECK(info->sex == SEX_MALE || info->sex == SEX_FEMALE);
    char masked[19];
    idno_mask(info->id, masked);
    FUZZ_CHECK(strlen(masked) == 18);
    FUZZ_CHECK(memcmp(masked, info->id, 6) == 0 && memcmp(masked + 14, info->id + 14, 4) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_string(data, size);
    struct idno_info info;
    memset(&info, 0x5a, sizeof info);
    enum idno_status st = idno_parse(s, &info);
    FUZZ_CHECK(st >= IDNO_OK && st <= IDNO_BAD_CHECK);
    FUZZ_CHECK(idno_strerror(st) != NULL);
    if (st == IDNO_OK || st == IDNO_UPGRADED)
        check_accepted(&info);
    char masked[19], phone[21];
    idno_mask(s, masked);
    FUZZ_CHECK(strlen(masked) == 0 || strlen(masked) == 18);
    phone_mask(s, phone);
    FUZZ_CHECK(strlen(phone) < sizeof phone);
    free(s);
    return 0;
}
