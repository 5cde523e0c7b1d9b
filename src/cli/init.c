/* init.c: `motcua init`: create or migrate a store; --demo loads the demo province. */
#include "cli/cli.h"

#include "io/interchange.h"
#include "app/accounts.h"
#include "app/signing.h"
#include "util/embed.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* The demo's officers, one per role, in the demo commune and the province, with the names the
 * printed forms show. These passwords are public (README, `make run`): a demo store is never a
 * production store. */
static const struct {
    const char *name, *role, *unit, *password, *who;
    UserProfile profile;
} demo_users[] = {
    {"quantri",
     "admin",
     "000.00.00.H50",
     "quantri@2025",
     "quản trị hệ thống (tỉnh)",
     {"Nguyễn Quản Trị", "Chuyên viên công nghệ thông tin", NULL}},
    {"lanhdao",
     "leader",
     "000.00.00.H50",
     "lanhdao@2025",
     "lãnh đạo (tỉnh)",
     {"Lê Văn Lãnh", "Giám đốc Trung tâm Phục vụ hành chính công", "0233 3852 000"}},
    {"motcua",
     "clerk",
     "000.01.52.H50",
     "motcua@2025",
     "cán bộ một cửa (xã Gio Linh)",
     {"Nguyễn Thị Mai", "Công chức Văn phòng - Thống kê", "0233 3825 123"}},
    {"chuyenvien",
     "specialist",
     "000.01.52.H50",
     "chuyenvien@2025",
     "chuyên viên (xã Gio Linh)",
     {"Trần Văn Hùng", "Công chức Tư pháp - Hộ tịch", "0233 3825 124"}},
    {"tichhop",
     "integration",
     "000.00.00.H50",
     "tichhop@2025",
     "hệ thống tích hợp (tỉnh)",
     {NULL, NULL, NULL}},
};

static int load_demo(Store *s, Err *e)
{
    const EmbeddedFile *f = embed_find("data/demo/catalogue.jsonl");
    if (!f)
        return err_set(e, ERR_IO, "", "Thiếu dữ liệu mẫu trong chương trình",
                       "demo data missing from the binary");
    FILE *in = fmemopen((void *)f->data, f->size, "r");
    if (!in)
        return err_set(e, ERR_IO, "", "Không đọc được dữ liệu mẫu", "cannot read demo data");
    ImportCounts c;
    int rc = interchange_import(s, in, NULL, NULL, &c, e);
    fclose(in);
    if (rc < 0)
        return rc;
    printf("Dữ liệu mẫu: %ld đơn vị, %ld lĩnh vực, %ld thủ tục, %ld nhóm thủ tục liên thông; "
           "%ld nhóm quầy, %ld quầy (lấy số tại /lay-so)\n",
           c.units, c.fields, c.procedures, c.chains, c.queue_groups, c.queue_counters);
    if ((rc = store_begin(s, e)) < 0)
        return rc;
    Arena *a = arena_new();
    for (size_t i = 0; rc == 0 && i < sizeof demo_users / sizeof demo_users[0]; i++) {
        User existing;
        Err ignored;
        if (store_user_get(s, a, demo_users[i].name, &existing, &ignored) == 0)
            continue; /* init --demo twice keeps the first accounts */
        rc = accounts_add_user(s, demo_users[i].name, demo_users[i].role, demo_users[i].unit,
                               demo_users[i].password, &demo_users[i].profile, (int64_t)time(NULL),
                               NULL, e);
    }
    arena_free(a);
    if (rc == 0)
        rc = store_commit(s, e);
    if (rc < 0) {
        store_rollback(s);
        return rc;
    }
    printf("Tài khoản mẫu (tên đăng nhập / mật khẩu):\n");
    for (size_t i = 0; i < sizeof demo_users / sizeof demo_users[0]; i++)
        printf("  %-11s %-16s %s\n", demo_users[i].name, demo_users[i].password, demo_users[i].who);
    return 0;
}

/* The demo units that get a signing certificate from the demo CA, and its subject. */
static const char *const demo_cert_units[] = {"000.00.00.H50", "000.01.52.H50"};
static const char *const demo_cert_names[] = {"UBND tỉnh Quảng Trị (mẫu)",
                                              "UBND xã Gio Linh (mẫu)"};

/* demo_has_certs: whether the demo units have certificates already (init --demo twice). */
static int demo_has_certs(Store *s, int *out, Err *e)
{
    Arena *a = arena_new();
    UnitCert *certs;
    size_t n;
    int rc = store_cert_list(s, a, demo_cert_units[1], &certs, &n, e);
    if (rc == 0)
        *out = n > 0;
    arena_free(a);
    return rc;
}

int cli_init(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
                                         {"demo", no_argument, NULL, 'D'},
                                         {"files", required_argument, NULL, 'f'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *db = NULL, *files = NULL;
    int demo = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'D': demo = 1; break;
        case 'f': files = optarg; break;
        case 'h': return cli_help("init");
        default: return cli_usage("init");
        }
    }
    if (optind != argc)
        return cli_usage("init");
    if (!(db = cli_db(db)))
        return EXIT_USAGE;
    Store *s;
    Err e;
    if (store_create(db, (int64_t)time(NULL), &s, &e) < 0)
        return cli_fail(&e);
    int version = 0;
    int rc = store_schema_version(s, &version, &e);
    long sealed = 0;
    if (rc == 0 && (rc = store_begin(s, &e)) == 0) {
        rc = signing_seal(s, (int64_t)time(NULL), &sealed, &e);
        rc = rc == 0 ? store_commit(s, &e) : (store_rollback(s), rc);
    }
    if (rc == 0 && sealed)
        printf("Đã niêm phong %ld hồ sơ có từ trước / sealed %ld earlier dossiers\n", sealed,
               sealed);
    int certs = 0;
    if (rc == 0 && demo)
        rc = load_demo(s, &e);
    if (rc == 0 && demo)
        rc = demo_has_certs(s, &certs, &e);
    store_close(s);
    if (rc == 0 && demo && !certs && !store_is_file(db) && !files)
        printf("Chứng thư số mẫu: chưa tạo, khóa ký nằm trong thư mục tài liệu, hãy chỉ --files "
               "THƯ_MỤC / demo certificates not made: the signing key lives in the documents' "
               "folder, name it with --files DIR\n");
    else if (rc == 0 && demo && !certs)
        rc = cert_demo(db, files, demo_cert_units, demo_cert_names, 2, &e);
    if (rc < 0)
        return cli_fail(&e);
    printf("Cơ sở dữ liệu %s sẵn sàng (lược đồ phiên bản %d)\n", db, version);
    return EXIT_OK;
}
