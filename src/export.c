/* SPDX-License-Identifier: GPL-2.0-or-later */
/* export.c - --export-c: a script as a standalone C program that makes the
 * same socket calls, in the same order, in real processes (fork), and
 * prints each call and its result in the batch transcript's form. The
 * program's processes take turns through pipes, so that its lines come
 * out in the script's order; a small runtime does the calls as the
 * stage's workers do them. The runtime, the includes and main are the
 * sections of src/export_rt.c, a C file of their own that make compiles,
 * here as the string literals of the generated export_rt.inc: they go
 * into every program as they are, with the script's sizes, the errno
 * table and the script's steps written between them; a script with a
 * UNIX socket gets the runtime's UNIX section too, and one that names a
 * relative path the section that gives the program a directory of its
 * own, as the stage has one. */
#include "export.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "addr.h"
#include "cgen.h"
#include "explain.h"
#include "export_int.h"
#include "stage.h"
#include "text.h"
#include "util.h"

/* export_rt_prologue, _runtime, _runtime_rest, _epilogue: src/export_rt.c */
#include "export_rt.inc"

#define X_MAX_PROCS 64		/* slots: main, then each spawn and fork */
#define CONNECT_MS STAGE_CONNECT_WAIT_MS	/* waits as the stage waits */
#define IO_MS STAGE_IO_WAIT_MS
#define WAIT_STATE_MS STAGE_STATE_WAIT_MS

struct xproc {
	char name[NAME_MAX_LEN + 1];
	int slot;
	bool alive;
};

struct export {
	char *title;
	struct strbuf head;	/* title and about */
	struct strbuf steps;	/* one function a step */
	struct strbuf table;	/* the steps' table */
	struct strbuf pending;	/* comments for the next step */
	int nsteps;
	struct xproc procs[X_MAX_PROCS];
	int nprocs, nslots, cur;
	struct xsock **socks;	/* each allocated once, never moved */
	int nsocks, capsocks, next_id;
	char refused[300];	/* why there is no program, "" none */
	bool unix_rt;		/* the runtime's UNIX section: a UNIX socket */
	bool unix_dir;		/* a directory of its own: a relative path */
};

/* ---- text ----------------------------------------------------------------- */

/* Does a C compiler see more than a character in the comment text at s:
 * a comment end or start, the trigraph ??/ (a backslash in C11)? */
static bool comment_hazard(const char *s)
{
	return (s[0] == '*' && s[1] == '/') || (s[0] == '/' && s[1] == '*') ||
	       (s[0] == '?' && s[1] == '?' && s[2] == '/');
}

/* Text inside a C comment: what does not print shows as its escape
 * (text.h); a blank goes between the characters of a comment end, a
 * comment start and the trigraph ??/; a backslash that ends a word shows
 * as \x5c, so that no line of a wrapped comment ends in a line splice. */
static void sb_comment_text(struct strbuf *b, const char *s)
{
	struct strbuf t = { 0 };

	text_sb_add(&t, s, strlen(s));
	for (const char *c = t.s; *c; c++) {
		if (comment_hazard(c)) {
			sb_addn(b, c, 1 + (c[0] == '?'));
			sb_add(b, " ");
			c += c[0] == '?';
		} else if (c[0] == '\\' && (c[1] == ' ' || !c[1])) {
			sb_add(b, "\\x5c");
		} else {
			sb_addn(b, c, 1);
		}
	}
	sb_free(&t);
}

/* Text wrapped near 76 columns: first line after open, the others
 * after cont, then close. */
static void sb_wrapped(struct strbuf *b, const char *open, const char *cont,
		       const char *close, const char *text)
{
	struct strbuf t = { 0 };
	const char *s;
	size_t col = 0;

	sb_comment_text(&t, text);
	sb_add(b, open);
	for (s = t.s ? t.s : ""; *s;) {
		size_t w = strcspn(s, " ");

		if (col && col + w > 70) {
			sb_add(b, cont);
			col = 0;
		}
		sb_printf(b, " %.*s", (int)w, s);
		col += w + 1;
		s += w;
		s += strspn(s, " ");
	}
	sb_add(b, close);
	sb_free(&t);
}

/* A comment of one or more lines. */
static void sb_comment_block(struct strbuf *b, const char *text)
{
	sb_wrapped(b, "/*", "\n *", " */\n", text);
}

/* Bytes as a C string literal. */
/* ---- the model: names of sockets and processes -------------------------------- */

static struct xsock *find_sock(struct export *x, const char *ref)
{
	char id[16];

	for (int i = x->nsocks - 1; i >= 0; i--) {
		snprintf(id, sizeof(id), "s%d", x->socks[i]->id);
		if (strcmp(id, ref) == 0 ||
		    (x->socks[i]->name[0] && strcmp(x->socks[i]->name, ref) == 0))
			return x->socks[i];
	}
	return NULL;
}

static struct xsock *add_sock(struct export *x, const char *name, int family,
			      int type)
{
	struct xsock *s;

	if (x->nsocks == x->capsocks) {
		x->capsocks = x->capsocks ? x->capsocks * 2 : 16;
		x->socks = xrealloc(x->socks,
				    (size_t)x->capsocks * sizeof(*x->socks));
	}
	/* the array of pointers may move as it grows, a socket never does */
	s = xcalloc(1, sizeof(*s));
	x->socks[x->nsocks++] = s;
	s->id = ++x->next_id;
	str_copy(s->name, name, sizeof(s->name));
	s->family = family;
	s->type = type;
	return s;
}

/* The living process of that name, else -1. */
static int find_proc(const struct export *x, const char *name)
{
	for (int i = x->nprocs - 1; i >= 0; i--)
		if (x->procs[i].alive && strcmp(x->procs[i].name, name) == 0)
			return i;
	return -1;
}

/* A new slot; the process is alive when it came to be. -1 when full. */
static int add_proc(struct export *x, const char *name, bool alive)
{
	struct xproc *p;

	if (x->nprocs == X_MAX_PROCS)
		return -1;
	p = &x->procs[x->nprocs];
	str_copy(p->name, name, sizeof(p->name));
	p->slot = x->nslots++;
	p->alive = alive;
	return x->nprocs++;
}

/* The process a line runs in: its "NAME:" prefix, else the current one. */
static int line_proc(const struct export *x, const struct command *cmd)
{
	if (cmd->proc.col >= 0)
		return find_proc(x, cmd->proc.name);
	return x->procs[x->cur].alive ? x->cur : -1;
}

/* A living process other than avoid to act for the script (spawn, exit,
 * kill): the line's process, else main, else any. */
static int controller(const struct export *x, const struct command *cmd,
		      int avoid)
{
	int p = line_proc(x, cmd);

	if (p >= 0 && p != avoid)
		return p;
	for (int i = 0; i < x->nprocs; i++)
		if (x->procs[i].alive && i != avoid)
			return i;
	return -1;
}

/* ---- steps -------------------------------------------------------------------- */

/* Open step function number n, run by process p, with pending comments. */
static void step_open(struct export *x, const struct command *cmd,
		      const char *line, int lineno, int p)
{
	if (x->pending.len) {
		sb_add(&x->steps, x->pending.s);
		sb_reset(&x->pending);
	}
	if (cmd->proc.col >= 0)	/* the line names its process itself */
		sb_printf(&x->steps, "/* line %d: ", lineno);
	else
		sb_printf(&x->steps, "/* line %d, in %s: ", lineno, x->procs[p].name);
	sb_comment_text(&x->steps, line + strspn(line, " \t"));
	sb_printf(&x->steps, " */\nstatic void step_%d(void)\n{\n", x->nsteps);
	if (cmd->has_expect)
		sb_printf(&x->steps, "\t/* the script expects => %s */\n",
			  cmd->expect_errno ? explain_errname(cmd->expect_errno) : "ok");
	sb_printf(&x->table, "\t{ step_%d, %d },\t/* line %d, %s */\n", x->nsteps,
		  x->procs[p].slot, lineno, x->procs[p].name);
}

static void step_close(struct export *x)
{
	sb_add(&x->steps, "}\n\n");
	x->nsteps++;
}

/* The call as the transcript prints it (text.h), so that the program
 * prints the same line. */
static void xgen_call_text(struct export *x, const struct result *res)
{
	cgen_call(&x->steps, res);
}

/* A UNIX name as the stage makes it (addr_to_sockaddr): its bytes, an
 * abstract one after a NUL, no NUL after it. A relative path is in the
 * program's own directory. */
static void emit_unix_addr(struct export *x, const struct addrspec *spec,
			   const char *var)
{
	bool abstract = spec->kind == ADDR_ABSTRACT;

	x->unix_rt = true;
	if (!abstract && spec->path[0] != '/')
		x->unix_dir = true;
	sb_printf(&x->steps, "\tstruct sockaddr_storage %s;\n"
		  "\tsocklen_t %slen = sun_make(&%s, %d, ", var, var, var, abstract);
	cgen_string(&x->steps, spec->path, spec->pathlen);
	sb_printf(&x->steps, ", %zu);\n\n", spec->pathlen);
}

/* An address for the socket's family, as the stage makes it: "a"/"len". */
static void emit_addr(struct export *x, const struct addrspec *spec,
		      int family, const char *var)
{
	struct sockaddr_storage ss;
	struct endpoint e;
	socklen_t len;
	char host[INET6_ADDRSTRLEN] = "";

	if (addr_is_unix(spec)) {
		emit_unix_addr(x, spec, var);
		return;
	}
	addr_to_sockaddr(spec, family, &ss, &len);
	ep_from_sockaddr(&e, (const struct sockaddr *)&ss, len);
	if (e.kind == EP_INET6)
		inet_ntop(AF_INET6, &e.v6, host, sizeof(host));
	else
		inet_ntop(AF_INET, &e.v4, host, sizeof(host));
	sb_printf(&x->steps, "\tstruct sockaddr_storage %s;\n"
		  "\tsocklen_t %slen = sa_make(&%s, %s, \"%s\", %d, %uu);\n\n",
		  var, var, var, e.kind == EP_INET6 ? "AF_INET6" : "AF_INET",
		  host, ep_port(&e), (unsigned)e.scope);
}

/* ---- the calls ---------------------------------------------------------------- */

static const char *family_cname(int family)
{
	return family == AF_UNIX ? "AF_UNIX" : family == AF_INET6 ? "AF_INET6" :
	       "AF_INET";
}

static const char *type_cname(int type)
{
	return type == SOCK_STREAM ? "SOCK_STREAM" : type == SOCK_DGRAM ?
	       "SOCK_DGRAM" : "SOCK_SEQPACKET";
}

/* gen_*: the body of one step, for one command: the runtime call that does
 * it (do_socket, do_bind ...), with the values it needs. */

int cmdg_socket(struct export *x, const struct command *cmd,
		const struct xstep *st)
{
	const struct result *res = st->res;
	int type = cmd->type;
	char label[64] = "";
	int id = 0;

	if (cmd->family == AF_UNIX)
		x->unix_rt = true;
	if (!res || res->kind == RES_OK) {
		struct xsock *s = add_sock(x, cmd->as.col >= 0 ? cmd->as.name : "",
					   cmd->family, type);

		id = s->id;
		if (s->name[0])
			snprintf(label, sizeof(label), "s%d (%s)", s->id, s->name);
		else
			snprintf(label, sizeof(label), "s%d", s->id);
	}
	sb_printf(&x->steps, "\tdo_socket(%d, %s, %s, ", id,
		  family_cname(cmd->family), type_cname(type));
	xgen_call_text(x, res);
	sb_printf(&x->steps, ", \"%s\");\n", label);
	return 0;
}

/* The option's value, declared as "v". */
static void emit_opt_value(struct export *x, const struct command *cmd)
{
	struct sockaddr_storage ss;
	socklen_t sl;
	char host[INET_ADDRSTRLEN];

	const struct sockopt_def *d = sockopt_get(cmd->opt);

	if (d->kind == SOV_LINGER) {
		sb_printf(&x->steps, "\tstruct linger v = { %d, %ld };\n\n",
			  cmd->value >= 0, cmd->value >= 0 ? cmd->value : 0);
	} else if (d->kind == SOV_IFNAME) {
		/* a name the parser took as one word: no quote, no backslash */
		sb_printf(&x->steps, "\tchar v[] = \"%s\";\n\n",
			  cmd->text ? cmd->text : "");
	} else if (d->kind == SOV_ADDR4) {
		addr_to_sockaddr(&cmd->addr, AF_INET, &ss, &sl);
		inet_ntop(AF_INET, &((struct sockaddr_in *)(void *)&ss)->sin_addr,
			  host, sizeof(host));
		sb_printf(&x->steps, "\tstruct in_addr v;\n\n"
			  "\tinet_pton(AF_INET, \"%s\", &v);\n", host);
	} else {
		sb_printf(&x->steps, "\tint v = %d;\n\n", (int)cmd->value);
	}
}

int cmdg_set(struct export *x, const struct command *cmd,
	     const struct xstep *st)
{
	const struct xsock *s = st->s;
	const struct result *res = st->res;
	const struct sockopt_def *d = sockopt_get(cmd->opt);

	emit_opt_value(x, cmd);
	sb_printf(&x->steps, "\tdo_setsockopt(%d, ", s->id);
	xgen_call_text(x, res);
	sb_printf(&x->steps, ", %s, %s, &v, sizeof(v));\n",
		  sockopt_clevel(d, s->family), sockopt_cname(d, s->family));
	return 0;
}

int cmdg_join(struct export *x, const struct command *cmd,
	      const struct xstep *st)
{
	const struct xsock *s = st->s;
	const struct result *res = st->res;
	struct sockaddr_storage ss;
	socklen_t sl;
	char grp[INET_ADDRSTRLEN], ifa[INET_ADDRSTRLEN] = "0.0.0.0";

	inet_ntop(AF_INET, &cmd->addr.v4, grp, sizeof(grp));
	if (cmd->addr2.kind != ADDR_NONE) {
		addr_to_sockaddr(&cmd->addr2, AF_INET, &ss, &sl);
		inet_ntop(AF_INET, &((struct sockaddr_in *)(void *)&ss)->sin_addr,
			  ifa, sizeof(ifa));
	}
	sb_printf(&x->steps, "\tstruct ip_mreqn v;\n\n\tmemset(&v, 0, sizeof(v));\n"
		  "\tinet_pton(AF_INET, \"%s\", &v.imr_multiaddr);\n"
		  "\tinet_pton(AF_INET, \"%s\", &v.imr_address);\n"
		  "\tdo_setsockopt(%d, ", grp, ifa, s->id);
	xgen_call_text(x, res);
	sb_printf(&x->steps, ", IPPROTO_IP, %s, &v, sizeof(v));\n",
		  cmd->kind == CMD_JOIN ? "IP_ADD_MEMBERSHIP" : "IP_DROP_MEMBERSHIP");
	return 0;
}

int cmdg_bind(struct export *x, const struct command *cmd,
	      const struct xstep *st)
{
	emit_addr(x, &cmd->addr, st->s->family, "a");
	sb_printf(&x->steps, "\tdo_bind(%d, ", st->s->id);
	xgen_call_text(x, st->res);
	/* a UNIX socket has no port to say */
	sb_printf(&x->steps, ", &a, alen, %d);\n", cmd->addr.port <= 0 &&
		  st->s->family != AF_UNIX);
	return 0;
}

int cmdg_connect(struct export *x, const struct command *cmd,
		 const struct xstep *st)
{
	emit_addr(x, &cmd->addr, st->s->family, "a");
	sb_printf(&x->steps, "\tdo_connect(%d, ", st->s->id);
	xgen_call_text(x, st->res);
	sb_printf(&x->steps, ", &a, alen, %d);\n", CONNECT_MS);
	return 0;
}

int cmdg_accept(struct export *x, const struct command *cmd,
		const struct xstep *st)
{
	const struct xsock *s = st->s;
	const struct result *res = st->res;
	char label[64] = "";
	int nid = 0;

	if (!res || res->kind == RES_OK) {
		const struct xsock *n = add_sock(x, cmd->as.col >= 0 ? cmd->as.name : "",
						 s->family, s->type);

		nid = n->id;
		snprintf(label, sizeof(label), "s%d%s%s%s", n->id, n->name[0] ? " (" : "",
			 n->name, n->name[0] ? ")" : "");
	}
	sb_printf(&x->steps, "\tdo_accept%s(%d, %d, ",
		  s->family == AF_UNIX ? "_unix" : "", s->id, nid);
	xgen_call_text(x, res);
	sb_printf(&x->steps, ", \"%s\", %d);\n", label, IO_MS);
	return 0;
}

int cmdg_send(struct export *x, const struct command *cmd,
	      const struct xstep *st)
{
	const struct xsock *s = st->s;
	const struct result *res = st->res;
	bool to = cmd->kind == CMD_SENDTO;

	if (to)
		emit_addr(x, &cmd->addr, s->family, "a");
	sb_printf(&x->steps, "\tdo_send(%d, ", s->id);
	xgen_call_text(x, res);
	/* a datagram, u_dgr or u_seq message goes whole, in one call */
	sb_printf(&x->steps, ", %d, ", s->type != SOCK_STREAM);
	if (cmd->nbytes >= 0) {
		sb_printf(&x->steps, "NULL, %ld", cmd->nbytes);
	} else {
		cgen_string(&x->steps, cmd->data, cmd->datalen);
		sb_printf(&x->steps, ", %zu", cmd->datalen);
	}
	sb_add(&x->steps, to ? ", &a, alen);\n" : ", NULL, 0);\n");
	return 0;
}

int cmdg_listen(struct export *x, const struct command *cmd,
		const struct xstep *st)
{
	sb_printf(&x->steps, "\tdo_listen%s(%d, ",
		  st->s->family == AF_UNIX ? "_unix" : "", st->s->id);
	xgen_call_text(x, st->res);
	sb_printf(&x->steps, ", %ld);\n", cmd->value);
	return 0;
}

int cmdg_recv(struct export *x, const struct command *cmd,
	      const struct xstep *st)
{
	if (st->s->family == AF_UNIX) {	/* u_seq: neither stream nor datagram */
		sb_printf(&x->steps, "\tdo_recv_unix(%d, ", st->s->id);
		xgen_call_text(x, st->res);
		sb_printf(&x->steps, ", %s, %ld, %d);\n", type_cname(st->s->type),
			  cmd->value, IO_MS);
		return 0;
	}
	sb_printf(&x->steps, "\tdo_recv(%d, ", st->s->id);
	xgen_call_text(x, st->res);
	sb_printf(&x->steps, ", %d, %ld, %d);\n", st->s->type == SOCK_DGRAM,
		  cmd->value, IO_MS);
	return 0;
}

int cmdg_shutdown(struct export *x, const struct command *cmd,
		  const struct xstep *st)
{
	static const char *const how[] = { "SHUT_RD", "SHUT_WR", "SHUT_RDWR" };

	sb_printf(&x->steps, "\tdo_shutdown(%d, ", st->s->id);
	xgen_call_text(x, st->res);
	sb_printf(&x->steps, ", %s);\n", how[cmd->value < 0 || cmd->value > 2 ?
					     2 : cmd->value]);
	return 0;
}

int cmdg_close(struct export *x, const struct command *cmd,
	       const struct xstep *st)
{
	(void)cmd;
	sb_printf(&x->steps, "\tdo_close(%d, ", st->s->id);
	xgen_call_text(x, st->res);
	sb_add(&x->steps, ");\n");
	return 0;
}

/* ---- UNIX-domain sockets: socketpair, passing a socket, unlink ------------------ */

/* "s<id>" or "s<id> (name)" */
static void sock_label(const struct xsock *s, char *buf, size_t len)
{
	snprintf(buf, len, "s%d%s%s%s", s->id, s->name[0] ? " (" : "", s->name,
		 s->name[0] ? ")" : "");
}

int cmdg_socketpair(struct export *x, const struct command *cmd,
		    const struct xstep *st)
{
	const struct result *res = st->res;
	char label[2 * NAME_MAX_LEN + 40] = "";
	int id = 0, id2 = 0;

	x->unix_rt = true;
	if (!res || res->kind == RES_OK) {
		const struct xsock *a = add_sock(x, cmd->as.name, AF_UNIX, cmd->type);
		const struct xsock *b = add_sock(x, cmd->sock2.name, AF_UNIX, cmd->type);

		id = a->id;
		id2 = b->id;
		snprintf(label, sizeof(label), "s%d (%s), s%d (%s)", a->id, a->name,
			 b->id, b->name);
	}
	sb_printf(&x->steps, "\tdo_socketpair(%d, %d, %s, ", id, id2,
		  type_cname(cmd->type));
	xgen_call_text(x, res);
	sb_printf(&x->steps, ", \"%s\");\n", label);
	return 0;
}

int cmdg_sendfd(struct export *x, const struct command *cmd,
		const struct xstep *st)
{
	const struct xsock *s2 = find_sock(x, cmd->sock2.name);

	x->unix_rt = true;
	sb_printf(&x->steps, "\tdo_sendfd(%d, %d, ", st->s->id, s2 ? s2->id : 0);
	xgen_call_text(x, st->res);
	sb_add(&x->steps, ");\n");
	return 0;
}

/* The socket that came: the one the stage's result names ("s19 (gift)"),
 * the same socket in one more process; a socket the stage did not know
 * is a new one, as on the stage. NULL when none came. */
static struct xsock *received_sock(struct export *x, const struct command *cmd,
				   const struct result *res)
{
	struct xsock *s = NULL;
	int id;

	if (!res || res->kind != RES_OK || sscanf(res->value, "s%d", &id) != 1)
		return NULL;
	for (int i = 0; i < x->nsocks && !s; i++)
		if (x->socks[i]->id == id)
			s = x->socks[i];
	if (!s && id == x->next_id + 1)
		s = add_sock(x, "", AF_UNIX, SOCK_STREAM);
	if (s && !s->name[0] && cmd->as.col >= 0)
		str_copy(s->name, cmd->as.name, sizeof(s->name));
	return s;
}

int cmdg_recvfd(struct export *x, const struct command *cmd,
		const struct xstep *st)
{
	const struct xsock *n = received_sock(x, cmd, st->res);
	char label[NAME_MAX_LEN + 32] = "";

	x->unix_rt = true;
	if (n)
		sock_label(n, label, sizeof(label));
	sb_printf(&x->steps, "\tdo_recvfd(%d, %d, ", st->s->id, n ? n->id : 0);
	xgen_call_text(x, st->res);
	sb_printf(&x->steps, ", \"%s\", %d);\n", label, IO_MS);
	return 0;
}

/* The path as the stage's worker takes it from the name: at most
 * sun_path's bytes of it. */
int cmdg_unlink(struct export *x, const struct command *cmd,
		const struct xstep *st)
{
	size_t n = cmd->addr.pathlen < sizeof(((struct sockaddr_un *)0)->sun_path) ?
		   cmd->addr.pathlen : sizeof(((struct sockaddr_un *)0)->sun_path);

	x->unix_rt = true;
	if (cmd->addr.path[0] != '/')
		x->unix_dir = true;
	sb_add(&x->steps, "\tdo_unlink(");
	xgen_call_text(x, st->res);
	sb_add(&x->steps, ", ");
	cgen_string(&x->steps, cmd->addr.path, n);
	sb_add(&x->steps, ");\n");
	return 0;
}

/* ---- processes and waits -------------------------------------------------------- */

/* The name the stage gave a fork's child. */
static void child_name(const struct command *cmd, const struct result *res,
		       char *buf, size_t len)
{
	if (res && res->child[0])
		snprintf(buf, len, "%s", res->child);
	else
		snprintf(buf, len, "%s", cmd->as.col >= 0 ? cmd->as.name : "child");
}

int cmdg_spawn(struct export *x, const struct command *cmd,
	       const struct xstep *st)
{
	const struct result *res = st->res;
	int p = add_proc(x, cmd->sock.name, !res || res->kind == RES_OK);

	if (p < 0)
		return -1;
	sb_printf(&x->steps, "\tdo_spawn(%d, %ld, %ld, ", x->procs[p].slot,
		  cmd->value, cmd->gid);
	xgen_call_text(x, res);
	sb_add(&x->steps, ");\n");
	return 0;
}

int cmdg_fork(struct export *x, const struct command *cmd,
	      const struct xstep *st)
{
	const struct result *res = st->res;
	char name[NAME_MAX_LEN + 1];
	int p;

	child_name(cmd, res, name, sizeof(name));
	if ((p = add_proc(x, name, !res || res->kind == RES_OK)) < 0)
		return -1;
	sb_printf(&x->steps, "\tdo_fork(%d, ", x->procs[p].slot);
	xgen_call_text(x, res);
	sb_printf(&x->steps, ", \"%s\");\n", name);
	return 0;
}

int cmdg_end(struct export *x, const struct command *cmd,
	     const struct xstep *st)
{
	const struct result *res = st->res;
	int target = st->target;

	x->procs[target].alive = false;
	if (target == 0) {
		sb_add(&x->steps, "\tdo_end_main(");
		xgen_call_text(x, res);
		sb_add(&x->steps, ");\n");
		return 0;
	}
	sb_printf(&x->steps, "\tdo_end(%d, %s, ", x->procs[target].slot,
		  cmd->kind == CMD_KILL ? "SIGKILL" : "0");
	xgen_call_text(x, res);
	sb_add(&x->steps, ");\n");
	return 0;
}

/* The state's number in the program: /proc/net's (the parser's), or
 * STATE_BOUND (a TCP_INFO check in the program) for BOUND. */
static int state_code(const struct command *cmd)
{
	return strcmp(cmd->state_name, "BOUND") == 0 ? 100 : cmd->state;
}

int cmdg_wait(struct export *x, const struct command *cmd,
	      const struct xstep *st)
{
	const struct xsock *s = st->s;
	const struct result *res = st->res;

	if (cmd->state < 0) {	/* wait DURATION */
		sb_printf(&x->steps, "\tdo_sleep(%ld);\n", cmd->duration_ms);
		return 0;
	}
	if (s->family == AF_UNIX) {
		sb_printf(&x->steps, "\tdo_wait_state_unix(%d, %d, \"%s\", %ld, ",
			  s->id, state_code(cmd), cmd->state_name,
			  cmd->duration_ms >= 0 ? cmd->duration_ms :
			  (long)WAIT_STATE_MS);
		xgen_call_text(x, res);
		sb_add(&x->steps, ");\n");
		return 0;
	}
	sb_printf(&x->steps, "\tdo_wait_state(%d, %d, %d, \"%s\", %ld, ", s->id,
		  s->type == SOCK_DGRAM, state_code(cmd),
		  cmd->state_name, cmd->duration_ms >= 0 ? cmd->duration_ms :
		  (long)WAIT_STATE_MS);
	xgen_call_text(x, res);
	sb_add(&x->steps, ");\n");
	return 0;
}

/* ---- lines ------------------------------------------------------------------------ */

static void not_exported(struct export *x, int lineno, const char *line,
			 const char *why)
{
	char buf[600];

	snprintf(buf, sizeof(buf), "line %d, not exported (%s): %s", lineno, why,
		 line + strspn(line, " \t"));
	sb_comment_block(&x->pending, buf);
}

static unsigned flags_of(const struct command *cmd)
{
	const struct cmd_info *info = command_info(cmd->kind);

	return info ? info->flags : 0;
}

/* Which process runs the line: -1 (why says why) when none can. */
static int step_owner(const struct export *x, const struct command *cmd,
		      int *target, const char **why)
{
	unsigned f = flags_of(cmd);

	*target = -1;
	*why = "no living process runs it";
	if (f & CF_CONTROL)
		return controller(x, cmd, -1);
	if (f & CF_ENDS) {
		if ((*target = find_proc(x, cmd->sock.name)) <= 0)
			return *target;	/* main ends itself: see cmdg_end */
		*why = "no other process to end it";
		return controller(x, cmd, *target);
	}
	if (f & CF_PROC)	/* fork, use: the process it names */
		return find_proc(x, cmd->sock.name);
	return line_proc(x, cmd);
}

typedef int (*export_fn)(struct export *, const struct command *,
			 const struct xstep *);

#define CMD_EXPORT_ROW(K, word, usage, args, help, call, flags, parse, \
		       exec, explain, gen, errs) \
	[CMD_##K] = gen,
static const export_fn generators[CMD_COUNT] = {
	CMD_TABLE(CMD_EXPORT_ROW)
};
#undef CMD_EXPORT_ROW

int cmdg_use(struct export *x, const struct command *cmd,
	     const struct xstep *st)
{
	sb_add(&x->steps, "\tdo_use(");
	xgen_call_text(x, st->res);
	sb_printf(&x->steps, ", \"%s\");\n", cmd->sock.name);
	x->cur = find_proc(x, cmd->sock.name);
	return 0;
}

/* Checks before a step: the socket it names, a call text. */
static const char *step_check(struct export *x, const struct command *cmd,
			      const struct result *res, const struct xsock **s)
{
	bool wait_state = cmd->kind == CMD_WAIT && cmd->state >= 0;

	*s = NULL;
	if (res && res->kind == RES_ERROR)
		return res->msg;
	/* only a wait DURATION has no result: a front-end waited */
	if (!res && !(cmd->kind == CMD_WAIT && !wait_state))
		return "the stage did not run it";
	if (((flags_of(cmd) & CF_SOCK) || wait_state) &&
	    !(*s = find_sock(x, cmd->sock.name)))
		return "unknown socket";
	if (wait_state && state_code(cmd) < 0)
		return "the program cannot watch that state";
	return NULL;
}

static void add_step(struct export *x, const struct command *cmd,
		     const char *line, int lineno, const struct result *res)
{
	struct xstep st = { .line = line, .lineno = lineno, .res = res,
			    .body = &x->steps };
	const char *why = step_check(x, cmd, res, &st.s);
	int p = -1;

	if (!why)
		p = step_owner(x, cmd, &st.target, &why);
	if (p < 0) {
		not_exported(x, lineno, line, why);
		return;
	}
	step_open(x, cmd, line, lineno, p);
	if (generators[cmd->kind](x, cmd, &st) < 0)
		sb_printf(&x->steps, "\t/* at most %d processes */\n", X_MAX_PROCS);
	step_close(x);
}

/* ---- lines that become comments (CF_NOTE) ---------------------------------- */

int cmdg_say(struct export *x, const struct command *cmd,
	     const struct xstep *st)
{
	(void)st;
	sb_comment_block(&x->pending, cmd->text ? cmd->text : "");
	return 0;
}

/* title, about: the program's header too */
int cmdg_header(struct export *x, const struct command *cmd,
		const struct xstep *st)
{
	(void)st;
	sb_wrapped(&x->head, " *", "\n *", "\n", cmd->text ? cmd->text : "");
	sb_comment_block(&x->pending, cmd->text ? cmd->text : "");
	return 0;
}

int cmdg_pause(struct export *x, const struct command *cmd,
	       const struct xstep *st)
{
	(void)cmd;
	(void)st;
	sb_add(&x->pending, "/* ---- pause: the end of a lesson step ---- */\n\n");
	return 0;
}

/* host, wire: a program of one process tree in one namespace cannot be
 * several machines, nor carry the wire between them: no program. */
int cmdg_host(struct export *x, const struct command *cmd,
	      const struct xstep *st)
{
	if (!x->refused[0])
		snprintf(x->refused, sizeof(x->refused),
			 "line %d (%s) needs hosts: a C program runs in one "
			 "network namespace, and the wire between hosts is "
			 "sockstage's own (TUN devices it relays); run the "
			 "script with sockstage", st->lineno,
			 command_name(cmd->kind));
	return 0;
}

/* show, expect: the program does not read the kernel view */
int cmdg_view(struct export *x, const struct command *cmd,
	      const struct xstep *st)
{
	char buf[300];

	snprintf(buf, sizeof(buf), "line %d: %s (sockstage %s the %s)",
		 st->lineno, st->line + strspn(st->line, " \t"),
		 cmd->kind == CMD_SHOW ? "prints" : "checks",
		 cmd->segment ? "wire" : "kernel view");
	sb_comment_block(&x->pending, buf);
	return 0;
}

void export_add(struct export *x, const struct command *cmd, const char *line,
		int lineno, const struct result *res)
{
	struct xstep st = { .line = line, .lineno = lineno, .res = res,
			    .body = &x->pending };

	if (cmd->kind <= CMD_NONE || cmd->kind >= CMD_COUNT) {
		if (line[strspn(line, " \t")] == '#')	/* a comment stays one */
			sb_comment_block(&x->pending, line + strspn(line, " \t"));
	} else if (flags_of(cmd) & CF_NOTE) {
		generators[cmd->kind](x, cmd, &st);
	} else {
		add_step(x, cmd, line, lineno, res);
	}
}

/* ---- the program ------------------------------------------------------------------ */

static void write_errnames(FILE *out)
{
	for (const char *const *n = explain_errnames(); *n; n++)
		fprintf(out, "#ifdef %s\n\t{ %s, \"%s\" },\n#endif\n", *n, *n, *n);
}

static void write_header(const struct export *x, FILE *out)
{
	fprintf(out, "/* %s: exported by sockstage --export-c.\n *\n", x->title);
	if (x->head.len)
		fprintf(out, "%s *\n", x->head.s);
	fputs(" * The script's socket calls, in its order, in real processes: main,\n"
	      " * and one fork() for each spawn and fork. Each prints its call and\n"
	      " * its result as sockstage's transcript does. What sockstage reads\n"
	      " * in the kernel view (show, expect) stays a comment.\n"
	      " * Build: cc -std=c11 -Wall -Wextra -o prog prog.c\n */\n", out);
}

int export_write(const struct export *x, FILE *out, char *err, size_t errlen)
{
	if (x->refused[0]) {
		snprintf(err, errlen, "%s", x->refused);
		return -1;
	}
	write_header(x, out);
	fputs(export_rt_prologue, out);
	fprintf(out, "#define NSOCK %d\n#define NPROC %d\n#define NSTEPS %d\n\n",
		x->next_id + 1, x->nslots, x->nsteps);
	fputs(export_rt_runtime, out);
	write_errnames(out);
	fputs(export_rt_runtime_rest, out);
	if (x->unix_rt)
		fputs(export_rt_unix, out);
	if (x->unix_dir)
		fputs(export_rt_unix_dir, out);
	fprintf(out, "\n/* ---- the script ---- */\n\n%s", x->steps.s ? x->steps.s : "");
	if (x->pending.len)
		fprintf(out, "%s\n", x->pending.s);
	fprintf(out, "static const struct step steps[] = {\n%s%s};\n\n",
		x->table.s ? x->table.s : "", x->nsteps ? "" : "\t{ NULL, 0 },\n");
	fputs(export_rt_epilogue, out);
	if (fflush(out) != 0 || ferror(out)) {
		snprintf(err, errlen, "%s", strerror(errno ? errno : EIO));
		return -1;
	}
	return 0;
}

struct export *export_new(const char *title)
{
	struct export *x = xcalloc(1, sizeof(*x));
	struct strbuf t = { 0 };

	sb_comment_text(&t, title ? title : "a sockstage script");
	x->title = t.s ? t.s : xstrdup("");
	add_proc(x, "main", true);
	return x;
}

void export_free(struct export *x)
{
	if (!x)
		return;
	free(x->title);
	sb_free(&x->head);
	sb_free(&x->steps);
	sb_free(&x->table);
	sb_free(&x->pending);
	for (int i = 0; i < x->nsocks; i++)
		free(x->socks[i]);
	free(x->socks);
	free(x);
}
