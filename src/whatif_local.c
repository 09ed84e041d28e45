/* SPDX-License-Identifier: GPL-2.0-or-later */
/* whatif_local.c - explain a bind refused for its address itself: one
 * that is not local (EADDRNOTAVAIL: which addresses are), or a port below
 * net.ipv4.ip_unprivileged_port_start (EACCES). */
#include "whatif.h"

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>

#include "addr.h"
#include "stage_int.h"
#include "util.h"

#define LOCAL_SHOWN 8

static int prefix_len(const struct sockaddr *mask)
{
	const unsigned char *b;
	int n = 0, len;

	if (!mask)
		return -1;
	if (mask->sa_family == AF_INET) {
		b = (const unsigned char *)&((const struct sockaddr_in *)(const void *)mask)->sin_addr;
		len = 4;
	} else {
		b = ((const struct sockaddr_in6 *)(const void *)mask)->sin6_addr.s6_addr;
		len = 16;
	}
	for (int i = 0; i < len; i++)
		n += __builtin_popcount(b[i]);
	return n;
}

/* "127.0.0.1/8 (lo), ::1/128 (lo)": the addresses of family in this
 * network namespace. Returns how many. */
static int local_addrs(int family, struct strbuf *out, bool *has_lo4)
{
	struct ifaddrs *all, *i;
	char host[INET6_ADDRSTRLEN];
	int n = 0;

	if (getifaddrs(&all) < 0)
		return -1;
	for (i = all; i; i = i->ifa_next) {
		const void *a;

		if (!i->ifa_addr || i->ifa_addr->sa_family != family)
			continue;
		a = family == AF_INET ?
		    (const void *)&((struct sockaddr_in *)(void *)i->ifa_addr)->sin_addr :
		    (const void *)&((struct sockaddr_in6 *)(void *)i->ifa_addr)->sin6_addr;
		inet_ntop(family, a, host, sizeof(host));
		if (family == AF_INET && (i->ifa_flags & IFF_LOOPBACK))
			*has_lo4 = true;
		if (n++ < LOCAL_SHOWN)
			sb_printf(out, "%s%s/%d (%s)", n > 1 ? ", " : "", host,
				  prefix_len(i->ifa_netmask), i->ifa_name);
	}
	freeifaddrs(all);
	if (n > LOCAL_SHOWN)
		sb_printf(out, " and %d more", n - LOCAL_SHOWN);
	return n;
}

void whatif_bind_not_local(const struct sockaddr_storage *addr,
			   struct result *res)
{
	struct strbuf list = { 0 };
	char host[INET6_ADDRSTRLEN] = "?";
	struct in_addr v4;
	bool lo4 = false;
	int family = addr->ss_family, n;

	if (addr_sa_v4((const struct sockaddr *)addr, &v4)) {
		family = AF_INET;
		inet_ntop(AF_INET, &v4, host, sizeof(host));
	} else if (family == AF_INET6) {
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)addr)->sin6_addr,
			  host, sizeof(host));
	} else {
		return;
	}
	if ((n = local_addrs(family, &list, &lo4)) < 0)
		return;
	res_note_kind(res, NOTE_WHY, "%s is not an address of this host (this network "
		 "namespace); its IPv%d addresses: %s%s", host,
		 family == AF_INET ? 4 : 6, n ? list.s : "none",
		 lo4 ? "; all of 127.0.0.0/8 is local through lo" : "");
	res_note_kind(res, NOTE_WHY, "bind takes a local address or a wildcard; IP_FREEBIND "
		 "or net.ipv%d.ip_nonlocal_bind=1 lets it take any address",
		 family == AF_INET ? 4 : 6);
	res_note_kind(res, NOTE_TRY, "bind one of the addresses above, or %s to take all "
		 "of them", family == AF_INET ? "0.0.0.0" : "[::]");
	sb_free(&list);
}

void whatif_bind_access(const struct sockaddr_storage *addr,
			struct result *res)
{
	int port = addr_sa_port((const struct sockaddr *)addr), start = -1;
	FILE *f = fopen("/proc/sys/net/ipv4/ip_unprivileged_port_start", "r");

	if (f) {
		if (fscanf(f, "%d", &start) != 1)
			start = -1;
		fclose(f);
	}
	if (start < 0 || port >= start)
		return;
	res_note_kind(res, NOTE_WHY, "port %d is below net.ipv4.ip_unprivileged_port_start "
		 "(%d): binding it needs CAP_NET_BIND_SERVICE", port, start);
	res_note_kind(res, NOTE_TRY, "a port from %d up, or this process as root (or with "
		 "CAP_NET_BIND_SERVICE), or a lower ip_unprivileged_port_start "
		 "in this namespace", start);
}
