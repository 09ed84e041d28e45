/* SPDX-License-Identifier: GPL-2.0-or-later */
/* action.h - THE key table: one row per key binding (its keys, its
 * action, its label on the key bar, its help). The help screen's key
 * lines and the key bar are made from it. An action changes the state and
 * returns reaction flags (react.h); it never draws and never reads the
 * kernel. */
#ifndef SOCKSTAGE_UI_ACTION_H
#define SOCKSTAGE_UI_ACTION_H

#include <stdbool.h>
#include <stddef.h>

#include "react.h"

/* The keymaps: which apply depends on what is on screen. A key goes to
 * the open prompt, else to the help, the why or the details overlay
 * (modal: keys they do not know do nothing), else to the kernel view's
 * keys when it has the focus, the predict question, the lesson's keys,
 * and the main map, the first that takes it. */
enum keymap {
	MAP_MAIN, MAP_LESSON, MAP_ANSWER, MAP_HELP, MAP_WHY, MAP_KERNEL,
	MAP_DETAIL, MAP_COUNT
};
/* The key bars: the main one, a lesson's, a predict question's, and the
 * tail that ends each. */
enum keybar { BAR_MAIN, BAR_LESSON, BAR_ANSWER, BAR_TAIL, BAR_COUNT };

#define ACTION_CODES 10

struct keycode {
	bool is_key;		/* a curses KEY_* code, else a character */
	unsigned code;		/* 0 (not a key) ends the list */
};

typedef unsigned action_fn(struct act *a);

struct action {
	enum keymap map;
	const char *keys;	/* as the help names them: "q F10" */
	struct keycode code[ACTION_CODES];
	action_fn *fn;
	const char *bar;	/* its label on the key bar, or NULL */
	int bar_at[BAR_COUNT];	/* its place on each bar (1 first), 0: not */
	/* NULL: bar, always; else the label for the screen as it is (bar
	 * or one made in buf), or NULL: not on the bar now */
	const char *(*on_bar)(const struct tui *t, const struct action *r,
			      char *buf, size_t len);
	const char *help;	/* lines separated by '\n' */
};

extern const struct action action_table[];
extern const size_t action_count;

/* The row that key binds in map, or NULL. */
const struct action *action_find(enum keymap map, bool is_key, unsigned key);
/* A key: through the prompt or the keymaps in effect. Reaction flags. */
unsigned action_key(struct act *a);
/* The key bar for the screen as it is, cols wide. */
void action_bar(const struct tui *t, int cols, char *buf, size_t len);
/* The row whose label on that key bar covers column x, when the label
 * names one key (its first: *key), or NULL ("r/p/v opts" names three). */
const struct action *action_bar_at(const struct tui *t, int cols, int x,
				   struct keycode *key);
/* The help's lines for the keys of map: "  KEYS     what they do". */
int action_help_lines(enum keymap map);
void action_help_line(enum keymap map, int i, char *buf, size_t len);

#endif
