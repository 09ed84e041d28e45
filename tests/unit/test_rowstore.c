/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_rowstore.c - unit tests of rowstore.c: rows of every kind come
 * back whole (TCP and UDP of both families, UNIX rows with names of any
 * length and bytes, pending inodes beyond those kept), a cleared store
 * is empty and reused, and the sort hands the order every field it
 * reads. */
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "rowstore.h"
#include "tap.h"

static unsigned seed = 12345;

static unsigned rnd(void)
{
	seed = seed * 1103515245u + 12345u;
	return seed >> 8;
}

static void random_row(struct diag_row *r, size_t i)
{
	memset(r, 0, sizeof(*r));
	r->family = (uint8_t[]){ AF_INET, AF_INET6, AF_UNIX }[i % 3];
	r->state = (uint8_t)(rnd() % 12);
	r->timer = (uint8_t)(rnd() % 5);
	r->v6only = (int8_t)(rnd() % 3) - 1;
	r->retrans = (uint8_t)rnd();
	r->host = (uint8_t)(rnd() % 4);
	r->rqueue = rnd();
	r->wqueue = rnd();
	r->expires_ms = rnd();
	r->uid = rnd();
	r->inode = ((uint64_t)rnd() << 32) | rnd();
	r->cookie = ((uint64_t)rnd() << 32) | rnd();
	if (r->family == AF_UNIX) {
		r->type = (uint8_t[]){ SOCK_STREAM, SOCK_DGRAM,
				       SOCK_SEQPACKET }[rnd() % 3];
		r->peer_inode = rnd();
		r->nicons = rnd() % 12;
		for (uint32_t k = 0; k < r->nicons && k < DIAG_UNIX_ICONS; k++)
			r->icons[k] = rnd();
		r->vfs_ino = rnd();
		r->vfs_dev = rnd();
		r->namelen = (uint8_t)(i % 7 == 0 ? DIAG_UNIX_NAME_MAX :
				       rnd() % DIAG_UNIX_NAME_MAX);
		for (int k = 0; k < r->namelen; k++)
			r->name[k] = (char)rnd();	/* any bytes, NULs too */
		return;
	}
	r->proto = rnd() % 2 ? IPPROTO_TCP : IPPROTO_UDP;
	r->type = r->proto == IPPROTO_TCP ? SOCK_STREAM : SOCK_DGRAM;
	r->sport = (uint16_t)rnd();
	r->dport = (uint16_t)rnd();
	r->ifindex = rnd() % 4;
	for (int k = 0; k < 16; k++) {
		r->src.s6_addr[k] = (uint8_t)rnd();
		r->dst.s6_addr[k] = (uint8_t)rnd();
	}
}

static int by_cookie(const void *a, const void *b, void *ctx)
{
	const struct diag_row *x = a, *y = b;

	(*(long *)ctx)++;
	if ((x->family == AF_UNIX) != (y->family == AF_UNIX))
		return x->family == AF_UNIX ? 1 : -1;
	if (x->family != AF_UNIX && x->sport != y->sport)
		return x->sport < y->sport ? -1 : 1;
	return x->cookie < y->cookie ? -1 : x->cookie > y->cookie;
}

int main(void)
{
	enum { N = 5000 };
	static struct diag_row want[N];
	struct rowstore s = { 0 };
	struct diag_row got;
	size_t same = 0, bytes;
	long calls = 0;
	bool sorted = true, unix_last = true;

	for (size_t i = 0; i < N; i++) {
		random_row(&want[i], i);
		rowstore_add(&s, &want[i]);
	}
	tap_ok(s.n == N, "%d rows added", N);
	for (size_t i = 0; i < N; i++)
		same += !memcmp(rowstore_get(&s, i, &got), &want[i],
				sizeof(got));
	tap_ok(same == N, "each comes back whole: %zu of %d", same, N);
	tap_ok(rowstore_cookie(&s, 7) == want[7].cookie &&
	       rowstore_family(&s, 8) == want[8].family &&
	       rowstore_host(&s, 9) == want[9].host &&
	       rowstore_host(&s, 11) == want[11].host,
	       "cookie, family and host without unpacking");
	bytes = rowstore_bytes(&s);
	{
		struct rowstore in = { 0 };
		size_t n = 0;

		for (size_t i = 0; i < N; i++)
			if (want[i].family != AF_UNIX) {
				rowstore_add(&in, &want[i]);
				n++;
			}
		tap_ok(rowstore_bytes(&in) / in.cap == 80 && !in.pool,
		       "a TCP or UDP row in 80 bytes (%zu rows: %zu bytes, "
		       "%zu as diag_rows)", n, rowstore_bytes(&in),
		       n * sizeof(struct diag_row));
		rowstore_free(&in);
	}

	rowstore_sort(&s, by_cookie, &calls);
	for (size_t i = 1; i < s.n; i++) {
		struct diag_row a, b;

		rowstore_get(&s, i - 1, &a);
		rowstore_get(&s, i, &b);
		sorted = sorted && by_cookie(&a, &b, &calls) <= 0;
		unix_last = unix_last && !(a.family == AF_UNIX &&
					  b.family != AF_UNIX);
	}
	tap_ok(calls > 0 && sorted && unix_last, "sorted by the order given");
	same = 0;
	for (size_t i = 0; i < s.n; i++) {
		rowstore_get(&s, i, &got);
		for (size_t k = 0; k < N; k++)
			if (want[k].cookie == got.cookie) {
				same += !memcmp(&got, &want[k], sizeof(got));
				break;
			}
	}
	tap_ok(same == N, "each row whole after the sort: %zu of %d", same, N);

	rowstore_clear(&s);
	tap_ok(s.n == 0 && rowstore_bytes(&s) == bytes,
	       "cleared: no rows, the memory kept");
	rowstore_add(&s, &want[2]);
	tap_ok(s.n == 1 && !memcmp(rowstore_get(&s, 0, &got), &want[2],
				   sizeof(got)), "and reused");
	rowstore_free(&s);
	tap_ok(s.n == 0 && !s.rows && !s.pool, "freed");
	return tap_done();
}
