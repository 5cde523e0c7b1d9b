/* calendar_schedule.c: reading an official schedule's TSV into dated entries (see
 * calendar_schedule.h). */
#include "core/calendar_schedule.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "util/timefmt.h"
#include "util/utf8.h"

static int line_error(Err *e, int code, int line, const char *vi, const char *en)
{
    char mvi[256], men[256];
    snprintf(mvi, sizeof mvi, "dòng %d: %s", line, vi);
    snprintf(men, sizeof men, "line %d: %s", line, en);
    return err_set(e, code, "", mvi, men);
}

/* Whether s[0..n) is well-formed UTF-8 without control characters (C0, DEL or C1). */
static bool clean_text(const char *s, size_t n)
{
    for (size_t pos = 0, len; pos < n; pos += len) {
        uint32_t cp;
        len = utf8_decode(s + pos, n - pos, &cp);
        if (len == 0 || cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
            return false;
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
    if (len[2] == 0 || len[2] >= CALENDAR_NAME_SIZE || !clean_text(f[2], len[2]))
        return line_error(e, ERR_INVALID, line, "tên ngày nghỉ trống, quá dài hoặc không hợp lệ",
                          "name empty, too long or not valid UTF-8 text");
    if (len[3] == 0 || len[3] >= CALENDAR_SOURCE_SIZE || !clean_text(f[3], len[3]))
        return line_error(e, ERR_INVALID, line, "nguồn (văn bản) trống, quá dài hoặc không hợp lệ",
                          "source empty, too long or not valid UTF-8 text");
    /* shorter than their buffers, zeroed above: they stay NUL-terminated */
    memcpy(out->name, f[2], len[2]);
    memcpy(out->source, f[3], len[3]);
    return 0;
}

int calendar_schedule_parse(int year, const char *text, size_t n, Err *e, CalendarDay *out_days,
                            size_t *out_n)
{
    static const char header[] = "date\tkind\tname\tsource";
    int lines[CALENDAR_MAX_YEAR_ENTRIES]; /* the line of each entry, for duplicate messages */
    size_t count = 0, pos = 0;
    int line = 0, rc;
    bool have_header = false;

    if (!text)
        n = 0;
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
            if (end - start != sizeof header - 1 || memcmp(text + start, header, end - start))
                return line_error(e, ERR_INVALID, line,
                                  "dòng tiêu đề phải là date<TAB>kind<TAB>name<TAB>source",
                                  "the header must be date<TAB>kind<TAB>name<TAB>source");
            have_header = true;
            continue;
        }
        if (count == CALENDAR_MAX_YEAR_ENTRIES)
            return line_error(e, ERR_TOO_LARGE, line, "quá nhiều dòng", "too many lines");
        rc = parse_line(text + start, end - start, year, line, e, &out_days[count]);
        if (rc)
            return rc;
        for (size_t i = 0; i < count; i++) {
            if (out_days[i].day == out_days[count].day) {
                char msg_vi[96], msg_en[96];
                snprintf(msg_vi, sizeof msg_vi, "ngày đã có ở dòng %d", lines[i]);
                snprintf(msg_en, sizeof msg_en, "date already given on line %d", lines[i]);
                return line_error(e, ERR_INVALID, line, msg_vi, msg_en);
            }
        }
        lines[count++] = line;
    }
    if (!have_header)
        return line_error(e, ERR_INVALID, line > 0 ? line : 1, "thiếu dòng tiêu đề",
                          "missing header line");
    *out_n = count;
    return 0;
}
