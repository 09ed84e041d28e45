/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_prompt.c - unit tests of the one-line editor (ui/prompt.c): editing
 * keys, UTF-8 text (two-byte, three-byte, double-width and combining
 * characters are never split), cursor moves, kill commands, history
 * browsing (the new line comes back), Tab completion with one, several
 * and no candidates, the length cap, Enter and cancel; and drawing, on a
 * curses screen whose output goes to /dev/null: what shows in the field,
 * nothing outside it, the cursor always on its character, whatever the
 * width (down to nothing) and the cursor position. */
#define NCURSES_WIDECHAR 1
#include <curses.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "../../ui/prompt.h"
#include "tap.h"

#define CTRL(c) ((c) & 0x1f)

static bool utf8;

/* ---- helpers ------------------------------------------------------------------- */

static enum prompt_status key(struct prompt *p, unsigned k)
{
	return prompt_key(p, 1, k);
}

static enum prompt_status ch(struct prompt *p, unsigned c)
{
	return prompt_key(p, 0, c);
}

/* Type a multibyte string character by character, as get_wch gives it. */
static void type(struct prompt *p, const char *s)
{
	mbstate_t st;
	wchar_t wc;
	size_t n, len = strlen(s);

	memset(&st, 0, sizeof(st));
	while (len > 0) {
		n = mbrtowc(&wc, s, len, &st);
		if (n == (size_t)-1 || n == (size_t)-2 || n == 0)
			abort();
		ch(p, (unsigned)wc);
		s += n;
		len -= n;
	}
}

static void repeat(struct prompt *p, unsigned c, int n, int is_key)
{
	while (n-- > 0)
		prompt_key(p, is_key, c);
}

/* The text and the cursor (a byte offset). */
static void is_line(const struct prompt *p, const char *text, size_t cur,
		    const char *what)
{
	tap_is_str(p->buf, text, "%s: text", what);
	tap_ok(p->len == strlen(p->buf) && p->cur == cur,
	       "%s: len %zu cur %zu (want cur %zu)", what, p->len, p->cur, cur);
}

static void open_empty(struct prompt *p)
{
	prompt_open(p, ":", "", NULL, NULL, NULL);
}

static void skip(const char *what)
{
	tap_ok(1, "%s # SKIP no UTF-8 locale", what);
}

/* ---- editing -------------------------------------------------------------------- */

static void test_open(void)
{
	struct prompt p;

	memset(&p, 0x5a, sizeof(p));
	prompt_open(&p, "bind s1 to: ", "127.0.0.1:3459", NULL, NULL, NULL);
	tap_is_str(p.label, "bind s1 to: ", "open: label");
	is_line(&p, "127.0.0.1:3459", 14, "open: initial text, cursor at its end");
	tap_ok(p.hist_pos == -1 && p.hint[0] == '\0' && p.scroll == 0,
	       "open: no history position, no hint, no scroll");
	prompt_open(&p, NULL, NULL, NULL, NULL, NULL);
	is_line(&p, "", 0, "open: NULL label and text");
	tap_is_str(p.label, "", "open: NULL label is empty");
}

static void test_moves(void)
{
	struct prompt p;

	open_empty(&p);
	type(&p, "hello");
	is_line(&p, "hello", 5, "typing");
	key(&p, KEY_LEFT);
	key(&p, KEY_LEFT);
	ch(&p, 'X');
	is_line(&p, "helXlo", 4, "insert in the middle");
	key(&p, KEY_HOME);
	tap_is_int(p.cur, 0, "Home");
	key(&p, KEY_LEFT);
	tap_is_int(p.cur, 0, "Left at the start stays");
	key(&p, KEY_END);
	tap_is_int(p.cur, 6, "End");
	key(&p, KEY_RIGHT);
	tap_is_int(p.cur, 6, "Right at the end stays");
	ch(&p, CTRL('A'));
	tap_is_int(p.cur, 0, "Ctrl-A");
	ch(&p, CTRL('F'));
	tap_is_int(p.cur, 1, "Ctrl-F");
	ch(&p, CTRL('E'));
	tap_is_int(p.cur, 6, "Ctrl-E");
	ch(&p, CTRL('B'));
	tap_is_int(p.cur, 5, "Ctrl-B");
	key(&p, KEY_RIGHT);
	tap_is_int(p.cur, 6, "Right");
}

static void test_deletes(void)
{
	struct prompt p;

	prompt_open(&p, ":", "abcdef", NULL, NULL, NULL);
	key(&p, KEY_BACKSPACE);
	is_line(&p, "abcde", 5, "KEY_BACKSPACE");
	ch(&p, 127);
	is_line(&p, "abcd", 4, "DEL (127)");
	ch(&p, 8);
	is_line(&p, "abc", 3, "Ctrl-H (8)");
	key(&p, KEY_DC);
	is_line(&p, "abc", 3, "Delete at the end does nothing");
	key(&p, KEY_HOME);
	key(&p, KEY_BACKSPACE);
	is_line(&p, "abc", 0, "Backspace at the start does nothing");
	key(&p, KEY_DC);
	is_line(&p, "bc", 0, "KEY_DC deletes under the cursor");
	ch(&p, CTRL('D'));
	is_line(&p, "c", 0, "Ctrl-D deletes under the cursor");
	ch(&p, CTRL('D'));
	tap_is_int(ch(&p, CTRL('D')), PROMPT_EDITING, "Ctrl-D on an empty line");
	is_line(&p, "", 0, "Ctrl-D on an empty line: still empty");

	prompt_open(&p, ":", "bind s1 127.0.0.1:3459", NULL, NULL, NULL);
	repeat(&p, KEY_LEFT, 5, 1);
	ch(&p, CTRL('K'));
	is_line(&p, "bind s1 127.0.0.1", 17, "Ctrl-K kills to the end");
	ch(&p, CTRL('W'));
	is_line(&p, "bind s1 ", 8, "Ctrl-W kills the word before the cursor");
	ch(&p, CTRL('W'));
	is_line(&p, "bind ", 5, "Ctrl-W kills blanks and the word before them");
	type(&p, "x  y");
	key(&p, KEY_LEFT);
	ch(&p, CTRL('U'));
	is_line(&p, "y", 0, "Ctrl-U kills to the start");
	ch(&p, CTRL('U'));
	is_line(&p, "y", 0, "Ctrl-U at the start does nothing");
	ch(&p, CTRL('W'));
	is_line(&p, "y", 0, "Ctrl-W at the start does nothing");
}

static void test_utf8(void)
{
	struct prompt p;

	if (!utf8) {
		skip("UTF-8 editing");
		return;
	}
	open_empty(&p);
	type(&p, "é");
	is_line(&p, "\xc3\xa9", 2, "é is two bytes");
	type(&p, "→");
	is_line(&p, "é→", 5, "→ is three bytes");
	type(&p, "中");
	is_line(&p, "é→中", 8, "a CJK wide character");
	key(&p, KEY_LEFT);
	tap_is_int(p.cur, 5, "Left over the CJK character");
	key(&p, KEY_LEFT);
	tap_is_int(p.cur, 2, "Left over →");
	key(&p, KEY_LEFT);
	tap_is_int(p.cur, 0, "Left over é");
	key(&p, KEY_RIGHT);
	tap_is_int(p.cur, 2, "Right over é");
	key(&p, KEY_DC);
	is_line(&p, "é中", 2, "Delete removes the whole →");
	key(&p, KEY_END);
	key(&p, KEY_BACKSPACE);
	is_line(&p, "é", 2, "Backspace removes the whole CJK character");
	key(&p, KEY_BACKSPACE);
	is_line(&p, "", 0, "Backspace removes the whole é");

	/* a combining accent goes with its letter */
	type(&p, "ae\xcc\x81z");
	is_line(&p, "ae\xcc\x81z", 5, "e + combining acute accent");
	key(&p, KEY_LEFT);
	key(&p, KEY_LEFT);
	tap_is_int(p.cur, 1, "Left moves over the letter and its accent");
	key(&p, KEY_RIGHT);
	tap_is_int(p.cur, 4, "Right moves over the letter and its accent");
	key(&p, KEY_BACKSPACE);
	is_line(&p, "az", 1, "Backspace removes the letter and its accent");

	prompt_open(&p, ":", "x é 中", NULL, NULL, NULL);
	ch(&p, CTRL('W'));
	is_line(&p, "x é ", 5, "Ctrl-W on a CJK word");
	ch(&p, CTRL('W'));
	is_line(&p, "x ", 2, "Ctrl-W on é");
}

static void test_ignored(void)
{
	struct prompt p;
	static const unsigned chars[] = { 0, 0x1b - 1, 0x1c, 0x1f, 0x80, 0x9b,
					  0xd800, 0x110000, 0xffffffffu };

	prompt_open(&p, ":", "ab", NULL, NULL, NULL);
	key(&p, KEY_LEFT);
	for (size_t i = 0; i < sizeof(chars) / sizeof(chars[0]); i++)
		tap_is_int(ch(&p, chars[i]), PROMPT_EDITING,
			   "character 0x%x is ignored", chars[i]);
	is_line(&p, "ab", 1, "ignored characters leave the line alone");
	snprintf(p.hint, sizeof(p.hint), "an error");
	tap_is_int(key(&p, KEY_RESIZE), PROMPT_EDITING, "KEY_RESIZE");
	tap_is_int(key(&p, KEY_F(5)), PROMPT_EDITING, "F5");
	tap_is_int(key(&p, KEY_MOUSE), PROMPT_EDITING, "KEY_MOUSE");
	tap_is_int(key(&p, 0xffffffu), PROMPT_EDITING, "an unknown key code");
	is_line(&p, "ab", 1, "ignored keys leave the line alone");
	tap_is_str(p.hint, "an error", "ignored keys leave the hint");
	ch(&p, 'c');
	tap_is_str(p.hint, "", "a key that edits clears the hint");

	/* fields changed behind the editor's back */
	p.cur = 1000;
	key(&p, KEY_LEFT);
	tap_ok(p.cur <= p.len, "a cursor out of range is brought back");
	p.len = 100000;
	ch(&p, 'd');
	tap_ok(p.len == strlen(p.buf), "a wrong length is recomputed");
}

static void test_done_cancel(void)
{
	struct prompt p;

	prompt_open(&p, ":", "listen s1", NULL, NULL, NULL);
	tap_is_int(ch(&p, '\r'), PROMPT_DONE, "Enter (CR, nonl mode)");
	tap_is_str(p.buf, "listen s1", "Enter keeps the text");
	tap_is_int(ch(&p, '\n'), PROMPT_DONE, "Enter (LF)");
	tap_is_int(key(&p, KEY_ENTER), PROMPT_DONE, "KEY_ENTER");
	tap_is_int(ch(&p, 27), PROMPT_CANCEL, "Escape");
	tap_is_int(ch(&p, CTRL('C')), PROMPT_CANCEL, "Ctrl-C");
	tap_is_int(ch(&p, CTRL('G')), PROMPT_CANCEL, "Ctrl-G");
	tap_is_int(ch(&p, 'x'), PROMPT_EDITING, "a character: still editing");
}

static void test_cap(void)
{
	struct prompt p;
	char big[PROMPT_MAX + 10];

	open_empty(&p);
	repeat(&p, 'a', PROMPT_MAX + 50, 0);
	tap_is_int(p.len, PROMPT_MAX - 1, "typing stops at PROMPT_MAX-1 bytes");
	tap_ok(strlen(p.buf) == PROMPT_MAX - 1 && p.cur == p.len,
	       "the buffer is terminated, the cursor at the end");
	tap_ok(p.hint[0] != '\0', "a full line says so (%s)", p.hint);
	key(&p, KEY_HOME);
	ch(&p, 'b');
	tap_ok(p.buf[0] == 'a' && p.len == PROMPT_MAX - 1,
	       "inserting at the start of a full line does nothing");
	if (!utf8) {
		skip("the cap never splits a character");
		return;
	}
	open_empty(&p);
	repeat(&p, 'a', PROMPT_MAX - 2, 0);	/* one byte left */
	type(&p, "é");
	tap_is_int(p.len, PROMPT_MAX - 2, "é does not fit in one byte: not inserted");
	ch(&p, 'z');
	tap_is_int(p.len, PROMPT_MAX - 1, "an ASCII character fills the last byte");
	open_empty(&p);
	repeat(&p, 'a', PROMPT_MAX - 3, 0);	/* two bytes left */
	type(&p, "中");
	tap_is_int(p.len, PROMPT_MAX - 3, "中 does not fit in two bytes");
	type(&p, "é");
	tap_is_int(p.len, PROMPT_MAX - 1, "é fits in two bytes");

	memset(big, 'a', PROMPT_MAX - 2);
	strcpy(big + PROMPT_MAX - 2, "é");
	prompt_open(&p, ":", big, NULL, NULL, NULL);
	tap_is_int(p.len, PROMPT_MAX - 2, "a long initial text is cut before a character");
}

/* ---- history -------------------------------------------------------------------- */

static void test_history(void)
{
	struct prompt_history h = { .n = 0 };
	struct prompt p;
	char line[32];

	prompt_history_add(&h, "socket tcp");
	prompt_history_add(&h, "bind s1 127.0.0.1:3459");
	prompt_history_add(&h, "");
	prompt_history_add(&h, "bind s1 127.0.0.1:3459");
	prompt_history_add(&h, NULL);
	prompt_history_add(&h, "listen s1");
	tap_is_int(h.n, 3, "history: empty lines and repeats of the last are skipped");
	prompt_history_add(&h, "socket tcp");
	tap_is_int(h.n, 4, "history: an older line may come again");

	prompt_open(&p, ":", "", &h, NULL, NULL);
	type(&p, "conn");
	key(&p, KEY_UP);
	is_line(&p, "socket tcp", 10, "Up: the newest line");
	key(&p, KEY_UP);
	tap_is_str(p.buf, "listen s1", "Up again: the one before");
	ch(&p, CTRL('P'));
	tap_is_str(p.buf, "bind s1 127.0.0.1:3459", "Ctrl-P: the one before");
	key(&p, KEY_UP);
	tap_is_str(p.buf, "socket tcp", "Up: the oldest");
	key(&p, KEY_UP);
	tap_is_str(p.buf, "socket tcp", "Up at the oldest stays");
	tap_is_int(p.hist_pos, 0, "history position 0");
	key(&p, KEY_DOWN);
	tap_is_str(p.buf, "bind s1 127.0.0.1:3459", "Down: newer");
	ch(&p, CTRL('N'));
	key(&p, KEY_DOWN);
	tap_is_str(p.buf, "socket tcp", "Down, Ctrl-N: the newest");
	key(&p, KEY_DOWN);
	is_line(&p, "conn", 4, "Down past the newest: the line being edited is back");
	tap_is_int(p.hist_pos, -1, "history position -1");
	key(&p, KEY_DOWN);
	is_line(&p, "conn", 4, "Down on the new line does nothing");

	key(&p, KEY_UP);
	type(&p, " x");
	tap_is_str(p.buf, "socket tcp x", "a history line can be edited");
	key(&p, KEY_DOWN);
	tap_is_str(p.buf, "conn", "Down from it: the new line again");

	prompt_open(&p, ":", "", NULL, NULL, NULL);
	key(&p, KEY_UP);
	key(&p, KEY_DOWN);
	is_line(&p, "", 0, "Up/Down without history do nothing");
	prompt_history_free(&h);
	tap_is_int(h.n, 0, "history freed");

	prompt_open(&p, ":", "new", &h, NULL, NULL);
	key(&p, KEY_UP);
	is_line(&p, "new", 3, "Up with an empty history does nothing");

	for (int i = 0; i < PROMPT_HISTORY + 50; i++) {
		snprintf(line, sizeof(line), "line %d", i);
		prompt_history_add(&h, line);
	}
	tap_is_int(h.n, PROMPT_HISTORY, "history is bounded");
	tap_is_str(h.lines[0], "line 50", "the oldest lines were dropped");
	tap_is_str(h.lines[PROMPT_HISTORY - 1], "line 149", "the newest is last");
	prompt_history_free(&h);
	prompt_history_free(&h);
	tap_is_int(h.n, 0, "history freed twice");
}

/* ---- completion ----------------------------------------------------------------- */

/* The completer gets a NULL-terminated word list as its context and
 * returns it whole: the editor keeps the words that fit. */
static const char *seen_line;
static size_t seen_cursor;

static const char *const *words(void *ctx, const char *line, size_t cursor)
{
	seen_line = line;
	seen_cursor = cursor;
	return ctx;
}

static void test_complete(void)
{
	static const char *const cmds[] = { "bind", "listen", "connect",
					    "conn2", "connx", "close", NULL };
	static const char *const socks[] = { "s1", "s2", "srv", "srv", NULL };
	static const char *const none[] = { NULL };
	static const char *const accents[] = { "café", "cafè", NULL };
	struct prompt p;
	char big[PROMPT_MAX];

	prompt_open(&p, ":", "bi", NULL, words, (void *)cmds);
	ch(&p, '\t');
	is_line(&p, "bind ", 5, "one candidate: completed, and a space");
	tap_ok(seen_line == p.buf && seen_cursor == 2,
	       "the completer sees the line and the cursor");
	tap_is_str(p.hint, "", "one candidate: no hint");

	prompt_open(&p, ":", "c", NULL, words, (void *)cmds);
	ch(&p, '\t');
	is_line(&p, "c", 1, "several, nothing in common beyond the word");
	tap_is_str(p.hint, "connect  conn2  connx  close", "the candidates are listed");
	type(&p, "on");
	tap_is_str(p.hint, "", "typing clears the list");
	ch(&p, '\t');
	is_line(&p, "conn", 4, "several: their common prefix");
	tap_is_str(p.hint, "connect  conn2  connx", "the candidates left");
	type(&p, "e");
	ch(&p, '\t');
	is_line(&p, "connect ", 8, "then one");

	prompt_open(&p, ":", "bind s", NULL, words, (void *)socks);
	ch(&p, '\t');
	is_line(&p, "bind s", 6, "second word: several");
	tap_is_str(p.hint, "s1  s2  srv", "a candidate given twice is listed once");
	type(&p, "r");
	ch(&p, '\t');
	is_line(&p, "bind srv ", 9, "a candidate given twice is one candidate");

	prompt_open(&p, ":", "zz", NULL, words, (void *)cmds);
	ch(&p, '\t');
	is_line(&p, "zz", 2, "no candidate: the line stays");
	tap_is_str(p.hint, "no completion", "no candidate: said so");
	prompt_open(&p, ":", "b", NULL, words, (void *)none);
	ch(&p, '\t');
	tap_is_str(p.hint, "no completion", "an empty list");
	prompt_open(&p, ":", "b", NULL, NULL, NULL);
	ch(&p, '\t');
	is_line(&p, "b", 1, "no completer: the line stays");
	tap_is_str(p.hint, "no completion", "no completer: said so");

	prompt_open(&p, ":", "bi listen", NULL, words, (void *)cmds);
	repeat(&p, KEY_LEFT, 7, 1);
	ch(&p, '\t');
	is_line(&p, "bind listen", 5, "in the middle of the line: no space added");
	prompt_open(&p, ":", "bind", NULL, words, (void *)cmds);
	repeat(&p, KEY_LEFT, 2, 1);
	ch(&p, '\t');
	is_line(&p, "bind ", 5, "cursor inside a word that is complete: it is stepped over");
	prompt_open(&p, ":", "bind x", NULL, words, (void *)cmds);
	repeat(&p, KEY_LEFT, 4, 1);
	ch(&p, '\t');
	is_line(&p, "bind x", 5, "a space after the word: the cursor steps over it");
	prompt_open(&p, ":", "biq", NULL, words, (void *)cmds);
	key(&p, KEY_LEFT);
	ch(&p, '\t');
	is_line(&p, "bindq", 4, "a tail that is not the candidate's is kept");

	memset(big, 'x', PROMPT_MAX - 8);
	strcpy(big + PROMPT_MAX - 8, " conne");	/* one byte left */
	prompt_open(&p, ":", big, NULL, words, (void *)cmds);
	ch(&p, '\t');
	tap_is_int(p.len, PROMPT_MAX - 1, "completion stops at the cap");
	tap_is_str(p.buf + PROMPT_MAX - 9, "x connec", "what fits was inserted");
	tap_ok(p.hint[0] != '\0', "the full line says so (%s)", p.hint);

	if (!utf8) {
		skip("completion never splits a character");
		return;
	}
	prompt_open(&p, ":", "c", NULL, words, (void *)accents);
	ch(&p, '\t');
	is_line(&p, "caf", 3, "a common prefix ends before a split character");
	tap_is_str(p.hint, "café  cafè", "the accented candidates are listed");
}

/* ---- drawing -------------------------------------------------------------------- */

static WINDOW *win;

/* The character in cell (y, x). */
static wchar_t cell(int y, int x)
{
	cchar_t cc;
	wchar_t wcs[CCHARW_MAX + 1] = { 0 };
	attr_t a;
	short pair;

	if (mvwin_wch(win, y, x, &cc) == ERR)
		return 0;
	getcchar(&cc, wcs, &a, &pair, NULL);
	return wcs[0];
}

/* Row y as narrow text (ASCII rows only). */
static const char *row(int y, int x, int n)
{
	static char buf[512];

	memset(buf, 0, sizeof(buf));
	mvwinnstr(win, y, x, buf, n);
	return buf;
}

static void fill_row(int y)
{
	wmove(win, y, 0);
	for (int i = 0; i < getmaxx(win); i++)
		waddch(win, '#');
}

/* The first character of the cluster at the cursor and its columns; for
 * a byte that shows as its escape ("\xff"), the escape's backslash and
 * the escape's columns. */
static wchar_t char_at_cursor(const struct prompt *p, int *width)
{
	mbstate_t st;
	wchar_t wc;

	size_t n;

	memset(&st, 0, sizeof(st));
	*width = 0;
	if (p->cur >= p->len)
		return 0;
	n = mbrtowc(&wc, p->buf + p->cur, p->len - p->cur, &st);
	if (n == 0 || n > PROMPT_MAX || wcwidth(wc) < 0) {
		*width = 4;
		return L'\\';
	}
	*width = wcwidth(wc);
	return wc;
}

/* Draw at (y, x) on width columns; check nothing outside the field
 * changed and the cursor is in the field, on its character. Returns the
 * cursor's column in the field, or -1 after a failed check. */
static int draw_check(const struct prompt *p, int y, int x, int width,
		      bool quiet)
{
	int cx, cy, want_w;
	wchar_t want = char_at_cursor(p, &want_w);
	bool ok;

	fill_row(y);
	prompt_draw(p, win, y, x, width);
	getyx(win, cy, cx);
	ok = (x == 0 || cell(y, x - 1) == L'#') &&
	     (x + width >= getmaxx(win) || cell(y, x + width) == L'#') &&
	     cy == y && cx >= x && cx < x + width &&
	     (!want || want_w > width || cell(y, cx) == want);
	if (!ok || !quiet)
		tap_ok(ok, "draw width %d cursor %zu: inside the field (cursor at "
		       "%d), on its character", width, p->cur, cx - x);
	return ok ? cx - x : -1;
}

static void test_draw_basic(void)
{
	struct prompt p;
	char want[64];
	int cx;

	prompt_open(&p, "bind s1 to: ", "127.0.0.1:3459", NULL, NULL, NULL);
	cx = draw_check(&p, 1, 0, 40, false);
	snprintf(want, sizeof(want), "%-40s", "bind s1 to: 127.0.0.1:3459");
	tap_is_str(row(1, 0, 40), want,
		   "label and text, the rest of the field blank");
	tap_is_int(cx, 26, "the cursor after the text");
	tap_ok(cell(1, 40) == L'#', "nothing drawn past the field");

	prompt_open(&p, ":", "c", NULL, words,
		    (void *)(const char *const[]){ "close", "connect", NULL });
	ch(&p, '\t');
	draw_check(&p, 2, 5, 40, false);
	snprintf(want, sizeof(want), "%-40s", ":c  close  connect");
	tap_is_str(row(2, 5, 40), want, "the hint after the text");

	/* the bottom row, to the right edge: the corner cell is drawn */
	prompt_open(&p, ":", "", NULL, NULL, NULL);
	repeat(&p, 'z', 200, 0);
	key(&p, KEY_HOME);
	draw_check(&p, getmaxy(win) - 1, 0, getmaxx(win), false);
	tap_ok(cell(getmaxy(win) - 1, getmaxx(win) - 1) == L'z',
	       "the bottom row: the last cell holds the text");

	/* a long text: the cursor always shows, and at the start so does
	 * the start of the text */
	prompt_open(&p, ": ", "", NULL, NULL, NULL);
	for (int i = 0; i < 100; i++)
		ch(&p, (unsigned)('0' + i % 10));
	cx = draw_check(&p, 3, 0, 30, false);
	tap_is_int(cx, 18, "at the end: the view moved in half steps");
	tap_is_str(row(3, 0, 30), ": 4567890123456789            ",
		   "at the end: the end of the text");
	key(&p, KEY_HOME);
	cx = draw_check(&p, 3, 0, 30, false);
	tap_is_str(row(3, 0, 30), ": 0123456789012345678901234567", "Home shows the start");
	tap_is_int(cx, 2, "Home: the cursor after the label");
}

/* Every width from nothing to wide, every cursor position. */
static void test_draw_widths(void)
{
	static const char *const texts[] = {
		"127.0.0.1:3459 listen s1 connect s2 [::1]:80",
		"é→中 ae\xcc\x81 中中中中中中中中中中中中 x",
		"\xff\xfe bad bytes \x01\x7f",
	};
	struct prompt p;
	int bad = 0, n = 0;

	for (size_t t = 0; t < sizeof(texts) / sizeof(texts[0]); t++) {
		if (t == 1 && !utf8)
			continue;
		prompt_open(&p, "bind s1 to: ", texts[t], NULL, NULL, NULL);
		for (int width = 0; width <= 60; width++) {
			key(&p, KEY_HOME);
			for (;;) {
				n++;
				if (width == 0) {
					prompt_draw(&p, win, 4, 3, 0);
				} else if (draw_check(&p, 4, 3, width, true) < 0) {
					bad++;
					break;
				}
				if (p.cur == p.len)
					break;
				key(&p, KEY_RIGHT);
			}
		}
	}
	tap_ok(bad == 0, "%d draws, widths 0-60, every cursor position: "
	       "the cursor always in the field, on its character", n);
}

/* With prompt_fit the view stays while the cursor is in it. */
static void test_draw_fit(void)
{
	struct prompt p;
	size_t s;

	prompt_open(&p, ":", "", NULL, NULL, NULL);
	repeat(&p, 'a', 100, 0);
	prompt_fit(&p, 20);
	s = p.scroll;
	tap_ok(s > 0 && s <= p.cur, "fit: the view starts inside the text (%zu)", s);
	repeat(&p, KEY_LEFT, 5, 1);
	prompt_fit(&p, 20);
	tap_is_int(p.scroll, s, "fit: moving left inside the view keeps it");
	draw_check(&p, 5, 0, 20, false);
	key(&p, KEY_HOME);
	prompt_fit(&p, 20);
	tap_is_int(p.scroll, 0, "fit: Home shows the start");
	key(&p, KEY_END);
	prompt_fit(&p, 20);
	ch(&p, CTRL('U'));
	tap_ok(p.scroll > p.len, "fit: a view past the text after Ctrl-U");
	tap_ok(draw_check(&p, 5, 0, 20, false) == 1, "and it still draws right");
	prompt_fit(&p, 0);
	tap_is_int(p.scroll, 0, "fit on nothing");
}

/* Windows too small, fields outside them, a pad. */
static void test_draw_edges(void)
{
	struct prompt p;
	WINDOW *pad;

	prompt_open(&p, "a very long label that will not fit: ", "é→中 text",
		    NULL, NULL, NULL);
	fill_row(6);
	prompt_draw(&p, win, 6, getmaxx(win) - 3, 100);
	tap_ok(cell(6, getmaxx(win) - 4) == L'#', "a field past the window's edge is cut");
	prompt_draw(&p, win, 6, getmaxx(win), 10);
	prompt_draw(&p, win, getmaxy(win), 0, 10);
	prompt_draw(&p, win, -1, 0, 10);
	prompt_draw(&p, win, 0, -5, 10);
	prompt_draw(&p, win, 0, 0, -3);
	prompt_draw(&p, NULL, 0, 0, 10);
	tap_ok(1, "fields outside the window: nothing drawn, no crash");

	pad = newpad(1, 5);
	tap_ok(pad != NULL, "newpad");
	if (!pad)
		return;
	for (int w = 0; w < 12; w++)
		prompt_draw(&p, pad, 0, 0, w);
	prompt_draw(&p, pad, 0, 4, 3);
	tap_ok(getcurx(pad) < 5, "a pad of 5 columns: the cursor stays in it");
	delwin(pad);
}

static void test_draw(void)
{
	FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
	SCREEN *scr;

	scr = out && in ? newterm("xterm", out, in) : NULL;
	if (!scr) {
		tap_ok(1, "drawing # SKIP no curses screen on /dev/null "
		       "(TERM xterm)");
		goto out;
	}
	win = stdscr;
	tap_ok(getmaxx(win) >= 60 && getmaxy(win) >= 8,
	       "a screen of %dx%d on /dev/null", getmaxx(win), getmaxy(win));
	test_draw_basic();
	test_draw_widths();
	test_draw_fit();
	test_draw_edges();
	endwin();
	delscreen(scr);
out:
	if (out)
		fclose(out);
	if (in)
		fclose(in);
}

int main(void)
{
	static const char *const locales[] = { "C.UTF-8", "C.utf8",
					       "en_US.UTF-8", NULL };
	const char *cs;

	for (int i = 0; locales[i] && !utf8; i++)
		if (setlocale(LC_ALL, locales[i])) {
			cs = nl_langinfo(CODESET);
			utf8 = strcmp(cs, "UTF-8") == 0;
		}
	if (!utf8)
		setlocale(LC_ALL, "C");
	/* a fixed size for the screen on /dev/null */
	setenv("COLUMNS", "80", 1);
	setenv("LINES", "24", 1);
	test_open();
	test_moves();
	test_deletes();
	test_utf8();
	test_ignored();
	test_done_cancel();
	test_cap();
	test_history();
	test_complete();
	test_draw();
	return tap_done();
}
