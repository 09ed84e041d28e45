/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fuzz_prompt.c - the line editor (ui/prompt.c): the input is a stream
 * of key presses, and of a few other things the TUI does to a prompt:
 *
 *   0x00-0x7f     that character (controls edit: Ctrl-A, Tab, Enter ...)
 *   0x80-0x8f     a curses key (arrows, Home, End, Backspace, Delete ...)
 *   0x90-0x9f B   prompt_fit and prompt_draw, B columns wide, at column
 *                 (low nibble), on a curses screen writing to /dev/null
 *   0xa0-0xaf T\0 add T (any bytes) to the history
 *   0xb0-0xbf XYZ the character U+XYZXYZ (also past U+10FFFF)
 *   0xc0-0xf7     a UTF-8 sequence: that character (invalid: the byte)
 *   0xf8 T\0      a new prompt with T (any bytes) as its initial text
 *   0xf9 T\0      a new prompt with T as its label
 *   0xfa-0xfb B   cur or scroll set to 2*B behind the editor's back
 *   0xfc T\0      the text replaced by T behind its back (len is stale)
 *   0xfd-0xff B   an unknown curses key, or a huge character
 *
 * Enter and cancel start a new prompt, as the TUI does (Enter adds the
 * line to the history). After each step: the text is NUL-terminated at
 * its length, the cursor on a character boundary, valid UTF-8 text stays
 * valid (only an initial text or the history bring invalid bytes), the
 * hint fits; after drawing, the cursor is in the field. */
#define NCURSES_WIDECHAR 1
#include <curses.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "../../ui/prompt.h"
#include "fuzz.h"

struct run {
	const uint8_t *d;
	size_t n, at;
	struct prompt p;
	struct prompt_history hist;
	bool valid;		/* the text is valid in the locale */
	bool complete;		/* this prompt has a completer */
};

static bool utf8;
static SCREEN *screen;

static const char *const candidates[] = {
	"socket", "set", "send", "sendto", "show", "s1", "s10", "s2", "s2",
	"\xc3\xa9t\xc3\xa9", "\xc3\xa9t\xc3\xa9s", "\xe4\xb8\xad\xe6\x96\x87",
	"e\xcc\x81", "", "two words",
	"a-very-long-candidate-that-takes-most-of-the-hint-by-itself-and-then-"
	"some-more-text-so-that-the-list-is-cut-with-dots-at-its-end",
	NULL
};

static const char *const *complete_fn(void *ctx, const char *line,
				      size_t cursor)
{
	return candidates;
}

static const unsigned keys[16] = {
	KEY_LEFT, KEY_RIGHT, KEY_HOME, KEY_END, KEY_BACKSPACE, KEY_DC, KEY_UP,
	KEY_DOWN, KEY_ENTER, KEY_RESIZE, KEY_F(1), KEY_NPAGE, KEY_PPAGE,
	KEY_BTAB, KEY_IC, KEY_MOUSE,
};

/* ---- the input -------------------------------------------------------------- */

static unsigned next_byte(struct run *r)
{
	return r->at < r->n ? r->d[r->at++] : 0;
}

/* The bytes up to a NUL (or the end), as a string. */
static char *next_text(struct run *r)
{
	size_t n = strnlen((const char *)r->d + r->at, r->n - r->at);
	char *s = malloc(n + 1);

	if (!s)
		abort();
	memcpy(s, r->d + r->at, n);
	s[n] = '\0';
	r->at += n + (r->at + n < r->n);
	return s;
}

/* ---- checks ------------------------------------------------------------------- */

static bool valid_text(const char *s, size_t len)
{
	mbstate_t st;
	wchar_t wc;
	size_t k;

	memset(&st, 0, sizeof(st));
	while (len > 0) {
		k = mbrtowc(&wc, s, len, &st);
		if (k == (size_t)-1 || k == (size_t)-2 || k == 0)
			return false;
		s += k;
		len -= k;
	}
	return true;
}

/* In valid text, cur is where a character starts (or the end). */
static bool on_boundary(const struct prompt *p)
{
	mbstate_t st;
	size_t at = 0, k;
	wchar_t wc;

	memset(&st, 0, sizeof(st));
	while (at < p->cur) {
		k = mbrtowc(&wc, p->buf + at, p->len - at, &st);
		if (k == (size_t)-1 || k == (size_t)-2 || k == 0)
			return false;
		at += k;
	}
	return at == p->cur;
}

static void check(const struct run *r)
{
	const struct prompt *p = &r->p;

	FUZZ_CHECK(p->len < PROMPT_MAX && p->buf[p->len] == '\0' &&
		   strlen(p->buf) == p->len, "len %zu", p->len);
	FUZZ_CHECK(p->cur <= p->len, "cur %zu past len %zu", p->cur, p->len);
	FUZZ_CHECK(strnlen(p->hint, sizeof(p->hint)) < sizeof(p->hint),
		   "hint not terminated");
	FUZZ_CHECK(p->hist_pos >= -1 && p->hist_pos < PROMPT_HISTORY,
		   "hist_pos %d", p->hist_pos);
	FUZZ_CHECK(r->hist.n >= 0 && r->hist.n <= PROMPT_HISTORY, "history %d",
		   r->hist.n);
	if (r->valid) {
		FUZZ_CHECK(valid_text(p->buf, p->len), "valid text became invalid");
		FUZZ_CHECK(on_boundary(p), "cur %zu inside a character", p->cur);
	}
}

/* ---- steps ---------------------------------------------------------------------- */

static void reopen(struct run *r, const char *label, const char *initial)
{
	prompt_open(&r->p, label, initial, &r->hist,
		    r->complete ? complete_fn : NULL, NULL);
	r->valid = valid_text(r->p.buf, r->p.len);
}

static void key(struct run *r, int is_key, unsigned k)
{
	enum prompt_status s = prompt_key(&r->p, is_key, k);
	char line[PROMPT_MAX];

	if (is_key && (k == KEY_UP || k == KEY_DOWN))
		r->valid = valid_text(r->p.buf, r->p.len);
	if (!is_key && (k == 0x10 || k == 0x0e))	/* Ctrl-P, Ctrl-N */
		r->valid = valid_text(r->p.buf, r->p.len);
	if (s == PROMPT_EDITING)
		return;
	memcpy(line, r->p.buf, sizeof(line));
	if (s == PROMPT_DONE)
		prompt_history_add(&r->hist, line);
	r->complete = !r->complete;
	reopen(r, s == PROMPT_DONE ? ":" : "bind s1 to: ", "");
}

static void draw(struct run *r, unsigned col, int width)
{
	int y = 1 + (int)(col % 4), x = (int)col;

	if (!screen)
		return;
	prompt_fit(&r->p, width);
	prompt_draw(&r->p, stdscr, y, x, width);
	if (width > 0 && x < getmaxx(stdscr)) {
		int w = width < getmaxx(stdscr) - x ? width : getmaxx(stdscr) - x;

		FUZZ_CHECK(getcury(stdscr) == y && getcurx(stdscr) >= x &&
			   getcurx(stdscr) < x + w, "cursor at %d,%d; field %d+%d",
			   getcury(stdscr), getcurx(stdscr), x, w);
	}
}

/* A UTF-8 sequence starting with lead: its character, or the byte. */
static void utf8_char(struct run *r, unsigned lead)
{
	mbstate_t st;
	wchar_t wc;
	size_t start = r->at - 1, k;

	memset(&st, 0, sizeof(st));
	k = utf8 ? mbrtowc(&wc, (const char *)r->d + start, r->n - start, &st) :
	    (size_t)-1;
	if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
		key(r, 0, lead);
		return;
	}
	r->at = start + k;
	key(r, 0, (unsigned)wc);
}

/* The fields are public: the editor puts them right before it uses them
 * (prompt_fit here). */
static void behind_back(struct run *r, unsigned op)
{
	char *s;

	if (op == 0xfa) {
		r->p.cur = next_byte(r) * 2;
	} else if (op == 0xfb) {
		r->p.scroll = next_byte(r) * 2;
	} else {
		s = next_text(r);
		snprintf(r->p.buf, sizeof(r->p.buf), "%s", s);
		free(s);
		r->valid = valid_text(r->p.buf, strlen(r->p.buf));
	}
	prompt_fit(&r->p, 40);
}

static void step(struct run *r)
{
	unsigned b = next_byte(r), v;
	char *s;

	if (b < 0x80) {
		key(r, 0, b);
	} else if (b < 0x90) {
		key(r, 1, keys[b & 15]);
	} else if (b < 0xa0) {
		draw(r, b & 15, (int)(signed char)next_byte(r));
	} else if (b < 0xb0) {
		s = next_text(r);
		prompt_history_add(&r->hist, s);
		free(s);
	} else if (b < 0xc0) {
		v = next_byte(r) << 16;
		v |= next_byte(r) << 8;
		key(r, 0, v | next_byte(r));
	} else if (b < 0xf8) {
		utf8_char(r, b);
	} else if (b < 0xfa) {
		s = next_text(r);
		if (b == 0xf8)
			reopen(r, r->p.label, s);
		else
			reopen(r, s, r->p.buf);
		free(s);
	} else if (b < 0xfd) {
		behind_back(r, b);
	} else {
		v = next_byte(r);
		key(r, b == 0xfd, b == 0xfd ? KEY_MAX + v : 0xffffff00u + v);
	}
	check(r);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const char *const locales[] = { "C.UTF-8", "C.utf8",
					       "en_US.UTF-8", NULL };
	FILE *out, *in;

	for (int i = 0; locales[i] && !utf8; i++)
		if (setlocale(LC_ALL, locales[i]))
			utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	if (!utf8)
		setlocale(LC_ALL, "C");
	setenv("COLUMNS", "80", 1);
	setenv("LINES", "24", 1);
	out = fopen("/dev/null", "w");
	in = fopen("/dev/null", "r");
	if (out && in)
		screen = newterm("xterm", out, in);
	if (!screen)
		fprintf(stderr, "fuzz_prompt: no curses screen on /dev/null "
			"(TERM xterm): drawing is not fuzzed\n");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct run r;

	memset(&r, 0, sizeof(r));
	r.d = data;
	r.n = size;
	r.complete = true;
	reopen(&r, ":", "");
	while (r.at < r.n)
		step(&r);
	prompt_history_free(&r.hist);
	return 0;
}
