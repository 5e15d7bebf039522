/* login.h — the login screen and the screens that set passwords.  The
 * checks themselves are db/operators.h's; these only ask. */
#ifndef FUPIN_LOGIN_H
#define FUPIN_LOGIN_H
#include <stddef.h>

/* Name and hidden password until db_login accepts them (then app's operator
 * is set): 1, or 0 when the clerk leaves with Esc. */
int login_run(void);
/* The name --operator or FUPIN_OPERATOR gave without a password: the
 * login screen starts with it filled in and the cursor on 密码. */
void login_prefill(const char *name);
/* First run: the 管理员's name and password (twice); logged in after: 1,
 * or 0 on Esc. */
int login_create_admin(void);
/* A new password typed twice, hidden; 0 on Esc.  `who` names whose. */
int login_new_password(const char *who, char *buf, size_t bufsz);
/* After a login: app.operator_name from the connection. */
void login_adopt(void);

#endif
