/* account.h: rules for officer accounts, pure: what a user name, a password and the profile the
 * printed forms read (full name, title, telephone) must look like. app/accounts.c applies them
 * for the CLI, the pages and the API alike. */
#ifndef MOTCUA_ACCOUNT_H
#define MOTCUA_ACCOUNT_H

#include "util/err.h"

enum {
    ACCOUNT_NAME_MAX = 64,
    ACCOUNT_PASSWORD_MIN = 8,
    ACCOUNT_PASSWORD_MAX = 256,
    ACCOUNT_TEXT_MAX = 200, /* a full name or a title, in bytes */
    ACCOUNT_PHONE_MAX = 20
};

/* account_check_name accepts 2..64 characters of a-z, 0-9, '.', '_' and '-', starting with
 * a letter or digit (officers' names are ASCII logins such as "nguyenvana" or "mc.giolinh"). */
int account_check_name(const char *name, Err *e);

/* account_check_password accepts 8..256 bytes of valid UTF-8 without control characters
 * and not equal to the user name. */
int account_check_password(const char *name, const char *password, Err *e);

/* account_check_profile accepts an officer's full name and title (each absent, or at most 200
 * bytes of valid UTF-8 without control characters) and telephone (absent, or 3-20 characters
 * of digits, spaces, '.', '-', '(' and ')' after an optional leading '+', with 3 digits at
 * least: a desk line "(0233) 3825 123" or an extension). The field at fault is "full_name",
 * "title" or "phone". */
int account_check_profile(const char *full_name, const char *title, const char *phone, Err *e);

#endif
