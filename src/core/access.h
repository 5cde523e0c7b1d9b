/* access.h: who may do what, where. One table of role x permission and one rule of unit
 * scope (docs/INTERFACES.md §3): a user acts only within their unit and, for leaders, admins and
 * integration systems, the units below it. Every handler asks access_allows (through
 * web/auth.c, which finds where the target unit lies). Pure. */
#ifndef MOTCUA_ACCESS_H
#define MOTCUA_ACCESS_H

typedef enum Role {
    ROLE_NONE = 0, /* the public: no login */
    ROLE_ADMIN,
    ROLE_LEADER,
    ROLE_CLERK,
    ROLE_SPECIALIST,
    ROLE_INTEGRATION,
    ROLE_COUNT
} Role;

typedef enum Permission {
    PERM_CATALOGUE_READ = 0, /* public catalogue */
    PERM_CATALOGUE_MANAGE,   /* units, procedures, holidays, working windows */
    PERM_USER_MANAGE,        /* users and tokens */
    PERM_DOSSIER_INTAKE,     /* receive, refuse at the counter */
    PERM_DOSSIER_READ,       /* officer view and search (personal data) */
    PERM_DOSSIER_ACT,        /* lifecycle actions; the lifecycle table narrows them further */
    PERM_REPORT_READ,        /* official reports and indicators */
    PERM_EVENTS_FEED,        /* change feed and export for other systems */
    PERM_ACCESS_LOG,         /* who viewed personal data (Decree 13/2023): leaders, admins */
    PERM_COUNT
} Permission;

/* Where the target unit lies relative to the user's unit. */
typedef enum UnitRelation {
    UNIT_SAME = 0, /* the user's own unit */
    UNIT_BELOW,    /* a unit below the user's unit */
    UNIT_OUTSIDE   /* anywhere else */
} UnitRelation;

/* access_role_parse maps "admin", "leader", "clerk", "specialist", "integration" to a Role;
 * anything else gives ROLE_NONE. */
Role access_role_parse(const char *name);

/* access_role_name returns the English name of role ("" for ROLE_NONE). */
const char *access_role_name(Role role);

/* access_role_label returns the Vietnamese label of role, for pages. */
const char *access_role_label(Role role);

/* access_allows returns 1 when role may use perm on a target in the given relation. */
int access_allows(Role role, Permission perm, UnitRelation where);

#endif
