/* SPDX-License-Identifier: GPL-2.0-or-later */
/* rtnl.h - the few rtnetlink requests the stage makes (libmnl), in the
 * network namespace of the calling thread: an interface up, an address on
 * it, a route through it. Each request waits for the kernel's ack. */
#ifndef SOCKSTAGE_RTNL_H
#define SOCKSTAGE_RTNL_H

#include <netinet/in.h>
#include <stddef.h>

struct rtnl;

/* A rtnetlink socket of the current thread's namespace. NULL with a
 * message. */
struct rtnl *rtnl_open(char *err, size_t errlen);
void rtnl_close(struct rtnl *r);
/* Bring interface ifname up (and set its MTU when mtu > 0, the length
 * of its transmit queue when txqlen > 0). 0, or -1 with a message. */
int rtnl_link_up(struct rtnl *r, const char *ifname, unsigned mtu,
		 unsigned txqlen, char *err, size_t errlen);
/* Address addr/prefix (family AF_INET: its first 4 bytes) on interface
 * ifindex; IPv6 without duplicate address detection. 0 or -1. */
int rtnl_addr_add(struct rtnl *r, unsigned ifindex, int family,
		  const struct in6_addr *addr, unsigned prefix, char *err,
		  size_t errlen);
/* A route to net/prefix through interface ifindex (on its link: no
 * gateway). 0 or -1. */
int rtnl_route_add(struct rtnl *r, unsigned ifindex, int family,
		   const struct in6_addr *net, unsigned prefix, char *err,
		   size_t errlen);

#endif
