/* SPDX-License-Identifier: GPL-2.0-or-later */
/* play.c - a lesson in the TUI: Space or Enter runs the next step, line by
 * line from the loop's timer, with the screen live between lines; its
 * narration goes to the caption. R restarts in a fresh network namespace,
 * G replays silently up to a step. In predict mode a step that asserts a
 * result stops just before the line it asks about (its narration and the
 * lines before it shown), asks what that line will do, then checks the
 * answer against the kernel's. With --autoplay the steps come by
 * themselves, each once the one before has stayed for its narration's
 * reading time and the pause (pace.c), and the end stays until a key or
 * the hold's end; recorded with --stable, the cast follows the schedule
 * (a frame after each step, at the schedule's times). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "explain.h"
#include "pace.h"
#include "play.h"
#include "react.h"
#include "record.h"
#include "sandbox.h"
#include "session.h"
#include "state.h"
#include "util.h"

static void caption_add(struct play *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void caption_add(struct play *p, const char *fmt, ...)
{
	size_t off = strlen(p->caption);
	va_list ap;

	if (off && off < sizeof(p->caption) - 1)
		p->caption[off++] = ' ';
	va_start(ap, fmt);
	vsnprintf(p->caption + off, sizeof(p->caption) - off, fmt, ap);
	va_end(ap);
}

static const char *outcome_name(int outcome)
{
	return outcome == 0 ? "succeeds" : explain_errname(outcome);
}

bool play_scheduled(const struct tui *t)
{
	return t->opts.autoplay && t->opts.stable && rec_on();
}

/* The step on screen is complete (its calls done): with --autoplay the
 * next one comes pace_ms from now; recorded on schedule, it is the next
 * frame of the cast, at the schedule's time. */
static void shown(struct tui *t, long pace_ms)
{
	struct play *p = &t->play;

	p->shown_ms = p->vt_at_ms = now_ms();
	p->pace_ms = pace_ms;
	p->auto_ms = p->shown_ms + pace_ms;
	if (play_scheduled(t)) {
		rec_clock(p->vt_ms);
		t->keyframe = true;
	}
}

/* The schedule's clock now: its last time, plus what has passed since
 * (a key quit, R, G: they come into the cast when they happen). */
static long long vt_now(const struct play *p)
{
	long long passed = now_ms() - p->vt_at_ms;

	return p->vt_ms + (passed > 0 ? passed : 0);
}

static void shown_now(struct tui *t, long pace_ms)
{
	t->play.vt_ms = vt_now(&t->play);
	shown(t, pace_ms);
}

bool play_over(const struct tui *t)
{
	return t->play.on && t->play.over;
}

long long play_end_ms(const struct tui *t)
{
	const struct play *p = &t->play;

	/* the hold's end, exactly, when it was the hold that ended it */
	if (p->over && t->opts.hold_ms >= 0 &&
	    now_ms() - p->shown_ms >= t->opts.hold_ms)
		return p->vt_ms + t->opts.hold_ms;
	return vt_now(p);
}

int play_start(struct tui *t, const char *path, char *err, size_t errlen)
{
	struct play *p = &t->play;

	if (lesson_load(path, &p->l, err, errlen) < 0)
		return -1;
	p->on = true;
	p->line = -1;
	p->answer = -1;
	p->last_ask = -1;
	snprintf(p->caption, sizeof(p->caption), "%s %s", p->l.about ?
		 p->l.about : "", t->opts.autoplay ? "It plays by itself." :
		 "Press Space to begin.");
	p->vt_ms = 0;
	shown(t, pace_hold_ms(&p->l, 0, t->opts.wpm, t->opts.pause_ms));
	return 0;
}

void play_free(struct play *p)
{
	if (p->on)
		lesson_free(&p->l);
	memset(p, 0, sizeof(*p));
}

bool play_running(const struct play *p)
{
	return p->on && p->line >= 0 && !p->held;
}

bool play_held(const struct play *p)
{
	return p->on && p->line >= 0 && p->held;
}

/* ---- running lines ----------------------------------------------------------- */

static const struct lesson_step *current(const struct play *p)
{
	return &p->l.steps[p->step - 1];
}

static void check_answer(struct tui *t, int outcome)
{
	struct play *p = &t->play;

	p->asked++;
	if (outcome == p->answer)
		p->right++;
	snprintf(p->verdict, sizeof(p->verdict), "You said: %s. The kernel: %s. %s",
		 outcome_name(p->answer), outcome < 0 ? "no result" :
		 outcome_name(outcome), outcome == p->answer ? "Right!" : "Not this time.");
	log_add(&t->log, outcome == p->answer ? ROLE_OK : ROLE_FAIL, "predict: %s",
		p->verdict);
	caption_add(p, "%s", p->verdict);
	p->answer = -1;
}

/* The step's calls are done; after the last one, the lesson's end: with
 * --autoplay it stays (any key quits, or the hold's end does). With
 * --stable the kernel view is read until it settles, and the log gets
 * what the step changed: a recorded frame shows it as the calls left
 * it. */
static void step_done(struct tui *t)
{
	struct play *p = &t->play;

	kv_step_end(t);		/* --stable: what the step changed */
	p->line = -1;
	if (p->step == p->l.nsteps) {
		if (p->predict)
			caption_add(p, "End of the lesson. Your score: %d of %d. R "
				    "plays it again.", p->right, p->asked);
		else if (t->opts.autoplay)
			caption_add(p, "End of the lesson.");
		else
			caption_add(p, "End of the lesson. R plays it again.");
		log_add(&t->log, ROLE_TITLE, "-- end of lesson %s%s", p->l.name,
			p->mismatches ? ": the kernel disagreed with it (MISMATCH "
			"above)" : "");
		p->over = t->opts.autoplay;
	}
	shown(t, pace_part_hold_ms(&p->l, p->step, p->beat, t->opts.wpm,
				   t->opts.pause_ms));
}

/* wait SOCK STATE, without freezing the screen: look every 100 ms until
 * the state is there or the timeout has passed, then run the line for
 * its result. False: look again later. */
static bool waited(struct tui *t, const struct lesson_line *ln)
{
	struct play *p = &t->play;

	if (!p->until_ms)
		p->until_ms = now_ms() + ln->until_ms;
	if (!tui_wait_looked(t, &ln->cmd, ln->text, p->until_ms)) {
		p->resume_ms = now_ms() + 100;
		p->again = true;
		return false;
	}
	p->until_ms = 0;
	return true;
}

/* Run one line of the step; quiet: no log, no caption (replay). */
static void step_line(struct tui *t, int i, bool quiet)
{
	struct play *p = &t->play;
	const struct lesson_line *ln = &p->l.lines[i];
	bool mismatch = false;
	int outcome;

	if (ln->say || ln->kind == CMD_SHOW || ln->wait_ms >= 0)
		tui_export_line(t, &ln->cmd, ln->text);	/* comments, a sleep */
	if (ln->say) {
		if (!quiet) {
			caption_add(p, "%s", ln->say);
			log_add(&t->log, ROLE_TITLE, "-- %s", ln->say);
		}
		return;
	}
	if (ln->kind == CMD_SHOW)
		return;		/* the kernel view is on screen */
	if (ln->wait_ms >= 0) {
		if (quiet) {
			nanosleep(&(struct timespec){ ln->wait_ms / 1000,
				  (ln->wait_ms % 1000) * 1000000L }, NULL);
		} else {
			p->resume_ms = now_ms() + ln->wait_ms;
			p->vt_ms += ln->wait_ms;	/* on the schedule too */
			p->vt_at_ms = p->resume_ms;
		}
		return;
	}
	if (!quiet && ln->until_ms >= 0) {
		if (!waited(t, ln))
			return;		/* not yet: the line runs again */
		t->running_lesson = true;
		outcome = tui_run_wait_once(t, &ln->cmd, ln->text, false, &mismatch);
	} else {
		t->running_lesson = !quiet;
		outcome = tui_run_script_line(t, &ln->cmd, ln->text, quiet,
					      &mismatch);
	}
	t->running_lesson = false;
	p->mismatches += mismatch;
	if (!quiet && p->predict && i == current(p)->ask && p->answer >= 0)
		check_answer(t, outcome);
}

/* --autoplay waits while a step runs or a prompt is open; at the end it
 * waits for a key, or for the hold's end. */
static bool autoplay_waits(const struct tui *t)
{
	const struct play *p = &t->play;

	if (p->over)
		return t->opts.hold_ms < 0;
	/* too small a screen shows nothing: the lesson would go on unseen */
	return !t->opts.autoplay || play_running(p) || p->asking ||
	       t->ask.open || (p->step == p->l.nsteps && !p->held) ||
	       t->placed.fit == FIT_TINY;
}

/* now_ms() cuts a fraction of a ms: one more, so that a whole pause or
 * hold has passed (a recording measures it in µs) */
static long long autoplay_due(const struct tui *t)
{
	const struct play *p = &t->play;

	return 1 + (p->over ? p->shown_ms + t->opts.hold_ms : p->auto_ms);
}

/* --autoplay: the next step when its time has come; the end. */
static unsigned autoplay(struct tui *t)
{
	if (autoplay_waits(t) || now_ms() < autoplay_due(t))
		return 0;
	if (t->play.over)
		return R_QUIT;
	play_next(t);
	return R_REDRAW;
}

static void pose_question(struct tui *t, const struct lesson_step *s);

unsigned play_tick(struct tui *t)
{
	struct play *p = &t->play;
	const struct lesson_step *s;
	unsigned flags = 0;

	if (p->on)
		flags = autoplay(t);
	if (!play_running(p) || p->asking || now_ms() < p->resume_ms)
		return flags;
	s = current(p);
	if (p->l.lines[s->first + p->line].beat &&
	    p->beat_line != s->first + p->line) {
		p->held = true;		/* until Space: the beat's results stand */
		kv_step_end(t);
		shown(t, pace_part_hold_ms(&p->l, p->step, p->beat, t->opts.wpm,
					   t->opts.pause_ms));
		return flags | R_REDRAW;
	}
	if (p->predict && !p->posed && s->first + p->line == s->ask) {
		pose_question(t, s);	/* the step waits for the answer */
		return flags | R_REDRAW;
	}
	p->again = false;
	step_line(t, s->first + p->line, false);
	if (!p->again && ++p->line == s->n)
		step_done(t);
	return flags | R_REDRAW;
}

long long play_due(const struct tui *t)
{
	if (!t->play.on)
		return -1;
	if (play_running(&t->play) && t->play.asking)
		return -1;
	if (play_running(&t->play))
		return t->play.resume_ms;
	return autoplay_waits(t) ? -1 : autoplay_due(t);
}

/* ---- steps ------------------------------------------------------------------------ */

/* predict mode: what will the step's asserted call do? After the
 * narration already in the caption and what changed since the last
 * question. */
static void pose_question(struct tui *t, const struct lesson_step *s)
{
	struct play *p = &t->play;
	const struct lesson_line *ln = &p->l.lines[s->ask];
	char choices[256], since[512];
	size_t off = 0;

	p->nchoices = lesson_choices(&p->l, s->ask, p->choices, LESSON_MAX_CHOICES);
	p->asking = true;
	p->posed = true;
	/* what the lines run since the last question changed (not after a
	 * G, when that question was not asked in this run) */
	if (p->last_ask >= 0 && p->last_ask == s->prev_ask &&
	    lesson_since(&p->l, s->prev_ask + 1, s->ask, 4, since,
			 sizeof(since)) > 0) {
		caption_add(p, "Since the last question: %s.", since);
		log_add(&t->log, ROLE_DIM, "since the last question: %s", since);
	}
	p->last_ask = s->ask;
	choices[0] = '\0';
	for (int i = 0; i < p->nchoices && off < sizeof(choices); i++)
		off += (size_t)snprintf(choices + off, sizeof(choices) - off,
					"  %d %s", i + 1, outcome_name(p->choices[i]));
	caption_add(p, "Predict: what will \"%s\" do?%s", ln->question, choices);
	log_add(&t->log, ROLE_TITLE, "-- predict: what will \"%s\" do? (keys 1-%d)",
		ln->question, p->nchoices);
}

/* A step, or a later part of it, begins: what it changes is its own
 * (--stable), and the schedule moves on by what the part before stayed. */
static void part_begins(struct tui *t)
{
	struct play *p = &t->play;

	t->act_ms = now_ms();
	kv_step_begin(t);
	p->vt_ms += p->pace_ms;
	p->vt_at_ms = now_ms();
	if (play_scheduled(t))
		rec_clock(p->vt_ms);
}

static void begin_step(struct tui *t)
{
	struct play *p = &t->play;

	p->step++;
	p->line = 0;
	p->held = false;
	p->beat = 1;
	p->beat_line = -1;
	p->beat_from = 0;
	p->resume_ms = 0;
	p->until_ms = 0;
	p->posed = false;
	p->caption[0] = '\0';
	p->caption_top = 0;
	t->touched.n = 0;
	kv_top(t);		/* what the step is about comes first */
	part_begins(t);
	log_add(&t->log, ROLE_TITLE, "-- step %d/%d", p->step, p->l.nsteps);
	rec_marker("step %d/%d", p->step, p->l.nsteps);
}

void play_next(struct tui *t)
{
	struct play *p = &t->play;

	if (play_running(p) || p->asking)
		return;
	if (p->held) {		/* the step's next beat */
		p->held = false;
		p->beat++;
		p->beat_line = current(p)->first + p->line;
		p->beat_from = strlen(p->caption);
		p->caption_top = 0;
		part_begins(t);
		rec_marker("step %d/%d, part %d/%d", p->step, p->l.nsteps, p->beat,
			   current(p)->nbeats);
		return;
	}
	if (p->step == p->l.nsteps) {
		log_add(&t->log, ROLE_DIM, "the lesson is over: R plays it again");
		return;
	}
	begin_step(t);
}

bool play_answer(struct tui *t, int choice)
{
	struct play *p = &t->play;

	if (!p->asking || choice < 0 || choice >= p->nchoices)
		return false;
	p->asking = false;
	p->answer = p->choices[choice];
	log_add(&t->log, ROLE_DIM, "predict: you say %s", outcome_name(p->answer));
	p->resume_ms = 0;	/* the step goes on: the line asked about */
	return true;
}

void play_skip(struct tui *t)
{
	struct play *p = &t->play;

	if (!p->asking)
		return;
	p->asking = false;
	p->answer = -1;
	log_add(&t->log, ROLE_DIM, "predict: skipped, not scored");
	caption_add(p, "(Question skipped: not scored.)");
	p->resume_ms = 0;	/* the step goes on */
}

/* ---- restart and jump ---------------------------------------------------------- */

/* A new stage in a new network namespace: whatever the last try left
 * (TIME-WAIT...) stays in the old one, which goes away with its sockets. */
unsigned play_restart(struct tui *t)
{
	struct play *p = &t->play;

	if (tui_stage_fresh(t) < 0)
		return R_QUIT | R_REDRAW;
	p->step = 0;
	p->line = -1;
	p->held = false;
	p->until_ms = 0;
	p->over = false;
	shown_now(t, t->opts.pause_ms);
	p->asking = p->posed = false;
	p->answer = p->last_ask = -1;
	p->asked = p->right = p->mismatches = 0;
	snprintf(p->caption, sizeof(p->caption), "From the beginning%s. Press "
		 "Space for step 1.", t->opts.sandbox ? ", in a fresh network "
		 "namespace" : "");
	log_add(&t->log, ROLE_TITLE, "-- lesson %s restarted%s", p->l.name,
		t->opts.sandbox ? " in a fresh network namespace" : "");
	return R_READ | R_REDRAW;
}

unsigned play_jump(struct tui *t, int to)
{
	struct play *p = &t->play;
	unsigned flags;

	if (to < 1 || to > p->l.nsteps) {
		log_add(&t->log, ROLE_FAIL, "no step %d: steps are 1 to %d", to,
			p->l.nsteps);
		return R_REDRAW;
	}
	flags = play_restart(t);
	if (flags & R_QUIT)
		return flags;
	for (p->step = 1; p->step < to; p->step++) {
		const struct lesson_step *s = current(p);

		for (int i = 0; i < s->n; i++)
			step_line(t, s->first + i, true);
	}
	p->step = to - 1;
	if (to > 1)
		log_add(&t->log, ROLE_TITLE, "-- replayed steps 1-%d silently%s",
			to - 1, p->mismatches ? " (an expectation failed on the way)" :
			"");
	begin_step(t);		/* then step to plays, as Space plays it */
	return R_READ | R_REDRAW;
}
