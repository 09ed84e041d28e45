/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sockdir.h - the stage's own directory for UNIX sockets: made when the
 * first relative path is used, removed with what is in it when the stage
 * ends, however it ends: a process of its own (the janitor) waits for
 * the stage's end of a pipe to close (a crash, SIGKILL) and then removes
 * it. */
#ifndef SOCKSTAGE_SOCKDIR_H
#define SOCKSTAGE_SOCKDIR_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct sockdir {
	char path[PATH_MAX];	/* "" until made */
	pid_t janitor;		/* 0: none */
	int pipe_w;		/* its end: -1 none */
};

/* Make the directory (mode 0755, under $TMPDIR or /tmp) and its janitor.
 * Returns 0, or -1 with the reason in err. */
int sockdir_open(struct sockdir *d, char *err, size_t errlen);
bool sockdir_on(const struct sockdir *d);
/* Remove the directory and what is in it; the janitor ends. */
void sockdir_close(struct sockdir *d);

/* --- exposed for tests ------------------------------------------------ */

/* Remove path's entries (one level: sockets and files) and path itself.
 * Returns 0, or -1 (errno). */
int sockdir_remove(const char *path);

#endif
