/* SPDX-License-Identifier: GPL-2.0-or-later */
/* stage_proc.c - processes on stage: spawn, fork, exit, kill, use. A
 * process is a worker; a fork's child holds the same sockets (the same
 * open file descriptions) as its parent. */
#include "stage.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "stage_int.h"

/* A new process may take this name: no living process has it, and there
 * is a slot (a process that has gone leaves its slot and name free). */
static int proc_slot_check(struct stage *st, const struct cmd_ref *name,
			   struct result *res)
{
	int p = stage_find_proc(st, name->name), alive = 0;

	if (p >= 0 && st->procs[p].alive) {
		res_error(res, name->col, "a process named '%s' exists already",
			  name->name);
		return -1;
	}
	for (int i = 0; i < st->nprocs; i++)
		alive += st->procs[i].alive;
	if (alive == STAGE_MAX_PROCS) {
		res_error(res, name->col, "at most %d processes", STAGE_MAX_PROCS);
		return -1;
	}
	return 0;
}

/* The living process a command names; -1 with res a line error when
 * there is none, it has exited, or it died since we last heard of it. */
static int living_proc(struct stage *st, const struct cmd_ref *ref,
		       struct result *res)
{
	int p = stage_find_proc(st, ref->name);
	struct stage_proc *pr;

	if (p < 0) {
		res_error(res, ref->col, "unknown process '%s'", ref->name);
		return -1;
	}
	pr = &st->procs[p];
	if (!pr->alive) {
		res_error(res, ref->col, "process '%s' has exited", ref->name);
		return -1;
	}
	if (!worker_alive(&pr->w)) {
		char label[96];

		res_error(res, ref->col, "process %s died; the kernel closed its "
			  "sockets", stage_proc_label(st, p, label, sizeof(label)));
		worker_stop(&pr->w, SIGKILL);
		stage_proc_gone(st, p);
		return -1;
	}
	return p;
}

enum result_kind cmdx_spawn(struct stage *st, const struct command *cmd,
				struct result *res)
{
	struct worker w;
	char err[160], on[48] = "";
	int host, back, rc;

	if (proc_slot_check(st, &cmd->sock, res) < 0)
		return RES_ERROR;
	if ((host = stage_resolve_host(st, &cmd->host, res)) < 0)
		return RES_ERROR;
	if (cmd->host.col >= 0)
		snprintf(on, sizeof(on), ", on %s", cmd->host.name);
	if (cmd->value >= 0 && cmd->gid >= 0)
		res_call(res, "spawn(%s%s, uid %ld, gid %ld)", cmd->sock.name, on,
			 cmd->value, cmd->gid);
	else if (cmd->value >= 0)
		res_call(res, "spawn(%s%s, uid %ld)", cmd->sock.name, on,
			 cmd->value);
	else
		res_call(res, "spawn(%s%s)", cmd->sock.name, on);
	errno = 0;
	/* the child is born in the namespace the forking thread is in */
	if ((rc = stage_host_enter(st, host, &back, err, sizeof(err))) == 0) {
		rc = worker_spawn(&w, cmd->value, cmd->gid, err, sizeof(err));
		stage_host_leave(back);
	}
	if (rc < 0) {
		res->kind = RES_FAIL;
		res->ret = -1;
		res->err = errno ? errno : EAGAIN;
		res_note(res, "%s", err);
		return RES_FAIL;
	}
	res->child_proc = stage_add_proc(st, cmd->sock.name, cmd->value, &w);
	st->procs[res->child_proc].host = host;
	stage_unix_adopt(st, res->child_proc);
	str_copy(res->child, cmd->sock.name, sizeof(res->child));
	res->kind = RES_OK;
	if (st->stable)
		res_value(res, "%s", cmd->sock.name);
	else
		res_value(res, "pid %d", (int)w.pid);
	return RES_OK;
}

enum result_kind cmdx_fork(struct stage *st, const struct command *cmd,
			       struct result *res)
{
	struct cmd_ref child = cmd->as;
	struct worker w;
	char err[160];
	int p = living_proc(st, &cmd->sock, res), c, rc;

	if (p < 0)
		return RES_ERROR;
	if (child.col < 0) {
		for (int n = 1; n < 100; n++) {
			snprintf(child.name, sizeof(child.name), "%.20s-%d",
				 cmd->sock.name, n);
			if (stage_find_proc(st, child.name) < 0)
				break;
		}
		child.col = cmd->sock.col;
	}
	if (proc_slot_check(st, &child, res) < 0)
		return RES_ERROR;
	res_call(res, "fork(%s)", cmd->sock.name);
	errno = 0;
	if ((rc = worker_fork(&st->procs[p].w, &w, err, sizeof(err))) < 0) {
		if (rc == WORKER_NO_ANSWER && st->procs[p].w.chan >= 0) {
			stage_no_answer(st, p, res);
			return RES_ERROR;
		}
		if (st->procs[p].w.chan < 0) {	/* it died under us */
			stage_proc_gone(st, p);
			return res_error(res, cmd->sock.col, "process '%s' died; the "
					 "kernel closed its sockets", cmd->sock.name);
		}
		res->kind = RES_FAIL;
		res->ret = -1;
		res->err = errno ? errno : EAGAIN;
		res_note(res, "%s", err);
		return RES_FAIL;
	}
	c = stage_add_proc(st, child.name, st->procs[p].uid, &w);
	st->procs[c].host = st->procs[p].host;	/* a fork stays on its host */
	for (int i = 0; i < st->nsocks; i++) {
		struct stage_sock *s = st->socks[i];
		int h = stage_holder_index(s, p);

		if (h >= 0)
			s->holders[s->nholders++] = (struct stage_holder){ c, s->holders[h].fd };
	}
	res->kind = RES_OK;
	res->child_proc = c;
	str_copy(res->child, child.name, sizeof(res->child));
	if (st->stable)
		res_value(res, "%s", child.name);
	else
		res_value(res, "pid %d (%s)", (int)w.pid, child.name);
	return RES_OK;
}

enum result_kind cmdx_exit(struct stage *st, const struct command *cmd,
			       struct result *res)
{
	bool kill_it = cmd->kind == CMD_KILL;
	int p = living_proc(st, &cmd->sock, res);

	if (p < 0)
		return RES_ERROR;
	res_call(res, kill_it ? "kill(%s, SIGKILL)" : "exit(%s)", cmd->sock.name);
	worker_stop(&st->procs[p].w, kill_it ? SIGKILL : 0);
	stage_proc_gone(st, p);
	res->kind = RES_OK;
	res_value(res, "0");
	return RES_OK;
}

enum result_kind cmdx_use(struct stage *st, const struct command *cmd,
			      struct result *res)
{
	int p = living_proc(st, &cmd->sock, res);

	if (p < 0)
		return RES_ERROR;
	st->cur = p;
	res->kind = RES_INFO;
	res_call(res, "use %s", st->procs[p].name);
	if (st->stable)
		res_value(res, "now in process '%s'", st->procs[p].name);
	else
		res_value(res, "now in process '%s' (pid %d)", st->procs[p].name,
			  (int)st->procs[p].w.pid);
	return RES_INFO;
}
