/* test_htmlcheck.c: the tests' own HTML checker (htmlcheck.h) refuses what it is there to catch,
 * each rule on its own, and passes the markup motcua writes; else the page tests prove nothing.
 * tests/e2e/test_htmlcheck.py does the same through the htmlcheck command. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "htmlcheck.h"

#include <string.h>

/* A whole page that passes; the page tests below spoil one part of it at a time. */
#define HEAD                                                                                       \
    "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>T</title></head>"
#define PAGE(body) HEAD "<body>" body "</body></html>\n"

/* refused fails unless checking s under flags finds the problem named want at offset at. */
static void refused(const char *s, unsigned flags, const char *want, size_t at)
{
    HtmlProblem p = {0};
    if (htmlcheck_run(s, flags, &p) == 0)
        fail_msg("passed, expected \"%s\": %s", want, s);
    if (strcmp(p.message, want) != 0 || p.at != at)
        fail_msg("\"%s\" at %zu, expected \"%s\" at %zu: %s", p.message, p.at, want, at, s);
}

static void test_fragments_that_pass(void **state)
{
    (void)state;
    assert_null(htmlcheck("<!DOCTYPE html><p class=\"a\">x &amp; y<br><svg><path d=\"M0\"/>"
                          "</svg></p>"));
    assert_null(htmlcheck("<style>a { b: \"c\" }</style>"));
    assert_null(htmlcheck("<p title=\"&lt;&gt;&quot;&#39;&amp;\">Đơn vị &lt;xã&gt;</p>"));
    assert_null(htmlcheck("<form><label for=\"a\">A</label>\n<input id=\"a\" required>"
                          "<select id=\"b\"\nname=\"b\"><option value=\"1\" selected>1</option>"
                          "</select></form>"));
    assert_null(htmlcheck("<svg viewBox=\"0 0 1 1\"><g><title>x</title><rect x=\"0\"/></g></svg>"));
    assert_null(htmlcheck("<script src=\"/assets/app.js\" defer></script>"));
    assert_null(htmlcheck(""));
}

static void test_text(void **state)
{
    (void)state;
    refused("<p>a & b</p>", 0, "bare & in text", 5);
    refused("<p>a &nbsp; b</p>", 0, "bare & in text", 5);
    refused("<p>a > b</p>", 0, "bare > in text", 5);
    refused("<p>a < b</p>", 0, "bare < in text (or a bad tag name)", 5);
    refused("<p>a <!-- b --></p>", 0, "bare < in text (or a bad tag name)", 5);
    refused("<p>\xc3</p>", 0, "not valid UTF-8", 3);
    refused("<p>\xc0\xaf</p>", 0, "not valid UTF-8", 3);     /* overlong '/' */
    refused("<p>\xed\xa0\x80</p>", 0, "not valid UTF-8", 3); /* a surrogate */
    refused("<style>x</style><style>a<b", 0, "unterminated <style>", 17);
    refused("<style>a<b</style>", 0, "< inside <style>", 8);
}

static void test_attributes(void **state)
{
    (void)state;
    refused("<p title=\"x>y\"></p>", 0, "< or > in an attribute value", 11);
    refused("<p title=\"x&y\"></p>", 0, "bare & in an attribute value", 11);
    refused("<p title=x></p>", 0, "unquoted attribute value", 9);
    refused("<p title='x'></p>", 0, "unquoted attribute value", 9);
    refused("<p title=\"a\"\"b\"></p>", 0, "no space after an attribute", 12);
    refused("<p title=\"a</p>", 0, "< or > in an attribute value", 11);
    refused("<p title=\"a", 0, "unterminated attribute value", 10);
    refused("<p class=\"a\" CLASS=\"b\"></p>", 0, "attribute repeated in one tag", 13);
    refused("<p =\"a\"></p>", 0, "bad attribute name", 3);
}

static void test_nesting(void **state)
{
    (void)state;
    refused("<p><b></p></b>", 0, "end tag does not match the open element", 8);
    refused("<p>", 0, "element never closed", 1);
    refused("</p>", 0, "end tag without a start tag", 2);
    refused("<p></p junk>", 0, "bad end tag", 5);
    refused("<br></br>", 0, "end tag for a void element", 6);
    refused("<br/>", 0, "void element written self-closing", 1);
    refused("<input id=\"a\" />", 0, "void element written self-closing", 1);
    refused("<div/>", 0, "element self-closed outside <svg>", 1);
    refused("<svg/>", 0, "element self-closed outside <svg>", 1);
    char deep[65 * 3 + 1];
    for (int i = 0; i < 65; i++)
        memcpy(deep + 3 * i, "<b>", 4);
    refused(deep, 0, "nesting too deep", 64 * 3 + 1);
    deep[64 * 3] = '\0';
    refused(deep, 0, "element never closed", 63 * 3 + 1);
}

static void test_ids_and_labels(void **state)
{
    (void)state;
    refused("<p id=\"a\"></p><p id=\"a\"></p>", 0, "duplicate id", 21);
    refused("<p id=\"\"></p>", 0, "empty id", 3);
    refused("<label for=\"b\">B</label><input id=\"a\">", 0, "<label for> names no element", 12);
    /* HTMLCHECK_LABELS: a control with no id, or an id no label names, is refused */
    refused("<input name=\"q\">", HTMLCHECK_LABELS, "form control without a <label for>", 1);
    refused("<label for=\"x\">X</label><textarea id=\"x\"></textarea><select id=\"s\"></select>",
            HTMLCHECK_LABELS, "form control without a <label for>", 64);
    assert_int_equal(htmlcheck_run("<input type=\"hidden\" name=\"a\"><input type=\"submit\">"
                                   "<label for=\"q\">Q</label><input id=\"q\">",
                                   HTMLCHECK_LABELS, &(HtmlProblem){0}),
                     0);
}

static void test_pages(void **state)
{
    (void)state;
    assert_null(htmlcheck_page(PAGE("<p>x</p>")));
    assert_null(htmlcheck_page(PAGE("<svg><title>chart</title></svg>")));
    const char *doctype = "<html lang=\"vi\"><head><meta charset=\"utf-8\"><title>T</title>"
                          "</head><body></body></html>";
    refused(doctype, HTMLCHECK_PAGE, "no <!DOCTYPE html> at the start", 0);
    assert_null(htmlcheck(doctype)); /* a fragment needs none */
    size_t body = strlen(HEAD "<body>");
    refused(PAGE("") "<p>x</p>", HTMLCHECK_PAGE, "element outside <html>", body + 16);
    refused(PAGE("") "x", HTMLCHECK_PAGE, "text outside <html>", body + 15);
    const char *no_lang = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>T</title>"
                          "</head><body></body></html>";
    refused(no_lang, HTMLCHECK_PAGE, "<html lang> is not \"vi\"", strlen(no_lang));
    const char *en = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>T"
                     "</title></head><body></body></html>";
    refused(en, HTMLCHECK_PAGE, "<html lang> is not \"vi\"", strlen(en));
    const char *latin = "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"latin1\"><title>"
                        "T</title></head><body></body></html>";
    refused(latin, HTMLCHECK_PAGE, "no <meta charset=\"utf-8\">", strlen(latin));
    const char *untitled = "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\">"
                           "</head><body></body></html>";
    refused(untitled, HTMLCHECK_PAGE, "not exactly one <title>", strlen(untitled));
    const char *two_bodies = PAGE("<body></body>");
    refused(two_bodies, HTMLCHECK_PAGE, "not exactly one <body>", strlen(two_bodies));
    const char *headless = "<!DOCTYPE html><html lang=\"vi\"><meta charset=\"utf-8\"><title>T"
                           "</title><body></body></html>";
    refused(headless, HTMLCHECK_PAGE, "not exactly one <head>", strlen(headless));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fragments_that_pass), cmocka_unit_test(test_text),
        cmocka_unit_test(test_attributes),          cmocka_unit_test(test_nesting),
        cmocka_unit_test(test_ids_and_labels),      cmocka_unit_test(test_pages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
