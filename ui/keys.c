/* SPDX-License-Identifier: GPL-2.0-or-later */
/* keys.c - the keymap. A key is a command with defaults filled in: it
 * opens a prompt whose default makes Enter enough, and the line it builds
 * runs through the same parser and executor as a typed ':' command. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "command.h"
#include "explain.h"
#include "ui.h"
#include "util.h"

#define KEY_ESC 27
#define KEY_CTRL(c) ((c) & 0x1f)
#define MAX_CANDIDATES 256

/* ---- completion ------------------------------------------------------------ */

struct completion {
	char words[MAX_CANDIDATES][NAME_MAX_LEN + 8];
	const char *list[MAX_CANDIDATES + 1];
	int n;
};

static void candidate(struct completion *c, const char *word, const char *prefix,
		      size_t plen)
{
	if (c->n == MAX_CANDIDATES || strncmp(word, prefix, plen) != 0)
		return;
	for (int i = 0; i < c->n; i++)
		if (strcmp(c->words[i], word) == 0)
			return;
	str_copy(c->words[c->n], word, sizeof(c->words[0]));
	c->list[c->n] = c->words[c->n];
	c->n++;
}

static void candidates_from(struct completion *c, const char *const *words,
			    const char *prefix, size_t plen)
{
	for (; *words; words++)
		candidate(c, *words, prefix, plen);
}

/* Where the command word starts: after blanks and a "PROC:" prefix. */
static size_t command_word(const char *line)
{
	size_t i = strspn(line, " "), w = i + strcspn(line + i, " :");

	if (line[w] == ':')
		i = w + 1 + strspn(line + w + 1, " ");
	return i;
}

/* The word under the cursor: a command name when it is the first word
 * (after an optional "PROC:" prefix), else socket ids and names, option
 * names, process names and the language's keywords. */
static const char *const *complete(void *ctx, const char *line, size_t cursor)
{
	static const char *const keywords[] = {
		"tcp", "udp", "as", "on", "off", "rd", "wr", "rdwr", "uid", "no",
		"ok", "LISTEN", "ESTAB", "TIME-WAIT", "SYN-SENT", "CLOSE-WAIT",
		"FIN-WAIT-2", "BOUND", "UNCONN", NULL,
	};
	static struct completion c;
	struct tui *t = ctx;
	size_t start = cursor;
	const char *prefix;
	char id[16];
	bool first;

	while (start > 0 && line[start - 1] != ' ')
		start--;
	prefix = line + start;
	first = start <= command_word(line);
	c.n = 0;
	if (first) {
		candidates_from(&c, command_names(), prefix, cursor - start);
	} else {
		for (int i = 0; i < t->st.nsocks; i++) {
			snprintf(id, sizeof(id), "s%d", t->st.socks[i]->id);
			candidate(&c, id, prefix, cursor - start);
			if (t->st.socks[i]->name[0])
				candidate(&c, t->st.socks[i]->name, prefix, cursor - start);
		}
		for (int i = 0; i < t->st.nprocs; i++)
			candidate(&c, t->st.procs[i].name, prefix, cursor - start);
		candidates_from(&c, sockopt_names(), prefix, cursor - start);
		candidates_from(&c, keywords, prefix, cursor - start);
	}
	c.list[c.n] = NULL;
	return c.list;
}

/* ---- prompts ----------------------------------------------------------------- */

static void ask(struct tui *t, const char *label, const char *prefix,
		const char *initial)
{
	memset(&t->pp, 0, sizeof(t->pp));
	str_copy(t->pp.cmd_prefix, prefix, sizeof(t->pp.cmd_prefix));
	prompt_open(&t->prompt, label, initial, &t->history, complete, t);
	t->prompting = true;
	curs_set(1);
}

static void ask_raw(struct tui *t)
{
	ask(t, ":", "", "");
	t->pp.raw = true;
}

void keys_ask_step(struct tui *t)
{
	char label[64];

	snprintf(label, sizeof(label), "go to step (1-%d): ", t->play.l.nsteps);
	ask(t, label, "", "");
	t->pp.step = true;
}

/* G's answer: a step number, replayed up to silently. */
static void go_to_step(struct tui *t, const char *text)
{
	char *end;
	long n = strtol(text, &end, 10);

	while (*end == ' ')
		end++;
	if (end == text || *end)
		log_add(&t->log, ROLE_FAIL, "'%s' is not a step number (1-%d)", text,
			t->play.l.nsteps);
	else
		play_jump(t, n < 0 || n > 100000 ? 0 : (int)n);
}

static void prompt_finished(struct tui *t, enum prompt_status st)
{
	char line[PROMPT_MAX + 128];

	t->prompting = false;
	curs_set(0);
	if (st == PROMPT_CANCEL)
		return;
	if (t->pp.step) {
		go_to_step(t, t->prompt.buf);
		return;
	}
	if (t->pp.export_c) {
		tui_export_write(t, t->prompt.buf[0] ? t->prompt.buf :
				 "sockstage-session.c");
		return;
	}
	if (t->pp.filter) {
		str_copy(t->filter, t->prompt.buf, sizeof(t->filter));
		t->kscroll = 0;
		return;
	}
	snprintf(line, sizeof(line), "%s%s", t->pp.cmd_prefix, t->prompt.buf);
	prompt_history_add(&t->history, line);
	tui_run_line(t, line);
}

/* ---- the selected socket ------------------------------------------------------ */

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

/* The entry delta steps from *cur in idx[0..n-1] (clamped at the ends). */
static void step(const int *idx, int n, int *cur, int delta)
{
	int at = 0;

	if (!n)
		return;
	for (int i = 0; i < n; i++)
		if (idx[i] == *cur)
			at = i;
	at += delta;
	*cur = idx[at < 0 ? 0 : at >= n ? n - 1 : at];
}

static void move_selection(struct tui *t, int delta)
{
	int *idx = xcalloc((size_t)t->st.nsocks, sizeof(*idx));
	int n = tui_live_socks(t, idx, t->st.nsocks);

	step(idx, n, &t->sel, delta);
	free(idx);
}

/* ---- the selected process ---------------------------------------------------- */

static void move_proc(struct tui *t, int delta)
{
	int idx[STAGE_MAX_PROCS], n = tui_live_procs(t, idx, STAGE_MAX_PROCS);

	step(idx, n, &t->psel, delta);
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

/* S spawn, F fork, E exit, K kill, U use: on the selected process. */
static bool process_key(struct tui *t, int key)
{
	const struct stage_proc *p;
	char prefix[96], label[160];

	if (key == 'S') {
		ask(t, "spawn NAME [uid N [gid G]]: ", "spawn ", "");
		return true;
	}
	if (!key || !strchr("FEKU", key))	/* strchr finds the NUL too */
		return false;
	if (!(p = selected_proc(t)))
		return true;
	switch (key) {
	case 'U':
		snprintf(label, sizeof(label), "use %s", p->name);
		tui_run_line(t, label);
		return true;
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
	ask(t, label, prefix, "");
	return true;
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

static void toggle(struct tui *t, enum sock_opt opt)
{
	struct stage_sock *s = selected(t);
	char line[128];

	if (!s)
		return;
	sock_prefix(t, s, "set", line, sizeof(line));
	snprintf(line + strlen(line), sizeof(line) - strlen(line), "%s %s",
		 sockopt_get(opt)->name, s->opts & (1u << opt) ? "off" : "on");
	tui_run_line(t, line);
}

struct sock_key {
	int key;
	const char *verb;	/* the command */
	const char *label;	/* what the prompt asks */
};

static const struct sock_key sock_keys[] = {
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

static const char *sock_key_default(struct tui *t, int key)
{
	switch (key) {
	case 'b': return t->last_bind;
	case 'c': return t->last_listen[0] ? t->last_listen : "127.0.0.1:3459";
	case 's': return "\"hello\"";
	case 'w': return "wr";
	case 'a': return "";
	default: return "";
	}
}

static bool socket_key(struct tui *t, int key)
{
	char prefix[96], label[160];
	struct stage_sock *s;

	for (size_t i = 0; i < ARRAY_LEN(sock_keys); i++) {
		if (sock_keys[i].key != key)
			continue;
		if (!(s = selected(t)))
			return true;
		sock_prefix(t, s, sock_keys[i].verb, prefix, sizeof(prefix));
		snprintf(label, sizeof(label), "%s%s: ", prefix, sock_keys[i].label);
		ask(t, label, prefix, sock_key_default(t, key));
		return true;
	}
	return false;
}

/* ---- dispatch ------------------------------------------------------------------ */

static void help_key(struct tui *t, bool is_key, unsigned key)
{
	int page = LINES > 4 ? LINES - 4 : 1;

	if ((!is_key && (key == KEY_ESC || key == 'q' || key == '?')) ||
	    (is_key && (key == KEY_F(1) || key == KEY_F(10))))
		t->help = false;
	else if (is_key && key == KEY_UP)
		t->help_scroll--;
	else if (is_key && key == KEY_DOWN)
		t->help_scroll++;
	else if (is_key && key == KEY_PPAGE)
		t->help_scroll -= page;
	else if ((is_key && key == KEY_NPAGE) || (!is_key && key == ' '))
		t->help_scroll += page;
	if (t->help_scroll > help_lines() - page)
		t->help_scroll = help_lines() - page;
	if (t->help_scroll < 0)
		t->help_scroll = 0;
}

static void special_key(struct tui *t, unsigned key)
{
	switch (key) {
	case KEY_UP:
		if (t->focus == FOCUS_KERNEL)
			t->kscroll = t->kscroll > 0 ? t->kscroll - 1 : 0;
		else if (t->focus == FOCUS_PROCS)
			move_proc(t, -1);
		else
			move_selection(t, -1);
		break;
	case KEY_DOWN:
		if (t->focus == FOCUS_KERNEL)
			t->kscroll++;
		else if (t->focus == FOCUS_PROCS)
			move_proc(t, 1);
		else
			move_selection(t, 1);
		break;
	case KEY_PPAGE:
		t->kscroll = t->kscroll > 10 ? t->kscroll - 10 : 0;
		break;
	case KEY_NPAGE:
		t->kscroll += 10;
		break;
	case KEY_HOME:
		t->kscroll = 0;
		break;
	case KEY_F(1):
		t->help = true;
		t->help_scroll = 0;
		break;
	case KEY_F(10):
		t->quit = true;
		break;
	case KEY_BTAB:
		t->focus = (t->focus + FOCUS_COUNT - 1) % FOCUS_COUNT;
		break;
	default:
		break;	/* KEY_RESIZE and the rest: a redraw */
	}
}

static void plain_key(struct tui *t, unsigned key)
{
	switch (key) {
	case 'q': t->quit = true; break;
	case '?': t->help = true; t->help_scroll = 0; break;
	case ':': ask_raw(t); break;
	case '/':
		ask(t, "filter the kernel view (Enter: none): ", "", t->filter);
		t->pp.filter = true;
		break;
	case 'A':
		t->all_view = !t->all_view;
		t->kscroll = 0;
		tui_read_kernel(t);
		break;
	case 'Z':
		t->paused = !t->paused;
		if (!t->paused)
			tui_read_kernel(t);
		break;
	case '\t':
		t->focus = (t->focus + 1) % FOCUS_COUNT;
		break;
	case KEY_CTRL('l'):
		clearok(curscr, TRUE);
		break;
	case 'n': ask(t, "socket (tcp|udp [4|6] [as NAME]): ", "socket ", "tcp"); break;
	case 'r': toggle(t, OPT_REUSEADDR); break;
	case 'p': toggle(t, OPT_REUSEPORT); break;
	case 'v': toggle(t, OPT_V6ONLY); break;
	case 'W':
		ask(t, "write the session as C to: ", "", "sockstage-session.c");
		t->pp.export_c = true;
		break;
	case 'j': move_selection(t, 1); break;
	case 'k': move_selection(t, -1); break;
	case 'y': why_open(t); break;
	default:
		if (!socket_key(t, (int)key) && !process_key(t, (int)key) &&
		    key >= ' ' && key < 127)
			log_add(&t->log, ROLE_DIM, "key '%c' does nothing: press ? for help",
				(int)key);
		break;
	}
}

void keys_handle(struct tui *t, bool is_key, unsigned key)
{
	enum prompt_status st;

	if (is_key && key == KEY_RESIZE)
		return;		/* the next draw uses the new size */
	if (t->prompting) {
		st = prompt_key(&t->prompt, is_key, key);
		if (st != PROMPT_EDITING)
			prompt_finished(t, st);
		return;
	}
	if (t->help)
		help_key(t, is_key, key);
	else if (t->why.open)
		why_key(t, is_key, key);
	else if (play_key(t, is_key, key))
		;	/* a lesson's key */
	else if (is_key)
		special_key(t, key);
	else
		plain_key(t, key);
}
