/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tui.c - the TUI's loop: an fd and timer registry. Sources register the
 * descriptors they want polled and a callback for when those are ready
 * (the terminal, the signal pipe, the workers' channels); timers register
 * when they are next due and a callback (the refresh of the kernel view,
 * a lesson's next line, a live ':wait', the --show-keys row). Callbacks
 * and actions return reaction flags (react.h); the loop acts on them: it
 * runs the line a key made, reads the kernel, places the panels and draws
 * a frame. A new source is one registration. */
#include <curses.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "action.h"
#include "detail.h"
#include "export.h"
#include "draw.h"
#include "kernel.h"
#include "keyshow.h"
#include "layout.h"
#include "mouse.h"
#include "panel.h"
#include "play.h"
#include "record.h"
#include "session.h"
#include "state.h"
#include "text.h"
#include "util.h"

#define MAX_POLL (STAGE_MAX_PROCS + 8)
#define MAX_SOURCES 8
#define MAX_TIMERS 8
#define MAX_WAIT_MS 60000	/* poll never sleeps longer */

/* The screen: the panels in drawing order (layout.h places them). */
static const struct panel *const screen[] = {
	&panel_header, &panel_caption, &panel_stage, &panel_procs,
	&panel_kernel, &panel_hosts, &panel_log, &panel_wire, &panel_keys, &panel_keybar,
	&panel_help, &panel_why, &panel_detail,
};

static struct tui *fatal_tui;

/* ---- the registry ------------------------------------------------------------- */

/* The descriptors of a source into fds (at most max); how many. */
typedef int (*source_fds_fn)(struct tui *t, struct pollfd *fds, int max);
/* Work to do without waiting (poll then does not sleep). */
typedef bool (*source_pending_fn)(const struct tui *t);
/* Its descriptors after poll (their revents), or its pending work. */
typedef unsigned (*source_ready_fn)(struct tui *t, const struct pollfd *fds,
				    int n);
/* When a timer is next due (now_ms), -1 not now; and what it does. */
typedef long long (*timer_due_fn)(const struct tui *t);
typedef unsigned (*timer_fire_fn)(struct tui *t);

struct source {
	int fd;				/* a fixed descriptor, or -1: */
	short events;
	source_fds_fn fds;		/* a set that changes */
	source_pending_fn pending;	/* or NULL */
	source_ready_fn ready;
	int at, n;			/* its slice of the poll set */
};

struct timer {
	timer_due_fn due;
	timer_fire_fn fire;
};

static struct {
	struct source src[MAX_SOURCES];
	int nsrc;
	struct timer tm[MAX_TIMERS];
	int ntm;
} reg;

static void register_fd(int fd, short events, source_pending_fn pending,
			source_ready_fn ready)
{
	if (reg.nsrc < MAX_SOURCES)
		reg.src[reg.nsrc++] = (struct source){ .fd = fd, .events = events,
						       .pending = pending,
						       .ready = ready };
}

static void register_fds(source_fds_fn fds, source_pending_fn pending,
			 source_ready_fn ready)
{
	if (reg.nsrc < MAX_SOURCES)
		reg.src[reg.nsrc++] = (struct source){ .fd = -1, .fds = fds,
						       .pending = pending,
						       .ready = ready };
}

static void register_timer(timer_due_fn due, timer_fire_fn fire)
{
	if (reg.ntm < MAX_TIMERS)
		reg.tm[reg.ntm++] = (struct timer){ due, fire };
}

/* ---- reactions and frames --------------------------------------------------- */

/* Place the panels for the screen as it is; a panel whose box changed
 * fits what it keeps to the new one (before anything is drawn). */
static void place_panels(struct tui *t)
{
	struct placement old = t->placed;
	int rows, cols;

	getmaxyx(stdscr, rows, cols);
	layout_place(t->panels, t->npanels, t, rows, cols, &t->placed);
	for (int i = 0; i < t->placed.n; i++) {
		const struct box *a = &old.box[i], *b = &t->placed.box[i];

		if (t->panels[i]->fit && t->placed.on[i] &&
		    (!old.on[i] || old.rows != rows || old.cols != cols ||
		     a->y != b->y || a->x != b->x || a->h != b->h || a->w != b->w))
			t->panels[i]->fit(t, b);
	}
}

static void frame(struct tui *t)
{
	place_panels(t);
	t->dirty = false;
	draw_frame(t);
}

/* A frame of a cast recorded on schedule (play_scheduled): drawn whole
 * (it does not depend on what the terminal showed before), all of it one
 * event at the schedule's time. */
static void keyframe(struct tui *t)
{
	t->keyframe = false;
	place_panels(t);
	t->dirty = false;
	rec_frame_begin();
	clearok(curscr, TRUE);
	draw_frame(t);
	rec_frame_end();
}

static void react(struct tui *t, unsigned flags, const char *line)
{
	if ((flags & R_RUN) && line)
		tui_run_line(t, line);
	if (flags & R_ROWS)
		kv_rows(t);
	if (flags & R_READ) {
		tui_read_kernel(t);
		detail_refresh(t);
	}
	if (flags & R_REPAINT)
		clearok(curscr, TRUE);
	if (flags & R_QUIT)
		t->quit = true;
	if (flags & (R_REDRAW | R_RUN | R_ROWS | R_READ | R_REPAINT))
		t->dirty = true;
}

/* ---- the terminal: keys ---------------------------------------------------------- */

/* A mouse event: read at once (ncurses keeps only the last ones). */
static void handle_mouse(struct tui *t)
{
	struct act a = { .t = t };
	MEVENT ev;

	if (getmouse(&ev) != OK || t->opts.no_mouse)
		return;
	react(t, mouse_event(&a, ev.y, ev.x, ev.bstate), a.line);
}

static void handle_key(struct tui *t, bool is_key, unsigned key)
{
	struct act a = { .t = t, .is_key = is_key, .key = key };

	t->dirty = true;
	if (is_key && key == KEY_RESIZE)
		return;		/* the next frame is placed for the new size */
	if (is_key && key == KEY_MOUSE) {
		handle_mouse(t);
		return;
	}
	keyshow_add(t, is_key, key);
	react(t, action_key(&a), a.line);
}

static unsigned read_keys(struct tui *t)
{
	wint_t ch;
	int rc;

	while (t->keyq.n && !t->quit) {
		bool is_key = t->keyq.k[0].is_key;
		unsigned key = t->keyq.k[0].key;

		memmove(t->keyq.k, t->keyq.k + 1, (size_t)--t->keyq.n *
			sizeof(t->keyq.k[0]));
		handle_key(t, is_key, key);
	}
	while (!t->quit && (rc = get_wch(&ch)) != ERR)
		handle_key(t, rc == KEY_CODE_YES, (unsigned)ch);
	return 0;
}

static bool keys_queued(const struct tui *t)
{
	return t->keyq.n > 0;
}

static unsigned terminal_ready(struct tui *t, const struct pollfd *fds, int n)
{
	if (n && (fds[0].revents & (POLLHUP | POLLERR)))
		return R_QUIT;
	return read_keys(t);
}

/* The self-pipe of term.c: a termination signal, or SIGWINCH (then
 * KEY_RESIZE waits among the keys). */
static unsigned signal_ready(struct tui *t, const struct pollfd *fds, int n)
{
	(void)fds;
	(void)n;
	term_signal_drain();
	if (term_quit_requested() == SIGINT && t->ask.open) {
		/* Ctrl-C in a prompt cancels the prompt */
		term_quit_clear();
		ask_cancel(t);
	} else if (term_quit_requested()) {
		return R_QUIT;
	}
	return read_keys(t) | R_REDRAW;
}

/* ---- the workers ---------------------------------------------------------------------- */

static int worker_fds(struct tui *t, struct pollfd *fds, int max)
{
	return stage_pollfds(&t->st, fds, max);
}

/* Outcomes that came back while a call waited for its own answer. */
static bool worker_news(const struct tui *t)
{
	return stage_has_news(&t->st);
}

static unsigned workers_ready(struct tui *t, const struct pollfd *fds, int n)
{
	(void)fds;
	(void)n;
	tui_poll(t);
	return R_READ;
}

/* While a call waits for a worker (more than 50 ms: a stopped or busy
 * process): the screen is drawn, keys are queued for later (the mouse's
 * clicks are dropped: what they pointed at may be gone); q, F10, or
 * a signal (Ctrl-C, SIGTERM, SIGHUP) give the wait up and quit. */
static bool tui_idle(void *ctx)
{
	struct tui *t = ctx;
	struct pollfd pfd = { .fd = term_signal_fd(), .events = POLLIN };
	wint_t ch;
	int rc;

	if (pfd.fd >= 0 && poll(&pfd, 1, 0) > 0) {
		term_signal_drain();
		if (term_quit_requested())
			t->quit = true;
	}
	while (!t->quit && t->keyq.n < KEYQ_MAX && (rc = get_wch(&ch)) != ERR) {
		bool is_key = rc == KEY_CODE_YES;

		if (is_key && ch == KEY_MOUSE) {
			MEVENT ev;

			getmouse(&ev);	/* not while a call waits */
		} else if (!t->help && !t->why.open && !t->detail.open &&
		    ((!is_key && ch == 'q') || (is_key && ch == KEY_F(10)))) {
			t->quit = true;
		} else if ((is_key && ch == KEY_RESIZE) || (!is_key && ch == 0x0c)) {
			if (!is_key)
				clearok(curscr, TRUE);	/* Ctrl-L */
			t->idle_drawn_ms = 0;		/* draw now */
		} else {
			t->keyq.k[t->keyq.n++] = (struct queued_key){ is_key,
								     (unsigned)ch };
		}
	}
	if (t->quit)
		return true;
	if (now_ms() - t->idle_drawn_ms >= 200) {
		t->idle_drawn_ms = now_ms();
		frame(t);
	}
	return false;
}

/* ---- timers ------------------------------------------------------------------------------ */

static long long refresh_due(const struct tui *t)
{
	return kv_due(t);
}

static unsigned refresh_fire(struct tui *t)
{
	(void)t;
	return R_READ;
}

static long long rows_due(const struct tui *t)
{
	return kv_rows_due(t);
}

static unsigned rows_fire(struct tui *t)
{
	kv_rows_more(t);
	return 0;
}

static unsigned wait_fire(struct tui *t)
{
	tui_wait_tick(t);
	return 0;
}

/* ---- the loop ------------------------------------------------------------------------------ */

static void run_timers(struct tui *t)
{
	for (int i = 0; i < reg.ntm && !t->quit; i++) {
		long long due = reg.tm[i].due(t);

		if (due >= 0 && now_ms() >= due)
			react(t, reg.tm[i].fire(t), NULL);
		if (t->keyframe)
			break;	/* drawn as it is: no read in between */
	}
}

/* ms until the first timer is due; -1: none is */
static int poll_wait_ms(const struct tui *t)
{
	long long first = -1, ms;

	for (int i = 0; i < reg.ntm; i++) {
		long long due = reg.tm[i].due(t);

		if (due >= 0 && (first < 0 || due < first))
			first = due;
	}
	if (first < 0)
		return -1;
	ms = first - now_ms();
	return ms < 0 ? 0 : ms > MAX_WAIT_MS ? MAX_WAIT_MS : (int)ms;
}

static void loop(struct tui *t)
{
	struct pollfd fds[MAX_POLL];
	bool pending;
	int n, nfds;

	while (!t->quit) {
		run_timers(t);
		if (t->quit)
			break;
		if (t->keyframe)
			keyframe(t);
		else if (t->dirty)
			frame(t);
		nfds = 0;
		pending = false;
		for (int i = 0; i < reg.nsrc; i++) {
			struct source *s = &reg.src[i];

			s->at = nfds;
			if (s->fd >= 0 && nfds < MAX_POLL) {
				fds[nfds] = (struct pollfd){ .fd = s->fd, .events = s->events };
				s->n = 1;
			} else {
				s->n = s->fds ? s->fds(t, fds + nfds, MAX_POLL - nfds) : 0;
			}
			nfds += s->n;
			pending = pending || (s->pending && s->pending(t));
		}
		n = poll(fds, (nfds_t)nfds, pending ? 0 : poll_wait_ms(t));
		if (n < 0 && errno != EINTR)
			break;
		for (int i = 0; i < reg.nsrc && !t->quit; i++) {
			struct source *s = &reg.src[i];
			bool spoke = s->pending && s->pending(t);

			for (int k = 0; k < s->n && !spoke; k++)
				spoke = n > 0 && fds[s->at + k].revents;
			if (spoke)
				react(t, s->ready(t, fds + s->at, s->n), NULL);
		}
	}
}

static void kill_workers(void)
{
	if (fatal_tui)
		for (int i = 0; i < fatal_tui->st.nprocs; i++)
			if (fatal_tui->st.procs[i].alive)
				kill(fatal_tui->st.procs[i].w.pid, SIGKILL);
}

static void register_all(void)
{
	memset(&reg, 0, sizeof(reg));
	register_fd(term_signal_fd(), POLLIN, NULL, signal_ready);
	register_fds(worker_fds, worker_news, workers_ready);
	register_fds(wv_fds, NULL, wv_ready);
	register_fds(kv_fds, NULL, kv_ready);
	register_fd(0, POLLIN, keys_queued, terminal_ready);
	register_timer(play_due, play_tick);
	register_timer(tui_wait_due, wait_fire);
	register_timer(keyshow_due, keyshow_expire);
	register_timer(refresh_due, refresh_fire);
	register_timer(rows_due, rows_fire);
	register_timer(wv_due, wv_draw);
}

int tui_main(const struct tui_opts *o)
{
	static struct tui t;
	struct term_opts to = { .no_color = o->no_color, .mouse = !o->no_mouse,
				.theme = (enum term_theme)o->theme,
				.relay = &rec_relay };
	char err[200];

	memset(&t, 0, sizeof(t));
	t.opts = *o;
	t.sel = -1;
	t.kv.interval_ms = o->refresh_ms;
	t.panels = screen;
	t.npanels = (int)ARRAY_LEN(screen);
	t.focus = 0;
	tui_move_focus(&t, 1);		/* the first that takes it: Sockets */
	t.idle = tui_idle;
	/* recorded on schedule, the cast holds the frames the lesson marks,
	 * each drawn whole (and never cut short by a key waiting) */
	if (o->lesson && o->autoplay && o->stable && rec_on())
		rec_schedule();
	/* the terminal first: the workers then write their stderr into the
	 * capture, not over the screen */
	if (term_start(&to) < 0)
		return 2;
	if (o->lesson && o->autoplay && o->stable && rec_on())
		typeahead(-1);
	if (o->lesson && play_start(&t, o->lesson, err, sizeof(err)) < 0) {
		term_end();
		text_fprintf(stderr, "sockstage: --lesson: %s\n", err);
		return 2;
	}
	t.play.predict = o->predict;
	/* --stable draws the same each run; what crosses the wire depends
	   on the kernel's timers (a delayed ACK goes alone, or with the FIN
	   that follows it): the Wire panel waits for T or show wire */
	t.wv.shown = !o->stable;
	if (tui_stage_start(&t, err, sizeof(err)) < 0) {
		term_end();
		play_free(&t.play);
		text_fprintf(stderr, "sockstage: cannot start the stage: %s\n", err);
		return 2;
	}
	fatal_tui = &t;
	term_on_fatal(kill_workers);
	log_add(&t.log, ROLE_DIM, "sockstage %s: press ? for help, : for a command, "
		"n for a new socket", PACKAGE_VERSION);
	if (t.play.on)
		log_add(&t.log, ROLE_TITLE, "-- lesson %s: %s (%d steps): Space "
			"runs the next step", t.play.l.name, t.play.l.title ?
			t.play.l.title : "untitled", t.play.l.nsteps);
	str_copy(t.last_bind, "127.0.0.1:3459", sizeof(t.last_bind));
	register_all();
	place_panels(&t);
	tui_read_kernel(&t);
	loop(&t);
	/* the cast ends on the last frame, held (not on the screen that
	 * leaving curses clears) */
	if (play_scheduled(&t))
		rec_clock(play_end_ms(&t));
	rec_end();
	term_end();
	fatal_tui = NULL;
	runner_free(&t.run);
	stage_free(&t.st);
	track_free(&t.track);
	kv_free(&t.kv);
	ask_free(&t.ask);
	why_free(&t.why);
	log_free(&t.log);
	detail_free(&t.detail);
	play_free(&t.play);
	export_free(t.export);
	return 0;
}
