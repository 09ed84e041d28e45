/* SPDX-License-Identifier: GPL-2.0-or-later */
/* outfile.c - create the files sockstage writes without harming another
 * (see outfile.h).
 *
 * The path is looked at with lstat first, only to say plainly what is
 * there; the creation itself is what guarantees it: O_EXCL|O_NOFOLLOW
 * fails on anything at the path, a dangling symbolic link included, and a
 * replacement is a new file renamed over the old name (rename replaces a
 * name, never writes through a link). Before that rename the name is
 * looked at again, so a symbolic link or another user's file put there
 * meanwhile is not replaced either. */
#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

int outfile_input_of(struct outfile_input *in, const char *name, int fd)
{
	struct stat st;

	if ((fd >= 0 ? fstat(fd, &st) : stat(name, &st)) < 0)
		return -1;
	in->name = name;
	in->dev = st.st_dev;
	in->ino = st.st_ino;
	return 0;
}

static bool is_input(const struct stat *st, const struct outfile_input *in)
{
	return in && st->st_dev == in->dev && st->st_ino == in->ino;
}

static void say_input(const char *path, const struct outfile_input *in,
		      char *err, size_t errlen)
{
	if (strcmp(in->name, "-") == 0)
		snprintf(err, errlen, "'%s' is the file on standard input, being "
			 "run; not writing over it", path);
	else if (strcmp(path, in->name) == 0)
		snprintf(err, errlen, "'%s' is the file being run; not writing "
			 "over it", path);
	else
		snprintf(err, errlen, "'%s' is another name for '%s', the file "
			 "being run; not writing over it", path, in->name);
}

/* What is at the path may be replaced (force) or it is refused: 0, or -1
 * with the reason. */
static int may_replace(const char *path, const struct stat *st,
		       const struct outfile_input *in, bool force, char *err,
		       size_t errlen)
{
	if (S_ISLNK(st->st_mode)) {
		snprintf(err, errlen, "'%s' is a symbolic link; not writing "
			 "through it (name the file itself, or a new one)", path);
		return -1;
	}
	if (is_input(st, in)) {
		say_input(path, in, err, errlen);
		return -1;
	}
	if (!S_ISREG(st->st_mode)) {
		snprintf(err, errlen, "'%s' exists and is not a regular file; "
			 "not replacing it", path);
		return -1;
	}
	if (!force) {
		snprintf(err, errlen, "'%s' exists; not replacing it (use "
			 "--force to replace a regular file you own)", path);
		return -1;
	}
	if (st->st_uid != geteuid()) {
		snprintf(err, errlen, "'%s' belongs to another user (uid %lu); "
			 "not replacing it, even with --force", path,
			 (unsigned long)st->st_uid);
		return -1;
	}
	return 0;
}

static int create_new(struct outfile *o, const struct outfile_input *in,
		      char *err, size_t errlen)
{
	struct stat st;
	int fd;

	fd = open(o->path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
		  0666);
	if (fd >= 0)
		return fd;
	/* something appeared since lstat: say what */
	if (errno == EEXIST && lstat(o->path, &st) == 0)
		may_replace(o->path, &st, in, false, err, errlen);
	else
		snprintf(err, errlen, "cannot create '%s': %s", o->path,
			 strerror(errno));
	return -1;
}

/* A temporary file beside the destination, with the old file's mode. */
static int create_tmp(struct outfile *o, mode_t mode, char *err, size_t errlen)
{
	char *d = xstrdup(o->path), *b = xstrdup(o->path);
	size_t n = strlen(o->path) + 16;
	int fd;

	o->tmp = xmalloc(n);
	snprintf(o->tmp, n, "%s/.%s.XXXXXX", dirname(d), basename(b));
	free(d);
	free(b);
	fd = mkostemp(o->tmp, O_CLOEXEC);
	if (fd < 0) {
		snprintf(err, errlen, "cannot create a temporary file beside "
			 "'%s': %s", o->path, strerror(errno));
		free(o->tmp);
		o->tmp = NULL;
		return -1;
	}
	(void)fchmod(fd, mode & 0777);
	return fd;
}

static void clear(struct outfile *o)
{
	free(o->path);
	free(o->tmp);
	memset(o, 0, sizeof(*o));
}

/* Remove what was created, if the name still holds it. */
static void remove_created(struct outfile *o)
{
	struct stat st;

	if (o->tmp)
		unlink(o->tmp);
	else if (lstat(o->path, &st) == 0 && S_ISREG(st.st_mode) &&
		 st.st_dev == o->dev && st.st_ino == o->ino)
		unlink(o->path);
}

int outfile_open(struct outfile *o, const char *path,
		 const struct outfile_input *input, bool force, char *err,
		 size_t errlen)
{
	struct stat st;
	int fd;

	memset(o, 0, sizeof(*o));
	o->path = xstrdup(path);
	if (lstat(path, &st) == 0) {
		if (may_replace(path, &st, input, force, err, errlen) < 0) {
			clear(o);
			return -1;
		}
		fd = create_tmp(o, st.st_mode, err, errlen);
	} else {
		fd = create_new(o, input, err, errlen);
	}
	if (fd < 0) {
		clear(o);
		return -1;
	}
	if (fstat(fd, &st) == 0) {
		o->dev = st.st_dev;
		o->ino = st.st_ino;
	}
	o->f = fdopen(fd, "w");
	if (!o->f) {
		snprintf(err, errlen, "'%s': %s", path, strerror(errno));
		close(fd);
		remove_created(o);
		clear(o);
		return -1;
	}
	return 0;
}

/* Flush and close the stream; 0, or -1 with the message. */
static int close_stream(struct outfile *o, char *err, size_t errlen)
{
	int e = 0;

	errno = 0;
	if (fflush(o->f) != 0 || ferror(o->f))
		e = errno ? errno : EIO;
	if (fclose(o->f) != 0 && !e)
		e = errno;
	o->f = NULL;
	if (!e)
		return 0;
	snprintf(err, errlen, "writing '%s': %s", o->path, strerror(e));
	return -1;
}

/* The temporary file takes the destination's name, unless what is there
 * now may not be replaced (it changed since outfile_open). */
static int put_in_place(struct outfile *o, char *err, size_t errlen)
{
	struct stat st;

	if (lstat(o->path, &st) == 0 &&
	    may_replace(o->path, &st, NULL, true, err, errlen) < 0)
		return -1;
	if (rename(o->tmp, o->path) < 0) {
		snprintf(err, errlen, "cannot replace '%s': %s", o->path,
			 strerror(errno));
		return -1;
	}
	return 0;
}

int outfile_close(struct outfile *o, char *err, size_t errlen)
{
	int rc;

	if (!o->path)
		return 0;
	rc = close_stream(o, err, errlen);
	if (rc == 0 && o->tmp)
		rc = put_in_place(o, err, errlen);
	if (rc < 0)
		remove_created(o);
	clear(o);
	return rc;
}

void outfile_discard(struct outfile *o)
{
	if (!o->path)
		return;
	if (o->f)
		fclose(o->f);
	o->f = NULL;
	remove_created(o);
	clear(o);
}
