/* log.c: logfmt lines on stderr (see log.h). */
#include "util/log.h"

#include "util/strbuf.h"
#include "util/timefmt.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

LogLevel log_level = LOG_LEVEL_INFO;

static const char *level_names[] = {"debug", "info", "warn", "error"};

static void append_ts(StrBuf *sb)
{
    /* not gmtime_r: glibc takes a process-wide lock in it, which every request's log line
     * would contend for */
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    int64_t day = ts.tv_sec / 86400, in_day = ts.tv_sec % 86400; /* after 1970 */
    int y, m, d;
    timefmt_civil_from_days((int32_t)day, &y, &m, &d);
    sb_appendf(sb, "ts=%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ ", y, m, d, (int)(in_day / 3600),
               (int)(in_day / 60 % 60), (int)(in_day % 60), ts.tv_nsec / 1000000);
}

static void emit(StrBuf *sb)
{
    sb_putc(sb, '\n');
    if (sb->len) {
        ssize_t w = write(STDERR_FILENO, sb->data, sb->len);
        (void)w;
    }
    sb_free(sb);
}

void log_msg(LogLevel level, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    StrBuf sb;
    sb_init(&sb, 4096);
    append_ts(&sb);
    sb_appendf(&sb, "level=%s msg=", level_names[level]);
    sb_logfmt_value(&sb, msg);
    emit(&sb);
}

void log_line(const char *line)
{
    StrBuf sb;
    sb_init(&sb, 8192);
    append_ts(&sb);
    sb_puts(&sb, line);
    emit(&sb);
}
