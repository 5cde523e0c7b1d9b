/* access.c: the role x permission table and the unit-scope rule (see access.h). */
#include "core/access.h"

#include <string.h>

static const char *const role_names[ROLE_COUNT] = {"",      "admin",      "leader",
                                                   "clerk", "specialist", "integration"};
static const char *const role_labels[ROLE_COUNT] = {"Công dân",    "Quản trị hệ thống",
                                                    "Lãnh đạo",    "Cán bộ một cửa",
                                                    "Chuyên viên", "Hệ thống tích hợp"};

/* Which roles hold which permission. */
static const unsigned char grants[ROLE_COUNT][PERM_COUNT] = {
    /*                   CAT_R CAT_M USER INTAKE READ ACT REPORT FEED LOG */
    [ROLE_NONE] = {1, 0, 0, 0, 0, 0, 0, 0, 0},
    [ROLE_ADMIN] = {1, 1, 1, 0, 1, 0, 1, 1, 1},
    [ROLE_LEADER] = {1, 0, 0, 0, 1, 1, 1, 0, 1},
    [ROLE_CLERK] = {1, 0, 0, 1, 1, 1, 1, 0, 0},
    [ROLE_SPECIALIST] = {1, 0, 0, 0, 1, 1, 1, 0, 0},
    [ROLE_INTEGRATION] = {1, 0, 0, 1, 1, 1, 1, 1, 0},
};

/* Whether a role's reach extends to the units below its own. */
static const unsigned char reaches_below[ROLE_COUNT] = {
    [ROLE_ADMIN] = 1, [ROLE_LEADER] = 1, [ROLE_INTEGRATION] = 1};

Role access_role_parse(const char *name)
{
    for (int r = ROLE_ADMIN; r < ROLE_COUNT; r++)
        if (name && strcmp(name, role_names[r]) == 0)
            return (Role)r;
    return ROLE_NONE;
}

const char *access_role_name(Role role)
{
    return role >= 0 && role < ROLE_COUNT ? role_names[role] : "";
}

const char *access_role_label(Role role)
{
    return role >= 0 && role < ROLE_COUNT ? role_labels[role] : "";
}

int access_allows(Role role, Permission perm, UnitRelation where)
{
    if (role < 0 || role >= ROLE_COUNT || perm < 0 || perm >= PERM_COUNT)
        return 0;
    if (!grants[role][perm])
        return 0;
    if (role == ROLE_NONE || perm == PERM_CATALOGUE_READ)
        return 1; /* public data has no scope */
    switch (where) {
    case UNIT_SAME: return 1;
    case UNIT_BELOW: return reaches_below[role];
    default: return 0;
    }
}
