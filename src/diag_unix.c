/* SPDX-License-Identifier: GPL-2.0-or-later */
/* diag_unix.c - the kernel's UNIX-domain sockets through netlink
 * sock_diag (libmnl), as ss -x reads them: one SOCK_DIAG_BY_FAMILY dump
 * of every socket of the namespace (its name, peer, pending connections,
 * queues, uid), or one socket asked for exactly by inode (and cookie),
 * which costs a hash lookup instead of a walk over the host's thousands
 * of sockets. Replies are parsed as defensively as diag.c's: a malformed
 * message is an error, never a read past the end of the buffer. */
#include "diag.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include <libmnl/libmnl.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>

#include "diag_int.h"
#include "util.h"

/* What a row needs to be shown as ss -x shows it (not MEMINFO). */
#define UNIX_SHOW	(UDIAG_SHOW_NAME | UDIAG_SHOW_VFS | UDIAG_SHOW_PEER | \
			 UDIAG_SHOW_ICONS | UDIAG_SHOW_RQLEN | UDIAG_SHOW_UID)
/* A row's message: a header and a unix_diag_msg at least. */
#define UNIX_MSG_MIN	(MNL_NLMSG_HDRLEN + sizeof(struct unix_diag_msg))
#define UNIX_REQ_BUF	(MNL_ALIGN(sizeof(struct nlmsghdr)) + \
			 MNL_ALIGN(sizeof(struct unix_diag_req)))

/* --- parsing ---------------------------------------------------------- */

static int attr_short(const char *what, size_t got, size_t want, char *err,
		      size_t errlen)
{
	err_printf(err, errlen, "sock_diag reply: %s has %zu bytes, %zu expected",
		what, got, want);
	return -1;
}

static uint32_t get_u32(const void *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static int take_name(struct diag_row *row, const unsigned char *v, size_t n,
		     char *err, size_t errlen)
{
	if (n > sizeof(row->name)) {
		err_printf(err, errlen, "sock_diag reply: UNIX_DIAG_NAME of %zu bytes (at most %zu)",
			n, sizeof(row->name));
		return -1;
	}
	memcpy(row->name, v, n);
	row->namelen = (uint8_t)n;
	return 0;
}

static int take_icons(struct diag_row *row, const unsigned char *v, size_t n,
		      char *err, size_t errlen)
{
	size_t i;

	if (n % sizeof(uint32_t)) {
		err_printf(err, errlen, "sock_diag reply: UNIX_DIAG_ICONS of %zu bytes is not a list of inodes",
			n);
		return -1;
	}
	row->nicons = (uint32_t)(n / sizeof(uint32_t));
	for (i = 0; i < row->nicons && i < DIAG_UNIX_ICONS; i++)
		row->icons[i] = get_u32(v + i * sizeof(uint32_t));
	return 0;
}

/* One attribute's value v of n bytes into the row ctx (diag_attr_fn). */
static int take_attr(void *ctx, unsigned type, const unsigned char *v,
		     size_t n, char *err, size_t errlen)
{
	struct diag_row *row = ctx;

	switch (type) {
	case UNIX_DIAG_NAME:
		return take_name(row, v, n, err, errlen);
	case UNIX_DIAG_PEER:
		if (n < sizeof(uint32_t))
			return attr_short("UNIX_DIAG_PEER", n, 4, err, errlen);
		row->peer_inode = get_u32(v);
		return 0;
	case UNIX_DIAG_ICONS:
		return take_icons(row, v, n, err, errlen);
	case UNIX_DIAG_RQLEN:
		if (n < sizeof(struct unix_diag_rqlen))
			return attr_short("UNIX_DIAG_RQLEN", n,
					  sizeof(struct unix_diag_rqlen), err,
					  errlen);
		row->rqueue = get_u32(v);
		row->wqueue = get_u32(v + sizeof(uint32_t));
		return 0;
	case UNIX_DIAG_UID:
		if (n < sizeof(uint32_t))
			return attr_short("UNIX_DIAG_UID", n, 4, err, errlen);
		row->uid = get_u32(v);
		return 0;
	case UNIX_DIAG_VFS:
		if (n < sizeof(struct unix_diag_vfs))
			return attr_short("UNIX_DIAG_VFS", n,
					  sizeof(struct unix_diag_vfs), err,
					  errlen);
		row->vfs_ino = get_u32(v);
		row->vfs_dev = get_u32(v + sizeof(uint32_t));
		return 0;
	default:		/* MEMINFO, SHUTDOWN, and later ones */
		return 0;
	}
}

/* The fields a unix_diag_msg carries; the rest zero. */
static void take_msg(struct diag_row *row, const struct unix_diag_msg *m)
{
	memset(row, 0, sizeof(*row));
	row->family = AF_UNIX;
	row->type = m->udiag_type;
	row->state = m->udiag_state;
	row->timer = DT_NONE;
	row->v6only = -1;
	row->inode = m->udiag_ino;
	row->cookie = (uint64_t)m->udiag_cookie[1] << 32 | m->udiag_cookie[0];
}

int diag_unix_parse_msg(const struct nlmsghdr *nlh, struct diag_row *row,
			char *err, size_t errlen)
{
	struct unix_diag_msg m;
	size_t payload, hdr = MNL_ALIGN(sizeof(m));
	const unsigned char *body;

	if (nlh->nlmsg_len < MNL_NLMSG_HDRLEN) {
		err_printf(err, errlen, "sock_diag reply: message length %u is shorter than its header",
			nlh->nlmsg_len);
		return -1;
	}
	payload = nlh->nlmsg_len - MNL_NLMSG_HDRLEN;
	if (payload < sizeof(m)) {
		err_printf(err, errlen, "sock_diag reply: truncated unix_diag_msg (%zu of %zu bytes)",
			payload, sizeof(m));
		return -1;
	}
	body = (const unsigned char *)nlh + MNL_NLMSG_HDRLEN;
	memcpy(&m, body, sizeof(m));
	if (m.udiag_family != AF_UNIX) {
		err_printf(err, errlen, "sock_diag reply: address family %u where AF_UNIX was asked for",
			m.udiag_family);
		return -1;
	}
	take_msg(row, &m);
	if (payload <= hdr)
		return 0;
	return diag_walk_attrs(body + hdr, payload - hdr, take_attr, row, err,
			       errlen);
}

/* diag_msg_fn's shape (the request's proto means nothing here). */
static int parse_row(const struct nlmsghdr *nlh, uint8_t proto,
		     struct diag_row *row, char *err, size_t errlen)
{
	(void)proto;
	return diag_unix_parse_msg(nlh, row, err, errlen);
}

int diag_unix_parse_buf(const void *buf, size_t len, uint32_t seq,
			struct diag_table *t, char *err, size_t errlen)
{
	int rc = diag_walk_buf(buf, len, seq, 0, parse_row, UNIX_MSG_MIN, t,
			       err, errlen);

	return rc == DIAG_REFUSED ? -1 : rc;
}

/* --- requests --------------------------------------------------------- */

static struct nlmsghdr *put_request(char *buf, uint16_t flags,
				    uint32_t inode, uint64_t cookie)
{
	struct nlmsghdr *nlh;
	struct unix_diag_req *r;

	memset(buf, 0, UNIX_REQ_BUF);
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = SOCK_DIAG_BY_FAMILY;
	nlh->nlmsg_flags = flags;
	r = mnl_nlmsg_put_extra_header(nlh, sizeof(*r));
	r->sdiag_family = AF_UNIX;
	r->udiag_states = ~0U;
	r->udiag_show = UNIX_SHOW;
	r->udiag_ino = inode;
	r->udiag_cookie[0] = (uint32_t)cookie;
	r->udiag_cookie[1] = (uint32_t)(cookie >> 32);
	return nlh;
}

/* An error of this module's, said to be about UNIX sockets. */
static void say_unix(char *err, size_t errlen)
{
	char what[256];

	if (!err || !errlen)
		return;
	str_copy(what, err, sizeof(what));
	err_printf(err, errlen, "UNIX sockets: %s", what);
}

static int dump_once(struct diag *d, struct diag_table *t, char *err,
		     size_t errlen)
{
	char req[UNIX_REQ_BUF] __attribute__((aligned(NLMSG_ALIGNTO)));
	struct nlmsghdr *nlh = put_request(req, NLM_F_REQUEST | NLM_F_DUMP, 0,
					   0);

	if (diag_send(d, nlh, err, errlen) < 0)
		return -1;
	return diag_collect(d, 0, parse_row, UNIX_MSG_MIN, t, err, errlen);
}

int diag_unix_dump(struct diag *d, struct diag_table *t, char *err,
		   size_t errlen)
{
	size_t from = t->n;
	int tries, rc;

	for (tries = 0; tries < DIAG_MAX_TRIES; tries++) {
		rc = dump_once(d, t, err, errlen);
		if (rc == 0)
			return 0;
		t->n = from;
		if (rc != DIAG_RETRY) {
			say_unix(err, errlen);
			return -1;
		}
		if (diag_reopen(d, err, errlen) < 0)
			return -1;
	}
	err_printf(err, errlen, "UNIX sockets: the socket table kept changing during the dump (%d tries)",
		DIAG_MAX_TRIES);
	return -1;
}

/* The reply to an exact request: one row, or an error. */
struct lookup {
	struct diag_row *row;
	int found;		/* 1 found, 0 gone */
};

/* NLMSG_ERROR: the socket gone (ENOENT; ESTALE: its inode is another
 * socket's now) is an answer; any other code an error. */
static int lookup_error(struct lookup *l, const struct nlmsghdr *nlh,
			char *err, size_t errlen)
{
	int code;

	if (nlh->nlmsg_len < MNL_NLMSG_HDRLEN + sizeof(code)) {
		err_printf(err, errlen, "netlink: truncated error message");
		return -1;
	}
	memcpy(&code, (const char *)nlh + MNL_NLMSG_HDRLEN, sizeof(code));
	if (code == -ENOENT || code == -ESTALE) {
		l->found = 0;
		return 1;
	}
	err_printf(err, errlen, "sock_diag request refused: %s",
		   code ? diag_kernel_strerror(code) : "an acknowledgement instead of the socket");
	return -1;
}

/* diag_reply_fn for diag_unix_lookup: the first message answers. */
static int lookup_reply(void *ctx, const void *buf, size_t len, uint32_t seq,
			char *err, size_t errlen)
{
	struct lookup *l = ctx;
	const struct nlmsghdr *nlh = buf;

	if (len < sizeof(*nlh) || nlh->nlmsg_len < sizeof(*nlh) ||
	    nlh->nlmsg_len > len) {
		err_printf(err, errlen, "netlink: truncated message (%zu bytes)",
			len);
		return -1;
	}
	if (nlh->nlmsg_seq != seq) {
		err_printf(err, errlen, "netlink: reply to request %u while waiting for %u",
			nlh->nlmsg_seq, seq);
		return -1;
	}
	switch (nlh->nlmsg_type) {
	case NLMSG_ERROR:
		return lookup_error(l, nlh, err, errlen);
	case SOCK_DIAG_BY_FAMILY:
		if (diag_unix_parse_msg(nlh, l->row, err, errlen) < 0)
			return -1;
		l->found = 1;
		return 1;
	default:
		err_printf(err, errlen, "netlink: unexpected message type %u",
			nlh->nlmsg_type);
		return -1;
	}
}

int diag_unix_lookup(struct diag *d, uint64_t inode, uint64_t cookie,
		     struct diag_row *row, char *err, size_t errlen)
{
	char req[UNIX_REQ_BUF] __attribute__((aligned(NLMSG_ALIGNTO)));
	struct lookup l = { .row = row, .found = 0 };
	struct nlmsghdr *nlh;

	if (inode == 0 || inode > UINT32_MAX) {
		err_printf(err, errlen, "UNIX sockets: no socket can have inode %llu",
			(unsigned long long)inode);
		return -1;
	}
	/* cookie 0: any socket of that inode (INET_DIAG_NOCOOKIE) */
	nlh = put_request(req, NLM_F_REQUEST, (uint32_t)inode,
			  cookie ? cookie : ~(uint64_t)0);
	if (diag_request(d, nlh, lookup_reply, &l, err, errlen) < 0) {
		say_unix(err, errlen);
		return -1;
	}
	if (l.found && (l.row->inode != inode ||
			(cookie && l.row->cookie != cookie))) {
		err_printf(err, errlen, "UNIX sockets: asked for inode %llu, the kernel answered with %llu",
			(unsigned long long)inode,
			(unsigned long long)l.row->inode);
		return -1;
	}
	return l.found;
}
