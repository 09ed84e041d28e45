/* SPDX-License-Identifier: GPL-2.0-or-later */
/* emit.h - the events of a run's transcript (batch.c), each written
 * through one interface: as the text transcript (emit_text.c) or as JSON
 * Lines, one object an event (json_event.c). batch.c decides what
 * happens and in which order; an emitter only spells it. */
#ifndef SOCKSTAGE_EMIT_H
#define SOCKSTAGE_EMIT_H

#include <stdio.h>

#include "command.h"
#include "diag.h"
#include "result.h"
#include "view.h"

/* Why a socket's state changed without the segments saying so (--wire). */
enum emit_change {
	EMIT_NO_SEGMENT,	/* "s1: CLOSE -> LISTEN (no segment)" */
	EMIT_TIMEWAIT_TIMER,	/* "(no segment: the TIME-WAIT timer)" */
	EMIT_KERNEL_ONLY,	/* "(the kernel's; no segment seen)" */
};

/* What show prints in a line of its own, besides rows and fields. */
enum emit_show {
	EMIT_SHOW_NOTE,		/* "(no ports in play yet)", "(the kernel
				   shows no socket ...)" */
	EMIT_SHOW_HOST,		/* "host NAME ADDRESSES" */
	EMIT_SHOW_SOCK,		/* a line of show SOCK that is no field */
	EMIT_SHOW_WIRE,		/* a line of show wire */
	EMIT_SHOW_ERROR,	/* "cannot read the kernel view: ..." */
};

/* Where show's rows get their owner and their UNIX inodes' names. */
struct emit_rows {
	view_owner_fn owner;
	view_inode_fn inode_name;
	/* the stage socket a row is: true, its id and its name ("" when it
	   has none); or NULL */
	bool (*stage_sock)(void *ctx, const struct diag_row *r, int *id,
			   const char **name);
	void *ctx;
};

struct emitter;

struct emit_ops {
	/* a line about to run (lineno: 1-based), cmd NULL when it did not
	   parse */
	void (*line)(struct emitter *e, int lineno, const char *text,
		     const struct command *cmd);
	/* a call's or a command's outcome (not RES_ERROR, not RES_NONE) */
	void (*result)(struct emitter *e, int lineno, const struct command *cmd,
		       const struct result *res);
	void (*note)(struct emitter *e, const struct note *n);
	void (*mismatch)(struct emitter *e, int lineno, const struct result *res);
	/* col: 1-based */
	void (*error)(struct emitter *e, const char *file, int lineno, int col,
		      const char *msg);
	void (*say)(struct emitter *e, const char *text);
	void (*title)(struct emitter *e, const char *text);
	void (*wait)(struct emitter *e, long ms);
	void (*wire)(struct emitter *e, const char *segment);
	/* the states a socket went through, as the segments tell them */
	void (*chain)(struct emitter *e, const char *who, const char *states);
	void (*change)(struct emitter *e, int sock, const char *from,
		       const char *to, enum emit_change why);
	void (*show)(struct emitter *e, enum emit_show kind, const char *text);
	/* a field of show SOCK: "state  ESTAB  what it means" */
	void (*field)(struct emitter *e, const char *label, const char *value,
		      const char *text);
	/* show's kernel rows; returns 0 or -1 (writing failed) */
	int (*rows)(struct emitter *e, const struct diag_table *t,
		    const struct emit_rows *src);
	void (*free)(struct emitter *e);
};

struct emitter {
	const struct emit_ops *ops;
	FILE *out;
	void *priv;		/* the emitter's own */
};

/* The text transcript on out. */
void emit_text_init(struct emitter *e, FILE *out);
/* JSON Lines on out (json_event.c). Returns 0, or -1 (no memory). */
int emit_json_init(struct emitter *e, FILE *out);

static inline void emit_free(struct emitter *e)
{
	if (e->ops && e->ops->free)
		e->ops->free(e);
}

#endif
