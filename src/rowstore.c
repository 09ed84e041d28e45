/* SPDX-License-Identifier: GPL-2.0-or-later */
/* rowstore.c - compact rows: a TCP or UDP row is the first INET_BYTES of
 * its diag_row (everything up to its peer's address), a UNIX row the same
 * head with its own fields after it and its name and pending inodes in
 * the pool. */
#include "rowstore.h"

#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "util.h"

/* the head every row shares, and the end of a TCP or UDP row's fields */
#define HEAD_BYTES	offsetof(struct diag_row, sport)
#define INET_BYTES	(offsetof(struct diag_row, dst) + sizeof(struct in6_addr))

struct unix_part {
	uint64_t peer_inode;
	uint32_t nicons, vfs_ino, vfs_dev;
	uint32_t pool;		/* the name, then the pending inodes kept */
	uint8_t namelen, nkept;
};

struct rowstore_row {
	union {
		unsigned char inet[INET_BYTES];
		struct {
			unsigned char head[HEAD_BYTES];
			struct unix_part u;
		};
	};
};

_Static_assert(HEAD_BYTES % 8 == 0, "the UNIX fields follow the head aligned");
_Static_assert(sizeof(struct rowstore_row) == INET_BYTES,
	       "a UNIX row's fields fit in a TCP row's");

void rowstore_clear(struct rowstore *s)
{
	s->n = 0;
	s->pool_used = 0;
}

void rowstore_free(struct rowstore *s)
{
	free(s->rows);
	free(s->pool);
	memset(s, 0, sizeof(*s));
}

static uint32_t pool_add(struct rowstore *s, const void *p, size_t n)
{
	size_t at = s->pool_used;

	if (s->pool_used + n > s->pool_cap) {
		s->pool_cap = (s->pool_used + n) * 2 + 4096;
		s->pool = xrealloc(s->pool, s->pool_cap);
	}
	if (n)
		memcpy(s->pool + at, p, n);
	s->pool_used += n;
	return (uint32_t)at;
}

static void pack_unix(struct rowstore *s, struct rowstore_row *c,
		      const struct diag_row *r)
{
	size_t namelen = r->namelen < sizeof(r->name) ? r->namelen :
			 sizeof(r->name);
	uint32_t kept = r->nicons < DIAG_UNIX_ICONS ? r->nicons :
			DIAG_UNIX_ICONS;

	memcpy(c->head, r, HEAD_BYTES);
	c->u = (struct unix_part){
		.peer_inode = r->peer_inode, .nicons = r->nicons,
		.vfs_ino = r->vfs_ino, .vfs_dev = r->vfs_dev,
		.namelen = (uint8_t)namelen, .nkept = (uint8_t)kept,
	};
	c->u.pool = pool_add(s, r->name, namelen);
	pool_add(s, r->icons, kept * sizeof(r->icons[0]));
}

void rowstore_add(struct rowstore *s, const struct diag_row *r)
{
	struct rowstore_row *c;

	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 1024;
		s->rows = xrealloc(s->rows, s->cap * sizeof(*s->rows));
	}
	c = &s->rows[s->n++];
	if (r->family == AF_UNIX)
		pack_unix(s, c, r);
	else
		memcpy(c->inet, r, INET_BYTES);
}

static void unpack_unix(const struct rowstore *s, const struct rowstore_row *c,
			struct diag_row *r)
{
	const char *p = s->pool + c->u.pool;

	memcpy(r, c->head, HEAD_BYTES);
	r->peer_inode = c->u.peer_inode;
	r->nicons = c->u.nicons;
	r->vfs_ino = c->u.vfs_ino;
	r->vfs_dev = c->u.vfs_dev;
	r->namelen = c->u.namelen;
	memcpy(r->name, p, c->u.namelen);
	memcpy(r->icons, p + c->u.namelen, c->u.nkept * sizeof(r->icons[0]));
}

static uint8_t head_family(const struct rowstore_row *c)
{
	return c->head[offsetof(struct diag_row, family)];
}

struct diag_row *rowstore_get(const struct rowstore *s, size_t i,
			      struct diag_row *r)
{
	const struct rowstore_row *c = &s->rows[i];

	memset(r, 0, sizeof(*r));
	if (head_family(c) == AF_UNIX)
		unpack_unix(s, c, r);
	else
		memcpy(r, c->inet, INET_BYTES);
	return r;
}

uint64_t rowstore_cookie(const struct rowstore *s, size_t i)
{
	uint64_t cookie;

	memcpy(&cookie, s->rows[i].head + offsetof(struct diag_row, cookie),
	       sizeof(cookie));
	return cookie;
}

uint8_t rowstore_family(const struct rowstore *s, size_t i)
{
	return head_family(&s->rows[i]);
}

uint8_t rowstore_host(const struct rowstore *s, size_t i)
{
	return s->rows[i].head[offsetof(struct diag_row, host)];
}

/* ---- sorting ---------------------------------------------------------------- */

struct sort_ctx {
	const struct rowstore *s;
	int (*cmp)(const void *a, const void *b, void *ctx);
	void *ctx;
};

/* Unpacked for an order: a TCP or UDP row up to its peer's address (the
 * rest of r is left as it is: an order does not read it). */
static const struct diag_row *order_row(const struct rowstore *s,
					const struct rowstore_row *c,
					struct diag_row *r)
{
	if (head_family(c) == AF_UNIX) {
		memset(r, 0, sizeof(*r));
		unpack_unix(s, c, r);
	} else {
		memcpy(r, c->inet, INET_BYTES);
	}
	return r;
}

static int sort_cmp(const void *a, const void *b, void *arg)
{
	const struct sort_ctx *sc = arg;
	struct diag_row x, y;

	return sc->cmp(order_row(sc->s, a, &x), order_row(sc->s, b, &y),
		       sc->ctx);
}

void rowstore_sort(struct rowstore *s,
		   int (*cmp)(const void *a, const void *b, void *ctx),
		   void *ctx)
{
	struct sort_ctx sc = { .s = s, .cmp = cmp, .ctx = ctx };

	if (s->n > 1)
		qsort_r(s->rows, s->n, sizeof(s->rows[0]), sort_cmp, &sc);
}

size_t rowstore_bytes(const struct rowstore *s)
{
	return s->cap * sizeof(s->rows[0]) + s->pool_cap;
}
