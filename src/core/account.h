/* account.h: rules for officer accounts, pure: what a user name and a password must look
 * like. The store applies them (store/accounts.c) for the CLI and the API alike. */
#ifndef MOTCUA_ACCOUNT_H
#define MOTCUA_ACCOUNT_H

#include "util/err.h"

enum { ACCOUNT_NAME_MAX = 64, ACCOUNT_PASSWORD_MIN = 8, ACCOUNT_PASSWORD_MAX = 256 };

/* account_check_name accepts 2..64 characters of a-z, 0-9, '.', '_' and '-', starting with
 * a letter or digit (officers' names are ASCII logins such as "nguyenvana" or "mc.giolinh"). */
int account_check_name(const char *name, Err *e);

/* account_check_password accepts 8..256 bytes of valid UTF-8 without control characters
 * and not equal to the user name. */
int account_check_password(const char *name, const char *password, Err *e);

#endif
