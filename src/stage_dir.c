/* SPDX-License-Identifier: GPL-2.0-or-later */
/* stage_dir.c - the stage's own directory for relative UNIX paths
 * (sockdir.h): made when a line first uses one, and every process of the
 * stage works in it (those spawned later too); and whether a line's name
 * fits its socket's family. */
#include "stage.h"
#include "stage_int.h"

#include <stdio.h>
#include <string.h>

/* The process works in the stage's directory from now on. */
static int chdir_proc(struct stage *st, int proc, char *err, size_t errlen)
{
	struct worker_req req = { .op = WOP_CHDIR, .fd = -1, .nbytes = -1 };
	struct worker_rep rep;
	char why[128];

	req.datalen = (uint32_t)strlen(st->dir.path);
	if (worker_call(&st->procs[proc].w, &req, st->dir.path, &rep, NULL, 0,
			why, sizeof(why)) < 0) {
		snprintf(err, errlen, "process '%s': %s", st->procs[proc].name, why);
		return -1;
	}
	if (rep.ret < 0) {
		snprintf(err, errlen, "chdir(%s) in process '%s': %s",
			 st->dir.path, st->procs[proc].name, strerror(rep.err));
		return -1;
	}
	return 0;
}

void stage_unix_adopt(struct stage *st, int proc)
{
	char err[200];

	if (sockdir_on(&st->dir))
		(void)chdir_proc(st, proc, err, sizeof(err));
}

int stage_unix_dir(struct stage *st, struct result *res)
{
	char err[300];

	if (sockdir_on(&st->dir))
		return 0;
	if (sockdir_open(&st->dir, err, sizeof(err)) < 0) {
		res_error(res, 0, "%s", err);
		return -1;
	}
	for (int p = 0; p < st->nprocs; p++)
		if (st->procs[p].alive && chdir_proc(st, p, err, sizeof(err)) < 0) {
			res_error(res, 0, "%s", err);
			return -1;
		}
	return 0;
}

int stage_unix_name(struct stage *st, const struct stage_target *t,
		    const struct command *cmd, struct result *res)
{
	bool unix_sock = t->s->family == AF_UNIX;

	if (unix_sock && !addr_is_unix(&cmd->addr))
		return res_error(res, cmd->addr_col, "%s is a UNIX socket: give a "
				 "PATH or @NAME, not an address", t->label), -1;
	if (!unix_sock && addr_is_unix(&cmd->addr)) {
		char name[4 * ADDR_UNIX_MAX + 8];

		addr_format_spec(&cmd->addr, name, sizeof(name));
		return res_error(res, cmd->addr_col, "%s is an %s socket: %s is "
				 "not an address (a PATH or @NAME is for unix "
				 "sockets)", t->label, t->s->family == AF_INET6 ?
				 "IPv6" : "IPv4", name), -1;
	}
	if (cmd->addr.kind == ADDR_PATH && cmd->addr.path[0] != '/')
		return stage_unix_dir(st, res);
	return 0;
}

