/* draw.c - the screen: header, stage panel, kernel view, log, key bar.
 * Stacked below 160 columns, stage and kernel side by side above. Draws
 * from the state in struct tui only; reads nothing itself. */
#include <curses.h>
#include <stdio.h>
#include <string.h>

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
	struct box stage, kernel, log;
	int bar_y;
};

/* ---- small drawing helpers ------------------------------------------------ */

/* Text at (y, x), cut or padded with blanks to exactly w columns. */
static void put(int y, int x, int w, int attr, const char *s)
{
	int n = (int)strlen(s);

	if (w <= 0)
		return;
	attrset(attr);
	mvaddnstr(y, x, s, n < w ? n : w);
	for (int i = n; i < w; i++)
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
	mvaddnstr(y, b->x + 1, buf, b->w - 2 > 0 ? b->w - 2 : 0);
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
	int idx[64], live = tui_live_socks(t, idx, 64);
	int body = rows - 2;	/* between header and key bar */
	int log_h = rows >= 40 ? 10 : rows >= 30 ? 7 : 5;
	int stage_rows = live < 2 ? 2 : live;

	l->bar_y = rows - 1;
	l->log = (struct box){ rows - 1 - log_h, 0, log_h, cols };
	body -= log_h;
	if (cols >= WIDE_COLS) {
		l->stage = (struct box){ 1, 0, body, cols / 2 - 1 };
		l->kernel = (struct box){ 1, cols / 2, body, cols - cols / 2 };
		return;
	}
	if (stage_rows > body / 3)
		stage_rows = body / 3;
	l->stage = (struct box){ 1, 0, stage_rows + 2, cols };
	l->kernel = (struct box){ 1 + stage_rows + 2, 0,
				  body - stage_rows - 2, cols };
}

/* ---- header and key bar ----------------------------------------------------- */

static void draw_header(const struct tui *t, int cols)
{
	char buf[512], ports[200] = "", refresh[32];
	size_t off = 0;

	for (int i = 0; i < t->st.nports && off < sizeof(ports) - 8; i++)
		off += (size_t)snprintf(ports + off, sizeof(ports) - off, "%s%u",
					i ? " " : "", t->st.ports[i]);
	if (t->paused)
		snprintf(refresh, sizeof(refresh), "PAUSED (Z)");
	else
		snprintf(refresh, sizeof(refresh), "refresh %dms", t->opts.refresh_ms);
	snprintf(buf, sizeof(buf), " sockstage | %s | %s | process %s | %s%s%s",
		 t->opts.sandbox ? "sandbox netns" : "host netns", refresh,
		 t->st.procs[t->st.cur].name,
		 t->all_view ? "all sockets" : "ports in play: ",
		 t->all_view ? "" : (ports[0] ? ports : "none yet"),
		 t->filter[0] ? " | filter" : "");
	put(0, 0, cols, term_attr(ROLE_HEADER), buf);
}

static void draw_keybar(struct tui *t, int y, int cols)
{
	if (t->prompting) {
		move(y, 0);
		clrtoeol();
		prompt_draw(&t->prompt, stdscr, y, 0, cols);
		return;
	}
	put(y, 0, cols, term_attr(ROLE_KEYBAR),
	    " n new  b bind  l listen  c connect  a accept  s send  e recv  "
	    "x close  r/p/v options  : command  A all  ? help  q quit");
}

/* ---- the stage panel ------------------------------------------------------------ */

static const char *belief_text(const struct stage_sock *s)
{
	static const char *const names[] = {
		[SB_NEW] = "created", [SB_BOUND] = "bound",
		[SB_LISTENING] = "listening", [SB_CONNECTING] = "connecting",
		[SB_CONNECTED] = "connected", [SB_CLOSED] = "closed",
	};

	if (s->belief == SB_CONNECTED && s->shut_wr && s->shut_rd)
		return "shut rdwr";
	if (s->belief == SB_CONNECTED && s->shut_wr)
		return "shut wr";
	if (s->belief == SB_CONNECTED && s->shut_rd)
		return "shut rd";
	return names[s->belief];
}

static void badges(const struct stage_sock *s, char *buf, size_t len)
{
	snprintf(buf, len, "%s %s %s %s",
		 s->opts & (1u << OPT_REUSEADDR) ? "RA" : "  ",
		 s->opts & (1u << OPT_REUSEPORT) ? "RP" : "  ",
		 s->opts & (1u << OPT_V6ONLY) ? "V6" : "  ",
		 s->opts & (1u << OPT_LINGER) ? "LG" : "  ");
}

static void holder_names(const struct tui *t, const struct stage_sock *s,
			 char *buf, size_t len)
{
	size_t off = 0;

	buf[0] = '\0';
	for (int i = 0; i < s->nholders && off < len; i++)
		off += (size_t)snprintf(buf + off, len - off, "%s%s", i ? "," : "",
					t->st.procs[s->holders[i].proc].name);
}

static void stage_row(const struct tui *t, const struct stage_sock *s, int y,
		      const struct box *b)
{
	char id[40], procs[64], badge[16], local[64] = "-", peer[64] = "-";
	char line[512], lfit[64], pfit[64];
	int aw = (b->w - 46) / 2, attr;

	if (aw < 12)
		aw = 12;
	if (aw > 26)
		aw = 26;
	snprintf(id, sizeof(id), "s%d %s", s->id, s->name);
	holder_names(t, s, procs, sizeof(procs));
	badges(s, badge, sizeof(badge));
	if (s->has_local)
		addr_format_sa((const struct sockaddr *)&s->local, local, sizeof(local));
	if (s->has_peer)
		addr_format_sa((const struct sockaddr *)&s->peer, peer, sizeof(peer));
	fit(lfit, sizeof(lfit), local, aw);
	fit(pfit, sizeof(pfit), peer, aw);
	snprintf(line, sizeof(line), "%-9.9s %-7.7s %s%c %s %-*s %-*s %-10s %s",
		 id, procs, s->type == SOCK_STREAM ? "tcp" : "udp",
		 s->family == AF_INET6 ? '6' : '4', badge, aw, lfit, aw, pfit,
		 belief_text(s), s->last);
	attr = s - t->st.socks == t->sel ?
	       term_attr(ROLE_SELECTED) | (t->focus == FOCUS_STAGE ? (int)A_BOLD : 0) :
	       (int)A_NORMAL;
	put(y, b->x, b->w, attr, line);
}

static void draw_stage(const struct tui *t, const struct box *b)
{
	int idx[256], n = tui_live_socks(t, idx, 256), first = 0, rows = b->h - 2;
	char head[160];

	snprintf(head, sizeof(head), "Sockets (%d)%s", n,
		 t->focus == FOCUS_STAGE ? " *" : "");
	title(b, b->y, head);
	put(b->y + 1, b->x, b->w, term_attr(ROLE_DIM),
	    "ID        PROC    P    RA RP V6 LG LOCAL / PEER / BELIEF / LAST");
	if (!n) {
		put(b->y + 2, b->x, b->w, term_attr(ROLE_DIM),
		    "  no sockets yet: press n (new socket) or : (a command)");
		return;
	}
	for (int i = 0; i < n; i++)
		if (idx[i] == t->sel && i >= rows)
			first = i - rows + 1;	/* keep the selection in sight */
	for (int i = 0; i < rows && first + i < n; i++)
		stage_row(t, &t->st.socks[idx[first + i]], b->y + 2 + i, b);
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
	return t->cause.active &&
	       explain_overlaps(r, t->cause.proto,
				(const struct sockaddr *)&t->cause.addr,
				t->cause.v6only);
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
	if (s && s - t->st.socks == t->sel)
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
	snprintf(line, len, "%c %-3s %-10s %6u %6u %*s %-*s %-6s %s",
		 row_is_cause(t, r) ? '!' : ' ', view_netid(r), view_state_name(r),
		 r->rqueue, r->wqueue, aw, local, aw, peer, timer,
		 owner[0] ? owner : "-");
}

static void draw_kernel(struct tui *t, const struct box *b)
{
	const struct diag_table *tab = t->all_view ? &t->all : &t->st.table;
	int rows = b->h - 2, shown = 0, matched = 0;
	int aw = (b->w - 46) / 2;
	char head[200], line[512];

	aw = aw < 14 ? 14 : aw > 30 ? 30 : aw;
	snprintf(head, sizeof(head), "Kernel: %s (%zu rows)%s%s%s",
		 t->all_view ? "all sockets" : "ports in play", tab->n,
		 t->filter[0] ? ", filter: " : "", t->filter,
		 t->focus == FOCUS_KERNEL ? " *" : "");
	title(b, b->y, head);
	snprintf(line, sizeof(line), "  %-3s %-10s %6s %6s %*s %-*s %-6s %s",
		 "P", "State", "Recv-Q", "Send-Q", aw, "Local", aw, "Peer", "Timer",
		 "Owner");
	put(b->y + 1, b->x, b->w, term_attr(ROLE_DIM), line);
	if (t->view_err[0]) {
		put(b->y + 2, b->x, b->w, term_attr(ROLE_FAIL), t->view_err);
		return;
	}
	for (size_t i = 0; i < tab->n; i++) {
		format_kernel_row(t, &tab->rows[i], aw, line, sizeof(line));
		if (t->filter[0] && !strstr(line, t->filter))
			continue;
		if (matched++ < t->kscroll || shown >= rows - 1)
			continue;
		kernel_row(t, &tab->rows[i], b->y + 2 + shown++, b, line, 6);
	}
	if (t->kscroll > matched - 1)
		t->kscroll = matched > 0 ? matched - 1 : 0;
	if (!matched)
		put(b->y + 2, b->x, b->w, term_attr(ROLE_DIM), t->all_view || t->st.nports ?
		    "  (no socket here)" : "  (no ports in play yet)");
}

/* ---- the log ------------------------------------------------------------------------ */

static void draw_log(const struct tui *t, const struct box *b)
{
	int lines = b->h - 1, first = t->log.n - lines;

	title(b, b->y, "Log");
	if (first < 0)
		first = 0;
	for (int i = 0; i < lines; i++) {
		const struct log_line *l = log_get(&t->log, first + i);

		put(b->y + 1 + i, b->x, b->w, l ? term_attr(l->role) : (int)A_NORMAL,
		    l ? l->text : "");
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
	if (t->help) {
		help_draw(t, rows, cols);
		refresh();
		return;
	}
	compute_layout(t, rows, cols, &l);
	draw_header(t, cols);
	draw_stage(t, &l.stage);
	draw_kernel(t, &l.kernel);
	draw_log(t, &l.log);
	draw_keybar(t, l.bar_y, cols);
	refresh();
}
