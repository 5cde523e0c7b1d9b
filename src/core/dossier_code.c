/* dossier_code.c: validation of agency, procedure and field codes (see dossier_code.h). */
#include "core/dossier_code.h"

#include "util/err.h"

#include <stdio.h>
#include <string.h>

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int is_upper(char c)
{
    return c >= 'A' && c <= 'Z';
}

int dossier_code_unit_valid(const char *s)
{
    /* D = digit, L = upper-case letter, . = literal dot */
    static const char shape[] = "DDD.DD.DD.LDD";
    if (!s || strlen(s) != UNIT_CODE_LEN)
        return 0;
    for (int i = 0; i < UNIT_CODE_LEN; i++) {
        char want = shape[i], c = s[i];
        if ((want == 'D' && !is_digit(c)) || (want == 'L' && !is_upper(c)) ||
            (want == '.' && c != '.'))
            return 0;
    }
    return 1;
}

int dossier_code_procedure_valid(const char *s)
{
    if (!s)
        return 0;
    size_t lead = 0;
    while (is_digit(s[lead]))
        lead++;
    if (lead == 0 || lead > 3 || s[lead] != '.')
        return 0;
    const char *t = s + lead + 1;
    for (int i = 0; i < 6; i++)
        if (!is_digit(t[i]))
            return 0;
    return t[6] == '\0';
}

int dossier_code_field_valid(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n == 0 || n > 16 || !(is_upper(s[0]) || is_digit(s[0])))
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!(is_upper(s[i]) || is_digit(s[i]) || s[i] == '-' || s[i] == '.' || s[i] == '_'))
            return 0;
    return 1;
}

static int valid_date(int y, int m, int d)
{
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1 || d > days[m - 1])
        return 0;
    return !(m == 2 && d == 29 && (y % 4 != 0 || (y % 100 == 0 && y % 400 != 0)));
}

int dossier_code_format(const char *unit, int y, int m, int d, long long seq,
                        char out[DOSSIER_CODE_MAX])
{
    if (!dossier_code_unit_valid(unit) || y < 2000 || y > 2099 || !valid_date(y, m, d) || seq < 1 ||
        seq > 9999999999LL)
        return ERR_INVALID;
    snprintf(out, DOSSIER_CODE_MAX, "%s-%02d%02d%02d-%04lld", unit, y % 100, m, d, seq);
    return 0;
}

int dossier_code_parse(const char *code, char out_unit[UNIT_CODE_LEN + 1], int *out_y, int *out_m,
                       int *out_d, long long *out_seq)
{
    size_t n = code ? strlen(code) : 0;
    if (n < UNIT_CODE_LEN + 1 + 6 + 1 + 4 || n >= DOSSIER_CODE_MAX || code[UNIT_CODE_LEN] != '-' ||
        code[UNIT_CODE_LEN + 7] != '-')
        return ERR_INVALID;
    char unit[UNIT_CODE_LEN + 1];
    memcpy(unit, code, UNIT_CODE_LEN);
    unit[UNIT_CODE_LEN] = '\0';
    const char *date = code + UNIT_CODE_LEN + 1, *seq = code + UNIT_CODE_LEN + 8;
    for (int i = 0; i < 6; i++)
        if (!is_digit(date[i]))
            return ERR_INVALID;
    long long s = 0;
    for (const char *p = seq; *p; p++) {
        if (!is_digit(*p))
            return ERR_INVALID;
        s = s * 10 + (*p - '0');
    }
    int y = 2000 + (date[0] - '0') * 10 + (date[1] - '0');
    int m = (date[2] - '0') * 10 + (date[3] - '0'), d = (date[4] - '0') * 10 + (date[5] - '0');
    /* 4 digits at least; wider only past 9999 (no leading zero then) */
    size_t seq_len = n - (UNIT_CODE_LEN + 8);
    if (!dossier_code_unit_valid(unit) || !valid_date(y, m, d) || s < 1 || seq_len > 10 ||
        (seq_len > 4 && seq[0] == '0'))
        return ERR_INVALID;
    memcpy(out_unit, unit, UNIT_CODE_LEN + 1);
    *out_y = y;
    *out_m = m;
    *out_d = d;
    *out_seq = s;
    return 0;
}
