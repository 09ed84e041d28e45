/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tui.h - the ncurses front-end. ui/ draws what src/ knows: the stage
 * (sockets, processes, results), the kernel view (sock_diag rows), and a
 * log. This header is what the rest of the program sees of it. */
#ifndef SOCKSTAGE_UI_TUI_H
#define SOCKSTAGE_UI_TUI_H

#include <stdbool.h>

struct capture_file;

struct tui_opts {
	bool sandbox;		/* running in a private namespace */
	int refresh_ms;		/* kernel view refresh period */
	bool no_color;
	bool no_mouse;		/* no mouse: the terminal selects text */
	int theme;		/* enum term_theme (term.h) */
	const char *lesson;	/* a lesson file to play, or NULL */
	bool predict;		/* with lesson: ask before each asserted step */
	bool autoplay;		/* with lesson: it steps by itself ... */
	int pause_ms;		/* ... each step staying for its narration's
				   reading time plus this */
	int wpm;		/* the reading speed, words per minute */
	int hold_ms;		/* then the end stays this long, and the TUI
				   quits; -1: until a key */
	bool stable;		/* what is drawn is the same from run to run:
				   no pids, fixed ephemeral ports, timers by
				   kind; with autoplay and a recording, the
				   cast's times follow the schedule */
	bool show_keys;		/* show the last keys pressed, for a screencast */
	bool force;		/* W may replace a regular file of the user's */
	struct capture_file *pcap;	/* --pcap: every packet (or NULL) */
};

/* Run the TUI until the user quits. Returns the process exit code. */
int tui_main(const struct tui_opts *o);

#endif
