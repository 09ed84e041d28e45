/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cmd_getname.c - getsockname SOCK and getpeername SOCK: the address the
 * kernel gives the socket, and the one it is connected to. Their rows are
 * in the command table (cmdtab.h); their syntax is close's (one socket). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "addr.h"
#include "export_int.h"
#include "stage_int.h"

/* The worker reads both names after every call (getsockname always works
 * on a socket it holds; getpeername says ENOTCONN when there is no peer,
 * the only way it fails on a socket it holds). */
static enum result_kind get_name(struct stage *st, const struct command *cmd,
				 bool peer, struct result *res)
{
	const char *call = peer ? "getpeername" : "getsockname";
	struct stage_target t;
	struct worker_req req;
	struct worker_rep rep;
	char addr[80];

	if (stage_resolve_sock(st, cmd, call, &t, res) < 0)
		return res->kind;
	res_call(res, "%s(%s)", call, t.label);
	stage_req_init(&req, WOP_STATUS, t.fd);
	if (stage_call(st, t.proc, &req, NULL, &rep, NULL, 0, res) < 0)
		return RES_ERROR;
	stage_learn(st, t.s, &rep);
	if (rep.ret == 0 && peer && !rep.peerlen) {
		rep.ret = -1;
		rep.err = ENOTCONN;
	} else if (rep.ret == 0) {
		addr_format_sa((const struct sockaddr *)(peer ? &rep.peer : &rep.local),
			       addr, sizeof(addr));
		res_value(res, "%s", addr);
	}
	return stage_from_reply(res, &rep);
}

enum result_kind cmdx_getsockname(struct stage *st, const struct command *cmd,
				  struct result *res)
{
	return get_name(st, cmd, false, res);
}

enum result_kind cmdx_getpeername(struct stage *st, const struct command *cmd,
				  struct result *res)
{
	return get_name(st, cmd, true, res);
}

/* In the program: the same call, printed the same way (a UNIX name by
 * the runtime's UNIX section). */
static int gen_name(const struct xstep *st, const char *fn)
{
	if (st->s->family == AF_UNIX) {
		sb_printf(st->body, "\tdo_getname_unix(%d, ", st->s->id);
		cgen_call(st->body, st->res);
		sb_printf(st->body, ", %d);\n", strcmp(fn, "getpeername") == 0);
		return 0;
	}
	sb_printf(st->body, "\tif (held(%d, ", st->s->id);
	cgen_call(st->body, st->res);
	sb_printf(st->body, ")) {\n"
		    "\t\tstruct sockaddr_storage a;\n"
		    "\t\tsocklen_t alen = sizeof(a);\n"
		    "\t\tchar v[80] = \"\";\n"
		    "\t\tint rc = %s(fd[%d], (struct sockaddr *)&a, &alen);\n\n"
		    "\t\tif (rc == 0)\n"
		    "\t\t\tfmt_addr(&a, v, sizeof(v));\n"
		    "\t\treport(", fn, st->s->id);
	cgen_call(st->body, st->res);
	sb_add(st->body, ", rc, v);\n\t}\n");
	return 0;
}

int cmdg_getsockname(struct export *x, const struct command *cmd,
		     const struct xstep *st)
{
	(void)x;
	(void)cmd;
	return gen_name(st, "getsockname");
}

int cmdg_getpeername(struct export *x, const struct command *cmd,
		     const struct xstep *st)
{
	(void)x;
	(void)cmd;
	return gen_name(st, "getpeername");
}
