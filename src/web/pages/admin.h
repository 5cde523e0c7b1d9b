/* admin.h: what the administrator's screens (admin_users.c, admin_units.c, admin_catalogue.c,
 * admin_calendar.c, admin_queue.c, ...) share: the units in the admin's scope as a tree and their
 * <option>s, the province-level check of store-wide data, the error box, the write of one
 * interchange record, and the redirect after a successful post with the confirmation it leads to.
 */
#ifndef MOTCUA_ADMIN_H
#define MOTCUA_ADMIN_H

#include "store/store.h"
#include "util/strbuf.h"
#include "web/http.h"

#include <jansson.h>

/* The caller's unit and the units below it, depth-first in code order, each with its depth
 * below the caller's unit (0 for it); arrays from req->arena. */
typedef struct AdminUnits {
    Unit *units;
    int *depth;
    size_t n;
} AdminUnits;

/* admin_units_load fills out with the units in the caller's scope (req->err on failure). A
 * parent link that loops (an import may make one) is followed once. */
int admin_units_load(Request *req, AdminUnits *out);

/* admin_unit_find returns the unit code of au, or NULL when code is NULL or out of scope. */
const Unit *admin_unit_find(const AdminUnits *au, const char *code);

/* admin_unit_indent returns the dashes that show the depth of au's unit i ("— " per level,
 * at most 4). */
const char *admin_unit_indent(const AdminUnits *au, size_t i);

/* admin_unit_options appends an <option> per unit of au (indented by depth), selecting
 * selected. */
void admin_unit_options(StrBuf *sb, const AdminUnits *au, const char *selected);

/* admin_is_province: the caller's unit is a province, whose administrator may change what the
 * whole store shares (the procedure catalogue, the holiday schedules). */
int admin_is_province(Request *req);

/* admin_form_error appends req->err's message as an alert box when there is one. */
void admin_form_error(StrBuf *sb, Request *req);

/* admin_notice appends the confirmation named by the ?xong= (and ?ten=) of a redirect. */
void admin_notice(StrBuf *sb, Request *req);

/* admin_redirect answers 303 to path?key=value&xong=done&ten=name (key and name may be NULL),
 * values percent-encoded: the confirmation after a successful post. Returns 0. */
int admin_redirect(Request *req, Response *res, const char *path, const char *key,
                   const char *value, const char *done, const char *name);

/* admin_form_opt returns a form value, or NULL when absent or empty (an absent JSON key). */
const char *admin_form_opt(Request *req, const char *name);

/* admin_set_opt sets o's key to value when value is not NULL. */
void admin_set_opt(json_t *o, const char *key, const char *value);

/* admin_write_record is a req_write callback that checks and stores the interchange record
 * ctx (a json_t object, borrowed) as an imported line is (interchange_apply_record). */
int admin_write_record(Store *s, void *ctx, Err *e);

#endif
