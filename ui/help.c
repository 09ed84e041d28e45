/* SPDX-License-Identifier: GPL-2.0-or-later */
/* help.c - the help screen: every key (the key lines come from the key
 * table, action.c), then every command of the language with its usage,
 * scrollable. */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "action.h"
#include "command.h"
#include "help.h"
#include "panel.h"
#include "state.h"
#include "util.h"

/* The help: these lines, where a line is NULL the key lines of a keymap
 * (from the key table, action.c), in the order of keymaps[]; then every
 * command with its usage. */
static const char *const text[] = {
	"sockstage help  (Escape, q or ? closes; Up/Down/PgUp/PgDn scroll)",
	"",
	"Keys: each opens a prompt whose default makes Enter enough",
	NULL,
	"",
	"The kernel view: rows read from the kernel (sock_diag) on the ports in",
	"play, a few times a second and right after every action. Owner: the stage",
	"socket (s1), or 'was s2' for what a closed socket left behind (TIME-WAIT).",
	"A row marked ! overlaps the address of the call that just failed: the",
	"likely cause. A row that just changed state is highlighted, and the log",
	"shows transitions such as  s2: ESTAB -> FIN-WAIT-2 -> TIME-WAIT.",
	"",
	"The why overlay (y): the failed call, then its notes under means / why /",
	"try, wrapped to the width. The last 16 failures are kept.",
	NULL,
	"",
	"A lesson (--lesson NAME): its narration stands under the header, with",
	"the step counter. Every other key works as usual between steps.",
	NULL,
	NULL,
	"",
	"This help:",
	NULL,
	"",
	"Badges: RA SO_REUSEADDR  RP SO_REUSEPORT  V6 IPV6_V6ONLY  LG SO_LINGER",
	"",
	"Commands (type them after ':'; 'PROC: command' runs in another process)",
};

/* the keymap of each NULL in text[], in order */
static const enum keymap keymaps[] = {
	MAP_MAIN, MAP_WHY, MAP_LESSON, MAP_ANSWER, MAP_HELP,
};

static const char *const cmd_help[CMD_COUNT] = {
	[CMD_SOCKET] = "create a socket (default family 4)",
	[CMD_SET] = "setsockopt: reuseaddr reuseport v6only nodelay keepalive "
		    "broadcast linger rcvbuf sndbuf ttl multicast-if multicast-loop",
	[CMD_BIND] = "bind to 127.0.0.1, [::1], *, 0.0.0.0, [::], localhost; "
		     "port 0 or none: the kernel picks",
	[CMD_LISTEN] = "listen (default backlog 4096)",
	[CMD_CONNECT] = "connect; the outcome arrives in the log",
	[CMD_ACCEPT] = "accept a connection: a new socket, or EAGAIN",
	[CMD_SEND] = "send TEXT in quotes, or N filler bytes",
	[CMD_SENDTO] = "send a datagram to an address",
	[CMD_RECV] = "receive: shows the data (and the sender, for UDP)",
	[CMD_SHUTDOWN] = "shut down reading, writing or both",
	[CMD_CLOSE] = "close the socket in the current process",
	[CMD_JOIN] = "join an IPv4 multicast group",
	[CMD_LEAVE] = "leave an IPv4 multicast group",
	[CMD_SPAWN] = "a new empty process (as another uid: needs root)",
	[CMD_FORK] = "fork: the child holds the same sockets",
	[CMD_EXIT] = "the process exits; the kernel closes its descriptors",
	[CMD_KILL] = "SIGKILL the process: 'the server crashed'",
	[CMD_USE] = "make PROC the current process",
	[CMD_SHOW] = "(scripts) print the kernel view",
	[CMD_SAY] = "(lessons) narration",
	[CMD_PAUSE] = "(lessons) the end of a step",
	[CMD_WAIT] = "(scripts) wait a while, or for a socket's state",
	[CMD_EXPECT] = "assert that the kernel shows (or not) a state on ADDR:PORT",
	[CMD_TITLE] = "(lessons) the title",
	[CMD_ABOUT] = "(lessons) what the lesson is about",
};

/* The lines of text[] with the keymaps' lines in place of the NULLs. */
static int text_lines(void)
{
	int n = 0, k = 0;

	for (size_t i = 0; i < ARRAY_LEN(text); i++)
		n += text[i] ? 1 : action_help_lines(keymaps[k++]);
	return n;
}

static void text_line(int at, char *buf, size_t len)
{
	int k = 0, n;

	for (size_t i = 0; i < ARRAY_LEN(text); i++) {
		if (text[i]) {
			if (at-- == 0) {
				str_copy(buf, text[i], len);
				return;
			}
			continue;
		}
		n = action_help_lines(keymaps[k]);
		if (at < n) {
			action_help_line(keymaps[k], at, buf, len);
			return;
		}
		at -= n;
		k++;
	}
}

int help_lines(void)
{
	return text_lines() + CMD_COUNT - 1 + 3;
}

void help_line(int i, char *buf, size_t len)
{
	int k = text_lines();

	buf[0] = '\0';
	if (i < k) {
		text_line(i, buf, len);
		return;
	}
	i -= k;
	if (i + 1 < CMD_COUNT) {
		snprintf(buf, len, "  %-44s %s", command_usage((enum cmd_kind)(i + 1)),
			 cmd_help[i + 1] ? cmd_help[i + 1] : "");
		return;
	}
	if (i + 1 == CMD_COUNT + 1)
		str_copy(buf, "Any socket command may end with '=> ok' or '=> ERRNO' "
			 "(an expectation).", len);
}

/* ---- the panel ----------------------------------------------------------------- */

static bool help_shown(const struct tui *t)
{
	return t->help;
}

static void help_draw(const struct tui *t, const struct box *b, bool focused)
{
	char buf[512];

	(void)focused;
	for (int y = 0; y < b->h; y++) {
		help_line(t->help_scroll + y, buf, sizeof(buf));
		attrset(y == 0 && t->help_scroll == 0 ? term_attr(ROLE_HEADER) :
			(int)A_NORMAL);
		mvaddnstr(b->y + y, b->x, buf, b->w);
		attrset(A_NORMAL);
	}
}

/* Up/Down a line, PgUp/PgDn (Space) a page: the last page ends it. */
static unsigned help_scroll(struct tui *t, const struct box *b,
			    enum scroll_by how)
{
	int page = b->h > 4 ? b->h - 4 : 1;

	switch (how) {
	case SCROLL_UP: t->help_scroll--; break;
	case SCROLL_DOWN: t->help_scroll++; break;
	case SCROLL_PGUP: t->help_scroll -= page; break;
	case SCROLL_PGDN: t->help_scroll += page; break;
	case SCROLL_HOME: t->help_scroll = 0; break;
	case SCROLL_END: t->help_scroll = help_lines(); break;
	}
	if (t->help_scroll > help_lines() - page)
		t->help_scroll = help_lines() - page;
	if (t->help_scroll < 0)
		t->help_scroll = 0;
	return R_REDRAW;
}

const struct panel panel_help = {
	.name = "help",
	.region = REG_FULL,
	.shown = help_shown,
	.draw = help_draw,
	.step = help_scroll,
};
