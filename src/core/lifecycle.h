/* lifecycle.h: the dossier lifecycle (DESIGN §4, DOMAIN §2.2): the states with their
 * national-portal status codes, the actions, the one table of legal (state, action) pairs
 * with the state each leads to, and the roles allowed to take each action. Every entry
 * point (API, import replay, pages) asks this module. Pure. */
#ifndef MOTCUA_LIFECYCLE_H
#define MOTCUA_LIFECYCLE_H

#include "core/access.h"

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
    ACTION_COUNT
} Action;

/* lifecycle_state_name: "submitted", ...; "" for STATE_NONE. */
const char *lifecycle_state_name(State s);

/* lifecycle_state_label: the Vietnamese name shown to officers and citizens. */
const char *lifecycle_state_label(State s);

/* lifecycle_portal_status: the national portal's TrangThaiHoSo code 1..10 (0 for NONE). */
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

/* lifecycle_role_may returns 1 when role may take action a. ROLE_NONE is the citizen, who
 * may submit online and rate. */
int lifecycle_role_may(Role role, Action a);

/* lifecycle_is_final returns 1 for states that end processing (refused, stopped, resolved,
 * returned): the legal clock no longer runs. */
int lifecycle_is_final(State s);

#endif
