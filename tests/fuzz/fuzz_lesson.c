/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fuzz_lesson.c - the lesson loader (lesson_read, from memory through
 * fmemopen): the input is a lesson file. A lesson that loads is checked
 * for what the TUI relies on: steps cover the lines in order, each step's
 * question is one of its lines, every line's text is there, and predict
 * mode's choices always include the expected outcome. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "lesson.h"

static void check_choices(const struct lesson *l, int i)
{
	const struct lesson_line *ln = &l->lines[i];
	int out[LESSON_MAX_CHOICES], n, want = ln->has_expect ? ln->expect_errno : 0;
	bool have = false;

	n = lesson_choices(l, i, out, LESSON_MAX_CHOICES);
	FUZZ_CHECK(n >= 2 && n <= LESSON_MAX_CHOICES, "line %d: %d choices",
		   ln->lineno, n);
	for (int k = 0; k < n; k++)
		have |= out[k] == want;
	FUZZ_CHECK(have, "line %d: the expected outcome %d is not offered",
		   ln->lineno, want);
}

static void check_lesson(const struct lesson *l)
{
	int next = 0, lineno = 0;

	FUZZ_CHECK(l->nsteps > 0, "a loaded lesson without steps");
	for (int s = 0; s < l->nsteps; s++) {
		const struct lesson_step *st = &l->steps[s];

		FUZZ_CHECK(st->first == next && st->n > 0 &&
			   st->first + st->n <= l->nlines,
			   "step %d: lines %d+%d of %d", s, st->first, st->n,
			   l->nlines);
		FUZZ_CHECK(st->ask == -1 || (st->ask >= st->first &&
			   st->ask < st->first + st->n), "step %d asks line %d",
			   s, st->ask);
		next = st->first + st->n;
	}
	for (int i = 0; i < l->nlines; i++) {
		const struct lesson_line *ln = &l->lines[i];

		FUZZ_CHECK(ln->lineno > lineno, "line numbers go back");
		lineno = ln->lineno;
		FUZZ_CHECK(ln->text && ln->question &&
			   strlen(ln->question) <= strlen(ln->text),
			   "line %d: text or question", ln->lineno);
		FUZZ_CHECK((ln->kind == CMD_SAY) == (ln->say != NULL),
			   "line %d: say text", ln->lineno);
		check_choices(l, i);
	}
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[512];
	struct lesson l;
	FILE *f;
	int rc;

	if (size == 0)
		return 0;	/* fmemopen wants at least a byte */
	f = fmemopen((void *)data, size, "r");
	if (!f)
		abort();
	rc = lesson_read(f, "fuzz.stage", &l, err, sizeof(err));
	fclose(f);
	if (rc < 0) {
		FUZZ_CHECK(err[0] != '\0', "a failed load without a message");
		FUZZ_CHECK(l.lines == NULL && l.steps == NULL && l.title == NULL,
			   "a failed load left its parts behind");
		return 0;
	}
	FUZZ_CHECK(strcmp(l.name, "fuzz") == 0, "name '%s'", l.name);
	check_lesson(&l);
	lesson_free(&l);
	return 0;
}
