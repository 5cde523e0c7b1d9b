/* lifecycle.h: the dossier lifecycle (docs/INTERFACES.md §2, docs/DOMAIN.md §2.2): the states with
 * their national-portal status codes, and the one action table every entry point asks (API, pages,
 * counter, worklist, import replay, verify). Per action it holds its name and label, who may
 * take it, its fields (kind, label, which an officer must give), the printed form that follows
 * it, whether it is irreversible, and the transitions it makes, written as named entries
 * ([STATE_X][ACTION_Y] = STATE_Z). Pure. */
#ifndef MOTCUA_LIFECYCLE_H
#define MOTCUA_LIFECYCLE_H

#include "core/access.h"
#include "util/err.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum State {
    STATE_NONE = 0, /* before the first event */
    STATE_SUBMITTED,
    STATE_RECEIVED,
    STATE_REFUSED,
    STATE_PROCESSING,
    STATE_SUPPLEMENT,
    STATE_AWAITING_PAYMENT,
    STATE_WITHDRAWAL_REQUESTED,
    STATE_STOPPED,
    STATE_RESOLVED,
    STATE_RETURNED,
    STATE_AWAITING_APPROVAL, /* a result proposed, waiting for the leader (portal status 4) */
    STATE_GUIDED, /* incomplete at the counter: guided to complete it, not received (status 3) */
    STATE_COUNT
} State;

typedef enum Action {
    ACTION_SUBMIT = 0,
    ACTION_RECEIVE,
    ACTION_REFUSE,
    ACTION_TRANSFER,
    ACTION_REQUEST_SUPPLEMENT,
    ACTION_SUPPLEMENT,
    ACTION_REQUEST_PAYMENT,
    ACTION_PAY,
    ACTION_REQUEST_WITHDRAWAL,
    ACTION_STOP,
    ACTION_RESOLVE,
    ACTION_RETURN,
    ACTION_APOLOGIZE,
    ACTION_DIGITIZE,
    ACTION_RATE,
    ACTION_COMMENT,
    ACTION_PROPOSE,   /* trình ký: a result proposed for the leader's approval */
    ACTION_APPROVE,   /* phê duyệt: the leader issues the proposed result */
    ACTION_SEND_BACK, /* the leader returns the proposal to the specialist */
    ACTION_GUIDE,     /* an incomplete dossier, not received: what to complete (Mẫu 02) */
    ACTION_HANDOVER,  /* administrative: an open dossier handed to the unit that takes over
                         after a merge, split, rename or abolition (app/unitops.c); no state
                         change, the clock keeps running */
    ACTION_COUNT
} Action;

/* The printed forms (docs/DOMAIN.md §4, §18), by what they are; the number each prints ("Mẫu
 * số 0N") depends on the set of the circular a dossier follows (core/formset.h). The values
 * 1-6 are the Circular 01/2018 numbers, which old links (/dossiers/{code}/forms/05) name. */
typedef enum FormKind {
    FORM_NONE = 0,
    FORM_RECEIPT = 1,    /* Giấy tiếp nhận hồ sơ và hẹn trả kết quả */
    FORM_SUPPLEMENT = 2, /* Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ */
    FORM_REFUSAL = 3,    /* Phiếu từ chối tiếp nhận (giải quyết) hồ sơ */
    FORM_APOLOGY = 4, /* Phiếu xin lỗi và hẹn lại ngày trả kết quả (Circular 03: ... và đề
                         nghị gia hạn thời gian giải quyết) */
    FORM_CONTROL = 5,     /* Phiếu kiểm soát quá trình giải quyết hồ sơ */
    FORM_LEDGER = 6,      /* Sổ theo dõi hồ sơ, A4 landscape */
    FORM_FEE_RECEIPT = 7, /* Biên lai thu phí, lệ phí: the e-receipt of one payment (no
                             circular's form; numbered per unit without gaps) */
    FORM_STOP_NOTICE = 8, /* Thông báo dừng giải quyết hồ sơ: Circular 03/2025 only (Circular
                             01/2018 notified a stop on its Mẫu 03) */
    FORM_KIND_COUNT
} FormKind;

/* What kind of value an action's field holds: how JSON, forms and pages read and show it. */
typedef enum FieldKind {
    FIELD_TEXT,      /* one line of text */
    FIELD_PARAGRAPH, /* free text, several lines (a reason, a note) */
    FIELD_LIST,      /* a list of texts (the papers to supplement): one per line in a form */
    FIELD_MONEY,     /* a whole number of đồng, >= 0 */
    FIELD_FLAG,      /* yes or no */
    FIELD_INSTANT,   /* a moment: ISO 8601 with an offset; a form gives local "YYYY-MM-DDTHH:MM" */
    FIELD_UNIT,      /* a unit code */
    FIELD_OFFICER,   /* an officer's user name */
    FIELD_COMPONENT, /* the name of one of the dossier's components */
    FIELD_CHOICE     /* one of the field's choices */
} FieldKind;

/* A list of texts (FIELD_LIST). */
typedef struct TextList {
    const char **v;
    size_t n;
} TextList;

/* One lifecycle event, typed: the action is the tag, and of the fields below only those the
 * action table lists for it (lifecycle_action(action)->fields) belong to the event; the others
 * are zero. Absent text is NULL, absent numbers 0. Strings point to the caller's memory. */
typedef struct Event {
    Action action;
    const char *id; /* unique across nodes ("<node>-<n>") or the source system's; NULL until
                       the event is recorded */
    int64_t at;     /* UTC seconds */
    const char *by; /* who took it: a user name, or the source system's actor */
    const char *to, *handler, *note; /* transfer: unit, officer, note */
    const char *reason;              /* refuse, stop, request_withdrawal, request_supplement,
                                        request_payment, resolve, apologize */
    TextList items;                  /* request_supplement: the papers to supplement;
                                        supplement: the papers supplemented */
    int64_t amount;                  /* request_payment, pay: VND */
    bool online;                     /* pay: paid online; supplement: by the citizen online */
    const char *receipt;             /* pay: the gateway's transaction id */
    const char *outcome;             /* resolve: "approved" | "rejected" */
    bool result_digitized;           /* resolve: the result is electronic */
    int64_t new_appointment;         /* apologize */
    const char *component;           /* digitize: a component's name */
    bool result;                     /* digitize: the result */
    const char *file;                /* digitize: the SHA-256 of the stored file behind it,
                                        set by the upload (NULL: a source system's mark) */
    const char *level;               /* rate: very_satisfied | satisfied | dissatisfied */
    const char *comment;             /* rate */
    const char *text;                /* comment */
    const char *collector;           /* return: who collected the result */
    const char *collector_id;        /* return: their identity number */
    bool by_post;                    /* return: the result was sent by post */
    const char *from;                /* handover: the unit it leaves (to: the unit it joins) */
    const char *operation;           /* handover: the unit operation's number */
} Event;

/* One field of an action: its key in JSON and forms, its label (history, errors, forms) and a
 * hint a form adds, its kind, where it lives in an Event, its bound (bytes of text, items of a
 * list), whether an action taken here (page, API) must give it, and whether only the payment
 * gateway gives it; import trusts its source and does not ask. */
typedef struct ActionField {
    const char *name, *label, *hint;
    FieldKind kind;
    size_t offset; /* of the value in Event */
    size_t max;
    bool required;
    bool source_only; /* a source system's record, which an action taken here never gives */
    const char *const *choices; /* FIELD_CHOICE: the values, NULL-terminated */
    const char *const *choice_labels;
    /* only the payment gateway's signed callback gives it (an online payment and its
     * transaction id): an action taken here never does, and no page offers it */
    bool gateway;
} ActionField;

/* One row of the action table. */
typedef struct ActionSpec {
    const char *name;  /* "submit", ... (JSON, forms, the stored event) */
    const char *label; /* Vietnamese: history and buttons */
    unsigned roles;    /* who may take it: bit (1u << Role); ROLE_NONE is the citizen */
    const ActionField *fields;
    size_t n_fields;
    FormKind form;     /* the printed form it issues (the page offers it next), or FORM_NONE */
    bool irreversible; /* ends or refuses the dossier for good: the page asks to confirm */
    bool on_page;      /* offered on the dossier page (submit and rate are the citizen's) */
    bool at_counter;   /* taken at the one-stop counter straight from its queue */
    bool result_file;  /* the result's file may come with it (uploaded in the same step) */
    /* two fields of which an action taken here must give one (NULL: none such) */
    const char *one_of[2];
} ActionSpec;

/* lifecycle_action: the table row of action a (NULL when out of range). */
const ActionSpec *lifecycle_action(Action a);

/* lifecycle_field: the field called name of action a, or NULL. */
const ActionField *lifecycle_field(Action a, const char *name);

/* lifecycle_state_name: "submitted", ...; "" for STATE_NONE. */
const char *lifecycle_state_name(State s);

/* lifecycle_state_label: the Vietnamese name shown to officers and citizens. */
const char *lifecycle_state_label(State s);

/* lifecycle_portal_status: the national portal's TrangThaiHoSo code 1..10 (0 for NONE);
 * awaiting_approval is still 4 (đang xử lý) for the portal. */
int lifecycle_portal_status(State s);

/* lifecycle_state_parse maps a name to a State; STATE_NONE when unknown. */
State lifecycle_state_parse(const char *name);

/* lifecycle_action_name: "submit", ...; lifecycle_action_parse: the inverse, -1 if unknown. */
const char *lifecycle_action_name(Action a);
int lifecycle_action_parse(const char *name);

/* lifecycle_action_label: the Vietnamese name of an action, for history and buttons. */
const char *lifecycle_action_label(Action a);

/* lifecycle_next writes the state that action a leads to from state s and returns 0, or
 * returns ERR_SEMANTIC when the pair is not legal. Actions that change no state (pay after
 * receipt, apologize, digitize, rate, comment, transfer while processing) lead to s. */
int lifecycle_next(State s, Action a, State *out);

/* lifecycle_role_may returns 1 when role may take action a. */
int lifecycle_role_may(Role role, Action a);

/* lifecycle_applies: action a belongs to a dossier whose procedure does (approval) or does not
 * ask a leader's approval of the result: resolve only without, propose, approve and send_back
 * only with. */
bool lifecycle_applies(Action a, bool approval);

/* lifecycle_offered: role may take a in state s of a dossier (approval: its procedure asks a
 * leader's approval) and the dossier page offers it (the buttons of the page, the counter and
 * the worklist). */
bool lifecycle_offered(Role role, State s, bool approval, Action a);

/* lifecycle_in_progress: a dossier in state s has been received and waits for officers' work
 * (the worklists): received, processing, supplement, awaiting_payment, withdrawal_requested. */
bool lifecycle_in_progress(State s);

/* lifecycle_check_live checks what an action taken here (page and API alike) must and must not
 * give: every field its action requires (ERR_INVALID naming the first missing one), one of
 * its one_of pair, none of its source_only fields (a source system's record, which import
 * keeps; here a file decides it: ERR_SEMANTIC) and none that only the payment gateway gives
 * (ERR_FORBIDDEN naming it). */
int lifecycle_check_live(const Event *ev, Err *e);

/* lifecycle_is_final returns 1 for states that end processing (refused, guided, stopped,
 * resolved, returned): the legal clock no longer runs. */
int lifecycle_is_final(State s);

/* lifecycle_rating_valid returns 1 for very_satisfied, satisfied, dissatisfied. */
int lifecycle_rating_valid(const char *level);

/* lifecycle_rating_label: "Rất hài lòng", "Hài lòng", "Không hài lòng"; level when unknown. */
const char *lifecycle_rating_label(const char *level);

/* lifecycle_choice_label: the label of value among the choices of field f; value itself when
 * it is none of them or f has none. */
const char *lifecycle_choice_label(const ActionField *f, const char *value);

/* lifecycle_outcome_label: "Chấp thuận", "Từ chối giải quyết"; outcome when unknown. */
const char *lifecycle_outcome_label(const char *outcome);

#endif
