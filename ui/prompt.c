/* SPDX-License-Identifier: GPL-2.0-or-later */
/* prompt.c - the one-line editor of key prompts ("bind s1 to: ") and of
 * the ':' command line: editing keys, history, Tab completion, and the
 * drawing of the line with horizontal scrolling.
 *
 * The text is multibyte, in the locale's encoding (UTF-8 in a UTF-8
 * locale); keys arrive as get_wch() returns them. The cursor moves over
 * whole characters: a character and the zero-width (combining) characters
 * after it count as one, so that neither editing nor drawing ever splits
 * a multibyte sequence or separates an accent from its letter. A byte that
 * does not show as itself (invalid UTF-8 or a control, from an initial
 * text) counts as one character and shows as its escape, "\x1b" (text.h). */
#define NCURSES_WIDECHAR 1
#include <curses.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "prompt.h"
#include "text.h"

#define CTRL(c) ((c) & 0x1f)
#define KEY_ESCAPE 27
#define KEY_DEL 127
#define TEXT_MIN_COLS 8		/* columns kept for the text on a narrow field */

/* What a key does. */
enum edit_op {
	ED_IGNORE,
	ED_INSERT,
	ED_LEFT,
	ED_RIGHT,
	ED_HOME,
	ED_END,
	ED_BACKSPACE,
	ED_DELETE,
	ED_KILL_START,
	ED_KILL_END,
	ED_KILL_WORD,
	ED_HIST_PREV,
	ED_HIST_NEXT,
	ED_COMPLETE,
	ED_DONE,
	ED_CANCEL,
};

/* ---- characters ------------------------------------------------------------ */

/* The character at byte i of s (len bytes, i < len): its length in bytes
 * (at least 1), the wide character that shows it and its width in
 * columns. What shows as escapes has *wc L'\0': an invalid byte alone,
 * or a valid character that does not print (a C1 control, a direction
 * override) whole, as the escapes of all its bytes, so that the cursor
 * never stops inside it. */
static size_t char_at(const char *s, size_t len, size_t i, wchar_t *wc,
		      int *width)
{
	char esc[TEXT_ESC_MAX];
	size_t n = text_char_shown(s + i, len - i, wc, width), k;
	mbstate_t st;
	wchar_t c;

	memset(&st, 0, sizeof(st));
	k = mbrtowc(&c, s + i, len - i, &st);	/* a character of the locale */
	if (*wc || k == 0 || k == 1 || k > len - i)
		return n;
	*width = 0;
	for (size_t j = 0; j < k; j++)
		*width += (int)text_escape_byte((unsigned char)s[i + j], esc);
	return k;
}

/* The end of the character cluster at byte i: the character there and the
 * zero-width characters that follow it. Also its width in columns. */
static size_t cluster_end(const char *s, size_t len, size_t i, int *width)
{
	wchar_t wc;
	size_t n;
	int w;

	*width = 0;
	if (i >= len)
		return len;
	i += char_at(s, len, i, &wc, width);
	while (i < len) {
		n = char_at(s, len, i, &wc, &w);
		if (w != 0)
			break;
		i += n;
	}
	return i;
}

static size_t next_pos(const struct prompt *p, size_t i)
{
	int w;

	return cluster_end(p->buf, p->len, i, &w);
}

/* The start of the cluster before byte i (0 at the start). */
static size_t prev_pos(const struct prompt *p, size_t i)
{
	size_t at = 0, next;

	while (at < p->len) {
		next = next_pos(p, at);
		if (next >= i)
			break;
		at = next;
	}
	return at;
}

static bool is_boundary(const struct prompt *p, size_t i)
{
	size_t at = 0;

	while (at < i && at < p->len)
		at = next_pos(p, at);
	return at == i;
}

/* Columns taken by the text between bytes a and b (cluster boundaries). */
static int columns(const struct prompt *p, size_t a, size_t b)
{
	int cols = 0, w;

	while (a < b) {
		a = cluster_end(p->buf, p->len, a, &w);
		cols += w;
	}
	return cols;
}

/* The longest prefix of s (n bytes) that ends on a character boundary and
 * takes at most room bytes. */
static size_t fit_bytes(const char *s, size_t n, size_t room)
{
	size_t at = 0, step;
	wchar_t wc;
	int w;

	while (at < n) {
		step = char_at(s, n, at, &wc, &w);
		if (at + step > room)
			break;
		at += step;
	}
	return at;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* ---- editing primitives ---------------------------------------------------- */

static void set_text(struct prompt *p, const char *s)
{
	size_t n = fit_bytes(s, strlen(s), PROMPT_MAX - 1);

	memmove(p->buf, s, n);
	p->buf[n] = '\0';
	p->len = p->cur = n;
}

/* Insert n bytes at the cursor, or as many whole characters of them as
 * fit. Returns false when not all of them did. */
static bool insert_bytes(struct prompt *p, const char *s, size_t n)
{
	size_t m = fit_bytes(s, n, PROMPT_MAX - 1 - p->len);

	memmove(p->buf + p->cur + m, p->buf + p->cur, p->len - p->cur + 1);
	memcpy(p->buf + p->cur, s, m);
	p->len += m;
	p->cur += m;
	if (m < n)
		snprintf(p->hint, sizeof(p->hint), "the line is full (%d bytes)",
			 PROMPT_MAX - 1);
	return m == n;
}

static void delete_range(struct prompt *p, size_t a, size_t b)
{
	if (b <= a)
		return;
	memmove(p->buf + a, p->buf + b, p->len - b + 1);
	p->len -= b - a;
	if (p->cur >= b)
		p->cur -= b - a;
	else if (p->cur > a)
		p->cur = a;
}

static void insert_char(struct prompt *p, unsigned key)
{
	char mb[MB_LEN_MAX];
	mbstate_t st;
	wchar_t wc = (wchar_t)key;
	size_t n;

	if (key > 0x10ffff || wcwidth(wc) < 0)
		return;		/* not a printable character */
	memset(&st, 0, sizeof(st));
	n = wcrtomb(mb, wc, &st);
	if (n == (size_t)-1 || n == 0)
		return;		/* not in the locale's character set */
	insert_bytes(p, mb, n);
}

/* Ctrl-W: the blanks before the cursor and the word before them. */
static void kill_word(struct prompt *p)
{
	size_t a = p->cur;

	while (a > 0 && is_blank(p->buf[a - 1]))
		a--;
	while (a > 0 && !is_blank(p->buf[a - 1]))
		a--;
	delete_range(p, a, p->cur);
}

/* ---- history ----------------------------------------------------------------- */

static void history_prev(struct prompt *p)
{
	struct prompt_history *h = p->hist;
	int pos = p->hist_pos;

	if (!h || h->n <= 0)
		return;
	if (pos < 0 || pos > h->n) {
		memcpy(p->saved, p->buf, p->len + 1);	/* the new line */
		pos = h->n;
	}
	if (pos == 0)
		return;		/* already at the oldest */
	p->hist_pos = pos - 1;
	set_text(p, h->lines[p->hist_pos] ? h->lines[p->hist_pos] : "");
}

static void history_next(struct prompt *p)
{
	struct prompt_history *h = p->hist;

	if (p->hist_pos < 0)
		return;		/* already on the new line */
	if (!h || p->hist_pos + 1 >= h->n) {
		p->hist_pos = -1;
		set_text(p, p->saved);
		return;
	}
	p->hist_pos++;
	set_text(p, h->lines[p->hist_pos] ? h->lines[p->hist_pos] : "");
}

void prompt_history_add(struct prompt_history *h, const char *line)
{
	char *copy;

	if (!h || !line || !*line)
		return;
	if (h->n < 0 || h->n > PROMPT_HISTORY)
		h->n = 0;
	if (h->n > 0 && h->lines[h->n - 1] &&
	    strcmp(h->lines[h->n - 1], line) == 0)
		return;
	copy = strdup(line);
	if (!copy)
		return;		/* history is a convenience: keep going */
	if (h->n == PROMPT_HISTORY) {
		free(h->lines[0]);
		memmove(h->lines, h->lines + 1,
			(PROMPT_HISTORY - 1) * sizeof(h->lines[0]));
		h->n--;
	}
	h->lines[h->n++] = copy;
}

void prompt_history_free(struct prompt_history *h)
{
	if (!h)
		return;
	for (int i = 0; i < h->n && i < PROMPT_HISTORY; i++) {
		free(h->lines[i]);
		h->lines[i] = NULL;
	}
	h->n = 0;
}

/* ---- completion -------------------------------------------------------------- */

/* Length of the common prefix of a and b, at most max bytes. */
static size_t common_prefix(const char *a, const char *b, size_t max)
{
	size_t i = 0;

	while (i < max && a[i] && a[i] == b[i])
		i++;
	return i;
}

/* The candidates, separated by two spaces, as many as fit in the hint. */
static void list_candidates(struct prompt *p, const char *const *cand,
			    const char *word, size_t wlen)
{
	const size_t room = sizeof(p->hint) - sizeof(" ...");
	size_t at = 0, n;
	const char *const *c, *const *d;

	for (c = cand; *c; c++) {
		if (strncmp(*c, word, wlen) != 0)
			continue;
		for (d = cand; d < c; d++)	/* shown already */
			if (strcmp(*d, *c) == 0)
				break;
		if (d < c)
			continue;
		n = strlen(*c);
		if (at + (at ? 2 : 0) + n > room) {
			memcpy(p->hint + at, " ...", sizeof(" ..."));
			return;
		}
		if (at) {
			memcpy(p->hint + at, "  ", 2);
			at += 2;
		}
		memcpy(p->hint + at, *c, n);
		at += n;
		p->hint[at] = '\0';
	}
}

/* Tab: complete the word under the cursor (after the last blank before
 * it) with what the completer proposes. One candidate: the whole word and
 * a space; several: their longest common prefix, and the list in hint. */
static void complete(struct prompt *p)
{
	const char *const *cand, *const *c, *first = NULL;
	size_t start = p->cur, wend = p->cur, plen, wlen, lcp = 0, from;
	int n = 0;

	while (start > 0 && !is_blank(p->buf[start - 1]))
		start--;
	while (wend < p->len && !is_blank(p->buf[wend]))
		wend++;
	plen = p->cur - start;
	cand = p->complete ? p->complete(p->ctx, p->buf, p->cur) : NULL;
	for (c = cand; c && *c; c++) {
		if (strncmp(*c, p->buf + start, plen) != 0)
			continue;	/* does not complete this word */
		if (!first) {
			first = *c;
			lcp = strlen(first);
			n = 1;
		} else if (strcmp(*c, first) != 0) {
			lcp = common_prefix(first, *c, lcp);
			n++;
		}
	}
	if (!first) {
		snprintf(p->hint, sizeof(p->hint), "no completion");
		return;
	}
	while (lcp > plen && ((unsigned char)first[lcp] & 0xc0) == 0x80)
		lcp--;		/* never half of a UTF-8 character */
	/* The rest of the word after the cursor, when the completion covers
	 * it, is stepped over rather than typed twice. */
	wlen = wend - start;
	from = plen;
	if (wlen <= lcp && strncmp(first, p->buf + start, wlen) == 0) {
		p->cur = wend;
		from = wlen;
	}
	if (!insert_bytes(p, first + from, lcp - from))
		return;
	if (n > 1) {
		list_candidates(p, cand, p->buf + start, plen);
		return;
	}
	if (p->cur < p->len && is_blank(p->buf[p->cur]))
		p->cur++;
	else if (p->cur == p->len)
		insert_bytes(p, " ", 1);
}

/* ---- keys ----------------------------------------------------------------------- */

static enum edit_op key_action(unsigned key)
{
	switch (key) {
	case KEY_LEFT: return ED_LEFT;
	case KEY_RIGHT: return ED_RIGHT;
	case KEY_HOME: return ED_HOME;
	case KEY_END: return ED_END;
	case KEY_BACKSPACE: return ED_BACKSPACE;
	case KEY_DC: return ED_DELETE;
	case KEY_UP: return ED_HIST_PREV;
	case KEY_DOWN: return ED_HIST_NEXT;
	case KEY_ENTER: return ED_DONE;
	default: return ED_IGNORE;	/* KEY_RESIZE, function keys... */
	}
}

static enum edit_op char_action(const struct prompt *p, unsigned key)
{
	switch (key) {
	case CTRL('A'): return ED_HOME;
	case CTRL('B'): return ED_LEFT;
	case CTRL('E'): return ED_END;
	case CTRL('F'): return ED_RIGHT;
	case CTRL('D'): return p->len ? ED_DELETE : ED_IGNORE;
	case CTRL('H'): case KEY_DEL: return ED_BACKSPACE;
	case CTRL('I'): return ED_COMPLETE;
	case CTRL('J'): case CTRL('M'): return ED_DONE;
	case CTRL('K'): return ED_KILL_END;
	case CTRL('N'): return ED_HIST_NEXT;
	case CTRL('P'): return ED_HIST_PREV;
	case CTRL('U'): return ED_KILL_START;
	case CTRL('W'): return ED_KILL_WORD;
	case CTRL('C'): case CTRL('G'): case KEY_ESCAPE: return ED_CANCEL;
	default: return key < ' ' ? ED_IGNORE : ED_INSERT;
	}
}

/* A prompt changed behind our back (the fields are public): keep the
 * invariants the editing relies on. */
static void check(struct prompt *p)
{
	p->buf[PROMPT_MAX - 1] = '\0';
	/* always: a text cleared with buf[0] = '\0' keeps buf[len] 0 */
	p->len = strlen(p->buf);
	if (p->cur > p->len || !is_boundary(p, p->cur))
		p->cur = p->len;
}

enum prompt_status prompt_key(struct prompt *p, int is_key, unsigned key)
{
	enum edit_op a = is_key ? key_action(key) : char_action(p, key);

	if (a == ED_IGNORE)
		return PROMPT_EDITING;
	check(p);
	p->hint[0] = '\0';
	switch (a) {
	case ED_DONE: return PROMPT_DONE;
	case ED_CANCEL: return PROMPT_CANCEL;
	case ED_INSERT: insert_char(p, key); break;
	case ED_LEFT: p->cur = prev_pos(p, p->cur); break;
	case ED_RIGHT: p->cur = next_pos(p, p->cur); break;
	case ED_HOME: p->cur = 0; break;
	case ED_END: p->cur = p->len; break;
	case ED_BACKSPACE: delete_range(p, prev_pos(p, p->cur), p->cur); break;
	case ED_DELETE: delete_range(p, p->cur, next_pos(p, p->cur)); break;
	case ED_KILL_START: delete_range(p, 0, p->cur); break;
	case ED_KILL_END: delete_range(p, p->cur, p->len); break;
	case ED_KILL_WORD: kill_word(p); break;
	case ED_HIST_PREV: history_prev(p); break;
	case ED_HIST_NEXT: history_next(p); break;
	case ED_COMPLETE: complete(p); break;
	case ED_IGNORE: break;
	}
	return PROMPT_EDITING;
}

void prompt_open(struct prompt *p, const char *label, const char *initial,
		 struct prompt_history *hist, prompt_complete_fn complete_fn,
		 void *ctx)
{
	size_t n;

	memset(p, 0, sizeof(*p));
	if (label) {
		n = fit_bytes(label, strlen(label), sizeof(p->label) - 1);
		memcpy(p->label, label, n);
	}
	set_text(p, initial ? initial : "");
	p->hist = hist;
	p->hist_pos = -1;
	p->complete = complete_fn;
	p->ctx = ctx;
}

/* ---- drawing ------------------------------------------------------------------ */

/* Where the label ends and the text begins on a field of width columns:
 * the label gives way on a narrow field so that some text shows. */
static int label_columns(const struct prompt *p, int width)
{
	size_t len = strlen(p->label), at = 0, next;
	int cols = 0, w, max = width - (width < TEXT_MIN_COLS ? width : TEXT_MIN_COLS);

	while (at < len) {
		next = cluster_end(p->label, len, at, &w);
		if (cols + w > max)
			break;
		cols += w;
		at = next;
	}
	return cols;
}

/* Columns the cursor needs: the character under it, or one at the end. */
static int cursor_columns(const struct prompt *p)
{
	int w = 1;

	if (p->cur < p->len)
		cluster_end(p->buf, p->len, p->cur, &w);
	return w < 1 ? 1 : w;
}

/* The first byte shown on avail columns: p->scroll while the cursor shows
 * from there, else a start that puts the cursor in view, moving in steps
 * of half the field so that the view does not jump on every key. */
static size_t view_start(const struct prompt *p, int avail)
{
	int cc, need, step, target, col = 0, w;
	size_t at = 0;

	if (avail <= 0)
		return p->cur;
	need = cursor_columns(p);
	if (p->scroll <= p->cur && is_boundary(p, p->scroll) &&
	    columns(p, p->scroll, p->cur) + need <= avail)
		return p->scroll;
	cc = columns(p, 0, p->cur);
	if (cc + need <= avail)
		return 0;
	step = avail / 2 > 0 ? avail / 2 : 1;
	target = (cc + need - avail + step - 1) / step * step;
	while (at < p->cur && col < target) {
		at = cluster_end(p->buf, p->len, at, &w);
		col += w;
	}
	return at;
}

void prompt_fit(struct prompt *p, int width)
{
	check(p);
	p->scroll = width > 0 ? view_start(p, width - label_columns(p, width)) : 0;
}

/* The escape of byte c as wide characters at out; returns how many. */
static int escape_at(wchar_t *out, unsigned char c)
{
	char esc[TEXT_ESC_MAX];
	int n = (int)text_escape_byte(c, esc);

	for (int j = 0; j < n; j++)
		out[j] = (wchar_t)esc[j];
	return n;
}

#define SPAN_OUT 64

/* Room for need more characters in out (k of SPAN_OUT used): what is
 * there is drawn first when there is not. */
static void span_room(WINDOW *w, wchar_t *out, int *k, int need)
{
	if (*k + need > SPAN_OUT) {
		waddnwstr(w, out, *k);
		*k = 0;
	}
}

/* Draw the clusters of s from byte *at on at most max columns, at the
 * window's cursor; *at moves past what was drawn. Returns the columns. */
static int draw_span(WINDOW *w, const char *s, size_t len, size_t *at, int max)
{
	wchar_t out[SPAN_OUT], wc;
	size_t i = *at, end;
	int cols = 0, cw, ww, k = 0;

	while (i < len) {
		end = cluster_end(s, len, i, &cw);
		if (cols + cw > max)
			break;
		for (bool base = true; i < end; base = false) {
			size_t n = char_at(s, len, i, &wc, &ww);

			if (!wc) {	/* each byte escaped: \xNN */
				for (size_t j = 0; j < n; j++) {
					span_room(w, out, &k, TEXT_ESC_MAX);
					k += escape_at(out + k,
						       (unsigned char)s[i + j]);
				}
			} else if (!base || ww != 0) {	/* a lone accent shows nothing */
				span_room(w, out, &k, 1);
				out[k++] = wc;
			}
			i += n;
		}
		cols += cw;
	}
	if (k)
		waddnwstr(w, out, k);
	*at = i;
	return cols;
}

static void draw_blanks(WINDOW *w, int n)
{
	while (n-- > 0)
		waddch(w, ' ');
}

void prompt_draw(const struct prompt *prompt, void *win, int y, int x,
		 int width)
{
	struct prompt copy = *prompt, *p = &copy;
	WINDOW *w = win;
	size_t at = 0, start;
	int lcols, avail, tcols, hcols = 0, cx;
	attr_t attrs;
	short pair;

	if (!w || y < 0 || x < 0 || y >= getmaxy(w) || x >= getmaxx(w))
		return;
	if (width > getmaxx(w) - x)
		width = getmaxx(w) - x;
	if (width <= 0)
		return;
	check(p);
	p->label[sizeof(p->label) - 1] = '\0';
	p->hint[sizeof(p->hint) - 1] = '\0';
	lcols = label_columns(p, width);
	avail = width - lcols;
	wmove(w, y, x);
	draw_span(w, p->label, strlen(p->label), &at, lcols);
	start = view_start(p, avail);
	at = start;
	tcols = draw_span(w, p->buf, p->len, &at, avail);
	if (at == p->len && p->hint[0] && avail - tcols > 3) {
		wattr_get(w, &attrs, &pair, NULL);
		wattron(w, A_DIM);
		draw_blanks(w, 2);
		at = 0;
		hcols = 2 + draw_span(w, p->hint, strlen(p->hint), &at,
				      avail - tcols - 2);
		wattr_set(w, attrs, pair, NULL);
	}
	draw_blanks(w, avail - tcols - hcols);
	cx = lcols + columns(p, start, p->cur < start ? start : p->cur);
	wmove(w, y, x + (cx < width ? cx : width - 1));
}
