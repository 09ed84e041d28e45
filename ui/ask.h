/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ask.h - prompts: a question on the key bar's line, edited with the
 * line editor (prompt.h). What the answer is for is its kind; what Enter
 * does with it, its completion function. */
#ifndef SOCKSTAGE_UI_ASK_H
#define SOCKSTAGE_UI_ASK_H

#include <stdbool.h>

#include "prompt.h"
#include "react.h"

enum ask_kind {
	ASK_COMMAND,		/* a command line (prefix + answer): it runs,
				   and goes into the history */
	ASK_FILTER,		/* the kernel view's filter */
	ASK_STEP,		/* the lesson step to go to */
	ASK_FILE,		/* a file to write */
};

/* Enter: what the answer (text) does; returns reaction flags, and with
 * R_RUN the line to run in a->line. */
typedef unsigned (*ask_done_fn)(struct act *a, const char *text);

struct asking {
	bool open;
	enum ask_kind kind;
	ask_done_fn done;
	char prefix[96];	/* ASK_COMMAND: "bind s1 " - the answer follows */
	char verb[16];		/* a socket key's command ("bind"), for its
				   completion function, or "" */
	struct prompt prompt;
	struct prompt_history history;
};

struct tui;

/* Open a prompt: label, its initial text; done NULL for ASK_COMMAND
 * (run prefix + answer). */
void ask_open(struct tui *t, enum ask_kind kind, const char *label,
	      const char *prefix, const char *initial, ask_done_fn done);
/* Enter on a command line: prefix + text to run (a->line), into the
 * history; returns the reaction flags. */
unsigned ask_run_line(struct act *a, const char *prefix, const char *text);
/* A key while it is open: reaction flags. */
unsigned ask_key(struct act *a);
/* Ctrl-C: closed without an answer. */
void ask_cancel(struct tui *t);
void ask_free(struct asking *a);

#endif
