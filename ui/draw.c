/* SPDX-License-Identifier: GPL-2.0-or-later */
/* draw.c - the screen: header, stage panel, kernel view, log, key bar.
 * Stacked below 160 columns, stage and kernel side by side above. Draws
 * from the state in struct tui only; reads nothing itself. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>
#include <unistd.h>

#include "addr.h"
#include "explain.h"
#include "ui.h"
#include "util.h"
#include "view.h"

#define CHANGED_MS 1200		/* how long a changed row stays marked */

struct box {
	int y, x, h, w;
};

struct layout {
	struct box caption, stage, procs, kernel, log;
	int bar_y;
};

/* ---- small drawing helpers ------------------------------------------------ */

/* Text at (y, x), at most w columns, cut on a character boundary by
 * display width (never by bytes: half a UTF-8 character makes curses draw
 * something wider and the line runs into the next ones); a byte that does
 * not print shows as its escape (text.h). Returns the columns used; *cut
 * (unless NULL) tells whether some of the text did not fit. */
static int put_text_cut(int y, int x, int w, const char *s, bool *cut)
{
	static struct wline l;
	int k, cols = 0;

	wline_decode(&l, s, strlen(s));
	k = wline_fit(&l, 0, w);
	for (int i = 0; i < k; i++)
		cols += l.w[i];
	if (k)
		mvaddnwstr(y, x, l.c, k);
	if (cut)
		*cut = k < l.n;
	return cols;
}

static int put_text(int y, int x, int w, const char *s)
{
	return put_text_cut(y, x, w, s, NULL);
}

/* Text at (y, x), cut or padded with blanks to exactly w columns. */
static void put(int y, int x, int w, int attr, const char *s)
{
	int cols;

	if (w <= 0)
		return;
	attrset(attr);
	cols = put_text(y, x, w, s);
	move(y, x + cols);
	for (int i = cols; i < w; i++)
		addch(' ');
	attrset(A_NORMAL);
}

/* src cut to w columns into dst; a longer one keeps its end (the port)
 * behind a '~'. */
static void fit(char *dst, size_t len, const char *src, int w)
{
	int n = (int)strlen(src);

	if (n <= w || w < 2)
		snprintf(dst, len, "%.*s", w < 0 ? 0 : w, src);
	else
		snprintf(dst, len, "~%s", src + n - (w - 1));
}

static void title(const struct box *b, int y, const char *text)
{
	char buf[256];

	attrset(term_attr(ROLE_TITLE));
	mvhline(y, b->x, ACS_HLINE, b->w);
	snprintf(buf, sizeof(buf), " %s ", text);
	put_text(y, b->x + 1, b->w - 2, buf);
	attrset(A_NORMAL);
}

static int state_role(const struct diag_row *r)
{
	switch (r->state) {
	case KS_LISTEN: return ROLE_ST_LISTEN;
	case KS_ESTABLISHED: return ROLE_ST_ESTAB;
	case KS_TIME_WAIT: return ROLE_ST_TIMEWAIT;
	case KS_SYN_SENT: return ROLE_ST_SYNSENT;
	case KS_CLOSE_WAIT: return ROLE_ST_CLOSEWAIT;
	case KS_CLOSE: return ROLE_ST_PLAIN;
	default: return ROLE_ST_CLOSING;
	}
}

/* ---- layout ------------------------------------------------------------------ */

static void compute_layout(const struct tui *t, int rows, int cols,
			   struct layout *l)
{
	int idx[STAGE_MAX_PROCS], live = tui_live_socks(t, NULL, t->st.nsocks);
	int procs = tui_live_procs(t, idx, STAGE_MAX_PROCS);
	int cap_h = t->play.on ? (rows >= 30 ? 5 : 4) : 0;
	int top = 1 + cap_h;
	int body = rows - 2 - cap_h;	/* between caption and key bar */
	int log_h = rows >= 40 ? 10 : rows >= 30 ? 7 : 5;
	int stage_rows = live < 2 ? 2 : live;
	int procs_h = 1 + (procs < 1 ? 1 : procs > 4 ? 4 : procs);

	l->bar_y = rows - 1;
	l->caption = (struct box){ 1, 0, cap_h, cols };
	l->log = (struct box){ rows - 1 - log_h, 0, log_h, cols };
	body -= log_h;
	if (cols >= WIDE_COLS) {
		l->stage = (struct box){ top, 0, body - procs_h, cols / 2 - 1 };
		l->procs = (struct box){ top + body - procs_h, 0, procs_h, cols / 2 - 1 };
		l->kernel = (struct box){ top, cols / 2, body, cols - cols / 2 };
		return;
	}
	if (stage_rows > (body - procs_h) / 3)
		stage_rows = (body - procs_h) / 3;
	l->stage = (struct box){ top, 0, stage_rows + 2, cols };
	l->procs = (struct box){ l->stage.y + l->stage.h, 0, procs_h, cols };
	l->kernel = (struct box){ l->procs.y + procs_h, 0,
				  body - stage_rows - 2 - procs_h, cols };
}

/* ---- the lesson's caption ------------------------------------------------------ */

/* The narration of the step on screen, wrapped at blanks; when it does
 * not fit, its end (the newest narration) is what shows. */
static void draw_caption(const struct tui *t, const struct box *b)
{
	const struct play *p = &t->play;
	static struct wline l;
	int starts[64], n = 0, at = 0, text_h = b->h - 1;
	char head[256];

	int off = snprintf(head, sizeof(head), "step %d/%d%s", p->step,
			   p->l.nsteps, play_running(p) ? " running" : "");

	if (p->predict)
		off += snprintf(head + off, sizeof(head) - (size_t)off,
				"  score %d/%d", p->right, p->asked);
	snprintf(head + off, sizeof(head) - (size_t)off, " | %s: %s", p->l.name,
		 p->l.title ? p->l.title : "");
	title(b, b->y, head);
	wline_decode(&l, p->caption, strlen(p->caption));
	while (at < l.n && n < (int)ARRAY_LEN(starts)) {
		starts[n++] = at;
		at += wline_row(&l, at, b->w - 2);
		while (at < l.n && l.c[at] == L' ')
			at++;
	}
	attrset(term_attr(p->asking ? ROLE_FAIL : ROLE_TITLE));
	for (int i = n > text_h ? n - text_h : 0, y = b->y + 1; i < n; i++, y++) {
		int end = i + 1 < n ? starts[i + 1] : l.n, k = end - starts[i];

		while (k > 0 && l.c[starts[i] + k - 1] == L' ')
			k--;
		k = wline_fit(&l, starts[i], b->w - 2) < k ?
		    wline_fit(&l, starts[i], b->w - 2) : k;
		mvaddnwstr(y, b->x + 1, l.c + starts[i], k);
	}
	attrset(A_NORMAL);
}

/* ---- header and key bar ----------------------------------------------------- */

static void draw_header(const struct tui *t, int cols)
{
	char buf[512], ports[200] = "", refresh[48], lesson[40] = "";
	size_t off = 0;

	if (t->play.on)
		snprintf(lesson, sizeof(lesson), " | step %d/%d", t->play.step,
			 t->play.l.nsteps);

	for (int i = 0; i < t->st.nports && off < sizeof(ports) - 8; i++)
		off += (size_t)snprintf(ports + off, sizeof(ports) - off, "%s%u",
					i ? " " : "", t->st.ports[i]);
	if (t->paused)
		snprintf(refresh, sizeof(refresh), "PAUSED (Z)");
	else if (t->interval_ms > t->opts.refresh_ms)
		snprintf(refresh, sizeof(refresh), "refresh %dms, paced to %dms",
			 t->opts.refresh_ms, t->interval_ms);
	else
		snprintf(refresh, sizeof(refresh), "refresh %dms", t->opts.refresh_ms);
	snprintf(buf, sizeof(buf), " sockstage%s | %s | %s | process %s%s | %s%s%s",
		 lesson, t->opts.sandbox ? "sandbox netns" : "host netns", refresh,
		 t->st.procs[t->st.cur].name,
		 t->st.procs[t->st.cur].alive ? "" : " (exited: U uses another)",
		 t->all_view ? "all sockets" : "ports in play: ",
		 t->all_view ? "" : (ports[0] ? ports : "none yet"),
		 t->filter[0] ? " | filter" : "");
	put(0, 0, cols, term_attr(ROLE_HEADER), buf);
}

static void draw_keybar(struct tui *t, int y, int cols)
{
	static const char *const items[] = {
		"n new", "b bind", "l listen", "c connect", "a accept", "x close",
		"s send", "e recv", "r/p/v opts", "S/F/E/K procs", ": command",
		"A all",
	};
	static const char *const lesson_items[] = {
		"Space next step", "R restart", "G go to step", ": command",
		"A all",
	};
	static const char *const answer_items[] = {
		"1-9 your answer", "Esc skip the question",
	};
	const char *const *list = t->play.asking ? answer_items :
				  t->play.on ? lesson_items : items;
	size_t nlist = t->play.asking ? ARRAY_LEN(answer_items) :
		       t->play.on ? ARRAY_LEN(lesson_items) : ARRAY_LEN(items);
	const char *always = t->why.n ? "  y why  ? help  q quit" :
			     "  ? help  q quit";
	char bar[512] = "";
	size_t off = 0, room = (size_t)cols > strlen(always) ?
		     (size_t)cols - strlen(always) : 0;

	if (t->prompting) {
		move(y, 0);
		clrtoeol();
		prompt_draw(&t->prompt, stdscr, y, 0, cols);
		return;
	}
	if (t->st.busy_proc >= 0) {	/* drawn while a call waits */
		const struct stage_proc *p = &t->st.procs[t->st.busy_proc];

		snprintf(bar, sizeof(bar), " waiting for process '%s' (pid %d) "
			 "to answer ...  q quits", p->name, (int)p->w.pid);
		put(y, 0, cols, term_attr(ROLE_KEYBAR), bar);
		return;
	}
	for (size_t i = 0; i < nlist; i++) {
		if (off + 2 + strlen(list[i]) > room)
			break;
		off += (size_t)snprintf(bar + off, sizeof(bar) - off, "%s%s",
					off ? "  " : " ", list[i]);
	}
	snprintf(bar + off, sizeof(bar) - off, "%s", always);
	put(y, 0, cols, term_attr(ROLE_KEYBAR), bar);
}

/* ---- the stage panel ------------------------------------------------------------ */

static const char *belief_text(const struct stage_sock *s)
{
	static const char *const names[] = {
		[SB_NEW] = "new", [SB_BOUND] = "bound",
		[SB_LISTENING] = "listen", [SB_CONNECTING] = "connecting",
		[SB_CONNECTED] = "conn", [SB_CLOSED] = "closed",
	};

	if (s->belief == SB_CONNECTED && s->shut_wr && s->shut_rd)
		return "shut-rdwr";
	if (s->belief == SB_CONNECTED && s->shut_wr)
		return "shut-wr";
	if (s->belief == SB_CONNECTED && s->shut_rd)
		return "shut-rd";
	return names[s->belief];
}

/* Fixed slots, so that a badge never moves: "RA    V6   " */
static void badges(const struct stage_sock *s, char *buf, size_t len)
{
	snprintf(buf, len, "%s %s %s %s",
		 s->opts & (1u << OPT_REUSEADDR) ? "RA" : "  ",
		 s->opts & (1u << OPT_REUSEPORT) ? "RP" : "  ",
		 s->opts & (1u << OPT_V6ONLY) ? "V6" : "  ",
		 s->opts & (1u << OPT_LINGER) ? "LG" : "  ");
}

/* One stage socket's cells, and the widths they need. */
enum { C_ID, C_PROC, C_PROTO, C_OPTS, C_LOCAL, C_PEER, C_STATE, C_LAST, C_N };

static void stage_cells(const struct tui *t, const struct stage_sock *s,
			char cells[C_N][64])
{
	snprintf(cells[C_ID], 64, "s%d%s%s", s->id, s->name[0] ? " " : "", s->name);
	stage_holders_text(&t->st, s, ",", cells[C_PROC], 64);
	snprintf(cells[C_PROTO], 64, "%s%c", s->type == SOCK_STREAM ? "tcp" : "udp",
		 s->family == AF_INET6 ? '6' : '4');
	badges(s, cells[C_OPTS], 64);
	str_copy(cells[C_LOCAL], "-", 64);
	str_copy(cells[C_PEER], "-", 64);
	if (s->has_local)
		addr_format_sa((const struct sockaddr *)&s->local, cells[C_LOCAL], 64);
	if (s->has_peer)
		addr_format_sa((const struct sockaddr *)&s->peer, cells[C_PEER], 64);
	str_copy(cells[C_STATE], belief_text(s), 64);
	str_copy(cells[C_LAST], s->last, 64);
}

/* Widths from the cells of every row shown; addresses shrink (keeping
 * their port) when the row does not fit, so that the last result stays in
 * sight. */
static void stage_widths(const struct tui *t, const int *idx, int n, int w,
			 int width[C_N])
{
	static const int min[C_N] = { 6, 4, 4, 11, 5, 4, 5, 4 };
	static const char *const head[C_N] = {
		"ID", "PROC", "P", "OPTS", "LOCAL", "PEER", "STATE", "LAST"
	};
	char cells[C_N][64];
	int total = 0;

	for (int c = 0; c < C_N; c++)
		width[c] = (int)strlen(head[c]) > min[c] ? (int)strlen(head[c]) : min[c];
	for (int i = 0; i < n; i++) {
		stage_cells(t, t->st.socks[idx[i]], cells);
		for (int c = 0; c < C_N; c++)
			if ((int)strlen(cells[c]) > width[c])
				width[c] = (int)strlen(cells[c]);
	}
	width[C_ID] = width[C_ID] > 12 ? 12 : width[C_ID];
	for (int c = 0; c < C_LAST; c++)
		total += width[c] ? width[c] + 1 : 0;
	/* give the last result at least 10 columns: take them from the
	 * addresses, down to 15 each (127.0.0.1:65535 whole) */
	while (total + 10 > w && (width[C_LOCAL] > 15 || width[C_PEER] > 15)) {
		int c = width[C_LOCAL] >= width[C_PEER] ? C_LOCAL : C_PEER;

		width[c]--;
		total--;
	}
	width[C_LAST] = w - total > 0 ? w - total : 0;
}

static void stage_line(const int width[C_N], char cells[C_N][64], char *line,
		       size_t len)
{
	size_t off = 0;
	char cell[80];

	line[0] = '\0';
	for (int c = 0; c < C_N && off < len; c++) {
		if (!width[c])
			continue;
		if (c == C_LOCAL || c == C_PEER)
			fit(cell, sizeof(cell), cells[c], width[c]);
		else
			snprintf(cell, sizeof(cell), "%.*s", width[c], cells[c]);
		off += (size_t)snprintf(line + off, len - off, "%-*s ", width[c], cell);
	}
}

static void draw_stage(const struct tui *t, const struct box *b)
{
	static const char *const head[C_N] = {
		"ID", "PROC", "P", "OPTS", "LOCAL", "PEER", "STATE", "LAST"
	};
	int *idx = xcalloc((size_t)t->st.nsocks, sizeof(*idx));
	int n = tui_live_socks(t, idx, t->st.nsocks), first = 0, rows = b->h - 2;
	int width[C_N], attr;
	char title_text[160], cells[C_N][64], line[512];

	snprintf(title_text, sizeof(title_text), "Sockets (%d)%s", n,
		 t->focus == FOCUS_STAGE ? " *" : "");
	title(b, b->y, title_text);
	stage_widths(t, idx, n, b->w, width);
	for (int c = 0; c < C_N; c++)
		str_copy(cells[c], head[c], sizeof(cells[c]));
	stage_line(width, cells, line, sizeof(line));
	put(b->y + 1, b->x, b->w, term_attr(ROLE_DIM), line);
	if (!n) {
		put(b->y + 2, b->x, b->w, term_attr(ROLE_DIM),
		    "  no sockets yet: press n (new socket) or : (a command)");
		free(idx);
		return;
	}
	for (int i = 0; i < n; i++)
		if (idx[i] == t->sel && i >= rows)
			first = i - rows + 1;	/* keep the selection in sight */
	for (int i = 0; i < rows && first + i < n; i++) {
		stage_cells(t, t->st.socks[idx[first + i]], cells);
		stage_line(width, cells, line, sizeof(line));
		attr = idx[first + i] == t->sel ?
		       term_attr(ROLE_SELECTED) |
		       (t->focus == FOCUS_STAGE ? (int)A_BOLD : 0) : (int)A_NORMAL;
		put(b->y + 2 + i, b->x, b->w, attr, line);
	}
	free(idx);
}

/* ---- the processes ------------------------------------------------------------------ */

static void proc_row(const struct tui *t, int p, int y, const struct box *b)
{
	const struct stage_proc *pr = &t->st.procs[p];
	char socks[160] = "", line[320], uid[24];
	size_t off = 0;
	int attr;

	for (int i = 0; i < t->st.nsocks && off < sizeof(socks) - 8; i++)
		for (int h = 0; h < t->st.socks[i]->nholders; h++)
			if (t->st.socks[i]->holders[h].proc == p)
				off += (size_t)snprintf(socks + off, sizeof(socks) - off,
							"%ss%d", off ? " " : "",
							t->st.socks[i]->id);
	if (pr->uid >= 0)
		snprintf(uid, sizeof(uid), "%ld", pr->uid);
	else
		snprintf(uid, sizeof(uid), "%u", (unsigned)getuid());
	snprintf(line, sizeof(line), "%c %-10.10s pid %-7d uid %-6s holds %s",
		 p == t->st.cur ? '*' : ' ', pr->name, (int)pr->w.pid, uid,
		 socks[0] ? socks : "-");
	attr = p == t->psel && t->focus == FOCUS_PROCS ?
	       term_attr(ROLE_SELECTED) | (int)A_BOLD : (int)A_NORMAL;
	put(y, b->x, b->w, attr, line);
}

static void draw_procs(const struct tui *t, const struct box *b)
{
	int idx[STAGE_MAX_PROCS], n = tui_live_procs(t, idx, STAGE_MAX_PROCS);
	int rows = b->h - 1, first = 0;
	char head[96];

	snprintf(head, sizeof(head), "Processes (%d, * current)%s", n,
		 t->focus == FOCUS_PROCS ? " *" : "");
	title(b, b->y, head);
	if (!n) {
		put(b->y + 1, b->x, b->w, term_attr(ROLE_DIM),
		    "  no process left: press S to spawn one");
		return;
	}
	for (int i = 0; i < n; i++)
		if (idx[i] == t->psel && i >= rows)
			first = i - rows + 1;
	for (int i = 0; i < rows && first + i < n; i++)
		proc_row(t, idx[first + i], b->y + 1 + i, b);
}

/* ---- the kernel view -------------------------------------------------------------- */

static void timer_text(const struct diag_row *r, char *buf, size_t len)
{
	unsigned secs = (r->expires_ms + 999) / 1000;

	switch (r->timer) {
	case DT_TIMEWAIT: snprintf(buf, len, "%us", secs); break;
	case DT_RETRANS: snprintf(buf, len, "rtx %us", secs); break;
	case DT_KEEPALIVE: snprintf(buf, len, "ka %us", secs); break;
	case DT_PROBE: snprintf(buf, len, "probe %us", secs); break;
	default: snprintf(buf, len, "-"); break;
	}
}

static bool row_is_cause(const struct tui *t, const struct diag_row *r)
{
	const struct cause_mark *c = &t->cause;

	if (!c->active || (c->self && r->cookie == c->self))
		return false;
	if (c->nrows) {
		for (int i = 0; i < c->nrows; i++)
			if (c->rows[i] == r->cookie)
				return true;
		return false;
	}
	return explain_overlaps(r, c->proto, (const struct sockaddr *)&c->addr,
				c->v6only);
}

static int row_attr(const struct tui *t, const struct diag_row *r, bool cause)
{
	const struct stage_sock *s = stage_sock_of_row(&t->st, r);
	long long since = track_since(&t->track, r->cookie);

	if (cause)
		return term_attr(ROLE_CAUSE);
	if (since >= 0 && t->last_read_ms - since < CHANGED_MS &&
	    since > 0 && t->track.primed && now_ms() - since < CHANGED_MS)
		return term_attr(ROLE_CHANGED);
	if (s && t->sel >= 0 && t->sel < t->st.nsocks && s == t->st.socks[t->sel])
		return term_attr(ROLE_MINE);
	return (int)A_NORMAL;
}

static void kernel_row(const struct tui *t, const struct diag_row *r, int y,
		       const struct box *b, const char *line, int state_x)
{
	bool cause = row_is_cause(t, r);
	int attr = row_attr(t, r, cause);

	put(y, b->x, b->w, attr, line);
	if (!cause)
		put(y, b->x + state_x, 10, term_attr(state_role(r)) | attr,
		    view_state_name(r));
}

static void format_kernel_row(const struct tui *t, const struct diag_row *r,
			      int aw, char *line, size_t len)
{
	char local[80], peer[80], timer[24], owner[96], lfit[80], pfit[80];

	view_format_local(r, lfit, sizeof(lfit));
	view_format_peer(r, pfit, sizeof(pfit));
	fit(local, sizeof(local), lfit, aw);
	fit(peer, sizeof(peer), pfit, aw);
	timer_text(r, timer, sizeof(timer));
	stage_owner((void *)&t->st, r, owner, sizeof(owner));
	snprintf(line, len, "%c %-3s %-10s %5u %5u %*s %-*s %-6s %s",
		 row_is_cause(t, r) ? '!' : ' ', view_netid(r), view_state_name(r),
		 r->rqueue, r->wqueue, aw, local, aw, peer, timer,
		 owner[0] ? owner : "-");
}

/* As wide as the longest address shown (the first rows tell), so that the
 * owner gets the rest; the fixed columns take 39, the owner at least 11. */
static int address_width(const struct diag_table *tab, int w)
{
	int most = (w - 39 - 11) / 2, aw = 12;
	char buf[80];

	for (size_t i = 0; i < tab->n && i < 500; i++) {
		view_format_local(&tab->rows[i], buf, sizeof(buf));
		aw = (int)strlen(buf) > aw ? (int)strlen(buf) : aw;
		view_format_peer(&tab->rows[i], buf, sizeof(buf));
		aw = (int)strlen(buf) > aw ? (int)strlen(buf) : aw;
	}
	most = most > 30 ? 30 : most < 12 ? 12 : most;
	return aw > most ? most : aw;
}

static void draw_kernel(struct tui *t, const struct box *b)
{
	const struct diag_table *tab = t->all_view ? &t->all : &t->st.table;
	int rows = b->h - 2, shown = 0, matched = 0;
	int aw = address_width(tab, b->w);
	char head[200], line[512];

	snprintf(head, sizeof(head), "Kernel: %s (%zu rows)%s%s%s",
		 t->all_view ? "all sockets" : "ports in play", tab->n,
		 t->filter[0] ? ", filter: " : "", t->filter,
		 t->focus == FOCUS_KERNEL ? " *" : "");
	title(b, b->y, head);
	snprintf(line, sizeof(line), "  %-3s %-10s %5s %5s %*s %-*s %-6s %s",
		 "P", "State", "Recv", "Send", aw, "Local", aw, "Peer", "Timer",
		 "Owner");
	put(b->y + 1, b->x, b->w, term_attr(ROLE_DIM), line);
	if (t->view_err[0]) {
		put(b->y + 2, b->x, b->w, term_attr(ROLE_FAIL), t->view_err);
		return;
	}
	/* two passes: while a failure's cause is marked, its rows come first,
	 * so that they are in sight however small the panel */
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < tab->n; i++) {
			const struct diag_row *r = &tab->rows[i];

			if (t->cause.active && row_is_cause(t, r) != (pass == 0))
				continue;
			if (!t->cause.active && pass == 0)
				break;
			format_kernel_row(t, r, aw, line, sizeof(line));
			if (t->filter[0] && !strstr(line, t->filter))
				continue;
			if (matched++ < t->kscroll || shown >= rows - 1)
				continue;
			kernel_row(t, r, b->y + 2 + shown++, b, line, 6);
		}
	}
	if (t->kscroll > matched - 1)
		t->kscroll = matched > 0 ? matched - 1 : 0;
	if (!matched)
		put(b->y + 2, b->x, b->w, term_attr(ROLE_DIM), t->all_view || t->st.nports ?
		    "  (no socket here)" : "  (no ports in play yet)");
}

/* ---- the log ------------------------------------------------------------------------ */

/* A line that ends in the hint " (y: why)": the hint stays in sight
 * however long the line, which is cut before it (marked '~'). */
static void log_hinted(int y, const struct box *b, const struct log_line *l)
{
	static const char hint[] = " (y: why)";
	int room = b->w - (int)strlen(hint), cols;
	bool cut;

	if (room < 2) {
		put(y, b->x, b->w, term_attr(l->role), l->text);
		return;
	}
	attrset(term_attr(l->role));
	cols = put_text_cut(y, b->x, room, l->text, &cut);
	if (cut) {
		mvhline(y, b->x, ' ', room);
		cols = put_text(y, b->x, room - 1, l->text);
		mvaddstr(y, b->x + cols++, "~");
	}
	attrset(A_NORMAL);
	put(y, b->x + cols, b->w - cols, term_attr(ROLE_TITLE), hint);
}

/* A log line; one that does not fit ends in '~' (the y overlay and a
 * wider terminal show the rest). */
static void log_line_put(int y, const struct box *b, const struct log_line *l)
{
	bool cut = false;
	int cols;

	attrset(term_attr(l->role));
	cols = put_text_cut(y, b->x, b->w, l->text, &cut);
	if (cut && cols > 0) {
		move(y, b->x);
		cols = put_text(y, b->x, b->w - 1, l->text);
		mvaddch(y, b->x + cols, '~');
		cols++;
	}
	for (int i = cols; i < b->w; i++)
		mvaddch(y, b->x + i, ' ');
	attrset(A_NORMAL);
}

static void draw_log(const struct tui *t, const struct box *b)
{
	int lines = b->h - 1, first = t->log.n - lines;

	title(b, b->y, "Log");
	if (first < 0)
		first = 0;
	for (int i = 0; i < lines; i++) {
		const struct log_line *l = log_get(&t->log, first + i);

		if (l && l->why_hint)
			log_hinted(b->y + 1 + i, b, l);
		else if (l)
			log_line_put(b->y + 1 + i, b, l);
		else
			put(b->y + 1 + i, b->x, b->w, A_NORMAL, "");
	}
}

/* ---- the whole screen ------------------------------------------------------------------ */

static void draw_too_small(int rows, int cols)
{
	const char *msg = "terminal too small (need 80x24)";
	int len = (int)strlen(msg);

	erase();
	mvaddnstr(rows / 2, cols > len ? (cols - len) / 2 : 0, msg, cols);
}

void draw_screen(struct tui *t)
{
	struct layout l;
	int rows, cols;

	getmaxyx(stdscr, rows, cols);
	t->dirty = false;
	if (rows < MIN_ROWS || cols < MIN_COLS) {
		draw_too_small(rows, cols);
		refresh();
		return;
	}
	erase();
	if (t->help || t->why.open) {
		if (t->help)
			help_draw(t, rows, cols);
		else
			why_draw(t, rows, cols);
		keyshow_draw(t, rows - 2, cols);
		refresh();
		return;
	}
	compute_layout(t, rows, cols, &l);
	draw_header(t, cols);
	if (t->play.on)
		draw_caption(t, &l.caption);
	draw_stage(t, &l.stage);
	draw_procs(t, &l.procs);
	draw_kernel(t, &l.kernel);
	draw_log(t, &l.log);
	draw_keybar(t, l.bar_y, cols);
	keyshow_draw(t, l.bar_y - 1, cols);
	refresh();
}
