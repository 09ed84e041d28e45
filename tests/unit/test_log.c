/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_log.c - the log (ui/log.c) and its scrolling (ui/logview.c),
 * without a terminal: the ring keeps the last LOG_LINES lines and says
 * how many fell off, as a line of its own at the top; a lesson's passed
 * expectations show compact, hidden or in full; the view follows the
 * newest line, and scrolled back it holds to what it shows while lines
 * come, counts the newer lines below, moves a line at a time (a wrapped
 * line is one line, a line taller than the panel a row at a time), a
 * page of rows, to the first line and back to following. */
#include <stdio.h>
#include <string.h>

#include "../../ui/log.h"
#include "../../ui/logview.h"
#include "tap.h"

#define COLS 40
#define H 4

static struct log lg;
static struct log_view v;

static const char *text_at(long long seq)
{
	static struct log_line scratch;
	static char buf[128];
	const struct log_line *l = log_shown(&lg, seq, &scratch, buf, sizeof(buf));

	return l ? l->text : "(none)";
}

static void lines(int from, int to)
{
	for (int i = from; i < to; i++)
		log_add(&lg, ROLE_NORMAL, "line %d", i);
}

static struct log_frame frame(void)
{
	struct log_frame f;

	logview_frame(&v, &lg, COLS, H, &f);
	return f;
}

static void scroll(enum scroll_by how)
{
	logview_scroll(&v, &lg, COLS, H, how);
}

static void test_ring(void)
{
	char want[128];

	lines(0, LOG_LINES + 5);
	tap_ok(lg.n == LOG_LINES, "the ring holds %d lines", LOG_LINES);
	tap_ok(log_first(&lg) == 4, "the first line shown is number 4: %lld",
	       log_first(&lg));
	snprintf(want, sizeof(want), "(5 older lines are gone: the log keeps "
		 "the last %d)", LOG_LINES);
	tap_is_str(text_at(4), want, "which says how many fell off");
	tap_is_str(text_at(5), "line 5", "then the oldest line kept");
	tap_is_str(text_at(log_end(&lg) - 1), "line 10004", "the newest last");
	tap_ok(log_prev(&lg, 5) == 4 && log_prev(&lg, 4) == -1,
	       "nothing before the count");
	log_add(&lg, ROLE_NORMAL, "%s", "tab\there \x1b[31m");
	tap_is_str(text_at(log_end(&lg) - 1), "tab\\there \\x1b[31m",
		   "a line is escaped");
	tap_ok(log_append(&lg, " %s", "more"), "more text on the newest line");
	tap_is_str(text_at(log_end(&lg) - 1), "tab\\there \\x1b[31m more",
		   "at its end");
	log_free(&lg);
	tap_ok(lg.n == 0 && log_first(&lg) == 0 && log_end(&lg) == 0,
	       "log_free: empty");
}

static void test_detail(void)
{
	long long since;

	log_add(&lg, ROLE_NORMAL, "before");
	since = lg.added;
	log_add(&lg, ROLE_OK, "expect LISTEN 127.0.0.1:3459 = ok");
	log_mark_since(&lg, since, LK_FULL);
	log_add(&lg, ROLE_OK, "+ expect LISTEN 127.0.0.1:3459");
	log_last(&lg)->kind = LK_SHORT;
	log_add(&lg, ROLE_NORMAL, "after");
	lg.detail = DETAIL_COMPACT;
	tap_ok(log_next(&lg, 0) == 2 && !log_rows(&lg, 1, COLS),
	       "compact: the short line, not the full one");
	lg.detail = DETAIL_HIDDEN;
	tap_ok(log_next(&lg, 0) == 3 && log_prev(&lg, 3) == 0,
	       "hidden: neither");
	lg.detail = DETAIL_FULL;
	tap_ok(log_next(&lg, 0) == 1 && log_next(&lg, 1) == 3,
	       "full: the full one, not the short one");
	tap_is_str(log_detail_name(DETAIL_HIDDEN), "hidden", "a detail's name");
	lg.detail = DETAIL_COMPACT;
	log_free(&lg);
}

static void test_follow(void)
{
	struct log_frame f;
	long long top;

	memset(&v, 0, sizeof(v));
	lines(0, 3);
	f = frame();
	tap_ok(!f.back && f.rows == 3 && f.top.seq == 0,
	       "a short log: all of it, %d rows", f.rows);
	scroll(SCROLL_UP);
	tap_ok(!v.back, "nothing to scroll back to");
	lines(3, 20);
	f = frame();
	tap_ok(!f.back && f.rows == H && f.top.seq == 16,
	       "the newest lines at the bottom (top: %lld)", f.top.seq);
	scroll(SCROLL_UP);
	f = frame();
	tap_ok(f.back && f.top.seq == 15 && f.newer == 1,
	       "Up: a line back, 1 newer below (top %lld, %d newer)", f.top.seq,
	       f.newer);
	top = f.top.seq;
	lines(20, 25);
	f = frame();
	tap_ok(f.back && f.top.seq == top && f.newer == 6,
	       "new lines do not move it; 6 newer below (%d)", f.newer);
	scroll(SCROLL_PGUP);
	f = frame();
	tap_ok(f.top.seq == top - (H - 1), "PgUp: a page of rows (top %lld)",
	       f.top.seq);
	scroll(SCROLL_HOME);
	f = frame();
	tap_ok(f.back && f.top.seq == 0 && f.top.row == 0, "Home: the first line");
	scroll(SCROLL_PGDN);
	f = frame();
	tap_ok(f.top.seq == H - 1, "PgDn: a page on (top %lld)", f.top.seq);
	scroll(SCROLL_END);
	f = frame();
	tap_ok(!f.back && f.top.seq == 21, "End: following again");
	lines(25, 26);
	f = frame();
	tap_ok(!f.back && f.top.seq == 22, "and it follows the newest line");
	scroll(SCROLL_UP);
	for (int i = 0; i < 3; i++)
		scroll(SCROLL_DOWN);
	f = frame();
	tap_ok(!f.back, "Down back to the end: following again");
	log_free(&lg);
}

static void test_wrapped(void)
{
	struct log_frame f;
	char tall[400];
	int k = 0;

	memset(&v, 0, sizeof(v));
	lines(0, 10);
	/* 3 rows at 40 columns */
	log_add(&lg, ROLE_NORMAL, "%s", "wrapped one two three four five six "
		"seven eight nine ten eleven twelve thirteen fourteen");
	tap_ok(log_rows(&lg, 10, COLS) == 3, "a line of 3 rows (%d)",
	       log_rows(&lg, 10, COLS));
	lines(10, 20);
	scroll(SCROLL_HOME);
	for (int i = 0; i < 10; i++)
		scroll(SCROLL_DOWN);
	f = frame();
	tap_ok(f.back && f.top.seq == 10 && f.top.row == 0,
	       "Down: a line at a time, to the wrapped one (%lld/%d)",
	       f.top.seq, f.top.row);
	scroll(SCROLL_DOWN);
	f = frame();
	tap_ok(f.top.seq == 11 && f.top.row == 0,
	       "Down again: past all of its rows at once (%lld/%d)", f.top.seq,
	       f.top.row);
	scroll(SCROLL_UP);
	f = frame();
	tap_ok(f.top.seq == 10 && f.top.row == 0, "Up: back to its first row");
	log_free(&lg);

	/* a line taller than the panel goes a row at a time */
	memset(&v, 0, sizeof(v));
	lines(0, 2);
	for (int i = 0; i < 40; i++)
		k += snprintf(tall + k, sizeof(tall) - (size_t)k, "word%02d ", i);
	log_add(&lg, ROLE_NORMAL, "%s", tall);
	lines(2, 8);
	tap_ok(log_rows(&lg, 2, COLS) > H + 2, "a line of %d rows",
	       log_rows(&lg, 2, COLS));
	scroll(SCROLL_HOME);
	for (int i = 0; i < 3; i++)
		scroll(SCROLL_DOWN);
	f = frame();
	tap_ok(f.top.seq == 2 && f.top.row == 1, "Down in it: a row (%lld/%d)",
	       f.top.seq, f.top.row);
	for (int i = 0; i < 20; i++)
		scroll(SCROLL_DOWN);
	f = frame();
	tap_ok(f.top.seq > 2, "then on past it");
	log_free(&lg);
}

/* Lines that fall off while it is scrolled back: it shows the oldest
 * there is, the count first. */
static void test_dropped_while_back(void)
{
	struct log_frame f;

	memset(&v, 0, sizeof(v));
	lines(0, 100);
	scroll(SCROLL_HOME);
	lines(100, LOG_LINES + 50);
	f = frame();
	tap_ok(f.back && f.top.seq == log_first(&lg) && f.top.seq == 49,
	       "the top is the count of lines gone (%lld)", f.top.seq);
	/* at 40 columns the count takes two rows: two lines kept show */
	tap_ok(f.newer == LOG_LINES - 2, "and %d newer below (%d)",
	       LOG_LINES - 2, f.newer);
	log_free(&lg);
}

int main(void)
{
	test_ring();
	test_detail();
	test_follow();
	test_wrapped();
	test_dropped_while_back();
	return tap_done();
}
