/* explain.c - errno names: what scripts write after '=>' and what
 * transcripts print. (The meanings and the conflict finder grow here.) */
#include "explain.h"

#include <errno.h>
#include <stdio.h>
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
