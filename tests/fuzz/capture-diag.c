/* SPDX-License-Identifier: GPL-2.0-or-later */
/* capture-diag.c - saves real sock_diag replies as seeds for the diag
 * and sockinfo fuzzers (tests/fuzz/corpus/diag, .../sockinfo):
 *
 *   tests/fuzz/capture-diag tests/mkstates OUTDIR
 *
 * In a private network namespace of its own (as --sandbox enters one), it
 * starts tests/mkstates, which creates sockets in every state loopback
 * allows, and waits for its "ready". Then it sends the requests sockstage
 * sends (src/diag.c: SOCK_DIAG_BY_FAMILY per family for UDP and TCP, the
 * TCPDIAG_GETSOCK request for TCP, with and without a port filter), the
 * same asking for every extension the kernel has (more attributes to
 * parse), and one request with bytecode the kernel refuses (an
 * NLMSG_ERROR), and writes each reply, every recv() of it back to back,
 * to OUTDIR/NAME.bin. Then, for the first socket of each protocol and
 * state, the exact request the details overlay sends (src/sockinfo.c),
 * its reply to OUTDIR/exact-NETID-STATE.bin (the sockinfo seeds). Built
 * on demand: make tests/fuzz/capture-diag. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libmnl/libmnl.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>

#include "diag.h"
#include "sandbox.h"
#include "sockinfo.h"
#include "view.h"

#define REPLY_MAX (1024 * 1024)

struct request {
	const char *name;
	uint16_t type;		/* SOCK_DIAG_BY_FAMILY or TCPDIAG_GETSOCK */
	uint8_t family, proto;
	uint8_t ext;		/* idiag_ext: extensions asked for */
	uint16_t port;		/* a port filter (0: none) */
	bool bad_bytecode;	/* bytecode the kernel's audit refuses */
};

static const struct request requests[] = {
	{ "udp4", SOCK_DIAG_BY_FAMILY, AF_INET, IPPROTO_UDP, 0, 0, false },
	{ "udp6", SOCK_DIAG_BY_FAMILY, AF_INET6, IPPROTO_UDP, 0, 0, false },
	{ "tcp4", SOCK_DIAG_BY_FAMILY, AF_INET, IPPROTO_TCP, 0, 0, false },
	{ "tcp6", SOCK_DIAG_BY_FAMILY, AF_INET6, IPPROTO_TCP, 0, 0, false },
	{ "tcp-both", TCPDIAG_GETSOCK, AF_INET, IPPROTO_TCP, 0, 0, false },
	{ "tcp-both-port5003", TCPDIAG_GETSOCK, AF_INET, IPPROTO_TCP, 0, 5003, false },
	{ "udp4-port5301", SOCK_DIAG_BY_FAMILY, AF_INET, IPPROTO_UDP, 0, 5301, false },
	{ "udp6-ext", SOCK_DIAG_BY_FAMILY, AF_INET6, IPPROTO_UDP, 0xff, 0, false },
	{ "tcp4-ext", SOCK_DIAG_BY_FAMILY, AF_INET, IPPROTO_TCP, 0xff, 0, false },
	{ "tcp6-ext", SOCK_DIAG_BY_FAMILY, AF_INET6, IPPROTO_TCP, 0xff, 0, false },
	{ "tcp4-refused", SOCK_DIAG_BY_FAMILY, AF_INET, IPPROTO_TCP, 0, 0, true },
};

static void __attribute__((noreturn)) die(const char *what)
{
	fprintf(stderr, "capture-diag: %s: %s\n", what,
		errno ? strerror(errno) : "failed");
	exit(1);
}

/* The request: header, body, optional bytecode. Returns its length. */
static size_t build(const struct request *r, uint32_t seq, char *buf)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	char bc[DIAG_MAX_PORTS * 24];
	struct diag_filter f = { .nports = 1, .ports = { r->port } };
	int bclen = 0;

	nlh->nlmsg_type = r->type;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	nlh->nlmsg_seq = seq;
	if (r->type == TCPDIAG_GETSOCK) {
		struct inet_diag_req *q = mnl_nlmsg_put_extra_header(nlh, sizeof(*q));

		q->idiag_family = r->family;
		q->idiag_states = ~0U;
		q->idiag_ext = r->ext;
	} else {
		struct inet_diag_req_v2 *q = mnl_nlmsg_put_extra_header(nlh, sizeof(*q));

		q->sdiag_family = r->family;
		q->sdiag_protocol = r->proto;
		q->idiag_states = ~0U;
		q->idiag_ext = r->ext;
	}
	if (r->port)
		bclen = diag_build_filter(&f, bc, sizeof(bc));
	if (r->bad_bytecode) {
		struct inet_diag_bc_op op = { INET_DIAG_BC_JMP, 4, 200 };

		memcpy(bc, &op, sizeof(op));
		bclen = sizeof(op);
	}
	if (bclen > 0)
		mnl_attr_put(nlh, INET_DIAG_REQ_BYTECODE, (size_t)bclen, bc);
	return nlh->nlmsg_len;
}

/* Is the last message of this recv() the end of the dump? */
static bool ends_dump(const char *buf, size_t n)
{
	const struct nlmsghdr *nlh = (const struct nlmsghdr *)buf;
	size_t left = n;

	while (mnl_nlmsg_ok(nlh, (int)left)) {
		if (nlh->nlmsg_type == NLMSG_DONE || nlh->nlmsg_type == NLMSG_ERROR)
			return true;
		nlh = mnl_nlmsg_next(nlh, (int *)&left);
	}
	return false;
}

static void capture(struct mnl_socket *nl, const struct request *r,
		    uint32_t seq, const char *dir)
{
	static char reply[REPLY_MAX];
	char req[512] __attribute__((aligned(4))), path[4096];
	char buf[MNL_SOCKET_BUFFER_SIZE * 4] __attribute__((aligned(4)));
	size_t len = 0, reqlen = build(r, seq, req);
	ssize_t n;
	FILE *f;

	if (mnl_socket_sendto(nl, req, reqlen) < 0)
		die("sendto");
	do {
		n = mnl_socket_recvfrom(nl, buf, sizeof(buf));
		if (n <= 0)
			die("recvfrom");
		if (len + (size_t)n > sizeof(reply))
			die("reply too long");
		memcpy(reply + len, buf, (size_t)n);
		len += (size_t)n;
	} while (!ends_dump(buf, (size_t)n));
	snprintf(path, sizeof(path), "%s/%s.bin", dir, r->name);
	f = fopen(path, "wb");
	if (!f || fwrite(reply, 1, len, f) != len || fclose(f) != 0)
		die(path);
	printf("%s: %zu bytes\n", path, len);
}

static void save(const char *dir, const char *name, const void *buf,
		 size_t len)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s.bin", dir, name);
	f = fopen(path, "wb");
	if (!f || fwrite(buf, 1, len, f) != len || fclose(f) != 0)
		die(path);
	printf("%s: %zu bytes\n", path, len);
}

/* The exact request's reply (one message, or an error) for the first
 * row of each protocol and state. */
static void capture_exact(struct mnl_socket *nl, const char *dir)
{
	char req[256] __attribute__((aligned(4)));
	char buf[MNL_SOCKET_BUFFER_SIZE] __attribute__((aligned(4)));
	char err[256], name[64];
	bool done[2][KS_MAX_STATES] = { { false } };
	struct diag_table t = { 0 };
	struct diag *d = diag_open(err, sizeof(err));
	uint32_t seq = 2000;

	if (!d || diag_dump(d, NULL, &t, err, sizeof(err)) < 0) {
		fprintf(stderr, "capture-diag: %s\n", err);
		exit(1);
	}
	for (size_t i = 0; i < t.n; i++) {
		const struct diag_row *r = &t.rows[i];
		bool *seen = &done[r->proto == IPPROTO_UDP][r->state % KS_MAX_STATES];
		size_t len = sockinfo_request(r, false, req, sizeof(req));
		ssize_t n;

		if (*seen)
			continue;
		*seen = true;
		((struct nlmsghdr *)req)->nlmsg_seq = seq++;
		if (!len || mnl_socket_sendto(nl, req, len) < 0)
			die("sendto");
		n = mnl_socket_recvfrom(nl, buf, sizeof(buf));
		if (n <= 0)
			die("recvfrom");
		snprintf(name, sizeof(name), "exact-%s-%s", view_netid(r),
			 view_state_name(r));
		save(dir, name, buf, (size_t)n);
	}
	diag_table_free(&t);
	diag_close(d);
}

/* Start the helper; returns the write end of its stdin (closing it ends
 * the helper) once it has said "ready". */
static int start_helper(const char *prog, pid_t *pid)
{
	int in[2], out[2];
	char line[16] = "";
	FILE *f;

	if (pipe(in) < 0 || pipe(out) < 0)
		die("pipe");
	*pid = fork();
	if (*pid < 0)
		die("fork");
	if (*pid == 0) {
		dup2(in[0], STDIN_FILENO);
		dup2(out[1], STDOUT_FILENO);
		close(in[1]);
		close(out[0]);
		execl(prog, prog, (char *)NULL);
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	f = fdopen(out[0], "r");
	if (!f || !fgets(line, sizeof(line), f) || strcmp(line, "ready\n") != 0) {
		errno = 0;
		die(prog);
	}
	fclose(f);
	return in[1];
}

int main(int argc, char **argv)
{
	struct mnl_socket *nl;
	char err[256];
	int hold, status;
	pid_t pid;

	if (argc != 3) {
		fprintf(stderr, "usage: capture-diag MKSTATES OUTDIR\n");
		return 2;
	}
	if (sandbox_enter(err, sizeof(err)) < 0) {
		fprintf(stderr, "capture-diag: %s\n", err);
		return 1;
	}
	hold = start_helper(argv[1], &pid);
	nl = mnl_socket_open(NETLINK_SOCK_DIAG);
	if (!nl || mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0)
		die("sock_diag socket");
	for (size_t i = 0; i < sizeof(requests) / sizeof(requests[0]); i++)
		capture(nl, &requests[i], 1000 + (uint32_t)i, argv[2]);
	capture_exact(nl, argv[2]);
	mnl_socket_close(nl);
	close(hold);
	waitpid(pid, &status, 0);
	return 0;
}
