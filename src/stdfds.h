/* SPDX-License-Identifier: GPL-2.0-or-later */
/* stdfds.h - the standard descriptors 0, 1 and 2.
 *
 * A program started with one of them closed would hand that number to
 * the first descriptor it opens (a worker's channel, the netlink socket)
 * and then read its own channel as "standard input", or write its
 * transcript into a socket. stdfds_reopen, first thing in main, opens
 * every closed one on /dev/null and says which were closed, so that the
 * front-end can refuse to run when the stream it needs was not there. */
#ifndef SOCKSTAGE_STDFDS_H
#define SOCKSTAGE_STDFDS_H

#include <stdio.h>

enum {
	STDFD_IN_CLOSED = 1 << 0,
	STDFD_OUT_CLOSED = 1 << 1,
	STDFD_ERR_CLOSED = 1 << 2,
};

/* Open each of 0-2 that is closed on /dev/null (read-write). Returns the
 * STDFD_*_CLOSED bits of those that were closed; -1 when /dev/null cannot
 * be opened (nothing can be said then: exit). */
int stdfds_reopen(void);

/* Flush f and look for a write error on it: 0, or -1 with the message
 * "sockstage: writing WHAT: REASON" on stderr. */
int stdfds_flush(FILE *f, const char *what);

#endif
