/* explain.c - errno names: what scripts write after '=>' and what
 * transcripts print. (The meanings and the conflict finder grow here.) */
#include "explain.h"

#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "util.h"

struct errname {
	int err;
	const char *name;
};

#define E(x) { x, #x }
static const struct errname errnames[] = {
	E(EPERM), E(ENOENT), E(EINTR), E(EBADF), E(EAGAIN), E(ENOMEM),
	E(EACCES), E(EFAULT), E(EBUSY), E(EEXIST), E(EINVAL), E(ENFILE),
	E(EMFILE), E(ENOSPC), E(EPIPE), E(ENOSYS), E(ENOTSOCK),
	E(EDESTADDRREQ), E(EMSGSIZE), E(EPROTOTYPE), E(ENOPROTOOPT),
	E(EPROTONOSUPPORT), E(ESOCKTNOSUPPORT), E(EOPNOTSUPP), E(EPFNOSUPPORT),
	E(EAFNOSUPPORT), E(EADDRINUSE), E(EADDRNOTAVAIL), E(ENETDOWN),
	E(ENETUNREACH), E(ENETRESET), E(ECONNABORTED), E(ECONNRESET),
	E(ENOBUFS), E(EISCONN), E(ENOTCONN), E(ESHUTDOWN), E(ETIMEDOUT),
	E(ECONNREFUSED), E(EHOSTDOWN), E(EHOSTUNREACH), E(EALREADY),
	E(EINPROGRESS), E(EPROTO), E(ENODEV), E(ENXIO), E(ESRCH), E(ECHILD),
};
#undef E

static const char *const *names_list(void)
{
	static const char *list[ARRAY_LEN(errnames) + 1];

	if (!list[0])
		for (size_t i = 0; i < ARRAY_LEN(errnames); i++)
			list[i] = errnames[i].name;
	return list;
}

const char *explain_errname(int err)
{
	static char unknown[16];

	for (size_t i = 0; i < ARRAY_LEN(errnames); i++)
		if (errnames[i].err == err)
			return errnames[i].name;
	snprintf(unknown, sizeof(unknown), "E%d", err);
	return unknown;
}

int explain_errno_parse(const char *name)
{
	if (strcasecmp(name, "EWOULDBLOCK") == 0)
		return EAGAIN;
	if (strcasecmp(name, "ENOTSUP") == 0)
		return EOPNOTSUPP;
	for (size_t i = 0; i < ARRAY_LEN(errnames); i++)
		if (strcasecmp(errnames[i].name, name) == 0)
			return errnames[i].err;
	return -1;
}

const char *const *explain_errnames(void)
{
	return names_list();
}

/* An endpoint's address, reduced: IPv4 (or IPv4-mapped) as 4 bytes, or
 * IPv6 as 16; any: the wildcard; dual: an IPv6 wildcard that also takes
 * IPv4. */
struct endpoint {
	bool v4, any, dual;
	unsigned char a[16];
};

static void endpoint_of(struct endpoint *e, int family, const void *addr,
			bool v6only)
{
	static const unsigned char mapped[12] = { [10] = 0xff, [11] = 0xff };
	static const unsigned char zero[16];

	memset(e, 0, sizeof(*e));
	if (family == AF_INET) {
		e->v4 = true;
		memcpy(e->a, addr, 4);
	} else if (memcmp(addr, mapped, 12) == 0) {
		e->v4 = true;
		memcpy(e->a, (const unsigned char *)addr + 12, 4);
	} else {
		memcpy(e->a, addr, 16);
	}
	e->any = memcmp(e->a, zero, e->v4 ? 4 : 16) == 0;
	e->dual = !e->v4 && e->any && !v6only;
}

static bool endpoints_overlap(const struct endpoint *x,
			      const struct endpoint *y)
{
	if (x->v4 == y->v4)
		return x->any || y->any || memcmp(x->a, y->a, x->v4 ? 4 : 16) == 0;
	/* one IPv4, one IPv6: only a dual-stack wildcard reaches across */
	return x->dual || y->dual;
}

bool explain_overlaps(const struct diag_row *r, int proto,
		      const struct sockaddr *sa, bool v6only)
{
	struct endpoint want, row;
	int port;

	if (r->proto != proto)
		return false;
	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *sin = (const void *)sa;

		port = ntohs(sin->sin_port);
		endpoint_of(&want, AF_INET, &sin->sin_addr, false);
	} else if (sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *sin6 = (const void *)sa;

		port = ntohs(sin6->sin6_port);
		endpoint_of(&want, AF_INET6, &sin6->sin6_addr, v6only);
	} else {
		return false;
	}
	if (!port || r->sport != port)
		return false;
	endpoint_of(&row, r->family, &r->src, r->v6only == 1);
	return endpoints_overlap(&want, &row);
}
