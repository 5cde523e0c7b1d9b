/* vntext.h: Vietnamese text as officers and citizens type it: UTF-8 validation, NFC,
 * folding for search (case, tone and vowel marks, and đ -> d), and vi-VN formatting of
 * numbers (1.234,5) and dates (dd/mm/yyyy). Pure: no I/O; allocates from the caller's arena. */
#ifndef MOTCUA_VNTEXT_H
#define MOTCUA_VNTEXT_H

#include "util/arena.h"

#include <stddef.h>
#include <stdint.h>

/* vntext_valid_utf8 returns 1 when s[0..len) is well-formed UTF-8 (util/utf8.h: no surrogate,
 * no overlong form, nothing above U+10FFFF) with no NUL byte, else 0. */
int vntext_valid_utf8(const char *s, size_t len);

/* vntext_nfc returns s (valid UTF-8, see vntext_valid_utf8) in Unicode NFC, allocated
 * from a. Returns NULL when s is not valid UTF-8. */
char *vntext_nfc(Arena *a, const char *s, size_t len);

/* vntext_fold returns the search key of s, allocated from a: lower case, without tone or
 * vowel marks, đ/Đ as d, runs of white space as one space, trimmed. "Nguyễn Văn Đức" ->
 * "nguyen van duc". NFC and NFD input fold alike. Returns NULL when s is not valid UTF-8. */
char *vntext_fold(Arena *a, const char *s, size_t len);

/* vntext_search_key returns the key the catalogue is searched by, allocated from a: the fold
 * (vntext_fold) with the i/y spellings that mean the same syllable made one: a final y after a
 * consonant or after "qu" is written i, so "ký"/"kí", "Mỹ"/"Mĩ", "kỹ"/"kĩ", "lý"/"lí",
 * "quy"/"qui" and "sỹ"/"sĩ" give the same key ("ki", "mi", "li", "qui", "si"), while "tay",
 * "tuy", "huy" (a y after a vowel) and "y" alone stay as they are. "Đăng ký kết hôn" -> "dang ki
 * ket hon". Returns NULL when s is not valid UTF-8. */
char *vntext_search_key(Arena *a, const char *s, size_t len);

/* vntext_upper returns s in upper case, allocated from a: each code point through Unicode's
 * simple upper-case mapping (so đ -> Đ, ễ -> Ễ), the result in NFC. "UBND xã Gio Linh" ->
 * "UBND XÃ GIO LINH"; NFD input gives the same NFC result. Returns NULL when s is not valid
 * UTF-8. */
char *vntext_upper(Arena *a, const char *s, size_t len);

/* vntext_number formats an integer the vi-VN way into a: 1234567 -> "1.234.567". */
char *vntext_number(Arena *a, int64_t n);

/* vntext_decimal formats value/10^decimals with a comma: (12345, 1) -> "1.234,5";
 * negative values get a leading '-'. decimals is 0..6. */
char *vntext_decimal(Arena *a, int64_t value, int decimals);

/* vntext_percent formats a ratio as a percentage with two decimals rounded half-up:
 * (25470, 66597) -> "38,24". A zero denominator gives "0,00". */
char *vntext_percent(Arena *a, int64_t numerator, int64_t denominator);

#endif
