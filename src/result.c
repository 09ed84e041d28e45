/* SPDX-License-Identifier: GPL-2.0-or-later */
/* result.c - building a command's outcome: its call, value, errno and
 * typed notes. */
#include "result.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void result_init(struct result *res)
{
	memset(res, 0, sizeof(*res));
	res->sock = -1;
	res->proc = -1;
	res->child_proc = -1;
}

void result_free(struct result *res)
{
	for (int i = 0; i < res->nnotes; i++)
		free(res->notes[i].text);
	free(res->notes);
	res->notes = NULL;
	res->nnotes = res->capnotes = 0;
}

enum result_kind res_error(struct result *res, int col, const char *fmt, ...)
{
	va_list ap;

	res->kind = RES_ERROR;
	res->col = col < 0 ? 0 : col;
	va_start(ap, fmt);
	vsnprintf(res->msg, sizeof(res->msg), fmt, ap);
	va_end(ap);
	return RES_ERROR;
}

void res_call(struct result *res, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(res->call, sizeof(res->call), fmt, ap);
	va_end(ap);
}

void res_value(struct result *res, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(res->value, sizeof(res->value), fmt, ap);
	va_end(ap);
}

static struct note *grow(struct result *res)
{
	if (res->nnotes == res->capnotes) {
		res->capnotes = res->capnotes ? res->capnotes * 2 : 4;
		res->notes = xrealloc(res->notes, (size_t)res->capnotes *
						  sizeof(*res->notes));
	}
	return &res->notes[res->nnotes++];
}

static void add_vnote(struct result *res, enum note_kind kind,
		      const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));

static void add_vnote(struct result *res, enum note_kind kind,
		      const char *fmt, va_list ap)
{
	struct strbuf sb = { 0 };
	struct note *n;

	sb_vprintf(&sb, fmt, ap);
	n = grow(res);
	n->kind = kind;
	n->text = sb.s ? sb.s : xstrdup("");
}

void res_note_kind(struct result *res, enum note_kind kind, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add_vnote(res, kind, fmt, ap);
	va_end(ap);
}

void res_note(struct result *res, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add_vnote(res, NOTE_INFO, fmt, ap);
	va_end(ap);
}

void res_note_first(struct result *res, enum note_kind kind, const char *text)
{
	grow(res);
	memmove(&res->notes[1], &res->notes[0],
		(size_t)(res->nnotes - 1) * sizeof(*res->notes));
	res->notes[0].kind = kind;
	res->notes[0].text = xstrdup(text);
}

const char *note_label(enum note_kind kind)
{
	static const char *const label[NOTE_KIND_COUNT] = {
		[NOTE_INFO] = "", [NOTE_MEANS] = "means: ", [NOTE_WHY] = "why: ",
		[NOTE_TRY] = "try: ", [NOTE_ADVICE] = "try: ",
		[NOTE_KERNEL] = "kernel: ",
	};

	return kind < NOTE_KIND_COUNT ? label[kind] : "";
}

bool res_expect_held(struct result *res, bool found, bool negate)
{
	res->kind = RES_INFO;
	if (found != negate) {
		res_value(res, "ok");
		return true;
	}
	res->mismatch = true;
	/* what was expected: the call without its "expect " */
	str_copy(res->expected, res->call + strlen("expect "),
		 sizeof(res->expected));
	res_value(res, negate ? "found" : "not found");
	return false;
}
