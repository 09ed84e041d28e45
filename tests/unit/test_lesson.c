/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_lesson.c - predict mode's questions (src/lesson.c), without a
 * stage: in every shipped lesson no two questions in a row are the same;
 * a step whose question would repeat the last one asks about another
 * asserted line of it, or nothing; what changed since the last question
 * (lesson_since) is a short list of the calls that changed something. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lesson.h"
#include "tap.h"

static int load_text(const char *text, struct lesson *l)
{
	char err[512];
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	int rc;

	if (!f)
		return -1;
	rc = lesson_read(f, "test.stage", l, err, sizeof(err));
	fclose(f);
	if (rc < 0)
		printf("# %s\n", err);
	return rc;
}

static int load_shipped(const char *name, struct lesson *l)
{
	const char *top = getenv("top_srcdir");
	char path[4096], err[512];

	snprintf(path, sizeof(path), "%s/lessons/%s.stage", top ? top : ".", name);
	if (lesson_load(path, l, err, sizeof(err)) < 0) {
		printf("# %s\n", err);
		return -1;
	}
	return 0;
}

static const char *question(const struct lesson *l, int step)
{
	int ask = l->steps[step - 1].ask;

	return ask < 0 ? "(none)" : l->lines[ask].question;
}

static const char *const shipped[] = {
	"01-first-server", "02-timewait-restart", "03-who-gets-timewait",
	"04-forked-child", "05-client-bind", "06-wildcard-specific",
	"07-reuseport-tcp", "08-udp-sharing", "09-multicast", "10-dual-stack",
	"11-abortive-close", "12-listen-backlog", "13-half-close",
	"14-handshake-slow", "15-close-slow", "16-lost-syn",
	"17-rst-or-silence", "18-why-timewait", "19-vanished-peer",
	"20-two-addresses",
};

/* The questions of each shipped lesson, in order: never one twice in a
 * row; each step knows the question before its own. */
static void test_no_repeats(void)
{
	for (size_t k = 0; k < sizeof(shipped) / sizeof(shipped[0]); k++) {
		struct lesson l;
		int last = -1, repeats = 0, asked = 0, wrong_prev = 0;

		if (load_shipped(shipped[k], &l) < 0) {
			tap_ok(0, "%s loads", shipped[k]);
			continue;
		}
		for (int s = 0; s < l.nsteps; s++) {
			int ask = l.steps[s].ask;

			wrong_prev += l.steps[s].prev_ask != last;
			if (ask < 0)
				continue;
			asked++;
			if (last >= 0 && !strcmp(l.lines[ask].question,
						 l.lines[last].question)) {
				repeats++;
				printf("# %s step %d asks \"%s\" again\n", shipped[k],
				       s + 1, l.lines[ask].question);
			}
			last = ask;
		}
		tap_ok(asked > 0 && repeats == 0 && wrong_prev == 0,
		       "%s: %d questions, none the same as the one before",
		       shipped[k], asked);
		lesson_free(&l);
	}
}

static void test_shipped_cases(void)
{
	struct lesson l;

	if (load_shipped("02-timewait-restart", &l) == 0) {
		tap_is_str(question(&l, 3), "server2: bind l2 127.0.0.1:3460",
			   "02 step 3 asks about the restart's bind");
		/* its other bind comes after narration that answers it */
		tap_is_str(question(&l, 4), "(none)", "02 step 4 asks nothing");
		tap_is_str(question(&l, 6), "server4: bind l4 127.0.0.1:3560",
			   "02 step 6 asks about server4's bind");
		tap_is_str(question(&l, 7), "(none)", "02 step 7 asks nothing");
		lesson_free(&l);
	}
	if (load_shipped("05-client-bind", &l) == 0) {
		tap_is_str(question(&l, 2), "bind c2 127.0.0.1:4463",
			   "05 step 2 asks about the second client's bind");
		tap_is_str(question(&l, 3), "(none)", "05 step 3 asks nothing");
		tap_is_str(question(&l, 4), "bind d2 127.0.0.1:4464",
			   "05 step 4 asks again");
		lesson_free(&l);
	}
}

/* A step that would ask the last question again asks about another of
 * its asserted lines, unless narration after a result comes first. */
static void test_another_line(void)
{
	struct lesson l;

	if (load_text("socket tcp as a\nbind a 127.0.0.1:3459 => ok\npause\n"
		      "socket tcp as b\nlisten a => ok\n"
		      "bind b 127.0.0.1:3459 => ok\npause\n"
		      "socket tcp as c\nbind c 127.0.0.1:3459 => EADDRINUSE\n"
		      "say Refused, and so is the next one.\n"
		      "bind c 127.0.0.1:3460 => ok\n", &l) < 0) {
		tap_ok(0, "the lesson loads");
		return;
	}
	tap_is_str(question(&l, 1), "bind a 127.0.0.1:3459", "step 1");
	tap_is_str(question(&l, 2), "bind b 127.0.0.1:3459",
		   "step 2: its last asserted line");
	tap_is_int(l.steps[1].prev_ask, l.steps[0].ask, "step 2 knows step 1's");
	tap_is_str(question(&l, 3), "bind c 127.0.0.1:3459", "step 3: its error");
	lesson_free(&l);

	if (load_text("socket tcp as a\nbind a 127.0.0.1:3459 => EADDRINUSE\n"
		      "pause\nbind a 127.0.0.1:3459 => EADDRINUSE\n"
		      "say Again.\nbind a 127.0.0.1:3460 => ok\n"
		      "pause\nlisten a => ok\nbind a 127.0.0.1:3459 => EADDRINUSE\n",
		      &l) < 0) {
		tap_ok(0, "the lesson loads");
		return;
	}
	tap_is_str(question(&l, 2), "(none)",
		   "the same again, the other line after narration: nothing");
	tap_is_int(l.steps[2].prev_ask, l.steps[0].ask,
		   "step 3's question comes after step 1's");
	tap_is_str(question(&l, 3), "listen a",
		   "step 1's again: the step's other asserted line");
	lesson_free(&l);
}

static void test_since(void)
{
	struct lesson l;
	char buf[512];
	int n;

	if (load_text("spawn server2\nserver2: socket tcp as l2\n"
		      "server2: bind l2 127.0.0.1:3460 => EADDRINUSE\npause\n"
		      "say server2 sets SO_REUSEADDR.\nserver2: set l2 reuseaddr\n"
		      "show\nexpect no LISTEN 127.0.0.1:3460\n"
		      "server2: bind l2 127.0.0.1:3460 => EADDRINUSE\n"
		      "server2: bind l2 0.0.0.0:3460 => EADDRINUSE\n", &l) < 0) {
		tap_ok(0, "the lesson loads");
		return;
	}
	n = lesson_since(&l, l.steps[1].prev_ask + 1, l.steps[1].ask, 4, buf,
			 sizeof(buf));
	tap_is_str(buf, "l2 (server2) has set SO_REUSEADDR",
		   "since the last question: the option set, nothing else");
	tap_is_int(n, 1, "one call");
	n = lesson_since(&l, 0, l.nlines, 4, buf, sizeof(buf));
	tap_is_str(buf, "server2 is a new process; l2 (server2) is a new socket; "
		   "l2 (server2) has set SO_REUSEADDR",
		   "failed calls changed nothing");
	lesson_free(&l);

	if (load_text("socket tcp as a\nset a reuseaddr\nbind a 127.0.0.1:3459\n"
		      "listen a\nconnect b 127.0.0.1:3459 => ok\nset a reuseaddr off\n"
		      "close a\n", &l) < 0) {
		tap_ok(0, "the lesson loads");
		return;
	}
	n = lesson_since(&l, 0, l.nlines, 3, buf, sizeof(buf));
	tap_is_int(n, 7, "seven calls changed something");
	tap_is_str(buf, "4 earlier calls, then b has connected to 127.0.0.1:3459; "
		   "a has cleared SO_REUSEADDR; a is closed",
		   "a short list: the last three");
	n = lesson_since(&l, 1, 3, 4, buf, sizeof(buf));
	tap_is_str(buf, "a has set SO_REUSEADDR; a is bound to 127.0.0.1:3459",
		   "lines 1-2");
	n = lesson_since(&l, 3, 3, 4, buf, sizeof(buf));
	tap_ok(n == 0 && !buf[0], "no line: nothing");
	lesson_free(&l);
}

/* Beats: a say after a call and before another begins one; says before
 * the first call, or after the last, do not. */
static void test_beats(void)
{
	static const char text[] =
		"say One. Two.\n"
		"say Still the first beat.\n"
		"socket tcp as a\n"
		"say The second beat.\n"
		"bind a 127.0.0.1:3459\n"
		"expect BOUND 127.0.0.1:3459\n"
		"say The third.\n"
		"say Its second say.\n"
		"show\n"
		"say The end: no call after it.\n"
		"pause\n"
		"socket udp as u\n"
		"say After a call, but nothing follows.\n";
	struct lesson l;
	bool want[] = { false, false, false, true, false, false, true, false,
			false, false, false, false };

	if (load_text(text, &l) < 0) {
		tap_ok(0, "the lesson loads");
		return;
	}
	tap_ok(l.nsteps == 2 && l.steps[0].nbeats == 3 && l.steps[1].nbeats == 1,
	       "beats: 3 in step 1 (%d), 1 in step 2 (%d)", l.steps[0].nbeats,
	       l.nsteps > 1 ? l.steps[1].nbeats : -1);
	for (int i = 0; i < l.nlines && i < (int)(sizeof(want) / sizeof(want[0])); i++)
		tap_ok(l.lines[i].beat == want[i], "line %d (%s): %s", i + 1,
		       l.lines[i].text, want[i] ? "begins a beat" : "no beat");
	lesson_free(&l);
}

int main(void)
{
	test_beats();
	test_no_repeats();
	test_shipped_cases();
	test_another_line();
	test_since();
	return tap_done();
}
