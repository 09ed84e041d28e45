/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_record.c - the asciicast writer (ui/record.c) at its edges, without
 * a terminal: output that ends in the middle of a UTF-8 character is
 * written, when the recording closes, as U+FFFD (the last "o" event has
 * no buffer of its own then); a recording that cannot replace its file
 * leaves the file alone.
 *
 * curses is not involved: the pseudo-terminal the recorder hands out is
 * written to directly, and the copy that would go to the real terminal
 * goes nowhere (term_write_all is replaced below). */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../../ui/record.h"
#include "../../ui/term.h"
#include "outfile.h"
#include "tap.h"

static char dir[256];

/* ui/term.c's: the copy for the real terminal, dropped here. */
void term_write_all(int fd, const void *buf, size_t n)
{
	(void)fd;
	(void)buf;
	(void)n;
}

static char *slurp(const char *path)
{
	static char buf[65536];
	FILE *f = fopen(path, "r");
	size_t n;

	if (!f)
		return NULL;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* Wait (at most 5 s) until the file holds text. */
static int wait_for_text(const char *path, const char *text)
{
	struct timespec ts = { 0, 10 * 1000 * 1000 };

	for (int i = 0; i < 500; i++) {
		const char *s = slurp(path);

		if (s && strstr(s, text))
			return 1;
		nanosleep(&ts, NULL);
	}
	return 0;
}

static const char *last_line(const char *s)
{
	const char *end = s + strlen(s), *p;

	if (end > s && end[-1] == '\n')
		end--;
	for (p = end; p > s && p[-1] != '\n'; p--)
		;
	return p;
}

static void test_cut_character(void)
{
	char path[300], err[512];
	const char *s;
	FILE *pty;

	snprintf(path, sizeof(path), "%s/cut.cast", dir);
	tap_is_int(rec_open(path, "cut", NULL, false, err, sizeof(err)), 0,
		   "rec_open creates a new file");
	pty = NULL;
	tap_is_int(rec_relay.open(&pty), 0, "the relay opens");
	tap_ok(pty != NULL, "a pseudo-terminal to draw on");
	if (!pty)
		return;
	fputs("ab\xc3", pty);	/* then the output ends: half of an e-acute */
	fflush(pty);
	tap_ok(wait_for_text(path, "\"ab\""), "the whole characters are "
	       "recorded at once");
	tap_is_int(rec_close(err, sizeof(err)), 0, "rec_close");
	s = slurp(path);
	s = s ? last_line(s) : "(no file)";
	tap_ok(strstr(s, ", \"o\", \"\xEF\xBF\xBD\"]") != NULL,
	       "the cut character ends the cast as U+FFFD: %.*s",
	       (int)strcspn(s, "\n"), s);
	tap_is_int(rec_close(err, sizeof(err)), 0, "a second rec_close: 0");
}

static void test_refusals(void)
{
	char path[300], err[512];
	const char *s;
	FILE *f;

	snprintf(path, sizeof(path), "%s/old.cast", dir);
	f = fopen(path, "w");
	if (f) {
		fputs("precious\n", f);
		fclose(f);
	}
	tap_is_int(rec_open(path, "t", NULL, false, err, sizeof(err)), -1,
		   "an existing file: refused");
	tap_ok(strstr(err, "exists; not replacing it") != NULL, "saying so: %s",
	       err);
	tap_ok(rec_open(path, "t", NULL, true, err, sizeof(err)) == 0,
	       "with force: accepted");
	s = slurp(path);
	tap_ok(s && !strcmp(s, "precious\n"), "the old file stays as it was "
	       "while recording");
	rec_discard();
	s = slurp(path);
	tap_ok(s && !strcmp(s, "precious\n"), "and after a recording that "
	       "never started");
	tap_is_int(rec_open(path, "t", NULL, true, err, sizeof(err)), 0,
		   "with force again");
	tap_is_int(rec_close(err, sizeof(err)), 0, "closed");
	s = slurp(path);
	tap_ok(s && !strncmp(s, "{\"version\": 2", 13), "the recording "
	       "replaced the file");
}

int main(void)
{
	const char *tmp = getenv("TMPDIR");
	char cmd[300];

	snprintf(dir, sizeof(dir), "%s/test_record.XXXXXX", tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		printf("Bail out! mkdtemp %s: %s\n", dir, strerror(errno));
		return 1;
	}
	test_cut_character();
	test_refusals();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", dir);
	return tap_done();
}
