/* SPDX-License-Identifier: GPL-2.0-or-later */
/* session.c - running lines in the TUI. Every line typed or made by a key
 * runs through the same parser and executor as a script; its result goes
 * to the log (a failure's full explanation to the why ring, the rows it
 * names to the cause marking), the session's C program takes it, and the
 * kernel view is read again right after. A lesson's lines run as a
 * script runs them. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "addr.h"
#include "command.h"
#include "explain.h"
#include "export.h"
#include "outfile.h"
#include "runner.h"
#include "sandbox.h"
#include "session.h"
#include "state.h"
#include "util.h"

/* ---- results into the log ------------------------------------------------ */

/* Notes go to the log, but of an explanation (why:/try: lines) only its
 * conclusion: the advice (the fix the probes proved, or what to do when
 * none helps), else the last try: line; the result it explains stays in
 * sight. When a failure's notes say more than that, the conclusion (or
 * the means: line, or the call) hints that key y shows them all. */
static void log_notes(struct tui *t, const struct result *res)
{
	const struct note *advice = NULL, *last_try = NULL;
	struct log_line *hint_at = log_last(&t->log);
	int shown = 0;

	for (int i = 0; i < res->nnotes; i++) {
		const struct note *n = &res->notes[i];

		if (n->kind == NOTE_ADVICE) {
			advice = n;
		} else if (n->kind == NOTE_TRY) {
			last_try = n;
		} else if (n->kind != NOTE_WHY) {
			log_add(&t->log, ROLE_DIM, "  %s%s", note_label(n->kind),
				n->text);
			shown++;
			if (n->kind == NOTE_MEANS)
				hint_at = log_last(&t->log);
		}
	}
	if (!advice)
		advice = last_try;
	if (advice) {
		log_add(&t->log, ROLE_DIM, "  %s%s", note_label(advice->kind),
			advice->text);
		shown++;
		hint_at = log_last(&t->log);
	}
	if (res->kind == RES_FAIL && res->nnotes > shown && hint_at)
		hint_at->why_hint = true;
}

/* A UNIX socket's name as a line writes it (quoted when it has a space)
 * into buf (120 bytes), or nowhere */
static void unix_name(const struct stage_sock *s, char *buf)
{
	char name[120];

	if (!buf)
		return;
	ep_format(&s->local, name, sizeof(name));
	if (strchr(name, ' ') || strchr(name, '"'))
		snprintf(buf, 120, "\"%.110s\"", name);
	else
		snprintf(buf, 120, "%s", name);
}

static void remember_defaults(struct tui *t, const struct result *res)
{
	const struct stage_sock *s;
	struct endpoint e;

	if (res->kind != RES_OK || res->sock < 0 || res->sock >= t->st.nsocks)
		return;
	s = t->st.socks[res->sock];
	if (s->family == AF_UNIX && (s->local.kind == EP_UNIX_PATH ||
				     s->local.kind == EP_UNIX_ABSTRACT)) {
		unix_name(s, res->cmd == CMD_BIND ? t->last_unix_bind :
			  res->cmd == CMD_LISTEN ? t->last_unix_listen : NULL);
		return;
	}
	if (res->cmd == CMD_BIND && ep_is_inet(&s->local))
		ep_format(&s->local, t->last_bind, sizeof(t->last_bind));
	if (res->cmd == CMD_LISTEN && ep_is_inet(&s->local)) {
		/* connect to a wildcard listener through loopback */
		e = s->local;
		if (e.kind == EP_INET4 && ep_any(&e))
			e.v4.s_addr = htonl(INADDR_LOOPBACK);
		if (e.kind == EP_INET6 && ep_any(&e))
			e.v6 = in6addr_loopback;
		ep_format(&e, t->last_listen, sizeof(t->last_listen));
	}
}

/* A lesson's step gathers the sockets its lines act on (play.c empties
 * the set when a step begins); a command of the user's replaces them. */
static void touch(struct tui *t, const struct result *res)
{
	struct touched *to = &t->touched;

	if (!t->running_script)
		to->n = 0;
	if (res->sock < 0 || res->sock >= t->st.nsocks)
		return;
	for (int i = 0; i < to->n; i++)
		if (to->sock[i] == res->sock)
			return;
	if (to->n == TOUCHED_MAX)
		memmove(to->sock, to->sock + 1, --to->n * sizeof(to->sock[0]));
	to->sock[to->n++] = res->sock;
}

/* A lesson's expect or wait that held: scaffolding, which the log shows
 * as one short line (or in full, or not at all: log.detail). One that
 * failed shows in full whatever the detail. */
static bool is_scaffolding(const struct tui *t, const struct result *res)
{
	return t->running_lesson && !res->mismatch && res->kind == RES_INFO &&
	       (res->cmd == CMD_EXPECT || res->cmd == CMD_WAIT);
}

static void log_scaffolding(struct tui *t, const struct result *res,
			    long long since)
{
	log_mark_since(&t->log, since, LK_FULL);
	log_add(&t->log, ROLE_OK, "%s %s", term_utf8() ? "\xe2\x9c\x93" : "+",
		res->call);
	log_last(&t->log)->kind = LK_SHORT;
}

static void tui_result(void *ctx, const struct result *res)
{
	struct tui *t = ctx;
	long long since = t->log.added;

	touch(t, res);

	if (res->kind != RES_NONE)
		log_result_begins(&t->log);
	switch (res->kind) {
	case RES_OK:
	case RES_INFO:
	case RES_PENDING:
		log_add(&t->log, res->mismatch ? ROLE_FAIL :
			res->kind == RES_PENDING ? ROLE_DIM : ROLE_OK,
			"%s = %s", res->call, res->value);
		break;
	case RES_FAIL:
		log_add(&t->log, ROLE_FAIL, "%s = -1 %s (%s)", res->call,
			explain_errname(res->err), strerror(res->err));
		why_add(&t->why, res);
		why_fit(&t->why, t->placed.rows, t->placed.cols);
		break;
	case RES_ERROR:
		log_add(&t->log, ROLE_FAIL, "error: %s", res->msg);
		break;
	case RES_NONE:
		break;
	}
	log_notes(t, res);
	if (res->mismatch)
		log_add(&t->log, ROLE_FAIL, "MISMATCH: expected %s", res->expected);
	if (is_scaffolding(t, res))
		log_scaffolding(t, res, since);
	if (res->kind == RES_FAIL && res->has_addr) {
		t->cause.active = true;
		t->cause.proto = res->proto;
		t->cause.v6only = res->v6only;
		t->cause.addr = res->addr;
		t->cause.self = res->sock >= 0 && res->sock < t->st.nsocks ?
				t->st.socks[res->sock]->cookie : 0;
		t->cause.nrows = res->nwhy;
		memcpy(t->cause.rows, res->why_rows, sizeof(t->cause.rows));
	}
	remember_defaults(t, res);
	if ((res->kind == RES_OK || res->kind == RES_PENDING) && res->sock >= 0 &&
	    res->sock < t->st.nsocks) {
		/* the socket it made or acted on; after a close that left it
		 * with no holder, its neighbour, so that x again closes the
		 * next one */
		if (res->cmd == CMD_CLOSE && !t->st.socks[res->sock]->nholders)
			tui_select_near(t, res->sock);
		else
			t->sel = res->sock;
	}
	t->dirty = true;
}

/* ---- running a line -------------------------------------------------------- */

/* ---- the runner's sink: results and front-end lines into the log -------- */

static void sink_line(void *ctx, const char *line, const struct command *cmd)
{
	struct tui *t = ctx;

	(void)cmd;
	t->running_line = line;	/* for an error's second line */
}

static void sink_result(void *ctx, const struct command *cmd,
			const struct result *res)
{
	(void)cmd;
	tui_result(ctx, res);
}

static void sink_say(void *ctx, const struct command *cmd)
{
	log_add(&((struct tui *)ctx)->log, ROLE_TITLE, "-- %s", cmd->text);
}

static void sink_show(void *ctx, const struct command *cmd)
{
	struct tui *t = ctx;

	if (!cmd->segment) {
		log_add(&t->log, ROLE_DIM, "show: the kernel view is on screen");
	} else if (!t->st.wire) {
		log_add(&t->log, ROLE_FAIL, "show wire: no capture: %s",
			t->st.wire_err);
	} else {
		t->wv.shown = true;
		t->wv.scroll = 0;
		log_add(&t->log, ROLE_DIM, "show wire: the Wire panel is on screen");
	}
}

static void sink_wait(void *ctx, const struct command *cmd)
{
	(void)cmd;
	log_add(&((struct tui *)ctx)->log, ROLE_DIM,
		"wait: the screen is live; wait is for scripts");
}

static void sink_error(void *ctx, int lineno, int col, const char *msg)
{
	struct tui *t = ctx;

	(void)lineno;
	log_add(&t->log, ROLE_FAIL, "error at column %d: %s", col + 1, msg);
	if (t->running_line && !t->running_script)
		log_add(&t->log, ROLE_DIM, "  %s", t->running_line);
}

static const struct run_sink tui_sink = {
	.on_line = sink_line, .on_result = sink_result, .on_say = sink_say,
	.on_title = sink_say, .on_show = sink_show, .on_wait = sink_wait,
	.on_error = sink_error,
};

/* Keys and the ':' line: never wait (a connect's outcome comes later);
 * expect looks once. */
static const struct run_opts interactive = {
	.exec = { .async = true, .expect_wait_ms = 0 },
};

/* ':wait SOCK STATE [TIMEOUT]': watched from the loop, never freezing
 * the screen; its result comes when the state is there or time is up. */
static void start_live_wait(struct tui *t, const struct command *cmd,
		       const char *line)
{
	long timeout = cmd->duration_ms >= 0 ? cmd->duration_ms : 5000;

	if (t->wait.on) {
		log_add(&t->log, ROLE_FAIL, "error: a wait is under way already");
		return;
	}
	if (strlen(line) >= sizeof(t->wait.line)) {
		log_add(&t->log, ROLE_FAIL, "error: the line is too long to wait on");
		return;
	}
	str_copy(t->wait.line, line, sizeof(t->wait.line));
	t->wait.on = true;
	t->wait.until_ms = now_ms() + timeout;
	t->wait.next_ms = 0;
	log_add(&t->log, ROLE_DIM, "watching the kernel for %s (up to %ld ms)",
		cmd->state_name, timeout);
}

bool tui_wait_looked(struct tui *t, const struct command *cmd,
		     const char *line, long long until_ms)
{
	bool mismatch;

	tui_run_wait_once(t, cmd, line, true, &mismatch);
	return !mismatch || now_ms() >= until_ms;
}

void tui_wait_tick(struct tui *t)
{
	bool mismatch;

	if (!t->wait.on || now_ms() < t->wait.next_ms)
		return;
	if (!tui_wait_looked(t, NULL, t->wait.line, t->wait.until_ms)) {
		t->wait.next_ms = now_ms() + 100;
		return;
	}
	t->wait.on = false;
	tui_run_wait_once(t, NULL, t->wait.line, false, &mismatch);
}

long long tui_wait_due(const struct tui *t)
{
	return t->wait.on ? t->wait.next_ms : -1;
}

void tui_run_line(struct tui *t, const char *line)
{
	struct command cmd;
	struct cmd_error err;

	t->cause.active = false;
	t->running_script = false;
	t->act_ms = now_ms();
	if (command_parse(line, &cmd, &err) == 0 && cmd.kind == CMD_WAIT &&
	    cmd.state >= 0)
		start_live_wait(t, &cmd, line);	/* exported when it ends */
	else
		runner_line(&t->run, line, ++t->export_lineno, &interactive, NULL);
	command_free(&cmd);
	t->running_line = NULL;
	tui_read_kernel(t);
}

void tui_export_line(struct tui *t, const struct command *cmd,
		     const char *line)
{
	runner_export(&t->run, cmd, line, ++t->export_lineno);
}

/* An outcome that came back later (async mode): finished, exported and
 * logged with its line by the runner. */
void tui_poll(struct tui *t)
{
	runner_poll(&t->run);
}

/* W: never over an existing file unless --force, never through a
 * symbolic link, never over the lesson being played (src/outfile.h). */
void tui_export_write(struct tui *t, const char *path)
{
	struct outfile_input in;
	struct outfile o;
	char err[512];
	bool have_in = t->opts.lesson &&
		       outfile_input_of(&in, t->opts.lesson, -1) == 0;

	if (outfile_open(&o, path, have_in ? &in : NULL, t->opts.force, err,
			 sizeof(err)) < 0) {
		log_add(&t->log, ROLE_FAIL, "W: %s", err);
		log_add(&t->log, ROLE_DIM, "  W again with another name");
		return;
	}
	if (export_write(t->export, o.f, err, sizeof(err)) < 0) {
		outfile_discard(&o);
		log_add(&t->log, ROLE_FAIL, "W: '%s': %s", path, err);
		return;
	}
	if (outfile_close(&o, err, sizeof(err)) < 0) {
		log_add(&t->log, ROLE_FAIL, "W: %s", err);
		return;
	}
	log_add(&t->log, ROLE_OK, "the session so far is in %s: cc -std=c11 %s "
		"&& sudo unshare -n sh -c 'ip link set lo up; ./a.out'", path, path);
}

/* A lesson's line, or a look for ':wait': calls wait for their outcomes
 * (within the stage's bounds), expect as long as a script's. cmd: the
 * line parsed already (a lesson's), or NULL. */
static int run_script_line(struct tui *t, const struct command *cmd,
			   const char *line, bool quiet, bool once,
			   bool *mismatch)
{
	struct run_opts o = {
		.exec = { .async = false, .expect_wait_ms = t->script_expect_ms },
		.look_once = once, .silent = quiet, .unexported = once && quiet,
	};
	struct run_outcome out;
	int outcome = -1;

	int lineno = o.unexported ? t->export_lineno : ++t->export_lineno;

	if (!quiet)
		t->cause.active = false;
	t->running_script = true;

	if (cmd)
		runner_command(&t->run, cmd, line, lineno, &o, &out);
	else
		runner_line(&t->run, line, lineno, &o, &out);
	t->running_line = NULL;
	if (out.kind == RES_OK || out.kind == RES_FAIL)
		outcome = out.kind == RES_OK ? 0 : out.err;
	*mismatch = out.mismatch;
	if (!quiet)
		tui_read_kernel(t);
	return outcome;
}

int tui_run_script_line(struct tui *t, const struct command *cmd,
			const char *line, bool quiet, bool *mismatch)
{
	return run_script_line(t, cmd, line, quiet, false, mismatch);
}

int tui_run_wait_once(struct tui *t, const struct command *cmd,
		      const char *line, bool quiet, bool *mismatch)
{
	return run_script_line(t, cmd, line, quiet, true, mismatch);
}

int tui_stage_fresh(struct tui *t)
{
	char err[256];

	stage_free(&t->st);
	if (t->opts.sandbox && sandbox_enter(err, sizeof(err)) < 0)
		log_add(&t->log, ROLE_FAIL, "no fresh namespace: %s", err);
	if (tui_stage_start(t, err, sizeof(err)) < 0) {
		log_add(&t->log, ROLE_FAIL, "cannot start the stage again: %s", err);
		return -1;
	}
	return 0;
}

int tui_stage_start(struct tui *t, char *err, size_t errlen)
{
	if (stage_init(&t->st, err, errlen) < 0)
		return -1;
	if (t->opts.stable)
		stage_set_stable(&t->st);
	t->st.sandboxed = t->opts.sandbox;
	stage_set_idle(&t->st, t->idle, t);	/* the loop's */
	t->script_expect_ms = EXEC_MODE_SCRIPT.expect_wait_ms;
	export_free(t->export);		/* a new stage: a new program */
	t->export = export_new(t->play.on ? t->play.l.name : "sockstage session");
	t->export_lineno = 0;
	runner_free(&t->run);
	runner_init(&t->run, &t->st, &tui_sink, t, t->export);
	track_free(&t->track);
	memset(&t->track, 0, sizeof(t->track));
	kv_reset(&t->kv);
	wv_start(t);
	t->sel = -1;
	t->psel = 0;
	t->sel_top = t->psel_top = 0;
	t->cause.active = false;
	t->wait.on = false;
	return 0;
}
