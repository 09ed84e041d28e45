/* SPDX-License-Identifier: GPL-2.0-or-later */
/* rtnl.c - rtnetlink requests through libmnl: RTM_NEWLINK (up, MTU),
 * RTM_NEWADDR and RTM_NEWROUTE, each acked by the kernel. The socket
 * belongs to the namespace of the thread that opens it, so a caller
 * that has entered a host's namespace configures that host. */
#include "rtnl.h"

#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libmnl/libmnl.h>
#include <linux/if_addr.h>
#include <linux/rtnetlink.h>

#include "util.h"

#define RTNL_BUF 8192		/* a request, or a batch of replies */

struct rtnl {
	struct mnl_socket *nl;
	unsigned seq;
	char buf[RTNL_BUF];
};

struct rtnl *rtnl_open(char *err, size_t errlen)
{
	struct rtnl *r = xcalloc(1, sizeof(*r));
	int e;

	r->nl = mnl_socket_open(NETLINK_ROUTE);
	if (!r->nl) {
		err_printf(err, errlen, "cannot open a rtnetlink socket: %s",
			   strerror(errno));
		free(r);
		return NULL;
	}
	if (mnl_socket_bind(r->nl, 0, MNL_SOCKET_AUTOPID) < 0) {
		e = errno;
		mnl_socket_close(r->nl);
		free(r);
		err_printf(err, errlen, "cannot bind a rtnetlink socket: %s",
			   strerror(e));
		return NULL;
	}
	r->seq = (unsigned)time(NULL);
	return r;
}

void rtnl_close(struct rtnl *r)
{
	if (!r)
		return;
	mnl_socket_close(r->nl);
	free(r);
}

/* A new request of type in r's buffer, every byte defined. */
static struct nlmsghdr *request(struct rtnl *r, int type, int flags)
{
	struct nlmsghdr *nlh;

	memset(r->buf, 0, sizeof(r->buf));
	nlh = mnl_nlmsg_put_header(r->buf);
	nlh->nlmsg_type = (uint16_t)type;
	nlh->nlmsg_flags = (uint16_t)(NLM_F_REQUEST | NLM_F_ACK | flags);
	nlh->nlmsg_seq = ++r->seq;
	return nlh;
}

/* Send it and wait for the ack. 0, or -1 with errno. */
static int talk(struct rtnl *r, struct nlmsghdr *nlh)
{
	char buf[RTNL_BUF];
	unsigned portid = mnl_socket_get_portid(r->nl);
	unsigned seq = nlh->nlmsg_seq;
	ssize_t n;
	int rc;

	if (mnl_socket_sendto(r->nl, nlh, nlh->nlmsg_len) < 0)
		return -1;
	do {
		n = mnl_socket_recvfrom(r->nl, buf, sizeof(buf));
		if (n < 0)
			return -1;
		rc = mnl_cb_run(buf, (size_t)n, seq, portid, NULL, NULL);
	} while (rc > MNL_CB_STOP);
	return rc < 0 ? -1 : 0;
}

int rtnl_link_up(struct rtnl *r, const char *ifname, unsigned mtu,
		 unsigned txqlen, char *err, size_t errlen)
{
	struct nlmsghdr *nlh = request(r, RTM_NEWLINK, 0);
	struct ifinfomsg *ifm = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifm));

	ifm->ifi_family = AF_UNSPEC;
	ifm->ifi_flags = IFF_UP;
	ifm->ifi_change = IFF_UP;
	mnl_attr_put_strz(nlh, IFLA_IFNAME, ifname);
	if (mtu)
		mnl_attr_put_u32(nlh, IFLA_MTU, mtu);
	if (txqlen)
		mnl_attr_put_u32(nlh, IFLA_TXQLEN, txqlen);
	if (talk(r, nlh) < 0) {
		int e = errno;

		err_printf(err, errlen, "cannot bring interface %s up "
			   "(RTM_NEWLINK IFF_UP): %s", ifname, strerror(e));
		errno = e;
		return -1;
	}
	return 0;
}

static void addr_text(int family, const struct in6_addr *a, unsigned prefix,
		      char *buf, size_t len)
{
	char ip[INET6_ADDRSTRLEN];

	inet_ntop(family, a, ip, sizeof(ip));
	snprintf(buf, len, "%s/%u", ip, prefix);
}

static size_t addr_len(int family)
{
	return family == AF_INET ? 4 : 16;
}

int rtnl_addr_add(struct rtnl *r, unsigned ifindex, int family,
		  const struct in6_addr *addr, unsigned prefix, char *err,
		  size_t errlen)
{
	struct nlmsghdr *nlh = request(r, RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL);
	struct ifaddrmsg *ifa = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifa));
	char text[64];

	ifa->ifa_family = (uint8_t)family;
	ifa->ifa_prefixlen = (uint8_t)prefix;
	ifa->ifa_scope = RT_SCOPE_UNIVERSE;
	ifa->ifa_index = ifindex;
	if (family == AF_INET6)
		ifa->ifa_flags = IFA_F_NODAD;
	mnl_attr_put(nlh, IFA_LOCAL, addr_len(family), addr);
	mnl_attr_put(nlh, IFA_ADDRESS, addr_len(family), addr);
	if (talk(r, nlh) < 0) {
		addr_text(family, addr, prefix, text, sizeof(text));
		err_printf(err, errlen, "cannot add address %s (RTM_NEWADDR): %s",
			   text, strerror(errno));
		return -1;
	}
	return 0;
}

int rtnl_route_add(struct rtnl *r, unsigned ifindex, int family,
		   const struct in6_addr *net, unsigned prefix, char *err,
		   size_t errlen)
{
	struct nlmsghdr *nlh = request(r, RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL);
	struct rtmsg *rtm = mnl_nlmsg_put_extra_header(nlh, sizeof(*rtm));
	char text[64];

	rtm->rtm_family = (uint8_t)family;
	rtm->rtm_dst_len = (uint8_t)prefix;
	rtm->rtm_table = RT_TABLE_MAIN;
	rtm->rtm_protocol = RTPROT_STATIC;
	rtm->rtm_scope = RT_SCOPE_LINK;
	rtm->rtm_type = RTN_UNICAST;
	mnl_attr_put(nlh, RTA_DST, addr_len(family), net);
	mnl_attr_put_u32(nlh, RTA_OIF, ifindex);
	if (talk(r, nlh) < 0) {
		if (errno == EEXIST)
			return 0;	/* the link's own subnet has it */
		addr_text(family, net, prefix, text, sizeof(text));
		err_printf(err, errlen, "cannot add a route to %s (RTM_NEWROUTE): %s",
			   text, strerror(errno));
		return -1;
	}
	return 0;
}
