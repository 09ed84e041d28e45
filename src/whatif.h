/* SPDX-License-Identifier: GPL-2.0-or-later */
/* whatif.h - explanations of failed calls, found by asking the kernel:
 * the rows in the way (why:) and what would have worked (try:). Private to
 * the core (each adds notes to
 * res). The command table names one function per command (cmde_*, run
 * by the executor after a failure). whatif.c: EADDRINUSE on bind and
 * listen, with probes;
 * whatif_conn.c: connect and the errors of a connection; whatif_local.c:
 * bind's EADDRNOTAVAIL and EACCES; whatif_host.c: a connect between hosts. */
#ifndef SOCKSTAGE_WHATIF_H
#define SOCKSTAGE_WHATIF_H

#include <stdbool.h>
#include <sys/socket.h>

#include "stage.h"

/* every command's explanation (named in the command table, cmdtab.h) */
#define CMD_EXPLAIN_PROTO(K, word, usage, args, help, call, flags, parse, \
			  exec, explain, ...) \
	void explain(struct stage *st, struct result *res);
CMD_TABLE(CMD_EXPLAIN_PROTO)
#undef CMD_EXPLAIN_PROTO

/* bind: EADDRNOTAVAIL (the address is not local: which are) */
void whatif_bind_not_local(const struct sockaddr_storage *addr,
			   struct result *res);
/* bind: EACCES (a port below ip_unprivileged_port_start) */
void whatif_bind_access(const struct sockaddr_storage *addr,
			struct result *res);

/* connect between hosts (whatif_host.c): ECONNREFUSED by the host whose
 * kernel answered (false: dest is on no other host, not explained) */
bool whatif_host_refused(struct stage *st, const struct stage_sock *s,
			 const struct sockaddr_storage *dest, struct result *res);
/* ... and ETIMEDOUT, EHOSTUNREACH, ENETUNREACH */
void whatif_host_connect(struct stage *st, const struct stage_sock *s,
			 const struct sockaddr_storage *dest, struct result *res);

/* a UNIX socket's bind (EADDRINUSE: a stale file or a live one, ENOENT,
 * EACCES, EINVAL: longer than sun_path) and connect (ECONNREFUSED,
 * ENOENT, EACCES, EPROTOTYPE, EAGAIN: the backlog is full), from
 * res->addr (whatif_unix.c) */
void whatif_unix_bind(struct stage *st, struct result *res);
void whatif_unix_connect(struct stage *st, struct result *res);

/* shared by the whatif files */
/* The uid a stage process runs as. */
long whatif_proc_uid(const struct stage *st, int proc);
/* One "why:" line for a kernel row in the way: state, addresses, owner,
 * the options the stage knows it set, its uid where that matters. */
void whatif_why_row(struct stage *st, const struct diag_row *r, long uid,
		    struct result *res);
/* net.ipv4.ip_local_port_range; 0, or -1 when unreadable */
int whatif_port_range(int *lo, int *hi);

#endif
