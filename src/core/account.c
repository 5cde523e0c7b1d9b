/* account.c: user-name, password and profile rules (see account.h). */
#include "core/account.h"

#include "core/vntext.h"

#include <stdio.h>
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

/* check_text accepts an absent s, or at most ACCOUNT_TEXT_MAX bytes of valid UTF-8 without
 * control characters; vi and en say what the field is. */
static int check_text(const char *s, const char *field, const char *vi, const char *en, Err *e)
{
    size_t n = s ? strlen(s) : 0;
    int ok = n <= ACCOUNT_TEXT_MAX && vntext_valid_utf8(s ? s : "", n);
    for (size_t i = 0; ok && i < n; i++)
        ok = (unsigned char)s[i] >= 0x20 && s[i] != 0x7f;
    if (ok)
        return 0;
    char msg_vi[160], msg_en[160];
    snprintf(msg_vi, sizeof msg_vi, "%s dài tối đa 200 byte, không có ký tự điều khiển", vi);
    snprintf(msg_en, sizeof msg_en, "%s must be at most 200 bytes without control characters", en);
    return err_set(e, ERR_INVALID, field, msg_vi, msg_en);
}

int account_check_profile(const char *full_name, const char *title, const char *phone, Err *e)
{
    int rc;
    if ((rc = check_text(full_name, "full_name", "Họ và tên", "the full name", e)) < 0 ||
        (rc = check_text(title, "title", "Chức danh", "the title", e)) < 0)
        return rc;
    size_t n = phone ? strlen(phone) : 0, digits = 0;
    int ok = n <= ACCOUNT_PHONE_MAX;
    for (size_t i = phone && phone[0] == '+' ? 1 : 0; ok && i < n; i++) {
        char c = phone[i];
        digits += c >= '0' && c <= '9';
        ok = (c >= '0' && c <= '9') || c == ' ' || c == '.' || c == '-' || c == '(' || c == ')';
    }
    if (phone && (!ok || digits < 3))
        return err_set(e, ERR_INVALID, "phone",
                       "Số điện thoại gồm 3–20 ký tự: chữ số, khoảng trắng, dấu chấm, gạch ngang, "
                       "ngoặc đơn, có thể bắt đầu bằng +",
                       "phone must be 3-20 characters of digits, spaces, '.', '-', '(', ')' after "
                       "an optional '+'");
    return 0;
}
