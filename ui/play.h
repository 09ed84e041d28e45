/* SPDX-License-Identifier: GPL-2.0-or-later */
/* play.h - a lesson in the TUI (--lesson): its steps run line by line
 * from a timer of the loop, the narration in the caption (panel_caption),
 * predict mode's questions and score. */
#ifndef SOCKSTAGE_UI_PLAY_H
#define SOCKSTAGE_UI_PLAY_H

#include <stdbool.h>
#include <stddef.h>

#include "lesson.h"

/* A lesson being played (--lesson). */
struct play {
	bool on;		/* a lesson is loaded */
	bool predict;		/* ask before each step that asserts */
	struct lesson l;
	int step;		/* steps begun: the one on screen is step */
	int line;		/* the next line of the running step; -1 idle */
	bool held;		/* the step waits for Space before its next
				   beat (lesson.h) */
	int beat;		/* the beat on screen (1-based) */
	int beat_line;		/* the line that began it, -1 the first */
	size_t beat_from;	/* where its narration begins in caption */
	long long resume_ms;	/* a wait DURATION in the step ends then */
	long long until_ms;	/* a wait SOCK STATE gives up then; 0 none */
	bool again;		/* the line is not done: run it again */
	/* --autoplay */
	long long auto_ms;	/* the next step is due then (now_ms) */
	long pace_ms;		/* how long the step on screen stays, once its
				   calls are done: its narration's reading
				   time plus the pause */
	long long shown_ms;	/* when its calls were done (now_ms) */
	bool over;		/* the last step is done: the end stays, until
				   a key or the hold's end */
	long long vt_ms;	/* the schedule's clock (ms from the start):
				   the time of the step on screen in a cast
				   recorded with --stable */
	long long vt_at_ms;	/* when it was last set (now_ms) */
	char caption[1200];	/* the narration of the step on screen */
	int caption_top;	/* its first row shown (Tab, then Up/Down) */
	int mismatches;		/* expectations that did not hold */
	/* predict mode */
	bool asking;		/* a question is open: the step waits */
	bool posed;		/* the running step's question was posed */
	int last_ask;		/* the line of the last question posed, -1 */
	int choices[LESSON_MAX_CHOICES], nchoices;
	int answer;		/* the chosen outcome (0 success, errno); -1 */
	int asked, right;	/* the score */
	char verdict[200];	/* the last answer, checked */
};

struct tui;

int play_start(struct tui *t, const char *path, char *err, size_t errlen);
void play_free(struct play *p);
bool play_running(const struct play *p);
/* The step on screen has beats still to come (Space goes on). */
bool play_held(const struct play *p);
/* Space: the next beat of the step, or the next step; in predict mode it
 * stops for its question just before the line asked about, when its
 * narration and the lines before it have run */
void play_next(struct tui *t);
/* R: from the beginning, in a fresh stage; reaction flags (react.h) */
unsigned play_restart(struct tui *t);
/* G: replay up to step (1-based) silently; reaction flags */
unsigned play_jump(struct tui *t, int step);
/* The loop's timer: when play_due says, run the next line of the step
 * (or, with --autoplay, begin the next step); reaction flags. */
unsigned play_tick(struct tui *t);
long long play_due(const struct tui *t);	/* ms (now_ms), -1 never */
/* predict mode: choice (0-based) answers the open question; false when
 * there is no such choice. */
bool play_answer(struct tui *t, int choice);
/* Esc: the question is skipped: the step runs without an answer and
 * the score does not change */
void play_skip(struct tui *t);
/* --autoplay has played the last step: the end stays on screen (any key
 * quits, or the hold's end). */
bool play_over(const struct tui *t);
/* --autoplay --stable while recording: the cast holds a frame at the
 * start and one after each step (drawn whole, when the step's calls and
 * the kernel read that follows them are done), at the times of the
 * schedule rather than the clock's. */
bool play_scheduled(const struct tui *t);
/* The schedule's time for the end of the cast, when the TUI quits: the
 * last frame's, plus the hold (or the time it stayed, when a key quit
 * first). */
long long play_end_ms(const struct tui *t);

#endif
