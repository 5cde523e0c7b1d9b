/* deadline.c: legal-clock policy (see deadline.h); all arithmetic is core/calendar's. */
#include "core/deadline.h"

static int no_due(Err *e)
{
    return err_set(e, ERR_INVALID, "limit",
                   "Không tính được hạn giải quyết: thời hạn ngoài phạm vi hoặc lịch làm việc "
                   "không có giờ làm việc",
                   "cannot compute the due time: limit out of range or no working time in the "
                   "calendar");
}

int deadline_due_at(const Calendar *cal, int64_t received_at, Duration limit, Err *e,
                    int64_t *out_due)
{
    int64_t due;
    if (calendar_add(cal, received_at, limit, &due) != 0)
        return no_due(e);
    *out_due = due;
    return 0;
}

int deadline_restart(const Calendar *cal, int64_t complete_at, Duration limit, Err *e,
                     int64_t *out_due)
{
    return deadline_due_at(cal, complete_at, limit, e, out_due);
}

int deadline_resume(const Calendar *cal, int64_t due_at, int64_t paused_at, int64_t resumed_at,
                    Err *e, int64_t *out_due)
{
    int64_t left, due;

    if (resumed_at < paused_at)
        return err_set(e, ERR_INVALID, "at", "Thời điểm tiếp tục trước thời điểm tạm dừng",
                       "resumed before it was paused");
    if (paused_at >= due_at) {
        *out_due = due_at;
        return 0;
    }
    left = calendar_working_seconds_between(cal, paused_at, due_at);
    if (calendar_add_working_seconds(cal, resumed_at, left, &due) != 0)
        return no_due(e);
    /* Never earlier than due_at: with no pause at all the same working time may end at an
     * earlier instant (a window's end rather than the next opening). */
    *out_due = due > due_at ? due : due_at;
    return 0;
}

int deadline_apology(const Calendar *cal, int64_t due_at, int n_previous, int64_t apologized_at,
                     int64_t new_appointment, Err *e, DeadlineApology *out_apology)
{
    DeadlineApology a;

    if (n_previous > 0)
        return err_set(e, ERR_CONFLICT, "action",
                       "Hồ sơ đã được xin lỗi và hẹn lại một lần; không được hẹn lại lần nữa",
                       "the dossier was already re-appointed once; no second re-appointment");
    if (new_appointment <= due_at)
        return err_set(e, ERR_INVALID, "new_appointment",
                       "Ngày hẹn trả mới phải sau hạn giải quyết",
                       "the new appointment must be after the due time");
    if (new_appointment <= apologized_at)
        return err_set(e, ERR_INVALID, "new_appointment",
                       "Ngày hẹn trả mới phải sau thời điểm xin lỗi",
                       "the new appointment must be after the apology");
    if (calendar_prev_working_day(cal, timefmt_local_day(due_at), &a.latest_day) != 0)
        return no_due(e);
    a.appointment_at = new_appointment;
    a.late = timefmt_local_day(apologized_at) > a.latest_day;
    *out_apology = a;
    return 0;
}

int deadline_transfer_by(const Calendar *cal, int64_t received_at, int64_t *out_by)
{
    CalendarWindow w[CALENDAR_MAX_WINDOWS];
    int32_t day = timefmt_local_day(received_at);
    int32_t sec = timefmt_local_second(received_at);
    int n = calendar_day_windows(cal, day, w);

    if (n > 0 && sec <= DEADLINE_TRANSFER_CUTOFF && sec < w[n - 1].end) {
        *out_by = timefmt_local_instant(day, w[n - 1].end);
        return 0;
    }
    if (calendar_next_working_day(cal, day, &day) != 0)
        return ERR_INVALID;
    n = calendar_day_windows(cal, day, w);
    if (n == 0)
        return ERR_INVALID;
    *out_by = timefmt_local_instant(day, w[0].end);
    return 0;
}

bool deadline_supplement_request_late(const Calendar *cal, int64_t received_at,
                                      int64_t requested_at)
{
    return calendar_working_seconds_between(cal, received_at, requested_at) >
           DEADLINE_SUPPLEMENT_WINDOW;
}

DeadlineClass deadline_classify_resolved(int64_t due_at, int64_t resolved_at)
{
    if (resolved_at > due_at)
        return DEADLINE_LATE;
    if (timefmt_local_day(resolved_at) < timefmt_local_day(due_at))
        return DEADLINE_EARLY;
    return DEADLINE_ON_TIME;
}

DeadlineClass deadline_classify_unfinished(int64_t due_at, int64_t at)
{
    return due_at < at ? DEADLINE_OVERDUE : DEADLINE_WITHIN;
}

const char *deadline_class_name(DeadlineClass c)
{
    switch (c) {
    case DEADLINE_EARLY: return "early";
    case DEADLINE_ON_TIME: return "on_time";
    case DEADLINE_LATE: return "late";
    case DEADLINE_WITHIN: return "within_deadline";
    case DEADLINE_OVERDUE: return "overdue";
    }
    return "";
}

const char *deadline_class_label_vi(DeadlineClass c)
{
    switch (c) {
    case DEADLINE_EARLY: return "Trước hạn";
    case DEADLINE_ON_TIME: return "Đúng hạn";
    case DEADLINE_LATE:
    case DEADLINE_OVERDUE: return "Quá hạn";
    case DEADLINE_WITHIN: return "Trong hạn";
    }
    return "";
}
