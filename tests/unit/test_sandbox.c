/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_sandbox.c - sandbox_enter and sandbox_lo_up against the kernel.
 *
 * Every socket is made inside a private namespace created by the code under
 * test, in forked children, so nothing touches the host's ports. Children
 * report results as "1 text" / "0 text" / "S text" (skip) lines on a pipe;
 * the parent turns them into TAP.
 *
 * Also a helper for tests/sandbox.sh: "test_sandbox --listen ADDR" listens
 * on ADDR:0 (TCP), prints the port the kernel chose, and stays until killed
 * (at most two minutes, so it can never outlive a broken test for long). */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <grp.h>
#include <net/if.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sandbox.h"
#include "tap.h"

static int report_fd = -1;

static void __attribute__((format(printf, 2, 3)))
report(char status, const char *fmt, ...)
{
	char line[512];
	va_list ap;
	int n;

	n = snprintf(line, sizeof(line), "%c ", status);
	va_start(ap, fmt);
	n += vsnprintf(line + n, sizeof(line) - (size_t)n - 1, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(line) - 2)
		n = (int)sizeof(line) - 2;
	line[n++] = '\n';
	if (write(report_fd, line, (size_t)n) < 0)
		_exit(3);
}

static int lo_is_up(void)
{
	struct ifreq ifr;
	int fd, up;

	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	up = ioctl(fd, SIOCGIFFLAGS, &ifr) < 0 ? -1 : !!(ifr.ifr_flags & IFF_UP);
	close(fd);
	return up;
}

static ino_t netns_ino(void)
{
	struct stat st;

	return stat("/proc/self/ns/net", &st) < 0 ? 0 : st.st_ino;
}

static int tcp_listen(const char *addr, uint16_t *port)
{
	struct sockaddr_in sin = { .sin_family = AF_INET };
	socklen_t len = sizeof(sin);
	int fd;

	if (inet_pton(AF_INET, addr, &sin.sin_addr) != 1)
		return -1;
	fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	if (bind(fd, (struct sockaddr *)&sin, sizeof(sin)) < 0 ||
	    listen(fd, 8) < 0 ||
	    getsockname(fd, (struct sockaddr *)&sin, &len) < 0) {
		close(fd);
		return -1;
	}
	*port = ntohs(sin.sin_port);
	return fd;
}

/* Connect to 127.0.0.1:port; 0 or the errno. Loopback answers at once,
 * either way, so a blocking connect cannot hang. */
static int tcp_connect_errno(uint16_t port)
{
	struct sockaddr_in sin = {
		.sin_family = AF_INET,
		.sin_port = htons(port),
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	int fd, e = 0;

	fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return errno;
	if (connect(fd, (struct sockaddr *)&sin, sizeof(sin)) < 0)
		e = errno;
	close(fd);
	return e;
}

static int wait_child(pid_t pid)
{
	int st;

	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* Inside a fresh namespace: lo up, usable, idempotent. */
static void check_inside(const char *who, ino_t outer)
{
	char err[512];
	uint16_t port;
	int fd, e;

	report(netns_ino() != outer ? '1' : '0',
	       "%s: a different network namespace", who);
	report(lo_is_up() == 1 ? '1' : '0', "%s: lo is up", who);
	fd = tcp_listen("127.0.0.1", &port);
	report(fd >= 0 ? '1' : '0', "%s: listen on 127.0.0.1", who);
	if (fd >= 0) {
		e = tcp_connect_errno(port);
		report(e == 0 ? '1' : '0', "%s: connect over lo (%s)", who,
		       e ? strerror(e) : "ok");
		close(fd);
	}
	err[0] = '\0';
	e = sandbox_lo_up(err, sizeof(err));
	report(e == 0 ? '1' : '0', "%s: sandbox_lo_up on an up lo acks%s%s",
	       who, *err ? ": " : "", err);
}

/* Child A (current privileges): a namespace with a listener, then child B
 * in a namespace of its own must not reach it. */
static int child_privileged(void)
{
	char err[512] = "";
	uint16_t port;
	ino_t outer = netns_ino();
	pid_t pid;
	int fd, e;

	if (sandbox_enter(err, sizeof(err)) < 0) {
		report('S', "no namespace: %s", err);
		return 77;
	}
	report('1', "sandbox_enter as uid %u", (unsigned)geteuid());
	check_inside("first", outer);
	fd = tcp_listen("127.0.0.1", &port);
	if (fd < 0) {
		report('0', "listener for the isolation check: %s", strerror(errno));
		return 1;
	}
	outer = netns_ino();
	pid = fork();
	if (pid == 0) {
		if (sandbox_enter(err, sizeof(err)) < 0) {
			report('0', "nested sandbox_enter: %s", err);
			_exit(1);
		}
		check_inside("nested", outer);
		e = tcp_connect_errno(port);
		report(e == ECONNREFUSED ? '1' : '0',
		       "nested: the outer listener on port %u is not visible (%s)",
		       (unsigned)port, e ? strerror(e) : "connected!");
		_exit(0);
	}
	e = wait_child(pid);
	report(e == 0 ? '1' : '0', "nested child exited 0 (%d)", e);
	close(fd);
	return 0;
}

/* Root drops to nobody (losing every capability); sandbox_enter must then
 * take the user-namespace path and keep the uid. */
static int child_unprivileged(void)
{
	char err[512] = "";
	ino_t outer = netns_ino();

	if (setgroups(0, NULL) < 0 || setresgid(65534, 65534, 65534) < 0 ||
	    setresuid(65534, 65534, 65534) < 0) {
		report('S', "cannot become nobody: %s", strerror(errno));
		return 0;
	}
	/* Changing uid without exec made us non-dumpable, which makes
	 * /proc/self/uid_map root's; an exec'd sockstage is dumpable. */
	prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
	if (sandbox_enter(err, sizeof(err)) < 0) {
		/* A host that forbids user namespaces: the message must say
		 * why and point to running without --sandbox. */
		report(strstr(err, "without --sandbox") ? '1' : '0',
		       "refusal explains itself: %s", err);
		report('S', "unprivileged user namespaces unavailable");
		return 0;
	}
	report('1', "sandbox_enter as nobody (user namespace)");
	report(geteuid() == 65534 && getegid() == 65534 ? '1' : '0',
	       "uid and gid map to themselves (%u %u)",
	       (unsigned)geteuid(), (unsigned)getegid());
	check_inside("unprivileged", outer);
	return 0;
}

/* Run fn in a child; its report lines end up in buf (size len). Returns
 * the child's exit status. */
static int run_child(int (*fn)(void), char *buf, size_t size)
{
	size_t len = 0;
	ssize_t n;
	int p[2];
	pid_t pid;

	fflush(stdout);
	if (pipe(p) < 0)
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		close(p[0]);
		report_fd = p[1];
		_exit(fn());
	}
	close(p[1]);
	while (len < size - 1 &&
	       (n = read(p[0], buf + len, size - 1 - len)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break;
		len += (size_t)n;
	}
	buf[len] = '\0';
	close(p[0]);
	return wait_child(pid);
}

/* Turn report lines into TAP. */
static void emit(char *buf)
{
	char *line, *nl;

	for (line = buf; (nl = strchr(line, '\n')); line = nl + 1) {
		*nl = '\0';
		if (line[0] == 'S')
			printf("ok %d # SKIP %s\n", ++tap_n, line + 2);
		else
			tap_ok(line[0] == '1', "%s", line + 2);
	}
}

static int listen_helper(const char *addr)
{
	uint16_t port;
	int fd;

	fd = tcp_listen(addr, &port);
	if (fd < 0) {
		fprintf(stderr, "test_sandbox: cannot listen on %s: %s\n",
			addr, strerror(errno));
		return 1;
	}
	printf("%u\n", (unsigned)port);
	fflush(stdout);
	alarm(120);
	for (;;)
		pause();
}

int main(int argc, char **argv)
{
	char buf[16384];
	int rc;

	if (argc == 3 && !strcmp(argv[1], "--listen"))
		return listen_helper(argv[2]);
	rc = run_child(child_privileged, buf, sizeof(buf));
	if (rc == 77 && buf[0] == 'S') {
		/* No namespace at all: the whole file is skipped. */
		buf[strcspn(buf, "\n")] = '\0';
		printf("1..0 # SKIP %s\n", buf + 2);
		return 0;
	}
	emit(buf);
	tap_ok(rc == 0, "privileged child exited 0 (%d)", rc);
	/* Not root: the first child already took the user-namespace path. */
	if (geteuid() == 0) {
		rc = run_child(child_unprivileged, buf, sizeof(buf));
		emit(buf);
		tap_ok(rc == 0, "unprivileged child exited 0 (%d)", rc);
	}
	return tap_done();
}
