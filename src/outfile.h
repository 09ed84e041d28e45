/* SPDX-License-Identifier: GPL-2.0-or-later */
/* outfile.h - the files sockstage writes (--record, --export-c, W in the
 * TUI), created so that naming a file never harms another one:
 *
 *   - a new file is created exclusively (O_CREAT|O_EXCL|O_NOFOLLOW), mode
 *     0666 less the umask: an existing file or any symbolic link (dangling
 *     or not) at the path is refused, never followed;
 *   - never the file being run (the script or lesson), also when the path
 *     is another name for it (a hard link): st_dev and st_ino compared;
 *   - with force, an existing regular file that the user owns (not a
 *     symbolic link, not another user's, not the input) is replaced whole:
 *     the content goes to a temporary file in the same directory, renamed
 *     over the old one when complete, so that a failed run leaves the old
 *     file as it was and never half a new one.
 *
 *	struct outfile o;
 *	if (outfile_open(&o, path, &input, force, err, sizeof(err)) < 0)
 *		say err, exit 2;
 *	fprintf(o.f, ...);
 *	if (outfile_close(&o, err, sizeof(err)) < 0)	(or outfile_discard)
 *		say err;
 *
 * Messages name the path and say what was refused and why, without a
 * prefix: "'x.c' exists; not replacing it (use --force to replace a
 * regular file you own)". */
#ifndef SOCKSTAGE_OUTFILE_H
#define SOCKSTAGE_OUTFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

/* The file being run, which an output must never be. */
struct outfile_input {
	const char *name;	/* for messages; "-": standard input */
	dev_t dev;
	ino_t ino;
};

struct outfile {
	char *path;		/* the destination, as given */
	char *tmp;		/* replacing (force): the temporary file */
	dev_t dev;		/* of what was created */
	ino_t ino;
	FILE *f;		/* write here */
};

/* Fill in *in from the open file fd (or, with fd < 0, from path). Returns
 * 0, or -1 (errno set): then there is nothing to protect. */
int outfile_input_of(struct outfile_input *in, const char *name, int fd);

/* Create path for writing as described above (input: NULL when nothing is
 * being run). Returns 0 with o->f open, or -1 with a message in err (and
 * nothing created). */
int outfile_open(struct outfile *o, const char *path,
		 const struct outfile_input *input, bool force, char *err,
		 size_t errlen);

/* Finish: flush and close; when replacing, rename the temporary file over
 * the destination. Returns 0, or -1 with a message in err: then what was
 * created is removed (a new file, or the temporary one) and an old file is
 * left as it was. */
int outfile_close(struct outfile *o, char *err, size_t errlen);

/* Give up: close, and remove what was created. */
void outfile_discard(struct outfile *o);

#endif
