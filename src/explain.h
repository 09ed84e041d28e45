/* SPDX-License-Identifier: GPL-2.0-or-later */
/* explain.h - what an errno means, by name and in words. */
#ifndef SOCKSTAGE_EXPLAIN_H
#define SOCKSTAGE_EXPLAIN_H

#include <stdbool.h>
#include <sys/socket.h>

#include "diag.h"

/* "EADDRINUSE" for EADDRINUSE; "E123" style for unknown numbers (static
 * buffer for those: not reentrant). */
const char *explain_errname(int err);
/* Parse "EADDRINUSE" (case-insensitive; EWOULDBLOCK accepted for EAGAIN).
 * Returns the errno, or -1. */
int explain_errno_parse(const char *name);
/* Every known errno name, NULL-terminated. */
const char *const *explain_errnames(void);

/* Does kernel row r stand in the way of an address a socket asked for
 * (bind, listen, connect): the same protocol and port, and addresses that
 * overlap: equal; a wildcard against any address of its family; an IPv6
 * wildcard that is not v6only against IPv4 (either side); IPv4-mapped
 * IPv6 addresses count as IPv4. v6only: the asking socket's IPV6_V6ONLY. */
bool explain_overlaps(const struct diag_row *r, int proto,
		      const struct sockaddr *sa, bool v6only);

/* What errno err means when call ("bind", "connect", "sendto", "spawn", ...
 * as the transcript names it) returned it: one sentence, static, at most
 * 150 characters. An unknown call gets the generic text; NULL when there is
 * nothing to say about err. */
const char *explain_meaning(const char *call, int err);
/* The same for a socket of FAMILY: a UNIX socket's own text first. */
const char *explain_meaning_family(const char *call, int err, int family);

#endif
