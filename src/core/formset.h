/* formset.h: the printed forms by legal basis (docs/DOMAIN.md §4 and §18). A dossier prints the
 * forms of the circular in force when it was received, as every legal rule in motcua follows
 * the receipt: Circular 01/2018/TT-VPCP (Mẫu 01-06) before 1 July 2025, when Decree 118/2025
 * took effect, and the set of Phụ lục I of Circular 03/2025/TT-VPCP (01-07, with the new stop
 * notice) from that day. Per set and form: its number, its title, its paper, and where that
 * wording comes from with DOMAIN's confidence tag; what is not confirmed says so here, in the
 * data, and nowhere is it silent. Pure. */
#ifndef MOTCUA_FORMSET_H
#define MOTCUA_FORMSET_H

#include "core/dossier.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum FormBasis {
    FORM_BASIS_TT01_2018 = 0, /* Circular 01/2018/TT-VPCP, under Decree 61/2018 */
    FORM_BASIS_TT03_2025,     /* Circular 03/2025/TT-VPCP Phụ lục I, under Decree 118/2025 */
    FORM_BASIS_COUNT
} FormBasis;

/* One form of a set. */
typedef struct FormSpec {
    FormKind kind;
    int number;          /* "Mẫu số 0N"; 0 when no circular numbers it (the fee receipt) */
    const char *title;   /* sentence case: links and page titles */
    const char *heading; /* the title as printed, in capitals */
    bool landscape;      /* A4 landscape (the ledger); every other form is A5 */
    bool confirmed;      /* number and title read in the circular or an official copy [C] */
    const char *source;  /* where number, title and fields come from, with the confidence tag */
} FormSpec;

/* One circular's set of forms. */
typedef struct FormSet {
    FormBasis basis;
    const char *name;  /* "Thông tư 01/2018/TT-VPCP" */
    int32_t first_day; /* the first local day of receipt it governs */
    const FormSpec *forms;
    size_t n_forms;
} FormSet;

/* formset_of: the set of basis b (b in range). */
const FormSet *formset_of(FormBasis b);

/* formset_basis_at: the basis of a dossier received (or filed, or refused) at instant t:
 * Circular 03/2025 from 2025-07-01 00:00 Vietnam time, Circular 01/2018 before. */
FormBasis formset_basis_at(int64_t t);

/* formset_basis: the basis of dossier d: by its receipt; for a dossier never received, its
 * online filing (submitted_at) or the filing a source recorded (filed_at), else its refusal
 * or guidance at the counter (the first refuse or guide event of evs, which may be NULL with
 * n_evs 0), else the day the store
 * created it. */
FormBasis formset_basis(const Dossier *d, const Event *evs, size_t n_evs);

/* formset_form: form kind of set b, or NULL when the set has no such form (Circular 01/2018
 * has no stop notice). */
const FormSpec *formset_form(FormBasis b, FormKind kind);

/* formset_printed: the form that the set b prints for kind: kind itself, or the form the set
 * used in its place (Circular 01/2018 notified a stop on Mẫu 03, the refusal); FORM_NONE when
 * neither exists. */
FormKind formset_printed(FormBasis b, FormKind kind);

/* formset_by_number: the kind numbered `number` in set b; FORM_NONE when none is. */
FormKind formset_by_number(FormBasis b, int number);

/* formset_number_everywhere: the number every set prints for kind (formset_printed), when
 * they agree (the receipt is 01 in both); 0 when they differ (the control sheet: 05, then 06;
 * a stop: 03, then 05). */
int formset_number_everywhere(FormKind kind);

#endif
