/* devices.c: registering and finding the counter devices that take ratings (see devices.h). */
#include "app/devices.h"

#include "util/secret.h"

#include <stdio.h>
#include <string.h>

int devices_add(Store *s, Arena *a, const char *name, const char *unit, const char *counter,
                const char *by, int64_t now, Device *out, char out_token[DEVICE_TOKEN_MAX], Err *e)
{
    if (!name || !*name || strlen(name) > 128)
        return err_set(e, ERR_INVALID, "name", "Tên thiết bị dài 1–128 ký tự",
                       "the device name must be 1-128 bytes");
    QueueCounter c = {0};
    Err nf;
    if (counter && (store_queue_counter_get(s, a, counter, &c, &nf) < 0 ||
                    (unit && strcmp(unit, c.unit) != 0)))
        return err_setf(e, ERR_INVALID, "counter", "Không có quầy %s tại đơn vị này",
                        "no counter %s at this unit", counter);
    if (counter)
        unit = c.unit;
    Unit u;
    int rc = store_unit_get(s, a, unit ? unit : "", &u, e);
    if (rc == ERR_NOT_FOUND)
        return err_setf(e, ERR_INVALID, "unit", "Không có đơn vị %s", "no unit %s", unit);
    if (rc < 0)
        return rc;
    char raw[SECRET_TOKEN_LEN + 1], token[DEVICE_TOKEN_MAX];
    secret_token(raw);
    snprintf(token, sizeof token, "mcd_%s", raw);
    unsigned char hash[32];
    secret_sha256(token, strlen(token), hash);
    Device d = {.name = arena_strdup(a, name),
                .unit = u.code,
                .created_by = arena_strdup(a, by),
                .created_at = now,
                .counter = c.id};
    if ((rc = store_device_add(s, &d, hash, e)) < 0)
        return rc;
    *out = d;
    memcpy(out_token, token, sizeof token);
    return 0;
}

int devices_find(Store *s, Arena *a, const char *token, Device *out, Err *e)
{
    unsigned char hash[32];
    secret_sha256(token, strlen(token), hash);
    Err nf;
    int rc = store_device_by_token(s, a, hash, out, &nf);
    if (rc == ERR_NOT_FOUND)
        return err_set(e, ERR_AUTH, "X-Device-Token", "Mã thiết bị đánh giá không hợp lệ",
                       "invalid rating device token");
    if (rc < 0)
        *e = nf;
    return rc;
}
