/* SPDX-License-Identifier: GPL-2.0-or-later */
/* diag_int.h - the sock_diag netlink conversation (diag_nl.c) that diag.c
 * and diag_unix.c share: the handle, a request sent, its replies
 * collected, a fresh socket; and the walk over a buffer of replies, each
 * row parsed by the family's parser. Not for other modules: they use
 * diag.h. */
#ifndef SOCKSTAGE_DIAG_INT_H
#define SOCKSTAGE_DIAG_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"

struct nlmsghdr;
struct mnl_socket;

/* The handle (diag_nl.c opens and closes it). */
struct diag {
	struct mnl_socket *nl;
	uint32_t seq;
	void *buf;			/* DIAG_RECV_BUF bytes */
	bool no_compat;			/* TCPDIAG_GETSOCK was refused */
	struct diag_row *scratch;	/* for family_partition */
	size_t scratch_cap;
};

/* Return codes of the dump internals, beside 0 and -1. */
#define DIAG_RETRY	(-2)	/* NLM_F_DUMP_INTR or ENOBUFS: start over */
#define DIAG_REFUSED	(-3)	/* the kernel answered the request with an error */

/* How many times a dump interrupted by a concurrent change is restarted. */
#define DIAG_MAX_TRIES	5

/* A family's parser of one row message; proto is the request's. */
typedef int (*diag_msg_fn)(const struct nlmsghdr *nlh, uint8_t proto,
			   struct diag_row *row, char *err, size_t errlen);

/* Walk a buffer of replies to request seq: rows (SOCK_DIAG_BY_FAMILY or
 * TCPDIAG_GETSOCK messages) through fn, appended to t; min_msg is the
 * smallest a row's message can be (header included). Returns 1 complete,
 * 0 more to come, -1 error, DIAG_RETRY or DIAG_REFUSED. */
int diag_walk_buf(const void *buf, size_t len, uint32_t seq, uint8_t proto,
		  diag_msg_fn fn, size_t min_msg, struct diag_table *t,
		  char *err, size_t errlen);

/* Send nlh as it is, but for its sequence number: the next one. */
int diag_send(struct diag *d, struct nlmsghdr *nlh, char *err,
	      size_t errlen);

/* The replies to the dump request just sent, walked as diag_walk_buf
 * does. Returns 0 done, -1 error, DIAG_RETRY or DIAG_REFUSED. */
int diag_collect(struct diag *d, uint8_t proto, diag_msg_fn fn,
		 size_t min_msg, struct diag_table *t, char *err,
		 size_t errlen);

/* A fresh netlink socket in place of the old one, which may still hold
 * replies to an interrupted request. */
int diag_reopen(struct diag *d, char *err, size_t errlen);

/* The text of a negative errno from the kernel. */
const char *diag_kernel_strerror(int code);

#endif
