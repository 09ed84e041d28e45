/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tui.c - the TUI's event loop: one poll over the terminal, the workers'
 * channels, the signal pipe and the refresh timer. Every line typed or
 * made by a key runs through the same parser and executor as a script;
 * the kernel view is read again right after each action. */
#include <curses.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#include "addr.h"
#include "command.h"
#include "explain.h"
#include "text.h"
#include "outfile.h"
#include "record.h"
#include "ui.h"
#include "util.h"
#include "view.h"

#define MAX_POLL (STAGE_MAX_PROCS + 2)
#define CHAIN_MS 3000		/* transitions this close extend one log line */

#define READ_BUDGET 0.03		/* share of a core for idle reads */
#define MAX_INTERVAL_MS 5000
#define OWNER_ROWS 200		/* owners are looked up for this many rows */

static struct tui *fatal_tui;

static void tui_read_table(struct tui *t, char *err, size_t errlen);

/* ---- the kernel view ---------------------------------------------------- */

static const char *state_text(uint8_t proto, int state)
{
	struct diag_row r = { .proto = proto, .state = (uint8_t)state };

	return view_state_name(&r);
}

/* s2: ESTAB -> FIN-WAIT-2 -> TIME-WAIT, on one line while it goes fast */
static void log_transition(void *ctx, const struct track_event *ev)
{
	struct tui *t = ctx;
	const struct stage_sock *s = stage_sock_of_row(&t->st, ev->row);
	const char *to = ev->to < 0 ? "(gone)" : state_text(ev->row->proto, ev->to);
	struct log_line *last = log_last(&t->log);
	char local[80], peer[80];
	size_t len;

	if (s && last && last->sock_id == s->id &&
	    now_ms() - last->at_ms < CHAIN_MS &&
	    (len = strlen(last->text)) + strlen(to) + 5 < sizeof(last->text)) {
		snprintf(last->text + len, sizeof(last->text) - len, " -> %s", to);
		last->at_ms = now_ms();
		return;
	}
	if (s) {
		log_add(&t->log, ROLE_DIM, "s%d: %s -> %s", s->id,
			state_text(ev->row->proto, ev->from), to);
		log_last(&t->log)->sock_id = s->id;
		return;
	}
	view_format_local(ev->row, local, sizeof(local));
	view_format_peer(ev->row, peer, sizeof(peer));
	log_add(&t->log, ROLE_DIM, "%s %s %s: %s -> %s", view_netid(ev->row),
		local, peer, state_text(ev->row->proto, ev->from), to);
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
	int need;

	t->read_cost_ms = t->read_cost_ms ? 0.7 * t->read_cost_ms + 0.3 * cost : cost;
	need = (int)(t->read_cost_ms / READ_BUDGET);
	t->interval_ms = need > t->opts.refresh_ms ? need : t->opts.refresh_ms;
	if (t->interval_ms > MAX_INTERVAL_MS)
		t->interval_ms = MAX_INTERVAL_MS;
}

void tui_read_kernel(struct tui *t)
{
	double start = cpu_ms();
	char err[200];

	tui_read_table(t, err, sizeof(err));
	pace_refresh(t, cpu_ms() - start);
}

/* Rows in a stable order (the kernel's dump order follows its hash
 * tables): by protocol, local port, local address, peer. */
static int row_order(const void *a, const void *b)
{
	const struct diag_row *x = a, *y = b;
	int c;

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
	return x->cookie < y->cookie ? -1 : x->cookie > y->cookie;
}

static void sort_rows(struct diag_table *tab)
{
	if (tab->n > 1)
		qsort(tab->rows, tab->n, sizeof(tab->rows[0]), row_order);
}

/* Owners that /proc could not give are "-": the log says why, once for
 * each reason. */
static void want_owners(struct tui *t, const struct diag_table *tab)
{
	if (stage_want_owners(&t->st, tab, OWNER_ROWS) == 0 || errno == t->owner_err)
		return;
	t->owner_err = errno;
	log_add(&t->log, ROLE_FAIL, "owners unknown: cannot read /proc: %s",
		strerror(t->owner_err));
}

static void tui_read_table(struct tui *t, char *err, size_t errlen)
{
	t->last_read_ms = now_ms();
	t->dirty = true;
	if (stage_read_view(&t->st, false, err, errlen) < 0) {
		snprintf(t->view_err, sizeof(t->view_err), "%s", err);
		return;
	}
	t->view_err[0] = '\0';
	sort_rows(&t->st.table);
	track_update(&t->track, &t->st.table, t->last_read_ms, log_transition, t);
	want_owners(t, &t->st.table);
	if (t->all_view) {
		struct diag *d = stage_diag(&t->st, err, errlen);

		if (!d || diag_dump(d, NULL, &t->all, err, errlen) < 0) {
			snprintf(t->view_err, sizeof(t->view_err), "%s", err);
		} else {
			sort_rows(&t->all);
			want_owners(t, &t->all);
		}
	}
}

/* ---- results into the log ------------------------------------------------ */

/* Notes go to the log, but of an explanation (why:/try: lines) only its
 * conclusion, the last try: line: the result it explains stays in sight.
 * When a failure's notes say more than that, the advice line (or the
 * means: line, or the call) hints that key y shows them all. */
static void log_notes(struct tui *t, const struct result *res)
{
	const char *s = res->notes.s, *advice = NULL;
	struct log_line *hint_at = log_last(&t->log);
	int advice_len = 0, total = 0, shown = 0;

	while (s && *s) {
		const char *e = strchr(s, '\n');
		int n = e ? (int)(e - s) : (int)strlen(s);

		total++;
		if (!strncmp(s, "try: ", 5)) {
			advice = s;
			advice_len = n;
		} else if (strncmp(s, "why: ", 5)) {
			log_add(&t->log, ROLE_DIM, "  %.*s", n, s);
			shown++;
			if (!strncmp(s, "means: ", 7))
				hint_at = log_last(&t->log);
		}
		s += n + (e ? 1 : 0);
	}
	if (advice) {
		log_add(&t->log, ROLE_DIM, "  %.*s", advice_len, advice);
		shown++;
		hint_at = log_last(&t->log);
	}
	if (res->kind == RES_FAIL && total > shown && hint_at)
		hint_at->why_hint = true;
}

static void remember_defaults(struct tui *t, const struct result *res)
{
	const struct stage_sock *s;
	struct sockaddr_storage ss;

	if (res->kind != RES_OK || res->sock < 0 || res->sock >= t->st.nsocks)
		return;
	s = t->st.socks[res->sock];
	if (!strncmp(res->call, "bind(", 5) && s->has_local)
		addr_format_sa((const struct sockaddr *)&s->local, t->last_bind,
			       sizeof(t->last_bind));
	if (!strncmp(res->call, "listen(", 7) && s->has_local) {
		/* connect to a wildcard listener through loopback */
		ss = s->local;
		if (ss.ss_family == AF_INET &&
		    ((struct sockaddr_in *)&ss)->sin_addr.s_addr == 0)
			((struct sockaddr_in *)&ss)->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		if (ss.ss_family == AF_INET6 &&
		    IN6_IS_ADDR_UNSPECIFIED(&((struct sockaddr_in6 *)&ss)->sin6_addr))
			((struct sockaddr_in6 *)&ss)->sin6_addr = in6addr_loopback;
		addr_format_sa((const struct sockaddr *)&ss, t->last_listen,
			       sizeof(t->last_listen));
	}
}

static void log_result(void *ctx, const struct result *res)
{
	struct tui *t = ctx;

	switch (res->kind) {
	case RES_OK:
	case RES_INFO:
	case RES_PENDING:
		log_add(&t->log, res->mismatch ? ROLE_FAIL :
			res->kind == RES_PENDING ? ROLE_DIM : ROLE_OK,
			"%s = %s", res->call, res->value);
		break;
	case RES_FAIL:
		log_add(&t->log, ROLE_FAIL, "%s = -1 %s (%s)", res->call,
			explain_errname(res->err), strerror(res->err));
		why_add(&t->why, res);
		break;
	case RES_ERROR:
		log_add(&t->log, ROLE_FAIL, "error: %s", res->msg);
		break;
	case RES_NONE:
		break;
	}
	log_notes(t, res);
	if (res->mismatch)
		log_add(&t->log, ROLE_FAIL, "MISMATCH: expected %s", res->expected);
	if (res->kind == RES_FAIL && res->has_addr) {
		t->cause.active = true;
		t->cause.proto = res->proto;
		t->cause.v6only = res->v6only;
		t->cause.addr = res->addr;
		t->cause.self = res->sock >= 0 && res->sock < t->st.nsocks ?
				t->st.socks[res->sock]->cookie : 0;
		t->cause.nrows = res->nwhy;
		memcpy(t->cause.rows, res->why_rows, sizeof(t->cause.rows));
	}
	remember_defaults(t, res);
	if ((res->kind == RES_OK || res->kind == RES_PENDING) && res->sock >= 0)
		t->sel = res->sock;
	t->dirty = true;
}

/* ---- running a line -------------------------------------------------------- */

/* Commands that belong to a front-end; false: give it to the stage. */
static bool front_end_command(struct tui *t, const struct command *cmd)
{
	switch (cmd->kind) {
	case CMD_NONE:
	case CMD_PAUSE:
		return true;
	case CMD_SAY:
	case CMD_TITLE:
	case CMD_ABOUT:
		log_add(&t->log, ROLE_TITLE, "-- %s", cmd->text);
		return true;
	case CMD_SHOW:
		log_add(&t->log, ROLE_DIM, "show: the kernel view is on screen");
		return true;
	case CMD_WAIT:
		log_add(&t->log, ROLE_DIM,
			"wait: the screen is live; wait is for scripts");
		return true;
	default:
		return false;
	}
}

/* ':wait SOCK STATE [TIMEOUT]': watched from the loop, never freezing
 * the screen; its result comes when the state is there or time is up. */
static void start_wait(struct tui *t, const struct command *cmd,
		       const char *line)
{
	long timeout = cmd->duration_ms >= 0 ? cmd->duration_ms : 5000;

	if (t->wait.on) {
		log_add(&t->log, ROLE_FAIL, "error: a wait is under way already");
		return;
	}
	if (strlen(line) >= sizeof(t->wait.line)) {
		log_add(&t->log, ROLE_FAIL, "error: the line is too long to wait on");
		return;
	}
	str_copy(t->wait.line, line, sizeof(t->wait.line));
	t->wait.on = true;
	t->wait.until_ms = now_ms() + timeout;
	t->wait.next_ms = 0;
	log_add(&t->log, ROLE_DIM, "watching the kernel for %s (up to %ld ms)",
		cmd->state_name, timeout);
}

bool tui_wait_looked(struct tui *t, const char *line, long long until_ms)
{
	bool mismatch;

	tui_run_wait_once(t, line, true, &mismatch);
	return !mismatch || now_ms() >= until_ms;
}

void tui_wait_tick(struct tui *t)
{
	bool mismatch;

	if (!t->wait.on || now_ms() < t->wait.next_ms)
		return;
	if (!tui_wait_looked(t, t->wait.line, t->wait.until_ms)) {
		t->wait.next_ms = now_ms() + 100;
		return;
	}
	t->wait.on = false;
	tui_run_wait_once(t, t->wait.line, false, &mismatch);
}

int tui_wait_timeout(const struct tui *t)
{
	long long due;

	if (!t->wait.on)
		return -1;
	due = t->wait.next_ms - now_ms();
	return due < 0 ? 0 : due > 1000 ? 1000 : (int)due;
}

void tui_run_line(struct tui *t, const char *line)
{
	struct command cmd;
	struct cmd_error err;
	struct result res;

	t->cause.active = false;
	if (command_parse(line, &cmd, &err) < 0) {
		log_add(&t->log, ROLE_FAIL, "error at column %d: %s", err.col + 1,
			err.msg);
		log_add(&t->log, ROLE_DIM, "  %s", line);
		command_free(&cmd);
		return;
	}
	if (cmd.kind == CMD_WAIT && cmd.state >= 0) {
		start_wait(t, &cmd, line);	/* exported when it ends */
	} else if (!front_end_command(t, &cmd)) {
		result_init(&res);
		stage_exec(&t->st, &cmd, &res);
		log_result(t, &res);
		export_add(t->export, &cmd, line, ++t->export_lineno, &res);
		result_free(&res);
	} else {
		export_add(t->export, &cmd, line, ++t->export_lineno, NULL);
	}
	command_free(&cmd);
	tui_read_kernel(t);
}

void tui_export_line(struct tui *t, const char *line)
{
	struct command cmd;
	struct cmd_error err;

	if (command_parse(line, &cmd, &err) == 0)
		export_add(t->export, &cmd, line, ++t->export_lineno, NULL);
	command_free(&cmd);
}

/* W: never over an existing file unless --force, never through a
 * symbolic link, never over the lesson being played (src/outfile.h). */
void tui_export_write(struct tui *t, const char *path)
{
	struct outfile_input in;
	struct outfile o;
	char err[512];
	bool have_in = t->opts.lesson &&
		       outfile_input_of(&in, t->opts.lesson, -1) == 0;

	if (outfile_open(&o, path, have_in ? &in : NULL, t->opts.force, err,
			 sizeof(err)) < 0) {
		log_add(&t->log, ROLE_FAIL, "W: %s", err);
		log_add(&t->log, ROLE_DIM, "  W again with another name");
		return;
	}
	if (export_write(t->export, o.f, err, sizeof(err)) < 0) {
		outfile_discard(&o);
		log_add(&t->log, ROLE_FAIL, "W: '%s': %s", path, err);
		return;
	}
	if (outfile_close(&o, err, sizeof(err)) < 0) {
		log_add(&t->log, ROLE_FAIL, "W: %s", err);
		return;
	}
	log_add(&t->log, ROLE_OK, "the session so far is in %s: cc -std=c11 %s "
		"&& sudo unshare -n sh -c 'ip link set lo up; ./a.out'", path, path);
}

static int run_script_line(struct tui *t, const char *line, bool quiet,
			   bool once, bool *mismatch)
{
	struct command cmd;
	struct cmd_error err;
	struct result res;
	int outcome = -1, expect_ms = t->st.expect_wait_ms;

	*mismatch = false;
	if (!quiet)
		t->cause.active = false;
	if (command_parse(line, &cmd, &err) < 0) {
		if (!quiet)
			log_add(&t->log, ROLE_FAIL, "error at column %d: %s",
				err.col + 1, err.msg);
		command_free(&cmd);
		return -1;
	}
	result_init(&res);
	if (once && cmd.kind == CMD_WAIT)
		cmd.duration_ms = 0;
	stage_set_async(&t->st, false);
	t->st.expect_wait_ms = t->script_expect_ms;
	stage_exec(&t->st, &cmd, &res);
	t->st.expect_wait_ms = expect_ms;
	stage_set_async(&t->st, true);
	if (res.kind == RES_OK || res.kind == RES_FAIL)
		outcome = res.kind == RES_OK ? 0 : res.err;
	*mismatch = res.mismatch;
	if (!(once && quiet))	/* not a wait that only looked */
		export_add(t->export, &cmd, line, ++t->export_lineno, &res);
	if (!quiet)
		log_result(t, &res);
	result_free(&res);
	command_free(&cmd);
	if (!quiet)
		tui_read_kernel(t);
	return outcome;
}

int tui_run_script_line(struct tui *t, const char *line, bool quiet,
			bool *mismatch)
{
	return run_script_line(t, line, quiet, false, mismatch);
}

int tui_run_wait_once(struct tui *t, const char *line, bool quiet,
		      bool *mismatch)
{
	return run_script_line(t, line, quiet, true, mismatch);
}

/* Sockets still held by some process, in creation order. */
int tui_live_socks(const struct tui *t, int *idx, int max)
{
	int n = 0;

	for (int i = 0; i < t->st.nsocks && n < max; i++)
		if (t->st.socks[i]->nholders) {
			if (idx)
				idx[n] = i;
			n++;
		}
	return n;
}

/* Processes still alive, in the order they came. */
int tui_live_procs(const struct tui *t, int *idx, int max)
{
	int n = 0;

	for (int i = 0; i < t->st.nprocs && n < max; i++)
		if (t->st.procs[i].alive)
			idx[n++] = i;
	return n;
}

/* ---- the loop ----------------------------------------------------------------- */

/* While a call waits for a worker (more than 50 ms: a stopped or busy
 * process): the screen is drawn, keys are queued for later; q, F10, or
 * a signal (Ctrl-C, SIGTERM, SIGHUP) give the wait up and quit. */
static bool tui_idle(void *ctx)
{
	struct tui *t = ctx;
	struct pollfd pfd = { .fd = term_signal_fd(), .events = POLLIN };
	wint_t ch;
	int rc;

	if (pfd.fd >= 0 && poll(&pfd, 1, 0) > 0) {
		term_signal_drain();
		if (term_quit_requested())
			t->quit = true;
	}
	while (!t->quit && t->keyq.n < KEYQ_MAX && (rc = get_wch(&ch)) != ERR) {
		bool is_key = rc == KEY_CODE_YES;

		if (!t->help && !t->why.open &&
		    ((!is_key && ch == 'q') || (is_key && ch == KEY_F(10)))) {
			t->quit = true;
		} else if ((is_key && ch == KEY_RESIZE) || (!is_key && ch == 0x0c)) {
			if (!is_key)
				clearok(curscr, TRUE);	/* Ctrl-L */
			t->idle_drawn_ms = 0;		/* draw now */
		} else {
			t->keyq.k[t->keyq.n++] = (struct queued_key){ is_key,
								     (unsigned)ch };
		}
	}
	if (t->quit)
		return true;
	if (now_ms() - t->idle_drawn_ms >= 200) {
		t->idle_drawn_ms = now_ms();
		draw_screen(t);
	}
	return false;
}

static void read_keys(struct tui *t)
{
	wint_t ch;
	int rc;

	while (t->keyq.n && !t->quit) {
		bool is_key = t->keyq.k[0].is_key;
		unsigned key = t->keyq.k[0].key;

		memmove(t->keyq.k, t->keyq.k + 1, (size_t)--t->keyq.n *
			sizeof(t->keyq.k[0]));
		keyshow_add(t, is_key, key);
		keys_handle(t, is_key, key);
		t->dirty = true;
	}
	while (!t->quit && (rc = get_wch(&ch)) != ERR) {
		keyshow_add(t, rc == KEY_CODE_YES, (unsigned)ch);
		keys_handle(t, rc == KEY_CODE_YES, (unsigned)ch);
		t->dirty = true;
		if (t->quit)
			return;
	}
}

static int poll_timeout(const struct tui *t)
{
	long long due;
	int ms = -1, play = play_timeout(t), keys = keyshow_timeout(t);
	int wait = tui_wait_timeout(t);

	if (!t->paused) {
		due = t->last_read_ms + t->interval_ms - now_ms();
		ms = due < 0 ? 0 : due > 60000 ? 60000 : (int)due;
	}
	if (play >= 0 && (ms < 0 || play < ms))
		ms = play;
	if (keys >= 0 && (ms < 0 || keys < ms))
		ms = keys;
	if (wait >= 0 && (ms < 0 || wait < ms))
		ms = wait;
	return ms;
}

static bool workers_spoke(const struct pollfd *fds, int n)
{
	for (int i = 0; i < n; i++)
		if (fds[i].revents)
			return true;
	return false;
}

static void loop(struct tui *t)
{
	struct pollfd fds[MAX_POLL];
	int n, nw;

	while (!t->quit) {
		play_tick(t);
		tui_wait_tick(t);
		if (keyshow_timeout(t) == 0)
			t->dirty = true;	/* the keys' box goes */
		if (!t->paused && now_ms() - t->last_read_ms >= t->interval_ms)
			tui_read_kernel(t);
		if (t->dirty)
			draw_screen(t);
		fds[0] = (struct pollfd){ .fd = 0, .events = POLLIN };
		fds[1] = (struct pollfd){ .fd = term_signal_fd(), .events = POLLIN };
		nw = stage_pollfds(&t->st, fds + 2, MAX_POLL - 2);
		n = poll(fds, (nfds_t)(nw + 2), stage_has_news(&t->st) ||
			 t->keyq.n ? 0 : poll_timeout(t));
		if (n < 0 && errno != EINTR)
			break;
		if (fds[1].revents) {
			term_signal_drain();
			if (term_quit_requested() == SIGINT && t->prompting) {
				/* Ctrl-C in a prompt cancels the prompt */
				term_quit_clear();
				t->prompting = false;
				curs_set(0);
			} else if (term_quit_requested()) {
				break;
			}
			read_keys(t);	/* SIGWINCH: KEY_RESIZE waits there */
			t->dirty = true;
		}
		if (workers_spoke(fds + 2, nw) || stage_has_news(&t->st)) {
			stage_poll(&t->st, log_result, t);
			tui_read_kernel(t);
		}
		if (fds[0].revents & (POLLHUP | POLLERR))
			break;
		if (fds[0].revents || t->keyq.n)
			read_keys(t);
	}
}

static void kill_workers(void)
{
	if (fatal_tui)
		for (int i = 0; i < fatal_tui->st.nprocs; i++)
			if (fatal_tui->st.procs[i].alive)
				kill(fatal_tui->st.procs[i].w.pid, SIGKILL);
}

int tui_stage_start(struct tui *t, char *err, size_t errlen)
{
	if (stage_init(&t->st, err, errlen) < 0)
		return -1;
	stage_set_async(&t->st, true);
	stage_set_idle(&t->st, tui_idle, t);
	t->script_expect_ms = t->st.expect_wait_ms;
	t->st.expect_wait_ms = 0;
	export_free(t->export);		/* a new stage: a new program */
	t->export = export_new(t->play.on ? t->play.l.name : "sockstage session");
	t->export_lineno = 0;
	track_free(&t->track);
	memset(&t->track, 0, sizeof(t->track));
	diag_table_free(&t->all);
	memset(&t->all, 0, sizeof(t->all));
	t->sel = -1;
	t->psel = 0;
	t->kscroll = 0;
	t->cause.active = false;
	t->wait.on = false;
	return 0;
}

int tui_main(const struct tui_opts *o)
{
	static struct tui t;
	struct term_opts to = { .no_color = o->no_color, .relay = &rec_relay };
	char err[200];

	memset(&t, 0, sizeof(t));
	t.opts = *o;
	t.sel = -1;
	t.interval_ms = o->refresh_ms;
	/* the terminal first: the workers then write their stderr into the
	 * capture, not over the screen */
	if (term_start(&to) < 0)
		return 2;
	if (o->lesson && play_start(&t, o->lesson, err, sizeof(err)) < 0) {
		term_end();
		text_fprintf(stderr, "sockstage: --lesson: %s\n", err);
		return 2;
	}
	t.play.predict = o->predict;
	if (tui_stage_start(&t, err, sizeof(err)) < 0) {
		term_end();
		play_free(&t.play);
		text_fprintf(stderr, "sockstage: cannot start the stage: %s\n", err);
		return 2;
	}
	fatal_tui = &t;
	term_on_fatal(kill_workers);
	log_add(&t.log, ROLE_DIM, "sockstage %s: press ? for help, : for a command, "
		"n for a new socket", PACKAGE_VERSION);
	if (t.play.on)
		log_add(&t.log, ROLE_TITLE, "-- lesson %s: %s (%d steps): Space "
			"runs the next step", t.play.l.name, t.play.l.title ?
			t.play.l.title : "untitled", t.play.l.nsteps);
	str_copy(t.last_bind, "127.0.0.1:3459", sizeof(t.last_bind));
	tui_read_kernel(&t);
	loop(&t);
	term_end();
	fatal_tui = NULL;
	stage_free(&t.st);
	track_free(&t.track);
	diag_table_free(&t.all);
	prompt_history_free(&t.history);
	why_free(&t.why);
	play_free(&t.play);
	export_free(t.export);
	return 0;
}
