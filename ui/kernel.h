/* SPDX-License-Identifier: GPL-2.0-or-later */
/* kernel.h - the kernel view as the TUI shows it: the tables read
 * (the ports in play, or every socket), the refresh and its pacing, and
 * the rows on show: filtered (the '/' filter), the rows behind the last
 * failure first, in a stable order. Those rows are computed when their
 * inputs change (a read, the filter, the view, the width), never while
 * drawing: a frame formats only the rows it shows. */
#ifndef SOCKSTAGE_UI_KERNEL_H
#define SOCKSTAGE_UI_KERNEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "rowstore.h"
#include "track.h"

struct live;
struct diag_watch;

struct kview {
	bool all;			/* A: every socket, not the ports in play */
	bool paused;			/* Z: no refresh */
	char filter[64];		/* '/': rows whose text has it */
	int scroll;			/* the first of rows[] on screen */
	int cursor;			/* the row of rows[] under the cursor,
					   always on screen (drawn when the
					   view has the focus) */
	uint64_t cursor_cookie;		/* its socket: the cursor stays on it
					   when the rows change */
	int width;			/* the panel's width (the loop's layout) */
	int page;			/* the rows it has for rows[] */
	struct diag_table ports;	/* the ports in play, as last read */
	struct rowstore every;		/* every socket, as last read (A),
					   compactly */
	/* what is shown, made from the above: indexes into the table
	 * shown (kv_row), in order, and the addresses' column width */
	uint32_t *rows;			/* (4 bytes each: a million rows) */
	size_t nrows, caprows;
	bool rows_pending;		/* rows[] not all made yet: the next
					   slice starts at pass rows_pass,
					   row rows_next (kv_rows_more) */
	int rows_pass;
	size_t rows_next;
	long long rows_drawn_ms;	/* the last frame that showed them */
	int slice_ms;			/* a slice's time; 0: the default
					   (tests: -1, 1024 rows a slice) */
	size_t nfirst;			/* rows[] that matter now (the cause,
					   the rows in focus): they come first */
	int aw;
	int nw;				/* the netid column's width */
	long long last_read_ms;
	struct live *live;		/* the ports in play: the stage's rows
					   looked up, the rest dumped when the
					   budget allows (live.h) */
	long long every_ms;		/* every socket (A): last read, 0 not
					   yet; the next read is due at */
	long long every_due_ms;
	bool dumped;			/* the last read dumped (its CPU is
					   paced by its own budget) */
	struct diag_watch *watch;	/* sockets gone, as the kernel frees
					   them; NULL: not open (yet) */
	bool watch_failed;		/* could not be opened: not again */
	bool soon;			/* one on a port in play went: read
					   again soon */
	double read_cost_ms;		/* CPU a read costs (smoothed) */
	int interval_ms;		/* the refresh in effect */
	char err[200];			/* the kernel could not be read */
	int owner_err;			/* /proc could not be read: errno */
	/* --stable, while a lesson step runs: reads log no transition; the
	 * step's end logs what changed from its start (kv_step_end) */
	bool quiet;
	struct track step;		/* the rows as the step began */
};

struct tui;
struct diag_row;

/* Read the kernel view (the stage's ports, or everything with A), follow
 * the rows' states (transitions into the log), pace the refresh, and
 * make the rows shown. */
void tui_read_kernel(struct tui *t);
/* The destroy watch's descriptor (the loop polls it), and what came. */
struct pollfd;
int kv_fds(struct tui *t, struct pollfd *fds, int max);
unsigned kv_ready(struct tui *t, const struct pollfd *fds, int n);
/* When the next read is due (now_ms), -1 paused. */
long long kv_due(const struct tui *t);
/* --stable: a lesson step begins; until kv_step_end, reads log no
 * transition (which quick states a read catches, a FIN-WAIT-1 on its
 * way to FIN-WAIT-2, varies from run to run). */
void kv_step_begin(struct tui *t);
/* --stable: the step's calls are done: read the kernel until it settles
 * (two reads agree), then log each row's change from the step's start
 * (or from when it appeared) to now ("s4: ESTAB -> FIN-WAIT-2"). */
void kv_step_end(struct tui *t);
/* The rows shown again, from the tables as last read: after the filter,
 * the view, the failure's cause or the panel's width changed. A big
 * table is gone through a slice at a time: the first slice now, the
 * next ones by kv_rows_more, one a turn of the loop while kv_rows_due
 * says so (0: now; -1: all done); kv_rows_done_pct says how far. */
void kv_rows(struct tui *t);
void kv_rows_more(struct tui *t);
long long kv_rows_due(const struct tui *t);
int kv_rows_done_pct(const struct tui *t);
/* The first row on screen moves by delta (clamped); INT_MIN: the top.
 * The cursor stays on screen. */
void kv_scroll(struct tui *t, int delta);
/* The cursor moves by delta rows (clamped; INT_MIN: the first row);
 * the view scrolls to keep it on screen. */
void kv_cursor_move(struct tui *t, int delta);
/* The view from its first row, the cursor on it. */
void kv_top(struct tui *t);
/* The row under the cursor (unpacked into buf, or in the table), or
 * NULL (no rows). */
const struct diag_row *kv_cursor_row(const struct tui *t,
				     struct diag_row *buf);
/* How many of rows[] are on screen from the first shown: the page, less
 * the last line when it says how many more are below. */
int kv_visible(const struct kview *kv);
/* A new stage: nothing read yet. */
void kv_reset(struct kview *kv);
void kv_free(struct kview *kv);

/* The table on show (ports in play or every socket): how many rows, and
 * row i (in the table, or unpacked into buf: valid as long as buf). */
size_t kv_count(const struct tui *t);
const struct diag_row *kv_row(const struct tui *t, size_t i,
			      struct diag_row *buf);
/* Row i's host, without unpacking it. */
uint8_t kv_row_host(const struct tui *t, size_t i);
/* The row is one of those the last failure's explanation named, or its
 * address overlaps what the failed call asked for. */
bool kv_is_cause(const struct tui *t, const struct diag_row *r);
/* The row matters now: the current lesson step expects it, or it is the
 * selected socket's, or a socket's the last command or step touched. */
bool kv_is_focus(const struct tui *t, const struct diag_row *r);
struct stage_sock;
/* The row of a stage socket in the last read of the ports in play (by
 * cookie, else by inode), or NULL: the kernel has none for it. */
const struct diag_row *kv_sock_row(const struct tui *t,
				   const struct stage_sock *s);
/* The netid column's width: 3 (tcp), 5 when a UNIX row (u_str) is shown */
int kv_netid_width(const struct tui *t);
/* A row as the panel shows it, addresses aw columns wide. */
void kv_format(const struct tui *t, const struct diag_row *r, int aw,
	       char *line, size_t len);
/* The look of a row's state (term.h's roles). */
int kv_state_role(const struct diag_row *r);
/* A row's timer column: "tw 59s", "rtx 1s", "-"; with kind_only (the
 * seconds vary from run to run) "tw", "rtx". */
void kv_timer_text(const struct diag_row *r, bool kind_only, char *buf,
		   size_t len);

#endif
