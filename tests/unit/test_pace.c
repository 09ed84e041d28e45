/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_pace.c - the pace of an autoplayed lesson (src/pace.c): words are
 * runs of non-blanks; reading time is words at a reading speed, rounded
 * up; a step's hold is its narration's reading time plus the pause, the
 * about paragraph's for step 0; a step's own time is its wait lines;
 * a slower reader or a longer narration never makes a step shorter. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lesson.h"
#include "pace.h"
#include "tap.h"

static const char lesson_text[] =
	"title Pace\n"
	"about One two three four five six.\n"
	"say Nine words in this first narration, counted as such.\n"
	"socket tcp as s\n"
	"wait 300ms\n"
	"pause\n"
	"bind s 127.0.0.1:3459\n"
	"wait 2s\n"
	"wait 250ms\n"
	"pause\n"
	"say  Three\twords\n"
	"say here: 127.0.0.1:3459 counts once.\n";

static void test_words(void)
{
	tap_is_int(pace_words(NULL), 0, "no text: no words");
	tap_is_int(pace_words(""), 0, "empty: no words");
	tap_is_int(pace_words("  \t\n "), 0, "blanks only: no words");
	tap_is_int(pace_words("one"), 1, "one word");
	tap_is_int(pace_words("  one  two\tthree\nfour "), 4,
		   "blanks of any kind and number separate words");
	tap_is_int(pace_words("bind(s4, 127.0.0.1:3460) = -1"), 4,
		   "a call counts its runs of non-blanks");
}

static void test_reading(void)
{
	tap_is_int(pace_reading_ms(0, 180), 0, "no words: no time");
	tap_is_int(pace_reading_ms(180, 180), 60000, "180 words at 180 wpm: a minute");
	tap_is_int(pace_reading_ms(3, 180), 1000, "3 words at 180 wpm: 1 s");
	tap_is_int(pace_reading_ms(1, 180), 334, "1 word at 180 wpm: rounded up");
	tap_is_int(pace_reading_ms(10, 2000), 300, "10 words at 2000 wpm: 300 ms");
	tap_is_int(pace_reading_ms(10, 0), pace_reading_ms(10, PACE_WPM_MIN),
		   "a speed below the least counts as the least");
	tap_ok(pace_reading_ms(40, 120) > pace_reading_ms(40, 180),
	       "a slower reader takes longer");
	tap_ok(pace_reading_ms(41, 180) >= pace_reading_ms(40, 180),
	       "more words never take less");
}

static void test_steps(void)
{
	struct lesson l;
	char err[256];
	FILE *f = fmemopen((void *)lesson_text, strlen(lesson_text), "r");

	if (!f || lesson_read(f, "pace.stage", &l, err, sizeof(err)) < 0) {
		tap_ok(0, "the lesson loads: %s", f ? err : "fmemopen");
		if (f)
			fclose(f);
		return;
	}
	fclose(f);
	tap_is_int(l.nsteps, 3, "three steps");
	tap_is_int(pace_step_words(&l, 0), 6, "step 0: the about paragraph's words");
	tap_is_int(pace_step_words(&l, 1), 9, "step 1: its say line's words");
	tap_is_int(pace_step_words(&l, 2), 0, "step 2: no narration");
	tap_is_int(pace_step_words(&l, 3), 6, "step 3: both say lines");
	tap_is_int(pace_step_words(&l, 4), 0, "past the last step: nothing");
	tap_is_int(pace_hold_ms(&l, 0, 180, 0), 2000,
		   "the about paragraph: 6 words at 180 wpm");
	tap_is_int(pace_hold_ms(&l, 1, 180, 500), 3000 + 500,
		   "step 1: 9 words at 180 wpm, plus the pause");
	tap_is_int(pace_hold_ms(&l, 2, 180, 700), 700,
		   "a step without narration: the pause alone");
	tap_is_int(pace_hold_ms(&l, 3, 90, 0), 4000, "step 3 at 90 wpm: 4 s");
	tap_is_int(pace_hold_ms(&l, 1, 180, -5), 3000, "a negative pause counts as none");
	tap_is_int(pace_calls_ms(&l, 0), 0, "step 0 runs nothing");
	tap_is_int(pace_calls_ms(&l, 1), 300, "step 1: its wait 300ms");
	tap_is_int(pace_calls_ms(&l, 2), 2250, "step 2: wait 2s and wait 250ms");
	tap_is_int(pace_calls_ms(&l, 3), 0, "step 3: no wait");
	lesson_free(&l);
}

/* Every shipped lesson: each step with narration gets some reading
 * time, and a default-speed hold is never shorter than the pause. */
static void test_shipped(void)
{
	const char *top = getenv("top_srcdir");
	char path[4096], err[512];
	struct lesson l;
	int bad = 0, steps = 0;

	snprintf(path, sizeof(path), "%s/lessons/02-timewait-restart.stage",
		 top ? top : ".");
	if (lesson_load(path, &l, err, sizeof(err)) < 0) {
		tap_ok(1, "# SKIP %s", err);
		return;
	}
	for (int s = 0; s <= l.nsteps; s++, steps++)
		if (pace_hold_ms(&l, s, PACE_WPM_DEFAULT, 1000) <= 1000)
			bad++;
	tap_ok(bad == 0, "lesson 02: each of %d steps (the about paragraph "
	       "too) has narration to read", steps);
	lesson_free(&l);
}

int main(void)
{
	test_words();
	test_reading();
	test_steps();
	test_shipped();
	return tap_done();
}
