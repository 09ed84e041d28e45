/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cgen.c - C source text (cgen.h). */
#include "cgen.h"

#include <string.h>

#include "text.h"

void cgen_string(struct strbuf *b, const char *s, size_t n)
{
	sb_add(b, "\"");
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"' || c == '\\' || c == '?')
			sb_printf(b, "\\%c", c);
		else if (c >= 32 && c < 127)
			sb_addn(b, (const char *)&c, 1);
		else
			sb_printf(b, "\\%03o", c);
	}
	sb_add(b, "\"");
}

void cgen_call(struct strbuf *b, const struct result *res)
{
	struct strbuf t = { 0 };

	text_sb_add(&t, res->call, strlen(res->call));
	cgen_string(b, t.s ? t.s : "", t.len);
	sb_free(&t);
}
