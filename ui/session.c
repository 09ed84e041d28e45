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
#include "session.h"
#include "state.h"
#include "util.h"

/* ---- results into the log ------------------------------------------------ */

/* Notes go to the log, but of an explanation (why:/try: lines) only its
 * conclusion, the last try: line: the result it explains stays in sight.
 * When a failure's notes say more than that, the advice line (or the
 * means: line, or the call) hints that key y shows them all. */
static void log_notes(struct tui *t, const struct result *res)
{
	const char *s = res->notes.s, *advice = NULL;
	struct log_line *hint_at = log_last(&t->log);
	int advice_len = 0, total = 0, shown = 0;

	while (s && *s) {
		const char *e = strchr(s, '\n');
		int n = e ? (int)(e - s) : (int)strlen(s);

		total++;
		if (!strncmp(s, "try: ", 5)) {
			advice = s;
			advice_len = n;
		} else if (strncmp(s, "why: ", 5)) {
			log_add(&t->log, ROLE_DIM, "  %.*s", n, s);
			shown++;
			if (!strncmp(s, "means: ", 7))
				hint_at = log_last(&t->log);
		}
		s += n + (e ? 1 : 0);
	}
	if (advice) {
		log_add(&t->log, ROLE_DIM, "  %.*s", advice_len, advice);
		shown++;
		hint_at = log_last(&t->log);
	}
	if (res->kind == RES_FAIL && total > shown && hint_at)
		hint_at->why_hint = true;
}

static void remember_defaults(struct tui *t, const struct result *res)
{
	const struct stage_sock *s;
	struct sockaddr_storage ss;

	if (res->kind != RES_OK || res->sock < 0 || res->sock >= t->st.nsocks)
		return;
	s = t->st.socks[res->sock];
	if (!strncmp(res->call, "bind(", 5) && s->has_local)
		addr_format_sa((const struct sockaddr *)&s->local, t->last_bind,
			       sizeof(t->last_bind));
	if (!strncmp(res->call, "listen(", 7) && s->has_local) {
		/* connect to a wildcard listener through loopback */
		ss = s->local;
		if (ss.ss_family == AF_INET &&
		    ((struct sockaddr_in *)&ss)->sin_addr.s_addr == 0)
			((struct sockaddr_in *)&ss)->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		if (ss.ss_family == AF_INET6 &&
		    IN6_IS_ADDR_UNSPECIFIED(&((struct sockaddr_in6 *)&ss)->sin6_addr))
			((struct sockaddr_in6 *)&ss)->sin6_addr = in6addr_loopback;
		addr_format_sa((const struct sockaddr *)&ss, t->last_listen,
			       sizeof(t->last_listen));
	}
}

void tui_result(void *ctx, const struct result *res)
{
	struct tui *t = ctx;

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
	if ((res->kind == RES_OK || res->kind == RES_PENDING) && res->sock >= 0)
		t->sel = res->sock;
	t->dirty = true;
}

/* ---- running a line -------------------------------------------------------- */

/* Commands that belong to a front-end; false: give it to the stage. */
static bool front_end_command(struct tui *t, const struct command *cmd)
{
	switch (cmd->kind) {
	case CMD_NONE:
	case CMD_PAUSE:
		return true;
	case CMD_SAY:
	case CMD_TITLE:
	case CMD_ABOUT:
		log_add(&t->log, ROLE_TITLE, "-- %s", cmd->text);
		return true;
	case CMD_SHOW:
		log_add(&t->log, ROLE_DIM, "show: the kernel view is on screen");
		return true;
	case CMD_WAIT:
		log_add(&t->log, ROLE_DIM,
			"wait: the screen is live; wait is for scripts");
		return true;
	default:
		return false;
	}
}

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

bool tui_wait_looked(struct tui *t, const char *line, long long until_ms)
{
	bool mismatch;

	tui_run_wait_once(t, line, true, &mismatch);
	return !mismatch || now_ms() >= until_ms;
}

void tui_wait_tick(struct tui *t)
{
	bool mismatch;

	if (!t->wait.on || now_ms() < t->wait.next_ms)
		return;
	if (!tui_wait_looked(t, t->wait.line, t->wait.until_ms)) {
		t->wait.next_ms = now_ms() + 100;
		return;
	}
	t->wait.on = false;
	tui_run_wait_once(t, t->wait.line, false, &mismatch);
}

long long tui_wait_due(const struct tui *t)
{
	return t->wait.on ? t->wait.next_ms : -1;
}

void tui_run_line(struct tui *t, const char *line)
{
	struct command cmd;
	struct cmd_error err;
	struct result res;

	t->cause.active = false;
	if (command_parse(line, &cmd, &err) < 0) {
		log_add(&t->log, ROLE_FAIL, "error at column %d: %s", err.col + 1,
			err.msg);
		log_add(&t->log, ROLE_DIM, "  %s", line);
		command_free(&cmd);
		return;
	}
	if (cmd.kind == CMD_WAIT && cmd.state >= 0) {
		start_live_wait(t, &cmd, line);	/* exported when it ends */
	} else if (!front_end_command(t, &cmd)) {
		result_init(&res);
		stage_exec(&t->st, &cmd, &res);
		tui_result(t, &res);
		export_add(t->export, &cmd, line, ++t->export_lineno, &res);
		result_free(&res);
	} else {
		export_add(t->export, &cmd, line, ++t->export_lineno, NULL);
	}
	command_free(&cmd);
	tui_read_kernel(t);
}

void tui_export_line(struct tui *t, const char *line)
{
	struct command cmd;
	struct cmd_error err;

	if (command_parse(line, &cmd, &err) == 0)
		export_add(t->export, &cmd, line, ++t->export_lineno, NULL);
	command_free(&cmd);
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

static int run_script_line(struct tui *t, const char *line, bool quiet,
			   bool once, bool *mismatch)
{
	struct command cmd;
	struct cmd_error err;
	struct result res;
	int outcome = -1, expect_ms = t->st.expect_wait_ms;

	*mismatch = false;
	if (!quiet)
		t->cause.active = false;
	if (command_parse(line, &cmd, &err) < 0) {
		if (!quiet)
			log_add(&t->log, ROLE_FAIL, "error at column %d: %s",
				err.col + 1, err.msg);
		command_free(&cmd);
		return -1;
	}
	result_init(&res);
	if (once && cmd.kind == CMD_WAIT)
		cmd.duration_ms = 0;
	stage_set_async(&t->st, false);
	t->st.expect_wait_ms = t->script_expect_ms;
	stage_exec(&t->st, &cmd, &res);
	t->st.expect_wait_ms = expect_ms;
	stage_set_async(&t->st, true);
	if (res.kind == RES_OK || res.kind == RES_FAIL)
		outcome = res.kind == RES_OK ? 0 : res.err;
	*mismatch = res.mismatch;
	if (!(once && quiet))	/* not a wait that only looked */
		export_add(t->export, &cmd, line, ++t->export_lineno, &res);
	if (!quiet)
		tui_result(t, &res);
	result_free(&res);
	command_free(&cmd);
	if (!quiet)
		tui_read_kernel(t);
	return outcome;
}

int tui_run_script_line(struct tui *t, const char *line, bool quiet,
			bool *mismatch)
{
	return run_script_line(t, line, quiet, false, mismatch);
}

int tui_run_wait_once(struct tui *t, const char *line, bool quiet,
		      bool *mismatch)
{
	return run_script_line(t, line, quiet, true, mismatch);
}

int tui_stage_start(struct tui *t, char *err, size_t errlen)
{
	if (stage_init(&t->st, err, errlen) < 0)
		return -1;
	stage_set_async(&t->st, true);
	stage_set_idle(&t->st, t->idle, t);	/* the loop's */
	t->script_expect_ms = t->st.expect_wait_ms;
	t->st.expect_wait_ms = 0;
	export_free(t->export);		/* a new stage: a new program */
	t->export = export_new(t->play.on ? t->play.l.name : "sockstage session");
	t->export_lineno = 0;
	track_free(&t->track);
	memset(&t->track, 0, sizeof(t->track));
	kv_reset(&t->kv);
	t->sel = -1;
	t->psel = 0;
	t->cause.active = false;
	t->wait.on = false;
	return 0;
}
