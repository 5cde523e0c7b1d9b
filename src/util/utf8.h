/* utf8.h: the one UTF-8 decoder: one code point at a time with full validation, and what the
 * rest of the program asks of text built on it: validating a buffer, counting code points and
 * cutting at a code-point boundary.
 *
 * Well-formed means Unicode's table 3-7 (RFC 3629): no overlong form (C0, C1, E0 80..9F,
 * F0 80..8F), no surrogate (ED A0..BF), nothing above U+10FFFF (F4 90..BF, F5..FF), no stray
 * continuation byte and no sequence cut short. Every function works on a byte range (pointer and
 * length), so a NUL byte is an ordinary one-byte code point here (callers that refuse NUL say
 * so). Where text may be ill-formed, each byte that does not start a well-formed sequence counts
 * as one unit of its own, as a replacement character would. Pure: no allocation, no state. */
#ifndef MOTCUA_UTF8_H
#define MOTCUA_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* utf8_decode: decodes the sequence at the start of s[0..n). Returns its length (1 to 4) and
 * writes the code point to *out_cp (if not NULL); returns 0, writing nothing, when n is 0 or the
 * bytes there are not a well-formed sequence (see above). */
size_t utf8_decode(const char *s, size_t n, uint32_t *out_cp);

/* utf8_valid: whether s[0..n) is entirely well-formed UTF-8 (an empty range is). */
bool utf8_valid(const char *s, size_t n);

/* utf8_count: the number of code points in s[0..n), an ill-formed byte counting as one. */
size_t utf8_count(const char *s, size_t n);

/* utf8_cut: the longest prefix of s[0..n) of at most max bytes that does not split a
 * well-formed sequence: n itself when n <= max. For cutting text to fit a fixed buffer. */
size_t utf8_cut(const char *s, size_t n, size_t max);

/* utf8_offset: the length in bytes of the first k code points of s[0..n) (n if it holds fewer),
 * an ill-formed byte counting as one. For cutting text to a number of characters. */
size_t utf8_offset(const char *s, size_t n, size_t k);

#endif
