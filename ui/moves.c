/* SPDX-License-Identifier: GPL-2.0-or-later */
/* moves.c - state transitions into the log, as the wire's segments tell
 * them (wireview.c) or the kernel's reads find them (kernel.c): one line
 * per socket while they come fast, "s2: ESTAB -> FIN-WAIT-1 (s2 sent
 * FIN) -> FIN-WAIT-2 (ACK from s3)". */
#include "moves.h"

#include <stdio.h>
#include <string.h>

#include "state.h"
#include "util.h"

#define CHAIN_MS 3000		/* transitions this close extend one log line */

/* Does a socket's new transition go on the log line of its last one?
 * While it goes fast; with --stable, while the same step (or key) runs. */
static bool chains(const struct tui *t, const struct log_line *last)
{
	if (t->opts.stable)
		return last->at_ms >= t->act_ms;
	return now_ms() - last->at_ms < CHAIN_MS;
}

void moves_log(struct tui *t, int sock_id, const char *who,
		 const char *from, const char *to, const char *cause)
{
	struct log_line *last = log_last(&t->log);
	char because[160] = "";
	size_t wl = strlen(who);

	if (cause)
		snprintf(because, sizeof(because), " (%s)", cause);
	if (last && last->sock_id == sock_id && chains(t, last) &&
	    (sock_id || (!strncmp(last->text, who, wl) && last->text[wl] == ':')) &&
	    log_append(&t->log, " -> %s%s", to, because)) {
		last->at_ms = now_ms();
		return;
	}
	log_add(&t->log, ROLE_DIM, "%s: %s -> %s%s", who, from, to, because);
	log_last(&t->log)->sock_id = sock_id;
}

