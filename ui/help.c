/* SPDX-License-Identifier: GPL-2.0-or-later */
/* help.c - the help screen: every key, then every command of the
 * language with its usage, scrollable. */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "command.h"
#include "ui.h"
#include "util.h"

static const char *const key_help[] = {
	"sockstage help  (Escape, q or ? closes; Up/Down/PgUp/PgDn scroll)",
	"",
	"Keys: each opens a prompt whose default makes Enter enough",
	"  n        new socket (socket tcp|udp [4|6] [as NAME])",
	"  b        bind the selected socket (default: the last address used)",
	"  l        listen on the selected socket",
	"  c        connect the selected socket (default: the last listener)",
	"  a        accept a connection on the selected listener",
	"  s        send on the selected socket",
	"  e        receive on the selected socket",
	"  w        shutdown the selected socket (rd, wr, rdwr)",
	"  x        close the selected socket",
	"  r        toggle SO_REUSEADDR on the selected socket (badge RA)",
	"  p        toggle SO_REUSEPORT (badge RP)",
	"  v        toggle IPV6_V6ONLY (badge V6)",
	"  o        set any option: OPTION [VALUE] (linger 0, rcvbuf N, ttl N ...)",
	"  S        spawn a process (spawn NAME [uid N [gid G]])",
	"  F        fork the selected process: the child holds the same sockets",
	"  E        the selected process exits: the kernel closes its descriptors",
	"  K        kill the selected process (SIGKILL: 'the server crashed')",
	"  U        use the selected process: later commands run in it",
	"  Up/Down  select a socket (j/k too); in Processes: a process; in the",
	"           kernel view: scroll",
	"  Tab      move the focus: Sockets, Processes, the kernel view",
	"  A        the kernel view: all sockets, or the ports in play",
	"  /        filter the kernel view (rows containing the text)",
	"  Z        pause or resume the live refresh",
	"  :        a command line: any command below (Up/Down history, Tab completes)",
	"  y        why: the last failed call explained in full (its means:, every",
	"           why: row and try: probe; the log shows only the conclusion and",
	"           ends it with (y: why) when there is more)",
	"  W        write the session so far as a C program (libc only: the same",
	"           calls in the same order, real processes; compile and run it)",
	"  ? F1     this help",
	"  Ctrl-L   redraw the screen",
	"  q F10    quit: every worker process and socket is closed",
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
	"  Up/Down j/k, PgUp/PgDn (Space/b), Home/End (g/G)   scroll",
	"  Left/Right [ ]   an older / a newer failure (n/m in the title)",
	"  Esc q y F10      close it    ? F1  this help (Escape comes back to it)",
	"",
	"A lesson (--lesson NAME): its narration stands under the header, with",
	"the step counter. Every other key works as usual between steps.",
	"  Space Enter  run the next step, line by line",
	"  R        restart from the beginning, in a fresh network namespace",
	"  G        go to a step: replays the steps before it silently",
	"  1-9 Esc  with --predict: answer the question (Esc leaves it open)",
	"",
	"Badges: RA SO_REUSEADDR  RP SO_REUSEPORT  V6 IPV6_V6ONLY  LG SO_LINGER",
	"",
	"Commands (type them after ':'; 'PROC: command' runs in another process)",
};

/* key_help, the commands, a blank, the expectation line, a blank,
 * "Options", the options: commands and options from their tables */
int help_lines(void)
{
	return (int)ARRAY_LEN(key_help) + CMD_COUNT - 1 + 4 + OPT_COUNT - 1;
}

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

/* Line i of the help text into buf. */
static void help_line(int i, char *buf, size_t len)
{
	int k = (int)ARRAY_LEN(key_help);

	buf[0] = '\0';
	if (i < k) {
		str_copy(buf, key_help[i], len);
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

void help_draw(struct tui *t, int rows, int cols)
{
	char buf[512];

	for (int y = 0; y < rows; y++) {
		help_line(t->help_scroll + y, buf, sizeof(buf));
		attrset(y == 0 && t->help_scroll == 0 ? term_attr(ROLE_HEADER) :
			(int)A_NORMAL);
		mvaddnstr(y, 0, buf, cols);
		attrset(A_NORMAL);
	}
}
