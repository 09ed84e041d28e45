/* SPDX-License-Identifier: GPL-2.0-or-later */
/* export.h - a script as a standalone C program: the same socket calls in
 * the same order, in real processes, printing each call and its result as
 * the batch transcript does. Front-end agnostic: feed it every line as it
 * runs, then write it out. */
#ifndef SOCKSTAGE_EXPORT_H
#define SOCKSTAGE_EXPORT_H

#include <stddef.h>
#include <stdio.h>

#include "command.h"

struct export;
struct result;

/* A new, empty program; title names the script in its header comment. */
struct export *export_new(const char *title);

/* Add one line, in the order the lines run: cmd as parsed (say, title,
 * about, comments included), line its text, lineno its number, res what
 * the stage made of it (NULL for lines the stage does not run: say, show,
 * pause, wait DURATION ...). A line the stage refused (RES_ERROR) becomes a
 * comment; the outcome tells which sockets and processes came to be. */
void export_add(struct export *x, const struct command *cmd, const char *line,
		int lineno, const struct result *res);

/* Write the C program. Returns 0, or -1 with a message in err. */
int export_write(const struct export *x, FILE *out, char *err, size_t errlen);

void export_free(struct export *x);

#endif
