/* SPDX-License-Identifier: GPL-2.0-or-later */
/* host.h - the stage's machines: each a network namespace of the sandbox
 * with its loopback up and a TUN device, "wire0", on the stage's link,
 * whose packets sockstage relays (relay.h). The sandbox's own namespace
 * is a host too ("local"), plugged into the link like the others. */
#ifndef SOCKSTAGE_HOST_H
#define SOCKSTAGE_HOST_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

#define HOST_MAX 8		/* machines on one stage, local included */
#define HOST_ADDRS 4		/* addresses of one machine */
#define HOST_NAMELEN 16
#define HOST_IFNAME "wire0"	/* its interface on the stage's link */
#define HOST_MTU 1500
/* Each packet crosses a host's TUN device behind a struct virtio_net_hdr
 * (IFF_VNET_HDR) of HOST_VNET_LEN bytes, which the relay carries with it:
 * the device takes TCP segments of up to 64 KiB (TSO) with their
 * checksum left to be completed (TUN_F_CSUM), as loopback does, and the
 * receiving kernel takes them as one. HOST_PKT_MAX: the largest packet
 * the device hands the relay (its gso_max_size). */
#define HOST_VNET_LEN 10
#define HOST_PKT_MAX 65536
/* wire0's transmit queue, in packets: what the kernel keeps for the
 * relay while it is busy. A TUN device drops what does not fit, unseen
 * by the wire: 500, the default, overflowed under one bulk transfer
 * (thousands of the segments of 500 MB dropped before the relay could
 * read them, bench/wire-relay); with 1,000 none were. */
#define HOST_TXQLEN 4096

/* An address with its prefix (AF_INET: the first 4 bytes of a). */
struct host_addr {
	uint8_t family;
	uint8_t prefix;
	struct in6_addr a;
};

struct host {
	char name[HOST_NAMELEN + 1];
	int ns;			/* its network namespace (an fd) */
	int tun;		/* its TUN device (the relay reads and writes it) */
	unsigned ifindex;	/* the TUN device's, in its namespace */
	struct host_addr addr[HOST_ADDRS];
	int naddr;
};

/* Make host h named name: in a new network namespace (here false; made
 * without moving the process: only the calling thread enters it, and
 * comes back), or in the calling thread's own (here true: "local"), with
 * loopback up and the TUN device up, without addresses. Returns 0, or -1
 * with the reason (no /dev/net/tun, no permission to open it, ...). */
int host_make(struct host *h, const char *name, bool here, char *err,
	      size_t errlen);
/* Close its TUN device and its namespace: the namespace goes when no
 * process is left in it. */
void host_free(struct host *h);
/* Address a on h's wire0. 0 or -1 (EADDRINUSE-like clashes are the
 * caller's to find first). */
int host_add_addr(struct host *h, const struct host_addr *a, char *err,
		  size_t errlen);
/* A route in h to subnet net through wire0. 0 or -1. */
int host_add_route(struct host *h, const struct host_addr *net, char *err,
		   size_t errlen);
/* The calling thread enters h's namespace; *back keeps the one it was
 * in. 0, or -1 with a message. */
int host_enter(const struct host *h, int *back, char *err, size_t errlen);
/* ... and goes back to it. */
void host_leave(int back);

/* Whether h has address a (family, bytes; not the prefix). */
bool host_has(const struct host *h, int family, const struct in6_addr *a);
/* Whether h has an address on net's subnet. */
bool host_on_subnet(const struct host *h, const struct host_addr *net);
/* a's subnet: its bits past the prefix cleared. */
void host_subnet(const struct host_addr *a, struct host_addr *net);
/* "10.0.0.2/24", "fd00::2/64". */
void host_addr_format(const struct host_addr *a, char *buf, size_t len);
/* ADDR[/PREFIX] (IPv4 default /24, IPv6 /64); 0, or -1 with a message. */
int host_addr_parse(const char *text, struct host_addr *a, char *err,
		    size_t errlen);

#endif
