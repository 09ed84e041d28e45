/* SPDX-License-Identifier: GPL-2.0-or-later */
/* complete.c - completion that follows the command language. A command's
 * args spec (cmdtab.h) is read into a small tree (sequences, either-or,
 * optional parts, and leaves: fixed words or an operand kind); the words
 * typed before the cursor are walked through it as a set of positions, and
 * every leaf that the walk reaches at the cursor offers its words. */
#include "complete.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "explain.h"
#include "sockopt.h"
#include "view.h"

#define MAX_NODES 64
#define MAX_WORDS 48		/* words before the cursor (< 64: a bit set) */

/* ---- the candidates ---------------------------------------------------- */

void completion_add(struct completion *c, const char *word)
{
	const char *suffix = c->suffix ? c->suffix : "";
	size_t n = strlen(word), m = strlen(suffix);
	char *w;

	if (c->n == COMPLETE_MAX || n + m >= COMPLETE_WORD || !n)
		return;
	w = c->words[c->n];
	memcpy(w, word, n);
	memcpy(w + n, suffix, m + 1);
	if (strncmp(w, c->word, c->wlen) != 0)
		return;
	for (int i = 0; i < c->n; i++)
		if (strcmp(c->words[i], w) == 0)
			return;
	c->list[c->n++] = w;
	c->list[c->n] = NULL;
}

static void add_all(struct completion *c, const char *const *words)
{
	for (; *words; words++)
		completion_add(c, *words);
}

/* ---- the args spec ------------------------------------------------------ */

enum node_type { N_SEQ, N_ALT, N_OPT, N_WORDS, N_KIND };

enum arg_kind {
	AK_SOCK, AK_PROC, AK_NAME, AK_ADDR, AK_HOST, AK_OPT, AK_VAL,
	AK_STATE, AK_DUR, AK_NUM, AK_DATA, AK_TEXT, AK_END, AK_FLAGS, AK_SYSCTL,
	AK_HOSTNAME, AK_PATH, AK_COUNT
};

static const char *const kind_names[AK_COUNT] = {
	[AK_SOCK] = "sock", [AK_PROC] = "proc", [AK_NAME] = "name",
	[AK_ADDR] = "addr", [AK_HOST] = "host", [AK_OPT] = "opt",
	[AK_VAL] = "val", [AK_STATE] = "state", [AK_DUR] = "dur",
	[AK_NUM] = "num", [AK_DATA] = "data", [AK_TEXT] = "text",
	[AK_END] = "end", [AK_FLAGS] = "flags", [AK_SYSCTL] = "sysctl",
	[AK_HOSTNAME] = "hostname", [AK_PATH] = "path",
};

/* the network sysctls a lesson is likeliest to set */
static const char *const sysctls[] = {
	"net.core.somaxconn", "net.ipv4.ip_local_port_range",
	"net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_max_syn_backlog",
	"net.ipv4.tcp_syn_retries", "net.ipv4.tcp_synack_retries",
	"net.ipv4.tcp_tw_reuse", NULL
};

/* what expect segment offers for its FLAGS */
static const char *const seg_flags[] = {
	"SYN", "SYN+ACK", "ACK", "PSH+ACK", "FIN+ACK", "FIN", "RST", "RST+ACK",
	NULL
};

struct node {
	enum node_type type;
	enum arg_kind kind;	/* N_KIND */
	const char *s;		/* N_WORDS: "w1|w2" */
	size_t len;
	int child, next;	/* -1: none */
};

struct spec {
	struct node n[MAX_NODES];
	int count;
	const char *p;		/* where reading is */
	const char *err;
};

static int new_node(struct spec *sp, enum node_type type)
{
	struct node *n;

	if (sp->count == MAX_NODES) {
		sp->err = "too long";
		return -1;
	}
	n = &sp->n[sp->count];
	memset(n, 0, sizeof(*n));
	n->type = type;
	n->child = n->next = -1;
	return sp->count++;
}

/* Make child the last child of parent. */
static void adopt(struct spec *sp, int parent, int child)
{
	int *at = &sp->n[parent].child;

	while (*at >= 0)
		at = &sp->n[*at].next;
	*at = child;
}

static void skip_blanks(struct spec *sp)
{
	while (*sp->p == ' ')
		sp->p++;
}

static int parse_alt(struct spec *sp);

/* <kind> */
static int parse_kind(struct spec *sp)
{
	const char *end = strchr(sp->p, '>');
	int n;

	if (!end) {
		sp->err = "'<' without '>'";
		return -1;
	}
	for (int k = 0; k < AK_COUNT; k++)
		if (strlen(kind_names[k]) == (size_t)(end - sp->p - 1) &&
		    strncmp(kind_names[k], sp->p + 1, (size_t)(end - sp->p - 1)) == 0) {
			if ((n = new_node(sp, N_KIND)) < 0)
				return -1;
			sp->n[n].kind = (enum arg_kind)k;
			sp->p = end + 1;
			return n;
		}
	sp->err = "unknown kind";
	return -1;
}

/* w1|w2|...: lower-case letters, digits, '-' and '>', no empty word */
static int parse_words(struct spec *sp)
{
	const char *s = sp->p;
	bool empty = true;
	int n;

	for (; *s && *s != ' ' && *s != '[' && *s != ']'; s++) {
		if (*s == '|') {
			if (empty)
				break;
			empty = true;
		} else if (islower((unsigned char)*s) || isdigit((unsigned char)*s) ||
			   *s == '-' || *s == '>') {
			empty = false;
		} else {
			sp->err = "a fixed word may have a-z, 0-9, '-' and '>'";
			return -1;
		}
	}
	if (empty) {
		sp->err = "an empty fixed word";
		return -1;
	}
	if ((n = new_node(sp, N_WORDS)) < 0)
		return -1;
	sp->n[n].s = sp->p;
	sp->n[n].len = (size_t)(s - sp->p);
	sp->p = s;
	return n;
}

static int parse_seq(struct spec *sp)
{
	int seq = new_node(sp, N_SEQ), item, alt;

	while (seq >= 0) {
		skip_blanks(sp);
		switch (*sp->p) {
		case '\0': case ']': case '|':
			return seq;
		case '[':
			sp->p++;
			if ((item = new_node(sp, N_OPT)) < 0)
				return -1;
			if ((alt = parse_alt(sp)) < 0)
				return -1;
			adopt(sp, item, alt);
			if (*sp->p != ']') {
				sp->err = "'[' without ']'";
				return -1;
			}
			sp->p++;
			break;
		case '<':
			item = parse_kind(sp);
			break;
		default:
			item = parse_words(sp);
			break;
		}
		if (item < 0)
			return -1;
		adopt(sp, seq, item);
	}
	return -1;
}

/* seq | seq | ... up to ']' or the end */
static int parse_alt(struct spec *sp)
{
	int alt = new_node(sp, N_ALT), seq;

	while (alt >= 0) {
		if ((seq = parse_seq(sp)) < 0)
			return -1;
		adopt(sp, alt, seq);
		skip_blanks(sp);
		if (*sp->p != '|')
			return alt;
		sp->p++;
		if (*sp->p && *sp->p != ' ') {
			sp->err = "'|' between parts stands alone";
			return -1;
		}
	}
	return -1;
}

/* The tree of spec, its root at node 0; -1 with sp->err. */
static int spec_read(struct spec *sp, const char *spec)
{
	sp->count = 0;
	sp->p = spec;
	sp->err = NULL;
	if (parse_alt(sp) < 0)
		return -1;
	if (*sp->p) {
		sp->err = "']' without '['";
		return -1;
	}
	return 0;
}

int complete_spec_check(const char *spec, char *msg, size_t len)
{
	static struct spec sp;

	if (spec_read(&sp, spec) == 0)
		return 0;
	snprintf(msg, len, "at %d: %s", (int)(sp.p - spec), sp.err);
	return -1;
}

/* ---- the words of the line ----------------------------------------------- */

struct word {
	const char *s;
	size_t len;
	bool quoted;
};

struct walk {
	const struct spec *sp;
	const struct word *w;	/* the operands before the cursor */
	int n;
	enum cmd_kind cmd;
	complete_fill_fn fill;
	void *ctx;
	struct completion *c;
};

/* The words of line before the cursor's word into w (at most max), and
 * where the cursor's word starts. -1 when the cursor is in a string or a
 * comment, or there are too many words. */
static int split(const char *line, size_t cursor, struct word *w, int max,
		 size_t *start)
{
	size_t i = 0, k;
	int n = 0;

	*start = cursor;
	while (i < cursor) {
		if (isspace((unsigned char)line[i])) {
			i++;
			continue;
		}
		if (line[i] == '#')
			return -1;
		k = i;
		if (line[i] == '"' || line[i] == '\'') {
			for (k++; k < cursor && line[k] != line[i]; k++)
				if (line[k] == '\\')
					k++;
			if (k >= cursor)
				return -1;
			k++;
		}
		while (k < cursor && !isspace((unsigned char)line[k]))
			k++;
		if (k == cursor) {
			*start = i;
			break;
		}
		if (n == max)
			return -1;
		w[n++] = (struct word){ line + i, k - i,
					line[i] == '"' || line[i] == '\'' };
		i = k;
	}
	return n;
}

static bool word_is(const struct word *w, const char *s, size_t len)
{
	return !w->quoted && w->len == len && strncasecmp(w->s, s, len) == 0;
}

/* The word as a string (cut at size - 1 bytes). */
static const char *word_str(const struct word *w, char *buf, size_t size)
{
	size_t n = w->len < size - 1 ? w->len : size - 1;

	memcpy(buf, w->s, n);
	buf[n] = '\0';
	return buf;
}

/* ---- walking the spec ---------------------------------------------------- */

/* Does leaf node take word w as it is written? */
static bool leaf_takes(const struct node *nd, const struct word *w)
{
	char buf[32];
	unsigned char c0 = (unsigned char)w->s[0];

	if (nd->type == N_WORDS) {
		for (const char *s = nd->s, *e; s < nd->s + nd->len; s = e + 1) {
			e = memchr(s, '|', (size_t)(nd->s + nd->len - s));
			if (!e)
				e = nd->s + nd->len;
			if (word_is(w, s, (size_t)(e - s)))
				return true;
		}
		return false;
	}
	switch (nd->kind) {
	case AK_SOCK: case AK_PROC: case AK_NAME:
		return !w->quoted && (isalpha(c0) || c0 == '_');
	case AK_HOSTNAME:	/* no dots: a word with one is a sysctl */
		return !w->quoted && (isalpha(c0) || c0 == '_') &&
		       !memchr(w->s, '.', w->len);
	case AK_END:
		return !w->quoted && (isalnum(c0) || c0 == '_' || c0 == '[');
	case AK_FLAGS:
		return !w->quoted && (isupper(c0) || c0 == '.');
	case AK_SYSCTL:		/* net.*: dots */
		return !w->quoted && islower(c0) && memchr(w->s, '.', w->len);
	case AK_DUR: case AK_NUM:
		return !w->quoted && isdigit(c0);
	case AK_DATA:
		return w->quoted || isdigit(c0);
	case AK_OPT:
		return !w->quoted && sockopt_find(word_str(w, buf, sizeof(buf)));
	case AK_STATE:
		return !w->quoted && view_state_parse(word_str(w, buf, sizeof(buf))) >= 0;
	case AK_TEXT:
		return true;
	default:
		return !w->quoted;
	}
}

/* The value words of the option named last before the cursor. */
static void offer_values(struct walk *k)
{
	const struct sockopt_def *d = NULL;
	char buf[32];

	for (int i = k->n - 1; i >= 0 && !d; i--)
		if (!k->w[i].quoted)
			d = sockopt_find(word_str(&k->w[i], buf, sizeof(buf)));
	if (!d)
		return;
	switch (d->kind) {
	case SOV_BOOL:
		completion_add(k->c, "on");
		completion_add(k->c, "off");
		break;
	case SOV_LINGER: case SOV_IFNAME:
		completion_add(k->c, "off");
		break;
	default:
		break;
	}
}

/* A leaf reached at the cursor: what it offers. */
static void offer(struct walk *k, const struct node *nd)
{
	char buf[COMPLETE_WORD];

	if (nd->type == N_WORDS) {
		for (const char *s = nd->s, *e; s < nd->s + nd->len; s = e + 1) {
			e = memchr(s, '|', (size_t)(nd->s + nd->len - s));
			if (!e)
				e = nd->s + nd->len;
			if ((size_t)(e - s) < sizeof(buf)) {
				memcpy(buf, s, (size_t)(e - s));
				buf[e - s] = '\0';
				completion_add(k->c, buf);
			}
		}
		return;
	}
	switch (nd->kind) {
	case AK_SOCK:
		if (k->fill)
			k->fill(k->ctx, CS_SOCKETS, k->cmd, k->c);
		break;
	case AK_END:
		if (k->fill) {
			k->fill(k->ctx, CS_SOCKETS, k->cmd, k->c);
			k->fill(k->ctx, CS_ADDRS, k->cmd, k->c);
		}
		break;
	case AK_FLAGS:
		add_all(k->c, seg_flags);
		break;
	case AK_SYSCTL:
		add_all(k->c, sysctls);
		break;
	case AK_PROC:
		if (k->fill)
			k->fill(k->ctx, CS_PROCS, k->cmd, k->c);
		break;
	case AK_HOSTNAME:
		if (k->fill)
			k->fill(k->ctx, CS_HOSTS, k->cmd, k->c);
		break;
	case AK_ADDR:
		if (k->fill)
			k->fill(k->ctx, CS_ADDRS, k->cmd, k->c);
		break;
	case AK_OPT:
		add_all(k->c, sockopt_names());
		break;
	case AK_VAL:
		offer_values(k);
		break;
	case AK_STATE:
		add_all(k->c, view_state_names());
		break;
	default:		/* a new name, a number, text: nothing to offer */
		break;
	}
}

/* From each position in starts (bit i: before operand i), the positions
 * node can end at; the leaves it reaches at the cursor (position n) offer
 * their words. */
static uint64_t run(struct walk *k, int node, uint64_t starts)
{
	const struct node *nd = &k->sp->n[node];
	uint64_t ends = 0;

	switch (nd->type) {
	case N_SEQ:
		for (int c = nd->child; c >= 0 && starts; c = k->sp->n[c].next)
			starts = run(k, c, starts);
		return starts;
	case N_ALT:
		for (int c = nd->child; c >= 0; c = k->sp->n[c].next)
			ends |= run(k, c, starts);
		return ends;
	case N_OPT:
		return starts | run(k, nd->child, starts);
	default:
		for (int i = 0; i <= k->n; i++) {
			if (!(starts & (UINT64_C(1) << i)))
				continue;
			if (i == k->n)
				offer(k, nd);
			else if (leaf_takes(nd, &k->w[i]))
				ends |= UINT64_C(1) << (i + 1);
		}
		return ends;
	}
}

/* ---- the line -------------------------------------------------------------- */

/* After "=> ": ok, the command's likely errnos, then every errno name. */
static void offer_errnos(struct completion *c, const struct cmd_info *info)
{
	completion_add(c, "ok");
	for (const int *e = info->errnos; *e; e++)
		completion_add(c, explain_errname(*e));
	add_all(c, explain_errnames());
}

static void complete_operands(const struct word *args, int n,
			      enum cmd_kind cmd, complete_fill_fn fill,
			      void *ctx, struct completion *c)
{
	static struct spec sp;
	const struct cmd_info *info = command_info(cmd);
	struct walk k = { &sp, args, n, cmd, fill, ctx, c };
	/* wait DURATION (one operand) has no outcome, unlike wait SOCK STATE */
	bool expect = (info->flags & CF_EXPECT) != 0 && !(cmd == CMD_WAIT && n == 1);

	if (info->flags & CF_TEXT)
		return;
	for (int i = 0; i < n; i++)
		if (word_is(&args[i], "=>", 2)) {
			if (expect && i == n - 1)
				offer_errnos(c, info);
			return;
		}
	if (spec_read(&sp, info->args) < 0)
		return;
	if ((run(&k, 0, 1) & (UINT64_C(1) << n)) && expect)
		completion_add(c, "=>");
}

const char *const *complete_line(const char *line, size_t cursor,
				 complete_fill_fn fill, void *ctx,
				 struct completion *c)
{
	struct word w[MAX_WORDS];
	size_t start;
	int n, k = 0;
	enum cmd_kind cmd;

	c->n = 0;
	c->list[0] = NULL;
	c->suffix = NULL;
	c->word = line + cursor;
	c->wlen = 0;
	if ((n = split(line, cursor, w, MAX_WORDS, &start)) < 0)
		return c->list;
	c->word = line + start;
	c->wlen = cursor - start;
	/* "PROC:" */
	if (n > 0 && !w[0].quoted && w[0].len > 1 && w[0].s[w[0].len - 1] == ':')
		k = 1;
	if (k == n) {		/* the command word */
		add_all(c, command_names());
		if (k == 0 && fill) {
			c->suffix = ":";
			fill(ctx, CS_PROCS, CMD_NONE, c);
			c->suffix = NULL;
		}
		return c->list;
	}
	if (w[k].quoted || (cmd = command_lookup(w[k].s, w[k].len)) == CMD_NONE)
		return c->list;
	complete_operands(w + k + 1, n - k - 1, cmd, fill, ctx, c);
	return c->list;
}
