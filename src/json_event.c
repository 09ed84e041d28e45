/* SPDX-License-Identifier: GPL-2.0-or-later */
/* json_event.c - a run's transcript as JSON Lines: one object an event,
 * the same events as the text transcript (emit_text.c) in the same
 * order, each with the fields it is made of. The names are listed in
 * sockstage(1), JSON OUTPUT. */
#include "emit.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "explain.h"
#include "json_out.h"
#include "json_row.h"
#include "util.h"

static struct json_out *J(struct emitter *e)
{
	return e->priv;
}

static void begin(struct emitter *e, const char *event)
{
	json_begin(J(e));
	json_kstr(J(e), "event", event);
}

static void end(struct emitter *e)
{
	(void)json_end(J(e));	/* an error shows in ferror(e->out) */
}

/* The length of the word at s: up to a blank, a quoted string (with its
 * backslash escapes) taken whole. */
static size_t word_len(const char *s)
{
	size_t n = 0;
	bool quoted = false;

	for (; s[n] && (quoted || (s[n] != ' ' && s[n] != '\t')); n++) {
		if (quoted && s[n] == '\\' && s[n + 1])
			n++;
		else if (s[n] == '"')
			quoted = !quoted;
	}
	return n;
}

/* The line's words as a script writes them: "PROC:" before the command
 * word (when the line has one), the command word as written, its
 * arguments; a '#' word starts a comment, which is no argument. */
static void line_words(struct emitter *e, const char *text)
{
	const char *p = text + strspn(text, " \t");
	size_t n = word_len(p);
	bool first = true;

	if (n > 1 && p[n - 1] == ':') {
		json_kbytes(J(e), "proc", p, n - 1);
		p += n;
		p += strspn(p, " \t");
		n = word_len(p);
	}
	json_kbytes(J(e), "command", p, *p == '#' ? 0 : n);
	json_key(J(e), "args");
	json_array_open(J(e));
	for (; *p && *p != '#'; p += strspn(p, " \t")) {
		n = word_len(p);
		if (!first)
			json_bytes(J(e), p, n);
		first = false;
		p += n;
	}
	json_array_close(J(e));
}

static void j_line(struct emitter *e, int lineno, const char *text,
		   const struct command *cmd)
{
	begin(e, "line");
	json_kint(J(e), "line", lineno);
	json_kstr(J(e), "text", text);
	line_words(e, text);
	end(e);
}

static const char *result_kind(enum result_kind k)
{
	switch (k) {
	case RES_OK:
		return "ok";
	case RES_FAIL:
		return "fail";
	case RES_INFO:
		return "info";
	case RES_PENDING:
		return "pending";
	default:
		return "none";
	}
}

static void j_result(struct emitter *e, int lineno, const struct command *cmd,
		     const struct result *res)
{
	const char *name = command_name(res->cmd);

	begin(e, "result");
	json_kint(J(e), "line", lineno);
	if (name)
		json_kstr(J(e), "command", name);
	json_kstr(J(e), "call", res->call);
	json_kstr(J(e), "kind", result_kind(res->kind));
	if (res->kind == RES_FAIL) {
		json_kint(J(e), "ret", res->ret);
		json_kstr(J(e), "errno", explain_errname(res->err));
		json_kint(J(e), "errno_code", res->err);
		json_kstr(J(e), "message", strerror(res->err));
	} else {
		json_kstr(J(e), "value", res->value);
	}
	if (res->mismatch || (cmd && (cmd->has_expect || cmd->kind == CMD_EXPECT)))
		json_kbool(J(e), "held", !res->mismatch);
	end(e);
}

static const char *note_kind_name(enum note_kind k)
{
	static const char *const names[NOTE_KIND_COUNT] = {
		[NOTE_INFO] = "info", [NOTE_MEANS] = "means",
		[NOTE_WHY] = "why", [NOTE_TRY] = "try",
		[NOTE_ADVICE] = "advice", [NOTE_KERNEL] = "kernel",
	};

	return k < NOTE_KIND_COUNT ? names[k] : "info";
}

static void j_note(struct emitter *e, const struct note *n)
{
	begin(e, "note");
	json_kstr(J(e), "kind", note_kind_name(n->kind));
	json_kstr(J(e), "label", note_label(n->kind));
	json_kstr(J(e), "text", n->text);
	end(e);
}

static void j_mismatch(struct emitter *e, int lineno, const struct result *res)
{
	begin(e, "mismatch");
	json_kint(J(e), "line", lineno);
	json_kstr(J(e), "expected", res->expected);
	json_kstr(J(e), "seen", res->kind == RES_FAIL ?
		  explain_errname(res->err) : res->value);
	end(e);
}

static void j_error(struct emitter *e, const char *file, int lineno, int col,
		    const char *msg)
{
	begin(e, "error");
	json_kstr(J(e), "file", file);
	json_kint(J(e), "line", lineno);
	json_kint(J(e), "column", col);
	json_kstr(J(e), "message", msg);
	end(e);
}

static void text_event(struct emitter *e, const char *event, const char *key,
		       const char *text)
{
	begin(e, event);
	json_kstr(J(e), key, text);
	end(e);
}

static void j_say(struct emitter *e, const char *text)
{
	text_event(e, "say", "text", text);
}

static void j_title(struct emitter *e, const char *text)
{
	text_event(e, "title", "text", text);
}

static void j_wait(struct emitter *e, long ms)
{
	begin(e, "wait");
	json_kint(J(e), "ms", ms);
	end(e);
}

static void j_wire(struct emitter *e, const char *segment)
{
	text_event(e, "wire", "segment", segment);
}

static void j_chain(struct emitter *e, const char *who, const char *states)
{
	begin(e, "transition");
	json_kstr(J(e), "socket", who);
	json_kstr(J(e), "cause", "segments");
	json_kstr(J(e), "states", states);
	end(e);
}

static void j_change(struct emitter *e, int sock, const char *from,
		     const char *to, enum emit_change why)
{
	char name[24];

	snprintf(name, sizeof(name), "s%d", sock);
	begin(e, "transition");
	json_kstr(J(e), "socket", name);
	json_kstr(J(e), "cause", why == EMIT_KERNEL_ONLY ? "kernel" :
		  why == EMIT_TIMEWAIT_TIMER ? "timewait-timer" : "no-segment");
	json_kstr(J(e), "from", from);
	json_kstr(J(e), "to", to);
	end(e);
}

static void j_show(struct emitter *e, enum emit_show kind, const char *text)
{
	static const char *const kinds[] = {
		[EMIT_SHOW_NOTE] = "note", [EMIT_SHOW_HOST] = "host",
		[EMIT_SHOW_SOCK] = "sock", [EMIT_SHOW_WIRE] = "wire",
		[EMIT_SHOW_ERROR] = "error",
	};

	begin(e, "show");
	json_kstr(J(e), "kind", kind < ARRAY_LEN(kinds) ? kinds[kind] : "note");
	json_kstr(J(e), "text", text);
	end(e);
}

static void j_field(struct emitter *e, const char *label, const char *value,
		    const char *text)
{
	begin(e, "show");
	json_kstr(J(e), "kind", "field");
	json_kstr(J(e), "label", label);
	json_kstr(J(e), "value", value);
	json_kstr(J(e), "text", text);
	end(e);
}

/* The rows as the text transcript lays them out, one line each. */
static char *rows_text(const struct diag_table *t, const struct emit_rows *src,
		       size_t *len)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);

	if (!f)
		return NULL;
	if (view_print_named(f, t, src->owner, src->inode_name, src->ctx, 0) < 0) {
		fclose(f);
		free(buf);
		return NULL;
	}
	if (fclose(f) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

static void row_event(struct emitter *e, const struct diag_row *r,
		      const char *text, size_t len, const struct emit_rows *src)
{
	char owner[128] = "";
	const char *name;
	int id;

	begin(e, "row");
	json_kbytes(J(e), "text", text, len);
	json_row_fields(J(e), r, NULL, false);
	if (src->owner)
		src->owner(src->ctx, r, owner, sizeof(owner));
	json_kstr(J(e), "owner", owner[0] ? owner : "-");
	if (src->stage_sock && src->stage_sock(src->ctx, r, &id, &name)) {
		json_kint(J(e), "stage_id", id);
		if (name[0])
			json_kstr(J(e), "stage_name", name);
	}
	end(e);
}

static int j_rows(struct emitter *e, const struct diag_table *t,
		  const struct emit_rows *src)
{
	size_t len = 0;
	char *text = rows_text(t, src, &len), *p = text, *nl;

	if (!text)
		return -1;
	for (size_t i = 0; i < t->n; i++) {
		nl = p ? memchr(p, '\n', len - (size_t)(p - text)) : NULL;
		row_event(e, &t->rows[i], p ? p : "", nl ? (size_t)(nl - p) : 0,
			  src);
		p = nl ? nl + 1 : NULL;
	}
	free(text);
	return J(e)->err ? -1 : 0;
}

static void j_free(struct emitter *e)
{
	json_out_free(J(e));
	free(e->priv);
	e->priv = NULL;
}

static const struct emit_ops json_ops = {
	.line = j_line, .result = j_result, .note = j_note,
	.mismatch = j_mismatch, .error = j_error, .say = j_say,
	.title = j_title, .wait = j_wait, .wire = j_wire, .chain = j_chain,
	.change = j_change, .show = j_show, .field = j_field, .rows = j_rows,
	.free = j_free,
};

int emit_json_init(struct emitter *e, FILE *out)
{
	struct json_out *j = xmalloc(sizeof(*j));

	if (json_out_init(j, out) < 0) {
		free(j);
		return -1;
	}
	e->ops = &json_ops;
	e->out = out;
	e->priv = j;
	return 0;
}
