/* log.h: leveled logging to stderr in logfmt (key=value) lines. The LOG_* macros do not
 * evaluate their arguments when the level is below the configured one. Thread-safe: each
 * line is written with one write(2). */
#ifndef MOTCUA_LOG_H
#define MOTCUA_LOG_H

typedef enum LogLevel {
    LOG_LEVEL_DEBUG = 0,
    LOG_LEVEL_INFO = 1,
    LOG_LEVEL_WARN = 2,
    LOG_LEVEL_ERROR = 3
} LogLevel;

extern LogLevel log_level;

/* log_msg writes `ts=... level=... msg="..."` with the formatted message quoted. */
void log_msg(LogLevel level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* log_line writes one already formatted logfmt line (without "ts="), prefixed by the time. */
void log_line(const char *line);

#define LOG_AT(lvl, ...)                                                                           \
    do {                                                                                           \
        if ((lvl) >= log_level)                                                                    \
            log_msg((lvl), __VA_ARGS__);                                                           \
    } while (0)
#define LOG_DEBUG(...) LOG_AT(LOG_LEVEL_DEBUG, __VA_ARGS__)
#define LOG_INFO(...)  LOG_AT(LOG_LEVEL_INFO, __VA_ARGS__)
#define LOG_WARN(...)  LOG_AT(LOG_LEVEL_WARN, __VA_ARGS__)
#define LOG_ERROR(...) LOG_AT(LOG_LEVEL_ERROR, __VA_ARGS__)

#endif
