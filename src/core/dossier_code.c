/* dossier_code.c: validation of agency, procedure and field codes (see dossier_code.h). */
#include "core/dossier_code.h"

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
