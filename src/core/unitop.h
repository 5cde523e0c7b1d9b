/* unitop.h: the kinds of unit operation (merge, split, rename, move, abolish a level) and the
 * pure rules that decide where a split sends each open dossier: by the applicant's commune
 * (the commune named in the address, matched on folded names, the longest name winning) or by
 * the level of its procedure. app/unitops.c reads the store and applies them. Pure. */
#ifndef MOTCUA_UNITOP_H
#define MOTCUA_UNITOP_H

#include "util/arena.h"

#include <stddef.h>

typedef enum UnitOpKind {
    UNITOP_MERGE = 0, /* A, B -> C (C new or one of the existing units) */
    UNITOP_SPLIT,     /* A -> B, C, each open dossier by a rule */
    UNITOP_RENAME,    /* a new name, with the same code or a new one */
    UNITOP_MOVE,      /* a new parent */
    UNITOP_ABOLISH,   /* every unit of a level at once: its units below move up to its parent */
    UNITOP_KIND_COUNT
} UnitOpKind;

/* How a split assigns each open dossier to one of its targets. */
typedef enum UnitOpRule {
    UNITOP_BY_COMMUNE = 0, /* the commune the applicant's address names */
    UNITOP_BY_PROCEDURE,   /* the target whose level is the procedure's */
    UNITOP_BY_HAND         /* a list: dossier code -> target */
} UnitOpRule;

/* unitop_kind_parse maps "merge", "split", "rename", "move", "abolish" to a kind; -1 if
 * unknown. unitop_kind_name is the inverse. */
int unitop_kind_parse(const char *name);
const char *unitop_kind_name(UnitOpKind kind);

/* unitop_rule_parse maps "commune", "procedure", "hand" to a rule; -1 if unknown.
 * unitop_rule_name is the inverse. */
int unitop_rule_parse(const char *name);
const char *unitop_rule_name(UnitOpRule rule);

/* unitop_place_key is the key an address is searched for to find a unit: its name folded
 * (core/vntext: no marks, đ -> d, lower case) without the leading "UBND " ("ubnd xa gio my"
 * -> "xa gio my"), allocated from a; NULL for a name that folds to nothing. */
char *unitop_place_key(Arena *a, const char *unit_name);

/* unitop_match_place returns the index of the longest of keys[0..n) found in folded_address
 * (a vntext_fold of the address) at word boundaries, or -1 when none is. */
int unitop_match_place(const char *folded_address, const char *const *keys, size_t n);

/* unitop_match_level returns the index of the first of levels[0..n) equal to level, or -1. */
int unitop_match_level(const char *level, const char *const *levels, size_t n);

#endif
