/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cgen.h - writing C source text: string literals and a result's call as
 * one, for the C exporter and the commands' generators. */
#ifndef SOCKSTAGE_CGEN_H
#define SOCKSTAGE_CGEN_H

#include <stddef.h>

#include "result.h"
#include "util.h"

/* s (n bytes, any bytes) as a C string literal: quotes, escapes, no
 * trigraph, no byte that is not printable ASCII. */
void cgen_string(struct strbuf *b, const char *s, size_t n);
/* The call as the transcript writes it (neutralised), as a literal. */
void cgen_call(struct strbuf *b, const struct result *res);

#endif
