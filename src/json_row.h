/* SPDX-License-Identifier: GPL-2.0-or-later */
/* json_row.h - one row of the kernel's socket table as a JSON object
 * (sockstage --dump --json, and show's rows in a --run --json). Every
 * column of the text dump (view.h), with the same spelling, and the
 * row's numbers apart; the field names are listed in sockstage(1),
 * JSON OUTPUT, and never change meaning. */
#ifndef SOCKSTAGE_JSON_ROW_H
#define SOCKSTAGE_JSON_ROW_H

#include <stdbool.h>
#include <stdio.h>

#include "diag.h"
#include "json_out.h"

/* The row's fields into the object open in j. owners: the owner text
 * (owner.h: "PID/COMMAND,PID/COMMAND,+N"), "" or NULL for none found;
 * with_owners false leaves the "owners" field out (--no-owners). */
void json_row_fields(struct json_out *j, const struct diag_row *r,
		     const char *owners, bool with_owners);

/* The row as one object on its own line. Returns 0, or -1 when writing
 * failed. */
int json_row(struct json_out *j, const struct diag_row *r, const char *owners,
	     bool with_owners);

/* sockstage --dump --json: view_dump's table, one object a row. Returns
 * the process exit code, as view_dump. */
int json_row_dump(const struct diag_filter *f, bool with_owners, FILE *out);

#endif
