/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cmd_sysctl.c - sysctl NAME [VALUE]: read or set a sysctl of the
 * stage's network namespace (net.*, each namespace its own), as
 * /proc/sys/net/... holds it. Only in a sandbox: on the real host it
 * would change the machine for everyone. Its row is in the command table
 * (cmdtab.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cgen.h"
#include "export_int.h"
#include "stage_int.h"

/* /proc/sys/net/ipv4/tcp_syn_retries for net.ipv4.tcp_syn_retries */
static void path_of(const char *name, char *buf, size_t len)
{
	size_t off = (size_t)snprintf(buf, len, "/proc/sys/");

	for (; *name && off + 1 < len; name++)
		buf[off++] = *name == '.' ? '/' : *name;
	buf[off < len ? off : len - 1] = '\0';
}

/* What it holds, on one line: the kernel separates values by tabs. */
static int read_value(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -1;
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		n--;
	buf[n] = '\0';
	for (char *p = buf; *p; p++)
		if (*p == '\t' || *p == '\n')
			*p = ' ';
	return 0;
}

static int write_value(const char *path, const char *value, size_t len)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;
	int e;

	if (fd < 0)
		return -1;
	n = write(fd, value, len);
	e = errno;
	close(fd);
	errno = e;
	return n == (ssize_t)len ? 0 : -1;
}

static enum result_kind failed(struct result *res, int err)
{
	res->kind = RES_FAIL;
	res->ret = -1;
	res->err = err;
	return RES_FAIL;
}

/* Read or write it, in the host's namespace: /proc/sys/net is the
 * namespace's of the thread that opens it. 0, or -1 with errno. */
static int access_value(struct stage *st, int host, const struct command *cmd,
			const char *path, char *value, size_t len,
			struct result *res)
{
	char err[160];
	int back, rc, e;

	if (stage_host_enter(st, host, &back, err, sizeof(err)) < 0) {
		res_error(res, cmd->host.col, "%s", err);
		return 1;
	}
	if (cmd->data)
		rc = write_value(path, cmd->data, cmd->datalen);
	else
		rc = read_value(path, value, len);
	e = errno;
	stage_host_leave(back);
	errno = e;
	return rc;
}

int stage_sysctl_read(struct stage *st, int host, const char *name, char *buf,
		      size_t len)
{
	char path[320], err[160];
	int back, rc;

	path_of(name, path, sizeof(path));
	if (stage_host_enter(st, host, &back, err, sizeof(err)) < 0)
		return -1;
	rc = read_value(path, buf, len);
	stage_host_leave(back);
	return rc;
}

enum result_kind cmdx_sysctl(struct stage *st, const struct command *cmd,
			     struct result *res)
{
	char path[320], value[256], on[48] = "";
	int host, rc;

	if (cmd->host.col >= 0)
		snprintf(on, sizeof(on), "%s: ", cmd->host.name);
	if (cmd->data)
		res_call(res, "sysctl(%s%s, \"%s\")", on, cmd->text, cmd->data);
	else
		res_call(res, "sysctl(%s%s)", on, cmd->text);
	if (!st->sandboxed)
		return res_error(res, 0, "sysctl sets the network namespace's "
				 "sysctls: outside a sandbox that is the whole "
				 "machine's (run with --sandbox, or a lesson)");
	if ((host = stage_resolve_host(st, &cmd->host, res)) < 0)
		return RES_ERROR;
	path_of(cmd->text, path, sizeof(path));
	rc = access_value(st, host, cmd, path, value, sizeof(value), res);
	if (rc > 0)
		return RES_ERROR;
	if (rc < 0)
		return failed(res, errno);
	res->kind = RES_OK;
	if (cmd->data)
		res_value(res, "0");
	else
		res_value(res, "%s", value);
	return RES_OK;
}

/* In the program: the same file written, or read and printed. */
int cmdg_sysctl(struct export *x, const struct command *cmd,
		const struct xstep *st)
{
	char path[320];

	(void)x;
	path_of(cmd->text, path, sizeof(path));
	if (cmd->data)
		sb_add(st->body, "\t/* a sysctl of the network namespace: run "
		       "the program in one of its own\n\t   (unshare -rn), as "
		       "sockstage ran the script in a sandbox */\n");
	sb_add(st->body, "\tdo_sysctl(");
	cgen_call(st->body, st->res);
	sb_add(st->body, ", ");
	cgen_string(st->body, path, strlen(path));
	sb_add(st->body, ", ");
	if (cmd->data)
		cgen_string(st->body, cmd->data, cmd->datalen);
	else
		sb_add(st->body, "NULL");
	sb_add(st->body, ");\n");
	return 0;
}
