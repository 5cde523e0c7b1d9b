/* queue.h: the counter queue's services, shared by the API, the pages and the demo: issuing a
 * ticket at the kiosk, a counter's calls (call next, recall, start, finish, skip, transfer to
 * another group), the board of what each counter serves, the link from a ticket to the dossier
 * received from it, the rating given at the counter, and the waiting and service figures.
 * Writes run inside the caller's transaction (the single writer); `now` comes from the caller.
 * Permissions are the web's: these services only check the queue's own rules. */
#ifndef MOTCUA_APP_QUEUE_H
#define MOTCUA_APP_QUEUE_H

#include "store/store.h"

/* queue_group_save adds or updates (by code) the group g after checking it: code 1-32
 * characters of a-z 0-9 - _, prefix one or two capitals A-Z (not another group's of the same
 * unit), name 1-200 bytes, unit and field (optional) known. ERR_INVALID naming the field. */
int queue_group_save(Store *s, Arena *a, QueueGroup *g, Err *e);

/* queue_counter_save adds or updates (by code) the counter c serving the group called
 * group_code, of the same unit (c->unit and c->group are set from it): code as a group's,
 * name 1-200 bytes. ERR_INVALID naming the field. */
int queue_counter_save(Store *s, Arena *a, QueueCounter *c, const char *group_code, Err *e);

/* queue_issue issues the next ticket of the group called group_code at now: numbered after
 * the last one that group issued on now's Vietnam day (1 on a new day), with a random follow
 * key. out (from a) gets it and out_ahead how many wait before it. ERR_INVALID for an unknown
 * group, ERR_CONFLICT when the group has issued QUEUE_SEQ_MAX tickets today. */
int queue_issue(Store *s, Arena *a, const char *group_code, int64_t now, QueueTicket *out,
                int64_t *out_ahead, Err *e);

/* queue_counter_find reads the counter called code (ERR_INVALID naming "counter" when
 * unknown). */
int queue_counter_find(Store *s, Arena *a, const char *code, QueueCounter *out, Err *e);

/* queue_next finishes the ticket at counter (done, its leg closed) and calls the first ticket
 * waiting today in the counter's group, by officer at now. out (from a) gets the ticket
 * called; ERR_NOT_FOUND (after finishing the current one) when none waits, which the caller
 * may answer as "nobody waits" without failing the transaction. */
int queue_next(Store *s, Arena *a, const QueueCounter *counter, const char *officer, int64_t now,
               QueueTicket *out, Err *e);

/* queue_recall_skipped calls back to counter the ticket numbered number (as printed) of the
 * counter's group that was marked absent today, by officer at now, after finishing the ticket
 * at the counter as queue_next does; its new leg is queued at now. out (from a) gets it.
 * ERR_INVALID naming "ticket" when no ticket of that number was marked absent there today. */
int queue_recall_skipped(Store *s, Arena *a, const QueueCounter *counter, const char *number,
                         const char *officer, int64_t now, QueueTicket *out, Err *e);

/* queue_act applies act (QUEUE_RECALL, QUEUE_START, QUEUE_FINISH, QUEUE_SKIP, QUEUE_TRANSFER)
 * to the ticket at counter by officer at now; a transfer moves it to the end of the group
 * called to_group (of the same unit), queued at now. out gets the ticket after the action.
 * ERR_NOT_FOUND when the counter has no ticket, ERR_CONFLICT when act does not apply to it,
 * ERR_INVALID for a bad to_group. */
int queue_act(Store *s, Arena *a, const QueueCounter *counter, QueueAction act,
              const char *to_group, const char *officer, int64_t now, QueueTicket *out, Err *e);

/* queue_take_dossier records that the dossier code was received from the ticket at counter
 * (its service starts if it was only called). ERR_NOT_FOUND when the counter has no ticket. */
int queue_take_dossier(Store *s, Arena *a, const QueueCounter *counter, const char *code,
                       int64_t now, Err *e);

/* queue_rated records level as the rating given at the counter for ticket id. ERR_CONFLICT
 * when it was rated already. */
int queue_rated(Store *s, Arena *a, int64_t id, const char *level, Err *e);

/* What a counter shows on the board: the counter, its group and its ticket (id 0: none). */
typedef struct QueueBoardRow {
    QueueCounter counter;
    QueueGroup group;
    QueueTicket ticket;
} QueueBoardRow;

/* queue_board lists the counters of `under` and below (NULL: all) with what each serves now,
 * by counter code (out from a). */
int queue_board(Store *s, Arena *a, const char *under, QueueBoardRow **out, size_t *out_n, Err *e);

/* The figures by one dimension. */
typedef enum QueueDim {
    QUEUE_BY_COUNTER = 0,
    QUEUE_BY_GROUP,
    QUEUE_BY_HOUR,
    QUEUE_BY_OFFICER,
    QUEUE_DIM_COUNT
} QueueDim;

/* One row of figures: its key (a counter's or group's code, "08" for an hour, an officer's
 * name) and label (the counter's or group's name, "08:00–09:00", the officer's name). */
typedef struct QueueFigureRow {
    const char *key, *label;
    QueueFigures f;
} QueueFigureRow;

/* queue_dim_name is "counter", "group", "hour" or "officer"; queue_dim_parse reads one
 * (-1 when unknown). */
const char *queue_dim_name(QueueDim dim);
int queue_dim_parse(const char *name);

/* queue_figures sums the legs called in [from, to) at counters of `under` and below (NULL:
 * all) by dim, in key order, and their total into out_total (rows from a). */
int queue_figures(Store *s, Arena *a, const char *under, int64_t from, int64_t to, QueueDim dim,
                  QueueFigureRow **out, size_t *out_n, QueueFigures *out_total, Err *e);

#endif
