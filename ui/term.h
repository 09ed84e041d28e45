/* SPDX-License-Identifier: GPL-2.0-or-later */
/* term.h - the terminal: curses start and end, colors and their meaning,
 * and leaving the terminal usable whatever happens (signals, crashes,
 * stderr output while curses owns the screen). */
#ifndef SOCKSTAGE_UI_TERM_H
#define SOCKSTAGE_UI_TERM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* What a color means; term_attr() gives the attribute to draw it with
 * (color pair, or bold/underline/reverse when colors are off). */
enum term_role {
	ROLE_NORMAL,
	ROLE_HEADER,		/* the top line */
	ROLE_KEYBAR,		/* the bottom line */
	ROLE_TITLE,		/* panel titles */
	ROLE_SELECTED,		/* the selected stage socket */
	ROLE_MINE,		/* kernel rows of the selected socket */
	ROLE_CAUSE,		/* kernel rows marked as a failure's cause */
	ROLE_CHANGED,		/* a row that just changed state */
	ROLE_OK,		/* successful result */
	ROLE_FAIL,		/* failed result / error */
	ROLE_DIM,		/* secondary text */
	ROLE_BADGE,		/* option badges */
	ROLE_ST_LISTEN,		/* states */
	ROLE_ST_ESTAB,
	ROLE_ST_TIMEWAIT,
	ROLE_ST_SYNSENT,
	ROLE_ST_CLOSEWAIT,
	ROLE_ST_CLOSING,	/* FIN-WAIT-*, LAST-ACK, CLOSING, SYN-RECV */
	ROLE_ST_PLAIN,		/* BOUND, UNCONN */
	ROLE_COUNT
};

/* Something that stands between curses and the real terminal (--record:
 * a pseudo-terminal whose output a thread copies), told of the
 * terminal's moments. Every member may be NULL. */
struct term_relay {
	/* Before curses starts: *out is the stream curses should write to,
	 * or NULL for standard output. -1: the relay is wanted but cannot
	 * be set up (a message is on stderr): the terminal does not start. */
	int (*open)(FILE **out);
	void (*modes)(void);	/* curses has set its terminal modes */
	void (*end)(void);	/* curses has ended (or did not start) */
	void (*winch)(void);	/* SIGWINCH: async-signal safe */
	void (*fatal)(void);	/* the fatal-signal path: async-signal safe */
};

/* --theme: which colors mean what. */
enum term_theme {
	THEME_DARK,		/* the default: colored text, dim secondary text */
	THEME_LIGHT,		/* colors that read on a light background */
	THEME_PROJECTOR,	/* no dim text; states on high-contrast
				   backgrounds and in bold, for a projector
				   (light or dark) */
	THEME_COUNT
};
/* The theme a word names ("dark", "light", "projector"), or -1. */
int term_theme_parse(const char *name);

struct term_opts {
	bool no_color;		/* --no-color (NO_COLOR is read here too) */
	bool mouse;		/* report clicks and the wheel (KEY_MOUSE);
				   off (--no-mouse): the terminal's own text
				   selection works */
	enum term_theme theme;
	const struct term_relay *relay;	/* or NULL */
};

/* Set the locale, start curses (keypad, no echo, cbreak, no delay for
 * get_wch, ESCDELAY short, the mouse when asked: a press of the first
 * button and the wheel come as KEY_MOUSE; without it a mouse report that
 * comes anyway is read whole and dropped), colors unless NO_COLOR / --no-color / a
 * terminal without colors, and install handlers so that SIGINT, SIGTERM,
 * SIGHUP, SIGQUIT, SIGSEGV, SIGBUS, SIGFPE, SIGILL and SIGABRT restore the
 * terminal (endwin) before the process ends; stderr is captured while
 * curses runs and replayed after term_end. Returns 0, or -1 with a message
 * on stderr (for example: not a terminal). */
int term_start(const struct term_opts *o);
/* Leave curses; print what was written to stderr meanwhile. Idempotent. */
void term_end(void);
/* Write all of buf to fd, through EINTR and short writes; safe in a
 * signal handler. Gives up silently on an error. */
void term_write_all(int fd, const void *buf, size_t n);
/* Attribute for a role. */
int term_attr(enum term_role role);
/* Box-drawing: true when the locale is UTF-8 (use ACS/WACS lines),
 * false for plain ASCII (-, |, +). */
bool term_utf8(void);
/* A termination signal arrived (SIGINT/SIGTERM/SIGHUP): the main loop
 * should quit cleanly. Returns the signal number, or 0. */
int term_quit_requested(void);
/* Forget it (for example: SIGINT while a prompt is open cancels the
 * prompt rather than quitting). */
void term_quit_clear(void);
/* Called from the fatal-signal path before the process dies (for example
 * to kill the workers). At most one. */
void term_on_fatal(void (*fn)(void));
/* A file descriptor that becomes readable when a signal arrives (a self-
 * pipe), for the main loop's poll: a termination signal (see
 * term_quit_requested) or SIGWINCH, after which get_wch returns
 * KEY_RESIZE: read the keys then, even when stdin is not readable. */
int term_signal_fd(void);
/* Drain the signal pipe after poll reported it. */
void term_signal_drain(void);

#endif
