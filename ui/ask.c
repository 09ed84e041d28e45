/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ask.c - prompts. A prompt has a kind (what its answer is) and a
 * completion function (what Enter does with the answer); a command line
 * (ASK_COMMAND) runs prefix + answer through the loop and goes into the
 * history. Every prompt completes words with Tab: command names first,
 * then sockets, processes, options and the language's keywords. */
#include <stdio.h>
#include <string.h>

#include "ask.h"
#include "command.h"
#include "state.h"
#include "util.h"

#define MAX_CANDIDATES 256

/* ---- completion ------------------------------------------------------------ */

struct completion {
	char words[MAX_CANDIDATES][NAME_MAX_LEN + 8];
	const char *list[MAX_CANDIDATES + 1];
	int n;
};

static void candidate(struct completion *c, const char *word, const char *prefix,
		      size_t plen)
{
	if (c->n == MAX_CANDIDATES || strncmp(word, prefix, plen) != 0)
		return;
	for (int i = 0; i < c->n; i++)
		if (strcmp(c->words[i], word) == 0)
			return;
	str_copy(c->words[c->n], word, sizeof(c->words[0]));
	c->list[c->n] = c->words[c->n];
	c->n++;
}

static void candidates_from(struct completion *c, const char *const *words,
			    const char *prefix, size_t plen)
{
	for (; *words; words++)
		candidate(c, *words, prefix, plen);
}

/* Where the command word starts: after blanks and a "PROC:" prefix. */
static size_t command_word(const char *line)
{
	size_t i = strspn(line, " "), w = i + strcspn(line + i, " :");

	if (line[w] == ':')
		i = w + 1 + strspn(line + w + 1, " ");
	return i;
}

/* The word under the cursor: a command name when it is the first word
 * (after an optional "PROC:" prefix), else socket ids and names, option
 * names, process names and the language's keywords. */
static const char *const *complete(void *ctx, const char *line, size_t cursor)
{
	static const char *const keywords[] = {
		"tcp", "udp", "as", "on", "off", "rd", "wr", "rdwr", "uid", "no",
		"ok", "LISTEN", "ESTAB", "TIME-WAIT", "SYN-SENT", "CLOSE-WAIT",
		"FIN-WAIT-2", "BOUND", "UNCONN", NULL,
	};
	static struct completion c;
	struct tui *t = ctx;
	size_t start = cursor;
	const char *prefix;
	char id[16];
	bool first;

	while (start > 0 && line[start - 1] != ' ')
		start--;
	prefix = line + start;
	first = start <= command_word(line);
	c.n = 0;
	if (first) {
		candidates_from(&c, command_names(), prefix, cursor - start);
	} else {
		for (int i = 0; i < t->st.nsocks; i++) {
			snprintf(id, sizeof(id), "s%d", t->st.socks[i]->id);
			candidate(&c, id, prefix, cursor - start);
			if (t->st.socks[i]->name[0])
				candidate(&c, t->st.socks[i]->name, prefix, cursor - start);
		}
		for (int i = 0; i < t->st.nprocs; i++)
			candidate(&c, t->st.procs[i].name, prefix, cursor - start);
		candidates_from(&c, sockopt_names(), prefix, cursor - start);
		candidates_from(&c, keywords, prefix, cursor - start);
	}
	c.list[c.n] = NULL;
	return c.list;
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
	prompt_open(&a->prompt, label, initial, &a->history, complete, t);
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
