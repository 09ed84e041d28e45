/* SPDX-License-Identifier: GPL-2.0-or-later */
/* complete.h - completion that follows the command language: given a line
 * up to the cursor, the words that may stand where the cursor's word is.
 * The first word is a command (or a "PROC:" prefix); after it, each
 * operand is what the command table's args column says it is (cmdtab.h);
 * "=>" and errno names where the command takes an expectation. What only
 * a front-end knows (its sockets, processes, last addresses) it gives
 * through a callback. */
#ifndef SOCKSTAGE_COMPLETE_H
#define SOCKSTAGE_COMPLETE_H

#include <stddef.h>

#include "command.h"

#define COMPLETE_MAX 256	/* candidates */
#define COMPLETE_WORD 96	/* bytes of one, with its NUL */

/* The candidates: words that begin with the word at the cursor, each once,
 * in the order offered; list is NULL-terminated. */
struct completion {
	const char *word;	/* the word at the cursor (its typed part) */
	size_t wlen;
	const char *suffix;	/* appended to what completion_add gets */
	char words[COMPLETE_MAX][COMPLETE_WORD];
	const char *list[COMPLETE_MAX + 1];
	int n;
};

/* Offer word (if it begins with the word at the cursor, is not offered
 * yet, fits, and there is room). */
void completion_add(struct completion *c, const char *word);

/* What the front-end is asked for. */
enum complete_source {
	CS_SOCKETS,	/* every socket: its id (s1) and its name if any */
	CS_PROCS,	/* every process's name */
	CS_HOSTS,	/* every host's name (none before the first) */
	CS_ADDRS,	/* addresses to offer to command cmd (bind: the last
			   bound, connect: the last listener...), or none */
};

/* Calls completion_add(c, ...) for each word of what. */
typedef void (*complete_fill_fn)(void *ctx, enum complete_source what,
				 enum cmd_kind cmd, struct completion *c);

/* The candidates for the word that ends at cursor in line (the bytes
 * before cursor; cursor <= strlen(line)); fill may be NULL. Returns
 * c->list. Not reentrant (the spec's tree is static). */
const char *const *complete_line(const char *line, size_t cursor,
				 complete_fill_fn fill, void *ctx,
				 struct completion *c);

/* Check a command's args spec: 0 when well formed, else -1 with what is
 * wrong in msg (the unit tests run it on every row). */
int complete_spec_check(const char *spec, char *msg, size_t len);

#endif
