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

int help_lines(void)
{
	return (int)ARRAY_LEN(key_help) + CMD_COUNT - 1 + 3;
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
		snprintf(buf, len, "  %-44s %s", command_usage((enum cmd_kind)(i + 1)),
			 cmd_help[i + 1] ? cmd_help[i + 1] : "");
		return;
	}
	if (i + 1 == CMD_COUNT + 1)
		str_copy(buf, "Any socket command may end with '=> ok' or '=> ERRNO' "
			 "(an expectation).", len);
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
