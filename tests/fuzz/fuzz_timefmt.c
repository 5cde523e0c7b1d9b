/* fuzz_timefmt.c: libFuzzer target for the instant, date and duration parsers of util/timefmt.
 *
 * Each input is parsed as an instant, a local date and a duration. Beyond "no crash, no
 * sanitizer report" it checks the round trips: a parsed value formats and parses back to itself,
 * and a failed parse leaves its out-parameter untouched.
 *
 * Build: clang -fsanitize=fuzzer,address,undefined -Isrc tests/fuzz/fuzz_timefmt.c
 *        src/util/timefmt.c src/util/err.c
 * The normal test run replays tests/fuzz/corpus/timefmt/ through tests/fuzz/replay.c. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/timefmt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    int64_t t = -42, back = 0;
    int32_t day = -42, day_back = 0;
    Duration d = {DURATION_WORKING_DAYS, -42}, d_back;
    char buf[64];
    Err e;
    int n;

    if (timefmt_parse_instant(s, size, &e, &t) == 0) {
        int32_t local = timefmt_local_day(t);
        n = timefmt_format_instant(t, buf, sizeof buf);
        /* Local years 1-9999 format and parse back; an offset may push the local date past. */
        if (local >= timefmt_days_from_civil(1, 1, 1) &&
            local <= timefmt_days_from_civil(9999, 12, 31)) {
            if (n != 25 || timefmt_parse_instant(buf, (size_t)n, NULL, &back) != 0 || back != t)
                abort();
        }
    } else if (t != -42 || e.code != ERR_INVALID || e.message[0] == '\0') {
        abort();
    }

    if (timefmt_parse_date(s, size, &e, &day) == 0) {
        n = timefmt_format_date(day, buf, sizeof buf);
        if (n != 10 || size != 10 || memcmp(buf, s, 10) != 0)
            abort();
        if (timefmt_parse_date(buf, 10, NULL, &day_back) != 0 || day_back != day)
            abort();
    } else if (day != -42 || e.code != ERR_INVALID) {
        abort();
    }

    if (timefmt_parse_duration(s, size, &e, &d) == 0) {
        n = timefmt_format_duration(d, buf, sizeof buf);
        if (n < 0 || (size_t)n != size || memcmp(buf, s, size) != 0)
            abort();
        if (timefmt_parse_duration(buf, (size_t)n, NULL, &d_back) != 0 || d_back.unit != d.unit ||
            d_back.amount != d.amount)
            abort();
    } else if (d.amount != -42 || e.code != ERR_INVALID) {
        abort();
    }
    return 0;
}
