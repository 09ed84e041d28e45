/* SPDX-License-Identifier: GPL-2.0-or-later */
/* pace.h - the pace of a lesson that plays by itself (--autoplay): each
 * step stays on screen, once its calls are done, for the time its
 * narration takes to read at a reading speed (words per minute), plus a
 * pause. The step before the first is the lesson's about paragraph. */
#ifndef SOCKSTAGE_PACE_H
#define SOCKSTAGE_PACE_H

#include "lesson.h"

#define PACE_WPM_DEFAULT 180	/* an unhurried reader of a screen */
#define PACE_WPM_MIN 20
#define PACE_WPM_MAX 2000

/* The words of text: runs of characters that are not blanks. */
int pace_words(const char *text);
/* How long words take to read at wpm words per minute, in ms (rounded
 * up); 0 for no words. wpm below PACE_WPM_MIN counts as PACE_WPM_MIN. */
long pace_reading_ms(int words, int wpm);
/* The words of step's narration (its say lines; steps count from 1),
 * or of the about paragraph for step 0. */
int pace_step_words(const struct lesson *l, int step);
/* How long step stays on screen after its calls: the time its narration
 * takes to read at wpm, plus pause_ms. */
long pace_hold_ms(const struct lesson *l, int step, int wpm, long pause_ms);
/* The same for part (from 1) of step: a step plays in parts (lesson.h);
 * for a step of one part, or step 0, as pace_hold_ms. */
int pace_part_words(const struct lesson *l, int step, int part);
long pace_part_hold_ms(const struct lesson *l, int step, int part, int wpm,
		       long pause_ms);
/* What step's lines take by themselves: the sum of its wait DURATION
 * lines (0 for step 0). The other calls take what the kernel takes. */
long pace_calls_ms(const struct lesson *l, int step);

#endif
