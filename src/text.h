/* SPDX-License-Identifier: GPL-2.0-or-later */
/* text.h - text from outside made harmless to print. Scripts, lessons,
 * file names, command-line arguments, interface names and process names
 * are written by others; a terminal obeys some of their bytes (ESC starts
 * a sequence that can set the window title, clear the screen, move the
 * cursor up and erase a line). Every front-end prints such text through
 * the functions here, and they all follow one rule:
 *
 *   printable UTF-8 stays as it is, byte for byte;
 *   every other byte shows as an escape: \t \n \r for tab, newline and
 *   carriage return, \xNN (two lower-case hex digits) for the rest:
 *   C0 controls (ESC is \x1b), DEL, each byte of a C1 control
 *   (U+0080-U+009F, "\xc2\x9b"), of a bidirectional formatting character
 *   (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069) and of a line
 *   or paragraph separator (U+2028, U+2029), and each byte that is not
 *   part of valid UTF-8 (a stray continuation byte, a sequence cut short,
 *   an overlong form, a surrogate, anything above U+10FFFF).
 *
 * A backslash stays a backslash, so printable text is never changed, and
 * escaping twice gives what escaping once gave. The rule does not depend
 * on the locale; text_char_shown adds what the locale cannot display, for
 * the TUI. */
#ifndef SOCKSTAGE_TEXT_H
#define SOCKSTAGE_TEXT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <wchar.h>

#include "util.h"

/* The longest escape of one byte ("\x1b"), with room for its NUL. */
#define TEXT_ESC_MAX 5

/* The character at s (len > 0 bytes): its length in bytes when it prints
 * as itself, else 0 (its first byte shows as an escape). */
size_t text_char_len(const char *s, size_t len);

/* The UTF-8 character at s (len > 0 bytes): its length (1-4) with its
 * code point in *cp (cp may be NULL), 0 when it is not valid UTF-8 (an
 * overlong form, a surrogate, above U+10FFFF, a stray byte), -1 when the
 * len bytes are a valid beginning of one, cut short. */
int text_utf8_decode(const char *s, size_t len, uint32_t *cp);

/* The escape of byte c ("\x1b", "\t") into out, NUL-terminated. Returns
 * its length (2 or 4). */
size_t text_escape_byte(unsigned char c, char out[TEXT_ESC_MAX]);

/* Append len bytes of s to b, made harmless. */
void text_sb_add(struct strbuf *b, const char *s, size_t len);

/* len bytes of s, made harmless, into buf (size > 0), NUL-terminated;
 * what does not fit is cut before a whole character or escape. Returns
 * the length written. */
size_t text_escape(char *buf, size_t size, const char *s, size_t len);

/* fprintf for one line that carries text from outside: everything the
 * format makes is made harmless, newlines too, except one newline at its
 * very end. Returns what fprintf returns. */
int text_fprintf(FILE *f, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int text_vfprintf(FILE *f, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

/* How a terminal in the current locale shows the character at s (len > 0
 * bytes). Returns its length in bytes (at least 1). Sets *wc and *width
 * (its columns) when it shows as itself: printable by the rule above and
 * for the locale (mbrtowc decodes it, iswprint, wcwidth >= 0). Else *wc
 * is L'\0', the return is 1 and *width is the length of the first
 * byte's escape (text_escape_byte). */
size_t text_char_shown(const char *s, size_t len, wchar_t *wc, int *width);

#endif
