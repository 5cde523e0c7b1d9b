/* forms.h: the six printable forms of Circular 01/2018/TT-VPCP (docs/DOMAIN.md §4) as
 * self-contained HTML pages: Mẫu 01 receipt and appointment, 02 supplement request, 03 refusal, 04
 * apology and new appointment, 05 process control sheet, 06 dossier ledger. Pure rendering: the
 * caller (a route handler) loads the dossier, its events, its procedure and the unit names and
 * passes them in; nothing here touches the store or HTTP. Every byte goes through the HTML builder
 * (io/html.h). Missing optional data prints as a dotted line "…………", as on a paper form. */
#ifndef MOTCUA_FORMS_H
#define MOTCUA_FORMS_H

#include "store/store.h"
#include "util/err.h"
#include "util/strbuf.h"

#include <stddef.h>
#include <stdint.h>

/* What a form prints. Every pointer may be NULL unless said otherwise; absent text prints as a
 * dotted line. Nothing is retained after form_render returns. */
typedef struct FormData {
    /* Mẫu 01-05 */
    const Dossier *dossier; /* required for Mẫu 01-05 */
    const Event *events;    /* the dossier's history in order (Mẫu 02-05 read it) */
    size_t n_events;
    const Procedure *procedure; /* its name ("Nội dung yêu cầu giải quyết"); the dossier's code
                                   prints when NULL. The time limit comes from the dossier. */
    /* every form */
    const char *unit_name;        /* the receiving unit, "UBND xã Gio Linh" */
    const char *parent_unit_name; /* printed above it in the heading */
    const char *place;            /* place in the date line, "Gio Linh" */
    const char *officer;          /* the officer printing the form: signature blocks, contact */
    const char *officer_phone;    /* Mẫu 02/03: the contact officer's telephone */
    const char *head_name;        /* Mẫu 04: the head of the unit who signs the apology */
    const char *lookup_url; /* Mẫu 01: the public look-up URL in the QR code (none if NULL) */
    const Unit *units;      /* unit codes -> names for transfers (Mẫu 05, 06); optional */
    size_t n_units;
    int64_t now; /* the date printed in the heading (0: "ngày ... tháng ... năm ...") */
    const Payment *payment; /* the fee receipt: the payment it is for */
    /* Mẫu 06 */
    const Dossier *ledger; /* the dossiers of the ledger, in order (STT counts from 1) */
    size_t n_ledger;
    const char *const *ledger_procedure_names; /* parallel to ledger; NULL or NULL entries: code */
    int ledger_year;                           /* printed under the title; 0: none */
    size_t ledger_first;                       /* STT of ledger[0] minus one (for a later page) */
} FormData;

/* form_render appends to sb the whole printable page of form kind (html_print_begin ..
 * html_print_end): A5 paper for Mẫu 01-05, A4 landscape for Mẫu 06, the national heading with
 * fd->unit_name, the form number in the top corner, the title, the fields and the signature
 * blocks, and a print button hidden when printing.
 *
 * Returns 0, or fills e and returns: ERR_INVALID for an unknown kind or a missing dossier;
 * ERR_SEMANTIC when the dossier lacks what the form records (Mẫu 01: not received; 02: no
 * supplement request; 03: no refusal, stop or rejection; 04: no apology; fee receipt: no
 * payment), in which case nothing is
 * appended; an error of qr_svg for a lookup_url that cannot be encoded (nothing appended);
 * ERR_TOO_LARGE when sb has reached its cap (sb->err). Thread-safe; allocates only in sb and
 * short-lived jansson values freed before returning. */
int form_render(StrBuf *sb, FormKind kind, const FormData *fd, Err *e);

/* form_kind_parse maps "01".."06", "1".."6" or "mau-01".."mau-06" to a FormKind, and "bien-lai"
 * to FORM_FEE_RECEIPT; 0 when unknown (NULL included). */
FormKind form_kind_parse(const char *s);

/* form_title returns the Vietnamese title of a form in sentence case ("Giấy tiếp nhận hồ sơ và hẹn
 * trả kết quả"), for links and page titles; "" for an unknown kind. Static string. */
const char *form_title(FormKind kind);

#endif
