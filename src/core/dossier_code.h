/* dossier_code.h: the codes that identify things in the one-stop system (docs/DOMAIN.md §5):
 * agency codes (QCVN 102: V1V2V3.Z1Z2.Y1Y2.MX1X2), national procedure codes (d.dddddd),
 * field codes, and dossier codes `<unit code>-YYMMDD-NNNN` (Decree 61 Art 26). Pure. */
#ifndef MOTCUA_DOSSIER_CODE_H
#define MOTCUA_DOSSIER_CODE_H

#include <stddef.h>
#include <stdint.h>

enum {
    UNIT_CODE_LEN = 13,   /* 000.00.00.H50 */
    DOSSIER_CODE_MAX = 40 /* unit code, date, sequence of up to 10 digits */
};

/* dossier_code_unit_valid returns 1 when s is a QCVN 102 agency code:
 * ^[0-9]{3}\.[0-9]{2}\.[0-9]{2}\.[A-Z][0-9]{2}$ */
int dossier_code_unit_valid(const char *s);

/* dossier_code_procedure_valid returns 1 for a national procedure code: one or more
 * digits, a dot, six digits (e.g. 1.001193, 2.000635). */
int dossier_code_procedure_valid(const char *s);

/* dossier_code_field_valid returns 1 for a field code: 1..16 of A-Z, 0-9, '-', '.', '_',
 * starting with a letter or digit. */
int dossier_code_field_valid(const char *s);

/* dossier_code_format writes `<unit>-YYMMDD-NNNN` for the local date y-m-d and the daily
 * sequence seq (zero-padded to 4 digits, wider past 9999) into out (DOSSIER_CODE_MAX bytes).
 * Returns 0, or ERR_INVALID for a bad unit code, a year outside 2000-2099 or seq < 1. */
int dossier_code_format(const char *unit, int y, int m, int d, long long seq,
                        char out[DOSSIER_CODE_MAX]);

/* dossier_code_parse splits a dossier code; out_unit gets UNIT_CODE_LEN + 1 bytes. Returns
 * 0, or ERR_INVALID when code does not have the format (including a date that does not
 * exist). */
int dossier_code_parse(const char *code, char out_unit[UNIT_CODE_LEN + 1], int *out_y, int *out_m,
                       int *out_d, long long *out_seq);

/* What a dossier reference typed into a search box names (dossier_code_lookup). */
typedef enum DossierRef {
    DOSSIER_REF_NONE = 0, /* not a dossier reference: search the text as words */
    DOSSIER_REF_CODE,     /* one dossier code */
    DOSSIER_REF_SUFFIX    /* "-YYMMDD-NNNN": that day's number of any receiving unit */
} DossierRef;

/* dossier_code_lookup reads a dossier reference as an officer types or pastes it, forgiving
 * white space anywhere (a pasted space, a no-break space, a line break), lower case, a dash
 * pasted as an en dash or a minus sign, and a daily number without its leading zeros:
 *   "000.01.52.h50-261206-3 " -> DOSSIER_REF_CODE "000.01.52.H50-261206-0003";
 *   "261206-3", "261206-0003"  -> DOSSIER_REF_SUFFIX "-261206-0003" (the unit is the searcher's
 *                                 or one below it);
 *   "-3", "-0003"              -> DOSSIER_REF_SUFFIX for the local day `today` (a day number
 *                                 of util/timefmt): today's number 3.
 * The date must exist (years 2000-2099) and the number be 1 to 10 digits, not 0. Writes the
 * code or suffix into out (DOSSIER_CODE_MAX bytes) unless it returns DOSSIER_REF_NONE. */
DossierRef dossier_code_lookup(const char *text, int32_t today, char out[DOSSIER_CODE_MAX]);

#endif
