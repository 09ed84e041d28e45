/* SPDX-License-Identifier: GPL-2.0-or-later */
/* export_int.h - what a command's C generator (the command table's export
 * column, cmdg_*) gets from the exporter: the step it writes, and where
 * to write it. Not for front-ends: they use export.h. */
#ifndef SOCKSTAGE_EXPORT_INT_H
#define SOCKSTAGE_EXPORT_INT_H

#include "command.h"
#include "export.h"
#include "result.h"
#include "cgen.h"
#include "util.h"

/* A socket of the program: s<id>. */
struct xsock {
	int id;
	char name[NAME_MAX_LEN + 1];
	int family, type;
};

/* One line of the script, as a generator gets it. */
struct xstep {
	const char *line;	/* its text, and its number */
	int lineno;
	const struct xsock *s;	/* the socket it names (CF_SOCK, wait
				   SOCK STATE), or NULL */
	int target;		/* the process a CF_ENDS command ends */
	const struct result *res;	/* what the stage made of it, or NULL */
	struct strbuf *body;	/* where its C goes (cgen.h helps) */
};

/* every command's generator (named in the command table, cmdtab.h):
 * 0, or -1 when the program has no room for another process */
#define CMD_EXPORT_PROTO(K, word, usage, args, help, call, flags, parse, \
			 exec, explain, gen, ...) \
	int gen(struct export *x, const struct command *cmd, \
		const struct xstep *st);
CMD_TABLE(CMD_EXPORT_PROTO)
#undef CMD_EXPORT_PROTO

#endif
