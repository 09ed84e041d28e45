/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_text.c - unit tests of the one rule for text from outside (text.h):
 * printable UTF-8 unchanged, every other byte a visible escape (C0, DEL,
 * C1 in either form, bidirectional formatting, invalid UTF-8 of every
 * kind: stray continuation, cut short, overlong, surrogate, too large);
 * escaping twice changes nothing; the fixed-buffer form cuts between
 * whole characters and escapes; text_fprintf keeps one final newline
 * only; text_char_shown in the C and a UTF-8 locale. Inputs are heap
 * blocks of exactly their length, so AddressSanitizer catches any read
 * past the end. */
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "text.h"

static char *dup_exact(const char *s, size_t n)
{
	char *d = malloc(n ? n : 1);

	if (!d)
		abort();
	memcpy(d, s, n);
	return d;
}

/* text_sb_add of n bytes of s (no NUL needed) */
static char *esc_n(const char *s, size_t n)
{
	struct strbuf b = { 0 };
	char *in = dup_exact(s, n);

	text_sb_add(&b, in, n);
	free(in);
	return b.s;
}

static void is_esc_n(const char *s, size_t n, const char *want,
		     const char *what)
{
	char *got = esc_n(s, n);

	tap_is_str(got, want, "%s", what);
	free(got);
}

static void is_esc(const char *s, const char *want, const char *what)
{
	is_esc_n(s, strlen(s), want, what);
}

static void test_printable(void)
{
	is_esc("", "", "nothing is nothing");
	is_esc("bind s1 127.0.0.1:3459 => EADDRINUSE",
	       "bind s1 127.0.0.1:3459 => EADDRINUSE", "printable ASCII unchanged");
	is_esc("send s1 \"a\\x1b\\n\" \\ ~", "send s1 \"a\\x1b\\n\" \\ ~",
	       "backslashes and quotes unchanged");
	is_esc("caf\xc3\xa9 \xe2\x80\x94 \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x99\x82 "
	       "e\xcc\x81 \xc2\xa0 \xef\xbf\xbd",
	       "caf\xc3\xa9 \xe2\x80\x94 \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x99\x82 "
	       "e\xcc\x81 \xc2\xa0 \xef\xbf\xbd",
	       "printable UTF-8 unchanged (2, 3, 4 bytes, combining, NBSP, U+FFFD)");
	is_esc("\xf4\x8f\xbf\xbf", "\xf4\x8f\xbf\xbf", "U+10FFFF is valid");
	is_esc("\xe2\x80\xa7\xe2\x80\xaf", "\xe2\x80\xa7\xe2\x80\xaf",
	       "U+2027 and U+202F, beside the separators, stay");
}

static void test_controls(void)
{
	is_esc("\x1b]0;pwned\a", "\\x1b]0;pwned\\x07", "OSC title set, BEL end");
	is_esc("\x1b]2;t\x1b\\", "\\x1b]2;t\\x1b\\", "OSC title set, ST end");
	is_esc("\x1b[2J\x1b[1A\x1b[2K", "\\x1b[2J\\x1b[1A\\x1b[2K",
	       "clear screen, cursor up, erase line");
	is_esc("a\tb\nc\rd\be\x7f", "a\\tb\\nc\\rd\\x08e\\x7f",
	       "tab, newline, CR short; backspace, DEL in hex");
	is_esc_n("a\0b", 3, "a\\x00b", "NUL");
	is_esc("\x01\x1f", "\\x01\\x1f", "C0 ends");
	is_esc("\xc2\x9b" "2J", "\\xc2\\x9b2J", "C1 CSI in UTF-8: both bytes");
	is_esc("\xc2\x80\xc2\x9f", "\\xc2\\x80\\xc2\\x9f", "U+0080 and U+009F");
	is_esc("\x9b" "2J", "\\x9b2J", "raw 0x9b");
	is_esc("\xe2\x80\xae" "abc", "\\xe2\\x80\\xaeabc", "right-to-left override");
	is_esc("\xe2\x81\xa6\xe2\x81\xa9\xd8\x9c\xe2\x80\x8e\xe2\x80\x8f",
	       "\\xe2\\x81\\xa6\\xe2\\x81\\xa9\\xd8\\x9c\\xe2\\x80\\x8e\\xe2\\x80\\x8f",
	       "isolates, ALM, LRM, RLM");
	is_esc("\xe2\x80\xa8\xe2\x80\xa9", "\\xe2\\x80\\xa8\\xe2\\x80\\xa9",
	       "line and paragraph separators");
}

static void test_invalid(void)
{
	is_esc("\x80x\xbf", "\\x80x\\xbf", "stray continuation bytes");
	is_esc("\xc3", "\\xc3", "a lead byte at the end");
	is_esc("\xc3x", "\\xc3x", "a lead byte before ASCII");
	is_esc("\xe6\x97", "\\xe6\\x97", "three-byte character cut short");
	is_esc("\xf0\x9f\x99", "\\xf0\\x9f\\x99", "four-byte character cut short");
	is_esc("\xc0\xaf\xc1\xbf", "\\xc0\\xaf\\xc1\\xbf", "overlong two-byte forms");
	is_esc("\xe0\x80\xaf", "\\xe0\\x80\\xaf", "overlong three-byte '/'");
	is_esc("\xe0\x82\x9b", "\\xe0\\x82\\x9b", "overlong C1 CSI");
	is_esc("\xf0\x80\x80\xaf", "\\xf0\\x80\\x80\\xaf", "overlong four-byte");
	is_esc("\xed\xa0\x80\xed\xbf\xbf", "\\xed\\xa0\\x80\\xed\\xbf\\xbf",
	       "surrogates");
	is_esc("\xf4\x90\x80\x80\xf5\x80\xff\xfe",
	       "\\xf4\\x90\\x80\\x80\\xf5\\x80\\xff\\xfe", "above U+10FFFF, F5, FF, FE");
	is_esc("\xc3\xa9\xa9", "\xc3\xa9\\xa9", "a character, then a stray byte");
}

static void test_twice(void)
{
	static const char all[] = "\x1b[2J\xc2\x9b\x9b\xe2\x80\xae\xed\xa0\x80"
				  "caf\xc3\xa9\t\\x1b";
	char *once = esc_n(all, sizeof(all) - 1);
	char *twice = esc_n(once, strlen(once));

	tap_is_str(twice, once, "escaping twice changes nothing");
	free(once);
	free(twice);
}

static void test_buffer(void)
{
	static const char s[] = "ab\x1b" "c\xc3\xa9";
	const size_t n = sizeof(s) - 1;
	char buf[32], *in = dup_exact(s, n);
	/* "ab\x1bc\xc3\xa9" escaped: "ab" "\x1b" "c" "é" = 2 + 4 + 1 + 2 */
	static const size_t whole[] = { 0, 1, 2, 6, 7, 9 };
	bool ok = true;

	for (size_t size = 1; size <= 11; size++) {
		size_t got = text_escape(buf, size, in, n), want = 0;

		for (size_t i = 0; i < sizeof(whole) / sizeof(whole[0]); i++)
			if (whole[i] < size)
				want = whole[i];
		if (got != want || strlen(buf) != got ||
		    strncmp(buf, "ab\\x1bc\xc3\xa9", got) != 0) {
			printf("# size %zu: got %zu '%s', want %zu\n", size, got,
			       buf, want);
			ok = false;
		}
	}
	tap_ok(ok, "text_escape: cut between whole characters and escapes, "
	       "always NUL-terminated");
	tap_is_int(text_escape(buf, sizeof(buf), in, n), 9, "room enough: all");
	free(in);
}

static char *printed(const char *s)
{
	static char out[256];
	FILE *f = tmpfile();
	size_t n;

	if (!f)
		abort();
	text_fprintf(f, "sockstage: cannot open '%s': %s\n", s, "x");
	rewind(f);
	n = fread(out, 1, sizeof(out) - 1, f);
	out[n] = '\0';
	fclose(f);
	return out;
}

static void test_fprintf(void)
{
	tap_is_str(printed("a\nb\x1b[2J"),
		   "sockstage: cannot open 'a\\nb\\x1b[2J': x\n",
		   "text_fprintf: the argument escaped, the final newline kept");
	tap_is_str(printed("plain.stage"),
		   "sockstage: cannot open 'plain.stage': x\n",
		   "text_fprintf: printable text unchanged");
}

static void test_shown(void)
{
	wchar_t wc;
	int w;
	size_t n;

	setlocale(LC_ALL, "C");
	n = text_char_shown("\xc3\xa9", 2, &wc, &w);
	tap_ok(n == 1 && wc == 0 && w == 4,
	       "C locale: a UTF-8 character shows as escapes, byte by byte");
	n = text_char_shown("x", 1, &wc, &w);
	tap_ok(n == 1 && wc == L'x' && w == 1, "C locale: ASCII shows as itself");
	n = text_char_shown("\t", 1, &wc, &w);
	tap_ok(n == 1 && wc == 0 && w == 2, "tab: \\t, two columns");
	if (!setlocale(LC_ALL, "C.UTF-8")) {
		tap_ok(1, "# SKIP no C.UTF-8 locale");
		return;
	}
	n = text_char_shown("\xe6\x97\xa5", 3, &wc, &w);
	tap_ok(n == 3 && wc == 0x65e5 && w == 2, "UTF-8 locale: a wide character");
	n = text_char_shown("\xc2\x9b", 2, &wc, &w);
	tap_ok(n == 1 && wc == 0 && w == 4, "UTF-8 locale: C1 CSI escaped");
	n = text_char_shown("\xe2\x80\xae", 3, &wc, &w);
	tap_ok(n == 1 && wc == 0 && w == 4, "UTF-8 locale: RLO escaped");
	setlocale(LC_ALL, "C");
}

int main(void)
{
	test_printable();
	test_controls();
	test_invalid();
	test_twice();
	test_buffer();
	test_fprintf();
	test_shown();
	return tap_done();
}
