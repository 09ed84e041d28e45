/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_record.c - the asciicast writer (ui/record.c) at its edges, without
 * a terminal: output that ends in the middle of a UTF-8 character is
 * written, when the recording closes, as U+FFFD (the last "o" event has
 * no buffer of its own then); a recording that cannot replace its file
 * leaves the file alone; the marks in the stream (ui/recmark.c) come out
 * whole wherever the reads cut them, and what is not one stays output; a
 * marker comes after what was drawn before it, and the end is the last
 * event, nothing drawn after it recorded; on a schedule, only the marked
 * frames, each one event at the schedule's time.
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

#include "../../ui/recmark.h"
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

/* ---- marks in the stream ------------------------------------------------------- */

struct split {
	char data[512];
	size_t ndata;
	struct recmark marks[4];
	int nmarks;
};

static void got_data(void *ctx, const unsigned char *buf, size_t n)
{
	struct split *sp = ctx;

	if (sp->ndata + n < sizeof(sp->data)) {
		memcpy(sp->data + sp->ndata, buf, n);
		sp->ndata += n;
	}
}

static void got_mark(void *ctx, const struct recmark *m)
{
	struct split *sp = ctx;

	if (sp->nmarks < 4)
		sp->marks[sp->nmarks++] = *m;
}

/* stream fed in pieces: cut at each of the cuts (ascending) */
static void feed_cut(const char *stream, size_t n, size_t cut1, size_t cut2,
		     struct split *sp)
{
	struct recmark_scan sc = { .nheld = 0 };
	size_t at[4] = { 0, cut1, cut2, n };

	memset(sp, 0, sizeof(*sp));
	for (int i = 0; i < 3; i++)
		recmark_feed(&sc, (const unsigned char *)stream + at[i],
			     at[i + 1] - at[i], got_data, got_mark, sp);
	recmark_flush(&sc, got_data, sp);
}

static void test_marks(void)
{
	struct recmark m1 = { RECMARK_MARKER, 1500, "step 1/2 \033\\ \xc3\xa9" };
	struct recmark m2 = { RECMARK_END, -1, "" };
	const char *want = "ab\033[0mcd\033_x\033\\ef";
	char stream[1024], enc[RECMARK_MAX];
	size_t n = 0, len;
	int bad = 0, cases = 0;
	struct split sp;

	len = recmark_encode(&m1, enc, sizeof(enc));
	tap_ok(len > 0 && !memchr(enc + 1, '\033', len - 3),
	       "a mark's text is hex: no ESC inside it (%zu bytes)", len);
	memcpy(stream + n, "ab\033[0m", 6), n += 6;
	memcpy(stream + n, enc, len), n += len;
	memcpy(stream + n, "cd\033_x\033\\", 7), n += 7;	/* another APC */
	n += recmark_encode(&m2, stream + n, sizeof(stream) - n);
	memcpy(stream + n, "ef", 2), n += 2;
	for (size_t c1 = 0; c1 <= n; c1++)
		for (size_t c2 = c1; c2 <= n; c2 += 7, cases++) {
			feed_cut(stream, n, c1, c2, &sp);
			if (sp.ndata != strlen(want) || memcmp(sp.data, want, sp.ndata) ||
			    sp.nmarks != 2 || sp.marks[0].kind != RECMARK_MARKER ||
			    sp.marks[0].us != 1500 || strcmp(sp.marks[0].text, m1.text) ||
			    sp.marks[1].kind != RECMARK_END || sp.marks[1].us != -1 ||
			    sp.marks[1].text[0]) {
				if (!bad++)
					printf("# cut at %zu and %zu: %zu bytes, %d marks\n",
					       c1, c2, sp.ndata, sp.nmarks);
			}
		}
	tap_ok(bad == 0, "the stream cut anywhere (%d ways): the output whole, "
	       "the marks whole, in order", cases);
	feed_cut("x\033_sockst", 9, 5, 9, &sp);
	tap_ok(sp.ndata == 9 && !memcmp(sp.data, "x\033_sockst", 9) && !sp.nmarks,
	       "the start of a mark that never ends is output after all");
	memset(stream, 'a', 500);
	memcpy(stream, "\033_sockstage:M:1:", 17);
	memcpy(stream + 497, "\033\\", 2);	/* past RECMARK_MAX */
	feed_cut(stream, 500, 100, 300, &sp);
	tap_ok(!sp.nmarks && sp.ndata == 500 && !memcmp(sp.data, stream, 500),
	       "a mark too long is no mark: %zu bytes of output", sp.ndata);
	feed_cut("\033_sockstage:Q:1:\033\\", 18, 3, 18, &sp);
	tap_ok(!sp.nmarks && sp.ndata == 18, "an unknown kind is output");
}

/* The events of a cast after its header, each line without its time
 * when times is false. */
static const char *events_of(const char *s, bool times, char *buf, size_t len)
{
	const char *p = strchr(s, '\n');
	size_t off = 0;

	buf[0] = '\0';
	for (p = p ? p + 1 : s + strlen(s); *p && off + 1 < len; ) {
		const char *end = strchr(p, '\n'), *from = p;

		if (!end)
			end = p + strlen(p);
		if (!times && (from = strchr(p, ',')) && from < end)
			from += 2;
		else
			from = p;
		off += (size_t)snprintf(buf + off, len - off, "%.*s|",
					(int)(end - from), from);
		p = *end ? end + 1 : end;
	}
	return buf;
}

static void put_pty(FILE *pty, const char *s)
{
	fputs(s, pty);
	fflush(pty);
}

static void test_end(void)
{
	char path[300], err[512], buf[4096];
	const char *s;
	FILE *pty = NULL;

	snprintf(path, sizeof(path), "%s/end.cast", dir);
	if (rec_open(path, "end", NULL, false, err, sizeof(err)) < 0 ||
	    rec_relay.open(&pty) < 0 || !pty) {
		tap_ok(0, "a recording to end: %s", err);
		return;
	}
	put_pty(pty, "abc");
	rec_marker("step %d/%d", 1, 1);
	put_pty(pty, "def");
	rec_end();
	put_pty(pty, "\033[?1049l after");	/* leaving curses */
	rec_close(err, sizeof(err));
	s = slurp(path);
	s = events_of(s ? s : "", false, buf, sizeof(buf));
	/* the reads may cut "abc" and "def": join the o events */
	tap_ok(strstr(s, "\"m\", \"step 1/1\"]|") && !strstr(s, "after") &&
	       strlen(s) >= 9 && !strcmp(s + strlen(s) - 9, "\"o\", \"\"]|"),
	       "the marker in order, the end last, nothing after: %s", s);
	tap_ok(strstr(s, "c\"]|\"m\", \"step") != NULL,
	       "what was drawn before the marker comes before it");
}

static void test_schedule(void)
{
	char path[300], err[512], buf[4096];
	const char *s;
	FILE *pty = NULL;

	snprintf(path, sizeof(path), "%s/schedule.cast", dir);
	if (rec_open(path, "schedule", NULL, false, err, sizeof(err)) < 0) {
		tap_ok(0, "a scheduled recording: %s", err);
		return;
	}
	rec_schedule();
	if (rec_relay.open(&pty) < 0 || !pty) {
		tap_ok(0, "the relay opens");
		return;
	}
	put_pty(pty, "SETUP ");		/* the terminal's setup */
	rec_clock(0);
	rec_frame_begin();
	put_pty(pty, "one");
	rec_frame_end();
	put_pty(pty, "live");		/* the terminal only */
	rec_clock(1500);
	rec_marker("step 1/1");
	put_pty(pty, "live again");
	rec_frame_begin();
	put_pty(pty, "two \xc3\xa9");
	rec_frame_end();
	put_pty(pty, "more live");
	rec_clock(4250);
	rec_end();
	put_pty(pty, "after");
	rec_close(err, sizeof(err));
	s = slurp(path);
	tap_is_str(events_of(s ? s : "", true, buf, sizeof(buf)),
		   "[0.000000, \"o\", \"SETUP one\"]|"
		   "[1.500000, \"m\", \"step 1/1\"]|"
		   "[1.500000, \"o\", \"two \xc3\xa9\"]|"
		   "[4.250000, \"o\", \"\"]|",
		   "on a schedule: the marked frames (the first with the "
		   "setup), the marker, the end, at the schedule's times");
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
	test_marks();
	test_end();
	test_schedule();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", dir);
	return tap_done();
}
