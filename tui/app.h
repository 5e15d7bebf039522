/* app.h — the workstation: a stack of screens over one database.
 * Each screen has draw and key functions (ncdu's model); the loop in app.c
 * reads keys, handles KEY_RESIZE and the too-small window in one place, and
 * redraws the top screen whole after every key. */
#ifndef FUPIN_APP_H
#define FUPIN_APP_H
#include <wchar.h>
#include "db/db.h"
#include "forms/form.h"

enum screen_action { ACT_NONE, ACT_POP, ACT_QUIT };

struct screen {
    const char *name;
    void (*draw)(void *self);
    /* kind is KEY_CODE_YES for function keys, OK for characters. */
    enum screen_action (*key)(void *self, int kind, wint_t ch);
    /* Called when the screen leaves the stack; frees self. */
    void (*close)(void *self);
    /* Called before quitting the program: 1 = may quit, 0 = stay. */
    int (*may_quit)(void *self);
    void *self;             /* a constructor that cannot open returns draw NULL: not pushed */
    /* 1 when draw() paints every cell of the window: the loop then skips the
     * erase() before each redraw, which is a third of a keystroke's cost.
     * The window is still erased after a screen change, a resize or a dialog. */
    int paints_all;
};

/* What every screen may use. */
struct app {
    struct db *db;
    const char *db_path;
    char operator_name[128];
    struct form_ctx ctx;        /* lines, labour ages, today */
    int year;                   /* the working year (today's) */
    int auto_advance;           /* fixed-length fields move on when full */
    int code_advance;           /* a one-digit whole answer moves on (fieldedit.h) */
    int read_only;              /* --read-only asked, or the file/folder/medium is not
                                   writable: viewing, searching, exporting only */
};
extern struct app app;

/* Opens the database and runs the workstation until the user quits.
 * Returns an exit code of SPEC §7.2. */
int app_run(const char *db_path, const char *operator_name);

void app_push(struct screen s);
/* Redraws the whole current screen. */
void app_draw(void);
/* Draws the current screen under an overlay (dialogs): the next normal
 * redraw then erases first, so no piece of the overlay stays behind. */
void app_draw_under_overlay(void);
/* 1 while the current redraw started from an erased window: a screen that
 * redraws only what changed must then paint everything. */
int app_window_erased(void);
/* Reloads settings into app.ctx after they change. */
void app_reload_settings(void);
struct check_ctx;
/* The check engine's context from the settings, with the duplicate-ID lookup. */
void app_check_context(struct check_ctx *cc);
/* The last database error as the clerk reads it: db_errmsg's Chinese, without
 * the English note in parentheses that the command line prints for the IT
 * person (SPEC: the screen speaks Chinese). */
const char *app_errmsg(void);
/* The folder an export is proposed in: the database's, so the file is found
 * where the data is (not wherever the program happened to be started). */
void app_export_dir(char *dir, size_t dirsz);
/* A file name typed for an export or a backup, made absolute: a bare or
 * relative name ("台账.xlsx", "备份.db") goes beside the database too.  In place; 0 when the result
 * would not fit (the clerk is told). */
int app_export_path(char *path, size_t pathsz);
/* After an export or a backup: a dialog titled `title` with the one message
 * "<done>：<full path>" (core/outpath.h), wrapped so the whole path shows
 * on a narrow screen; the same on the status line.  Returns the message
 * (valid until the next call). */
const char *app_written(const char *title, const char *done, const char *path);

#endif
