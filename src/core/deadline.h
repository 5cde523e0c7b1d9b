/* deadline.h: the legal-clock policy of a dossier on top of core/calendar: the due instant,
 * the supplement restart, pauses, apologies (Mẫu 04), the after-15:00 transfer rule and the
 * early / on-time / late classification of docs/INTERFACES.md §2.
 *
 * Pure functions over a const Calendar: no allocation, thread-safe. Instants are UTC seconds;
 * local dates are Vietnam dates (util/timefmt.h). */
#ifndef MOTCUA_DEADLINE_H
#define MOTCUA_DEADLINE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/calendar.h"
#include "util/err.h"
#include "util/timefmt.h"

/* The timeliness of a dossier (docs/INTERFACES.md §2, docs/DOMAIN.md §15.1 "timeliness"). */
typedef enum DeadlineClass {
    DEADLINE_EARLY = 0,   /* resolved before due_at's local date (trước hạn) */
    DEADLINE_ON_TIME = 1, /* resolved on due_at's local date, not after due_at (đúng hạn) */
    DEADLINE_LATE = 2,    /* resolved after due_at (quá hạn) */
    DEADLINE_WITHIN = 3,  /* unfinished, due_at not yet passed (trong hạn) */
    DEADLINE_OVERDUE = 4  /* unfinished, due_at passed (quá hạn) */
} DeadlineClass;

/* A paper dossier received after this local time is transferred the next working day
 * (Decree 61 Art 18). Received at exactly 15:00:00 is not "after". */
#define DEADLINE_TRANSFER_CUTOFF (15 * 3600)

/* A supplement may be requested within this much working time of receipt (Decree 61
 * Art 19(4): 3 working days). */
#define DEADLINE_SUPPLEMENT_WINDOW (3 * CALENDAR_WORKING_DAY_SECONDS)

/* The result of checking an apology (xin lỗi và hẹn lại). */
typedef struct DeadlineApology {
    int64_t appointment_at; /* the new appointment shown to the citizen */
    int32_t latest_day;     /* the last local day on which the apology was on time */
    bool late;              /* made after latest_day: accepted, recorded and flagged */
} DeadlineApology;

/* deadline_due_at: due_at = received_at + limit in the unit's working time (calendar_add): a
 * receipt outside the windows starts at the next window opening (Fri 17:30 + 1 working day =
 * Mon 17:00). ERR_INVALID with a message in e if the limit is out of range or the calendar has
 * no working time. */
int deadline_due_at(const Calendar *cal, int64_t received_at, Duration limit, Err *e,
                    int64_t *out_due);

/* deadline_restart: the due instant after a supplement (Decree 61 Art 19(4)): the full limit
 * counted again from complete_at, the arrival of the complete dossier. Errors as
 * deadline_due_at. */
int deadline_restart(const Calendar *cal, int64_t complete_at, Duration limit, Err *e,
                     int64_t *out_due);

/* deadline_resume: the due instant after a pause (awaiting payment) from paused_at to
 * resumed_at: the working time that was left before due_at at paused_at is counted again from
 * resumed_at. A pause that starts at or after due_at leaves due_at unchanged (the dossier was
 * already overdue). ERR_INVALID if resumed_at < paused_at. */
int deadline_resume(const Calendar *cal, int64_t due_at, int64_t paused_at, int64_t resumed_at,
                    Err *e, int64_t *out_due);

/* deadline_apology: checks an apology with a new appointment (Decree 61 Art 19(9)). Refused:
 * ERR_CONFLICT if one was already made (n_previous > 0, "không quá một lần"); ERR_INVALID if the
 * new appointment is not after due_at or not after the apology. Accepted otherwise; it is late
 * (flagged) when its local date is after the last working day before due_at's local date (due
 * Monday 2023-10-16 09:00 -> on time until the end of Friday 2023-10-13; docs/DOMAIN.md §16 example
 * 6). due_at itself never moves: the caller keeps it and the dossier still counts late. */
int deadline_apology(const Calendar *cal, int64_t due_at, int n_previous, int64_t apologized_at,
                     int64_t new_appointment, Err *e, DeadlineApology *out_apology);

/* deadline_transfer_by: the latest instant by which a paper dossier received at received_at must
 * be transferred to the deciding department (Decree 61 Art 18(2)): received on a working day by
 * 15:00 and before that day's last window ends -> the end of that day's last window ("ngay trong
 * ngày"); otherwise (after 15:00, after hours, on a day off) -> the end of the first window of
 * the next working day ("đầu giờ ngày làm việc tiếp theo", read as the opening session: the
 * opening second itself could never be met). ERR_INVALID if the calendar has no working time. */
int deadline_transfer_by(const Calendar *cal, int64_t received_at, int64_t *out_by);

/* deadline_supplement_request_late: true if a supplement requested at requested_at comes more
 * than 3 working days (24 working hours) after received_at (Decree 61 Art 19(4); docs/DOMAIN.md §13
 * item 5: record it and flag it). */
bool deadline_supplement_request_late(const Calendar *cal, int64_t received_at,
                                      int64_t requested_at);

/* deadline_classify_resolved: DEADLINE_LATE if resolved_at > due_at; else DEADLINE_EARLY if the
 * local date of resolved_at is before the local date of due_at; else DEADLINE_ON_TIME. */
DeadlineClass deadline_classify_resolved(int64_t due_at, int64_t resolved_at);

/* deadline_classify_unfinished: for a dossier not resolved at instant `at`: DEADLINE_OVERDUE if
 * due_at < at, else DEADLINE_WITHIN. */
DeadlineClass deadline_classify_unfinished(int64_t due_at, int64_t at);

/* deadline_class_name: "early", "on_time", "late", "within_deadline", "overdue" (JSON). */
const char *deadline_class_name(DeadlineClass c);

/* deadline_class_label_vi: "Trước hạn", "Đúng hạn", "Quá hạn", "Trong hạn", "Quá hạn". */
const char *deadline_class_label_vi(DeadlineClass c);

#endif
