/* SPDX-License-Identifier: GPL-2.0-or-later */
/* keyshow.c - --show-keys: the last few keys pressed, by name ("Enter",
 * "F1", "Ctrl-L", "x"), on a screen row of their own above the key bar
 * (a panel, so that they never cover the log), for a moment after each
 * key, for the viewers of a screencast. */
#include <curses.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "keyshow.h"
#include "paint.h"
#include "panel.h"
#include "react.h"
#include "state.h"
#include "util.h"
#include "wrap.h"

#define SHOW_MS 1500		/* how long the box stays after the last key */

static const struct {
	int code;
	const char *name;
} key_names[] = {
	{ KEY_UP, "Up" }, { KEY_DOWN, "Down" }, { KEY_LEFT, "Left" },
	{ KEY_RIGHT, "Right" }, { KEY_HOME, "Home" }, { KEY_END, "End" },
	{ KEY_PPAGE, "PgUp" }, { KEY_NPAGE, "PgDn" }, { KEY_ENTER, "Enter" },
	{ KEY_BACKSPACE, "Backspace" }, { KEY_DC, "Del" }, { KEY_IC, "Ins" },
	{ KEY_BTAB, "Shift-Tab" },
};

/* The name of a key as a viewer reads it. */
static void keyshow_name(bool is_key, unsigned key, char *buf, size_t len)
{
	if (is_key) {
		for (size_t i = 0; i < ARRAY_LEN(key_names); i++)
			if ((unsigned)key_names[i].code == key) {
				snprintf(buf, len, "%s", key_names[i].name);
				return;
			}
		if (key >= (unsigned)KEY_F(1) && key <= (unsigned)KEY_F(24))
			snprintf(buf, len, "F%u", key - (unsigned)KEY_F(0));
		else
			snprintf(buf, len, "key %u", key);
		return;
	}
	switch (key) {
	case '\n': case '\r': snprintf(buf, len, "Enter"); return;
	case '\t': snprintf(buf, len, "Tab"); return;
	case 27: snprintf(buf, len, "Esc"); return;
	case ' ': snprintf(buf, len, "Space"); return;
	case 127: case 8: snprintf(buf, len, "Backspace"); return;
	default: break;
	}
	if (key < 32) {
		snprintf(buf, len, "Ctrl-%c", (char)('A' + key - 1));
	} else {
		char mb[MB_LEN_MAX + 1];
		mbstate_t st;
		size_t n;

		memset(&st, 0, sizeof(st));
		n = wcrtomb(mb, (wchar_t)key, &st);
		snprintf(buf, len, "%.*s", n == (size_t)-1 ? 1 : (int)n,
			 n == (size_t)-1 ? "?" : mb);
	}
}

void keyshow_add(struct tui *t, bool is_key, unsigned key)
{
	struct keyshow *k = &t->keyshow;

	if (!t->opts.show_keys || (is_key && key == KEY_RESIZE))
		return;
	if (k->n == KEYSHOW_KEYS) {
		memmove(k->names[0], k->names[1], sizeof(k->names[0]) * (KEYSHOW_KEYS - 1));
		k->n--;
	}
	keyshow_name(is_key, key, k->names[k->n++], sizeof(k->names[0]));
	k->last_ms = now_ms();
}

long long keyshow_due(const struct tui *t)
{
	if (!t->opts.show_keys || !t->keyshow.n)
		return -1;
	return t->keyshow.last_ms + SHOW_MS;
}

unsigned keyshow_expire(struct tui *t)
{
	t->keyshow.n = 0;	/* gone until the next key */
	return R_REDRAW;
}

static bool keys_shown(const struct tui *t)
{
	return t->opts.show_keys;
}

/* The row: the keys right-aligned while they are fresh, else blank. */
static void keys_draw(const struct tui *t, const struct box *b, bool focused)
{
	const struct keyshow *k = &t->keyshow;
	char text[KEYSHOW_KEYS * 24 + 16] = " keys:";
	struct wline l;
	int w, used = 0;

	(void)focused;
	paint_field(b->y, b->x, b->w, A_NORMAL, "");
	if (!k->n || now_ms() - k->last_ms >= SHOW_MS)
		return;
	for (int i = 0; i < k->n; i++)
		snprintf(text + strlen(text), sizeof(text) - strlen(text), " %s",
			 k->names[i]);
	snprintf(text + strlen(text), sizeof(text) - strlen(text), " ");
	wline_decode(&l, text, strlen(text));
	w = wline_fit(&l, 0, b->w);
	for (int i = 0; i < w; i++)
		used += l.w[i];
	attrset(term_attr(ROLE_HEADER) | A_BOLD);
	mvaddnwstr(b->y, b->x + (b->w - used > 0 ? b->w - used : 0), l.c, w);
	attrset(A_NORMAL);
}

/* A row of its own at the bottom, above the key bar: one row (the
 * layout's default size). */
const struct panel panel_keys = {
	.name = "keys",
	.region = REG_BOTTOM,
	.shown = keys_shown,
	.draw = keys_draw,
};
