/* people.c: GET /api/v1/people/{id_number}: an officer who receives dossiers asks the
 * population register (web/people.h) about a citizen, to fill the counter's intake form; the
 * answer is the register's person {"id_number", "name", "birth_date", "address"} with
 * "identity": {"source", "at"}. 404 when no register is configured or it knows no such number,
 * 503 when it cannot be trusted or reached. */
#include "web/api/api.h"

#include "app/record.h"
#include "web/auth.h"
#include "web/people.h"

int api_people_get(Request *req, Response *res)
{
    int rc = auth_require(req, PERM_DOSSIER_INTAKE, NULL);
    Applicant person;
    if (rc < 0 || (rc = people_fetch(req, req->params[0], &person)) < 0)
        return rc;
    res_json(res, 200, record_applicant_json(&person));
    return 0;
}
