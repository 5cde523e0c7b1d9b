/* forms.h: the printable forms (docs/DOMAIN.md §4 and §18) as self-contained HTML pages, in the
 * set of the circular a dossier follows (core/formset.h): Circular 01/2018 Mẫu 01 receipt and
 * appointment, 02 supplement request, 03 refusal (also of a stop), 04 apology and new
 * appointment, 05 process control sheet, 06 ledger; Circular 03/2025 the same with its own
 * wording and numbers, the stop notice (05) and the control sheet and ledger as 06 and 07; and
 * the e-receipt of a payment. Pure rendering: the caller (a route handler) loads the dossier,
 * its events, its procedure, the unit names and the officers the forms name and passes them in;
 * nothing here touches the store or HTTP. Every byte goes through the HTML writer (io/html.h).
 * Missing optional data prints as a dotted line "…………", as on a paper form. */
#ifndef MOTCUA_FORMS_H
#define MOTCUA_FORMS_H

#include "core/formset.h"
#include "store/store.h"
#include "util/err.h"
#include "util/strbuf.h"

#include <stddef.h>
#include <stdint.h>

/* An officer as a form names them: the full name when the account has one, else the login. */
typedef struct FormPerson {
    const char *login;     /* the user name the events carry (Event.by, Event.handler) */
    const char *full_name; /* họ và tên; NULL: the login prints */
    const char *title;     /* chức danh, printed above a signer's name; may be NULL */
    const char *phone;     /* the contact's telephone (Mẫu 02, 03, stop notice); may be NULL */
} FormPerson;

/* What a form prints. Every pointer may be NULL unless said otherwise; absent text prints as a
 * dotted line. Nothing is retained after form_render returns. */
typedef struct FormData {
    /* the forms of one dossier */
    const Dossier *dossier; /* required, except for the ledger */
    const Event *events;    /* the dossier's history in order (the forms read their event) */
    size_t n_events;
    const Procedure *procedure; /* its name ("Nội dung yêu cầu giải quyết"); the dossier's code
                                   prints when NULL. The time limit comes from the dossier. */
    /* every form */
    const char *unit_name;        /* the receiving unit, "UBND xã Gio Linh" */
    const char *parent_unit_name; /* printed above it in the heading */
    const char *place;            /* place in the date line, "Gio Linh" */
    const FormPerson *officer;    /* the officer printing: signs the fee receipt, and a form
                                     whose event is absent */
    const FormPerson *people;     /* the accounts the events name (by, handler) */
    size_t n_people;
    const FormPerson *head; /* Mẫu 04: the head of the receiving unit, who signs it */
    const char *lookup_url; /* Mẫu 01: the public look-up URL in the QR code (none if NULL) */
    /* the public verification page of this form's digital signature (/xac-thuc?ma=...), in
     * a QR code at the foot with the signer's name (none if NULL) */
    const char *verify_url, *signed_by;
    const Unit *units; /* unit codes -> names for transfers (control sheet, ledger) */
    size_t n_units;
    int64_t now; /* the date printed in the heading (0: "ngày ... tháng ... năm ...") */
    const Payment *payment; /* the fee receipt: the payment it is for */
    /* Mẫu 01 of an interconnected group's parent: the group's name (printed as what is
     * asked) and its steps' dossiers, in order (n_steps 0: a single procedure) */
    const char *group_name;
    const Dossier *steps;
    const char *const *step_names; /* parallel to steps: their procedures' names */
    size_t n_steps;
    /* the ledger */
    const Dossier *ledger; /* the dossiers of the ledger, in order (STT counts from 1) */
    size_t n_ledger;
    const char *const *ledger_procedure_names; /* parallel to ledger; NULL or NULL entries: code */
    int ledger_year;                           /* printed under the title; 0: none */
    size_t ledger_first;                       /* STT of ledger[0] minus one (for a later page) */
} FormData;

/* form_render appends to sb the whole printable page of form kind (html_print_begin ..
 * html_print_end) in the set of basis: A5 paper, A4 landscape for the ledger, the national
 * heading with fd->unit_name, the form number in the top corner, the title, the fields and the
 * signature blocks, and a print button hidden when printing. A dossier's form takes the basis
 * of formset_basis; the ledger prints each dossier's row in the part of its own basis (a year
 * that spans 1 July 2025 has both parts, numbered on), whatever basis says.
 *
 * Returns 0, or fills e and returns: ERR_INVALID for an unknown kind or a missing dossier;
 * ERR_NOT_FOUND for a kind the set has not (the stop notice under Circular 01/2018);
 * ERR_SEMANTIC when the dossier lacks what the form records (receipt: not received; supplement:
 * no request; refusal: no refusal or rejection (nor, under Circular 01/2018, stop); apology: no
 * apology; stop notice: no stop; fee receipt: no payment), in which case nothing is appended;
 * an error of qr_svg for a lookup_url that cannot be encoded (nothing appended); ERR_TOO_LARGE
 * when sb has reached its cap (sb->err). Thread-safe; allocates only in sb and a scratch arena
 * freed before returning. */
int form_render(StrBuf *sb, FormBasis basis, FormKind kind, const FormData *fd, Err *e);

/* form_content gives the canonical content of form kind for fd, what its digital signature
 * covers: a compact JSON object with sorted keys (form, title, basis, dossier, unit,
 * unit_name, applicant (the name only: the public verification page shows it), procedure,
 * received_at, due_at, appointment_at, the event the form records {id, action, at, by}, and
 * the control sheet's events or the fee receipt's payment), from a; *out_what names it
 * ("form-01" ..., "receipt-NO"). The ledger has none (ERR_INVALID); a dossier that lacks what
 * the form records fails as form_render does. */
int form_content(Arena *a, FormBasis basis, FormKind kind, const FormData *fd,
                 const char **out_what, const char **out, Err *e);

/* form_kind_parse maps a form's address under basis to its kind: its number in that set
 * ("01", "1" or "mau-01"; Circular 01/2018: 01-06, Circular 03/2025: 01-07), or "bien-lai" for
 * the fee receipt; FORM_NONE when unknown (NULL included). */
FormKind form_kind_parse(FormBasis basis, const char *s);

/* form_title returns the Vietnamese title of a form of basis in sentence case ("Giấy tiếp nhận
 * hồ sơ và hẹn trả kết quả"), for links and page titles; "" for a kind the set has not.
 * Static string. */
const char *form_title(FormBasis basis, FormKind kind);

/* form_number returns the two-digit number of kind in the set of basis ("05"), the address
 * form_kind_parse reads back; "bien-lai" for the fee receipt; NULL for a kind the set has
 * not. Static string. */
const char *form_number(FormBasis basis, FormKind kind);

#endif
