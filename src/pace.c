/* SPDX-License-Identifier: GPL-2.0-or-later */
/* pace.c - how long each step of an autoplayed lesson stays on screen:
 * its narration's words at a reading speed, plus a pause. */
#include "pace.h"

#include <stdbool.h>

static bool blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
	       c == '\f';
}

int pace_words(const char *text)
{
	int n = 0;
	bool in = false;

	for (const char *s = text ? text : ""; *s; s++) {
		if (blank(*s))
			in = false;
		else if (!in) {
			in = true;
			n++;
		}
	}
	return n;
}

long pace_reading_ms(int words, int wpm)
{
	if (words <= 0)
		return 0;
	if (wpm < PACE_WPM_MIN)
		wpm = PACE_WPM_MIN;
	return ((long)words * 60000L + wpm - 1) / wpm;
}

int pace_step_words(const struct lesson *l, int step)
{
	const struct lesson_step *s;
	int n = 0;

	if (step == 0)
		return pace_words(l->about);
	if (step < 1 || step > l->nsteps)
		return 0;
	s = &l->steps[step - 1];
	for (int i = s->first; i < s->first + s->n; i++)
		n += pace_words(l->lines[i].say);
	return n;
}

long pace_hold_ms(const struct lesson *l, int step, int wpm, long pause_ms)
{
	return pace_reading_ms(pace_step_words(l, step), wpm) +
	       (pause_ms > 0 ? pause_ms : 0);
}

int pace_part_words(const struct lesson *l, int step, int part)
{
	const struct lesson_step *s;
	int n = 0, at = 1;

	if (step < 1 || step > l->nsteps)
		return pace_step_words(l, step);
	s = &l->steps[step - 1];
	for (int i = s->first; i < s->first + s->n; i++) {
		if (l->lines[i].beat)
			at++;
		if (at == part)
			n += pace_words(l->lines[i].say);
	}
	return n;
}

long pace_part_hold_ms(const struct lesson *l, int step, int part, int wpm,
		       long pause_ms)
{
	return pace_reading_ms(pace_part_words(l, step, part), wpm) +
	       (pause_ms > 0 ? pause_ms : 0);
}

long pace_calls_ms(const struct lesson *l, int step)
{
	const struct lesson_step *s;
	long ms = 0;

	if (step < 1 || step > l->nsteps)
		return 0;
	s = &l->steps[step - 1];
	for (int i = s->first; i < s->first + s->n; i++)
		if (l->lines[i].wait_ms > 0)
			ms += l->lines[i].wait_ms;
	return ms;
}
