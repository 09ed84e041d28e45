/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_action.c - the key table (ui/action.c), without a terminal, a
 * stage or tmux: in each keymap every key is bound once; every row has
 * keys, an action and help text, and action_find finds it by each of its
 * keys; the help screen (ui/help.c) names every row's keys; the key bar
 * says what the screen offers; and the reaction flags of a few actions:
 * q and F10 quit, A and Z (resuming) read the kernel, Ctrl-L repaints,
 * a ':' line is run by the loop, the filter asks for the rows again, the
 * help is modal, a predict answer past the choices falls through, a key
 * that does nothing says so; a click on the key bar finds the label's
 * key; C cycles a lesson's checks. README.md names every key of the main
 * screen and of a lesson. The kernel view's cursor: the view follows it,
 * it stays on screen when the view scrolls, and on its socket when the
 * rows change. */
#include <curses.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../ui/action.h"
#include "../../ui/help.h"
#include "../../ui/play.h"
#include "../../ui/state.h"
#include "tap.h"

static struct tui t;

static unsigned press(bool is_key, unsigned key, char *line, size_t len)
{
	struct act a = { .t = &t, .is_key = is_key, .key = key };
	unsigned flags = action_key(&a);

	if (line)
		snprintf(line, len, "%s", a.line);
	return flags;
}

static unsigned ch(unsigned c)
{
	return press(false, c, NULL, 0);
}

static unsigned fkey(unsigned k)
{
	return press(true, k, NULL, 0);
}

static void type(const char *s)
{
	for (; *s; s++)
		ch((unsigned char)*s);
}

static const char *last_log(void)
{
	const struct log_line *l = log_get(&t.log, t.log.n - 1);

	return l ? l->text : "";
}

static bool log_has(const char *text)
{
	for (int i = 0; i < t.log.n; i++) {
		const struct log_line *l = log_get(&t.log, i);

		if (l && !strcmp(l->text, text))
			return true;
	}
	return false;
}

static int ncodes(const struct action *r)
{
	int n = 0;

	while (n < ACTION_CODES && (r->code[n].code || r->code[n].is_key))
		n++;
	return n;
}

/* ---- the table ----------------------------------------------------------------- */

static void test_bound_once(void)
{
	for (int m = 0; m < MAP_COUNT; m++) {
		int dups = 0, keys = 0;

		for (size_t i = 0; i < action_count; i++) {
			const struct action *r = &action_table[i];

			if (r->map != (enum keymap)m)
				continue;
			for (int k = 0; k < ncodes(r); k++, keys++)
				for (size_t j = 0; j < action_count; j++) {
					const struct action *o = &action_table[j];

					if (o->map != r->map)
						continue;
					for (int c = 0; c < ncodes(o); c++)
						if ((j != i || c != k) &&
						    o->code[c].is_key == r->code[k].is_key &&
						    o->code[c].code == r->code[k].code) {
							dups++;
							printf("# keymap %d: '%s' and '%s' "
							       "share a key\n", m, r->keys,
							       o->keys);
						}
				}
		}
		tap_ok(keys > 0 && dups == 0, "keymap %d: %d keys, each bound once",
		       m, keys);
	}
}

static void test_rows_complete(void)
{
	int bad = 0, lost = 0;

	for (size_t i = 0; i < action_count; i++) {
		const struct action *r = &action_table[i];

		if (!r->keys || !r->keys[0] || !r->fn || !r->help || !r->help[0] ||
		    !ncodes(r)) {
			bad++;
			printf("# row %zu ('%s') lacks keys, an action or help\n", i,
			       r->keys ? r->keys : "?");
		}
		for (int k = 0; k < ncodes(r); k++)
			if (action_find(r->map, r->code[k].is_key, r->code[k].code) != r) {
				lost++;
				printf("# '%s': key %d not found\n", r->keys, k);
			}
	}
	tap_ok(bad == 0, "every row has keys, an action and help text");
	tap_ok(lost == 0, "action_find finds every row by each of its keys");
	tap_ok(action_find(MAP_MAIN, false, 'X') == NULL, "X is bound to nothing");
}

/* The help names every row's keys at the start of a line. */
static void test_help_names_keys(void)
{
	int n = help_lines(), missing = 0;
	size_t size = (size_t)n * 512 + 1, off = 0;
	char *text = malloc(size), line[512], want[64];

	text[0] = '\0';
	for (int i = 0; i < n; i++) {
		help_line(i, line, sizeof(line));
		off += (size_t)snprintf(text + off, size - off, "%s\n", line);
	}
	for (size_t i = 0; i < action_count; i++) {
		snprintf(want, sizeof(want), "\n  %s ", action_table[i].keys);
		if (!strstr(text, want)) {
			missing++;
			printf("# the help does not name '%s'\n", action_table[i].keys);
		}
	}
	tap_ok(missing == 0, "the help (%d lines) names the keys of all %zu rows",
	       n, action_count);
	tap_ok(strstr(text, "\n  q F10    quit:") != NULL,
	       "a key line reads '  q F10    quit: ...'");
	tap_ok(strstr(text, "\n  socket tcp|udp") != NULL, "the commands follow");
	free(text);
}

/* README.md's key tables name every key of the main screen and of a
 * lesson: each single character in backquotes, the others by name. */
static void test_readme(void)
{
	const char *top = getenv("top_srcdir");
	char path[4096], want[64], *text;
	int missing = 0;
	long size;
	FILE *f;

	snprintf(path, sizeof(path), "%s/README.md", top ? top : ".");
	if (!(f = fopen(path, "r"))) {
		tap_ok(1, "# SKIP no README.md at %s", path);
		return;
	}
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	rewind(f);
	text = calloc(1, (size_t)size + 1);
	if (fread(text, 1, (size_t)size, f) != (size_t)size)
		size = 0;
	fclose(f);
	for (size_t i = 0; i < action_count; i++) {
		const struct action *r = &action_table[i];
		char keys[64], *tok, *save;

		if (r->map != MAP_MAIN && r->map != MAP_LESSON)
			continue;
		snprintf(keys, sizeof(keys), "%s", r->keys);
		for (tok = strtok_r(keys, " /", &save); tok;
		     tok = strtok_r(NULL, " /", &save)) {
			if (strlen(tok) == 1)
				snprintf(want, sizeof(want), "`%s`", tok);
			else
				snprintf(want, sizeof(want), "%s", tok);
			if (!strstr(text, want)) {
				missing++;
				printf("# README.md does not name %s\n", want);
			}
		}
	}
	tap_ok(size > 0 && missing == 0, "README.md names every key of the main "
	       "screen and of a lesson");
	free(text);
}

/* ---- the key bar ------------------------------------------------------------------ */

static void test_bar(void)
{
	char bar[512];

	action_bar(&t, 200, bar, sizeof(bar));
	tap_is_str(bar, " n new  b bind  l listen  c connect  a accept  x close  "
		   "s send  e recv  r/p/v opts  S/F/E/K procs  : command  A all  "
		   "T wire  ? help  q quit", "the main key bar");
	action_bar(&t, 80, bar, sizeof(bar));
	tap_ok(strlen(bar) <= 80 && strstr(bar, "  ? help  q quit") &&
	       !strncmp(bar, " n new ", 7), "at 80 columns it ends in '? help  "
	       "q quit': %s", bar);
	t.why.n = 1;
	action_bar(&t, 200, bar, sizeof(bar));
	tap_ok(strstr(bar, "A all  T wire  y why  ? help  q quit") != NULL,
	       "y why once a call failed");
	t.why.n = 0;
	t.play.on = true;
	action_bar(&t, 200, bar, sizeof(bar));
	tap_is_str(bar, " Space next step  R restart  G go to  C checks  "
		   ": command  A all  T wire  ? help  q quit", "a lesson's key bar");
	action_bar(&t, 80, bar, sizeof(bar));
	tap_is_str(bar, " Space next step  R restart  G go to  C checks  "
		   ": command  A all  ? help  q quit",
		   "at 80 columns all but the last of the optional keys");
	t.play.asking = true;
	t.play.nchoices = 3;
	action_bar(&t, 200, bar, sizeof(bar));
	tap_is_str(bar, " 1-3 your answer  Esc skip the question  ? help  q quit",
		   "a predict question's key bar: the keys of its 3 choices");
	t.play.nchoices = 2;
	action_bar(&t, 200, bar, sizeof(bar));
	tap_ok(!strncmp(bar, " 1-2 your answer  ", 18), "2 choices: 1-2: %s", bar);
	for (unsigned k = '1' + LESSON_MAX_CHOICES; k <= '9'; k++)
		tap_ok(!action_find(MAP_ANSWER, false, k), "%c answers nothing: a "
		       "question has at most %d choices", (int)k,
		       LESSON_MAX_CHOICES);
	t.play.on = t.play.asking = false;
}

/* A click on the key bar: the label under it, when it names one key. */
static void test_bar_at(void)
{
	struct keycode key = { 0 };
	char bar[512];
	const char *at;

	action_bar(&t, 200, bar, sizeof(bar));
	tap_ok(action_bar_at(&t, 200, 1, &key) && !key.is_key && key.code == 'n',
	       "column 1: n");
	tap_ok(action_bar_at(&t, 200, 5, &key) && key.code == 'n',
	       "column 5, on 'new': n");
	tap_ok(!action_bar_at(&t, 200, 0, &key), "column 0: no label");
	tap_ok(!action_bar_at(&t, 200, 6, &key), "between two labels: none");
	at = strstr(bar, "r/p/v");
	tap_ok(at && !action_bar_at(&t, 200, (int)(at - bar) + 1, &key),
	       "r/p/v opts names three keys: none");
	at = strstr(bar, "? help");
	tap_ok(at && action_bar_at(&t, 200, (int)(at - bar) + 3, &key) &&
	       key.code == '?', "? help: ?");
	at = strstr(bar, "q quit");
	tap_ok(at && action_bar_at(&t, 200, (int)(at - bar), &key) &&
	       key.code == 'q', "q quit: q");
	tap_ok(!action_bar_at(&t, 200, (int)strlen(bar), &key),
	       "after the last label: none");
	action_bar(&t, 80, bar, sizeof(bar));
	at = strstr(bar, "q quit");
	tap_ok(at && action_bar_at(&t, 80, (int)(at - bar) + 2, &key) &&
	       key.code == 'q', "at 80 columns, q quit where it is drawn");
	t.play.on = true;
	action_bar(&t, 100, bar, sizeof(bar));
	at = strstr(bar, "Space");
	tap_ok(at && action_bar_at(&t, 100, (int)(at - bar) + 7, &key) &&
	       key.code == ' ', "a lesson's Space next step: Space");
	at = strstr(bar, "C checks");
	tap_ok(at && action_bar_at(&t, 100, (int)(at - bar), &key) &&
	       key.code == 'C', "C checks: C");
	t.play.on = false;
}

/* C, in a lesson: its passed expectations compact, hidden, in full. */
static void test_checks(void)
{
	tap_ok(!action_find(MAP_MAIN, false, 'C'), "C is a lesson's key");
	t.play.on = true;
	t.log.detail = DETAIL_COMPACT;
	ch('C');
	tap_ok(t.log.detail == DETAIL_HIDDEN, "C: hidden");
	ch('C');
	tap_ok(t.log.detail == DETAIL_FULL, "C: in full");
	ch('C');
	tap_ok(t.log.detail == DETAIL_COMPACT, "C: compact again");
	t.play.on = false;
}

/* ---- reactions ----------------------------------------------------------------------- */

static void test_reactions(void)
{
	char line[ACT_LINE_MAX];
	unsigned f;

	tap_ok(ch('q') & R_QUIT, "q: quit");
	tap_ok(fkey(KEY_F(10)) & R_QUIT, "F10: quit");
	f = ch('A');
	tap_ok((f & R_READ) && t.kv.all, "A: all sockets, read the kernel");
	ch('A');
	tap_ok(!t.kv.all, "A again: the ports in play");
	f = ch('Z');
	tap_ok(t.kv.paused && !(f & R_READ), "Z: paused, nothing read");
	f = ch('Z');
	tap_ok(!t.kv.paused && (f & R_READ), "Z again: resumed, read the kernel");
	tap_ok(ch(0x0c) & R_REPAINT, "Ctrl-L: repaint");
	tap_ok(!(ch(0x0c) & (R_READ | R_QUIT | R_RUN)), "Ctrl-L reads nothing");

	/* the help is modal: q closes it, it does not quit */
	ch('?');
	tap_ok(t.help, "?: the help");
	f = ch('q');
	tap_ok(!t.help && !(f & R_QUIT), "q in the help closes it");
	fkey(KEY_F(1));
	tap_ok(t.help, "F1: the help");
	f = ch('n');
	tap_ok(t.help && !t.ask.open, "n in the help does nothing");
	ch(27);
	tap_ok(!t.help, "Escape closes the help");

	/* a command line: the loop runs it */
	ch(':');
	tap_ok(t.ask.open && t.ask.kind == ASK_COMMAND, ": opens a command line");
	type("listen s1");
	f = press(false, '\r', line, sizeof(line));
	tap_ok((f & R_RUN) && !t.ask.open, "Enter: run the line");
	tap_is_str(line, "listen s1", "the line typed");
	tap_ok(t.ask.history.n == 1, "and it is in the history");

	/* n: a socket, its default typed already */
	ch('n');
	f = press(false, '\r', line, sizeof(line));
	tap_ok(f & R_RUN, "n, Enter: run");
	tap_is_str(line, "socket tcp", "n's default line");

	/* the filter asks for the rows again, reads nothing */
	ch('/');
	tap_ok(t.ask.open && t.ask.kind == ASK_FILTER, "/ opens the filter");
	type("LISTEN");
	f = ch('\r');
	tap_ok((f & R_ROWS) && !(f & (R_READ | R_RUN)), "the filter: the rows again");
	tap_is_str(t.kv.filter, "LISTEN", "the filter set");

	/* Escape cancels a prompt */
	ch('W');
	tap_ok(t.ask.open && t.ask.kind == ASK_FILE, "W asks for a file");
	f = ch(27);
	tap_ok(!t.ask.open && !(f & R_RUN), "Escape: nothing written, nothing run");

	/* keys that need a socket say there is none */
	f = ch('r');
	tap_ok(!(f & R_RUN), "r without a socket runs nothing");
	tap_is_str(last_log(), "no socket on stage yet: press n to create one",
		   "and says so");
	ch('X');
	tap_is_str(last_log(), "key 'X' does nothing: press ? for help",
		   "an unbound key says so");
	ch(' ');
	tap_is_str(last_log(), "key ' ' does nothing: press ? for help",
		   "Space, without a lesson, too");

	/* predict mode: an answer past the choices is not one */
	t.play.on = true;
	t.play.asking = true;
	t.play.nchoices = 2;
	log_free(&t.log);
	f = ch('5');
	tap_ok(t.play.asking, "5 of 2 choices: the question stays");
	tap_is_str(last_log(), "key '5' does nothing: press ? for help",
		   "and the key falls through to the main keys");
	t.play.on = false;
}

/* Esc skips a predict question: the step runs, without an answer, and
 * the score stays as it was. */
static void test_skip(void)
{
	static char text[] = "say One step.\nsocket tcp as s\n"
			     "bind s 127.0.0.1:3459 => ok\n";
	char err[256];
	FILE *f = fmemopen(text, strlen(text), "r");

	memset(&t.play, 0, sizeof(t.play));
	tap_ok(f && lesson_read(f, "skip.stage", &t.play.l, err, sizeof(err)) == 0,
	       "a lesson of one step");
	if (f)
		fclose(f);
	/* step 1 stopped before its bind, the line it asks about */
	t.play.on = t.play.predict = true;
	t.play.answer = t.play.last_ask = -1;
	t.play.step = 1;
	t.play.line = 2;
	t.play.asking = t.play.posed = true;
	t.play.nchoices = lesson_choices(&t.play.l, 2, t.play.choices,
					 LESSON_MAX_CHOICES);
	tap_ok(play_due(&t) == -1, "the step waits for the answer");
	ch(27);
	tap_ok(!t.play.asking, "Escape closes the question");
	tap_ok(t.play.step == 1 && t.play.line == 2 && play_running(&t.play) &&
	       play_due(&t) >= 0, "and the step goes on (step %d, line %d)",
	       t.play.step, t.play.line);
	tap_ok(t.play.answer == -1 && t.play.asked == 0 && t.play.right == 0,
	       "without an answer: not scored");
	tap_ok(log_has("predict: skipped, not scored"), "the log says so");
	play_free(&t.play);
}

/* ---- the kernel view's cursor ------------------------------------------------ */

/* n rows, cookies first, first + 1, ...; the rows shown again */
static void kernel_rows_of(size_t n, uint64_t first)
{
	struct diag_table *tab = &t.kv.ports;

	tab->rows = realloc(tab->rows, (n ? n : 1) * sizeof(*tab->rows));
	memset(tab->rows, 0, (n ? n : 1) * sizeof(*tab->rows));
	for (size_t i = 0; i < n; i++) {
		tab->rows[i].proto = IPPROTO_TCP;
		tab->rows[i].family = AF_INET;
		tab->rows[i].state = KS_TIME_WAIT;
		tab->rows[i].sport = (uint16_t)(1000 + i);
		tab->rows[i].cookie = first + i;
	}
	tab->n = tab->cap = n;
	kv_rows(&t);
}

/* The all-sockets view: n rows kept compactly (rowstore), every third
 * one on port 3459, the others on 3460 (their peers' ports from 10000
 * on), a UNIX row among them. */
static void every_rows_of(size_t n)
{
	struct diag_row r;

	rowstore_clear(&t.kv.every);
	for (size_t i = 0; i < n; i++) {
		memset(&r, 0, sizeof(r));
		if (i == n / 2) {
			r.family = AF_UNIX;
			r.type = SOCK_STREAM;
			r.state = KS_LISTEN;
			r.namelen = 6;
			memcpy(r.name, "/x3459", 6);
			r.inode = 7;
		} else {
			r.proto = IPPROTO_TCP;
			r.family = AF_INET;
			r.state = KS_ESTABLISHED;
			r.sport = i % 3 ? 3460 : 3459;
			r.dport = (uint16_t)(10000 + i % 50000);
			r.src.s6_addr[0] = 127;
			r.src.s6_addr[3] = 1;
			r.dst.s6_addr[0] = 127;
			r.dst.s6_addr[3] = 2;
		}
		r.cookie = 1000000 + i;
		rowstore_add(&t.kv.every, &r);
	}
}

/* A filter over many rows, a slice at a time: the same rows as in one
 * go, in the table's order, and the rows so far shown meanwhile. */
static void test_rows_sliced(void)
{
	const size_t n = 30000;
	size_t want = 0, slices = 0;
	bool in_order = true;
	struct diag_row tmp;

	t.kv.all = true;
	t.kv.page = 10;
	t.kv.width = 120;
	every_rows_of(n);
	for (size_t i = 0; i < n; i++) {	/* as every_rows_of */
		char peer[16];

		snprintf(peer, sizeof(peer), ":%zu", 10000 + i % 50000);
		want += i % 3 == 0 || i == n / 2 || strstr(peer, "3459");
	}
	str_copy(t.kv.filter, "3459", sizeof(t.kv.filter));
	t.kv.slice_ms = -1;		/* a slice of 1024 rows */
	kv_rows(&t);
	tap_ok(t.kv.rows_pending && kv_rows_due(&t) == 0 && t.kv.nrows > 0 &&
	       t.kv.nrows < want, "a slice: some rows found (%zu), more to come",
	       t.kv.nrows);
	tap_ok(kv_rows_done_pct(&t) > 0 && kv_rows_done_pct(&t) < 100,
	       "how far: %d%%", kv_rows_done_pct(&t));
	while (t.kv.rows_pending && slices++ < 1000)
		kv_rows_more(&t);
	tap_ok(!t.kv.rows_pending && kv_rows_due(&t) == -1 &&
	       kv_rows_done_pct(&t) == 100, "then all done, in %zu slices",
	       slices);
	tap_ok(t.kv.nrows == want, "every row with 3459: %zu of %zu",
	       t.kv.nrows, want);
	for (size_t i = 1; i < t.kv.nrows; i++)
		in_order = in_order && t.kv.rows[i] > t.kv.rows[i - 1];
	tap_ok(in_order, "in the table's order");
	tap_ok(kv_row(&t, t.kv.rows[0], &tmp)->sport == 3459 &&
	       kv_row(&t, n / 2, &tmp)->family == AF_UNIX &&
	       !memcmp(kv_row(&t, n / 2, &tmp)->name, "/x3459", 6),
	       "the rows unpack whole (a TCP row, the UNIX row and its name)");
	/* the cursor on a row far down stays on its socket through a pass
	   made again a slice at a time */
	kv_cursor_move(&t, 5000);
	{
		static const struct panel *const kernel_only[] = { &panel_kernel };
		const struct panel *const *panels = t.panels;
		int npanels = t.npanels, focus = t.focus;
		uint64_t cookie = kv_cursor_row(&t, &tmp)->cookie;

		/* with the focus, the view follows the cursor */
		t.panels = kernel_only;
		t.npanels = 1;
		t.focus = 0;

		kv_rows(&t);
		tap_ok(t.kv.rows_pending && t.kv.cursor_cookie == cookie,
		       "a pass again: after its first slice, the cursor's "
		       "socket is kept");
		for (slices = 0; t.kv.rows_pending && slices < 1000; slices++)
			kv_rows_more(&t);
		tap_ok(t.kv.cursor == 5000 &&
		       kv_cursor_row(&t, &tmp)->cookie == cookie,
		       "and at its end the cursor is on it (row %d)",
		       t.kv.cursor);
		t.panels = panels;
		t.npanels = npanels;
		t.focus = focus;
	}
	t.kv.slice_ms = 0;
	t.kv.filter[0] = '\0';
	t.kv.all = false;
	rowstore_free(&t.kv.every);
}

static void test_cursor(void)
{
	struct diag_row tmp_row;

	t.kv.filter[0] = '\0';
	t.kv.all = false;
	t.kv.page = 5;		/* 4 rows and "+N more below", or 5 rows */
	kernel_rows_of(30, 100);
	tap_ok(t.kv.cursor == 0 && t.kv.scroll == 0 && kv_visible(&t.kv) == 4,
	       "30 rows in a page of 5: the cursor on the first, 4 rows shown");
	for (int i = 0; i < 3; i++)
		kv_cursor_move(&t, 1);
	tap_ok(t.kv.cursor == 3 && t.kv.scroll == 0, "Down 3: the cursor moves, "
	       "the view stays (cursor %d, scroll %d)", t.kv.cursor, t.kv.scroll);
	kv_cursor_move(&t, 1);
	tap_ok(t.kv.cursor == 4 && t.kv.scroll == 1, "past the last row shown: "
	       "the view follows by one (cursor %d, scroll %d)", t.kv.cursor,
	       t.kv.scroll);
	kv_cursor_move(&t, INT_MAX / 2);
	tap_ok(t.kv.cursor == 29 && t.kv.scroll == 25 && kv_visible(&t.kv) == 5,
	       "End: the last row, the panel full (cursor %d, scroll %d)",
	       t.kv.cursor, t.kv.scroll);
	tap_ok(kv_cursor_row(&t, &tmp_row) && kv_cursor_row(&t, &tmp_row)->cookie == 129,
	       "the row under the cursor");
	kv_cursor_move(&t, INT_MIN);
	tap_ok(t.kv.cursor == 0 && t.kv.scroll == 0, "Home: the first row");
	kv_scroll(&t, 10);
	tap_ok(t.kv.scroll == 10 && t.kv.cursor == 10, "the view scrolled: the "
	       "cursor comes along, on screen (cursor %d)", t.kv.cursor);
	kv_cursor_move(&t, 2);
	kernel_rows_of(31, 99);		/* a row more before it */
	tap_ok(t.kv.cursor == 13 && kv_cursor_row(&t, &tmp_row)->cookie == 112,
	       "a row came before it: the cursor stays on its socket (row %d)",
	       t.kv.cursor);
	tap_ok(t.kv.cursor >= t.kv.scroll &&
	       t.kv.cursor < t.kv.scroll + kv_visible(&t.kv), "and on screen");
	kernel_rows_of(3, 500);		/* its socket gone, fewer rows */
	tap_ok(t.kv.cursor == 2 && t.kv.scroll == 0,
	       "its socket gone: the cursor on a row there is (row %d)",
	       t.kv.cursor);
	kernel_rows_of(0, 1);
	tap_ok(!kv_cursor_row(&t, &tmp_row), "no rows: no row under the cursor");
	kv_free(&t.kv);
}

int main(void)
{
	t.sel = -1;
	test_bound_once();
	test_rows_complete();
	test_help_names_keys();
	test_readme();
	test_bar();
	test_bar_at();
	test_checks();
	test_reactions();
	test_skip();
	log_free(&t.log);
	test_cursor();
	test_rows_sliced();
	return tap_done();
}
