/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_explain.c - unit tests of src/explain.c's errno names and
 * meanings: the name/parse round trip for every known name, and
 * explain_meaning() for every (call, errno) pair a transcript can show:
 * present, short, one sentence, and specific where the kernel means
 * something different for that call. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "explain.h"
#include "tap.h"

static const char *const calls[] = {
	"socket", "setsockopt", "bind", "listen", "connect", "accept", "send",
	"sendto", "recv", "shutdown", "close",
};
static const char *const proc_calls[] = { "spawn", "fork" };

/* The errnos every socket call must explain (at least generically). */
static const int errs[] = {
	EADDRINUSE, EADDRNOTAVAIL, EACCES, EINVAL, EISCONN, ENOTCONN,
	ECONNREFUSED, ECONNRESET, EPIPE, ETIMEDOUT, ENETUNREACH, EHOSTUNREACH,
	EAGAIN, EWOULDBLOCK, EINPROGRESS, EALREADY, EAFNOSUPPORT, EOPNOTSUPP,
	ENOPROTOOPT, EMFILE, EPERM, EDESTADDRREQ, EMSGSIZE, EBADF, EPROTO,
	ENODEV,
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* One line, 1..150 characters, one sentence: starts with a capital, ends
 * with a single '.', no double spaces, no space before punctuation. */
static bool well_formed(const char *t)
{
	size_t n = strlen(t);

	if (n < 10 || n > 150)
		return false;
	if (t[0] < 'A' || t[0] > 'Z' || t[n - 1] != '.' || t[n - 2] == '.' ||
	    t[n - 2] == ' ')
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)t[i];

		if (c < 0x20 || c == 0x7f)
			return false;
		if (c == ' ' && (t[i + 1] == ' ' || t[i + 1] == '.' ||
				 t[i + 1] == ',' || t[i + 1] == ':'))
			return false;
		/* ". " starts a second sentence, except after "e.g" */
		if (c == '.' && i + 1 < n && t[i + 1] == ' ' &&
		    !(i >= 3 && strncmp(t + i - 3, "e.g", 3) == 0))
			return false;
	}
	return true;
}

static bool has(const char *call, int err, const char *word)
{
	const char *t = explain_meaning(call, err);

	return t && strstr(t, word);
}

#define HAS(call, err, word)						\
	tap_ok(has(call, err, word), "%s %s mentions '%s'", call,	\
	       explain_errname(err), word)

static void test_names(void)
{
	const char *const *names = explain_errnames();
	size_t n = 0;

	for (; names[n]; n++) {
		int e = explain_errno_parse(names[n]);
		char lower[32];

		tap_ok(e > 0, "parse %s", names[n]);
		tap_is_str(explain_errname(e), names[n], "errname(parse(%s))",
			   names[n]);
		snprintf(lower, sizeof(lower), "%s", names[n]);
		for (char *p = lower; *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p - 'A' + 'a');
		tap_is_int(explain_errno_parse(lower), e, "parse %s", lower);
	}
	tap_ok(n >= 40, "%zu errno names", n);
	tap_is_int(explain_errno_parse("EWOULDBLOCK"), EAGAIN, "EWOULDBLOCK is EAGAIN");
	tap_is_int(explain_errno_parse("ENOTSUP"), EOPNOTSUPP, "ENOTSUP is EOPNOTSUPP");
	tap_is_int(explain_errno_parse("ENOSUCH"), -1, "unknown name");
	tap_is_int(explain_errno_parse(""), -1, "empty name");
	tap_is_str(explain_errname(4000), "E4000", "unknown number");
}

static void test_coverage(void)
{
	int bad = 0;

	/* every listed errno, every socket call, and no call at all */
	for (size_t c = 0; c <= N(calls); c++)
		for (size_t e = 0; e < N(errs); e++) {
			const char *call = c < N(calls) ? calls[c] : NULL;
			const char *t = explain_meaning(call, errs[e]);

			if (!t || !well_formed(t)) {
				printf("# %s %s: %s\n", call ? call : "(any)",
				       explain_errname(errs[e]), t ? t : "(null)");
				bad++;
			}
		}
	tap_is_int(bad, 0, "every listed errno has a well-formed meaning for every socket call");

	/* the process calls: what fork/spawn can fail with */
	for (size_t c = 0; c < N(proc_calls); c++) {
		static const int perrs[] = { EAGAIN, ENOMEM, EMFILE };

		for (size_t e = 0; e < N(perrs); e++) {
			const char *t = explain_meaning(proc_calls[c], perrs[e]);

			tap_ok(t && well_formed(t), "%s %s", proc_calls[c],
			       explain_errname(perrs[e]));
		}
	}
	tap_ok(well_formed(explain_meaning("spawn", EPERM)), "spawn EPERM");
	tap_ok(well_formed(explain_meaning("spawn", EINVAL)), "spawn EINVAL");
	/* no socket text for a process call */
	tap_ok(!explain_meaning("fork", ECONNREFUSED), "fork ECONNREFUSED: nothing");
	tap_ok(!explain_meaning("spawn", EADDRINUSE), "spawn EADDRINUSE: nothing");

	/* every text of every known errno, for every call, is well formed */
	bad = 0;
	for (const char *const *nm = explain_errnames(); *nm; nm++) {
		int e = explain_errno_parse(*nm);

		for (size_t c = 0; c <= N(calls) + N(proc_calls); c++) {
			const char *call = c < N(calls) ? calls[c] :
				c < N(calls) + N(proc_calls) ?
				proc_calls[c - N(calls)] : "nosuchcall";
			const char *t = explain_meaning(call, e);

			if (t && !well_formed(t)) {
				printf("# %s %s: %s\n", call, *nm, t);
				bad++;
			}
		}
	}
	tap_is_int(bad, 0, "every text is one line, one sentence, <= 150 chars");
}

/* A UNIX socket's own texts: no ports, RSTs or ICMP where the kernel
 * means a socket file, a name or a peer that is gone; the inet texts
 * unchanged; what has no UNIX text of its own falls back. */
static void test_unix(void)
{
	static const struct { const char *call; int err; } own[] = {
		{ "bind", EADDRINUSE }, { "connect", ECONNREFUSED },
		{ "connect", EAGAIN }, { "send", ECONNREFUSED },
		{ "sendto", ECONNREFUSED }, { "send", EPIPE },
		{ "send", ECONNRESET }, { "recv", ECONNRESET },
	};

	for (size_t i = 0; i < N(own); i++) {
		const char *t = explain_meaning_family(own[i].call, own[i].err, AF_UNIX);

		tap_ok(t && well_formed(t) && !strstr(t, "RST") &&
		       !strstr(t, "ICMP") && !strstr(t, "port"),
		       "UNIX %s %s: %s", own[i].call, explain_errname(own[i].err),
		       t ? t : "(null)");
		tap_ok(t && strcmp(t, explain_meaning(own[i].call, own[i].err)) != 0,
		       "UNIX %s %s differs from the inet text", own[i].call,
		       explain_errname(own[i].err));
		tap_is_str(explain_meaning_family(own[i].call, own[i].err, AF_INET),
			   explain_meaning(own[i].call, own[i].err),
			   "AF_INET %s %s: the inet text", own[i].call,
			   explain_errname(own[i].err));
	}
	tap_ok(strstr(explain_meaning_family("bind", EADDRINUSE, AF_UNIX), "unlink") != NULL,
	       "UNIX bind EADDRINUSE mentions unlink");
	tap_is_str(explain_meaning_family("recv", EAGAIN, AF_UNIX),
		   explain_meaning("recv", EAGAIN), "UNIX recv EAGAIN falls back");
	tap_ok(!explain_meaning_family("fork", EPIPE, AF_UNIX), "fork EPIPE: nothing");
}

static void test_fallback(void)
{
	for (size_t e = 0; e < N(errs); e++)
		tap_is_str(explain_meaning("frobnicate", errs[e]),
			   explain_meaning(NULL, errs[e]),
			   "unknown call gets the generic %s", explain_errname(errs[e]));
	tap_ok(!explain_meaning("bind", 4000), "unknown errno: NULL");
	tap_ok(!explain_meaning(NULL, 0), "errno 0: NULL");
	tap_ok(!explain_meaning("connect", -1), "errno -1: NULL");
	tap_ok(!explain_meaning("recv", ESRCH), "ESRCH on recv: NULL");
	tap_is_str(explain_meaning("sendto", EPIPE), explain_meaning("send", EPIPE),
		   "sendto falls back to send");
	tap_is_str(explain_meaning("sendto", EWOULDBLOCK),
		   explain_meaning("sendto", EAGAIN), "EWOULDBLOCK is EAGAIN");
	tap_is_str(explain_meaning("close", EBADF), explain_meaning("close", EBADF),
		   "static storage: stable");
}

/* Calls where the kernel means something different: the texts differ, and
 * each says the thing that matters. */
static void test_specific(void)
{
	static const struct { const char *a, *b; int err; } differ[] = {
		{ "bind", "listen", EADDRINUSE }, { "bind", "connect", EADDRINUSE },
		{ "listen", "connect", EADDRINUSE }, { "bind", "setsockopt", EADDRINUSE },
		{ "bind", "connect", EADDRNOTAVAIL }, { "bind", "setsockopt", EADDRNOTAVAIL },
		{ "accept", "recv", EAGAIN }, { "accept", "send", EAGAIN },
		{ "recv", "send", EAGAIN }, { "connect", "accept", EAGAIN },
		{ "bind", "listen", EINVAL }, { "listen", "accept", EINVAL },
		{ "bind", "setsockopt", EINVAL }, { "bind", "sendto", EACCES },
		{ "connect", "recv", ECONNREFUSED }, { "connect", "send", ECONNREFUSED },
		{ "send", "recv", ENOTCONN }, { "recv", "shutdown", ENOTCONN },
		{ "listen", "accept", EOPNOTSUPP }, { "socket", "accept", EMFILE },
		{ "send", "recv", ECONNRESET }, { "connect", "bind", EINVAL },
		{ "sendto", "bind", EINVAL }, { "connect", "sendto", ENETUNREACH },
	};

	for (size_t i = 0; i < N(differ); i++) {
		const char *x = explain_meaning(differ[i].a, differ[i].err);
		const char *y = explain_meaning(differ[i].b, differ[i].err);

		tap_ok(x && y && strcmp(x, y) != 0, "%s: %s and %s differ",
		       explain_errname(differ[i].err), differ[i].a, differ[i].b);
	}
	for (size_t c = 0; c < N(calls); c++) {
		if (strcmp(calls[c], "close") == 0)
			continue;	/* close has its own EBADF */
		tap_is_str(explain_meaning(calls[c], EBADF), explain_meaning(NULL, EBADF),
			   "%s EBADF is the generic text", calls[c]);
	}

	HAS("bind", EINVAL, "already bound");
	HAS("bind", EINVAL, "family");
	HAS("bind", EADDRINUSE, "TIME-WAIT");
	HAS("bind", EADDRNOTAVAIL, "not assigned");
	HAS("bind", EACCES, "ip_unprivileged_port_start");
	HAS("bind", EACCES, "CAP_NET_BIND_SERVICE");
	HAS("bind", EAFNOSUPPORT, "IPv6");
	HAS("listen", EADDRINUSE, "SO_REUSEPORT");
	HAS("listen", EINVAL, "connected");
	HAS("listen", EOPNOTSUPP, "UDP");
	HAS("connect", EADDRINUSE, "4-tuple");
	HAS("connect", EADDRNOTAVAIL, "ip_local_port_range");
	HAS("connect", EAGAIN, "ip_local_port_range");
	HAS("connect", ECONNREFUSED, "RST");
	HAS("connect", EISCONN, "already connected");
	HAS("connect", EINPROGRESS, "SO_ERROR");
	HAS("connect", EALREADY, "in progress");
	HAS("connect", ETIMEDOUT, "SYN");
	HAS("connect", ENETUNREACH, "route");
	HAS("connect", EACCES, "SO_BROADCAST");
	/* what the kernel showed in tests/explain-errnos.sh: route types,
	 * TCP to a broadcast or multicast address, listen's own bind */
	HAS("connect", ENETUNREACH, "broadcast or multicast");
	HAS("connect", EACCES, "prohibit route");
	HAS("connect", EINVAL, "blackhole route");
	HAS("connect", EHOSTUNREACH, "unreachable route");
	HAS("connect", ETIMEDOUT, "full accept queue");
	HAS("sendto", EACCES, "prohibit route");
	HAS("sendto", EINVAL, "blackhole route");
	HAS("sendto", EHOSTUNREACH, "unreachable route");
	HAS("listen", EADDRINUSE, "no ephemeral port");
	HAS("accept", EAGAIN, "accept queue");
	HAS("accept", EINVAL, "not listening");
	HAS("accept", EOPNOTSUPP, "UDP");
	HAS("accept", EMFILE, "accept queue");
	HAS("recv", EAGAIN, "data");
	HAS("recv", ECONNREFUSED, "ICMP port unreachable");
	HAS("recv", ECONNRESET, "RST");
	HAS("recv", ENOTCONN, "not connected");
	HAS("send", EAGAIN, "send buffer");
	HAS("sendto", EAGAIN, "send buffer");
	HAS("send", EPIPE, "shut down for writing");
	HAS("send", EPIPE, "reset");
	HAS("send", ECONNREFUSED, "ICMP port unreachable");
	HAS("send", EDESTADDRREQ, "sendto");
	HAS("send", EMSGSIZE, "65,507");
	HAS("send", ENETUNREACH, "IP_MULTICAST_IF");
	HAS("sendto", EACCES, "SO_BROADCAST");
	HAS("sendto", EAFNOSUPPORT, "family");
	HAS("setsockopt", ENOPROTOOPT, "IPV6_V6ONLY on an IPv4 socket");
	HAS("setsockopt", EINVAL, "after bind");
	HAS("setsockopt", ENODEV, "SO_BINDTODEVICE");
	HAS("setsockopt", EADDRINUSE, "multicast");
	HAS("shutdown", ENOTCONN, "not connected");
	HAS("shutdown", EINVAL, "SHUT_RDWR");
	HAS("close", EBADF, "already closed");
	HAS("socket", EAFNOSUPPORT, "IPv6");
	HAS("socket", EMFILE, "RLIMIT_NOFILE");
	HAS("spawn", EPERM, "CAP_SETUID");
	HAS("fork", EAGAIN, "RLIMIT_NPROC");
}

int main(void)
{
	test_names();
	test_coverage();
	test_fallback();
	test_specific();
	test_unix();
	return tap_done();
}
