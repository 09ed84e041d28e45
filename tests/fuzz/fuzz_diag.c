/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fuzz_diag.c - the sock_diag reply parser (diag_parse_buf) and the
 * kernel view's formatting (view.h): the input is a buffer of netlink
 * messages as a dump's recv() returns them (the seed corpus holds real
 * replies of the kernel). It is parsed as a TCP reply, as a UDP reply and
 * as the reply to a dump of UNIX sockets (diag_unix_parse_buf); every
 * row is then spelled out (state, endpoints, timer, truncated to
 * small buffers too) and printed with view_print into memory, with and
 * without a header, owners that need cleaning included. The table must
 * come out as one line a row, no control character in it. */
#include <netinet/in.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "fuzz.h"
#include "view.h"

/* An owner text made from the row: sometimes empty, sometimes long or
 * with control characters, as a /proc command name may be. */
static void owner_of(void *ctx, const struct diag_row *r, char *buf,
		     size_t len)
{
	unsigned k = (unsigned)(r->inode % 4);
	uint64_t c = r->cookie;
	size_t n = 0;

	if (k == 0)
		return;
	if (k == 1) {
		snprintf(buf, len, "%u/prog", r->uid);
		return;
	}
	while (n + 1 < len && (k == 3 || n < 8)) {
		buf[n++] = (char)(c & 0xff);	/* may be 0: ends the text */
		c = c >> 8 | c << 56;
	}
	buf[n] = '\0';
}

static void check_text(const char *s, size_t len, size_t cap, const char *what)
{
	FUZZ_CHECK(len < cap || cap == 0, "%s: %zu bytes in %zu", what, len, cap);
	for (size_t i = 0; i < len; i++)
		FUZZ_CHECK((unsigned char)s[i] >= ' ', "%s: control byte %#x",
			   what, (unsigned char)s[i]);
}

/* Each formatter, into a buffer of exactly len bytes (overflows show). */
static void format_one(const struct diag_row *r, size_t len)
{
	void (*const fmt[])(const struct diag_row *, char *, size_t) = {
		view_format_local, view_format_peer, view_format_timer,
	};
	char *buf = malloc(len ? len : 1);

	if (!buf)
		abort();
	for (size_t i = 0; i < sizeof(fmt) / sizeof(fmt[0]); i++) {
		if (len)
			buf[0] = 'x';
		fmt[i](r, buf, len);
		if (len)
			check_text(buf, strlen(buf), len, "endpoint or timer");
	}
	free(buf);
}

static void check_row(const struct diag_row *r)
{
	const char *state = view_state_name(r);

	bool is_unix = r->family == AF_UNIX;

	FUZZ_CHECK(r->family == AF_INET || r->family == AF_INET6 || is_unix,
		   "family %u", r->family);
	FUZZ_CHECK(r->v6only >= -1 && r->v6only <= 1, "v6only %d", r->v6only);
	FUZZ_CHECK(state && *state &&
		   strlen(view_netid(r)) == (is_unix ? 5 : 3), "names");
	if (is_unix)
		FUZZ_CHECK(r->namelen <= sizeof(r->name),
			   "name of %u bytes", r->namelen);
	if (strcmp(state, "UNKNOWN") != 0)
		FUZZ_CHECK(view_state_parse(state) == r->state ||
			   (r->proto == IPPROTO_UDP && r->state == KS_CLOSE),
			   "state %u spelled %s", r->state, state);
	format_one(r, 96);
	format_one(r, 1 + r->sport % 24);
	format_one(r, 0);
}

/* view_print into memory: one line a row (and the header). */
static void print_table(const struct diag_table *t, int header)
{
	char *out = NULL;
	size_t len = 0, lines = 0;
	FILE *f = open_memstream(&out, &len);

	if (!f)
		abort();
	FUZZ_CHECK(view_print(f, t, header & 2 ? owner_of : NULL, NULL,
			      header & 1) == 0, "view_print failed");
	fclose(f);
	for (size_t i = 0; i < len; i++) {
		if (out[i] == '\n')
			lines++;
		else
			FUZZ_CHECK((unsigned char)out[i] >= ' ',
				   "control byte %#x in the table", (unsigned char)out[i]);
	}
	FUZZ_CHECK(lines == t->n + (size_t)(header & 1) &&
		   (len == 0 || out[len - 1] == '\n'),
		   "%zu lines for %zu rows", lines, t->n);
	free(out);
}

static void parse_as(const void *buf, size_t size, uint32_t seq, uint8_t proto,
		     struct diag_table *t)
{
	char err[256] = "";
	size_t before = t->n;
	int rc = diag_parse_buf(buf, size, seq, proto, t, err, sizeof(err));

	FUZZ_CHECK(rc >= -2 && rc <= 1, "diag_parse_buf returned %d", rc);
	FUZZ_CHECK(rc != -1 || err[0], "an error without a message");
	FUZZ_CHECK(t->n <= t->cap && t->n - before <= size / 88,
		   "%zu rows from %zu bytes", t->n - before, size);
	for (size_t i = before; i < t->n; i++)
		FUZZ_CHECK(t->rows[i].proto == proto, "row %zu: protocol", i);
}

/* The same buffer as the replies to a dump of UNIX sockets: rows of a
 * header and a unix_diag_msg (32 bytes) at least. */
static void parse_unix(const void *buf, size_t size, uint32_t seq,
		       struct diag_table *t)
{
	char err[256] = "";
	size_t before = t->n;
	int rc = diag_unix_parse_buf(buf, size, seq, t, err, sizeof(err));

	FUZZ_CHECK(rc >= -2 && rc <= 1, "diag_unix_parse_buf returned %d", rc);
	FUZZ_CHECK(rc != -1 || err[0], "an error without a message");
	FUZZ_CHECK(t->n <= t->cap && t->n - before <= size / 32,
		   "%zu rows from %zu bytes", t->n - before, size);
	for (size_t i = before; i < t->n; i++)
		FUZZ_CHECK(t->rows[i].family == AF_UNIX &&
			   t->rows[i].proto == 0, "row %zu: family", i);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_table t = { 0 };
	uint32_t seq = 0;
	void *buf = malloc(size ? size : 1);	/* aligned, exactly its size */

	if (!buf)
		abort();
	memcpy(buf, data, size);
	if (size >= 12)		/* the first message's nlmsg_seq */
		memcpy(&seq, (const char *)buf + 8, sizeof(seq));
	parse_as(buf, size, seq, IPPROTO_TCP, &t);
	parse_as(buf, size, seq, IPPROTO_UDP, &t);
	parse_unix(buf, size, seq, &t);
	for (size_t i = 0; i < t.n; i++)
		check_row(&t.rows[i]);
	for (int header = 0; header < 4; header++)
		print_table(&t, header);
	diag_table_free(&t);
	free(buf);
	return 0;
}
