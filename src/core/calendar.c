/* calendar.c: days off as data, statutory proposals, working windows and working-time
 * arithmetic (see calendar.h for the model and the ownership rules).
 *
 * Every query walks local days through an Oracle: a stack-local cursor that looks a day up in
 * the loaded table (binary search) and otherwise in the statutory proposal of the day's year,
 * computed once per year per query. The Calendar itself is never written by a query. */
#include "core/calendar.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/lunar.h"

/* Give up when this many consecutive days have no working window. */
#define IDLE_LIMIT 1000
/* Hard bound on days walked by one query (about 5,500 years). */
#define SCAN_LIMIT 2000000L

static const CalendarWindow default_windows[2] = {{7 * 3600, 11 * 3600 + 1800},
                                                  {13 * 3600 + 1800, 17 * 3600}};

static const char *const source_holiday = "Bộ luật Lao động 2019 Điều 112 (đề xuất)";
static const char *const source_compensatory = "Bộ luật Lao động 2019 Điều 111 khoản 3 (đề xuất)";

enum {
    NAME_NEW_YEAR,
    NAME_TET,
    NAME_HUNG,
    NAME_VICTORY,
    NAME_LABOUR,
    NAME_NATIONAL,
    NAME_NATIONAL_EXTRA,
    NAME_COUNT
};

static const char *const proposal_names[NAME_COUNT] = {
    "Tết Dương lịch",
    "Tết Âm lịch",
    "Giỗ Tổ Hùng Vương (10/3 âm lịch)",
    "Ngày Chiến thắng (30/4)",
    "Ngày Quốc tế Lao động (1/5)",
    "Quốc khánh (2/9)",
    "Quốc khánh (ngày liền kề 2/9)",
};

/* A proposed entry before its strings are expanded. */
typedef struct Proposal {
    int32_t day;
    DayKind kind;
    int name; /* NAME_* */
} Proposal;

/* ---- statutory proposals ---- */

static bool is_weekend(int32_t day)
{
    int w = timefmt_weekday(day);
    return w == TIMEFMT_SATURDAY || w == TIMEFMT_SUNDAY;
}

static bool proposal_has(const Proposal *p, int n, int32_t day)
{
    for (int i = 0; i < n; i++)
        if (p[i].day == day)
            return true;
    return false;
}

static int cmp_proposal(const void *a, const void *b)
{
    const Proposal *x = a, *y = b;
    return (x->day > y->day) - (x->day < y->day);
}

/* The adjacent National Day holiday: 1/9 or 3/9 (see calendar_propose_year). */
static int32_t national_day_neighbour(int year)
{
    int32_t sep2 = timefmt_days_from_civil(year, 9, 2);
    int32_t cand[2] = {sep2 - 1, sep2 + 1};

    for (int i = 0; i < 2; i++) {
        int32_t c = cand[i];
        int32_t lo = c < sep2 ? c : sep2, hi = c < sep2 ? sep2 : c;
        if (is_weekend(c))
            continue;
        if (is_weekend(lo - 1) || is_weekend(hi + 1) || is_weekend(sep2))
            return c;
    }
    /* 2/9 on a Wednesday: 1/9, as chosen for 2026 (Thông báo 9441/TB-BNV), which lets a swapped
     * Monday 31/8 complete a five-day break. */
    return sep2 - 1;
}

/* Fills out (room for CALENDAR_PROPOSAL_MAX) with the proposal of `year`, sorted; returns n. */
static int propose(int year, Proposal *out)
{
    Proposal hol[16];
    Proposal need[CALENDAR_PROPOSAL_MAX]; /* holidays owed a compensatory day, in date order */
    int n_hol = 0, n_need = 0, n = 0;
    int32_t tet, hung;

    /* Adds a holiday; one on a day already a holiday is owed a compensatory day. */
#define ADD_HOLIDAY(d, nm)                                                                         \
    do {                                                                                           \
        int32_t d_ = (d);                                                                          \
        if (proposal_has(hol, n_hol, d_))                                                          \
            need[n_need++] = (Proposal){d_, DAY_COMPENSATORY, (nm)};                               \
        else                                                                                       \
            hol[n_hol++] = (Proposal){d_, DAY_HOLIDAY, (nm)};                                      \
    } while (0)

    ADD_HOLIDAY(timefmt_days_from_civil(year, 1, 1), NAME_NEW_YEAR);
    if (lunar_new_year(year, &tet) == 0) {
        for (int i = -1; i <= 3; i++)
            ADD_HOLIDAY(tet + i, NAME_TET);
    }
    if (lunar_hung_kings_day(year, &hung) == 0)
        ADD_HOLIDAY(hung, NAME_HUNG);
    ADD_HOLIDAY(timefmt_days_from_civil(year, 4, 30), NAME_VICTORY);
    ADD_HOLIDAY(timefmt_days_from_civil(year, 5, 1), NAME_LABOUR);
    ADD_HOLIDAY(timefmt_days_from_civil(year, 9, 2), NAME_NATIONAL);
    ADD_HOLIDAY(national_day_neighbour(year), NAME_NATIONAL_EXTRA);
#undef ADD_HOLIDAY

    for (int i = 0; i < n_hol; i++)
        if (is_weekend(hol[i].day))
            need[n_need++] = (Proposal){hol[i].day, DAY_COMPENSATORY, hol[i].name};
    qsort(hol, (size_t)n_hol, sizeof hol[0], cmp_proposal);
    qsort(need, (size_t)n_need, sizeof need[0], cmp_proposal);

    for (int i = 0; i < n_hol; i++)
        out[n++] = hol[i];
    for (int i = 0; i < n_need; i++) {
        int32_t c = need[i].day + 1;
        while (is_weekend(c) || proposal_has(out, n, c))
            c++;
        out[n++] = (Proposal){c, DAY_COMPENSATORY, need[i].name};
    }
    qsort(out, (size_t)n, sizeof out[0], cmp_proposal);
    return n;
}

static void copy_text(char *dst, size_t cap, const char *src, size_t len)
{
    if (len >= cap)
        len = cap - 1;
    memcpy(dst, src, len);
    dst[len] = '\0';
}

static void expand_proposal(const Proposal *p, int year, CalendarDay *out)
{
    const char *base = proposal_names[p->name];
    memset(out, 0, sizeof *out);
    out->day = p->day;
    out->kind = p->kind;
    out->schedule_year = year;
    if (p->kind == DAY_COMPENSATORY) {
        snprintf(out->name, sizeof out->name, "Nghỉ bù %s", base);
        copy_text(out->source, sizeof out->source, source_compensatory,
                  strlen(source_compensatory));
    } else {
        copy_text(out->name, sizeof out->name, base, strlen(base));
        copy_text(out->source, sizeof out->source, source_holiday, strlen(source_holiday));
    }
}

int calendar_propose_year(int year, size_t cap, CalendarDay *out_days, size_t *out_n)
{
    Proposal p[CALENDAR_PROPOSAL_MAX];
    int n = propose(year, p);

    if ((size_t)n > cap)
        return ERR_TOO_LARGE;
    for (int i = 0; i < n; i++)
        expand_proposal(&p[i], year, &out_days[i]);
    *out_n = (size_t)n;
    return 0;
}

/* ---- the oracle ---- */

typedef struct Oracle {
    const Calendar *cal;
    int year; /* whose proposal is cached, or INT_MIN */
    int n;
    Proposal p[CALENDAR_PROPOSAL_MAX];
} Oracle;

static void oracle_init(Oracle *o, const Calendar *cal)
{
    o->cal = cal;
    o->year = INT_MIN;
    o->n = 0;
}

static const CalendarDay *find_loaded(const Calendar *cal, int32_t day)
{
    size_t lo = 0, hi = cal->n_days;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cal->days[mid].day < day)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < cal->n_days && cal->days[lo].day == day)
        return &cal->days[lo];
    return NULL;
}

bool calendar_year_loaded(const Calendar *cal, int year)
{
    int i = year - CALENDAR_MIN_YEAR;
    if (year < CALENDAR_MIN_YEAR || year > CALENDAR_MAX_YEAR)
        return false;
    return (cal->loaded[i / 8] >> (i % 8)) & 1;
}

/* Looks up a day: returns 1 with its kind and either *out_entry (loaded) or *out_prop
 * (proposed) set, or 0 for an ordinary day. */
static int oracle_lookup(Oracle *o, int32_t day, DayKind *out_kind, const CalendarDay **out_entry,
                         const Proposal **out_prop)
{
    const CalendarDay *entry = find_loaded(o->cal, day);
    int y, m, d;

    *out_entry = NULL;
    *out_prop = NULL;
    if (entry) {
        *out_kind = entry->kind;
        *out_entry = entry;
        return 1;
    }
    timefmt_civil_from_days(day, &y, &m, &d);
    if (calendar_year_loaded(o->cal, y))
        return 0;
    if (o->year != y) {
        o->n = propose(y, o->p);
        o->year = y;
    }
    for (int i = 0; i < o->n; i++) {
        if (o->p[i].day == day) {
            *out_kind = o->p[i].kind;
            *out_prop = &o->p[i];
            return 1;
        }
    }
    return 0;
}

/* The windows in force on a day (pointer into the calendar or static data); returns their
 * number, 0 on a day off. */
static int oracle_windows(Oracle *o, int32_t day, const CalendarWindow **out)
{
    const CalendarDay *entry;
    const Proposal *prop;
    DayKind kind;
    int wd;

    if (oracle_lookup(o, day, &kind, &entry, &prop)) {
        if (kind != DAY_SWAPPED_WORKING)
            return 0;
        if (o->cal->n_windows[TIMEFMT_MONDAY] > 0) {
            *out = o->cal->windows[TIMEFMT_MONDAY];
            return o->cal->n_windows[TIMEFMT_MONDAY];
        }
        *out = default_windows;
        return 2;
    }
    wd = timefmt_weekday(day);
    *out = o->cal->windows[wd];
    return o->cal->n_windows[wd];
}

/* ---- setup ---- */

void calendar_init(Calendar *cal)
{
    memset(cal, 0, sizeof *cal);
    for (int wd = TIMEFMT_MONDAY; wd <= TIMEFMT_FRIDAY; wd++) {
        cal->windows[wd][0] = default_windows[0];
        cal->windows[wd][1] = default_windows[1];
        cal->n_windows[wd] = 2;
    }
}

void calendar_free(Calendar *cal)
{
    free(cal->days);
    calendar_init(cal);
}

int calendar_copy(Calendar *dst, const Calendar *src)
{
    CalendarDay *days = NULL;

    if (src->n_days > 0) {
        days = malloc(src->n_days * sizeof *days);
        if (!days)
            return ERR_IO;
        memcpy(days, src->days, src->n_days * sizeof *days);
    }
    *dst = *src;
    dst->days = days;
    dst->cap_days = src->n_days;
    return 0;
}

static int check_windows(const CalendarWindow *w, int n, Err *e)
{
    if (n < 0 || n > CALENDAR_MAX_WINDOWS)
        return err_set(e, ERR_INVALID, "windows", "Quá nhiều khung giờ làm việc trong một ngày",
                       "too many working windows in a day");
    for (int i = 0; i < n; i++) {
        if (w[i].start < 0 || w[i].end > TIMEFMT_DAY_SECONDS || w[i].start >= w[i].end)
            return err_set(e, ERR_INVALID, "windows", "Khung giờ làm việc không hợp lệ",
                           "invalid working window");
        if (i > 0 && w[i].start < w[i - 1].end)
            return err_set(e, ERR_INVALID, "windows",
                           "Các khung giờ làm việc phải theo thứ tự và không chồng nhau",
                           "working windows must be in order and must not overlap");
    }
    return 0;
}

int calendar_set_windows(Calendar *cal, int weekday, const CalendarWindow *windows, int n, Err *e)
{
    int rc;
    if (weekday < 0 || weekday > 6)
        return err_set(e, ERR_INVALID, "weekday", "Thứ trong tuần không hợp lệ", "invalid weekday");
    rc = check_windows(windows, n, e);
    if (rc)
        return rc;
    for (int i = 0; i < n; i++)
        cal->windows[weekday][i] = windows[i];
    cal->n_windows[weekday] = n;
    return 0;
}

/* Reads "HH:MM" (00:00..24:00) at s[*pos]; returns seconds of the day or -1. */
static int32_t read_hhmm(const char *s, size_t n, size_t *pos)
{
    int v[4];
    if (*pos + 5 > n || s[*pos + 2] != ':')
        return -1;
    for (int i = 0; i < 4; i++) {
        char c = s[*pos + (size_t)(i < 2 ? i : i + 1)];
        if (c < '0' || c > '9')
            return -1;
        v[i] = c - '0';
    }
    *pos += 5;
    int h = v[0] * 10 + v[1], m = v[2] * 10 + v[3];
    if (m > 59 || h > 24 || (h == 24 && m != 0))
        return -1;
    return h * 3600 + m * 60;
}

int calendar_parse_windows(const char *s, size_t n, Err *e, CalendarWindow *out_windows, int *out_n)
{
    CalendarWindow w[CALENDAR_MAX_WINDOWS];
    size_t pos = 0;
    int count = 0, rc;

    while (pos < n) {
        int32_t a, b;
        if (count == CALENDAR_MAX_WINDOWS)
            return err_set(e, ERR_INVALID, "windows", "Quá nhiều khung giờ làm việc trong một ngày",
                           "too many working windows in a day");
        a = read_hhmm(s, n, &pos);
        if (a < 0 || pos >= n || s[pos] != '-')
            goto bad;
        pos++;
        b = read_hhmm(s, n, &pos);
        if (b < 0)
            goto bad;
        w[count++] = (CalendarWindow){a, b};
        if (pos < n) {
            if (s[pos] != ',' || pos + 1 == n)
                goto bad;
            pos++;
        }
    }
    rc = check_windows(w, count, e);
    if (rc)
        return rc;
    memcpy(out_windows, w, (size_t)count * sizeof w[0]);
    *out_n = count;
    return 0;
bad:
    return err_set(e, ERR_INVALID, "windows",
                   "Khung giờ không hợp lệ: cần dạng 07:00-11:30,13:30-17:00",
                   "invalid windows: expected 07:00-11:30,13:30-17:00");
}

/* ---- loading a schedule ---- */

static int line_error(Err *e, int code, int line, const char *vi, const char *en)
{
    char mvi[256], men[256];
    snprintf(mvi, sizeof mvi, "dòng %d: %s", line, vi);
    snprintf(men, sizeof men, "line %d: %s", line, en);
    return err_set(e, code, "", mvi, men);
}

/* Whether s[0..n) is well-formed UTF-8 without control characters. */
static bool clean_utf8(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        size_t len;
        unsigned cp;
        if (c < 0x20 || c == 0x7F)
            return false;
        if (c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (i + len > n)
            return false;
        for (size_t k = 1; k < len; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
            (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
            return false;
        if (cp >= 0x80 && cp < 0xA0) /* C1 controls */
            return false;
        i += len;
    }
    return true;
}

static bool field_is(const char *s, size_t n, const char *lit)
{
    size_t m = strlen(lit);
    if (n != m)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != lit[i])
            return false;
    }
    return true;
}

static int parse_kind(const char *s, size_t n, DayKind *out)
{
    static const DayKind kinds[4] = {DAY_HOLIDAY, DAY_COMPENSATORY, DAY_SWAPPED_OFF,
                                     DAY_SWAPPED_WORKING};
    for (int i = 0; i < 4; i++) {
        if (field_is(s, n, calendar_day_kind_name(kinds[i]))) {
            *out = kinds[i];
            return 0;
        }
    }
    return -1;
}

static int cmp_day(const void *a, const void *b)
{
    const CalendarDay *x = a, *y = b;
    return (x->day > y->day) - (x->day < y->day);
}

/* Parses one data line into *out; returns 0 or an error already set in e. */
static int parse_line(const char *s, size_t n, int year, int line, Err *e, CalendarDay *out)
{
    const char *f[4];
    size_t len[4];
    int nf = 0;
    size_t start = 0;
    int32_t day;

    for (size_t i = 0; i <= n; i++) {
        if (i == n || s[i] == '\t') {
            if (nf == 4)
                return line_error(e, ERR_INVALID, line, "thừa cột (cần 4 cột cách nhau bởi tab)",
                                  "too many columns (need 4, tab-separated)");
            f[nf] = s + start;
            len[nf] = i - start;
            nf++;
            start = i + 1;
        }
    }
    if (nf != 4)
        return line_error(e, ERR_INVALID, line, "thiếu cột (cần 4 cột cách nhau bởi tab)",
                          "missing columns (need 4, tab-separated)");
    if (timefmt_parse_date(f[0], len[0], NULL, &day) != 0)
        return line_error(e, ERR_INVALID, line, "ngày không hợp lệ (cần YYYY-MM-DD)",
                          "invalid date (expected YYYY-MM-DD)");
    if (day < timefmt_days_from_civil(year - 1, 12, 1) ||
        day > timefmt_days_from_civil(year + 1, 1, 31))
        return line_error(e, ERR_INVALID, line, "ngày nằm ngoài năm của lịch nghỉ",
                          "date outside the schedule's year");
    memset(out, 0, sizeof *out);
    out->day = day;
    out->schedule_year = year;
    if (parse_kind(f[1], len[1], &out->kind) != 0)
        return line_error(e, ERR_INVALID, line,
                          "loại ngày không hợp lệ (holiday, compensatory, swapped_off, "
                          "swapped_working)",
                          "invalid kind (holiday, compensatory, swapped_off, swapped_working)");
    if (len[2] == 0 || len[2] >= CALENDAR_NAME_SIZE ||
        !clean_utf8((const unsigned char *)f[2], len[2]))
        return line_error(e, ERR_INVALID, line, "tên ngày nghỉ trống, quá dài hoặc không hợp lệ",
                          "name empty, too long or not valid UTF-8 text");
    if (len[3] == 0 || len[3] >= CALENDAR_SOURCE_SIZE ||
        !clean_utf8((const unsigned char *)f[3], len[3]))
        return line_error(e, ERR_INVALID, line, "nguồn (văn bản) trống, quá dài hoặc không hợp lệ",
                          "source empty, too long or not valid UTF-8 text");
    copy_text(out->name, sizeof out->name, f[2], len[2]);
    copy_text(out->source, sizeof out->source, f[3], len[3]);
    return 0;
}

int calendar_load_tsv(Calendar *cal, int year, const char *text, size_t n, Err *e)
{
    static const char header[] = "date\tkind\tname\tsource";
    CalendarDay *fresh = NULL, *merged = NULL;
    int *lines = NULL;
    size_t n_fresh = 0, n_merged = 0, pos = 0;
    int line = 0, rc = 0;
    bool have_header = false;

    if (year < CALENDAR_MIN_YEAR || year > CALENDAR_MAX_YEAR)
        return err_set(e, ERR_INVALID, "year", "Năm nằm ngoài phạm vi 1900-2199",
                       "year outside 1900-2199");
    if (!text)
        n = 0;
    fresh = malloc(CALENDAR_MAX_YEAR_ENTRIES * sizeof *fresh);
    lines = malloc(CALENDAR_MAX_YEAR_ENTRIES * sizeof *lines);
    if (!fresh || !lines) {
        rc = err_set(e, ERR_IO, "", "Hết bộ nhớ", "out of memory");
        goto done;
    }
    if (n >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        pos = 3;
    while (pos < n) {
        size_t start = pos, end;
        while (pos < n && text[pos] != '\n')
            pos++;
        end = pos;
        if (pos < n)
            pos++;
        line++;
        if (end > start && text[end - 1] == '\r')
            end--;
        if (end == start || text[start] == '#')
            continue;
        if (!have_header) {
            if (end - start != sizeof header - 1 || memcmp(text + start, header, end - start)) {
                rc = line_error(e, ERR_INVALID, line,
                                "dòng tiêu đề phải là date<TAB>kind<TAB>name<TAB>source",
                                "the header must be date<TAB>kind<TAB>name<TAB>source");
                goto done;
            }
            have_header = true;
            continue;
        }
        if (n_fresh == CALENDAR_MAX_YEAR_ENTRIES) {
            rc = line_error(e, ERR_TOO_LARGE, line, "quá nhiều dòng", "too many lines");
            goto done;
        }
        rc = parse_line(text + start, end - start, year, line, e, &fresh[n_fresh]);
        if (rc)
            goto done;
        for (size_t i = 0; i < n_fresh; i++) {
            if (fresh[i].day == fresh[n_fresh].day) {
                char msg_vi[96], msg_en[96];
                snprintf(msg_vi, sizeof msg_vi, "ngày đã có ở dòng %d", lines[i]);
                snprintf(msg_en, sizeof msg_en, "date already given on line %d", lines[i]);
                rc = line_error(e, ERR_INVALID, line, msg_vi, msg_en);
                goto done;
            }
        }
        lines[n_fresh++] = line;
    }
    if (!have_header) {
        rc = line_error(e, ERR_INVALID, line > 0 ? line : 1, "thiếu dòng tiêu đề",
                        "missing header line");
        goto done;
    }

    /* Keep the entries of other schedules on other dates, add the new ones, sort. */
    merged = malloc((cal->n_days + n_fresh + 1) * sizeof *merged);
    if (!merged) {
        rc = err_set(e, ERR_IO, "", "Hết bộ nhớ", "out of memory");
        goto done;
    }
    for (size_t i = 0; i < cal->n_days; i++) {
        const CalendarDay *d = &cal->days[i];
        bool replaced = d->schedule_year == year;
        for (size_t j = 0; j < n_fresh && !replaced; j++)
            replaced = fresh[j].day == d->day;
        if (!replaced)
            merged[n_merged++] = *d;
    }
    memcpy(merged + n_merged, fresh, n_fresh * sizeof *fresh);
    n_merged += n_fresh;
    qsort(merged, n_merged, sizeof *merged, cmp_day);
    free(cal->days);
    cal->days = merged;
    cal->n_days = n_merged;
    cal->cap_days = n_merged;
    cal->loaded[(year - CALENDAR_MIN_YEAR) / 8] |=
        (uint8_t)(1u << ((year - CALENDAR_MIN_YEAR) % 8));
    merged = NULL;
done:
    free(fresh);
    free(lines);
    free(merged);
    return rc;
}

/* ---- queries ---- */

int calendar_day_entry(const Calendar *cal, int32_t day, CalendarDay *out_entry)
{
    Oracle o;
    DayKind kind;
    const CalendarDay *entry;
    const Proposal *prop;

    oracle_init(&o, cal);
    if (!oracle_lookup(&o, day, &kind, &entry, &prop))
        return 0;
    if (out_entry) {
        if (entry)
            *out_entry = *entry;
        else
            expand_proposal(prop, o.year, out_entry);
    }
    return 1;
}

int calendar_year_days(const Calendar *cal, int year, size_t cap, CalendarDay *out_days,
                       size_t *out_n)
{
    Oracle o;
    int32_t first = timefmt_days_from_civil(year, 1, 1);
    int32_t last = timefmt_days_from_civil(year, 12, 31);
    size_t count = 0;

    oracle_init(&o, cal);
    for (int32_t d = first; d <= last; d++) {
        DayKind kind;
        const CalendarDay *entry;
        const Proposal *prop;
        if (!oracle_lookup(&o, d, &kind, &entry, &prop))
            continue;
        if (count == cap)
            return ERR_TOO_LARGE;
        if (entry)
            out_days[count] = *entry;
        else
            expand_proposal(prop, year, &out_days[count]);
        count++;
    }
    *out_n = count;
    return 0;
}

bool calendar_is_working_day(const Calendar *cal, int32_t day)
{
    Oracle o;
    const CalendarWindow *w;
    oracle_init(&o, cal);
    return oracle_windows(&o, day, &w) > 0;
}

int calendar_day_windows(const Calendar *cal, int32_t day, CalendarWindow *out_windows)
{
    Oracle o;
    const CalendarWindow *w;
    int n;

    oracle_init(&o, cal);
    n = oracle_windows(&o, day, &w);
    for (int i = 0; i < n; i++)
        out_windows[i] = w[i];
    return n;
}

int calendar_working_days_in_year(const Calendar *cal, int year)
{
    Oracle o;
    const CalendarWindow *w;
    int32_t first = timefmt_days_from_civil(year, 1, 1);
    int32_t last = timefmt_days_from_civil(year, 12, 31);
    int count = 0;

    oracle_init(&o, cal);
    for (int32_t d = first; d <= last; d++)
        if (oracle_windows(&o, d, &w) > 0)
            count++;
    return count;
}

static int step_working_day(const Calendar *cal, int32_t day, int step, int32_t *out_day)
{
    Oracle o;
    const CalendarWindow *w;

    oracle_init(&o, cal);
    for (int i = 1; i <= IDLE_LIMIT; i++) {
        int32_t d = day + step * i;
        if (oracle_windows(&o, d, &w) > 0) {
            *out_day = d;
            return 0;
        }
    }
    return ERR_INVALID;
}

int calendar_next_working_day(const Calendar *cal, int32_t day, int32_t *out_day)
{
    return step_working_day(cal, day, 1, out_day);
}

int calendar_prev_working_day(const Calendar *cal, int32_t day, int32_t *out_day)
{
    return step_working_day(cal, day, -1, out_day);
}

int calendar_add_working_seconds(const Calendar *cal, int64_t t, int64_t seconds, int64_t *out_t)
{
    Oracle o;
    int32_t day = timefmt_local_day(t);
    int32_t sec = timefmt_local_second(t);
    int64_t remaining = seconds;
    int idle = 0;

    if (seconds < 0 || seconds > CALENDAR_MAX_ADD_SECONDS)
        return ERR_INVALID;
    oracle_init(&o, cal);
    for (long i = 0; i < SCAN_LIMIT; i++, day++, sec = 0) {
        const CalendarWindow *w;
        int nw = oracle_windows(&o, day, &w);
        if (nw == 0) {
            if (++idle > IDLE_LIMIT)
                return ERR_INVALID;
            continue;
        }
        idle = 0;
        for (int j = 0; j < nw; j++) {
            int32_t from;
            if (w[j].end <= sec)
                continue;
            from = w[j].start > sec ? w[j].start : sec;
            if (remaining <= w[j].end - from) {
                *out_t = timefmt_local_instant(day, from) + remaining;
                return 0;
            }
            remaining -= w[j].end - from;
        }
    }
    return ERR_INVALID;
}

int calendar_next_working_instant(const Calendar *cal, int64_t t, int64_t *out_t)
{
    return calendar_add_working_seconds(cal, t, 0, out_t);
}

int calendar_add_working_hours(const Calendar *cal, int64_t t, int32_t hours, int64_t *out_t)
{
    if (hours < 0 || hours > TIMEFMT_DURATION_MAX)
        return ERR_INVALID;
    return calendar_add_working_seconds(cal, t, (int64_t)hours * 3600, out_t);
}

int calendar_add_working_days(const Calendar *cal, int64_t t, int32_t days, int64_t *out_t)
{
    if (days < 0 || days > TIMEFMT_DURATION_MAX)
        return ERR_INVALID;
    return calendar_add_working_seconds(cal, t, (int64_t)days * CALENDAR_WORKING_DAY_SECONDS,
                                        out_t);
}

int calendar_add_calendar_days(const Calendar *cal, int64_t t, int32_t days, int64_t *out_t)
{
    Oracle o;
    const CalendarWindow *w;
    int64_t s;
    int32_t day, tau;
    int nw, rc;

    if (days < 0 || days > TIMEFMT_DURATION_MAX)
        return ERR_INVALID;
    rc = calendar_next_working_instant(cal, t, &s);
    if (rc)
        return rc;
    if (days == 0) {
        *out_t = s;
        return 0;
    }
    day = timefmt_local_day(s) + days;
    tau = timefmt_local_second(s);
    oracle_init(&o, cal);
    nw = oracle_windows(&o, day, &w);
    if (nw == 0) {
        rc = calendar_next_working_day(cal, day, &day);
        if (rc)
            return rc;
        nw = oracle_windows(&o, day, &w);
    }
    for (int j = 0; j < nw; j++) {
        if (tau < w[j].start) {
            tau = w[j].start;
            break;
        }
        if (tau <= w[j].end)
            break;
        if (j == nw - 1)
            tau = w[j].end;
    }
    *out_t = timefmt_local_instant(day, tau);
    return 0;
}

int calendar_add(const Calendar *cal, int64_t t, Duration d, int64_t *out_t)
{
    switch (d.unit) {
    case DURATION_WORKING_DAYS: return calendar_add_working_days(cal, t, d.amount, out_t);
    case DURATION_WORKING_HOURS: return calendar_add_working_hours(cal, t, d.amount, out_t);
    case DURATION_CALENDAR_DAYS: return calendar_add_calendar_days(cal, t, d.amount, out_t);
    }
    return ERR_INVALID;
}

int64_t calendar_working_seconds_between(const Calendar *cal, int64_t a, int64_t b)
{
    Oracle o;
    int32_t last;
    int64_t total = 0;

    if (a == b)
        return 0;
    if (b < a)
        return -calendar_working_seconds_between(cal, b, a);
    oracle_init(&o, cal);
    last = timefmt_local_day(b);
    for (int32_t d = timefmt_local_day(a); d <= last; d++) {
        const CalendarWindow *w;
        int nw = oracle_windows(&o, d, &w);
        for (int j = 0; j < nw; j++) {
            int64_t lo = timefmt_local_instant(d, w[j].start);
            int64_t hi = timefmt_local_instant(d, w[j].end);
            if (lo < a)
                lo = a;
            if (hi > b)
                hi = b;
            if (hi > lo)
                total += hi - lo;
        }
    }
    return total;
}

const char *calendar_day_kind_name(DayKind kind)
{
    switch (kind) {
    case DAY_HOLIDAY: return "holiday";
    case DAY_COMPENSATORY: return "compensatory";
    case DAY_SWAPPED_OFF: return "swapped_off";
    case DAY_SWAPPED_WORKING: return "swapped_working";
    }
    return "";
}

const char *calendar_day_kind_label_vi(DayKind kind)
{
    switch (kind) {
    case DAY_HOLIDAY: return "Ngày lễ, Tết";
    case DAY_COMPENSATORY: return "Nghỉ bù";
    case DAY_SWAPPED_OFF: return "Nghỉ hoán đổi";
    case DAY_SWAPPED_WORKING: return "Làm việc bù";
    }
    return "";
}
