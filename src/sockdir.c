/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sockdir.c - the stage's own directory for UNIX sockets, and the janitor
 * that removes it when the stage is gone. */
#include "sockdir.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/close_range.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

int sockdir_remove(const char *path)
{
	DIR *dir = opendir(path);
	struct dirent *e;
	int dfd, rc = 0;

	if (!dir)
		return -1;
	dfd = dirfd(dir);
	while ((e = readdir(dir)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") &&
		    unlinkat(dfd, e->d_name, 0) < 0 &&
		    unlinkat(dfd, e->d_name, AT_REMOVEDIR) < 0)
			rc = -1;
	closedir(dir);
	if (rmdir(path) < 0)
		rc = -1;
	return rc;
}

/* The janitor: no signal a terminal or a process group sends ends it
 * before its work; it waits for the pipe's other end to close. */
static void janitor(int fd, const char *path) __attribute__((noreturn));
static void janitor(int fd, const char *path)
{
	static const int quiet[] = { SIGINT, SIGQUIT, SIGHUP, SIGTERM, SIGTSTP,
				     SIGTTIN, SIGTTOU, SIGPIPE, SIGUSR1, SIGUSR2 };
	char c;

	for (size_t i = 0; i < sizeof(quiet) / sizeof(quiet[0]); i++)
		signal(quiet[i], SIG_IGN);
	prctl(PR_SET_NAME, "sockstage-dir");
	if (fd != 3) {
		dup2(fd, 3);
		fd = 3;
	}
	syscall(SYS_close_range, 0, 2, 0);
	syscall(SYS_close_range, 4, ~0U, 0);
	while (read(fd, &c, 1) < 0 && errno == EINTR)
		;
	sockdir_remove(path);
	_exit(0);
}

int sockdir_open(struct sockdir *d, char *err, size_t errlen)
{
	const char *tmpdir = getenv("TMPDIR");
	int fds[2];
	pid_t pid;

	if (!tmpdir || tmpdir[0] != '/' || strlen(tmpdir) > 200)
		tmpdir = "/tmp";
	snprintf(d->path, sizeof(d->path), "%s/sockstage-XXXXXX", tmpdir);
	if (!mkdtemp(d->path)) {
		snprintf(err, errlen, "cannot make the stage's directory %s: %s",
			 d->path, strerror(errno));
		d->path[0] = '\0';
		return -1;
	}
	/* other users' processes (spawn ... uid N) reach the sockets in it,
	   and may not add their own */
	if (chmod(d->path, 0755) < 0 || pipe2(fds, O_CLOEXEC) < 0) {
		snprintf(err, errlen, "%s: %s", d->path, strerror(errno));
		rmdir(d->path);
		d->path[0] = '\0';
		return -1;
	}
	pid = fork();
	if (pid == 0) {
		close(fds[1]);
		janitor(fds[0], d->path);
	}
	close(fds[0]);
	if (pid < 0) {
		snprintf(err, errlen, "fork: %s", strerror(errno));
		close(fds[1]);
		rmdir(d->path);
		d->path[0] = '\0';
		return -1;
	}
	d->janitor = pid;
	d->pipe_w = fds[1];
	return 0;
}

bool sockdir_on(const struct sockdir *d)
{
	return d->path[0] != '\0';
}

void sockdir_close(struct sockdir *d)
{
	if (!sockdir_on(d))
		return;
	sockdir_remove(d->path);
	if (d->pipe_w >= 0)
		close(d->pipe_w);
	if (d->janitor > 0)
		while (waitpid(d->janitor, NULL, 0) < 0 && errno == EINTR)
			;
	d->path[0] = '\0';
	d->janitor = 0;
	d->pipe_w = -1;
}
