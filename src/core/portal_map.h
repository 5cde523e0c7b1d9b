/* portal_map.h: the national public-service portal's (Cổng DVCQG) terms, as data: which
 * motcua field fills which portal field of the dossier sync record (DongBoHoSoMC) and in what
 * format, each marked confirmed or not with its source (docs/PORTAL.md has the same table);
 * the portal's time format (yyyyMMddHHmmss, Vietnam time); the channel code KenhThucHien; the
 * status transitions the portal accepts (those motcua's own lifecycle can make, in portal
 * codes); and the 766 indicators a synced record counts in. Pure. */
#ifndef MOTCUA_PORTAL_MAP_H
#define MOTCUA_PORTAL_MAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Where a portal field's value comes from in motcua. */
typedef enum PortalSource {
    PS_CODE,        /* the dossier code */
    PS_VERSION,     /* the number of the dossier's events: the record's version */
    PS_PROCEDURE,   /* the procedure's code (the national catalogue's, Mã TTHC) */
    PS_UNIT,        /* the receiving unit's code */
    PS_APPLICANT,   /* the applicant's name */
    PS_RECEIVED_AT, /* receipt */
    PS_DUE_AT,      /* the appointment (due date, or the apology's new one) */
    PS_RESOLVED_AT, /* the end of processing: resolved, refused or stopped */
    PS_RETURNED_AT, /* the result handed over */
    PS_STATUS,      /* the state, as its portal code 1..10 */
    PS_CHANNEL,     /* direct, online, postal as 1, 2, 3 */
    PS_PAID_ONLINE, /* paid online: 1 (the portal's own payment codes 1/2 are not told apart) */
    PS_FEE,         /* the fee, VND */
    PS_COMPONENTS,  /* the papers filed, with their digitized flag */
    PS_RESULTS,     /* the electronic result */
    PS_SUPPLEMENTS, /* the supplement rounds */
    PS_COUNT
} PortalSource;

/* How the value is written. */
typedef enum PortalFormat {
    PF_TEXT, /* a string */
    PF_INT,  /* an integer */
    PF_TIME, /* yyyyMMddHHmmss in Vietnam time, absent when there is none */
    PF_LIST  /* an array of objects (their keys in the rendering, app/portal.c) */
} PortalFormat;

typedef struct PortalField {
    const char *portal; /* the portal's name */
    PortalSource source;
    PortalFormat format;
    bool required;  /* the portal refuses a record without it */
    bool confirmed; /* the name is known from practitioners' integration code */
} PortalField;

/* portal_fields: the sync record's fields, in order; *n gets how many. */
const PortalField *portal_fields(size_t *n);

/* portal_field: the field called name, or NULL. */
const PortalField *portal_field(const char *name);

enum { PORTAL_TIME_SIZE = 15 };

/* portal_time writes instant t (UTC seconds) as yyyyMMddHHmmss in Vietnam time. */
void portal_time(int64_t t, char out[PORTAL_TIME_SIZE]);

/* portal_time_parse reads yyyyMMddHHmmss (Vietnam time, a real date and time) into *out;
 * false when s is not one. */
bool portal_time_parse(const char *s, int64_t *out);

/* portal_channel: KenhThucHien of motcua's channel ("direct" 1, "online" 2, "postal" 3; 0
 * for anything else). */
int portal_channel(const char *channel);

/* portal_transition_ok: the portal takes status to after status from (1..10): some action of
 * motcua's lifecycle leads from a state with code from to one with code to (or from == to:
 * a change that moves no status). */
bool portal_transition_ok(int from, int to);

/* The 766 indicators (docs/DOMAIN.md §7) a record counts in, as bits. */
typedef enum PortalIndicator {
    PI_SYNCED = 0,  /* 1.4: synced with a receipt date */
    PI_ONLINE,      /* 3.3: received online (KenhThucHien 2) */
    PI_PAID_ONLINE, /* 3.6: paid online (DuocThanhToanTrucTuyen 1 or 2) */
    PI_E_RESULT,    /* 4.1: an electronic result (DanhSachGiayToKetQua not empty) */
    PI_DIGITIZED,   /* 4.2: digitized papers (a TaiLieuNop with DuocSoHoa 1) */
    PI_COUNT
} PortalIndicator;

/* portal_indicator_name: "1.4", "3.3", ... */
const char *portal_indicator_name(PortalIndicator i);

/* portal_indicator_label: the Vietnamese name of indicator i. */
const char *portal_indicator_label(PortalIndicator i);

#endif
