/* The database opener (db/db.c): the input is written as the file, then
 * opened as `fupin check` opens it (read-only) and as the workstation does
 * (read-write, migrating an older schema), and read through `fupin
 * check`'s path — the file's integrity, the audit chain, the settings and
 * every household.  A damaged file must give an error with a message,
 * never a crash; an error is always one of the known codes. */
#include <unistd.h>
#include "core/checks.h"
#include "db/audit.h"
#include "db/db.h"
#include "db/household_store.h"
#include "db/integrity.h"
#include "db/settings.h"
#include "tests/fuzz/fuzz.h"

static char dir[64], path[96];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc; (void)argv;
    setenv("FUPIN_TODAY", "2026-06-30", 1);
    /* In memory when there is /dev/shm: every open fsyncs, and the disk
     * would make each run 50 times slower. */
    const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    snprintf(dir, sizeof dir, "%s/fupin-fuzz-db.XXXXXX", base);
    if (!mkdtemp(dir))
        abort();
    snprintf(path, sizeof path, "%s/f.db", dir);
    return 0;
}

static void remove_files(void)
{
    static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
    char p[128];
    for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++) {
        snprintf(p, sizeof p, "%s%s", path, suffixes[i]);
        unlink(p);
    }
}

/* Each finding is reported once and described in words. */
static void on_finding(void *ud, const struct audit_finding *f)
{
    char text[600];
    audit_describe(f, text, sizeof text);
    FUZZ_CHECK(text[0] != '\0');
    ++*(size_t *)ud;
}

static void check_err(enum db_err e)
{
    FUZZ_CHECK(e >= DB_OK && e <= DB_ERR_DENIED);
    FUZZ_CHECK(db_strerror(e) != NULL);
}

/* What `fupin check` reads, in its order. */
static void read_all(struct db *db)
{
    struct integrity_report ir;
    enum db_err e = db_integrity_check(db, 0, NULL, NULL, &ir);
    check_err(e);
    if (e == DB_OK && ir.problems)
        FUZZ_CHECK(ir.first[0] != '\0');
    /* bad counts findings, not rows: missing triggers and a cut-off end
     * are findings too, so a damaged file can have more findings than rows
     * (the first invariant here, bad <= rows, was wrong: CI found it). */
    size_t rows = 0, bad = 0, reported = 0;
    check_err(audit_verify(db, on_finding, &reported, &rows, &bad));
    FUZZ_CHECK(bad == reported);
    static struct line lines[256];
    size_t n_lines = 0;
    check_err(db_lines(db, lines, 256, &n_lines));
    FUZZ_CHECK(n_lines <= 256);
    struct labour_ages la;
    check_err(db_labour_ages(db, &la));
    int64_t *ids = NULL;
    size_t n = 0;
    e = db_household_ids(db, &ids, &n);
    check_err(e);
    static struct household hh;
    for (size_t i = 0; e == DB_OK && i < n && i < 20; i++) {
        enum db_err le = db_household_load_as_of(db, ids[i], 2026, &hh);
        check_err(le);
        if (le == DB_OK)
            FUZZ_CHECK(hh.n_members >= 0 && hh.n_members <= HH_MAX_MEMBERS);
    }
    free(ids);
}

static void open_and_read(const uint8_t *data, size_t size, int flags)
{
    remove_files();
    FILE *fp = fopen(path, "wb");
    if (!fp)
        abort();
    if (size && fwrite(data, 1, size, fp) != size)
        abort();
    fclose(fp);
    struct db *db = NULL;
    char err[512] = "";
    enum db_err e = db_open(path, flags, &db, err, sizeof err);
    check_err(e);
    if (e != DB_OK) {
        FUZZ_CHECK(db == NULL && err[0] != '\0');
        return;
    }
    FUZZ_CHECK(db != NULL);
    read_all(db);
    db_close(db);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    open_and_read(data, size, DB_READONLY);
    open_and_read(data, size, 0);
    remove_files();
    return 0;
}

/* libFuzzer ends the process with exit(): the directory goes with it. */
__attribute__((destructor)) static void remove_dir(void)
{
    if (dir[0]) {
        remove_files();
        rmdir(dir);
    }
}
