/* SPDX-License-Identifier: GPL-2.0-or-later */
/* emit_text.c - the text transcript: "> LINE", "CALL = RESULT", notes,
 * "MISMATCH: expected ...", and show's lines, each made harmless
 * (text.h). */
#include "emit.h"

#include <string.h>

#include "explain.h"
#include "text.h"

static void t_line(struct emitter *e, int lineno, const char *text,
		   const struct command *cmd)
{
	text_fprintf(e->out, "> %s\n", text);
}

static void t_result(struct emitter *e, int lineno, const struct command *cmd,
		     const struct result *res)
{
	if (res->kind == RES_FAIL)
		text_fprintf(e->out, "%s = -1 %s (%s)\n", res->call,
			     explain_errname(res->err), strerror(res->err));
	else
		text_fprintf(e->out, "%s = %s\n", res->call, res->value);
}

static void t_note(struct emitter *e, const struct note *n)
{
	text_fprintf(e->out, "  %s%s\n", note_label(n->kind), n->text);
}

static void t_mismatch(struct emitter *e, int lineno, const struct result *res)
{
	text_fprintf(e->out, "MISMATCH: expected %s\n", res->expected);
}

static void t_error(struct emitter *e, const char *file, int lineno, int col,
		    const char *msg)
{
	text_fprintf(e->out, "%s:%d:%d: error: %s\n", file, lineno, col, msg);
}

static void t_say(struct emitter *e, const char *text)
{
	text_fprintf(e->out, "-- %s\n", text);
}

static void t_title(struct emitter *e, const char *text)
{
	text_fprintf(e->out, "== %s\n", text);
}

static void t_wait(struct emitter *e, long ms)
{
	fprintf(e->out, "wait %ld ms = ok\n", ms);
}

static void t_wire(struct emitter *e, const char *segment)
{
	text_fprintf(e->out, "  wire: %s\n", segment);
}

static void t_chain(struct emitter *e, const char *who, const char *states)
{
	text_fprintf(e->out, "  %s: %s\n", who, states);
}

static void t_change(struct emitter *e, int sock, const char *from,
		     const char *to, enum emit_change why)
{
	if (why == EMIT_KERNEL_ONLY)
		text_fprintf(e->out, "  s%d: %s -> %s (the kernel's; no "
			     "segment seen)\n", sock, from, to);
	else
		text_fprintf(e->out, "  s%d: %s -> %s (no segment%s)\n", sock,
			     from, to, why == EMIT_TIMEWAIT_TIMER ?
			     ": the TIME-WAIT timer" : "");
}

static void t_show(struct emitter *e, enum emit_show kind, const char *text)
{
	text_fprintf(e->out, "  %s\n", text);
}

static void t_field(struct emitter *e, const char *label, const char *value,
		    const char *text)
{
	text_fprintf(e->out, "  %-14s %-20s %s\n", label, value, text);
}

static int t_rows(struct emitter *e, const struct diag_table *t,
		  const struct emit_rows *src)
{
	return view_print_named(e->out, t, src->owner, src->inode_name,
				src->ctx, 0);
}

static const struct emit_ops text_ops = {
	.line = t_line, .result = t_result, .note = t_note,
	.mismatch = t_mismatch, .error = t_error, .say = t_say,
	.title = t_title, .wait = t_wait, .wire = t_wire, .chain = t_chain,
	.change = t_change, .show = t_show, .field = t_field, .rows = t_rows,
};

void emit_text_init(struct emitter *e, FILE *out)
{
	e->ops = &text_ops;
	e->out = out;
	e->priv = NULL;
}
