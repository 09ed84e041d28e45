/* SPDX-License-Identifier: GPL-2.0-or-later */
/* kernel.c - the kernel view's model: reading it (the ports in play, or
 * every socket), following its rows from one read to the next (the log's
 * transitions), pacing the refresh, and the rows on show. The rows on
 * show are computed here, when what they depend on changes: after a
 * read, and when the filter, the view, the failure's cause or the panel's
 * width change. Drawing formats only the rows on screen. */
#include <errno.h>
#include <netinet/in.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "explain.h"
#include "live.h"
#include "rowstore.h"
#include "moves.h"
#include "state.h"
#include "util.h"
#include "view.h"
#include "wire.h"
#include "wrap.h"

#define SETTLE_MS 10		/* kv_step_end: reads this far apart agree ... */
#define SETTLE_READS 50		/* ... within this many reads */
#define READ_BUDGET 0.03	/* share of a core for idle reads */
#define MAX_INTERVAL_MS 5000
#define OWNER_ROWS 200		/* owners are looked up for this many rows */

/* ---- the rows: their text ----------------------------------------------- */

size_t kv_count(const struct tui *t)
{
	return t->kv.all ? t->kv.every.n : t->kv.ports.n;
}

const struct diag_row *kv_row(const struct tui *t, size_t i,
			      struct diag_row *buf)
{
	if (!t->kv.all)
		return &t->kv.ports.rows[i];
	return rowstore_get(&t->kv.every, i, buf);
}

uint8_t kv_row_host(const struct tui *t, size_t i)
{
	return t->kv.all ? rowstore_host(&t->kv.every, i) :
	       t->kv.ports.rows[i].host;
}

static uint64_t row_cookie(const struct tui *t, size_t i)
{
	return t->kv.all ? rowstore_cookie(&t->kv.every, i) :
	       t->kv.ports.rows[i].cookie;
}

bool kv_is_cause(const struct tui *t, const struct diag_row *r)
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

int kv_state_role(const struct diag_row *r)
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

void kv_timer_text(const struct diag_row *r, bool kind_only, char *buf,
		   size_t len)
{
	unsigned secs = (r->expires_ms + 999) / 1000;
	const char *kind;

	switch (r->timer) {
	/* the kernel reports a FIN-WAIT-2 orphan's timer as a TIME-WAIT
	 * one: the label tells them apart */
	case DT_TIMEWAIT: kind = r->state == KS_FIN_WAIT2 ? "fin" : "tw"; break;
	case DT_RETRANS: kind = "rtx"; break;
	case DT_KEEPALIVE: kind = "ka"; break;
	case DT_PROBE: kind = "probe"; break;
	default:
		snprintf(buf, len, "-");
		return;
	}
	if (kind_only)
		snprintf(buf, len, "%s", kind);
	else
		snprintf(buf, len, "%s %us", kind, secs);
}

/* The owner column: stage_owner reads the stage and its owner cache and
 * changes neither (its context is a void * for view_print's sake). */
static void owner_text(const struct tui *t, const struct diag_row *r,
		       char *buf, size_t len)
{
	stage_owner((void *)(uintptr_t)&t->st, r, buf, len);
}

int kv_netid_width(const struct tui *t)
{
	return t->kv.nw ? t->kv.nw : 3;
}

void kv_format(const struct tui *t, const struct diag_row *r, int aw,
	       char *line, size_t len)
{
	char local[80], peer[80], timer[24], owner[96], lfit[80], pfit[80];

	stage_row_ends(&t->st, r, lfit, pfit, sizeof(lfit));
	fit_keep_end(local, sizeof(local), lfit, aw);
	fit_keep_end(peer, sizeof(peer), pfit, aw);
	kv_timer_text(r, t->opts.stable, timer, sizeof(timer));
	owner_text(t, r, owner, sizeof(owner));
	/* u_str is wider than tcp: wider only when a UNIX row is shown */
	snprintf(line, len, "%c %-*s %-10s %5u %5u %*s %-*s %-6s %s",
		 kv_is_cause(t, r) ? '!' : ' ', kv_netid_width(t),
		 view_netid(r), view_state_name(r),
		 r->rqueue, r->wqueue, aw, local, aw, peer, timer,
		 owner[0] ? owner : "-");
}

/* As wide as the longest address shown (the first rows tell), so that the
 * owner gets the rest; the fixed columns take 39, the owner at least 11. */
static int address_width(const struct tui *t, int w)
{
	int most = (w - 39 - 11) / 2, aw = 12;
	struct diag_row tmp;
	char buf[80];

	for (size_t i = 0; i < kv_count(t) && i < 500; i++) {
		const struct diag_row *r = kv_row(t, i, &tmp);

		view_format_local(r, buf, sizeof(buf));
		aw = (int)strlen(buf) > aw ? (int)strlen(buf) : aw;
		view_format_peer(r, buf, sizeof(buf));
		aw = (int)strlen(buf) > aw ? (int)strlen(buf) : aw;
	}
	most = most > 30 ? 30 : most < 12 ? 12 : most;
	return aw > most ? most : aw;
}

const struct diag_row *kv_sock_row(const struct tui *t,
				   const struct stage_sock *s)
{
	const struct kview *kv = &t->kv;

	if (s->cookie)
		return track_row(&t->track, s->cookie);
	for (size_t i = 0; s->inode && i < kv->ports.n; i++)
		if (kv->ports.rows[i].inode == s->inode)
			return &kv->ports.rows[i];
	return NULL;
}

/* ---- the rows on show ---------------------------------------------------- */

static void keep_row(struct kview *kv, size_t i)
{
	if (kv->nrows == kv->caprows) {
		kv->caprows = kv->caprows ? 2 * kv->caprows : 256;
		kv->rows = xrealloc(kv->rows, kv->caprows * sizeof(*kv->rows));
	}
	kv->rows[kv->nrows++] = (uint32_t)i;
}

int kv_visible(const struct kview *kv)
{
	int page = kv->page > 0 ? kv->page : 1;
	long long left = (long long)kv->nrows - kv->scroll;

	if (left <= 0)
		return 0;
	/* more than the page holds: its last line says how many more */
	if (left > page)
		return page > 1 ? page - 1 : 1;
	return (int)left;
}

/* The cursor's socket, kept for when the rows change. */
static void cursor_mark(const struct tui *t, struct kview *kv)
{
	if (kv->cursor >= 0 && (size_t)kv->cursor < kv->nrows &&
	    kv->rows[kv->cursor] < kv_count(t))
		kv->cursor_cookie = row_cookie(t, kv->rows[kv->cursor]);
}

/* The cursor within the rows and on screen. */
static void cursor_in_view(struct tui *t)
{
	struct kview *kv = &t->kv;
	int vis = kv_visible(kv);

	if (kv->cursor < kv->scroll)
		kv->cursor = kv->scroll;
	if (vis > 0 && kv->cursor >= kv->scroll + vis)
		kv->cursor = kv->scroll + vis - 1;
	if ((size_t)kv->cursor >= kv->nrows)
		kv->cursor = kv->nrows ? (int)kv->nrows - 1 : 0;
	cursor_mark(t, kv);
}

/* The first row shown is a row there is (or 0). */
static void scroll_clamp(struct kview *kv, long long at)
{
	long long last = (long long)kv->nrows - (kv->page > 0 ? kv->page : 1);

	/* never past the last row: the panel stays full */
	if (at > last)
		at = last;
	kv->scroll = at < 0 ? 0 : (int)at;
}

void kv_scroll(struct tui *t, int delta)
{
	struct kview *kv = &t->kv;

	scroll_clamp(kv, delta == INT_MIN ? 0 : (long long)kv->scroll + delta);
	cursor_in_view(t);
}

/* The view follows the cursor: the fewest rows of scrolling that show
 * it. Below the rows shown, it becomes the last of them, above the line
 * that says how many more are below (at the end there is no such line:
 * scroll_clamp keeps the panel full). */
static void show_cursor(struct kview *kv)
{
	int page = kv->page > 1 ? kv->page : 1;

	if (kv->cursor < kv->scroll)
		scroll_clamp(kv, kv->cursor);
	else if (kv->cursor >= kv->scroll + kv_visible(kv))
		scroll_clamp(kv, (long long)kv->cursor - (page > 1 ? page - 2 : 0));
}

void kv_cursor_move(struct tui *t, int delta)
{
	struct kview *kv = &t->kv;
	long long at = delta == INT_MIN ? 0 : (long long)kv->cursor + delta;

	if (at >= (long long)kv->nrows)
		at = (long long)kv->nrows - 1;
	kv->cursor = at < 0 ? 0 : (int)at;
	show_cursor(kv);
	cursor_in_view(t);
}

void kv_top(struct tui *t)
{
	t->kv.scroll = 0;
	t->kv.cursor = 0;
	t->kv.cursor_cookie = 0;
}

const struct diag_row *kv_cursor_row(const struct tui *t,
				     struct diag_row *buf)
{
	const struct kview *kv = &t->kv;

	if (kv->cursor < 0 || (size_t)kv->cursor >= kv->nrows ||
	    kv->rows[kv->cursor] >= kv_count(t))
		return NULL;
	return kv_row(t, kv->rows[kv->cursor], buf);
}

/* After the rows changed: the cursor on the row of the same socket if it
 * is still shown, the view following it while the kernel view has the
 * focus (else the view stays where it is: the rows that matter now come
 * first). */
static void cursor_follow(struct tui *t)
{
	struct kview *kv = &t->kv;
	const struct panel *focus = tui_focused(t, NULL);

	for (size_t i = 0; kv->cursor_cookie && i < kv->nrows; i++)
		if (kv->rows[i] < kv_count(t) &&
		    row_cookie(t, kv->rows[i]) == kv->cursor_cookie) {
			kv->cursor = (int)i;
			break;
		}
	scroll_clamp(kv, kv->scroll);
	if ((size_t)kv->cursor >= kv->nrows)
		kv->cursor = kv->nrows ? (int)kv->nrows - 1 : 0;
	if (focus && !strcmp(focus->name, "kernel")) {
		show_cursor(kv);
		cursor_in_view(t);
	}
}

/* A row the current lesson step expects: one of its "expect" lines
 * (not "expect no") names it. */
static bool step_expects(const struct tui *t, const struct diag_row *r)
{
	const struct play *p = &t->play;
	const struct lesson_step *s;

	if (!p->on || p->step < 1 || p->step > p->l.nsteps)
		return false;
	s = &p->l.steps[p->step - 1];
	for (int i = s->first; i < s->first + s->n; i++) {
		const struct command *c = &p->l.lines[i].cmd;

		if (c->kind == CMD_EXPECT && !c->negate &&
		    stage_row_expected(&t->st, r, c))
			return true;
	}
	return false;
}

bool kv_is_focus(const struct tui *t, const struct diag_row *r)
{
	const struct stage_sock *s;

	if (step_expects(t, r))
		return true;
	if (!(s = stage_sock_of_row(&t->st, r)))
		return false;
	if (t->sel >= 0 && t->sel < t->st.nsocks && s == t->st.socks[t->sel])
		return true;
	for (int i = 0; i < t->touched.n; i++)
		if (t->touched.sock[i] < t->st.nsocks &&
		    s == t->st.socks[t->touched.sock[i]])
			return true;
	return false;
}

/* Which pass a row is shown in: the failure's cause first, then the rows
 * in focus (ports in play only), then the rest. */
static int row_pass(const struct tui *t, const struct diag_row *r)
{
	if (t->cause.active && kv_is_cause(t, r))
		return 0;
	if (!t->kv.all && kv_is_focus(t, r))
		return 1;
	return 2;
}

/* In three passes, so that what matters is in sight however small the
 * panel: the rows behind the last failure (marked '!'), the rows in focus
 * (those the lesson step expects, the selected socket's, those the last
 * command or step touched), the others; with a filter, the rows whose
 * text (as drawn) has it.
 *
 * A big table is gone through in slices of ROWS_SLICE_MS, one a turn of
 * the loop (kv_rows_more), so that keys keep their answer within a frame
 * while a filter is tried on a million rows: the rows found so far are
 * shown, and the title says how far it has got. */
#define ROWS_SLICE_MS	8
#define ROWS_CHECK	1024	/* rows between two looks at the clock */
#define ROWS_PROGRESS_MS 250	/* the title's progress, this often */

/* One row of the pass: kept when it belongs to it (and has the filter). */
static void rows_try(struct tui *t, int pass, size_t i, char *line,
		     size_t len)
{
	struct kview *kv = &t->kv;
	struct diag_row tmp;
	const struct diag_row *r = kv_row(t, i, &tmp);

	if (row_pass(t, r) != pass)
		return;
	if (t->st.nhosts > 1 && r->host)
		return;		/* another host's: its own panel */
	if (kv->filter[0]) {
		kv_format(t, r, kv->aw, line, len);
		if (!strstr(line, kv->filter))
			return;
	}
	keep_row(kv, i);
}

/* Whether a pass can keep any row: the cause's needs a failure, and the
 * view of every socket has no rows in focus. */
static bool pass_used(const struct tui *t, int pass)
{
	return !(pass == 0 && !t->cause.active) && !(pass == 1 && t->kv.all);
}

/* On from where the last slice stopped, until the end or the slice's
 * time is up. Returns true at the end. */
static bool rows_slice(struct tui *t, long long until)
{
	struct kview *kv = &t->kv;
	size_t n = kv_count(t);
	char line[512];

	for (; kv->rows_pass < 3; kv->rows_pass++, kv->rows_next = 0) {
		if (!pass_used(t, kv->rows_pass))
			continue;
		if (kv->rows_pass == 2 && kv->rows_next == 0)
			kv->nfirst = kv->nrows;
		while (kv->rows_next < n) {
			rows_try(t, kv->rows_pass, kv->rows_next++, line,
				 sizeof(line));
			if (kv->rows_next % ROWS_CHECK == 0 && now_ms() >= until)
				return false;
		}
	}
	return true;
}

void kv_rows_more(struct tui *t)
{
	struct kview *kv = &t->kv;
	size_t before = kv->nrows;
	long long now = now_ms();

	if (!kv->rows_pending)
		return;
	kv->rows_pending = !rows_slice(t, now + (kv->slice_ms ? kv->slice_ms :
						 ROWS_SLICE_MS));
	/* the cursor back on its socket once every row is known; before,
	   the view stays where it was (its rows may not be found yet) */
	if (!kv->rows_pending)
		cursor_follow(t);
	/* a frame when the rows on screen changed, at the end, and for the
	   title's progress now and then: not one a slice */
	if (!kv->rows_pending || before < (size_t)kv->scroll + (size_t)kv->page + 1 ||
	    now - kv->rows_drawn_ms >= ROWS_PROGRESS_MS) {
		kv->rows_drawn_ms = now;
		t->dirty = true;
	}
}

long long kv_rows_due(const struct tui *t)
{
	return t->kv.rows_pending ? 0 : -1;
}

int kv_rows_done_pct(const struct tui *t)
{
	const struct kview *kv = &t->kv;
	size_t n = kv_count(t);
	int passes = 0, done = 0;

	if (!kv->rows_pending || !n)
		return 100;
	for (int p = 0; p < 3; p++) {
		if (!pass_used(t, p))
			continue;
		passes++;
		if (p < kv->rows_pass)
			done += 100;
		else if (p == kv->rows_pass)
			done += (int)(100.0 * (double)kv->rows_next / (double)n);
	}
	return passes ? done / passes : 100;
}

void kv_rows(struct tui *t)
{
	struct kview *kv = &t->kv;
	size_t n = kv_count(t);

	kv->nrows = 0;
	kv->nfirst = 0;
	kv->aw = address_width(t, kv->width);
	kv->nw = 3;
	for (size_t i = 0; i < n; i++)
		if ((kv->all ? rowstore_family(&kv->every, i) :
		     kv->ports.rows[i].family) == AF_UNIX) {
			kv->nw = 5;
			break;
		}
	kv->rows_pass = 0;
	kv->rows_next = 0;
	kv->rows_pending = true;
	kv_rows_more(t);
}

void kv_reset(struct kview *kv)
{
	kv->quiet = false;
	track_reset(&kv->step);
	rowstore_free(&kv->every);
	kv->every_ms = kv->every_due_ms = 0;
	kv->rows_pending = false;
	live_free(kv->live);
	kv->live = NULL;
	kv->ports.n = 0;
	kv->nrows = 0;
	kv->scroll = 0;
	kv->cursor = 0;
	kv->cursor_cookie = 0;
}

void kv_free(struct kview *kv)
{
	track_free(&kv->step);
	live_free(kv->live);
	kv->live = NULL;
	diag_watch_close(kv->watch);
	kv->watch = NULL;
	rowstore_free(&kv->every);
	diag_table_free(&kv->ports);
	free(kv->rows);
	kv->rows = NULL;
	kv->nrows = kv->caprows = 0;
}

/* ---- reading ------------------------------------------------------------------ */

static const char *state_text(uint8_t proto, int state)
{
	struct diag_row r = { .proto = proto, .state = (uint8_t)state };

	return view_state_name(&r);
}

/* With the wire watched, a transition its segments told is in the log
 * already; one they do not explain had none (a timer, a listener's
 * close). Without it, the kernel's transitions go in as they are. */
static const char *kernel_cause(const struct tui *t, const struct track_event *ev,
				bool *told)
{
	const struct diag_row *r = ev->row;
	int model, now = ev->to < 0 ? KS_CLOSE : ev->to;

	*told = false;
	if (!t->st.wire)
		return NULL;
	model = r->proto == IPPROTO_TCP ?
		wire_end_state(t->st.wire, r->family, &r->src, r->sport, &r->dst,
			       r->dport) : -1;
	/* the segments told it, or have moved it on already: the read
	   caught the socket before TCP took the segment (its lock held) */
	/* a held socket whose connection went to TIME-WAIT stays as a CLOSE
	   row beside the TIME-WAIT's */
	*told = model == now || (model == KS_TIME_WAIT && now == KS_CLOSE) ||
		(r->proto == IPPROTO_TCP &&
		 wire_end_went(t->st.wire, r->family, &r->src, r->sport, &r->dst,
			       r->dport, now));
	return ev->from == KS_TIME_WAIT && ev->to < 0 ?
	       "no segment: the TIME-WAIT timer" : "no segment";
}

static void log_transition(struct tui *t, const struct track_event *ev)
{
	const struct stage_sock *s = stage_sock_of_row(&t->st, ev->row);
	const char *to = ev->to < 0 ? "(gone)" : state_text(ev->row->proto, ev->to);
	const char *from = state_text(ev->row->proto, ev->from);
	char who[200], local[80], peer[80];
	bool told;
	const char *cause = kernel_cause(t, ev, &told);

	if (told)
		return;
	if (s) {
		snprintf(who, sizeof(who), "s%d", s->id);
	} else {
		stage_row_ends(&t->st, ev->row, local, peer, sizeof(local));
		snprintf(who, sizeof(who), "%s %s %s", view_netid(ev->row), local,
			 peer);
	}
	moves_log(t, s ? s->id : 0, who, from, to, cause);
}

static double cpu_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1000 + (double)ts.tv_nsec / 1e6;
}

/* Reading the kernel may cost at most READ_BUDGET of a core while idle:
 * with a huge table (100,000 TIME-WAIT sockets: the kernel walks them all,
 * even with a port filter) the refresh slows down instead. */
static void pace_refresh(struct tui *t, double cost)
{
	struct kview *kv = &t->kv;
	int need;

	kv->read_cost_ms = kv->read_cost_ms ? 0.7 * kv->read_cost_ms + 0.3 * cost :
			   cost;
	need = (int)(kv->read_cost_ms / READ_BUDGET);
	kv->interval_ms = need > t->opts.refresh_ms ? need : t->opts.refresh_ms;
	if (kv->interval_ms > MAX_INTERVAL_MS)
		kv->interval_ms = MAX_INTERVAL_MS;
}

/* UNIX rows: by name, then the stage's sockets by number, then inode */
static int unix_order(const struct diag_row *x, const struct diag_row *y,
		      void *stage)
{
	const struct stage_sock *sx = stage_sock_of_row(stage, x);
	const struct stage_sock *sy = stage_sock_of_row(stage, y);
	int c = memcmp(x->name, y->name, x->namelen < y->namelen ? x->namelen :
		       y->namelen);

	if (c || x->namelen != y->namelen)
		return c ? c : x->namelen - y->namelen;
	if (sx && sy && sx->id != sy->id)
		return sx->id - sy->id;
	if (!sx != !sy)
		return sx ? -1 : 1;
	return x->inode < y->inode ? -1 : x->inode > y->inode;
}

/* Rows in a stable order (the kernel's dump order follows its hash
 * tables): by protocol, local port, local address, peer; then the
 * stage's sockets by number (sockets sharing an address, such as UDP
 * sockets bound with SO_REUSEADDR), then by cookie (which the kernel
 * hands out per CPU: not in the sockets' order). */
static int row_stable_order(const void *a, const void *b, void *stage)
{
	const struct diag_row *x = a, *y = b;
	const struct stage_sock *sx, *sy;
	int c;

	if ((x->family == AF_UNIX) != (y->family == AF_UNIX))
		return x->family == AF_UNIX ? 1 : -1;	/* UNIX rows last */
	if (x->family == AF_UNIX)
		return unix_order(x, y, stage);
	if (x->proto != y->proto)
		return x->proto - y->proto;
	if (x->sport != y->sport)
		return x->sport - y->sport;
	if (x->family != y->family)
		return x->family - y->family;
	if ((c = memcmp(&x->src, &y->src, sizeof(x->src))))
		return c;
	if (x->dport != y->dport)
		return x->dport - y->dport;
	if ((c = memcmp(&x->dst, &y->dst, sizeof(x->dst))))
		return c;
	sx = stage_sock_of_row(stage, x);
	sy = stage_sock_of_row(stage, y);
	if (sx && sy && sx->id != sy->id)
		return sx->id - sy->id;
	if (!sx != !sy)
		return sx ? -1 : 1;
	return x->cookie < y->cookie ? -1 : x->cookie > y->cookie;
}

static void sort_rows(struct tui *t, struct diag_table *tab)
{
	if (tab->n > 1)
		qsort_r(tab->rows, tab->n, sizeof(tab->rows[0]), row_stable_order,
			&t->st);
}

/* The transitions one read found, logged in the rows' stable order (the
 * tracker finds them in cookie order, which varies from run to run). */
struct changes {
	struct change {
		struct diag_row row;
		int from, to;
	} *v;
	size_t n, cap;
};

static void collect_change(void *ctx, const struct track_event *ev)
{
	struct changes *c = ctx;

	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 16;
		c->v = xrealloc(c->v, c->cap * sizeof(*c->v));
	}
	c->v[c->n++] = (struct change){ *ev->row, ev->from, ev->to };
}

static void log_changes(struct tui *t, struct changes *c)
{
	if (c->n > 1)
		qsort_r(c->v, c->n, sizeof(c->v[0]), row_stable_order, &t->st);
	for (size_t i = 0; i < c->n; i++) {
		struct track_event ev = { &c->v[i].row, c->v[i].from, c->v[i].to };

		log_transition(t, &ev);
	}
	free(c->v);
}

/* Owners that /proc could not give are "-": the log says why, once for
 * each reason. */
static void want_owners(struct tui *t, const struct diag_table *tab)
{
	if (stage_want_owners(&t->st, tab, OWNER_ROWS) == 0 ||
	    errno == t->kv.owner_err)
		return;
	t->kv.owner_err = errno;
	log_add(&t->log, ROLE_FAIL, "owners unknown: cannot read /proc: %s",
		strerror(t->kv.owner_err));
}

/* The stage's table is its own (expect and wait read into it too): the
 * view keeps a copy of what it read. */
static void copy_table(struct diag_table *to, const struct diag_table *from)
{
	if (to->cap < from->n) {
		to->cap = from->n;
		to->rows = xrealloc(to->rows, to->cap * sizeof(*to->rows));
	}
	if (from->n)
		memcpy(to->rows, from->rows, from->n * sizeof(*to->rows));
	to->n = from->n;
}

/* ---- sockets gone --------------------------------------------------------------- */

#define SOON_MS 40	/* a socket on a port in play went: read after */

static bool port_in_play(const struct stage *st, uint16_t port)
{
	for (int i = 0; i < st->nports; i++)
		if (st->ports[i] == port)
			return true;
	return false;
}

static void on_gone(void *ctx, const struct diag_row *r)
{
	struct tui *t = ctx;

	if (r && !port_in_play(&t->st, r->sport) &&
	    !port_in_play(&t->st, r->dport))
		return;		/* a busy host's others: not on show */
	if (t->kv.live)
		live_gone(t->kv.live, r);
	t->kv.soon = true;
}

/* Opened in the stage's namespace, with the first read; a namespace
 * that refuses it (no permission) leaves the refresh alone to see. */
static void watch_open(struct tui *t)
{
	char err[200];

	if (t->kv.watch || t->kv.watch_failed || t->st.nhosts > 1)
		return;
	t->kv.watch = diag_watch_open(err, sizeof(err));
	t->kv.watch_failed = !t->kv.watch;
}

int kv_fds(struct tui *t, struct pollfd *fds, int max)
{
	if (!t->kv.watch || max < 1)
		return 0;
	fds[0] = (struct pollfd){ .fd = diag_watch_fd(t->kv.watch),
				  .events = POLLIN };
	return 1;
}

unsigned kv_ready(struct tui *t, const struct pollfd *fds, int n)
{
	char err[200];

	(void)fds;
	(void)n;
	if (t->kv.watch &&
	    diag_watch_read(t->kv.watch, on_gone, t, err, sizeof(err)) < 0) {
		diag_watch_close(t->kv.watch);	/* the refresh sees them */
		t->kv.watch = NULL;
		t->kv.watch_failed = true;
	}
	return 0;
}

long long kv_due(const struct tui *t)
{
	const struct kview *kv = &t->kv;
	long long due = kv->last_read_ms + kv->interval_ms;

	if (kv->paused)
		return -1;
	if (kv->soon && kv->last_read_ms + SOON_MS < due)
		due = kv->last_read_ms + SOON_MS;
	return due;
}

/* Every socket (A), when the CPU the last read took fits the budget: on
 * a busy host the table is older than the stage's rows, and the header
 * says how old. */
static void every_row(void *ctx, const struct diag_row *r)
{
	struct rowstore *s = ctx;

	if (r)
		rowstore_add(s, r);
	else
		rowstore_clear(s);	/* the dump starts over */
}

/* The owners of the first rows (as want_owners) */
static void every_owners(struct tui *t)
{
	const struct rowstore *s = &t->kv.every;
	size_t n = s->n < OWNER_ROWS ? s->n : OWNER_ROWS;
	struct diag_table first = { .rows = xmalloc((n ? n : 1) *
						   sizeof(*first.rows)),
				    .n = n };

	for (size_t i = 0; i < n; i++)
		rowstore_get(s, i, &first.rows[i]);
	want_owners(t, &first);
	free(first.rows);
}

static void read_every(struct tui *t, char *err, size_t errlen)
{
	struct kview *kv = &t->kv;
	struct diag *d = stage_diag(&t->st, err, errlen);
	/* every socket: UNIX ones too */
	static const struct diag_filter every = { .inet = true, .unix_ = true };
	double cost = cpu_ms();

	/* straight into the compact rows: no table of whole rows */
	rowstore_clear(&kv->every);
	if (!d || diag_dump_each(d, &every, every_row, &kv->every, err,
				 errlen) < 0) {
		snprintf(kv->err, sizeof(kv->err), "%s", err);
		return;
	}
	rowstore_sort(&kv->every, row_stable_order, &t->st);
	every_owners(t);
	cost = cpu_ms() - cost;
	kv->every_ms = now_ms();
	kv->every_due_ms = kv->every_ms + (long long)(cost / LIVE_DUMP_BUDGET);
}

/* Returns true when the table on show was read (or could not be). */
static bool read_table(struct tui *t, char *err, size_t errlen)
{
	struct kview *kv = &t->kv;
	struct changes changes = { 0 };
	int rc;

	kv->last_read_ms = now_ms();
	kv->soon = false;
	t->dirty = true;
	watch_open(t);
	wv_read(t);	/* the segments first: the states they explain */
	if (!kv->live)
		kv->live = live_new();
	/* --stable (lessons, tests): every read a dump, as in batch mode */
	rc = live_read(kv->live, &t->st, t->opts.stable, err, errlen);
	if (rc < 0) {
		snprintf(kv->err, sizeof(kv->err), "%s", err);
		return true;
	}
	kv->dumped = rc > 0;
	kv->err[0] = '\0';
	/* a segment that moved a socket into a state the read saw was
	   captured before the read ended (the capture taps a packet before
	   TCP takes it): read the wire again, so that its move is logged
	   with its cause, not as a change without one */
	wv_sync(t);
	sort_rows(t, &t->st.table);
	copy_table(&kv->ports, &t->st.table);
	track_update(&t->track, &kv->ports, kv->last_read_ms,
		     kv->quiet ? NULL : collect_change, &changes);
	log_changes(t, &changes);
	if (kv->quiet)		/* a row new in the step: from how it came */
		track_add_new(&kv->step, &kv->ports, kv->last_read_ms);
	want_owners(t, &kv->ports);
	if (kv->all && now_ms() >= kv->every_due_ms) {
		read_every(t, err, errlen);
		kv->dumped = true;
		return true;
	}
	return !kv->all;
}

void tui_read_kernel(struct tui *t)
{
	double start = cpu_ms();
	char err[200];

	/* the rows on show again when their table was read: with every
	   socket (A), not at each read of the ports in play, which would
	   start a filter's pass over a million rows again and again */
	if (read_table(t, err, sizeof(err)))
		kv_rows(t);
	/* dumps keep to a budget of their own (live.h) */
	if (!t->kv.dumped)
		pace_refresh(t, cpu_ms() - start);
}

void kv_step_begin(struct tui *t)
{
	if (!t->opts.stable)
		return;
	t->kv.quiet = true;
	track_reset(&t->kv.step);
	track_update(&t->kv.step, &t->kv.ports, now_ms(), NULL, NULL);
}

/* Two reads show the same rows in the same states, with the same queues. */
static bool same_rows(const struct diag_table *a, const struct diag_table *b)
{
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++) {
		const struct diag_row *x = &a->rows[i], *y = &b->rows[i];

		if (x->cookie != y->cookie || x->state != y->state ||
		    x->rqueue != y->rqueue || x->wqueue != y->wqueue)
			return false;
	}
	return true;
}

/* Read until two reads SETTLE_MS apart agree: a quick exchange on
 * loopback (the ACK of a FIN) is over, however busy the machine. */
static void read_settled(struct tui *t)
{
	struct diag_table prev = { 0 };
	const struct timespec pause = { 0, SETTLE_MS * 1000000L };

	tui_read_kernel(t);
	for (int i = 0; i < SETTLE_READS; i++) {
		copy_table(&prev, &t->kv.ports);
		nanosleep(&pause, NULL);
		tui_read_kernel(t);
		if (t->kv.err[0] || same_rows(&prev, &t->kv.ports))
			break;
	}
	diag_table_free(&prev);
}

void kv_step_end(struct tui *t)
{
	struct changes changes = { 0 };

	if (!t->kv.quiet)
		return;
	read_settled(t);
	wv_step_end(t);
	t->kv.quiet = false;
	track_update(&t->kv.step, &t->kv.ports, now_ms(), collect_change,
		     &changes);
	log_changes(t, &changes);
	track_reset(&t->kv.step);
}
