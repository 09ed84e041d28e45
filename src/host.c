/* SPDX-License-Identifier: GPL-2.0-or-later */
/* host.c - a machine of the stage: a network namespace with loopback up
 * and a TUN device (IFF_TUN, no packet information: whole IP packets,
 * each behind a virtio_net_hdr, with TSO: see host.h) on the stage's link.
 *
 * A namespace is made by the calling thread alone: it saves the
 * namespace it is in, unshares a new one, configures it and enters the
 * saved one again (setns), so the process and its other threads stay
 * where they are. Nothing is named in /run/netns: the namespace lives as
 * long as its fd or a process in it, so nothing outlives sockstage. The
 * TUN device is not persistent: it goes with its fd. */
#include "host.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/if_tun.h>
#include <linux/virtio_net.h>
#include <net/if.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "rtnl.h"
#include "sandbox.h"

#define NS_SELF "/proc/thread-self/ns/net"

_Static_assert(HOST_VNET_LEN == sizeof(struct virtio_net_hdr),
	       "HOST_VNET_LEN is a virtio_net_hdr's size");

int host_enter(const struct host *h, int *back, char *err, size_t errlen)
{
	*back = open(NS_SELF, O_RDONLY | O_CLOEXEC);
	if (*back < 0) {
		err_printf(err, errlen, "%s: %s", NS_SELF, strerror(errno));
		return -1;
	}
	if (setns(h->ns, CLONE_NEWNET) < 0) {
		err_printf(err, errlen, "entering host %s (setns): %s", h->name,
			   strerror(errno));
		close(*back);
		return -1;
	}
	return 0;
}

void host_leave(int back)
{
	/* the thread came from there: going back cannot be refused */
	if (setns(back, CLONE_NEWNET) < 0)
		abort();
	close(back);
}

/* Why /dev/net/tun failed with e. */
static void tun_error(int e, char *err, size_t errlen)
{
	const char *why = "";

	if (e == ENOENT || e == ENODEV)
		why = " (no TUN driver: modprobe tun)";
	else if (e == EACCES || e == EPERM)
		why = " (hosts need a /dev/net/tun this user may open: run as "
		      "root, or make it mode 0666 as Debian ships it)";
	err_printf(err, errlen, "cannot open /dev/net/tun: %s%s", strerror(e), why);
}

/* The offloads of a host's device: the kernel hands the relay TCP
 * segments of up to 64 KiB (TSO over IPv4 and IPv6), as loopback hands
 * them to the receiver, not the MTU's 1448 bytes of payload: one read()
 * and one write() carry what took up to 45 of each. Their checksums may
 * be partial (VIRTIO_NET_HDR_F_NEEDS_CSUM: the receiving kernel needs
 * none), as in a loopback capture. Not UDP's (USO): a datagram's size is
 * what the stage shows. */
#define TUN_OFFLOADS (TUN_F_CSUM | TUN_F_TSO4 | TUN_F_TSO6)

/* The TUN device of the current namespace, IPv6 off until an IPv6
 * address comes (no router solicitations on the wire). */
static int tun_open(struct host *h, char *err, size_t errlen)
{
	struct ifreq ifr;
	int hdr = HOST_VNET_LEN;

	h->tun = open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (h->tun < 0) {
		tun_error(errno, err, errlen);
		return -1;
	}
	memset(&ifr, 0, sizeof(ifr));
	ifr.ifr_flags = IFF_TUN | IFF_NO_PI | IFF_VNET_HDR;
	str_copy(ifr.ifr_name, HOST_IFNAME, sizeof(ifr.ifr_name));
	if (ioctl(h->tun, TUNSETIFF, &ifr) < 0) {
		err_printf(err, errlen, "creating TUN device %s (TUNSETIFF): %s",
			   HOST_IFNAME, strerror(errno));
		return -1;
	}
	if (ioctl(h->tun, TUNSETVNETHDRSZ, &hdr) < 0) {
		err_printf(err, errlen, "TUN device %s: its header (TUNSETVNETHDRSZ): %s",
			   HOST_IFNAME, strerror(errno));
		return -1;
	}
	/* refused (a kernel without them), the wire carries packets of the
	 * MTU: slower, the same otherwise */
	ioctl(h->tun, TUNSETOFFLOAD, (unsigned long)TUN_OFFLOADS);
	h->ifindex = if_nametoindex(HOST_IFNAME);
	return 0;
}

static int write_knob(const char *path, const char *value)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return errno == ENOENT ? 0 : -1;	/* no IPv6 at all */
	n = write(fd, value, strlen(value));
	close(fd);
	return n < 0 ? -1 : 0;
}

/* IPv6 on wire0, or off; on, without a link-local address of its own
 * (addr_gen_mode 1): a host speaks IPv6 on the wire only from the
 * addresses it was given, which the relay knows. */
static int ipv6(bool on)
{
	if (on && write_knob("/proc/sys/net/ipv6/conf/" HOST_IFNAME
			     "/addr_gen_mode", "1") < 0)
		return -1;
	return write_knob("/proc/sys/net/ipv6/conf/" HOST_IFNAME "/disable_ipv6",
			  on ? "0" : "1");
}

/* Loopback, the TUN device up, in the current namespace. */
static int plug(struct host *h, char *err, size_t errlen)
{
	struct rtnl *r;
	int rc;

	if (sandbox_lo_up(err, errlen) < 0 || tun_open(h, err, errlen) < 0)
		return -1;
	ipv6(false);
	if (!(r = rtnl_open(err, errlen)))
		return -1;
	rc = rtnl_link_up(r, HOST_IFNAME, HOST_MTU, HOST_TXQLEN, err, errlen);
	rtnl_close(r);
	return rc;
}

int host_make(struct host *h, const char *name, bool here, char *err,
	      size_t errlen)
{
	int back = -1, rc;

	memset(h, 0, sizeof(*h));
	str_copy(h->name, name, sizeof(h->name));
	h->ns = h->tun = -1;
	if (!here) {
		back = open(NS_SELF, O_RDONLY | O_CLOEXEC);
		if (back < 0 || unshare(CLONE_NEWNET) < 0) {
			err_printf(err, errlen, "a network namespace for host %s: %s",
				   name, strerror(errno));
			if (back >= 0)
				close(back);
			return -1;
		}
	}
	h->ns = open(NS_SELF, O_RDONLY | O_CLOEXEC);
	rc = h->ns < 0 ? -1 : plug(h, err, errlen);
	if (h->ns < 0)
		err_printf(err, errlen, "%s: %s", NS_SELF, strerror(errno));
	if (back >= 0)
		host_leave(back);
	if (rc < 0)
		host_free(h);
	return rc;
}

void host_free(struct host *h)
{
	if (h->tun >= 0)
		close(h->tun);
	if (h->ns >= 0)
		close(h->ns);
	h->tun = h->ns = -1;
}

/* fn(r) in h's namespace with a rtnetlink socket of it. */
static int in_host(struct host *h, int (*fn)(struct host *, struct rtnl *,
					      const struct host_addr *,
					      char *, size_t),
		   const struct host_addr *a, char *err, size_t errlen)
{
	struct rtnl *r;
	int back, rc = -1;

	if (host_enter(h, &back, err, errlen) < 0)
		return -1;
	if ((r = rtnl_open(err, errlen))) {
		rc = fn(h, r, a, err, errlen);
		rtnl_close(r);
	}
	host_leave(back);
	return rc;
}

static int do_addr(struct host *h, struct rtnl *r, const struct host_addr *a,
		   char *err, size_t errlen)
{
	if (a->family == AF_INET6 && ipv6(true) < 0) {
		err_printf(err, errlen, "cannot turn IPv6 on for %s: %s",
			   HOST_IFNAME, strerror(errno));
		return -1;
	}
	return rtnl_addr_add(r, h->ifindex, a->family, &a->a, a->prefix, err,
			     errlen);
}

/* A route to an IPv6 subnet needs IPv6 on wire0, off until then. */
static int do_route(struct host *h, struct rtnl *r, const struct host_addr *net,
		    char *err, size_t errlen)
{
	if (net->family == AF_INET6 && ipv6(true) < 0) {
		err_printf(err, errlen, "cannot turn IPv6 on for %s: %s",
			   HOST_IFNAME, strerror(errno));
		return -1;
	}
	return rtnl_route_add(r, h->ifindex, net->family, &net->a, net->prefix,
			      err, errlen);
}

int host_add_addr(struct host *h, const struct host_addr *a, char *err,
		  size_t errlen)
{
	if (h->naddr == HOST_ADDRS) {
		err_printf(err, errlen, "host %s has %d addresses already, the "
			   "most a host may have", h->name, HOST_ADDRS);
		return -1;
	}
	if (in_host(h, do_addr, a, err, errlen) < 0)
		return -1;
	h->addr[h->naddr++] = *a;
	return 0;
}

int host_add_route(struct host *h, const struct host_addr *net, char *err,
		   size_t errlen)
{
	return in_host(h, do_route, net, err, errlen);
}

/* ---- addresses ------------------------------------------------------------------- */

static size_t alen(int family)
{
	return family == AF_INET ? 4 : 16;
}

bool host_has(const struct host *h, int family, const struct in6_addr *a)
{
	for (int i = 0; i < h->naddr; i++)
		if (h->addr[i].family == family &&
		    !memcmp(&h->addr[i].a, a, alen(family)))
			return true;
	return false;
}

void host_subnet(const struct host_addr *a, struct host_addr *net)
{
	unsigned bits = a->prefix;

	*net = *a;
	for (size_t i = 0; i < 16; i++) {
		unsigned keep = bits >= 8 ? 8 : bits;

		net->a.s6_addr[i] &= (uint8_t)(0xff00u >> keep);
		bits -= keep;
	}
}

bool host_on_subnet(const struct host *h, const struct host_addr *net)
{
	for (int i = 0; i < h->naddr; i++) {
		struct host_addr mine;

		if (h->addr[i].family != net->family)
			continue;
		host_subnet(&(struct host_addr){ .family = net->family,
						 .prefix = net->prefix,
						 .a = h->addr[i].a }, &mine);
		if (!memcmp(&mine.a, &net->a, alen(net->family)))
			return true;
	}
	return false;
}

void host_addr_format(const struct host_addr *a, char *buf, size_t len)
{
	char ip[INET6_ADDRSTRLEN] = "?";

	inet_ntop(a->family, &a->a, ip, sizeof(ip));
	snprintf(buf, len, "%s/%u", ip, a->prefix);
}

int host_addr_parse(const char *text, struct host_addr *a, char *err,
		    size_t errlen)
{
	char ip[INET6_ADDRSTRLEN + 8];
	const char *slash = strchr(text, '/');
	size_t n = slash ? (size_t)(slash - text) : strlen(text);
	unsigned long prefix;
	char *end;

	memset(a, 0, sizeof(*a));
	if (n >= sizeof(ip)) {
		err_printf(err, errlen, "'%.40s...' is not an address", text);
		return -1;
	}
	memcpy(ip, text, n);
	ip[n] = '\0';
	if (inet_pton(AF_INET, ip, &a->a) == 1)
		a->family = AF_INET;
	else if (inet_pton(AF_INET6, ip, &a->a) == 1)
		a->family = AF_INET6;
	else {
		err_printf(err, errlen, "'%s' is not an IPv4 or IPv6 address", ip);
		return -1;
	}
	a->prefix = a->family == AF_INET ? 24 : 64;
	if (!slash)
		return 0;
	prefix = strtoul(slash + 1, &end, 10);
	if (*end || end == slash + 1 || prefix > (a->family == AF_INET ? 32u : 128u)) {
		err_printf(err, errlen, "'/%s' is not a prefix length (0-%d)",
			   slash + 1, a->family == AF_INET ? 32 : 128);
		return -1;
	}
	a->prefix = (uint8_t)prefix;
	return 0;
}
