/* SPDX-License-Identifier: GPL-2.0-or-later */
/* stage_async.c - outcomes that come later (the TUI's mode): a connect's
 * handshake, watched by the worker, and a process that died. Never
 * blocks. */
#include "stage.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "stage_int.h"
#include "exec.h"

void stage_set_idle(struct stage *st, worker_idle_fn fn, void *ctx)
{
	st->idle = fn;
	st->idle_ctx = ctx;
	for (int i = 0; i < st->nprocs; i++) {
		st->procs[i].w.idle = fn;
		st->procs[i].w.idle_ctx = ctx;
	}
}

int stage_pollfds(const struct stage *st, struct pollfd *fds, int max)
{
	int n = 0;

	for (int i = 0; i < st->nprocs && n < max; i++)
		if (st->procs[i].alive && st->procs[i].w.chan >= 0)
			fds[n++] = (struct pollfd){ .fd = st->procs[i].w.chan,
						    .events = POLLIN };
	return n;
}

bool stage_has_news(const struct stage *st)
{
	for (int i = 0; i < st->nprocs; i++)
		if (st->procs[i].alive && st->procs[i].w.nstash)
			return true;
	return false;
}

static void drop_pending(struct stage *st, int i)
{
	st->pending[i] = st->pending[--st->npending];
}

/* How long the connect took, unless the results are stable. */
static void took(const struct stage *st, struct result *res,
		 const struct stage_pending *p)
{
	if (!st->stable)
		res_note(res, "after %lld ms", now_ms() - p->started_ms);
}

/* A connect's wait came back: its outcome. */
static void finish_pending(struct stage *st, int i, const struct worker_rep *rep,
			   struct result *res)
{
	struct stage_pending *p = &st->pending[i];
	struct stage_sock *s = st->socks[p->sock];
	struct command cmd;

	str_copy(res->call, p->call, sizeof(res->call));
	res->cmd = CMD_CONNECT;
	res->pending = STAGE_PENDING_KEY(p->proc, p->seq);
	res->sock = p->sock;
	res->proc = p->proc;
	res->has_addr = true;	/* what it asked for: marks the rows concerned */
	res->addr = p->addr;
	res->proto = IPPROTO_TCP;
	res->v6only = (s->opts & (1u << OPT_V6ONLY)) != 0;
	if (rep->ret < 0 && rep->err == ECANCELED) {
		/* closed while the handshake was under way: there is no
		 * outcome to report, and the descriptor is gone */
		res->kind = RES_INFO;
		res_value(res, "no outcome: s%d was closed before the handshake "
			  "finished", s->id);
		took(st, res, p);
		drop_pending(st, i);
		return;
	}
	stage_learn(st, s, rep);
	if (rep->ret <= 0) {
		res->kind = RES_FAIL;
		res->ret = -1;
		res->err = rep->ret < 0 ? rep->err : ETIMEDOUT;
		res_note(res, "no outcome after %d s", ASYNC_CONNECT_MS / 1000);
	} else {
		res->ret = rep->err ? -1 : 0;
		res->err = rep->err;
		res->kind = rep->err ? RES_FAIL : RES_OK;
		res_value(res, "0");
	}
	/* a failed connect leaves the socket as it was: bound if it was */
	s->belief = res->kind == RES_OK ? SB_CONNECTED :
		    s->nholders ? p->before : SB_CLOSED;
	took(st, res, p);
	cmd = p->cmd;
	drop_pending(st, i);
	exec_finish(st, &cmd, res);
}

static void deliver_reply(struct stage *st, int proc,
			  const struct worker_rep *rep, stage_result_fn fn,
			  void *ctx)
{
	struct result res;

	for (int i = 0; i < st->npending; i++) {
		if (st->pending[i].proc != proc || st->pending[i].seq != rep->seq)
			continue;
		result_init(&res);
		finish_pending(st, i, rep, &res);
		fn(ctx, &res);
		result_free(&res);
		return;
	}
}

static void process_died(struct stage *st, int proc, stage_result_fn fn,
			 void *ctx)
{
	struct stage_proc *p = &st->procs[proc];
	struct result res;
	char label[96];

	result_init(&res);
	res_error(&res, 0, "process %s died; the kernel closed its sockets",
		  stage_proc_label(st, proc, label, sizeof(label)));
	worker_stop(&p->w, SIGKILL);
	stage_proc_gone(st, proc);
	for (int i = st->npending - 1; i >= 0; i--)
		if (st->pending[i].proc == proc)
			drop_pending(st, i);
	fn(ctx, &res);
	result_free(&res);
}

void stage_poll(struct stage *st, stage_result_fn fn, void *ctx)
{
	struct worker_rep rep;
	int rc;

	for (int i = 0; i < st->nprocs; i++) {
		if (!st->procs[i].alive)
			continue;
		while ((rc = worker_next(&st->procs[i].w, &rep)) == 1)
			deliver_reply(st, i, &rep, fn, ctx);
		if (rc < 0)
			process_died(st, i, fn, ctx);
	}
}
