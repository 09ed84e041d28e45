/* SPDX-License-Identifier: GPL-2.0-or-later */
/* panel_bars.c - the header (top line: the program, the namespace, the
 * refresh, the current process, the view) and the key bar (bottom line:
 * the keys of the screen as it is, from the key table; a prompt while one
 * is open; which process a call waits for). */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "action.h"
#include "live.h"
#include "paint.h"
#include "panel.h"
#include "state.h"
#include "util.h"

static void one_row(const struct tui *t, int rows, int cols,
		    struct panel_size *sz)
{
	(void)t;
	(void)rows;
	(void)cols;
	sz->pref = 1;
	sz->prio = -1;		/* before any other */
}

/* The ports in play that fit in room columns, whole, then "+N" for the
 * others. */
static void ports_text(const struct tui *t, int room, char *buf, size_t len)
{
	size_t off = 0;
	char one[16];

	buf[0] = '\0';
	for (int i = 0; i < t->st.nports; i++) {
		int n = snprintf(one, sizeof(one), "%s%u", i ? " " : "",
				 t->st.ports[i]);
		int rest = t->st.nports - i, more = rest > 1 ? 4 + (rest > 9) : 0;

		if ((int)off + n + more > room || off + (size_t)n + 8 > len) {
			snprintf(buf + off, len - off, "%s+%d", i ? " " : "", rest);
			return;
		}
		memcpy(buf + off, one, (size_t)n + 1);
		off += (size_t)n;
	}
}

/* On a busy host the stage's rows are read at every refresh and the
 * rest of the view from dumps the CPU budget paces: how old the dump
 * is, once it is older than two refreshes. */
static void fresh_text(const struct tui *t, char *buf, size_t len)
{
	long long at = t->kv.all ? t->kv.every_ms :
		       t->kv.live ? live_dumped_ms(t->kv.live) : 0;
	long long age = now_ms() - at;

	buf[0] = '\0';
	if (!at || t->kv.paused || t->opts.stable ||
	    age < 2LL * t->opts.refresh_ms)
		return;
	snprintf(buf, len, ", %s read %llds ago", t->kv.all ? "all" : "rest",
		 (age + 500) / 1000);
}

static void header_draw(const struct tui *t, const struct box *b, bool focused)
{
	char buf[512], ports[200] = "", refresh[80], lesson[40] = "";
	int used;

	(void)focused;
	if (t->play.on)
		snprintf(lesson, sizeof(lesson), " | step %d/%d", t->play.step,
			 t->play.l.nsteps);
	if (t->kv.paused)
		snprintf(refresh, sizeof(refresh), "PAUSED (Z)");
	else if (t->kv.interval_ms > t->opts.refresh_ms && !t->opts.stable)
		snprintf(refresh, sizeof(refresh), "refresh %dms, paced to %dms",
			 t->opts.refresh_ms, t->kv.interval_ms);
	else
		snprintf(refresh, sizeof(refresh), "refresh %dms", t->opts.refresh_ms);
	fresh_text(t, refresh + strlen(refresh), sizeof(refresh) - strlen(refresh));
	used = snprintf(buf, sizeof(buf), " sockstage%s | %s | %s | process %s%s | %s",
			lesson, t->opts.sandbox ? "sandbox netns" : "host netns",
			refresh, t->st.procs[t->st.cur].name,
			t->st.procs[t->st.cur].alive ? "" : " (exited: U uses another)",
			t->kv.all ? "all sockets" : "ports in play: ");
	if (!t->kv.all)
		ports_text(t, b->w - used - (t->kv.filter[0] ? 9 : 0), ports,
			   sizeof(ports));
	snprintf(buf + used, sizeof(buf) - (size_t)used, "%s%s",
		 t->kv.all ? "" : (ports[0] ? ports : "none yet"),
		 t->kv.filter[0] ? " | filter" : "");
	paint_field(b->y, b->x, b->w, term_attr(ROLE_HEADER), buf);
}

const struct panel panel_header = {
	.name = "header",
	.region = REG_TOP,
	.size = one_row,
	.draw = header_draw,
};

static void keybar_draw(const struct tui *t, const struct box *b, bool focused)
{
	char bar[512];

	(void)focused;
	if (t->ask.open) {
		move(b->y, b->x);
		clrtoeol();
		prompt_draw(&t->ask.prompt, stdscr, b->y, b->x, b->w);
		return;
	}
	if (t->st.busy_proc >= 0) {	/* drawn while a call waits */
		const struct stage_proc *p = &t->st.procs[t->st.busy_proc];

		char pid[24] = "";

		if (!t->opts.stable)	/* which varies from run to run */
			snprintf(pid, sizeof(pid), " (pid %d)", (int)p->w.pid);
		snprintf(bar, sizeof(bar), " waiting for process '%s'%s to "
			 "answer ...  q quits", p->name, pid);
		paint_field(b->y, b->x, b->w, term_attr(ROLE_KEYBAR), bar);
		return;
	}
	action_bar(t, b->w, bar, sizeof(bar));
	paint_field(b->y, b->x, b->w, term_attr(ROLE_KEYBAR), bar);
}

const struct panel panel_keybar = {
	.name = "keybar",
	.region = REG_BOTTOM,
	.flags = PANEL_REDUCED,
	.size = one_row,
	.draw = keybar_draw,
};
