/* dossier_code.c: validation of agency, procedure and field codes, dossier codes, and reading
 * a dossier reference as typed (see dossier_code.h). */
#include "core/dossier_code.h"

#include "util/err.h"
#include "util/timefmt.h"

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

/* number_of reads 1 to 10 digits up to the end of s, not all zeros. */
static int number_of(const char *s, long long *out)
{
    size_t n = strlen(s);
    if (n == 0 || n > 10)
        return 0;
    long long v = 0;
    for (const char *p = s; *p; p++) {
        if (!is_digit(*p))
            return 0;
        v = v * 10 + (*p - '0');
    }
    *out = v;
    return v >= 1;
}

/* A byte sequence a pasted reference may carry and what it stands for: 0 for nothing (white
 * space), else the ASCII character. */
static const struct {
    const char *bytes;
    char as;
} pasted[] = {
    {" ", 0},
    {"\t", 0},
    {"\r", 0},
    {"\n", 0},
    {"\f", 0},
    {"\v", 0},
    {"\xC2\xA0", 0},       /* no-break space */
    {"\xE2\x80\x8B", 0},   /* zero-width space */
    {"\xEF\xBB\xBF", 0},   /* byte order mark */
    {"\xE2\x80\x90", '-'}, /* hyphen */
    {"\xE2\x80\x91", '-'}, /* non-breaking hyphen */
    {"\xE2\x80\x93", '-'}, /* en dash */
    {"\xE2\x88\x92", '-'}, /* minus sign */
};

/* squeeze writes text without white space, with dashes as '-' and letters in upper case, into
 * out (cap bytes); 0 when it does not fit or holds anything but digits, letters, '.' and '-'. */
static int squeeze(const char *text, char *out, size_t cap)
{
    size_t n = 0;
    for (const char *p = text; *p;) {
        size_t i, len = 0;
        for (i = 0; i < sizeof pasted / sizeof pasted[0]; i++) {
            len = strlen(pasted[i].bytes);
            if (strncmp(p, pasted[i].bytes, len) == 0)
                break;
        }
        char c = *p;
        if (i < sizeof pasted / sizeof pasted[0]) {
            p += len;
            if (!pasted[i].as)
                continue;
            c = pasted[i].as;
        } else {
            p++;
        }
        if (c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        if (!(is_digit(c) || is_upper(c) || c == '.' || c == '-') || n + 1 >= cap)
            return 0;
        out[n++] = c;
    }
    out[n] = '\0';
    return 1;
}

/* day_and_number reads "YYMMDD-N" (N: 1-10 digits, not 0) at s up to its end. */
static int day_and_number(const char *s, int *y, int *m, int *d, long long *seq)
{
    if (strlen(s) < 8 || s[6] != '-')
        return 0;
    for (int i = 0; i < 6; i++)
        if (!is_digit(s[i]))
            return 0;
    *y = 2000 + (s[0] - '0') * 10 + (s[1] - '0');
    *m = (s[2] - '0') * 10 + (s[3] - '0');
    *d = (s[4] - '0') * 10 + (s[5] - '0');
    return valid_date(*y, *m, *d) && number_of(s + 7, seq);
}

DossierRef dossier_code_lookup(const char *text, int32_t today, char out[DOSSIER_CODE_MAX])
{
    char t[DOSSIER_CODE_MAX + 16];
    int y, m, d;
    long long seq;
    if (!text || !squeeze(text, t, sizeof t) || !*t)
        return DOSSIER_REF_NONE;
    if (t[0] == '-') { /* today's number */
        if (!number_of(t + 1, &seq))
            return DOSSIER_REF_NONE;
        timefmt_civil_from_days(today, &y, &m, &d);
    } else if (strlen(t) > UNIT_CODE_LEN && t[UNIT_CODE_LEN] == '-') { /* a whole code */
        char unit[UNIT_CODE_LEN + 1];
        memcpy(unit, t, UNIT_CODE_LEN);
        unit[UNIT_CODE_LEN] = '\0';
        if (!day_and_number(t + UNIT_CODE_LEN + 1, &y, &m, &d, &seq))
            return DOSSIER_REF_NONE;
        return dossier_code_format(unit, y, m, d, seq, out) == 0 ? DOSSIER_REF_CODE
                                                                 : DOSSIER_REF_NONE;
    } else if (!day_and_number(t, &y, &m, &d, &seq)) {
        return DOSSIER_REF_NONE;
    }
    if (y < 2000 || y > 2099)
        return DOSSIER_REF_NONE;
    snprintf(out, DOSSIER_CODE_MAX, "-%02d%02d%02d-%04lld", y % 100, m, d, seq);
    return DOSSIER_REF_SUFFIX;
}
