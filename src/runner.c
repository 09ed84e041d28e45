/* SPDX-License-Identifier: GPL-2.0-or-later */
/* runner.c - the line runner (runner.h). */
#include "runner.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* A line whose outcome comes later: kept to export and report it then. */
struct run_pending {
	uint64_t key;		/* result.pending */
	struct command cmd;	/* owns its text and data */
	char *line;
	int lineno;
	bool silent, unexported;
};

void runner_init(struct runner *r, struct stage *st,
		 const struct run_sink *sink, void *ctx, struct export *exp)
{
	memset(r, 0, sizeof(*r));
	r->st = st;
	r->sink = sink;
	r->ctx = ctx;
	r->exp = exp;
}

static void pending_free(struct run_pending *p)
{
	command_free(&p->cmd);
	free(p->line);
}

void runner_free(struct runner *r)
{
	for (int i = 0; i < r->npending; i++)
		pending_free(&r->pending[i]);
	free(r->pending);
	r->pending = NULL;
	r->npending = r->cappending = 0;
}

static void keep_pending(struct runner *r, const struct command *cmd,
			 const char *line, int lineno, const struct run_opts *o,
			 uint64_t key)
{
	struct run_pending *p;

	if (r->npending == r->cappending) {
		r->cappending = r->cappending ? r->cappending * 2 : 8;
		r->pending = xrealloc(r->pending, (size_t)r->cappending *
						  sizeof(*r->pending));
	}
	p = &r->pending[r->npending++];
	p->key = key;
	command_copy(&p->cmd, cmd);
	p->line = xstrdup(line);
	p->lineno = lineno;
	p->silent = o->silent;
	p->unexported = o->unexported;
}

static void tell_error(struct runner *r, const struct run_opts *o, int lineno,
		       int col, const char *msg)
{
	if (!o->silent && r->sink->on_error)
		r->sink->on_error(r->ctx, lineno, col, msg);
}

static void tap(struct runner *r, const struct run_opts *o,
		const struct command *cmd, const char *line, int lineno,
		const struct result *res)
{
	if (r->exp && !o->unexported)
		export_add(r->exp, cmd, line, lineno, res);
}

/* say, title, show, wait DURATION, pause: the front-end's */
static void front_end(struct runner *r, const struct run_opts *o,
		      const struct command *cmd)
{
	const struct run_sink *k = r->sink;
	void (*hook)(void *, const struct command *) = NULL;

	if (o->silent)
		return;
	switch (cmd->kind) {
	case CMD_SAY:
	case CMD_ABOUT: hook = k->on_say; break;
	case CMD_TITLE: hook = k->on_title; break;
	case CMD_SHOW: hook = k->on_show; break;
	case CMD_WAIT: hook = k->on_wait; break;
	default: break;
	}
	if (hook)
		hook(r->ctx, cmd);
}

static void outcome_of(const struct result *res, struct run_outcome *out)
{
	if (!out)
		return;
	out->kind = res ? res->kind : RES_NONE;
	out->err = res && res->kind == RES_FAIL ? res->err : 0;
	out->mismatch = res && res->mismatch;
}

static void run_stage(struct runner *r, const struct command *cmd,
		      const char *line, int lineno, const struct run_opts *o,
		      struct run_outcome *out)
{
	struct command look;
	struct result res;

	if (o->look_once && cmd->kind == CMD_WAIT) {
		look = *cmd;	/* no owned parts: wait has neither */
		look.duration_ms = 0;
		cmd = &look;
	}
	result_init(&res);
	stage_exec(r->st, cmd, &o->exec, &res);
	if (res.kind == RES_PENDING)
		keep_pending(r, cmd, line, lineno, o, res.pending);
	else
		tap(r, o, cmd, line, lineno, &res);
	if (!o->silent && r->sink->on_result)
		r->sink->on_result(r->ctx, cmd, &res);
	outcome_of(&res, out);
	result_free(&res);
}

void runner_command(struct runner *r, const struct command *cmd,
		    const char *line, int lineno, const struct run_opts *o,
		    struct run_outcome *out)
{
	char msg[80];

	outcome_of(NULL, out);
	if (!o->silent && r->sink->on_line)
		r->sink->on_line(r->ctx, line, cmd);
	/* show, wait DURATION, pause: a "NAME:" prefix names a process too */
	if (cmd->proc.col >= 0 && stage_find_proc(r->st, cmd->proc.name) < 0) {
		snprintf(msg, sizeof(msg), "unknown process '%s'", cmd->proc.name);
		tell_error(r, o, lineno, cmd->proc.col, msg);
		return;
	}
	if (cmd->kind == CMD_NONE || cmd->frontend) {	/* a comment stays one */
		tap(r, o, cmd, line, lineno, NULL);
		front_end(r, o, cmd);
		return;
	}
	run_stage(r, cmd, line, lineno, o, out);
}

int runner_line(struct runner *r, const char *line, int lineno,
		const struct run_opts *o, struct run_outcome *out)
{
	struct command cmd;
	struct cmd_error err;

	outcome_of(NULL, out);
	if (command_parse(line, &cmd, &err) < 0) {
		if (!o->silent && r->sink->on_line)
			r->sink->on_line(r->ctx, line, NULL);
		tell_error(r, o, lineno, err.col, err.msg);
		command_free(&cmd);
		return -1;
	}
	cmd.line = lineno;
	runner_command(r, &cmd, line, lineno, o, out);
	command_free(&cmd);
	return 0;
}

void runner_export(struct runner *r, const struct command *cmd,
		   const char *line, int lineno)
{
	if (r->exp)
		export_add(r->exp, cmd, line, lineno, NULL);
}

/* An outcome that came later: the line it finishes, exported and told. */
static void arrived(void *ctx, const struct result *res)
{
	struct runner *r = ctx;
	struct run_pending *p = NULL;
	struct run_opts o = { 0 };

	for (int i = 0; res->pending && i < r->npending; i++)
		if (r->pending[i].key == res->pending)
			p = &r->pending[i];
	if (!p) {		/* a process that died on its own */
		if (r->sink->on_result)
			r->sink->on_result(r->ctx, NULL, res);
		return;
	}
	o.silent = p->silent;
	o.unexported = p->unexported;
	tap(r, &o, &p->cmd, p->line, p->lineno, res);
	if (!o.silent && r->sink->on_result)
		r->sink->on_result(r->ctx, &p->cmd, res);
	pending_free(p);
	*p = r->pending[--r->npending];
}

void runner_poll(struct runner *r)
{
	stage_poll(r->st, arrived, r);
}
