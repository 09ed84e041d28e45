/* SPDX-License-Identifier: GPL-2.0-or-later */
/* view.c - the kernel view: diag rows spelled the way ss spells them
 * (states, addresses, ports; a UNIX socket's name and inode as ss -x
 * spells them, its unprintable bytes escaped), sockstage's timer column,
 * and the aligned
 * table that --dump prints. view_print is the hot path on big tables: it
 * formats every row once into one arena while measuring the columns,
 * then writes the padded lines through one large output buffer. */
#include "view.h"

#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "owner.h"
#include "rowq.h"
#include "text.h"
#include "util.h"

/* An interface name as shown: every byte may be an escape ("\x1b"). */
#define IFNAME_SHOWN	(4 * IF_NAMESIZE)
/* Longest endpoint: "[" IPv6 "]" "%" ifname ":" port, with room. */
#define END_TEXT_MAX		(64 + IFNAME_SHOWN)
/* Longest timer text: "keepalive:4294967s,r255". */
#define TIMER_MAX	48
#define OWNER_MAX	64
/* The owner as shown: escapes too, within a cell's 255 bytes. */
#define OWNER_SHOWN	(4 * OWNER_MAX)
/* A UNIX socket's name as shown: "@" and every byte an escape, NUL. */
#define UNIX_NAME_SHOWN	(1 + 4 * DIAG_UNIX_NAME_MAX + 1)
/* Its local end: the name, a blank, the inode. */
#define UNIX_END_MAX	(UNIX_NAME_SHOWN + 24)

static const char *const state_names[KS_MAX_STATES] = {
	[KS_ESTABLISHED] = "ESTAB",
	[KS_SYN_SENT] = "SYN-SENT",
	[KS_SYN_RECV] = "SYN-RECV",
	[KS_FIN_WAIT1] = "FIN-WAIT-1",
	[KS_FIN_WAIT2] = "FIN-WAIT-2",
	[KS_TIME_WAIT] = "TIME-WAIT",
	[KS_CLOSE] = "UNCONN",
	[KS_CLOSE_WAIT] = "CLOSE-WAIT",
	[KS_LAST_ACK] = "LAST-ACK",
	[KS_LISTEN] = "LISTEN",
	[KS_CLOSING] = "CLOSING",
};

static const char *unix_netid(uint8_t type)
{
	switch (type) {
	case SOCK_STREAM:
		return "u_str";
	case SOCK_DGRAM:
		return "u_dgr";
	case SOCK_SEQPACKET:
		return "u_seq";
	default:
		return "u_???";
	}
}

const char *view_netid(const struct diag_row *r)
{
	if (r->family == AF_UNIX)
		return unix_netid(r->type);
	return r->proto == IPPROTO_UDP ? "udp" : "tcp";
}

const char *view_state_name(const struct diag_row *r)
{
	/* TCP in state CLOSE: only bound, or a connection that ended (reset)
	 * whose socket is still held: it keeps its peer. A UNIX socket in
	 * CLOSE is not connected: UNCONN, as for UDP. */
	if (r->state == KS_CLOSE && r->proto == IPPROTO_TCP &&
	    r->family != AF_UNIX)
		return r->dport ? "CLOSE" : "BOUND";
	if (r->state >= KS_MAX_STATES || !state_names[r->state])
		return "UNKNOWN";
	return state_names[r->state];
}

const char *view_state_text(uint8_t proto, int state)
{
	if (state == KS_CLOSE)
		return proto == IPPROTO_UDP ? "UNCONN" : "CLOSE";
	if (state <= 0 || state >= KS_MAX_STATES || !state_names[state])
		return "?";
	return state_names[state];
}

int view_state_parse(const char *name)
{
	int i;

	if (!name)
		return -1;
	if (strcasecmp(name, "BOUND") == 0 || strcasecmp(name, "CLOSE") == 0)
		return KS_CLOSE;
	for (i = 1; i < KS_MAX_STATES; i++)
		if (strcasecmp(name, state_names[i]) == 0)
			return i;
	return -1;
}

const char *const *view_state_names(void)
{
	static const char *list[KS_MAX_STATES + 3];

	if (!list[0]) {
		int n = 0;

		for (int i = 1; i < KS_MAX_STATES; i++)
			if (state_names[i])
				list[n++] = state_names[i];
		list[n++] = "BOUND";
		list[n++] = "CLOSE";
	}
	return list;
}

/* --- small fast formatters; each returns the end of what it wrote ----- */

static char *put_str(char *p, const char *s)
{
	size_t n = strlen(s);

	memcpy(p, s, n);
	return p + n;
}

static char *put_u32(char *p, uint32_t v)
{
	char tmp[10];
	int n = 0;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		*p++ = tmp[--n];
	return p;
}

static char *put_u64(char *p, uint64_t v)
{
	char tmp[20];
	int n = 0;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		*p++ = tmp[--n];
	return p;
}

static char *put_ipv4(char *p, const unsigned char *a)
{
	int i;

	for (i = 0; i < 4; i++) {
		if (i)
			*p++ = '.';
		p = put_u32(p, a[i]);
	}
	return p;
}

void view_ipv4_text(const unsigned char *a, char *buf)
{
	*put_ipv4(buf, a) = '\0';
}

/* A few interface names, looked up once per table, as shown: the kernel
 * lets a name hold any byte but '/', ':' and blanks, ESC included. */
struct ifcache {
	unsigned n;
	uint32_t index[8];
	char name[8][IFNAME_SHOWN];
};

static const char *if_name(struct ifcache *c, uint32_t index)
{
	char raw[IF_NAMESIZE];
	unsigned i, slot;

	for (i = 0; i < c->n; i++)
		if (c->index[i] == index)
			return c->name[i];
	slot = c->n < 8 ? c->n++ : index % 8;
	c->index[slot] = index;
	if (if_indextoname(index, raw))
		text_escape(c->name[slot], IFNAME_SHOWN, raw, strlen(raw));
	else
		snprintf(c->name[slot], IFNAME_SHOWN, "if%u", index);
	return c->name[slot];
}

/* The address part of an endpoint as ss -n prints it: IPv4 dotted,
 * IPv6 bracketed, the IPv6 wildcard of a socket that is not v6only as
 * "*", and "%ifname" after a local address bound to a device. */
static char *put_addr(char *p, const struct diag_row *r,
		      const struct endpoint *e, struct ifcache *ifc)
{
	char tmp[INET6_ADDRSTRLEN];

	if (e->kind == EP_INET4) {
		p = put_ipv4(p, (const unsigned char *)&e->v4);
	} else if (e->kind != EP_INET6) {
		ep_format(e, tmp, sizeof(tmp));
		p = put_str(p, tmp);
	} else if (r->v6only != 1 && IN6_IS_ADDR_UNSPECIFIED(&e->v6)) {
		*p++ = '*';
	} else {
		if (!inet_ntop(AF_INET6, &e->v6, tmp, sizeof(tmp)))
			str_copy(tmp, "?", sizeof(tmp));
		*p++ = '[';
		p = put_str(p, tmp);
		*p++ = ']';
	}
	if (ifc && r->ifindex) {
		*p++ = '%';
		p = put_str(p, if_name(ifc, r->ifindex));
	}
	return p;
}
static char *put_port(char *p, uint16_t port)
{
	if (!port) {
		*p++ = '*';
		return p;
	}
	return put_u32(p, port);
}

/* A UNIX socket's name as ss -x prints it: a path up to its NUL, an
 * abstract name with every NUL (the leading one too) as '@', "*" when it
 * has none; then made harmless (text.h), which changes nothing printable.
 * At most UNIX_NAME_SHOWN bytes. */
static char *put_unix_name(char *p, const struct diag_row *r)
{
	char raw[DIAG_UNIX_NAME_MAX];
	size_t i, n = r->namelen < sizeof(r->name) ? r->namelen :
		      sizeof(r->name);

	if (n == 0) {
		*p++ = '*';
		return p;
	}
	if (r->name[0] != '\0') {
		n = strnlen(r->name, n);
		memcpy(raw, r->name, n);
	} else {
		for (i = 0; i < n; i++)
			raw[i] = r->name[i] ? r->name[i] : '@';
	}
	return p + text_escape(p, UNIX_NAME_SHOWN, raw, n);
}

/* 850 -> "850ms", 59321 -> "59.3s", 7199000 -> "7199s". */
static char *put_ms(char *p, uint32_t ms)
{
	if (ms < 1000) {
		p = put_u32(p, ms);
		return put_str(p, "ms");
	}
	p = put_u32(p, ms / 1000);
	if (ms < 60000) {
		*p++ = '.';
		*p++ = (char)('0' + ms % 1000 / 100);
	}
	*p++ = 's';
	return p;
}

static char *put_timer(char *p, const struct diag_row *r)
{
	static const char *const kinds[] = {
		[DT_RETRANS] = "on", [DT_KEEPALIVE] = "keepalive",
		[DT_TIMEWAIT] = "timewait", [DT_PROBE] = "probe",
	};

	if (r->timer == DT_NONE) {
		*p++ = '-';
		return p;
	}
	if (r->timer < ARRAY_LEN(kinds)) {
		p = put_str(p, kinds[r->timer]);
	} else {
		p = put_str(p, "timer");
		p = put_u32(p, r->timer);
	}
	*p++ = ':';
	p = put_ms(p, r->expires_ms);
	if (r->retrans) {
		p = put_str(p, ",r");
		p = put_u32(p, r->retrans);
	}
	return p;
}

static void finish(char *buf, size_t len, const char *tmp, const char *end)
{
	size_t n = (size_t)(end - tmp);

	if (!len)
		return;
	if (n >= len)
		n = len - 1;
	memcpy(buf, tmp, n);
	buf[n] = '\0';
}

void view_format_local(const struct diag_row *r, char *buf, size_t len)
{
	struct ifcache ifc = { 0 };
	char tmp[UNIX_END_MAX > END_TEXT_MAX ? UNIX_END_MAX : END_TEXT_MAX], *p;
	struct endpoint e;

	if (r->family == AF_UNIX) {	/* "/run/x.sock 4242" */
		p = put_unix_name(tmp, r);
		*p++ = ' ';
		p = put_u64(p, r->inode);
		finish(buf, len, tmp, p);
		return;
	}
	diag_row_local(r, &e);
	p = put_addr(tmp, r, &e, &ifc);
	*p++ = ':';
	p = put_port(p, (uint16_t)ep_port(&e));
	finish(buf, len, tmp, p);
}

void view_format_peer(const struct diag_row *r, char *buf, size_t len)
{
	char tmp[END_TEXT_MAX], *p;
	struct endpoint e;

	if (r->family == AF_UNIX) {	/* "* 4243": known by inode only */
		p = put_str(tmp, "* ");
		p = put_u64(p, r->peer_inode);
		finish(buf, len, tmp, p);
		return;
	}
	diag_row_peer(r, &e);
	p = put_addr(tmp, r, &e, NULL);
	*p++ = ':';
	p = put_port(p, (uint16_t)ep_port(&e));
	finish(buf, len, tmp, p);
}

void view_format_timer(const struct diag_row *r, char *buf, size_t len)
{
	char tmp[TIMER_MAX], *p;

	p = put_timer(tmp, r);
	finish(buf, len, tmp, p);
}

/* --- the table -------------------------------------------------------- */

enum {
	C_NETID, C_STATE, C_RQ, C_SQ, C_LADDR, C_LPORT, C_PADDR, C_PPORT,
	C_TIMER, C_OWNER, NCOL
};

/* Right-aligned columns: the address halves, so that the ':' between
 * address and port lines up, as in ss. */
static const unsigned char col_right[NCOL] = {
	[C_LADDR] = 1, [C_PADDR] = 1,
};

/* What follows each column: a blank, or ':' between an address and its
 * port (a blank between a UNIX socket's name and its inode, as ss); the
 * last column ends the line. */
static const char col_sep[NCOL] = {
	[C_NETID] = ' ', [C_STATE] = ' ', [C_RQ] = ' ', [C_SQ] = ' ',
	[C_LADDR] = ':', [C_LPORT] = ' ', [C_PADDR] = ':', [C_PPORT] = ' ',
	[C_TIMER] = ' ', [C_OWNER] = '\n',
};

static const char *const col_head[NCOL] = {
	"Netid", "State", "Recv-Q", "Send-Q", "Local Address", "Port",
	"Peer Address", "Port", "Timer", "Owner",
};

/* One formatted row: its cells, back to back in the arena. */
struct cells {
	size_t off;
	uint16_t len[NCOL];
	bool unix_;		/* no ':' between names and inodes */
	uint8_t part;		/* written in order of parts (--dump: TCP's
				   IPv6 rows after its IPv4 ones, as ss) */
	uint64_t inode;		/* for an owner looked up late (--dump) */
};

/* Largest formatted row: netid, state, two queues, two endpoints (a UNIX
 * socket's name the longest), timer, owner. */
#define ROW_MAX	(8 + 12 + 10 + 10 + UNIX_END_MAX + 2 * END_TEXT_MAX + \
		 TIMER_MAX + OWNER_SHOWN)
#define OUT_BUF	(256 * 1024)

struct layout {
	char *arena;
	size_t used, cap;
	struct cells *rows;
	size_t nrows, caprows;
	int nparts;			/* parts of rows: 1, or 3 (--dump) */
	/* the owner column, formatted as the rows are written (--dump: the
	   /proc scan is done by then), or NULL: formatted with the row */
	view_owner_fn late_owner;
	void *owner_ctx;
	size_t width[NCOL];
	view_inode_fn inode_name;	/* or NULL: the numbers */
	void *ctx;
};

/* A UNIX socket's inode in the view: its number, or the caller's name */
static char *put_inode(char *p, const struct layout *l, uint64_t inode)
{
	char name[32];

	if (!l->inode_name || !l->inode_name(l->ctx, inode, name, sizeof(name)))
		return put_u64(p, inode);
	return put_str(p, name);
}

static void arena_reserve(struct layout *l, size_t extra)
{
	size_t cap;

	if (l->used + extra <= l->cap)
		return;
	cap = l->cap ? l->cap : 4096;
	while (cap < l->used + extra)
		cap *= 2;
	l->arena = xrealloc(l->arena, cap);
	l->cap = cap;
}

static void measure(struct layout *l, struct cells *c, char *const mark[NCOL + 1])
{
	int i;

	c->off = (size_t)(mark[0] - l->arena);
	for (i = 0; i < NCOL; i++) {
		size_t n = (size_t)(mark[i + 1] - mark[i]);

		c->len[i] = (uint16_t)n;
		if (n > l->width[i])
			l->width[i] = n;
	}
}

static char *put_owner(char *p, const struct diag_row *r, view_owner_fn owner,
		       void *ctx)
{
	char buf[OWNER_MAX];
	size_t n;

	if (!owner) {
		*p++ = '-';
		return p;
	}
	buf[0] = '\0';
	owner(ctx, r, buf, sizeof(buf));
	buf[sizeof(buf) - 1] = '\0';
	n = strlen(buf);
	if (!n) {
		*p++ = '-';
		return p;
	}
	/* The owner is the last column and may hold spaces ("was s2",
	 * "s4 @ child"); process names from /proc are anybody's text. */
	return p + text_escape(p, OWNER_SHOWN, buf, n);
}

/* The four endpoint cells of a row (mark[C_LADDR] is where they start):
 * address and port of each end, or, for a UNIX socket, its name and
 * inode, and "*" and the peer's inode. */
static char *put_ends(char *p, const struct layout *l, const struct diag_row *r,
		      struct ifcache *ifc, char **mark)
{
	struct endpoint local, peer;

	if (r->family == AF_UNIX) {
		p = put_unix_name(p, r);
		mark[C_LPORT] = p;
		p = put_inode(p, l, r->inode);
		mark[C_PADDR] = p;
		*p++ = '*';
		mark[C_PPORT] = p;
		return put_inode(p, l, r->peer_inode);
	}
	diag_row_local(r, &local);
	diag_row_peer(r, &peer);
	p = put_addr(p, r, &local, ifc);
	mark[C_LPORT] = p;
	p = put_port(p, (uint16_t)ep_port(&local));
	mark[C_PADDR] = p;
	p = put_addr(p, r, &peer, NULL);
	mark[C_PPORT] = p;
	return put_port(p, (uint16_t)ep_port(&peer));
}

/* Pass one, a row: formatted into the arena, the columns measured. */
static void layout_row(struct layout *l, const struct diag_row *r,
		       struct ifcache *ifc, view_owner_fn owner, void *ctx)
{
	char *mark[NCOL + 1];
	char *p;

	if (l->nrows == l->caprows) {
		l->caprows = l->caprows ? 2 * l->caprows : 1024;
		l->rows = xrealloc(l->rows, l->caprows * sizeof(*l->rows));
	}
	arena_reserve(l, ROW_MAX);
	p = l->arena + l->used;
	mark[C_NETID] = p;
	p = put_str(p, view_netid(r));
	mark[C_STATE] = p;
	p = put_str(p, view_state_name(r));
	mark[C_RQ] = p;
	p = put_u32(p, r->rqueue);
	mark[C_SQ] = p;
	p = put_u32(p, r->wqueue);
	mark[C_LADDR] = p;
	p = put_ends(p, l, r, ifc, mark);
	mark[C_TIMER] = p;
	p = put_timer(p, r);
	mark[C_OWNER] = p;
	p = put_owner(p, r, owner, ctx);
	mark[NCOL] = p;
	measure(l, &l->rows[l->nrows], mark);
	l->rows[l->nrows].unix_ = r->family == AF_UNIX;
	l->rows[l->nrows].part = 0;
	l->rows[l->nrows].inode = r->inode;
	l->nrows++;
	l->used = (size_t)(p - l->arena);
}

/* Pass one: every row of t. */
static void layout_rows(struct layout *l, const struct diag_table *t,
			view_owner_fn owner, void *ctx)
{
	struct ifcache ifc = { 0 };

	arena_reserve(l, t->n * 80 + ROW_MAX);
	for (size_t i = 0; i < t->n; i++)
		layout_row(l, &t->rows[i], &ifc, owner, ctx);
}

static int flush_out(FILE *out, const char *buf, size_t n)
{
	return n && fwrite(buf, 1, n, out) != n ? -1 : 0;
}

/* One line: blanks up to the owner column, each cell copied to its place
 * (addresses flush right against their ':'), the owner, a newline.
 * cells holds the NCOL cells back to back. Returns the end. */
static char *put_line(char *p, const struct layout *l, const size_t *start,
		      const char *cells, const uint16_t *len, bool unix_)
{
	int c;

	memset(p, ' ', start[C_OWNER]);
	for (c = 0; c < C_OWNER; c++) {
		size_t at = start[c];

		if (col_right[c])
			at += l->width[c] - len[c];
		memcpy(p + at, cells, len[c]);
		cells += len[c];
		if (col_sep[c] != ' ')
			p[start[c] + l->width[c]] = unix_ ? ' ' : col_sep[c];
	}
	memcpy(p + start[C_OWNER], cells, len[C_OWNER]);
	p += start[C_OWNER] + len[C_OWNER];
	*p++ = '\n';
	return p;
}

/* The owner cell of a row, formatted now, and the end of its line. */
static char *late_owner(char *p, const struct layout *l,
			const struct cells *row)
{
	struct diag_row r = { .inode = row->inode };

	p = put_owner(p, &r, l->late_owner, l->owner_ctx);
	*p++ = '\n';
	return p;
}

/* Pass two: pad and write. */
static int write_rows(FILE *out, const struct layout *l, size_t nrows,
		      int header)
{
	size_t start[NCOL], linemax, i, at = 0;
	char *buf, *p;
	int c, rc = 0;

	for (c = 0; c < NCOL; c++) {
		start[c] = at;
		at += l->width[c] + 1;
	}
	linemax = at + (l->late_owner ? OWNER_SHOWN : 0);
	buf = xmalloc(OUT_BUF > 2 * linemax ? OUT_BUF : 2 * linemax);
	p = buf;
	if (header) {
		char cells[128];
		uint16_t len[NCOL];
		size_t n = 0;

		for (c = 0; c < NCOL; c++) {
			len[c] = (uint16_t)strlen(col_head[c]);
			memcpy(cells + n, col_head[c], len[c]);
			n += len[c];
		}
		p = put_line(p, l, start, cells, len, false);
	}
	for (int part = 0; part < l->nparts && rc == 0; part++)
		for (i = 0; i < nrows; i++) {
			const struct cells *row = &l->rows[i];

			if (row->part != part)
				continue;
			if ((size_t)(p - buf) + linemax > OUT_BUF) {
				if (flush_out(out, buf, (size_t)(p - buf)) < 0) {
					rc = -1;
					break;
				}
				p = buf;
			}
			p = put_line(p, l, start, l->arena + row->off, row->len,
				     row->unix_);
			if (l->late_owner)
				p = late_owner(p - 1 - row->len[C_OWNER], l, row);
		}
	if (rc == 0 && flush_out(out, buf, (size_t)(p - buf)) < 0)
		rc = -1;
	free(buf);
	return rc;
}

int view_print(FILE *out, const struct diag_table *t, view_owner_fn owner,
	       void *ctx, int header)
{
	return view_print_named(out, t, owner, NULL, ctx, header);
}

int view_print_named(FILE *out, const struct diag_table *t, view_owner_fn owner,
		     view_inode_fn inode_name, void *ctx, int header)
{
	struct layout l = { .inode_name = inode_name, .ctx = ctx, .nparts = 1 };
	int c, rc;

	l.rows = xmalloc((t->n ? t->n : 1) * sizeof(*l.rows));
	l.caprows = t->n ? t->n : 1;
	/* ss keeps the queue columns at least as wide as their titles. */
	l.width[C_RQ] = strlen(col_head[C_RQ]);
	l.width[C_SQ] = strlen(col_head[C_SQ]);
	if (header)
		for (c = 0; c < NCOL; c++)
			l.width[c] = strlen(col_head[c]);
	layout_rows(&l, t, owner, ctx);
	rc = write_rows(out, &l, t->n, header);
	free(l.rows);
	free(l.arena);
	return rc;
}

/* --dump's owner column: the processes holding the row's socket. */
static void dump_owner(void *ctx, const struct diag_row *r, char *buf,
		       size_t len)
{
	const char *who = owner_lookup(ctx, r->inode);

	if (who)
		str_copy(buf, who, len);
}

/* The owners of every row that has an inode, resolved from the /proc
 * scan owner_prefetch started; none when no row has one (TIME-WAIT only,
 * or an empty table). A /proc that cannot be read leaves the owners "-",
 * with a warning. */
static void dump_owners(struct owner_cache *c, const struct layout *l)
{
	uint64_t *inodes;
	size_t i, n = 0;

	for (i = 0; i < l->nrows; i++)
		n += l->rows[i].inode != 0;
	if (!n)
		return;
	inodes = xmalloc(n * sizeof(*inodes));
	for (i = 0, n = 0; i < l->nrows; i++)
		if (l->rows[i].inode)
			inodes[n++] = l->rows[i].inode;
	if (owner_want(c, inodes, n) < 0)
		fprintf(stderr, "sockstage: owners unknown: cannot read /proc: "
			"%s\n", strerror(errno));
	free(inodes);
}

/* --dump's rows as the kernel hands them out, straight into the layout
 * (no table of rows: at a million sockets that would be 200 MB); the
 * TCP rows of IPv6 after those of IPv4, the UNIX ones last. NULL: the
 * dump starts over. */
struct dump_sink {
	struct layout l;
	struct ifcache ifc;
};

static void dump_row(void *ctx, const struct diag_row *r)
{
	struct dump_sink *s = ctx;

	if (!r) {
		s->l.nrows = 0;
		s->l.used = 0;
		return;
	}
	layout_row(&s->l, r, &s->ifc, NULL, NULL);
	s->l.rows[s->l.nrows - 1].part = r->family == AF_UNIX ? 2 :
		r->proto == IPPROTO_TCP && r->family == AF_INET6 ? 1 : 0;
}

static int dump_write(struct dump_sink *s, struct owner_cache *owners,
		      FILE *out)
{
	if (owners) {
		dump_owners(owners, &s->l);
		s->l.late_owner = dump_owner;
		s->l.owner_ctx = owners;
	}
	if (write_rows(out, &s->l, s->l.nrows, 0) < 0 || fflush(out) != 0) {
		fprintf(stderr, "sockstage: writing the socket table: %s\n",
			strerror(errno));
		return 1;
	}
	return 0;
}

int view_dump(const struct diag_filter *f, bool with_owners, FILE *out)
{
	struct dump_sink sink = { .l = { .nparts = 3 } };
	struct owner_cache *owners = NULL;
	struct rowq *q;
	struct diag *d;
	char err[256];
	int rc = 0;

	d = diag_open(err, sizeof(err));
	if (!d) {
		fprintf(stderr, "sockstage: %s\n", err);
		return 1;
	}
	/* /proc is read in a thread while the kernel's table is, which hides
	 * most of its cost; it is stopped unused when no row has an inode.
	 * Without the thread, owner_want reads /proc after the table and
	 * reports what failed: nothing is lost by ignoring this one. The
	 * netlink socket is opened first: the thread's descriptors never
	 * take the one the table needs. */
	if (with_owners) {
		owners = owner_cache_new(0, 0);
		(void)owner_prefetch(owners);
	}
	/* ss keeps the queue columns at least as wide as their titles. */
	sink.l.width[C_RQ] = strlen(col_head[C_RQ]);
	sink.l.width[C_SQ] = strlen(col_head[C_SQ]);
	/* formatted in a thread of its own while the kernel's replies are
	   read: on two cores the kernel's walk and the formatting overlap */
	q = rowq_new(dump_row, &sink);
	rc = diag_dump_each(d, f, rowq_put, q, err, sizeof(err));
	rowq_finish(q);
	if (rc < 0) {
		fprintf(stderr, "sockstage: %s\n", err);
		rc = 1;
	} else {
		rc = dump_write(&sink, owners, out);
	}
	if (owners)
		owner_cache_free(owners);
	free(sink.l.rows);
	free(sink.l.arena);
	diag_close(d);
	return rc;
}

/* ---- --dump's rows handed one by one to another format (--json) -------- */

/* The rows go out as the kernel hands them over, formatted by fn in the
 * queue's thread while the next replies are read, in --dump's order: the
 * UDP rows, then TCP's IPv4 rows, then its IPv6 ones (held in memory
 * until the IPv4 ones are out: one request returns both), then the UNIX
 * ones. Owners are looked up once /proc is read (owner_want_every). */
struct row_stream {
	FILE *out;
	view_row_fn fn;
	void *ctx;
	struct owner_cache *owners;	/* or NULL: no owners asked for */
	bool owners_read;
	FILE *hold;			/* TCP's IPv6 rows, not out yet */
	char *held;
	size_t heldlen;
	bool held_out;			/* written: every row goes to out */
	bool wrote;			/* a row went to out */
	bool late_restart;		/* the dump started over after that */
	int err;			/* the first writing error's errno */
};

static int hold_open(struct row_stream *s)
{
	s->held = NULL;
	s->heldlen = 0;
	s->hold = open_memstream(&s->held, &s->heldlen);
	return s->hold ? 0 : -1;
}

static void hold_close(struct row_stream *s)
{
	if (s->hold)
		fclose(s->hold);
	s->hold = NULL;
	free(s->held);
	s->held = NULL;
}

/* The IPv6 rows of TCP to out: the rows before them are. */
static void held_out(struct row_stream *s)
{
	s->held_out = true;
	if (fflush(s->hold) != 0 || (s->heldlen &&
	    fwrite_unlocked(s->held, 1, s->heldlen, s->out) != s->heldlen))
		s->err = s->err ? s->err : errno ? errno : EIO;
	s->wrote = s->wrote || s->heldlen;
	hold_close(s);
}

static void stream_restart(struct row_stream *s)
{
	if (s->wrote) {		/* rows written cannot be taken back */
		s->late_restart = true;
		return;
	}
	hold_close(s);
	if (hold_open(s) < 0)
		s->err = s->err ? s->err : errno;
}

static void stream_row(void *ctx, const struct diag_row *r)
{
	struct row_stream *s = ctx;
	const char *owner = NULL;
	FILE *to;

	if (!r) {
		stream_restart(s);
		return;
	}
	if (s->err || s->late_restart)
		return;
	if (s->owners && !s->owners_read) {
		s->owners_read = true;
		if (owner_want_every(s->owners) < 0)
			fprintf(stderr, "sockstage: owners unknown: cannot read "
				"/proc: %s\n", strerror(errno));
	}
	if (s->owners)
		owner = owner_lookup(s->owners, r->inode);
	if (r->family == AF_UNIX && !s->held_out)
		held_out(s);
	to = !s->held_out && r->proto == IPPROTO_TCP && r->family == AF_INET6 ?
	     s->hold : s->out;
	s->wrote = s->wrote || to == s->out;
	errno = 0;
	if (s->fn(s->ctx, to, r, owner) < 0)
		s->err = errno ? errno : EIO;
}

int view_dump_rows(const struct diag_filter *f, bool with_owners, FILE *out,
		   view_row_fn fn, void *ctx)
{
	struct row_stream s = { .out = out, .fn = fn, .ctx = ctx };
	struct rowq *q;
	struct diag *d;
	char err[256];
	int rc;

	if (!(d = diag_open(err, sizeof(err)))) {
		fprintf(stderr, "sockstage: %s\n", err);
		return 1;
	}
	if (hold_open(&s) < 0) {
		fprintf(stderr, "sockstage: %s\n", strerror(errno));
		diag_close(d);
		return 1;
	}
	if (with_owners) {	/* as view_dump */
		s.owners = owner_cache_new(0, 0);
		(void)owner_prefetch(s.owners);
	}
	q = rowq_new(stream_row, &s);
	rc = diag_dump_each(d, f, rowq_put, q, err, sizeof(err));
	rowq_finish(q);
	if (rc == 0 && !s.held_out)
		held_out(&s);
	if (rc < 0) {
		fprintf(stderr, "sockstage: %s\n", err);
		rc = 1;
	} else if (s.late_restart) {
		fputs("sockstage: the socket table changed during the dump, "
		      "after rows were written: they are not a snapshot\n",
		      stderr);
		rc = 1;
	} else if (s.err || fflush(out) != 0) {
		fprintf(stderr, "sockstage: writing the socket table: %s\n",
			strerror(s.err ? s.err : errno));
		rc = 1;
	}
	hold_close(&s);
	if (s.owners)
		owner_cache_free(s.owners);
	diag_close(d);
	return rc;
}
