/* SPDX-License-Identifier: GPL-2.0-or-later */
/* prompt.h - a one-line editor for prompts and the ':' command line:
 * cursor movement, history (Up/Down), Tab completion. No drawing policy
 * beyond its own line. */
#ifndef SOCKSTAGE_UI_PROMPT_H
#define SOCKSTAGE_UI_PROMPT_H

#include <stdbool.h>
#include <stddef.h>

#define PROMPT_MAX 512
#define PROMPT_HISTORY 100

enum prompt_status {
	PROMPT_EDITING,		/* keep going */
	PROMPT_DONE,		/* Enter: the text is in p->buf */
	PROMPT_CANCEL,		/* Escape or Ctrl-C / Ctrl-G */
};

/* Completion: given the text before the cursor, return candidates that
 * complete the word under the cursor (each a whole word), NULL-terminated,
 * in a static or long-lived array. */
typedef const char *const *(*prompt_complete_fn)(void *ctx, const char *line,
						 size_t cursor);

struct prompt_history {
	char *lines[PROMPT_HISTORY];
	int n;
};

struct prompt {
	char label[64];		/* "bind s1 to: " or ":" */
	char buf[PROMPT_MAX];	/* UTF-8 text */
	size_t len, cur;	/* bytes; cur on a character boundary */
	size_t scroll;		/* first byte shown */
	struct prompt_history *hist;	/* NULL: none */
	int hist_pos;		/* -1: editing a new line */
	char saved[PROMPT_MAX];	/* the new line while browsing history */
	prompt_complete_fn complete;
	void *ctx;
	char hint[128];		/* shown after the text: candidates, errors */
};

/* Start editing: label, initial text (cursor at its end), history and a
 * completer (either may be NULL). */
void prompt_open(struct prompt *p, const char *label, const char *initial,
		 struct prompt_history *hist, prompt_complete_fn complete,
		 void *ctx);
/* Feed one key as ncurses get_wch() returned it: is_key true for a
 * KEY_* code, false for a character (wide char). */
enum prompt_status prompt_key(struct prompt *p, int is_key, unsigned key);
/* Add a line to a history (not when empty or equal to the last). */
void prompt_history_add(struct prompt_history *h, const char *line);
void prompt_history_free(struct prompt_history *h);

/* Draw label + text on row y of the window, columns x..x+width-1, and
 * place the cursor. The window is a WINDOW *, given as void * so that this
 * header does not need curses.h. */
void prompt_draw(const struct prompt *p, void *win, int y, int x, int width);
/* Optional, before prompt_draw with the same width: remember the view
 * (p->scroll) so that it moves only when the cursor would leave it.
 * Without it the view moves in steps of half the field. */
void prompt_fit(struct prompt *p, int width);

#endif
