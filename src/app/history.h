/* history.h: a dossier's history, inside app/: appending one event (through the lifecycle,
 * onto the dossier row and the hash chain, into the counters, and, for motcua's own actions,
 * out to the webhooks, the applicant and the e-receipts) and replaying a stored history
 * (import of more events, verify, recount). Shared by intake.c, act.c, import.c and verify.c;
 * nothing outside app/ includes it. */
#ifndef MOTCUA_HISTORY_H
#define MOTCUA_HISTORY_H

#include "app/dossiers.h"

/* What an appended event does besides being recorded. */
typedef enum AppendMode {
    APPEND_LIVE,     /* motcua's own action: counted, sent to the webhooks, told to the
                        applicant, its payment given an e-receipt */
    APPEND_IMPORTED, /* happened in a source system: counted only */
    APPEND_UNCOUNTED /* imported into a known dossier, which is recounted whole afterwards */
} AppendMode;

/* history_new is the dossier of in for procedure p under code, before its first event, with
 * the flags intake or import decided (approval: its result needs a leader's approval) and a new
 * random look-up key (from a). */
Dossier history_new(Arena *a, const DossierInput *in, const Procedure *p, const char *code,
                    bool full_online, int64_t fee, bool approval, int64_t now);

/* history_append applies ev to d and records it: the dossier row (inserted on the first
 * event, with search_text indexed), the event with its id (ev->id, or the next of this node)
 * and its hash, the counters by state and the report counters, and what mode adds. d is
 * updated. */
int history_append(Store *s, Arena *a, Dossier *d, const Event *ev, int64_t now,
                   const char *search_text, AppendMode mode, Err *e);

/* history_replay recomputes out (a copy of d) from the events evs and d's due override,
 * starting from what intake fixed. With sign != 0 each step's counter changes are applied
 * times sign (to verify's recount tables with recount set). An event that does not replay is
 * ERR_SEMANTIC or ERR_INVALID, as dossier_apply says. */
int history_replay(Store *s, const Dossier *d, const Event *evs, size_t n, int sign, int recount,
                   Dossier *out, Err *e);

/* history_due_seq is the seq of the last of evs that sets the due date (a receipt, a
 * supplement, a payment that ends a wait for payment), or n when none does: where a source
 * system's due date (an imported line's due_at) takes the place of the computed one. */
int history_due_seq(const Event *evs, size_t n);

/* history_override_due puts d's due override in place of the computed due date after the
 * event at instant at; with sign != 0 the counter changes are applied times sign. */
int history_override_due(Store *s, Dossier *d, int64_t at, int recount, int sign, Err *e);

/* history_chain_hash computes sha256(prev || canonical event) into out: the event's fields
 * (dossier code, seq, id, at, action, by, from, to, payload, and the record's digests when
 * the event has them, in hex) as a compact JSON object with sorted keys. */
void history_chain_hash(const char *code, const StoredEvent *ev, unsigned char out[32]);

/* The parts of a dossier's record, each with its own digest, so that verify names what
 * changed. */
typedef enum RecordPart {
    RECORD_APPLICANT,
    RECORD_COMPONENTS,
    RECORD_FILING,
    RECORD_PARTS
} RecordPart;

/* history_record_hash computes the digests of d's record into out (STORE_RECORD_HASH bytes:
 * one SHA-256 per RecordPart, each of a compact JSON with sorted keys): what was filed and
 * everything a report or a form reads that no event gives: the applicant; the components
 * with their digitized marks; and code, procedure, unit, channel, full_online, fee,
 * limit_value, limit_unit, approval, created_at, filed_at. (An imported due date, which a
 * later import may move without an event, stays outside.) */
void history_record_hash(const Dossier *d, unsigned char out[STORE_RECORD_HASH]);

/* history_code_day writes the YYMMDD of a dossier code's date, the daily counter's key. */
void history_code_day(int y, int m, int d, char out[7]);

/* history_error_in prefixes e's messages with where the error is ("sự kiện 3" / "event 3")
 * and returns rc. */
int history_error_in(Err *e, const char *where_vi, const char *where_en, int rc);

#endif
