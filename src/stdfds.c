/* SPDX-License-Identifier: GPL-2.0-or-later */
/* stdfds.c - closed standard descriptors on /dev/null; write errors on
 * standard output reported (see stdfds.h). */
#include "stdfds.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

int stdfds_reopen(void)
{
	int closed = 0, fd;

	for (int i = 0; i <= STDERR_FILENO; i++) {
		if (fcntl(i, F_GETFD) >= 0 || errno != EBADF)
			continue;
		/* the lowest free number: i, as every lower one is open */
		fd = open("/dev/null", O_RDWR);
		if (fd != i) {
			if (fd >= 0)
				close(fd);
			return -1;
		}
		closed |= 1 << i;
	}
	return closed;
}

int stdfds_flush(FILE *f, const char *what)
{
	int e = 0;

	errno = 0;
	if (fflush(f) != 0 || ferror(f))
		e = errno ? errno : EIO;
	if (!e)
		return 0;
	fprintf(stderr, "sockstage: writing %s: %s\n", what, strerror(e));
	return -1;
}
