/* SPDX-License-Identifier: GPL-2.0-or-later */
/* session.h - running command lines in the TUI: a typed ':' line, a key's
 * line, a lesson's lines; their results into the log, the explanations
 * (why) and the session's C program (W); the live ':wait'; the stage's
 * (re)start. */
#ifndef SOCKSTAGE_UI_SESSION_H
#define SOCKSTAGE_UI_SESSION_H

#include <stdbool.h>
#include <stddef.h>

struct command;
struct result;
struct tui;

/* A line typed at ':' (or made by a key): run, logged, exported, then
 * the kernel view read again. */
void tui_run_line(struct tui *t, const char *line);
/* A lesson line, run as a script runs it (outcomes waited for, within the
 * stage's bounds); logged unless quiet. Returns 0 when the call
 * succeeded, its errno when it failed, -1 for anything else; *mismatch:
 * its expectation did not hold. */
int tui_run_script_line(struct tui *t, const struct command *cmd,
			const char *line, bool quiet, bool *mismatch);
/* The same for "wait SOCK STATE", looking once (no waiting). cmd: the
 * line parsed already, or NULL to parse line. */
int tui_run_wait_once(struct tui *t, const struct command *cmd,
		      const char *line, bool quiet, bool *mismatch);
/* A fresh stage: the old one's workers (and sockets) end, and with
 * --sandbox a fresh network namespace; 0, or -1 (logged). */
int tui_stage_fresh(struct tui *t);
/* Start the stage (again): workers, async mode, empty views. */
int tui_stage_start(struct tui *t, char *err, size_t errlen);
/* A line the stage does not run (say...) into the session's C program. */
void tui_export_line(struct tui *t, const struct command *cmd,
		     const char *line);
/* W: write the session so far as a C program to path. */
void tui_export_write(struct tui *t, const char *path);
/* "wait SOCK STATE" without freezing the screen: look once, quietly;
 * true when the state is there or until_ms has passed (then run the line
 * for its result), false: look again later (about 100 ms). */
bool tui_wait_looked(struct tui *t, const struct command *cmd,
		     const char *line, long long until_ms);
/* A ':wait SOCK STATE' under way: look again when due, finish it. */
void tui_wait_tick(struct tui *t);
long long tui_wait_due(const struct tui *t);	/* ms (now_ms), -1 none */
/* What came back from the workers (async mode): finished through the
 * runner, into the log, the explanations, the session's C program. */
void tui_poll(struct tui *t);

#endif
