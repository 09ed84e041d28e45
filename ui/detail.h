/* SPDX-License-Identifier: GPL-2.0-or-later */
/* detail.h - the details of one kernel row (Enter on the kernel view):
 * everything sock_diag says about its socket (sockinfo.h), looked up
 * again at every read of the kernel while the overlay (panel_detail) is
 * open; when the socket has gone, the last values stay, and say so. */
#ifndef SOCKSTAGE_UI_DETAIL_H
#define SOCKSTAGE_UI_DETAIL_H

#include <stdbool.h>

#include "diag.h"
#include "sockinfo.h"
#include "sockinfo_text.h"

struct detail {
	bool open;		/* the overlay is on screen */
	int scroll;		/* its first row on screen */
	struct diag_row row;	/* the socket: its ends and cookie (the
				   lookup's key), its state as last read */
	struct sockinfo si;	/* as last read */
	bool read;		/* si holds a reading */
	bool gone;		/* the kernel has no such socket any more */
	int reads;		/* lookups made since it opened */
	char err[200];		/* the last lookup failed: why */
	struct si_lines lines;	/* si as lines, made when it is read */
};

struct tui;

/* The overlay on the row under the kernel view's cursor; or the log says
 * there is none. Reaction flags (react.h): a read, which looks it up. */
unsigned detail_open(struct tui *t);
unsigned detail_close(struct tui *t);
/* Look the socket up again (while open, until it has gone), and make
 * its lines; the loop calls it after every read of the kernel. */
void detail_refresh(struct tui *t);
void detail_free(struct detail *d);

#endif
