/* SPDX-License-Identifier: GPL-2.0-or-later */
/* lesson.h - lessons: command-language files with a header (title,
 * about), say narration and pause step ends. Loading splits a lesson into
 * steps; finding resolves a name to a file among the installed and
 * in-tree lessons; predict mode gets the question each step asks. */
#ifndef SOCKSTAGE_LESSON_H
#define SOCKSTAGE_LESSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "command.h"

#define LESSON_NAME_MAX 64
#define LESSON_MAX_CHOICES 5

struct lesson_line {
	int lineno;		/* 1-based, in the file */
	struct command cmd;	/* parsed once, at load */
	char *text;
	char *question;		/* the text without its "=> ..." part */
	enum cmd_kind kind;
	bool has_expect;	/* "=> ok|ERRNO" */
	int expect_errno;	/* 0 for ok */
	char *say;		/* say: the narration, else NULL */
	long wait_ms;		/* wait DURATION: how long, else -1 */
	long until_ms;		/* wait SOCK STATE: its timeout, else -1 */
	bool beat;		/* a say that begins a beat of its step:
				   step by step, Space stops before it */
};

/* A step runs in beats: a say that comes after a call of the step and
 * before another begins a new one, so that its narration stands while
 * the calls it speaks of run and their results are on screen. A say at
 * the step's end joins the last beat. */
struct lesson_step {
	int first, n;		/* lines [first, first + n) of the lesson */
	int nbeats;		/* 1 + the lines marked beat */
	int ask;		/* the line predict mode asks about, or -1:
				   never the same question as prev_ask's */
	int prev_ask;		/* the line of the question asked before this
				   step's (in an earlier step), or -1 */
};

struct lesson {
	char *path;
	char name[LESSON_NAME_MAX];	/* the file name without .stage */
	char *title, *about;		/* NULL when missing */
	bool needs_root;		/* a line "# needs: root" */
	struct lesson_line *lines;	/* runnable lines (no header, pause,
					   blank or comment lines) */
	int nlines;
	struct lesson_step *steps;
	int nsteps;
};

/* Read and parse a lesson. Returns 0, or -1 with "FILE:LINE:COL: error:
 * MESSAGE" (or why the file cannot be read) in err. */
int lesson_load(const char *path, struct lesson *l, char *err, size_t errlen);
/* The same from a stream open for reading (read to its end, not closed):
 * path names the lesson in messages and gives l->name. Lets a lesson come
 * from memory (fmemopen), as the fuzzing harness feeds it. */
int lesson_read(FILE *f, const char *path, struct lesson *l, char *err,
		size_t errlen);
void lesson_free(struct lesson *l);

/* Resolve what --lesson was given: a path (with a '/' or ending in
 * .stage), or a name: "first-server", "01-first-server" or "1", looked up
 * in $SOCKSTAGE_LESSONS, then the lessons beside the program (in-tree),
 * then the installed ones. Returns 0 with the path, or -1 with a message
 * that lists where it looked. */
int lesson_find(const char *what, char *path, size_t len, char *err,
		size_t errlen);

/* Print every lesson found, one per line: name, then title. Returns the
 * number printed (0: none found, with a note on stderr). */
int lesson_list(FILE *out);

/* Predict mode: the outcomes to choose from for line i (0 for success,
 * else an errno): success and plausible errors for that call, the
 * expected one always among them. Returns how many (at most max). */
int lesson_choices(const struct lesson *l, int i, int *out, int max);

/* Predict mode: what the lines [from, to) changed, as a short list for
 * "since the last question: ...": each call that creates or changes a
 * socket or a process ("l2 (server2) has set SO_REUSEADDR"), not those
 * expected to fail; the last max of them, "; " apart, after "N earlier
 * calls, then " when there are more. Returns how many such calls. */
int lesson_since(const struct lesson *l, int from, int to, int max, char *buf,
		 size_t len);

#endif
