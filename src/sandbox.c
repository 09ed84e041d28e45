/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sandbox.c - --sandbox: move sockstage into a fresh private network
 * namespace and bring its loopback interface up.
 *
 * As root (or with CAP_SYS_ADMIN) a plain unshare(CLONE_NEWNET) does it.
 * Otherwise a new user namespace is created together with the network
 * namespace, mapping only the caller's own uid and gid, which gives the
 * capabilities needed inside (CAP_NET_ADMIN for the interface) without any
 * privilege on the host. "lo" starts down in a new namespace; it is brought
 * up with an RTM_NEWLINK request over rtnetlink (rtnl.c) whose ack is
 * checked. Every failure is returned as a message, never exit(). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "rtnl.h"
#include "sandbox.h"

#define APPARMOR_USERNS "/proc/sys/kernel/apparmor_restrict_unprivileged_userns"

/* Ends every refusal. Messages stay under 256 bytes, main's buffer. */
#define WITHOUT_SANDBOX \
	"; sockstage works without --sandbox, in the host's namespace"

/* Read the first line of a small /proc file (a sysctl) into buf, without
 * the newline. Returns 0, or -1 when it cannot be read (absent knob). */
static int read_sysctl(const char *path, char *buf, size_t len)
{
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

/* Append text to the message in err, as far as it fits. */
static void append(char *err, size_t errlen, const char *text)
{
	size_t used = strlen(err);

	if (used + 1 < errlen)
		snprintf(err + used, errlen - used, "%s", text);
}

/* Does the sysctl at path read exactly as value? */
static int sysctl_is(const char *path, const char *value)
{
	char buf[64];

	return read_sysctl(path, buf, sizeof(buf)) == 0 && !strcmp(buf, value);
}

/* Why unshare(CLONE_NEWUSER | CLONE_NEWNET) failed with errno e, as far as
 * the kernel's knobs tell. */
static void explain_userns(int e, char *err, size_t errlen)
{
	char max[64] = "?";
	const char *why;

	switch (e) {
	case EPERM:
		if (sysctl_is("/proc/sys/kernel/unprivileged_userns_clone", "0"))
			why = "unprivileged user namespaces are disabled "
			      "(kernel.unprivileged_userns_clone=0)";
		else if (sysctl_is(APPARMOR_USERNS, "1"))
			why = "AppArmor forbids unprivileged user namespaces "
			      "(kernel.apparmor_restrict_unprivileged_userns=1)";
		else
			why = "user namespaces are not permitted here "
			      "(a container's seccomp policy? a chroot?)";
		break;
	case ENOSPC:
	case EUSERS:
		read_sysctl("/proc/sys/user/max_user_namespaces", max, sizeof(max));
		why = strcmp(max, "0") == 0 ?
		      "user namespaces are disabled (user.max_user_namespaces=0)" :
		      "too many namespaces (user.max_user_namespaces, "
		      "user.max_net_namespaces)";
		break;
	case EINVAL:
		why = "the kernel does not support user or network namespaces";
		break;
	default:
		why = "cannot create a user namespace";
		break;
	}
	snprintf(err, errlen,
		 "no CAP_SYS_ADMIN, and unshare(CLONE_NEWUSER|CLONE_NEWNET): %s: %s"
		 WITHOUT_SANDBOX, strerror(e), why);
}

/* Write text to a /proc file in one write(2), as the id map files need. */
static int write_proc(const char *path, const char *text, int missing_ok,
		      char *err, size_t errlen)
{
	size_t len = strlen(text);
	ssize_t n;
	int fd, e;

	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0) {
		if (missing_ok && errno == ENOENT)
			return 0;
		e = errno;
		goto fail;
	}
	n = write(fd, text, len);
	e = errno;
	close(fd);
	if (n == (ssize_t)len)
		return 0;
	if (n >= 0)
		e = EIO;
fail:
	snprintf(err, errlen, "cannot write %s: %s" WITHOUT_SANDBOX,
		 path, strerror(e));
	return -1;
}

/* Unprivileged path: a user namespace owning a network namespace, where
 * our uid and gid map to themselves. setgroups must be denied before an
 * unprivileged process may write gid_map. */
static int enter_userns(char *err, size_t errlen)
{
	char map[64];
	uid_t uid = geteuid();
	gid_t gid = getegid();

	if (unshare(CLONE_NEWUSER | CLONE_NEWNET) < 0) {
		explain_userns(errno, err, errlen);
		return -1;
	}
	if (write_proc("/proc/self/setgroups", "deny", 1, err, errlen) < 0)
		return -1;
	snprintf(map, sizeof(map), "%u %u 1\n", (unsigned)uid, (unsigned)uid);
	if (write_proc("/proc/self/uid_map", map, 0, err, errlen) < 0)
		return -1;
	snprintf(map, sizeof(map), "%u %u 1\n", (unsigned)gid, (unsigned)gid);
	if (write_proc("/proc/self/gid_map", map, 0, err, errlen) < 0)
		return -1;
	return 0;
}

int sandbox_enter(char *err, size_t errlen)
{
	int e;

	if (unshare(CLONE_NEWNET) == 0) {
		if (sandbox_lo_up(err, errlen) < 0) {
			append(err, errlen, WITHOUT_SANDBOX);
			return -1;
		}
		return 0;
	}
	e = errno;
	if (e != EPERM) {
		snprintf(err, errlen,
			 "unshare(CLONE_NEWNET): %s%s" WITHOUT_SANDBOX, strerror(e),
			 e == ENOSPC ? " (user.max_net_namespaces reached)" :
			 e == EINVAL ? " (a kernel without network namespaces?)" : "");
		return -1;
	}
	if (enter_userns(err, errlen) < 0)
		return -1;
	if (sandbox_lo_up(err, errlen) < 0) {
		append(err, errlen, sysctl_is(APPARMOR_USERNS, "1") ?
		       " (AppArmor restricts user namespaces: "
		       "kernel.apparmor_restrict_unprivileged_userns=1)" : "");
		append(err, errlen, WITHOUT_SANDBOX);
		return -1;
	}
	return 0;
}

int sandbox_lo_up(char *err, size_t errlen)
{
	struct rtnl *r = rtnl_open(err, errlen);
	char why[200];

	if (!r)
		return -1;
	if (rtnl_link_up(r, "lo", 0, 0, why, sizeof(why)) < 0) {
		snprintf(err, errlen, "cannot bring the loopback interface up "
			 "(RTM_NEWLINK lo IFF_UP): %s", strerror(errno));
		rtnl_close(r);
		return -1;
	}
	rtnl_close(r);
	return 0;
}
