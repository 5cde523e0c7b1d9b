/* queue.h: the counter queue, pure: a ticket's states and the actions that move it (issued at
 * the kiosk, called to a counter, recalled, served, done, skipped, transferred to another
 * group), the ticket number printed and called out ("A007": the group's letter and the day's
 * sequence, restarting at Vietnam midnight), and the figures of waiting and service time per
 * counter, group, hour and officer from the legs of the tickets (one leg per group a ticket
 * waited in: queued at, called at, ended at). Times are UTC seconds; days and hours are
 * Vietnam's (util/timefmt). */
#ifndef MOTCUA_QUEUE_H
#define MOTCUA_QUEUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum QueueState {
    QUEUE_ISSUED = 0,  /* waiting since the kiosk printed it */
    QUEUE_CALLED,      /* called to a counter, the citizen on the way */
    QUEUE_SERVING,     /* the clerk serves the citizen */
    QUEUE_DONE,        /* served */
    QUEUE_SKIPPED,     /* called and did not come */
    QUEUE_TRANSFERRED, /* waiting again, in another group */
    QUEUE_STATE_COUNT
} QueueState;

typedef enum QueueAction {
    QUEUE_CALL = 0, /* a counter calls the ticket (the first waiting of its group) */
    QUEUE_RECALL,   /* the counter calls it again (or calls back one marked absent) */
    QUEUE_START,    /* service begins (intake from the ticket) */
    QUEUE_FINISH,   /* service ends */
    QUEUE_SKIP,     /* the citizen did not come */
    QUEUE_TRANSFER, /* to wait in another group */
    QUEUE_ACTION_COUNT
} QueueAction;

enum {
    QUEUE_SEQ_MAX = 9999,   /* tickets a group issues in a day */
    QUEUE_NUMBER_SIZE = 16, /* "A007" and a NUL, with room for a two-letter prefix */
    QUEUE_PREFIX_MAX = 2    /* letters before the sequence */
};

/* queue_state_name is the English name of st ("issued", ...); queue_state_label its
 * Vietnamese label; queue_state_parse reads a name (-1 when unknown). */
const char *queue_state_name(QueueState st);
const char *queue_state_label(QueueState st);
int queue_state_parse(const char *name);

/* queue_action_name is the English name of act ("call", "recall", ...); queue_action_parse
 * reads one (-1 when unknown). */
const char *queue_action_name(QueueAction act);
int queue_action_parse(const char *name);

/* queue_apply is the state a ticket in st goes to by act; false when act does not apply. */
bool queue_apply(QueueState st, QueueAction act, QueueState *out);

/* queue_waiting: a ticket in st waits to be called (issued, or transferred). */
bool queue_waiting(QueueState st);

/* queue_at_counter: a ticket in st is at a counter (called or being served). */
bool queue_at_counter(QueueState st);

/* queue_day is the Vietnam day number of instant t: tickets are numbered per group and day. */
int32_t queue_day(int64_t t);

/* queue_number writes the printed number of the seq-th ticket of a group with prefix (one or
 * two capital letters A-Z) into out: "A007", "B1234". false when prefix or seq is out of
 * range. */
bool queue_number(const char *prefix, int64_t seq, char out[QUEUE_NUMBER_SIZE]);

/* queue_prefix_valid: one or two capital letters A-Z. */
bool queue_prefix_valid(const char *prefix);

/* queue_callout writes the spoken call-out of number at counter into out (cap bytes):
 * "Mời công dân có số A 0 0 7 đến Quầy 1", the digits one by one as a TV's speech reads them
 * best; false when it does not fit. */
bool queue_callout(const char *number, const char *counter, char *out, size_t cap);

/* One leg of a ticket: the time it waited in one group and how it ended there. */
typedef struct QueueLeg {
    int64_t counter, group; /* ids: the counter that called it, the group it waited in */
    const char *officer;    /* the clerk who called it */
    int64_t queued_at;      /* issued or transferred in */
    int64_t called_at;      /* first called (0: never) */
    int64_t ended_at;       /* done, skipped or transferred on (0: not yet) */
    QueueState outcome;     /* QUEUE_DONE, QUEUE_SKIPPED, QUEUE_TRANSFERRED, else open */
} QueueLeg;

/* The figures of a set of legs. Waiting counts every called leg (called_at - queued_at);
 * service counts the legs done (ended_at - called_at). */
typedef struct QueueFigures {
    int64_t called, done, skipped, transferred;
    int64_t wait_total, wait_max;       /* seconds over the called legs */
    int64_t service_total, service_max; /* seconds over the done legs */
} QueueFigures;

/* queue_figures_add counts leg into f. */
void queue_figures_add(QueueFigures *f, const QueueLeg *leg);

/* queue_wait_avg and queue_service_avg are the mean waiting and service time in whole
 * seconds, rounded half up (0 for none). */
int64_t queue_wait_avg(const QueueFigures *f);
int64_t queue_service_avg(const QueueFigures *f);

/* queue_leg_hour is the Vietnam hour (0-23) a leg counts under: that of its call. */
int queue_leg_hour(const QueueLeg *leg);

#endif
