/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ask.c - prompts. A prompt has a kind (what its answer is) and a
 * completion function (what Enter does with the answer); a command line
 * (ASK_COMMAND) runs prefix + answer through the loop and goes into the
 * history. A command line completes words with Tab as the language goes
 * (complete.h): the command, then each operand by its kind, with the
 * stage's sockets, processes and last addresses; the other prompts
 * complete nothing. */
#include <stdio.h>
#include <string.h>

#include "ask.h"
#include "command.h"
#include "complete.h"
#include "state.h"
#include "util.h"

/* ---- completion ------------------------------------------------------------ */

/* What only the TUI knows: the sockets and processes on stage, the
 * addresses last used. */
static void fill(void *ctx, enum complete_source what, enum cmd_kind cmd,
		 struct completion *c)
{
	const struct tui *t = ctx;
	char id[16];

	switch (what) {
	case CS_SOCKETS:
		for (int i = 0; i < t->st.nsocks; i++) {
			const struct stage_sock *s = t->st.socks[i];

			if (!s->nholders)
				continue;
			snprintf(id, sizeof(id), "s%d", s->id);
			completion_add(c, id);
			if (s->name[0])
				completion_add(c, s->name);
		}
		break;
	case CS_PROCS:
		for (int i = 0; i < t->st.nprocs; i++)
			if (t->st.procs[i].alive)
				completion_add(c, t->st.procs[i].name);
		break;
	case CS_HOSTS:
		for (int i = 0; i < t->st.nhosts; i++)
			completion_add(c, t->st.hosts[i].h.name);
		break;
	case CS_ADDRS:
		if (cmd == CMD_BIND && t->last_bind[0])
			completion_add(c, t->last_bind);
		else if (cmd != CMD_BIND && t->last_listen[0])
			completion_add(c, t->last_listen);
		break;
	}
}

/* The word under the cursor of a command line: what the language takes
 * there, the prompt's prefix ("bind s1 ") counted in. */
static const char *const *complete(void *ctx, const char *line, size_t cursor)
{
	static struct completion c;
	static char full[sizeof(((struct asking *)0)->prefix) + PROMPT_MAX];
	struct tui *t = ctx;
	size_t plen = strlen(t->ask.prefix);

	if (cursor > strlen(line) || plen + cursor >= sizeof(full))
		return NULL;
	memcpy(full, t->ask.prefix, plen);
	memcpy(full + plen, line, cursor);
	full[plen + cursor] = '\0';
	return complete_line(full, plen + cursor, fill, t, &c);
}

/* ---- prompts ----------------------------------------------------------------- */

/* A command line: prefix + answer, into the history, run by the loop. */
unsigned ask_run_line(struct act *a, const char *prefix, const char *text)
{
	snprintf(a->line, sizeof(a->line), "%s%s", prefix, text);
	prompt_history_add(&a->t->ask.history, a->line);
	return R_RUN | R_REDRAW;
}

static unsigned run_answer(struct act *a, const char *text)
{
	return ask_run_line(a, a->t->ask.prefix, text);
}

void ask_open(struct tui *t, enum ask_kind kind, const char *label,
	      const char *prefix, const char *initial, ask_done_fn done)
{
	struct asking *a = &t->ask;

	a->open = true;
	a->kind = kind;
	a->done = done || kind != ASK_COMMAND ? done : run_answer;
	str_copy(a->prefix, prefix, sizeof(a->prefix));
	a->verb[0] = '\0';
	prompt_open(&a->prompt, label, initial, &a->history,
		    kind == ASK_COMMAND ? complete : NULL, t);
}

void ask_cancel(struct tui *t)
{
	t->ask.open = false;
}

unsigned ask_key(struct act *a)
{
	struct asking *k = &a->t->ask;
	enum prompt_status st = prompt_key(&k->prompt, a->is_key, a->key);

	if (st == PROMPT_EDITING)
		return R_REDRAW;
	k->open = false;
	if (st == PROMPT_CANCEL)
		return R_REDRAW;
	return k->done ? k->done(a, k->prompt.buf) | R_REDRAW : R_REDRAW;
}

void ask_free(struct asking *a)
{
	prompt_history_free(&a->history);
}
