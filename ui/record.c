/* SPDX-License-Identifier: GPL-2.0-or-later */
/* record.c - --record FILE.cast: asciicast v2, written as the session goes.
 *
 * curses writes to its terminal with write(2) on the stream's descriptor,
 * so a stdio stream of our own would see nothing: while recording, curses
 * gets a pseudo-terminal instead (the real terminal's modes and size), and
 * a thread copies what it draws to the real terminal and into the file.
 * Keys still come from the real terminal, which takes the input modes
 * curses sets on the pseudo-terminal (rec_term_modes); SIGWINCH gives the
 * pseudo-terminal the new size (rec_winch), and the next output is
 * preceded by an "r" event.
 *
 * One line per event, written and flushed under a lock. Times come from
 * CLOCK_MONOTONIC and never go back. Output that is not valid UTF-8 is
 * written as U+FFFD; a character cut by the end of a read waits for the
 * next one.
 *
 * The TUI's own news travel in the same stream, after what curses drew,
 * as marks (recmark.h) that the thread takes out: a step's marker ("m"),
 * and the end (rec_end), after which nothing is recorded: the cast ends
 * on the last frame, not on the screen that leaving curses clears. On a
 * schedule (rec_schedule) the cast holds only the frames the TUI marks,
 * each drawn whole and written as one "o" event at the time the TUI's
 * clock gives (rec_clock), so that two recordings of one schedule are
 * the same; what is drawn between them reaches the terminal only. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "outfile.h"
#include "recmark.h"
#include "record.h"
#include "term.h"
#include "text.h"

static struct outfile out;
static FILE *cast;			/* out.f while recording */
static int write_errno;			/* the first write that failed */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct timespec t0;
static double last_t;

/* the pseudo-terminal and the copying thread */
static int master_fd = -1, slave_fd = -1;
static FILE *slave_fp;
static int out_fd = -1;			/* the real terminal, for the thread */
static int null_fd = -1;		/* rec_fatal puts it on out_fd */
static int stop_pipe[2] = { -1, -1 };
static pthread_t relay;
static bool relay_on;
static struct winsize last_ws;

static void rec_term_end(void);

/* the start of a character that the last read cut */
static unsigned char pend[4];
static size_t npend;

/* the schedule and the end (the main thread sets them, the marks carry
 * them to the copying thread) */
static bool scheduled;			/* rec_schedule */
static long long clock_ms = -1;		/* rec_clock; -1: CLOCK_MONOTONIC */
static bool frozen;			/* the end came: nothing more */

/* ---- a line being built ------------------------------------------------------- */

struct line {
	char *s;
	size_t n, cap;
	bool failed;
};

/* the copying thread's: the stream split into output and marks, and on
 * a schedule the frame being collected (before the first, the
 * terminal's setup, which goes with it) */
static struct recmark_scan scan;
static struct line frame;
static bool in_frame, framed;

static void add(struct line *l, const void *p, size_t n)
{
	size_t cap = l->cap ? l->cap : 256;
	char *s;

	if (l->failed)
		return;
	while (cap < l->n + n + 1)
		cap *= 2;
	if (cap != l->cap) {
		s = realloc(l->s, cap);
		if (!s) {
			l->failed = true;
			return;
		}
		l->s = s;
		l->cap = cap;
	}
	memcpy(l->s + l->n, p, n);
	l->n += n;
}

static void addf(struct line *l, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void addf(struct line *l, const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n > 0)
		add(l, buf, (size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
}

/* ---- UTF-8 and JSON ------------------------------------------------------------- */

/* The length of the character at s (1-4), 0 when it is not valid UTF-8,
 * -1 when the n bytes are a valid beginning of one. */
static int utf8_len(const unsigned char *s, size_t n)
{
	return text_utf8_decode((const char *)s, n, NULL);
}

/* One valid character (or ASCII byte), escaped as JSON needs. */
static void add_char(struct line *l, const unsigned char *s, int len)
{
	if (len > 1) {
		add(l, s, (size_t)len);
	} else if (*s == '"' || *s == '\\') {
		add(l, "\\", 1);
		add(l, s, 1);
	} else if (*s < 0x20 || *s == 0x7f) {
		addf(l, "\\u%04x", *s);
	} else {
		add(l, s, 1);
	}
}

/* s as JSON string content; returns how many bytes at the end are the
 * start of a character that was cut (when keep_tail). */
static size_t add_text(struct line *l, const unsigned char *s, size_t n,
		       bool keep_tail)
{
	size_t i = 0;
	int len;

	while (i < n) {
		len = utf8_len(s + i, n - i);
		if (len < 0 && keep_tail)
			return n - i;
		if (len <= 0) {
			add(l, "\xEF\xBF\xBD", 3);	/* U+FFFD */
			i++;
			continue;
		}
		add_char(l, s + i, len);
		i += (size_t)len;
	}
	return 0;
}

static void add_str(struct line *l, const char *s)
{
	add(l, "\"", 1);
	add_text(l, (const unsigned char *)s, strlen(s), false);
	add(l, "\"", 1);
}

/* ---- events ---------------------------------------------------------------------- */

/* Now, in µs from the recording's start (CLOCK_MONOTONIC). */
static long long now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)(ts.tv_sec - t0.tv_sec) * 1000000 +
	       (ts.tv_nsec - t0.tv_nsec) / 1000;
}

/* A time of the schedule's clock (ms, or -1) in µs (or -1). */
static long long us_of_ms(long long ms)
{
	return ms < 0 ? -1 : ms * 1000;
}

/* An event's time in seconds: us from the start when it is given (>= 0),
 * else now; never before the last event's. */
static double event_time(long long us)
{
	double t = (double)(us >= 0 ? us : now_us()) / 1e6;

	if (t < last_t)
		t = last_t;
	last_t = t;
	return t;
}

/* Write and flush the line; called with the lock held. */
static void line_write(struct line *l)
{
	add(l, "]\n", 2);
	if (cast && !l->failed) {
		errno = 0;
		if ((fwrite(l->s, 1, l->n, cast) != l->n || fflush(cast) != 0) &&
		    !write_errno)
			write_errno = errno ? errno : EIO;
	}
	free(l->s);
}

static void event_start(struct line *l, const char *code, long long us)
{
	addf(l, "[%.6f, \"%s\", \"", event_time(us), code);
}

static void event_locked(const char *code, const char *text, long long us)
{
	struct line l = { 0 };

	event_start(&l, code, us);
	add_text(&l, (const unsigned char *)text, strlen(text), false);
	add(&l, "\"", 1);
	line_write(&l);
}

static void put_mark(enum recmark_kind kind, long long us, const char *text);

/* The time the TUI's next mark carries: the schedule's, or now (when it
 * was made, not when the copying thread meets it). */
static long long mark_time(void)
{
	return scheduled ? us_of_ms(clock_ms) : now_us();
}

void rec_marker(const char *fmt, ...)
{
	char buf[RECMARK_TEXT_MAX];
	va_list ap;

	if (!cast)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (relay_on) {		/* in order with what was drawn */
		put_mark(RECMARK_MARKER, mark_time(), buf);
		return;
	}
	pthread_mutex_lock(&lock);
	event_locked("m", buf, mark_time());
	pthread_mutex_unlock(&lock);
}

/* An "o" event: what was left of the last read, then buf. */
static void output_event(const unsigned char *buf, size_t n, bool last)
{
	struct line l = { 0 };
	unsigned char *all = malloc(npend + n + 1);
	size_t len = npend + n;

	if (!all)
		return;
	memcpy(all, pend, npend);
	if (n)		/* rec_close: buf NULL, only the cut character */
		memcpy(all + npend, buf, n);
	event_start(&l, "o", -1);
	npend = add_text(&l, all, len, !last);
	memcpy(pend, all + len - npend, npend);
	add(&l, "\"", 1);
	if (len > npend)
		line_write(&l);
	else
		free(l.s);	/* only the start of a character: next time */
	free(all);
}

/* An "r" event when the pseudo-terminal's size changed. */
static void check_size(long long us)
{
	struct winsize ws;
	char buf[32];

	if (ioctl(master_fd, TIOCGWINSZ, &ws) < 0 ||
	    (ws.ws_col == last_ws.ws_col && ws.ws_row == last_ws.ws_row))
		return;
	last_ws = ws;
	snprintf(buf, sizeof(buf), "%ux%u", ws.ws_col, ws.ws_row);
	event_locked("r", buf, us);
}

static void record_output(const unsigned char *buf, size_t n)
{
	if (!cast)
		return;
	pthread_mutex_lock(&lock);
	if (!frozen) {
		check_size(-1);
		output_event(buf, n, false);
	}
	pthread_mutex_unlock(&lock);
}

/* A frame collected whole (and the size it was drawn at): one "o" event
 * at us. Called with the lock held. */
static void frame_event(long long us)
{
	struct line l = { 0 };

	check_size(us);
	event_start(&l, "o", us);
	add_text(&l, (const unsigned char *)frame.s, frame.n, false);
	add(&l, "\"", 1);
	line_write(&l);
	frame.n = 0;
}

/* The end: what is left of a cut character, then an empty event at us,
 * so that the cast lasts until then; nothing is recorded after it. */
static void end_locked(long long us)
{
	if (npend)
		output_event(NULL, 0, true);
	event_locked("o", "", us);
	frozen = true;
}

void rec_output(const void *buf, size_t n)
{
	record_output(buf, n);
}

/* ---- the header ------------------------------------------------------------------ */

static void term_size(struct winsize *ws)
{
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, ws) < 0 || !ws->ws_col || !ws->ws_row) {
		memset(ws, 0, sizeof(*ws));
		ws->ws_col = 80;
		ws->ws_row = 24;
	}
}

static const char *env_or_empty(const char *name)
{
	const char *v = getenv(name);

	return v ? v : "";
}

static int cast_header(const char *title)
{
	struct line l = { 0 };

	term_size(&last_ws);
	addf(&l, "{\"version\": 2, \"width\": %u, \"height\": %u, "
	     "\"timestamp\": %lld, \"title\": ", last_ws.ws_col, last_ws.ws_row,
	     (long long)time(NULL));
	add_str(&l, title);
	add(&l, ", \"env\": {\"TERM\": ", 18);
	add_str(&l, env_or_empty("TERM"));
	add(&l, ", \"SHELL\": ", 11);
	add_str(&l, env_or_empty("SHELL"));
	add(&l, "}}\n", 3);
	if (l.failed || fwrite(l.s, 1, l.n, cast) != l.n || fflush(cast) != 0) {
		free(l.s);
		return -1;
	}
	free(l.s);
	return 0;
}

int rec_open(const char *path, const char *title,
	     const struct outfile_input *input, bool force, char *err,
	     size_t errlen)
{
	if (outfile_open(&out, path, input, force, err, errlen) < 0)
		return -1;
	cast = out.f;
	write_errno = 0;
	scheduled = frozen = in_frame = framed = false;
	clock_ms = -1;
	frame.n = 0;
	scan.nheld = 0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	last_t = 0;
	if (cast_header(title) < 0) {
		snprintf(err, errlen, "writing '%s': %s", path, strerror(errno));
		rec_discard();
		return -1;
	}
	return 0;
}

bool rec_on(void)
{
	return cast != NULL;
}

void rec_schedule(void)
{
	scheduled = true;
}

void rec_clock(long long ms)
{
	clock_ms = ms;
}

void rec_frame_begin(void)
{
	if (cast && relay_on && scheduled)
		put_mark(RECMARK_FRAME, -1, NULL);
}

void rec_frame_end(void)
{
	if (cast && relay_on && scheduled)
		put_mark(RECMARK_SHOWN, us_of_ms(clock_ms), NULL);
}

void rec_end(void)
{
	if (!cast)
		return;
	if (relay_on) {		/* after what was drawn */
		put_mark(RECMARK_END, mark_time(), NULL);
		return;
	}
	pthread_mutex_lock(&lock);
	if (!frozen)
		end_locked(mark_time());
	pthread_mutex_unlock(&lock);
}

void rec_discard(void)
{
	if (!cast)
		return;
	outfile_discard(&out);
	cast = NULL;
}

int rec_close(char *err, size_t errlen)
{
	if (!cast)
		return 0;
	rec_term_end();
	pthread_mutex_lock(&lock);
	if (npend && !frozen)
		output_event(NULL, 0, true);
	cast = NULL;
	pthread_mutex_unlock(&lock);
	free(frame.s);
	memset(&frame, 0, sizeof(frame));
	if (write_errno) {
		snprintf(err, errlen, "writing '%s': %s", out.path,
			 strerror(write_errno));
		outfile_discard(&out);
		return -1;
	}
	return outfile_close(&out, err, errlen);
}

/* ---- the copying thread ---------------------------------------------------------- */

/* Output between marks: to the terminal, and into the cast (on a
 * schedule, only a marked frame's, and the terminal's setup before the
 * first). */
static void relay_data(void *ctx, const unsigned char *buf, size_t n)
{
	(void)ctx;
	term_write_all(out_fd, buf, n);
	if (!scheduled)
		record_output(buf, n);
	else if (!frozen && (in_frame || !framed))
		add(&frame, buf, n);
}

static void relay_mark(void *ctx, const struct recmark *m)
{
	(void)ctx;
	pthread_mutex_lock(&lock);
	if (cast && !frozen) {
		switch (m->kind) {
		case RECMARK_FRAME:
			in_frame = framed = true;
			break;
		case RECMARK_SHOWN:
			if (in_frame)
				frame_event(m->us);
			in_frame = false;
			break;
		case RECMARK_MARKER:
			event_locked("m", m->text, m->us);
			break;
		case RECMARK_END:
			end_locked(m->us);
			break;
		}
	}
	pthread_mutex_unlock(&lock);
}

/* Copy one read; false at the end (the pseudo-terminal closed). */
static bool copy_once(void)
{
	unsigned char buf[8192];
	ssize_t n = read(master_fd, buf, sizeof(buf));

	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return true;
	if (n <= 0)
		return false;
	recmark_feed(&scan, buf, (size_t)n, relay_data, relay_mark, NULL);
	return true;
}

/* A mark into the stream curses writes to (the main thread's), after
 * what curses wrote: it flushes its output with write(2) at the end of
 * each refresh. */
static void put_mark(enum recmark_kind kind, long long us, const char *text)
{
	struct recmark m = { .kind = kind, .us = us };
	char buf[RECMARK_MAX];
	size_t n;

	const char *p = buf;
	ssize_t k;

	if (text)
		snprintf(m.text, sizeof(m.text), "%s", text);
	n = recmark_encode(&m, buf, sizeof(buf));
	if (slave_fp)
		fflush(slave_fp);
	while (n > 0 && slave_fd >= 0) {
		k = write(slave_fd, p, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return;
		p += k;
		n -= (size_t)k;
	}
}

/* Copy until asked to stop; then what is left, until the output has been
 * quiet for a moment (a forked process may keep the slave open). */
static void *relay_main(void *arg)
{
	struct pollfd pf[2] = {
		{ .fd = master_fd, .events = POLLIN },
		{ .fd = stop_pipe[0], .events = POLLIN },
	};

	(void)arg;
	for (;;) {
		if (poll(pf, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (pf[1].revents)
			break;
		if (pf[0].revents && !copy_once()) {
			recmark_flush(&scan, relay_data, NULL);
			return NULL;
		}
	}
	while (poll(pf, 1, 100) > 0)
		if (!copy_once())
			break;
	recmark_flush(&scan, relay_data, NULL);
	return NULL;
}

/* The thread takes no signal that could go to the main thread. */
static int start_relay(void)
{
	sigset_t all, old;
	int rc;

	sigfillset(&all);
	sigdelset(&all, SIGSEGV);
	sigdelset(&all, SIGBUS);
	sigdelset(&all, SIGFPE);
	sigdelset(&all, SIGILL);
	sigdelset(&all, SIGABRT);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	rc = pthread_create(&relay, NULL, relay_main, NULL);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	relay_on = rc == 0;
	return rc == 0 ? 0 : -1;
}

/* ---- the pseudo-terminal ---------------------------------------------------------- */

static void close_fd(int *fd)
{
	if (*fd >= 0) {
		close(*fd);
		*fd = -1;
	}
}

/* A forked worker keeps neither side: the copying ends when we close ours. */
static void child_after_fork(void)
{
	if (slave_fp)
		close_fd(&slave_fd);
	close_fd(&master_fd);
}

static int open_pty(void)
{
	char name[128];
	struct termios tio;

	master_fd = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (master_fd < 0 || grantpt(master_fd) < 0 || unlockpt(master_fd) < 0 ||
	    ptsname_r(master_fd, name, sizeof(name)) != 0)
		return -1;
	slave_fd = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (slave_fd < 0)
		return -1;
	if (tcgetattr(STDOUT_FILENO, &tio) == 0)
		tcsetattr(slave_fd, TCSANOW, &tio);
	term_size(&last_ws);
	ioctl(slave_fd, TIOCSWINSZ, &last_ws);
	return 0;
}

static void close_pty(void)
{
	if (slave_fp) {
		fclose(slave_fp);
		slave_fp = NULL;
		slave_fd = -1;
	}
	close_fd(&slave_fd);
	close_fd(&master_fd);
	close_fd(&out_fd);
	close_fd(&null_fd);
	close_fd(&stop_pipe[0]);
	close_fd(&stop_pipe[1]);
}

static int setup_pty(void)
{
	static bool atfork_set;

	if (open_pty() < 0 || pipe2(stop_pipe, O_CLOEXEC) < 0)
		return -1;
	out_fd = fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3);
	null_fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (out_fd < 0 || null_fd < 0)
		return -1;
	slave_fp = fdopen(slave_fd, "w");
	if (!slave_fp)
		return -1;
	if (!atfork_set && pthread_atfork(NULL, NULL, child_after_fork) == 0)
		atfork_set = true;
	return start_relay();
}

static FILE *rec_term_stream(void)
{
	if (!cast)
		return NULL;
	if (setup_pty() < 0) {
		fprintf(stderr, "sockstage: --record: cannot set up a "
			"pseudo-terminal: %s\n", strerror(errno));
		close_pty();
		return NULL;
	}
	return slave_fp;
}

static void rec_term_modes(void)
{
	struct termios tio;

	if (!relay_on || tcgetattr(slave_fd, &tio) < 0)
		return;
	tio.c_oflag &= ~(tcflag_t)OPOST;	/* the pseudo-terminal did it */
	tcsetattr(STDIN_FILENO, TCSADRAIN, &tio);
}

static void rec_term_end(void)
{
	if (!relay_on)
		return;
	relay_on = false;
	if (slave_fp) {
		fclose(slave_fp);
		slave_fp = NULL;
		slave_fd = -1;
	}
	term_write_all(stop_pipe[1], (const unsigned char *)"x", 1);
	pthread_join(relay, NULL);
	close_pty();
}

static void rec_winch(void)
{
	struct winsize ws;

	if (slave_fd >= 0 && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0)
		ioctl(slave_fd, TIOCSWINSZ, &ws);
}

static void rec_fatal(void)
{
	if (out_fd >= 0 && null_fd >= 0)
		dup2(null_fd, out_fd);
}

/* The stream curses writes to while recording: the pseudo-terminal's;
 * -1 when it cannot be set up (said on stderr). */
static int rec_term_open(FILE **f)
{
	*f = rec_term_stream();
	return rec_on() && !*f ? -1 : 0;
}

const struct term_relay rec_relay = {
	.open = rec_term_open,
	.modes = rec_term_modes,
	.end = rec_term_end,
	.winch = rec_winch,
	.fatal = rec_fatal,
};
