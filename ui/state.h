/* SPDX-License-Identifier: GPL-2.0-or-later */
/* state.h - the TUI's state: everything a frame is drawn from, changed
 * only by the loop and what it calls (actions, prompts, timers, results),
 * never by drawing. Not seen outside ui/. */
#ifndef SOCKSTAGE_UI_STATE_H
#define SOCKSTAGE_UI_STATE_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>

#include "ask.h"
#include "detail.h"
#include "kernel.h"
#include "keyshow.h"
#include "layout.h"
#include "log.h"
#include "logview.h"
#include "play.h"
#include "runner.h"
#include "stage.h"
#include "track.h"
#include "tui.h"
#include "why.h"
#include "wireview.h"

/* The kernel rows behind the last failure: those its explanation named
 * (by cookie), or else those whose address overlaps what it asked for. */
struct cause_mark {
	bool active;
	int proto;
	bool v6only;
	struct sockaddr_storage addr;
	uint64_t self;		/* the failing socket's cookie: never a cause */
	uint64_t rows[RESULT_WHY_ROWS];
	int nrows;
};

/* "wait SOCK STATE [TIMEOUT]" typed at the ':' line: the screen stays
 * live while the kernel is looked at every 100 ms. */
struct live_wait {
	bool on;
	char line[256];		/* the line, run for its result at the end */
	long long until_ms;	/* give up then */
	long long next_ms;	/* look again then */
};

/* Keys that came while a call waited for a worker, handled after it. */
#define KEYQ_MAX 64
struct queued_key {
	bool is_key;
	unsigned key;
};
struct keyq {
	struct queued_key k[KEYQ_MAX];
	int n;
};

/* The sockets the last command, or the lesson step under way, acted on
 * (indexes into st.socks): their kernel rows stay in sight. */
#define TOUCHED_MAX 16
struct touched {
	int sock[TOUCHED_MAX];
	int n;
};

struct export;

struct tui {
	struct tui_opts opts;
	struct stage st;
	struct track track;
	struct kview kv;		/* the kernel view */
	struct wireview wv;		/* the wire */
	struct log log;
	struct log_view logview;	/* where the log panel is scrolled to */
	bool quit;

	/* the screen: its panels (the loop's list), where they are, which
	 * has the focus */
	const struct panel *const *panels;
	int npanels;
	struct placement placed;	/* as the loop placed them last */
	int focus;			/* index into panels */
	bool help;			/* the help is on screen */
	int help_scroll;
	int sel;			/* selected socket: index into st.socks */
	struct touched touched;
	int psel;			/* selected process: index into st.procs */
	int sel_top, psel_top;		/* the first row of Sockets, Processes
					   as last scrolled (tui_first_row) */

	struct asking ask;			/* a prompt */
	struct cause_mark cause;
	struct why why;			/* recent failures, explained in full */
	struct detail detail;		/* a kernel row's details (Enter) */
	struct play play;		/* the lesson, with --lesson */
	struct live_wait wait;		/* a ':wait SOCK STATE' under way */
	struct keyq keyq;		/* keys read while a call waited */
	long long idle_drawn_ms;	/* the screen drawn during that wait */
	struct keyshow keyshow;		/* --show-keys */
	struct export *export;		/* the session so far, as C (W) */
	struct runner run;		/* runs every line */
	const char *running_line;	/* the line the runner runs now */
	bool running_script;		/* ... a lesson's line, or a look */
	bool running_lesson;		/* ... a lesson's line, shown */
	int export_lineno;
	int script_expect_ms;		/* expect's wait in lesson lines */
	char last_bind[80];		/* default address for bind */
	char last_listen[80];		/* default address for connect */
	char last_unix_bind[120];	/* ... of a UNIX socket: a name */
	char last_unix_listen[120];
	bool dirty;			/* redraw needed */
	bool keyframe;			/* the next frame is drawn whole, into
					   the cast (play_scheduled) */
	/* --stable: when the running lesson step, or the last key's line,
	 * began; rows that changed since are marked, and a socket's
	 * transitions since share a log line */
	long long act_ms;
	worker_idle_fn idle;		/* the loop's, while a call waits */
};

/* The sockets some process holds, into idx (NULL: only count them), at
 * most max; returns how many. */
int tui_live_socks(const struct tui *t, int *idx, int max);
int tui_live_procs(const struct tui *t, int *idx, int max);
/* The selected socket / process moves by delta among the live ones
 * (clamped at the ends). */
void tui_move_sock(struct tui *t, int delta);
/* The socket at index i is gone (closed): select the live socket after
 * it, else the one before it, else none. */
void tui_select_near(struct tui *t, int i);
void tui_move_proc(struct tui *t, int delta);
/* The first of n rows to show on a panel of rows rows, with row at
 * (-1: none) in sight: top, the first row as last scrolled, moved as
 * little as it takes. */
int tui_first_row(int top, int at, int n, int rows);
/* The panel that has the focus, and its box; NULL when none. */
const struct panel *tui_focused(const struct tui *t, const struct box **b);
/* The overlay on screen (help, why, details), and its box; NULL when
 * none. */
const struct panel *tui_overlay(const struct tui *t, const struct box **b);
/* The focus moves to the next (delta 1) or previous (-1) panel that
 * takes it. */
void tui_move_focus(struct tui *t, int delta);

#endif
