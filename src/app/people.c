/* people.c: the population register's questions and answers (see people.h). */
#include "app/people.h"

#include "app/agencies.h"
#include "app/jsonv.h"
#include "app/record.h"
#include "core/chain.h"

#include <string.h>

bool people_id_valid(const char *id_number)
{
    return id_number && strlen(id_number) == 12 && strspn(id_number, "0123456789") == 12;
}

int people_url(Store *s, Arena *a, const char *id_number, const char **out_url,
               const char **out_source, Err *e)
{
    Agency g;
    int rc = store_agency_get(s, a, AGENCY_POPULATION, &g, e);
    if (rc < 0)
        return rc;
    size_t n = strlen(g.url);
    while (n > 0 && g.url[n - 1] == '/')
        n--;
    *out_url = arena_printf(a, "%.*s/citizens/%s", (int)n, g.url, id_number);
    *out_source = g.url;
    return 0;
}

int people_read(Arena *a, json_t *o, Applicant *out, Err *e)
{
    static const char *const keys[] = {"id_number", "name", "birth_date", "address", NULL};
    Applicant p;
    int rc;
    if (!json_is_object(o))
        return err_set(e, ERR_INVALID, "person", "Công dân phải là một đối tượng JSON",
                       "a person must be a JSON object");
    if ((rc = jsonv_only(o, keys, e)) < 0 || (rc = record_applicant_read(a, o, false, &p, e)) < 0)
        return rc;
    if (!people_id_valid(p.id_number))
        return err_set(e, ERR_INVALID, "id_number", "Số định danh cá nhân gồm 12 chữ số",
                       "a personal identity number has 12 digits");
    if (!p.birth_date || !p.address)
        return err_set(e, ERR_INVALID, !p.birth_date ? "birth_date" : "address",
                       "Công dân cần đủ họ tên, ngày sinh và nơi cư trú",
                       "a person needs a name, a birth date and an address");
    *out = (Applicant){
        .id_number = p.id_number, .name = p.name, .birth_date = p.birth_date, .address = p.address};
    return 0;
}

int people_answer(Store *s, Arena *a, const char *id_number, const char *body, size_t len,
                  const char *signature_b64, int64_t now, Applicant *out, Err *e)
{
    const char *url, *source;
    json_t *o = NULL;
    Err nf;
    int rc = agencies_check_signature(s, a, AGENCY_POPULATION, body, len, signature_b64, e);
    if (rc == 0 && (rc = people_url(s, a, id_number, &url, &source, &nf)) < 0)
        *e = nf;
    if (rc == 0 && (rc = jsonv_parse(body, len, &o, e)) == 0)
        rc = people_read(a, o, out, e);
    json_decref(o);
    if (rc == 0 && strcmp(out->id_number, id_number) != 0)
        rc = err_set(e, ERR_INVALID, "id_number", "CSDL dân cư trả lời về một người khác",
                     "the register answered about someone else");
    if (rc < 0)
        return rc;
    out->identity_source = source;
    out->identity_at = now;
    return 0;
}

void people_take(Applicant *ap, const Applicant *person)
{
    ap->name = person->name;
    ap->birth_date = person->birth_date;
    ap->address = person->address;
    ap->identity_source = person->identity_source;
    ap->identity_at = person->identity_at;
}
