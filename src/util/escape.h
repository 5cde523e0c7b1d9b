/* escape.h: the audited escapers, one per output context (STYLE.md, "Output is escaped by
 * construction"). Each appends to a StrBuf. Input is expected to be valid UTF-8 (the web
 * and import layers validate it); bytes are passed through unchanged except those escaped. */
#ifndef MOTCUA_ESCAPE_H
#define MOTCUA_ESCAPE_H

#include "util/strbuf.h"

/* esc_html appends s escaped for HTML text and for quoted attribute values alike:
 * & < > " ' become &amp; &lt; &gt; &quot; &#39;. A NUL-free string is expected. */
void esc_html(StrBuf *sb, const char *s);

/* esc_csv appends s as one RFC 4180 CSV field, always double-quoted ("" for a quote).
 * A value starting with = + - @, a tab or a carriage return is prefixed with a single
 * quote so that spreadsheets do not run it as a formula (CSV injection). */
void esc_csv(StrBuf *sb, const char *s);

/* esc_url appends s percent-encoded for a URL query value (RFC 3986 unreserved kept). */
void esc_url(StrBuf *sb, const char *s);

#endif
