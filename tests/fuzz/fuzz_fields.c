/* The field parsers of the forms engine (forms/form.c field_parse): the
 * first byte picks a field of Form A, Form B or the members roster, the rest
 * is what the clerk keyed.  A refused text leaves the record untouched; an
 * accepted one formats to text that is accepted again and formats the same
 * (what the screen shows after a save is what it would store). */
#include <locale.h>
#include "forms/form.h"
#include "tests/fuzz/fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc; (void)argv;
    setlocale(LC_ALL, "C.UTF-8");
    setenv("FUPIN_TODAY", "2026-06-30", 1);
    return 0;
}

/* The stored fields, all forms: the index picks one. */
static const struct field *pick(unsigned idx)
{
    const enum ftable tables[] = { T_HOUSEHOLD, T_MEMBER, T_APPLICATION, T_SURVEY };
    size_t total = 0, n;
    for (size_t t = 0; t < 4; t++) {
        form_table_fields(tables[t], &n);
        total += n;
    }
    idx %= (unsigned)total;
    for (size_t t = 0; t < 4; t++) {
        const struct field *fs = form_table_fields(tables[t], &n);
        if (idx < n)
            return &fs[idx];
        idx -= (unsigned)n;
    }
    return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct household hh, before;
    if (size < 1)
        return 0;
    const struct field *f = pick(data[0]);
    FUZZ_CHECK(f != NULL);
    void *rec = f->table == T_MEMBER ? (void *)&hh.members[0] : (void *)&hh;
    memset(&hh, 0, sizeof hh);
    memcpy(&before, &hh, sizeof hh);
    char *text = fuzz_string(data + 1, size - 1);
    const char *err = field_parse(f, rec, text);
    if (err) {
        FUZZ_CHECK(err[0] != '\0');
        FUZZ_CHECK(memcmp(&hh, &before, sizeof hh) == 0);
        free(text);
        return 0;
    }
    char shown[1024], again[1024];
    field_format(f, rec, shown, sizeof shown);
    unsigned char value[4096];
    FUZZ_CHECK(f->size <= sizeof value);
    memcpy(value, field_cptr(f, rec), f->size);
    const char *err2 = field_parse(f, rec, shown);
    if (err2)
        fprintf(stderr, "field %s: '%s' shown as '%s' is refused: %s\n", f->key, text, shown, err2);
    FUZZ_CHECK(err2 == NULL);
    FUZZ_CHECK(memcmp(value, field_cptr(f, rec), f->size) == 0);
    field_format(f, rec, again, sizeof again);
    FUZZ_CHECK(strcmp(shown, again) == 0);
    free(text);
    return 0;
}
