/* SPDX-License-Identifier: GPL-2.0-or-later */
/* action.c - the key table: every key binding of the TUI, one row each,
 * and the actions they run. A key is a command with its defaults filled
 * in: it opens a prompt whose default makes Enter enough, and the line it
 * makes runs through the same parser and executor as a typed ':' line
 * (the loop runs it: R_RUN). The help's key lines and the key bar are
 * made from the rows. */
#include <curses.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "action.h"
#include "ask.h"
#include "command.h"
#include "detail.h"
#include "kernel.h"
#include "play.h"
#include "relay.h"
#include "session.h"
#include "sockopt.h"
#include "state.h"
#include "util.h"
#include "why.h"

#define KEY_ESC 27
#define BAR_LABEL_MAX 48

/* the answer keys are 1 to 5: as many as a question can have choices */
_Static_assert(LESSON_MAX_CHOICES == 5, "the answer row binds 1-5");
#define KEY_CTRL(c) ((c) & 0x1f)

/* ---- the selected socket and process --------------------------------------- */

static struct stage_sock *selected(struct tui *t)
{
	if (t->sel < 0 || t->sel >= t->st.nsocks || !t->st.socks[t->sel]->nholders) {
		int idx[1];

		t->sel = tui_live_socks(t, idx, 1) ? idx[0] : -1;
	}
	if (t->sel < 0) {
		log_add(&t->log, ROLE_FAIL,
			"no socket on stage yet: press n to create one");
		return NULL;
	}
	return t->st.socks[t->sel];
}

/* The selected process, or the current one, or NULL (none alive). */
static const struct stage_proc *selected_proc(struct tui *t)
{
	int idx[1];

	if (t->psel < 0 || t->psel >= t->st.nprocs || !t->st.procs[t->psel].alive)
		t->psel = t->st.procs[t->st.cur].alive ? t->st.cur :
			  tui_live_procs(t, idx, 1) ? idx[0] : -1;
	if (t->psel < 0) {
		log_add(&t->log, ROLE_FAIL, "no process left: press S to spawn one");
		return NULL;
	}
	return &t->st.procs[t->psel];
}

/* A process prefix when the socket is not held by the current process. */
static void sock_prefix(struct tui *t, const struct stage_sock *s,
			const char *verb, char *buf, size_t len)
{
	const char *proc = "";

	for (int i = 0; i < s->nholders; i++)
		if (s->holders[i].proc == t->st.cur)
			break;
		else if (i == s->nholders - 1)
			proc = t->st.procs[s->holders[0].proc].name;
	snprintf(buf, len, "%s%s%s s%d ", proc, proc[0] ? ": " : "", verb, s->id);
}

/* ---- actions: the stage ------------------------------------------------------ */

static unsigned act_new(struct act *a)
{
	/* the label fits the prompt's 63 bytes */
	ask_open(a->t, ASK_COMMAND, "socket (tcp|udp [4|6] | unix stream|dgram|"
		 "seqpacket): ", "socket ", "tcp", NULL);
	return R_REDRAW;
}

/* b l c a s e w x o: a call on the selected socket (a: on the listener
 * with a connection waiting), asked for with its default; an answer that
 * starts with another socket's id or name is for that one */
static const struct sock_key {
	unsigned key;
	const char *verb;	/* the command */
	const char *label;	/* what the prompt asks */
} sock_keys[] = {
	{ 'b', "bind", "address" },
	{ 'l', "listen", "backlog (Enter: 4096)" },
	{ 'c', "connect", "to" },
	{ 'a', "accept", "as NAME (Enter: no name)" },
	{ 's', "send", "\"TEXT\" or N bytes" },
	{ 'e', "recv", "max bytes (Enter: 65536)" },
	{ 'w', "shutdown", "rd, wr or rdwr" },
	{ 'x', "close", "Enter to close" },
	{ 'o', "set", "OPTION [VALUE]" },
};

static const char *sock_key_default(const struct tui *t,
				    const struct stage_sock *s, unsigned key)
{
	bool un = s->family == AF_UNIX;

	switch (key) {
	case 'b': return !un ? t->last_bind : t->last_unix_bind[0] ?
			 t->last_unix_bind : "srv.sock";
	case 'c':
		if (un)
			return t->last_unix_listen[0] ? t->last_unix_listen :
			       t->last_unix_bind[0] ? t->last_unix_bind : "srv.sock";
		return t->last_listen[0] ? t->last_listen : "127.0.0.1:3459";
	case 's': return "\"hello\"";
	case 'w': return "wr";
	default: return "";
	}
}

/* The index of a stage socket some process holds, or -1. */
static int live_index(const struct tui *t, const struct stage_sock *s)
{
	for (int i = 0; s && i < t->st.nsocks; i++)
		if (t->st.socks[i] == s)
			return s->nholders ? i : -1;
	return -1;
}

/* The socket a accepts on unless told otherwise, from the kernel rows: a
 * listener with a connection waiting (Recv-Q > 0 on its LISTEN row): the
 * selected socket if it is one, else the one the selected socket is
 * connected to, else the first; without one, the listener on the port
 * the selected socket is connected to; else the selected socket. */
static int accept_default(const struct tui *t, int sel)
{
	const struct stage_sock *me = t->st.socks[sel];
	int port = me->type == SOCK_STREAM ? ep_port(&me->peer) : 0;
	int waiting = -1, waiting_mine = -1, mine = -1;
	struct diag_row tmp;

	for (size_t i = 0; i < kv_count(t); i++) {
		const struct diag_row *r = kv_row(t, i, &tmp);
		int k;

		if ((r->proto != IPPROTO_TCP && r->family != AF_UNIX) ||
		    r->state != KS_LISTEN ||
		    (k = live_index(t, stage_sock_of_row(&t->st, r))) < 0)
			continue;
		if (r->rqueue > 0 && k == sel)
			return sel;
		if (port && r->family != AF_UNIX && r->sport == port) {
			if (mine < 0)
				mine = k;
			if (r->rqueue > 0 && waiting_mine < 0)
				waiting_mine = k;
		}
		if (r->rqueue > 0 && (waiting < 0 || k < waiting))
			waiting = k;
	}
	return waiting_mine >= 0 ? waiting_mine : waiting >= 0 ? waiting :
	       mine >= 0 ? mine : sel;
}

/* "s12" */
static bool is_sock_id(const char *word)
{
	return word[0] == 's' && word[1] &&
	       strspn(word + 1, "0123456789") == strlen(word + 1);
}

/* A word the command takes as its first argument. */
static bool is_argument(const char *verb, const char *word)
{
	if (strcmp(verb, "shutdown") == 0)
		return !strcmp(word, "rd") || !strcmp(word, "wr") ||
		       !strcmp(word, "rdwr");
	return strcmp(verb, "set") == 0 && sockopt_find(word);
}

/* Enter on a socket key's prompt: an answer that starts with a socket's
 * id or name runs the command on that socket, with the rest of the
 * answer; any other answer follows the default socket. A name that is
 * also a word the command takes (shutdown's rd, wr, rdwr; an option's
 * name) is that word. */
static unsigned sock_answer(struct act *a, const char *text)
{
	struct tui *t = a->t;
	const char *words = text + strspn(text, " ");
	size_t w = strcspn(words, " ");
	char word[NAME_MAX_LEN + 8], prefix[96];
	int k;

	if (!w || w >= sizeof(word))
		return ask_run_line(a, t->ask.prefix, text);
	memcpy(word, words, w);
	word[w] = '\0';
	if ((k = stage_find_sock(&t->st, word)) < 0)
		return ask_run_line(a, t->ask.prefix, text);
	if (!is_sock_id(word) && is_argument(t->ask.verb, word))
		return ask_run_line(a, t->ask.prefix, text);
	sock_prefix(t, t->st.socks[k], t->ask.verb, prefix, sizeof(prefix));
	return ask_run_line(a, prefix, words + w + strspn(words + w, " "));
}

static unsigned act_sock(struct act *a)
{
	char prefix[96], label[160];
	struct stage_sock *s;

	for (size_t i = 0; i < ARRAY_LEN(sock_keys); i++) {
		if (sock_keys[i].key != a->key)
			continue;
		if (!(s = selected(a->t)))
			return R_REDRAW;
		if (a->key == 'a')
			s = a->t->st.socks[accept_default(a->t, a->t->sel)];
		sock_prefix(a->t, s, sock_keys[i].verb, prefix, sizeof(prefix));
		snprintf(label, sizeof(label), "%s%s: ", prefix, sock_keys[i].label);
		ask_open(a->t, ASK_COMMAND, label, prefix,
			 sock_key_default(a->t, s, a->key), sock_answer);
		str_copy(a->t->ask.verb, sock_keys[i].verb, sizeof(a->t->ask.verb));
		break;
	}
	return R_REDRAW;
}

/* r p v: an option of the selected socket, on or off */
static unsigned act_toggle(struct act *a)
{
	enum sock_opt opt = a->key == 'r' ? OPT_REUSEADDR :
			    a->key == 'p' ? OPT_REUSEPORT : OPT_V6ONLY;
	struct stage_sock *s = selected(a->t);
	size_t n;

	if (!s)
		return R_REDRAW;
	sock_prefix(a->t, s, "set", a->line, sizeof(a->line));
	n = strlen(a->line);
	snprintf(a->line + n, sizeof(a->line) - n, "%s %s", sockopt_get(opt)->name,
		 s->opts & (1u << opt) ? "off" : "on");
	return R_RUN | R_REDRAW;
}

/* ---- actions: processes ------------------------------------------------------- */

static unsigned act_spawn(struct act *a)
{
	ask_open(a->t, ASK_COMMAND, "spawn NAME [uid N [gid G]]: ", "spawn ", "",
		 NULL);
	return R_REDRAW;
}

/* F fork, E exit, K kill, U use: on the selected process. */
static unsigned act_proc(struct act *a)
{
	const struct stage_proc *p = selected_proc(a->t);
	char prefix[96], label[160];

	if (!p)
		return R_REDRAW;
	switch (a->key) {
	case 'U':
		snprintf(a->line, sizeof(a->line), "use %s", p->name);
		return R_RUN | R_REDRAW;
	case 'F':
		snprintf(prefix, sizeof(prefix), "fork %s ", p->name);
		snprintf(label, sizeof(label), "%s[as NAME] (Enter: %s-1...): ",
			 prefix, p->name);
		break;
	case 'E':
		snprintf(prefix, sizeof(prefix), "exit %s", p->name);
		snprintf(label, sizeof(label), "%s: Enter to exit, Escape not to ", prefix);
		break;
	default:
		snprintf(prefix, sizeof(prefix), "kill %s", p->name);
		snprintf(label, sizeof(label), "%s (SIGKILL): Enter to kill, Escape not to ",
			 prefix);
		break;
	}
	ask_open(a->t, ASK_COMMAND, label, prefix, "", NULL);
	return R_REDRAW;
}

/* ---- actions: moving ------------------------------------------------------------ */

static enum scroll_by scroll_of(const struct act *a)
{
	if (!a->is_key) {
		switch (a->key) {
		case 'k': return SCROLL_UP;
		case 'j': return SCROLL_DOWN;
		case 'b': return SCROLL_PGUP;
		case ' ': return SCROLL_PGDN;
		case 'g': return SCROLL_HOME;
		default: return SCROLL_END;	/* G */
		}
	}
	switch (a->key) {
	case KEY_UP: return SCROLL_UP;
	case KEY_DOWN: return SCROLL_DOWN;
	case KEY_PPAGE: return SCROLL_PGUP;
	case KEY_NPAGE: return SCROLL_PGDN;
	case KEY_HOME: return SCROLL_HOME;
	default: return SCROLL_END;
	}
}

/* Up/Down...: the overlay on screen scrolls, else the focused panel. */
static unsigned act_scroll(struct act *a)
{
	const struct box *b;
	const struct panel *p = tui_overlay(a->t, &b);

	if (!p)
		p = tui_focused(a->t, &b);
	if (!p || !p->step)
		return R_REDRAW;
	return p->step(a->t, b, scroll_of(a)) | R_REDRAW;
}

static unsigned act_jk(struct act *a)
{
	tui_move_sock(a->t, a->key == 'j' ? 1 : -1);
	return R_REDRAW;
}

static bool kernel_focused(const struct tui *t)
{
	return tui_focused(t, NULL) == &panel_kernel;
}

/* PgUp/PgDn, Home/End: the focused panel when it pages (the log, a
 * lesson's caption, the kernel view), else the kernel view: 10 rows, its
 * first, its last. */
static unsigned act_page(struct act *a)
{
	const struct box *b;
	const struct panel *p = tui_focused(a->t, &b);

	if (p && p->step && (p->flags & PANEL_PAGES))
		return p->step(a->t, b, scroll_of(a)) | R_REDRAW;
	switch (scroll_of(a)) {
	case SCROLL_PGUP: kv_scroll(a->t, -10); break;
	case SCROLL_PGDN: kv_scroll(a->t, 10); break;
	case SCROLL_HOME: kv_scroll(a->t, INT_MIN); break;
	default: kv_scroll(a->t, INT_MAX / 2); break;
	}
	return R_REDRAW;
}

static unsigned act_focus(struct act *a)
{
	tui_move_focus(a->t, a->is_key ? -1 : 1);	/* Shift-Tab, Tab */
	if (kernel_focused(a->t))
		kv_scroll(a->t, 0);	/* its cursor: on a row in sight */
	return R_REDRAW;
}

/* ---- actions: the kernel view ----------------------------------------------------- */

static unsigned act_all(struct act *a)
{
	a->t->kv.all = !a->t->kv.all;
	a->t->kv.every_due_ms = 0;	/* read it now */
	kv_top(a->t);
	return R_READ | R_REDRAW;
}

/* T: the Wire panel follows the selected socket, shows every segment of
 * the ports in play, or is hidden */
/* H: hold the wire between hosts, or release it; N: one held segment
 * through. As commands, so the log and a recording show them. */
static unsigned act_hold(struct act *a)
{
	struct relay_state rs = { .hold = false };

	if (!a->t->st.relay) {
		log_add(&a->t->log, ROLE_DIM, "no wire yet: it joins hosts (:host NAME)");
		return R_REDRAW;
	}
	relay_state(a->t->st.relay, &rs);
	snprintf(a->line, sizeof(a->line), "wire %s", rs.hold ? "release" : "hold");
	return R_RUN | R_REDRAW;
}

static unsigned act_step(struct act *a)
{
	if (!a->t->st.relay) {
		log_add(&a->t->log, ROLE_DIM, "no wire yet: it joins hosts (:host NAME)");
		return R_REDRAW;
	}
	snprintf(a->line, sizeof(a->line), "wire step");
	return R_RUN | R_REDRAW;
}

static unsigned act_wire(struct act *a)
{
	struct wireview *wv = &a->t->wv;

	if (!wv->shown) {
		wv->shown = true;
		wv->all = false;
	} else if (!wv->all) {
		wv->all = true;
	} else {
		wv->shown = false;
	}
	wv->scroll = 0;
	return R_REDRAW;
}

static unsigned act_pause(struct act *a)
{
	a->t->kv.paused = !a->t->kv.paused;
	return a->t->kv.paused ? R_REDRAW : R_READ | R_REDRAW;
}

static unsigned filter_done(struct act *a, const char *text)
{
	str_copy(a->t->kv.filter, text, sizeof(a->t->kv.filter));
	kv_top(a->t);
	return R_ROWS | R_REDRAW;
}

static unsigned act_filter(struct act *a)
{
	ask_open(a->t, ASK_FILTER, "filter the kernel view (Enter: none): ", "",
		 a->t->kv.filter, filter_done);
	return R_REDRAW;
}

/* Enter, i: the details of the row under the cursor. */
static unsigned act_detail(struct act *a)
{
	return detail_open(a->t);
}

/* ---- actions: the rest --------------------------------------------------------------- */

static unsigned act_command(struct act *a)
{
	ask_open(a->t, ASK_COMMAND, ":", "", "", NULL);
	return R_REDRAW;
}

static unsigned act_why(struct act *a)
{
	return why_open(a->t);
}

static unsigned export_done(struct act *a, const char *text)
{
	tui_export_write(a->t, text[0] ? text : "sockstage-session.c");
	return R_REDRAW;
}

static unsigned act_export(struct act *a)
{
	ask_open(a->t, ASK_FILE, "write the session as C to: ", "",
		 "sockstage-session.c", export_done);
	return R_REDRAW;
}

static unsigned act_help(struct act *a)
{
	a->t->help = true;
	a->t->help_scroll = 0;
	return R_REDRAW;
}

static unsigned act_repaint(struct act *a)
{
	(void)a;
	return R_REPAINT | R_REDRAW;
}

static unsigned act_quit(struct act *a)
{
	(void)a;
	return R_QUIT;
}

/* ---- actions: a lesson --------------------------------------------------------------- */

static unsigned act_next_step(struct act *a)
{
	play_next(a->t);
	return R_REDRAW;
}

static unsigned act_restart(struct act *a)
{
	return play_restart(a->t);
}

/* R outside a lesson: with --sandbox, a fresh stage in a fresh network
 * namespace (every socket and process gone, TIME-WAIT included). */
static unsigned act_reset(struct act *a)
{
	struct tui *t = a->t;

	if (!t->opts.sandbox) {
		log_add(&t->log, ROLE_FAIL, "R: a fresh stage needs --sandbox "
			"(this is the host's network namespace)");
		return R_REDRAW;
	}
	if (tui_stage_fresh(t) < 0)
		return R_QUIT | R_REDRAW;
	log_add(&t->log, ROLE_TITLE, "-- a fresh stage, in a fresh network "
		"namespace");
	return R_READ | R_REDRAW;
}

/* G's answer: a step number, replayed up to silently. */
static unsigned step_done(struct act *a, const char *text)
{
	struct tui *t = a->t;
	char *end;
	long n = strtol(text, &end, 10);

	while (*end == ' ')
		end++;
	if (end == text || *end) {
		log_add(&t->log, ROLE_FAIL, "'%s' is not a step number (1-%d)", text,
			t->play.l.nsteps);
		return R_REDRAW;
	}
	return play_jump(t, n < 0 || n > 100000 ? 0 : (int)n);
}

static unsigned act_go_to(struct act *a)
{
	char label[64];

	snprintf(label, sizeof(label), "go to step (1-%d): ", a->t->play.l.nsteps);
	ask_open(a->t, ASK_STEP, label, "", "", step_done);
	return R_REDRAW;
}

/* 1..n answers the question; a digit past the choices is not for it */
static unsigned act_answer(struct act *a)
{
	return play_answer(a->t, (int)a->key - '1') ? R_REDRAW : R_PASS;
}

static unsigned act_skip(struct act *a)
{
	play_skip(a->t);
	return R_REDRAW;
}

/* C: the lesson's passed expect and wait lines in the log: compact, then
 * hidden, then in full. */
static unsigned act_checks(struct act *a)
{
	struct log *l = &a->t->log;

	l->detail = (enum log_detail)((l->detail + 1) % DETAIL_COUNT);
	return R_REDRAW;
}

/* ---- actions: the overlays --------------------------------------------------------- */

static unsigned act_help_close(struct act *a)
{
	a->t->help = false;
	return R_REDRAW;
}

static unsigned act_why_close(struct act *a)
{
	return why_close(a->t);
}

static unsigned act_detail_close(struct act *a)
{
	return detail_close(a->t);
}

static unsigned act_why_turn(struct act *a)
{
	bool older = (a->is_key && a->key == KEY_LEFT) || (!a->is_key && a->key == '[');

	return why_turn(a->t, older ? -1 : 1);
}

/* ---- the table ---------------------------------------------------------------------- */

static const char *has_failures(const struct tui *t, const struct action *r,
				char *buf, size_t len)
{
	(void)buf;
	(void)len;
	return t->why.n > 0 ? r->bar : NULL;
}

/* H and N are in the bar once hosts are on stage: "H hold" or
 * "H release" as the wire is */
static const char *has_wire(const struct tui *t, const struct action *r,
			    char *buf, size_t len)
{
	struct relay_state rs;

	if (!t->st.relay)
		return NULL;
	if (r->code[0].code != 'H')
		return r->bar;
	relay_state(t->st.relay, &rs);
	snprintf(buf, len, "H %s", rs.hold ? "release" : "hold");
	return buf;
}

/* Space goes on within a step of several beats */
static const char *space_label(const struct tui *t, const struct action *r,
			       char *buf, size_t len)
{
	(void)buf;
	(void)len;
	return play_held(&t->play) ? "Space go on" : r->bar;
}

/* on the bar while the kernel view has the focus */
static const char *kernel_keys(const struct tui *t, const struct action *r,
			       char *buf, size_t len)
{
	(void)buf;
	(void)len;
	return kernel_focused(t) ? r->bar : NULL;
}

/* the keys of the open question's choices: "1-3 your answer" */
static const char *answer_range(const struct tui *t, const struct action *r,
				char *buf, size_t len)
{
	(void)r;
	snprintf(buf, len, "1-%d your answer", t->play.nchoices);
	return buf;
}

#define CH(c) { false, (unsigned)(c) }
#define KY(c) { true, (unsigned)(c) }

const struct action action_table[] = {
	/* the kernel view, while it has the focus: before a lesson's keys */
	{ MAP_KERNEL, "Enter i", { CH('\n'), CH('\r'), KY(KEY_ENTER), CH('i') },
	  act_detail, "Enter details", { [BAR_MAIN] = 1, [BAR_LESSON] = 2 },
	  kernel_keys,
	  "the details of the row under the cursor: all sock_diag says of its\n"
	  "socket (ss -tiem), live; in a lesson Enter opens them here instead\n"
	  "of running the next step (Space still runs it)" },

	/* the main screen */
	{ MAP_MAIN, "n", { CH('n') }, act_new, "n new", { [BAR_MAIN] = 1 }, NULL,
	  "new socket (socket tcp|udp [4|6] | unix stream|dgram|seqpacket "
	  "[as NAME])" },
	{ MAP_MAIN, "b", { CH('b') }, act_sock, "b bind", { [BAR_MAIN] = 2 }, NULL,
	  "bind the selected socket (default: the last address used)" },
	{ MAP_MAIN, "l", { CH('l') }, act_sock, "l listen", { [BAR_MAIN] = 3 }, NULL,
	  "listen on the selected socket" },
	{ MAP_MAIN, "c", { CH('c') }, act_sock, "c connect", { [BAR_MAIN] = 4 }, NULL,
	  "connect the selected socket (default: the last listener)" },
	{ MAP_MAIN, "a", { CH('a') }, act_sock, "a accept", { [BAR_MAIN] = 5 }, NULL,
	  "accept a connection (default: a listener with one waiting)" },
	{ MAP_MAIN, "s", { CH('s') }, act_sock, "s send", { [BAR_MAIN] = 7 }, NULL,
	  "send on the selected socket" },
	{ MAP_MAIN, "e", { CH('e') }, act_sock, "e recv", { [BAR_MAIN] = 8 }, NULL,
	  "receive on the selected socket" },
	{ MAP_MAIN, "w", { CH('w') }, act_sock, NULL, { 0 }, NULL,
	  "shutdown the selected socket (rd, wr, rdwr)" },
	{ MAP_MAIN, "x", { CH('x') }, act_sock, "x close", { [BAR_MAIN] = 6 }, NULL,
	  "close the selected socket (then its neighbour is selected)" },
	{ MAP_MAIN, "r", { CH('r') }, act_toggle, "r/p/v opts", { [BAR_MAIN] = 9 },
	  NULL, "toggle SO_REUSEADDR on the selected socket (badge RA)" },
	{ MAP_MAIN, "p", { CH('p') }, act_toggle, NULL, { 0 }, NULL,
	  "toggle SO_REUSEPORT (badge RP)" },
	{ MAP_MAIN, "v", { CH('v') }, act_toggle, NULL, { 0 }, NULL,
	  "toggle IPV6_V6ONLY (badge V6)" },
	{ MAP_MAIN, "o", { CH('o') }, act_sock, NULL, { 0 }, NULL,
	  "set any option: OPTION [VALUE] (linger 0, rcvbuf N, ttl N ...)" },
	{ MAP_MAIN, "S", { CH('S') }, act_spawn, "S/F/E/K procs", { [BAR_MAIN] = 10 },
	  NULL, "spawn a process (spawn NAME [uid N [gid G]])" },
	{ MAP_MAIN, "F", { CH('F') }, act_proc, NULL, { 0 }, NULL,
	  "fork the selected process: the child holds the same sockets" },
	{ MAP_MAIN, "E", { CH('E') }, act_proc, NULL, { 0 }, NULL,
	  "the selected process exits: the kernel closes its descriptors" },
	{ MAP_MAIN, "K", { CH('K') }, act_proc, NULL, { 0 }, NULL,
	  "kill the selected process (SIGKILL: 'the server crashed')" },
	{ MAP_MAIN, "U", { CH('U') }, act_proc, NULL, { 0 }, NULL,
	  "use the selected process: later commands run in it" },
	{ MAP_MAIN, "Up/Down", { KY(KEY_UP), KY(KEY_DOWN) }, act_scroll, NULL,
	  { 0 }, NULL,
	  "select a socket; in Processes: a process; in the kernel view:\n"
	  "move the cursor (Enter: the row's details); in the log or a\n"
	  "lesson's caption: scroll (a line)" },
	{ MAP_MAIN, "j/k", { CH('j'), CH('k') }, act_jk, NULL, { 0 }, NULL,
	  "select the next / the previous socket, whatever has the focus" },
	{ MAP_MAIN, "PgUp/PgDn", { KY(KEY_PPAGE), KY(KEY_NPAGE) }, act_page,
	  NULL, { 0 }, NULL,
	  "a page: the focused log, caption or kernel view (its cursor),\n"
	  "else the kernel view (10 rows)" },
	{ MAP_MAIN, "Home/End", { KY(KEY_HOME), KY(KEY_END) }, act_page, NULL,
	  { 0 }, NULL,
	  "the first / the last rows of the same (End: the log follows the\n"
	  "newest line again)" },
	{ MAP_MAIN, "Tab", { CH('\t') }, act_focus, NULL, { 0 }, NULL,
	  "move the focus: Sockets, Processes, the kernel view, the log, a\n"
	  "lesson's caption (a click on a panel does too)" },
	{ MAP_MAIN, "Shift-Tab", { KY(KEY_BTAB) }, act_focus, NULL, { 0 }, NULL,
	  "move the focus back" },
	{ MAP_MAIN, "A", { CH('A') }, act_all, "A all",
	  { [BAR_MAIN] = 12, [BAR_LESSON] = 6 }, NULL,
	  "the kernel view: all sockets, or the ports in play" },
	{ MAP_MAIN, "T", { CH('T') }, act_wire, "T wire",
	  { [BAR_MAIN] = 13, [BAR_LESSON] = 7 }, NULL,
	  "the Wire panel: the selected socket's connection as a ladder (each\n"
	  "segment with its flags, seq/ack, and the states it moved the ends\n"
	  "into), every segment of the ports in play, or hidden" },
	{ MAP_MAIN, "H", { CH('H') }, act_hold, "H hold",
	  { [BAR_TAIL] = 1 }, has_wire,
	  "hosts: hold the wire between them (segments wait on it, listed\n"
	  "at the top of the Wire panel), or release it (they go, in order)" },
	{ MAP_MAIN, "N", { CH('N') }, act_step, "N step",
	  { [BAR_TAIL] = 2 }, has_wire,
	  "hosts: let the next held segment through (wire step)" },
	{ MAP_MAIN, "/", { CH('/') }, act_filter, NULL, { 0 }, NULL,
	  "filter the kernel view (rows containing the text)" },
	{ MAP_MAIN, "Z", { CH('Z') }, act_pause, NULL, { 0 }, NULL,
	  "pause or resume the live refresh" },
	{ MAP_MAIN, ":", { CH(':') }, act_command, ": command",
	  { [BAR_MAIN] = 11, [BAR_LESSON] = 5 }, NULL,
	  "a command line: any command below (Up/Down history, Tab completes)" },
	{ MAP_MAIN, "y", { CH('y') }, act_why, "y why", { [BAR_TAIL] = 3 },
	  has_failures,
	  "why: the last failed call explained in full (its means:, every\n"
	  "why: row and try: probe; the log shows only the conclusion and\n"
	  "ends it with (y: why) when there is more)" },
	{ MAP_MAIN, "W", { CH('W') }, act_export, NULL, { 0 }, NULL,
	  "write the session so far as a C program (libc only: the same\n"
	  "calls in the same order, real processes; compile and run it)" },
	{ MAP_MAIN, "? F1", { CH('?'), KY(KEY_F(1)) }, act_help, "? help",
	  { [BAR_TAIL] = 4 }, NULL, "this help" },
	{ MAP_MAIN, "R", { CH('R') }, act_reset, NULL, { 0 }, NULL,
	  "with --sandbox: a fresh stage in a fresh network namespace" },
	{ MAP_MAIN, "Ctrl-L", { CH(KEY_CTRL('l')) }, act_repaint, NULL, { 0 }, NULL,
	  "redraw the screen" },
	{ MAP_MAIN, "q F10", { CH('q'), KY(KEY_F(10)) }, act_quit, "q quit",
	  { [BAR_TAIL] = 5 }, NULL,
	  "quit: every worker process and socket is closed" },

	/* a lesson (--lesson), before the main keys */
	{ MAP_LESSON, "Space Enter", { CH(' '), CH('\n'), CH('\r'), KY(KEY_ENTER) },
	  act_next_step, "Space next step", { [BAR_LESSON] = 1 }, space_label,
	  "run the next step, line by line; in a step whose narration goes\n"
	  "on after its first calls, the next part of it (the title says\n"
	  "\"part 1/2 Space: go on\"): each sentence stands while the calls\n"
	  "it speaks of run and their results are on screen" },
	{ MAP_LESSON, "R", { CH('R') }, act_restart, "R restart",
	  { [BAR_LESSON] = 2 }, NULL,
	  "restart from the beginning, in a fresh network namespace" },
	{ MAP_LESSON, "G", { CH('G') }, act_go_to, "G go to",
	  { [BAR_LESSON] = 3 }, NULL,
	  "go to a step: replays the steps before it silently, then plays it" },
	{ MAP_LESSON, "C", { CH('C') }, act_checks, "C checks",
	  { [BAR_LESSON] = 4 }, NULL,
	  "the lesson's expect and wait lines that held, in the log: compact\n"
	  "(one short line each), hidden, or in full; one that failed always\n"
	  "shows in full" },

	/* a question of predict mode, before the lesson's keys */
	{ MAP_ANSWER, "1-5", { CH('1'), CH('2'), CH('3'), CH('4'), CH('5') },
	  act_answer, "1-5 your answer", { [BAR_ANSWER] = 1 }, answer_range,
	  "with --predict: answer the question (the key bar says how many\n"
	  "choices it has)" },
	{ MAP_ANSWER, "Esc", { CH(KEY_ESC) }, act_skip, "Esc skip the question",
	  { [BAR_ANSWER] = 2 }, NULL,
	  "with --predict: skip the question: the step runs, not scored" },

	/* the help */
	{ MAP_HELP, "Esc q ? F1 F10", { CH(KEY_ESC), CH('q'), CH('?'), KY(KEY_F(1)),
					KY(KEY_F(10)) },
	  act_help_close, NULL, { 0 }, NULL, "close the help" },
	{ MAP_HELP, "Up/Down", { KY(KEY_UP), KY(KEY_DOWN) }, act_scroll, NULL, { 0 },
	  NULL, "scroll a line" },
	{ MAP_HELP, "PgUp/PgDn Space", { KY(KEY_PPAGE), KY(KEY_NPAGE), CH(' ') },
	  act_scroll, NULL, { 0 }, NULL, "scroll a page" },

	/* the why overlay */
	{ MAP_WHY, "Up/Down j/k", { KY(KEY_UP), KY(KEY_DOWN), CH('k'), CH('j') },
	  act_scroll, NULL, { 0 }, NULL, "scroll a row" },
	{ MAP_WHY, "PgUp/PgDn b Space", { KY(KEY_PPAGE), KY(KEY_NPAGE), CH('b'),
					  CH(' ') },
	  act_scroll, NULL, { 0 }, NULL, "scroll a page" },
	{ MAP_WHY, "Home/End g G", { KY(KEY_HOME), KY(KEY_END), CH('g'), CH('G') },
	  act_scroll, NULL, { 0 }, NULL, "the first / the last rows" },
	{ MAP_WHY, "Left/Right [ ]", { KY(KEY_LEFT), KY(KEY_RIGHT), CH('['),
				       CH(']') },
	  act_why_turn, NULL, { 0 }, NULL,
	  "an older / a newer failure (n/m in the title)" },
	{ MAP_WHY, "Esc q y F10", { CH(KEY_ESC), CH('q'), CH('y'), KY(KEY_F(10)) },
	  act_why_close, NULL, { 0 }, NULL, "close it" },
	{ MAP_WHY, "? F1", { CH('?'), KY(KEY_F(1)) }, act_help, NULL, { 0 }, NULL,
	  "this help (Escape comes back to it)" },
	{ MAP_WHY, "Ctrl-L", { CH(KEY_CTRL('l')) }, act_repaint, NULL, { 0 }, NULL,
	  "redraw the screen" },

	/* the details overlay */
	{ MAP_DETAIL, "Up/Down j/k", { KY(KEY_UP), KY(KEY_DOWN), CH('k'), CH('j') },
	  act_scroll, NULL, { 0 }, NULL, "scroll a row" },
	{ MAP_DETAIL, "PgUp/PgDn b Space", { KY(KEY_PPAGE), KY(KEY_NPAGE), CH('b'),
					     CH(' ') },
	  act_scroll, NULL, { 0 }, NULL, "scroll a page" },
	{ MAP_DETAIL, "Home/End g G", { KY(KEY_HOME), KY(KEY_END), CH('g'),
					CH('G') },
	  act_scroll, NULL, { 0 }, NULL, "the first / the last rows" },
	{ MAP_DETAIL, "Esc q F10", { CH(KEY_ESC), CH('q'), KY(KEY_F(10)) },
	  act_detail_close, NULL, { 0 }, NULL, "close it" },
	{ MAP_DETAIL, "? F1", { CH('?'), KY(KEY_F(1)) }, act_help, NULL, { 0 },
	  NULL, "this help (Escape comes back to it)" },
	{ MAP_DETAIL, "Ctrl-L", { CH(KEY_CTRL('l')) }, act_repaint, NULL, { 0 },
	  NULL, "redraw the screen" },
};

const size_t action_count = ARRAY_LEN(action_table);

/* ---- finding and running a key's action ---------------------------------------------- */

const struct action *action_find(enum keymap map, bool is_key, unsigned key)
{
	for (size_t i = 0; i < action_count; i++) {
		const struct action *r = &action_table[i];

		if (r->map != map)
			continue;
		for (int k = 0; k < ACTION_CODES && (r->code[k].code ||
						     r->code[k].is_key); k++)
			if (r->code[k].is_key == is_key && r->code[k].code == key)
				return r;
	}
	return NULL;
}

/* The keymaps a key goes through, in order; modal: a key none of them
 * takes does nothing. */
static int keymaps_in_effect(const struct tui *t, enum keymap *maps, bool *modal)
{
	int n = 0;

	*modal = true;
	if (t->help) {
		maps[n++] = MAP_HELP;
		return n;
	}
	if (t->why.open) {
		maps[n++] = MAP_WHY;
		return n;
	}
	if (t->detail.open) {
		maps[n++] = MAP_DETAIL;
		return n;
	}
	*modal = false;
	if (kernel_focused(t))
		maps[n++] = MAP_KERNEL;
	if (t->play.on && t->play.asking)
		maps[n++] = MAP_ANSWER;
	if (t->play.on)
		maps[n++] = MAP_LESSON;
	maps[n++] = MAP_MAIN;
	return n;
}

/* While the screen is too small to show anything, only the keys that
 * change nothing on stage are taken: what a key did would go unseen. A
 * prompt takes text and Escape (a ':' opens one), never Enter; else q and
 * F10 quit, Ctrl-L repaints. */
static unsigned tiny_key(struct act *a)
{
	const struct action *r;
	bool enter = a->is_key ? a->key == KEY_ENTER :
		     a->key == '\n' || a->key == '\r';

	if (a->t->ask.open)
		return enter ? R_REDRAW : ask_key(a);
	r = action_find(MAP_MAIN, a->is_key, a->key);
	if (r && (r->fn == act_repaint || r->fn == act_quit || r->fn == act_command))
		return r->fn(a);
	return R_REDRAW;
}

unsigned action_key(struct act *a)
{
	enum keymap maps[MAP_COUNT];
	const struct action *r;
	bool modal;
	int n;

	if (play_over(a->t))
		return R_QUIT;	/* --autoplay's end: any key */
	if (a->t->placed.fit == FIT_TINY)
		return tiny_key(a);
	if (a->t->ask.open)
		return ask_key(a);
	n = keymaps_in_effect(a->t, maps, &modal);
	for (int i = 0; i < n; i++) {
		unsigned flags;

		if (!(r = action_find(maps[i], a->is_key, a->key)))
			continue;
		flags = r->fn(a);
		if (!(flags & R_PASS))
			return flags;
	}
	if (!modal && !a->is_key && a->key >= ' ' && a->key < 127)
		log_add(&a->t->log, ROLE_DIM, "key '%c' does nothing: press ? for help",
			(int)a->key);
	return R_REDRAW;
}

/* ---- the key bar ------------------------------------------------------------------- */

/* The labels of bar, in their order, into list and their rows into rows
 * (a label made for the screen goes to made[n]); returns how many. */
static int bar_items(const struct tui *t, enum keybar bar, const char **list,
		     const struct action **rows, char (*made)[BAR_LABEL_MAX],
		     int max)
{
	int n = 0;

	for (int at = 1; n < max; at++) {
		bool any = false;

		for (size_t i = 0; i < action_count; i++) {
			const struct action *r = &action_table[i];

			if (r->bar_at[bar] > at)
				any = true;
			if (r->bar_at[bar] != at || !r->bar)
				continue;
			any = true;
			if (n < max && (list[n] = r->on_bar ?
					r->on_bar(t, r, made[n], BAR_LABEL_MAX) :
					r->bar))
				rows[n++] = r;
		}
		if (!any)
			break;
	}
	return n;
}

/* The key bar as placed on a screen cols wide: each label, its row and
 * its first column. The screen's bar first (as many labels as fit),
 * then the tail that ends every bar. */
#define BAR_MAX 40
struct bar {
	const char *label[BAR_MAX];
	const struct action *row[BAR_MAX];
	int x[BAR_MAX];
	int n;
	char made[BAR_MAX][BAR_LABEL_MAX];
};

static void bar_place(const struct tui *t, int cols, struct bar *b)
{
	enum keybar which = t->play.asking ? BAR_ANSWER : t->play.on ?
			    BAR_LESSON : BAR_MAIN;
	int n = bar_items(t, which, b->label, b->row, b->made, BAR_MAX / 2);
	int ntail = bar_items(t, BAR_TAIL, b->label + n, b->row + n, b->made + n,
			      BAR_MAX / 2);
	int tail_w = 0, x = 0, shown = 0;

	for (int i = n; i < n + ntail; i++)
		tail_w += 2 + (int)strlen(b->label[i]);
	for (int i = 0; i < n; i++) {
		int w = (int)strlen(b->label[i]);

		if (x + 2 + w > cols - tail_w)
			break;
		b->x[i] = x + (x ? 2 : 1);
		x = b->x[i] + w;
		shown++;
	}
	/* the tail, after the labels that fit */
	for (int i = n; i < n + ntail; i++) {
		b->label[shown] = b->label[i];
		b->row[shown] = b->row[i];
		b->x[shown] = x + 2;
		x = b->x[shown++] + (int)strlen(b->label[i]);
	}
	b->n = shown;
}

void action_bar(const struct tui *t, int cols, char *buf, size_t len)
{
	struct bar b;
	size_t off = 0;

	if (play_over(t)) {
		snprintf(buf, len, " End of the lesson: any key quits");
		return;
	}
	bar_place(t, cols, &b);
	buf[0] = '\0';
	for (int i = 0; i < b.n && off < len; i++) {
		int pad = b.x[i] - (int)off;

		off += (size_t)snprintf(buf + off, len - off, "%*s%s", pad, "",
					b.label[i]);
	}
}

/* A label names one key when its first word does: "n new", "Space next
 * step", "? help"; not "r/p/v opts" or "1-3 your answer". */
static bool one_key(const char *label)
{
	size_t w = strcspn(label, " ");

	return w == 1 || (w > 1 && !memchr(label, '/', w) &&
			  !memchr(label, '-', w));
}

const struct action *action_bar_at(const struct tui *t, int cols, int x,
				   struct keycode *key)
{
	struct bar b;

	bar_place(t, cols, &b);
	for (int i = 0; i < b.n; i++)
		if (x >= b.x[i] && x < b.x[i] + (int)strlen(b.label[i]) &&
		    x < cols) {
			if (!one_key(b.label[i]))
				return NULL;
			*key = b.row[i]->code[0];
			return b.row[i];
		}
	return NULL;
}

/* ---- the help's key lines ------------------------------------------------------------ */

/* "  KEYS     text": the keys in 8 columns (or more, and two blanks), the
 * help's next lines under its first. */
static int help_rows(const struct action *r, int want, char *buf, size_t len)
{
	const char *s = r->help;
	int row = 0, kw = (int)strlen(r->keys) > 8 ? (int)strlen(r->keys) + 1 : 8;

	for (;;) {
		size_t n = strcspn(s, "\n");

		if (row == want && buf)
			snprintf(buf, len, "  %-*s %.*s", kw, row ? "" : r->keys,
				 (int)n, s);
		row++;
		if (!s[n])
			return row;
		s += n + 1;
		kw = 8;
	}
}

int action_help_lines(enum keymap map)
{
	int n = 0;

	for (size_t i = 0; i < action_count; i++)
		if (action_table[i].map == map)
			n += help_rows(&action_table[i], -1, NULL, 0);
	return n;
}

void action_help_line(enum keymap map, int i, char *buf, size_t len)
{
	buf[0] = '\0';
	for (size_t k = 0; k < action_count; k++) {
		const struct action *r = &action_table[k];
		int n;

		if (r->map != map)
			continue;
		n = help_rows(r, -1, NULL, 0);
		if (i < n) {
			help_rows(r, i, buf, len);
			return;
		}
		i -= n;
	}
}
