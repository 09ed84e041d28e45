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
	"Recv-Q: bytes received and not read yet; on a LISTEN row the connections",
	"waiting for accept. In CLOSE-WAIT it is one more than the unread bytes",
	"(1 with none): the peer's FIN takes a sequence number, and Recv-Q counts",
	"it until a recv reaches it (the one that takes the last bytes, or else",
	"the one that returns 0, end of file). Send-Q: bytes not acknowledged yet;",
	"on a LISTEN row the backlog. Timer: tw (TIME-WAIT), fin (FIN-WAIT-2",
	"orphan), rtx (retransmission), ka (keepalive), probe (zero window).",
	"",
	"With the focus (Tab), the kernel view has a cursor (Up/Down) and:",
	NULL,
	"",
	"The details overlay: everything sock_diag says about the row's socket",
	"(ss -tiem): its ends, state, queues, timer, who holds it, tcp_info,",
	"memory, congestion control, each with what it means; looked up again at",
	"every refresh. When the socket has gone it says GONE and keeps the last",
	"values. A TIME-WAIT has no tcp_info: the kernel keeps only a stand-in.",
	NULL,
	"",
	"The log keeps the session: Tab to it, then Up/Down, PgUp/PgDn, Home;",
	"scrolled back it holds still while lines come; End follows again.",
	"",
	"The mouse (off with --no-mouse): a click gives a panel the focus and",
	"selects the socket or process under it; the wheel scrolls the panel",
	"under the pointer; a click on a key of the key bar presses it.",
	"",
	"The why overlay (y): the failed call, then its notes under means / why /",
	"try, wrapped to the width. The last 16 failures are kept.",
	NULL,
	"",
	"A lesson (--lesson NAME): its narration stands under the header, with",
	"the step counter. Every other key works as usual between steps. While",
	"the kernel view has the focus, Enter opens the details of its row under",
	"the cursor; Space still runs the next step.",
	NULL,
	NULL,
	"",
	"This help:",
	NULL,
	"",
	"Commands (type them after ':'; 'PROC: command' runs in another process)",
};

/* the keymap of each NULL in text[], in order */
static const enum keymap keymaps[] = {
	MAP_MAIN, MAP_KERNEL, MAP_DETAIL, MAP_WHY, MAP_LESSON, MAP_ANSWER,
	MAP_HELP,
};

/* "reuseport [on|off]  RP  share the port ... (SO_REUSEPORT)" */
static void option_line(enum sock_opt id, char *buf, size_t len)
{
	const struct sockopt_def *d = sockopt_get(id);
	const char *arg = d->kind == SOV_BOOL ? "[on|off]" :
			  d->kind == SOV_LINGER ? "SECONDS|off" :
			  d->kind == SOV_ADDR4 ? "ADDR" :
			  d->kind == SOV_IFNAME ? "IFNAME|off" : "N";
	char word[48];

	snprintf(word, sizeof(word), "%s %s", d->name, arg);
	snprintf(buf, len, "  %-28s %-2s %s (%s)", word, d->badge ? d->badge : "",
		 d->help, d->cname);
}

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

/* the text, the commands, a blank, the expectation line, a blank,
 * "Options", the options: commands and options from their tables */
int help_lines(void)
{
	return text_lines() + CMD_COUNT - 1 + 4 + OPT_COUNT - 1;
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
		const struct cmd_info *c = command_info((enum cmd_kind)(i + 1));

		snprintf(buf, len, "  %-44s %s", c->usage, c->help);
		return;
	}
	i -= CMD_COUNT - 1;	/* past the commands */
	if (i == 1)
		str_copy(buf, "Any socket command may end with '=> ok' or '=> ERRNO' "
			 "(an expectation).", len);
	else if (i == 3)
		str_copy(buf, "Options of set (badge, what it does):", len);
	else if (i > 3 && i - 3 < OPT_COUNT)
		option_line((enum sock_opt)(i - 3), buf, len);
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
		if ((int)strlen(buf) > b->w && b->w > 1) {
			/* cut: the last column says there is more */
			mvaddnstr(b->y + y, b->x, buf, b->w - 1);
			addch('>');
		} else {
			mvaddnstr(b->y + y, b->x, buf, b->w);
		}
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
