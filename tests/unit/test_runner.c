/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_runner.c - the line runner and the executor's finishing, without a
 * network namespace or a terminal: lines that open no socket (narration,
 * waits, processes, errors) through a sink that records what it hears,
 * the export tap, the run options, and exec_finish on hand-made results. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exec.h"
#include "export.h"
#include "runner.h"
#include "stage.h"
#include "tap.h"
#include "util.h"

static struct strbuf heard;

static void on_line(void *ctx, const char *line, const struct command *cmd)
{
	(void)ctx;
	sb_printf(&heard, "line[%s]%s;", line, cmd ? "" : "!");
}

static void on_result(void *ctx, const struct command *cmd,
		      const struct result *res)
{
	static const char *const kind[] = { "none", "ok", "fail", "error",
					    "info", "pending" };

	(void)ctx;
	(void)cmd;
	sb_printf(&heard, "result[%s=%s]", res->call, kind[res->kind]);
	if (res->mismatch)
		sb_printf(&heard, "mismatch[%s]", res->expected);
	sb_add(&heard, ";");
}

static void on_say(void *ctx, const struct command *cmd)
{
	(void)ctx;
	sb_printf(&heard, "say[%s];", cmd->text);
}

static void on_title(void *ctx, const struct command *cmd)
{
	(void)ctx;
	sb_printf(&heard, "title[%s];", cmd->text);
}

static void on_show(void *ctx, const struct command *cmd)
{
	(void)ctx;
	(void)cmd;
	sb_add(&heard, "show;");
}

static void on_wait(void *ctx, const struct command *cmd)
{
	(void)ctx;
	sb_printf(&heard, "wait[%ld];", cmd->duration_ms);
}

static void on_error(void *ctx, int lineno, int col, const char *msg)
{
	(void)ctx;
	sb_printf(&heard, "error[%d:%d %s];", lineno, col, msg);
}

static const struct run_sink sink = {
	.on_line = on_line, .on_result = on_result, .on_say = on_say,
	.on_title = on_title, .on_show = on_show, .on_wait = on_wait,
	.on_error = on_error,
};

static struct runner R;
static const struct run_opts script = { .exec = EXEC_MODE_SCRIPT };

/* Run line, then compare what the sink heard with want. */
static void run(const char *line, const struct run_opts *o, const char *want)
{
	struct run_outcome out;

	sb_reset(&heard);
	runner_line(&R, line, 7, o, &out);
	tap_is_str(heard.s ? heard.s : "", want, "runner: %s", line);
}

static void test_lines(void)
{
	run("say hello there", &script, "line[say hello there];say[hello there];");
	run("title The title", &script, "line[title The title];title[The title];");
	run("about it", &script, "line[about it];say[it];");
	run("show", &script, "line[show];show;");
	run("wait 10ms", &script, "line[wait 10ms];wait[10];");
	run("pause", &script, "line[pause];");
	run("# a comment", &script, "line[# a comment];");
	run("frobnicate s1", &script,
	    "line[frobnicate s1]!;error[7:0 unknown command 'frobnicate'];");
	run("nobody: show", &script,
	    "line[nobody: show];error[7:0 unknown process 'nobody'];");
	run("use main", &script, "line[use main];result[use main=info];");
	run("spawn helper", &script,
	    "line[spawn helper];result[spawn(helper)=ok];");
	run("exit helper => ok", &script,
	    "line[exit helper => ok];result[exit(helper)=ok];");
	run("spawn helper2 => EPERM", &script,
	    "line[spawn helper2 => EPERM];result[spawn(helper2)=ok]"
	    "mismatch[EPERM];");
	run("close s9", &script, "line[close s9];result[=error];");
}

static void test_options(void)
{
	struct run_opts silent = script;
	struct run_outcome out;

	silent.silent = true;
	run("say nobody hears this", &silent, "");
	run("frobnicate", &silent, "");
	sb_reset(&heard);
	runner_line(&R, "spawn p3 => EPERM", 1, &silent, &out);
	tap_ok(out.kind == RES_OK && out.mismatch && !heard.len,
	       "a silent line still reports its outcome to the caller");
	runner_line(&R, "say x", 1, &silent, &out);
	tap_ok(out.kind == RES_NONE && !out.mismatch, "a front-end line: RES_NONE");
	tap_ok(runner_line(&R, "bind", 1, &silent, &out) < 0,
	       "a line that does not parse: -1");
	sb_reset(&heard);
	runner_poll(&R);
	tap_ok(!heard.len, "nothing pending, nothing delivered");
}

static void test_export_tap(void)
{
	struct export *x = export_new("tap");
	struct runner r;
	struct run_opts unexported = script;
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	char err[200];

	runner_init(&r, R.st, &sink, NULL, x);
	runner_line(&r, "say exported narration", 1, &script, NULL);
	unexported.unexported = true;
	runner_line(&r, "say hidden narration", 2, &unexported, NULL);
	runner_line(&r, "spawn tapped", 3, &script, NULL);
	tap_ok(f && export_write(x, f, err, sizeof(err)) == 0, "the program is written");
	if (f)
		fclose(f);
	tap_ok(text && strstr(text, "exported narration"),
	       "the export tap hears a front-end line");
	tap_ok(text && !strstr(text, "hidden narration"),
	       "an unexported line stays out of the program");
	tap_ok(text && strstr(text, "do_spawn(") && strstr(text, "\"spawn(tapped)\""),
	       "a call is exported with its result's call text");
	free(text);
	runner_free(&r);
	export_free(x);
}

/* exec_finish on results made by hand: no worker, no socket. */
static void finish(const char *line, enum result_kind kind, int err,
		   bool mismatch, const char *first_note, const char *what)
{
	struct stage st;
	struct command cmd;
	struct cmd_error e;
	struct result res;

	memset(&st, 0, sizeof(st));
	if (command_parse(line, &cmd, &e) < 0) {
		tap_ok(0, "parses: %s (%s)", line, e.msg);
		return;
	}
	result_init(&res);
	res.kind = kind;
	res.err = err;
	res.ret = kind == RES_FAIL ? -1 : 0;
	res_call(&res, "bind(s1, 127.0.0.1:1)");
	exec_finish(&st, &cmd, &res);
	tap_ok(res.mismatch == mismatch && res.cmd == cmd.kind &&
	       (first_note ? res.nnotes && res.notes[0].kind == NOTE_MEANS &&
			     strstr(res.notes[0].text, first_note) : !res.nnotes),
	       "exec_finish: %s", what);
	result_free(&res);
	command_free(&cmd);
}

static void test_finish(void)
{
	finish("bind s1 127.0.0.1:1 => EADDRINUSE", RES_FAIL, EADDRINUSE, false,
	       "holds this address", "the errno it expected; its meaning first");
	finish("bind s1 127.0.0.1:1 => EADDRINUSE", RES_FAIL, EACCES, true,
	       "privileged", "another errno: a mismatch");
	finish("bind s1 127.0.0.1:1 => ok", RES_OK, 0, false, NULL,
	       "success as expected: no note");
	finish("bind s1 127.0.0.1:1 => ok", RES_FAIL, EADDRINUSE, true,
	       "holds this address", "a failure where ok was expected");
	finish("bind s1 127.0.0.1:1", RES_FAIL, EADDRINUSE, false,
	       "holds this address", "no expectation: never a mismatch");
}

int main(void)
{
	struct stage st;
	char err[200];

	if (stage_init(&st, err, sizeof(err)) < 0) {
		printf("1..0 # SKIP cannot start the stage: %s\n", err);
		return 0;
	}
	runner_init(&R, &st, &sink, NULL, NULL);
	test_lines();
	test_options();
	test_export_tap();
	runner_free(&R);
	stage_free(&st);
	test_finish();
	sb_free(&heard);
	return tap_done();
}
