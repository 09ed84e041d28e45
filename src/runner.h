/* SPDX-License-Identifier: GPL-2.0-or-later */
/* runner.h - THE line runner: text -> command -> the executor or a
 * front-end hook -> expectation -> export tap -> a sink. Batch scripts,
 * the TUI's keys and ':' line, and lessons in both front-ends all run
 * through it; an outcome that comes later (an asynchronous connect) is
 * finished, exported and handed to the sink the same way as one that
 * came at once. */
#ifndef SOCKSTAGE_RUNNER_H
#define SOCKSTAGE_RUNNER_H

#include <stdbool.h>

#include "command.h"
#include "export.h"
#include "result.h"
#include "stage.h"

/* What a front-end does with what the runner produces. Any hook may be
 * NULL (nothing to do). cmd is NULL where there is none (a line that did
 * not parse; a process that died on its own). */
struct run_sink {
	/* a line is about to run (a transcript repeats it) */
	void (*on_line)(void *ctx, const char *line, const struct command *cmd);
	/* a command's outcome: a call's result, expect, wait SOCK STATE */
	void (*on_result)(void *ctx, const struct command *cmd,
			  const struct result *res);
	void (*on_say)(void *ctx, const struct command *cmd);	/* say, about */
	void (*on_title)(void *ctx, const struct command *cmd);
	void (*on_show)(void *ctx, const struct command *cmd);
	void (*on_wait)(void *ctx, const struct command *cmd);	/* DURATION */
	/* the line is wrong (col: 0-based), or names an unknown process */
	void (*on_error)(void *ctx, int lineno, int col, const char *msg);
};

/* How one line runs. */
struct run_opts {
	struct exec_mode exec;	/* passed to the executor */
	bool look_once;		/* wait SOCK STATE looks once, never waits */
	bool silent;		/* the sink hears nothing of it */
	bool unexported;	/* the export tap neither */
};

/* What came of a line, for a caller that goes on from there (lessons). */
struct run_outcome {
	enum result_kind kind;	/* RES_NONE for front-end lines */
	int err;		/* RES_FAIL: the errno */
	bool mismatch;		/* an expectation did not hold */
};

struct run_pending;

struct runner {
	struct stage *st;
	const struct run_sink *sink;
	void *ctx;
	struct export *exp;	/* the export tap, or NULL */
	struct run_pending *pending;	/* lines whose outcome comes later */
	int npending, cappending;
};

void runner_init(struct runner *r, struct stage *st,
		 const struct run_sink *sink, void *ctx, struct export *exp);
void runner_free(struct runner *r);

/* Parse and run one line (lineno: its number, for errors and the export).
 * Returns 0, or -1 when it did not parse (the sink's on_error was told).
 * out may be NULL. */
int runner_line(struct runner *r, const char *line, int lineno,
		const struct run_opts *o, struct run_outcome *out);
/* Run a command parsed already (a lesson's line); line is its text. */
void runner_command(struct runner *r, const struct command *cmd,
		    const char *line, int lineno, const struct run_opts *o,
		    struct run_outcome *out);
/* A line the stage does not run, into the export only (a lesson's
 * narration, a pause). */
void runner_export(struct runner *r, const struct command *cmd,
		   const char *line, int lineno);
/* Deliver what has come back (async mode), without blocking. */
void runner_poll(struct runner *r);

#endif
