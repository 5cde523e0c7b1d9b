/* forms_int.h: what the files of the printable forms share, and nothing outside them uses:
 * the state of one form_render call and the parts every form is made of (forms.c), the forms
 * of one event (forms_notice.c), and the control sheet and the ledger (forms_book.c). */
#ifndef MOTCUA_FORMS_INT_H
#define MOTCUA_FORMS_INT_H

#include "util/arena.h"
#include "web/pages/forms.h"

/* What a paper form leaves for the hand to fill in. */
#define FORMS_DOTS "…………"

/* The size of one QR module in CSS pixels: a look-up URL of ~80 bytes gives a symbol of about
 * 45 modules with its quiet zone, 90 px (24 mm), which phones read from A5 paper. */
enum { FORMS_QR_MODULE_PX = 2 };

/* Everything one form_render call works with. */
typedef struct Form {
    StrBuf *sb;
    const FormData *fd;
    FormBasis basis;
    const FormSpec *spec; /* the form being printed */
    const Dossier *d;     /* fd->dossier (NULL for the ledger) */
    const Applicant *ap;  /* &d->applicant */
    const char *procedure_name;
    const Event *ev; /* the event the form records (refusal, request, ...), or NULL */
    bool stamped;    /* the digital signature's mark is in the signature block already */
    Arena *a;        /* scratch, freed when form_render returns */
} Form;

/* ---- values (strings from f->a, or static) ---- */

/* forms_or_dots returns s, or the dotted line when s is NULL or empty. */
const char *forms_or_dots(const char *s);

/* forms_time returns the instant t as "08 giờ 12 phút, ngày 16/10/2023" (Vietnam time), or the
 * blank "…… giờ …… phút, ngày ……" when t is 0. */
const char *forms_time(Form *f, int64_t t);

/* forms_date returns the local date of t as "16/10/2023", or the dotted line when t is 0. */
const char *forms_date(Form *f, int64_t t);

/* forms_person returns the account of fd->people called login, or a person of that login
 * alone (no full name, title or phone); NULL when login is NULL. */
const FormPerson *forms_person(Form *f, const char *login);

/* forms_name returns how a form names person p: the full name, else the login; NULL for
 * NULL. */
const char *forms_name(const FormPerson *p);

/* forms_unit returns the name of unit code in fd->units, else the code itself. */
const char *forms_unit(const FormData *fd, const char *code);

/* forms_limit returns the dossier's legal time limit in words: "3 ngày làm việc", "4 giờ
 * làm việc", "10 ngày"; the procedure's when the dossier has none; NULL when neither has. */
const char *forms_limit(Form *f);

/* ---- parts ---- */

/* forms_line appends one labelled line "<label>: <value>" (dots when value is absent). */
void forms_line(Form *f, const char *label, const char *value);

/* forms_code appends the dossier code line, the code in bold. */
void forms_code(Form *f);

/* forms_received appends the dossier code and "UNIT tiếp nhận hồ sơ của[ whom]: NAME". */
void forms_received(Form *f, const char *whom);

/* forms_applicant appends the applicant's address, telephone and e-mail. */
void forms_applicant(Form *f);

/* forms_contact appends the sentence that tells the applicant whom to ask (why, then "Ông/Bà
 * liên hệ với FULL NAME, số điện thoại PHONE để được hướng dẫn.") about person p. */
void forms_contact(Form *f, const char *why, const FormPerson *p);

/* forms_sign appends the signature row: on the left (NULL title: empty) a block for the
 * applicant named left_name, on the right a block headed right (or the signer's title in
 * capitals when right_is_title and the signer has one), with right_hint, for signer p. */
void forms_sign(Form *f, const char *left, const char *left_name, const char *right,
                const char *right_hint, const FormPerson *p, bool right_is_title);

/* forms_verify_qr appends, when the form is digitally signed (fd->verify_url), the QR code of
 * its public verification page and the caption naming the signing unit: the mark that takes
 * the place of a hand signature in the unit's signature block (forms_sign), or at the foot of
 * a form without one. */
void forms_verify_qr(Form *f);

/* forms_signer returns who signs the form of event f->ev: the account of its officer, else
 * (no event) the officer printing. */
const FormPerson *forms_signer(Form *f);

/* ---- the forms, each appending its body ---- */

void forms_receipt(Form *f);     /* forms_notice.c */
void forms_supplement(Form *f);  /* forms_notice.c */
void forms_refusal(Form *f);     /* forms_notice.c */
void forms_apology(Form *f);     /* forms_notice.c */
void forms_stop(Form *f);        /* forms_notice.c */
void forms_fee_receipt(Form *f); /* forms_notice.c */
void forms_control(Form *f);     /* forms_book.c */
void forms_ledger(Form *f);      /* forms_book.c */

#endif
