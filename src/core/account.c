/* account.c: user-name and password rules (see account.h). */
#include "core/account.h"

#include "core/vntext.h"

#include <string.h>

int account_check_name(const char *name, Err *e)
{
    size_t n = name ? strlen(name) : 0;
    int ok = n >= 2 && n <= ACCOUNT_NAME_MAX;
    for (size_t i = 0; ok && i < n; i++) {
        char c = name[i];
        int alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        ok = alnum || (i > 0 && (c == '.' || c == '_' || c == '-'));
    }
    if (!ok)
        return err_set(e, ERR_INVALID, "username",
                       "Tên đăng nhập gồm 2–64 ký tự a-z, 0-9, dấu chấm, gạch dưới hoặc gạch "
                       "ngang, bắt đầu bằng chữ hoặc số",
                       "user name must be 2-64 characters of a-z, 0-9, '.', '_', '-', "
                       "starting with a letter or digit");
    return 0;
}

int account_check_password(const char *name, const char *password, Err *e)
{
    size_t n = password ? strlen(password) : 0;
    if (n < ACCOUNT_PASSWORD_MIN || n > ACCOUNT_PASSWORD_MAX)
        return err_set(e, ERR_INVALID, "password", "Mật khẩu phải dài từ 8 đến 256 ký tự",
                       "password must be 8 to 256 bytes long");
    if (!vntext_valid_utf8(password, n))
        return err_set(e, ERR_INVALID, "password", "Mật khẩu chứa ký tự không hợp lệ",
                       "password is not valid UTF-8");
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)password[i] < 0x20 || password[i] == 0x7f)
            return err_set(e, ERR_INVALID, "password", "Mật khẩu chứa ký tự điều khiển",
                           "password contains control characters");
    if (name && strcmp(name, password) == 0)
        return err_set(e, ERR_INVALID, "password", "Mật khẩu không được trùng tên đăng nhập",
                       "password must differ from the user name");
    return 0;
}
