/* SPDX-License-Identifier: GPL-2.0-or-later */
/* exec.c - the executor: runs a parsed command through the command
 * table's exec function, then finishes its result the same way whether
 * the outcome came at once or later (an asynchronous connect): what the
 * errno means, what the kernel shows about the failure (the table's
 * explain function), the "=> ok|ERRNO" expectation, and the socket's last
 * outcome. */
#include "exec.h"

#include <stdio.h>
#include <string.h>

#include "explain.h"
#include "stage_int.h"
#include "whatif.h"

typedef enum result_kind (*exec_fn)(struct stage *, const struct command *,
				    struct result *);
typedef void (*explain_fn)(struct stage *, struct result *);

struct exec_row {
	exec_fn exec;
	explain_fn explain;
};

#define CMD_EXEC_ROW(K, word, usage, args, help, call, flags, parse, \
		     exec, explain, gen, errs) \
	[CMD_##K] = { exec, explain },
static const struct exec_row rows[CMD_COUNT] = {
	CMD_TABLE(CMD_EXEC_ROW)
};
#undef CMD_EXEC_ROW

/* what front-ends do themselves (say, pause, show, title, about) */
enum result_kind cmdx_none(struct stage *st, const struct command *cmd,
			   struct result *res)
{
	(void)st;
	(void)cmd;
	return res->kind = RES_NONE;
}

void cmde_none(struct stage *st, struct result *res)
{
	(void)st;
	(void)res;
}

static void check_expectation(const struct command *cmd, struct result *res)
{
	bool ok;
	/* a wait that saw its state is an outcome too: ok */
	bool done = res->kind == RES_OK ||
		    (res->kind == RES_INFO && cmd->kind == CMD_WAIT && !res->mismatch);

	if (!cmd->has_expect || (!done && res->kind != RES_FAIL))
		return;
	ok = cmd->expect_errno == 0 ? done :
	     res->kind == RES_FAIL && res->err == cmd->expect_errno;
	if (ok)
		return;
	res->mismatch = true;
	str_copy(res->expected, cmd->expect_errno ?
		 explain_errname(cmd->expect_errno) : "ok", sizeof(res->expected));
}

/* A failed call's first note: what its errno means for that call. */
static void explain_meaning_of(const struct stage *st, struct result *res)
{
	const struct cmd_info *info = command_info(res->cmd);
	int family = res->sock >= 0 && res->sock < st->nsocks ?
		     st->socks[res->sock]->family : 0;
	const char *m;

	if (res->kind != RES_FAIL || !info)
		return;
	if ((m = explain_meaning_family(info->call[0] ? info->call : info->name,
					res->err, family)))
		res_note_first(res, NOTE_MEANS, m);
}

/* Explain a failed call where it ran: in its process's host (the
 * addresses a bind could take, the sysctls, the probes are that host's). */
static void explain_failure(struct stage *st, const struct command *cmd,
			    struct result *res)
{
	char err[256];
	int back = -1;

	if (res->proc >= 0 && res->proc < st->nprocs &&
	    stage_host_enter(st, st->procs[res->proc].host, &back, err,
			     sizeof(err)) < 0)
		return;		/* no way into the host: no explanation */
	rows[cmd->kind].explain(st, res);
	stage_host_leave(back);
}

enum result_kind exec_finish(struct stage *st, const struct command *cmd,
			     struct result *res)
{
	res->cmd = cmd->kind;
	if (res->kind == RES_FAIL && cmd->kind > CMD_NONE && cmd->kind < CMD_COUNT)
		explain_failure(st, cmd, res);
	explain_meaning_of(st, res);
	check_expectation(cmd, res);
	stage_remember_last(st, res);
	return res->kind;
}

enum result_kind stage_exec(struct stage *st, const struct command *cmd,
			    const struct exec_mode *mode, struct result *res)
{
	st->mode = mode ? *mode : EXEC_MODE_SCRIPT;
	res->cmd = cmd->kind;
	/* commands that run in no process (spawn, use, expect ...) must
	 * still name an existing one in a "NAME:" prefix */
	if (cmd->proc.col >= 0 && stage_find_proc(st, cmd->proc.name) < 0)
		return res_error(res, cmd->proc.col, "unknown process '%s'",
				  cmd->proc.name);
	if (cmd->kind <= CMD_NONE || cmd->kind >= CMD_COUNT) {
		res->kind = RES_NONE;
	} else {
		if (!(command_info(cmd->kind)->flags & (CF_KERNEL | CF_FRONT)))
			stage_wire_mark(st);
		rows[cmd->kind].exec(st, cmd, res);
	}
	if (res->kind == RES_PENDING) {	/* finished when its outcome comes */
		stage_remember_last(st, res);
		return res->kind;
	}
	return exec_finish(st, cmd, res);
}
