/* SPDX-License-Identifier: GPL-2.0-or-later */
/* command.c - the command language: one line in, one struct command out.
 * Every mistake becomes a message with the column it was found at. */
#include "command.h"

#include <ctype.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include "capture.h"
#include "explain.h"
#include "util.h"
#include "view.h"

#define MAX_TOKENS 12
#define MAX_SEND_BYTES (64L * 1024 * 1024)
#define MAX_RECV_BYTES 65536
#define MAX_WAIT_MS (600L * 1000)

struct token {
	const char *s;		/* points into the line */
	size_t len;
	int col;
	char *str;		/* quoted: decoded bytes (owned), else NULL */
	size_t strlen;
};

struct parser {
	const char *line;
	struct token tok[MAX_TOKENS];
	int n;			/* tokens */
	int end_col;		/* column just past the last token */
	struct command *cmd;
	struct cmd_error *err;
};

struct cmd_def {
	const char *name;
	const char *usage;
	int (*parse)(struct parser *p);
	struct cmd_info info;
};

/* every command's parser (named in the command table) */
#define CMD_PARSE_PROTO(K, word, usage, args, help, call, flags, parse, \
			...) \
	int parse(struct parser *p);
CMD_TABLE(CMD_PARSE_PROTO)
#undef CMD_PARSE_PROTO

static int error_at(struct parser *p, int col, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int error_at(struct parser *p, int col, const char *fmt, ...)
{
	va_list ap;

	p->err->col = col;
	va_start(ap, fmt);
	vsnprintf(p->err->msg, sizeof(p->err->msg), fmt, ap);
	va_end(ap);
	return -1;
}

/* ---- lexing ----------------------------------------------------------- */

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower((unsigned char)c);	/* c may be a negative char */
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Decode a quoted token starting at s (on the opening quote). Sets *endp
 * past the closing quote. */
static int lex_quoted(struct parser *p, const char *s, struct token *t,
		      const char **endp)
{
	char quote = *s;
	char *out = xmalloc(strlen(s) + 1);
	size_t n = 0;
	const char *c = s + 1;

	t->str = out;
	for (; *c && *c != quote; c++) {
		if (*c != '\\') {
			out[n++] = *c;
			continue;
		}
		c++;
		switch (*c) {
		case 'n': out[n++] = '\n'; break;
		case 't': out[n++] = '\t'; break;
		case 'r': out[n++] = '\r'; break;
		case '0': out[n++] = '\0'; break;
		case '\\': case '"': case '\'': out[n++] = *c; break;
		case 'x':
			if (hexval(c[1]) < 0 || hexval(c[2]) < 0)
				return error_at(p, (int)(c - p->line) - 1,
						"bad escape: \\x needs two hex digits");
			out[n++] = (char)(hexval(c[1]) * 16 + hexval(c[2]));
			c += 2;
			break;
		case '\0':
			return error_at(p, (int)(c - p->line) - 1,
					"unterminated string");
		default:
			return error_at(p, (int)(c - p->line) - 1,
					"unknown escape '\\%c' (use \\n \\t \\r \\0 \\\\ \\\" \\xNN)",
					*c);
		}
	}
	if (*c != quote)
		return error_at(p, (int)(s - p->line), "unterminated string");
	out[n] = '\0';
	t->strlen = n;
	*endp = c + 1;
	return 0;
}

static int lex(struct parser *p, const char *s)
{
	while (*s) {
		struct token *t;

		while (isspace((unsigned char)*s))
			s++;
		if (!*s || *s == '#')
			break;
		if (p->n == MAX_TOKENS)
			return error_at(p, (int)(s - p->line), "too many words");
		t = &p->tok[p->n++];
		t->s = s;
		t->col = (int)(s - p->line);
		if (*s == '"' || *s == '\'') {
			if (lex_quoted(p, s, t, &s) < 0)
				return -1;
			if (*s && !isspace((unsigned char)*s))
				return error_at(p, (int)(s - p->line),
						"expected a space after the closing quote");
		} else {
			while (*s && !isspace((unsigned char)*s))
				s++;
		}
		t->len = (size_t)(s - t->s);
		p->end_col = (int)(s - p->line);
	}
	return 0;
}

static void lex_free(struct parser *p)
{
	for (int i = 0; i < p->n; i++)
		free(p->tok[i].str);
}

/* Copy token i as a NUL-terminated word into buf. */
static const char *word(struct parser *p, int i, char *buf, size_t len)
{
	size_t n = p->tok[i].len < len - 1 ? p->tok[i].len : len - 1;

	memcpy(buf, p->tok[i].s, n);
	buf[n] = '\0';
	return buf;
}

static bool word_is(struct parser *p, int i, const char *w)
{
	return i < p->n && !p->tok[i].str && p->tok[i].len == strlen(w) &&
	       strncasecmp(p->tok[i].s, w, p->tok[i].len) == 0;
}

/* ---- operands ---------------------------------------------------------- */

static const struct cmd_def *current_def(struct parser *p);

static int usage_error(struct parser *p, int col)
{
	const struct cmd_def *d = current_def(p);

	return error_at(p, col, "usage: %s", d->usage);
}

/* Tokens 1..n-1 are the operands (token 0 is the command word). */
static int want_args(struct parser *p, int min, int max)
{
	int args = p->n - 1;

	if (args < min)
		return usage_error(p, p->end_col);
	if (args > max)
		return usage_error(p, p->tok[max + 1].col);
	return 0;
}

/* The n characters at s make a name (of any length). */
static bool valid_name(const char *s, size_t n)
{
	if (!n || (!isalpha((unsigned char)*s) && *s != '_'))
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) &&
		    (!s[i] || !strchr("_-.", s[i])))
			return false;
	return true;
}

/* A valid name longer than NAME_MAX_LEN at s: its start and the limit. */
static int name_too_long(struct parser *p, int col, const char *s)
{
	return error_at(p, col, "'%.20s...': the name is too long (at most %d "
			"characters)", s, NAME_MAX_LEN);
}

static int parse_ref(struct parser *p, int i, struct cmd_ref *ref,
		     const char *what)
{
	struct token *t = &p->tok[i];

	if (t->str || !valid_name(t->s, t->len))
		return error_at(p, t->col, "'%.*s': not a %s name",
				(int)(t->len > 40 ? 40 : t->len), t->s, what);
	if (t->len > NAME_MAX_LEN)
		return name_too_long(p, t->col, t->s);
	word(p, i, ref->name, sizeof(ref->name));
	ref->col = t->col;
	return 0;
}

/* "as NAME" at tokens i, i+1 */
static int parse_as(struct parser *p, int i)
{
	const char *n;

	if (i >= p->n)
		return 0;
	if (!word_is(p, i, "as"))
		return usage_error(p, p->tok[i].col);
	if (i + 1 >= p->n)
		return error_at(p, p->end_col, "'as' needs a NAME");
	if (i + 2 < p->n)
		return usage_error(p, p->tok[i + 2].col);
	if (parse_ref(p, i + 1, &p->cmd->as, "socket") < 0)
		return -1;
	n = p->cmd->as.name;
	if (n[0] == 's' && n[1] && strspn(n + 1, "0123456789") == strlen(n + 1))
		return error_at(p, p->tok[i + 1].col,
				"'%s' looks like a socket id; pick another name", n);
	return 0;
}

static int parse_long(struct parser *p, int i, long min, long max,
		      const char *what, long *out)
{
	struct token *t = &p->tok[i];
	char buf[32], *end;
	long v;

	if (t->str || t->len >= sizeof(buf))
		return error_at(p, t->col, "%s: expected a number", what);
	word(p, i, buf, sizeof(buf));
	errno = 0;
	v = strtol(buf, &end, 10);
	if (end == buf || *end)
		return error_at(p, t->col, "%s: '%s' is not a number", what, buf);
	if (errno || v < min || v > max)
		return error_at(p, t->col, "%s: %s is out of range (%ld-%ld)",
				what, buf, min, max);
	*out = v;
	return 0;
}

/* A UNIX socket's name (token i): a path, or @name */
static int parse_unix_name(struct parser *p, int i, struct addrspec *a)
{
	struct token *t = &p->tok[i];
	char msg[160];

	if (addr_parse_unix(t->str ? t->str : t->s, t->str ? t->strlen : t->len,
			    t->str != NULL, a, msg, sizeof(msg)) < 0)
		return error_at(p, t->col, "%s", msg);
	if (i == 2 || p->cmd->addr_col < 0)
		p->cmd->addr_col = t->col;
	return 0;
}

/* ADDR[:PORT], or a UNIX socket's name (quoted, @name, or what looks like
 * a path: the socket's family says at run time which it needs) */
static int parse_addr(struct parser *p, int i, bool port_required,
		      struct addrspec *a)
{
	struct token *t = &p->tok[i];
	char buf[128], msg[160];
	int pos = 0;

	if (t->str || addr_looks_unix(t->s, t->len))
		return parse_unix_name(p, i, a);
	if (t->len >= sizeof(buf))
		return error_at(p, t->col, "expected an address");
	word(p, i, buf, sizeof(buf));
	if (addr_parse(buf, port_required, a, msg, sizeof(msg), &pos) < 0)
		return error_at(p, t->col + pos, "%s", msg);
	if (i == 2 || p->cmd->addr_col < 0)
		p->cmd->addr_col = t->col;
	return 0;
}

static int parse_host(struct parser *p, int i, struct addrspec *a)
{
	char buf[128], msg[160];

	if (p->tok[i].str || p->tok[i].len >= sizeof(buf))
		return error_at(p, p->tok[i].col, "expected an address");
	if (addr_parse_host(word(p, i, buf, sizeof(buf)), a, msg, sizeof(msg)) < 0)
		return error_at(p, p->tok[i].col, "%s", msg);
	return 0;
}

static int parse_onoff(struct parser *p, int i, long *v)
{
	static const char *const on[] = { "on", "1", "yes", "true" };
	static const char *const off[] = { "off", "0", "no", "false" };

	for (size_t k = 0; k < ARRAY_LEN(on); k++) {
		if (word_is(p, i, on[k]))
			return (void)(*v = 1), 0;
		if (word_is(p, i, off[k]))
			return (void)(*v = 0), 0;
	}
	return error_at(p, p->tok[i].col, "expected on or off");
}

/* "300ms", "2s", "1.5s" */
static int parse_duration(struct parser *p, int i, long *ms)
{
	struct token *t = &p->tok[i];
	char buf[32], *end;
	double v;

	if (t->str || t->len >= sizeof(buf))
		return error_at(p, t->col, "expected a duration such as 300ms or 2s");
	word(p, i, buf, sizeof(buf));
	errno = 0;
	v = strtod(buf, &end);
	if (end == buf || errno || !(v >= 0))	/* !(v >= 0): also NaN */
		return error_at(p, t->col, "'%s': expected a duration such as 300ms or 2s", buf);
	if (strcmp(end, "ms") == 0)
		;
	else if (strcmp(end, "s") == 0)
		v *= 1000;
	else
		return error_at(p, t->col + (int)(end - buf),
				"'%s': give a unit, ms or s (300ms, 2s)", buf);
	if (v > MAX_WAIT_MS)
		return error_at(p, t->col, "'%s': at most 600s", buf);
	*ms = (long)(v + 0.5);
	return 0;
}

/* TEXT (quoted) or N filler bytes */
static int parse_payload(struct parser *p, int i)
{
	struct command *c = p->cmd;
	struct token *t = &p->tok[i];

	if (t->str) {
		c->data = xmalloc(t->strlen + 1);
		memcpy(c->data, t->str, t->strlen + 1);
		c->datalen = t->strlen;
		c->nbytes = -1;
		return 0;
	}
	if (!isdigit((unsigned char)t->s[0]))
		return error_at(p, t->col,
				"expected \"TEXT\" in quotes or a byte count N");
	return parse_long(p, i, 0, MAX_SEND_BYTES, "byte count", &c->nbytes);
}

static int parse_state(struct parser *p, int i)
{
	struct command *c = p->cmd;
	char buf[16];

	if (p->tok[i].str || p->tok[i].len >= sizeof(buf))
		return error_at(p, p->tok[i].col, "expected a state such as LISTEN");
	word(p, i, buf, sizeof(buf));
	c->state = view_state_parse(buf);
	if (c->state < 0)
		return error_at(p, p->tok[i].col,
				"'%s': not a state (LISTEN, ESTAB, SYN-SENT, SYN-RECV, "
				"FIN-WAIT-1, FIN-WAIT-2, TIME-WAIT, CLOSE-WAIT, LAST-ACK, "
				"CLOSING, UNCONN, BOUND, CLOSE)", buf);
	for (char *s = buf; *s; s++)
		*s = (char)toupper((unsigned char)*s);
	str_copy(c->state_name, buf, sizeof(c->state_name));
	return 0;
}

/* ---- one parser per command -------------------------------------------- */

/* stream|dgram|seqpacket at token i: a UNIX socket's type */
static int parse_unix_type(struct parser *p, int i)
{
	static const struct { const char *w; int type; } types[] = {
		{ "stream", SOCK_STREAM }, { "dgram", SOCK_DGRAM },
		{ "seqpacket", SOCK_SEQPACKET },
	};

	for (size_t k = 0; k < ARRAY_LEN(types); k++)
		if (word_is(p, i, types[k].w)) {
			p->cmd->type = types[k].type;
			return 0;
		}
	return error_at(p, i < p->n ? p->tok[i].col : p->end_col,
			"expected stream, dgram or seqpacket");
}

int cmdp_socket(struct parser *p)
{
	struct command *c = p->cmd;
	int i = 2;

	if (want_args(p, 1, 4) < 0)
		return -1;
	if (word_is(p, 1, "unix")) {
		c->family = AF_UNIX;
		if (parse_unix_type(p, 2) < 0)
			return -1;
		return parse_as(p, 3);
	}
	if (word_is(p, 1, "tcp"))
		c->proto = IPPROTO_TCP;
	else if (word_is(p, 1, "udp"))
		c->proto = IPPROTO_UDP;
	else
		return error_at(p, p->tok[1].col, "expected tcp, udp or unix");
	c->type = c->proto == IPPROTO_TCP ? SOCK_STREAM : SOCK_DGRAM;
	c->family = AF_INET;
	if (word_is(p, 2, "4") || word_is(p, 2, "6")) {
		c->family = p->tok[2].s[0] == '6' ? AF_INET6 : AF_INET;
		i = 3;
	} else if (p->n > 2 && !word_is(p, 2, "as")) {
		return error_at(p, p->tok[2].col, "expected 4, 6 or 'as NAME'");
	}
	return parse_as(p, i);
}

/* An interface name as sockstage takes it: letters, digits and "-_.@+"
 * (a subset of what Linux allows, safe in a transcript and in C). */
static bool ifname_ok(const struct parser *p, int i, size_t max)
{
	if (p->tok[i].str || p->tok[i].len == 0 || p->tok[i].len > max)
		return false;
	for (size_t k = 0; k < p->tok[i].len; k++) {
		unsigned char ch = (unsigned char)p->tok[i].s[k];

		if (!isalnum(ch) && !strchr("-_.@+", ch))
			return false;
	}
	return true;
}

/* set SOCK OPTION IFNAME|off: the name into c->text ("" for off). */
static int parse_ifname(struct parser *p, int i, struct command *c)
{
	char buf[SOCKOPT_STR];

	if (word_is(p, i, "off")) {
		c->text = xstrdup("");
		return 0;
	}
	if (!ifname_ok(p, i, sizeof(buf) - 1))
		return error_at(p, p->tok[i].col,
				"expected an interface name (at most %zu letters, "
				"digits or -_.@+) or off", sizeof(buf) - 1);
	c->text = xstrdup(word(p, i, buf, sizeof(buf)));
	return 0;
}

static int parse_opt_value(struct parser *p, const struct sockopt_def *d)
{
	struct command *c = p->cmd;

	switch (d->kind) {
	case SOV_BOOL:
		return parse_onoff(p, 3, &c->value);
	case SOV_INT:
		return parse_long(p, 3, 0, 0x7fffffffL, d->name, &c->value);
	case SOV_LINGER:
		if (word_is(p, 3, "off"))
			return (void)(c->value = -1), 0;
		return parse_long(p, 3, 0, 0x7fffffffL, "linger seconds", &c->value);
	case SOV_ADDR4:
		c->addr_col = p->tok[3].col;
		return parse_host(p, 3, &c->addr);
	case SOV_IFNAME:
		return parse_ifname(p, 3, c);
	}
	return 0;
}

int cmdp_set(struct parser *p)
{
	struct command *c = p->cmd;
	const struct sockopt_def *d = NULL;
	char name[32], list[400];

	if (want_args(p, 2, 3) < 0 || parse_ref(p, 1, &c->sock, "socket") < 0)
		return -1;
	word(p, 2, name, sizeof(name));
	if (!p->tok[2].str)
		d = sockopt_find(name);
	if (!d) {
		sockopt_list(" ", list, sizeof(list));
		return error_at(p, p->tok[2].col, "'%s': unknown option (%s)",
				name, list);
	}
	c->opt = d->id;
	c->value = 1;
	if (p->n == 3) {
		if (d->kind == SOV_BOOL)
			return 0;
		return error_at(p, p->end_col, "%s needs a value", d->name);
	}
	c->value_set = true;
	return parse_opt_value(p, d);
}

int cmdp_bind(struct parser *p)
{
	if (want_args(p, 2, 2) < 0 || parse_ref(p, 1, &p->cmd->sock, "socket") < 0)
		return -1;
	return parse_addr(p, 2, false, &p->cmd->addr);
}

int cmdp_listen(struct parser *p)
{
	struct command *c = p->cmd;

	if (want_args(p, 1, 2) < 0 || parse_ref(p, 1, &c->sock, "socket") < 0)
		return -1;
	c->value = 4096;
	if (p->n == 3) {
		c->value_set = true;
		return parse_long(p, 2, 0, 65535, "backlog", &c->value);
	}
	return 0;
}

int cmdp_connect(struct parser *p)
{
	if (want_args(p, 2, 2) < 0 || parse_ref(p, 1, &p->cmd->sock, "socket") < 0)
		return -1;
	return parse_addr(p, 2, true, &p->cmd->addr);
}

int cmdp_accept(struct parser *p)
{
	if (want_args(p, 1, 3) < 0 || parse_ref(p, 1, &p->cmd->sock, "socket") < 0)
		return -1;
	return parse_as(p, 2);
}

int cmdp_send(struct parser *p)
{
	if (want_args(p, 2, 2) < 0 || parse_ref(p, 1, &p->cmd->sock, "socket") < 0)
		return -1;
	return parse_payload(p, 2);
}

int cmdp_sendto(struct parser *p)
{
	if (want_args(p, 3, 3) < 0 || parse_ref(p, 1, &p->cmd->sock, "socket") < 0 ||
	    parse_addr(p, 2, true, &p->cmd->addr) < 0)
		return -1;
	return parse_payload(p, 3);
}

int cmdp_recv(struct parser *p)
{
	struct command *c = p->cmd;

	if (want_args(p, 1, 2) < 0 || parse_ref(p, 1, &c->sock, "socket") < 0)
		return -1;
	c->value = MAX_RECV_BYTES;
	if (p->n == 3) {
		c->value_set = true;
		return parse_long(p, 2, 1, MAX_RECV_BYTES, "max bytes", &c->value);
	}
	return 0;
}

int cmdp_shutdown(struct parser *p)
{
	struct command *c = p->cmd;

	if (want_args(p, 2, 2) < 0 || parse_ref(p, 1, &c->sock, "socket") < 0)
		return -1;
	if (word_is(p, 2, "rd"))
		c->value = SHUT_RD;
	else if (word_is(p, 2, "wr"))
		c->value = SHUT_WR;
	else if (word_is(p, 2, "rdwr"))
		c->value = SHUT_RDWR;
	else
		return error_at(p, p->tok[2].col, "expected rd, wr or rdwr");
	return 0;
}

int cmdp_sock_only(struct parser *p)
{
	if (want_args(p, 1, 1) < 0)
		return -1;
	return parse_ref(p, 1, &p->cmd->sock, "socket");
}

/* socketpair stream|dgram|seqpacket as A B */
int cmdp_socketpair(struct parser *p)
{
	struct command *c = p->cmd;

	if (want_args(p, 4, 4) < 0 || parse_unix_type(p, 1) < 0)
		return -1;
	if (!word_is(p, 2, "as"))
		return usage_error(p, p->tok[2].col);
	if (parse_ref(p, 3, &c->as, "socket") < 0 ||
	    parse_ref(p, 4, &c->sock2, "socket") < 0)
		return -1;
	if (strcmp(c->as.name, c->sock2.name) == 0)
		return error_at(p, c->sock2.col, "the two ends need two names");
	for (int k = 3; k <= 4; k++) {
		const char *n = k == 3 ? c->as.name : c->sock2.name;

		if (n[0] == 's' && n[1] && strspn(n + 1, "0123456789") == strlen(n + 1))
			return error_at(p, p->tok[k].col,
					"'%s' looks like a socket id; pick another name", n);
	}
	c->family = AF_UNIX;
	return 0;
}

/* sendfd SOCK SOCK2 */
int cmdp_sendfd(struct parser *p)
{
	if (want_args(p, 2, 2) < 0 || parse_ref(p, 1, &p->cmd->sock, "socket") < 0)
		return -1;
	return parse_ref(p, 2, &p->cmd->sock2, "socket");
}

/* unlink PATH */
int cmdp_unlink(struct parser *p)
{
	struct command *c = p->cmd;

	if (want_args(p, 1, 1) < 0 || parse_unix_name(p, 1, &c->addr) < 0)
		return -1;
	if (c->addr.kind != ADDR_PATH)
		return error_at(p, p->tok[1].col, "an abstract name is no file: "
				"it goes with the last socket bound to it");
	return 0;
}

int cmdp_join(struct parser *p)
{
	struct command *c = p->cmd;

	if (want_args(p, 2, 3) < 0 || parse_ref(p, 1, &c->sock, "socket") < 0)
		return -1;
	c->addr_col = p->tok[2].col;
	if (parse_host(p, 2, &c->addr) < 0)
		return -1;
	if (c->addr.kind != ADDR_V4 || !IN_MULTICAST(ntohl(c->addr.v4.s_addr)))
		return error_at(p, p->tok[2].col,
				"the group must be an IPv4 multicast address (224.0.0.0/4)");
	if (p->n == 4) {
		if (parse_host(p, 3, &c->addr2) < 0)
			return -1;
		if (c->addr2.kind != ADDR_V4 && c->addr2.kind != ADDR_LOCALHOST)
			return error_at(p, p->tok[3].col,
					"the interface address must be IPv4");
	}
	return 0;
}

static int parse_seg_flags(struct parser *p, int i, uint8_t *flags);

/* "on HOST" at tokens i, i+1, if there: the next token's index */
static int parse_on(struct parser *p, int i)
{
	if (!word_is(p, i, "on"))
		return i;
	if (i + 1 >= p->n)
		return error_at(p, p->end_col, "'on' needs a HOST");
	if (parse_ref(p, i + 1, &p->cmd->host, "host") < 0)
		return -1;
	return i + 2;
}

int cmdp_spawn(struct parser *p)
{
	struct command *c = p->cmd;
	int i;

	if (want_args(p, 1, 7) < 0 || parse_ref(p, 1, &c->sock, "process") < 0)
		return -1;
	c->value = -1;
	c->gid = -1;
	if ((i = parse_on(p, 2)) < 0)
		return -1;
	if (p->n == i)
		return 0;
	if (!word_is(p, i, "uid"))
		return error_at(p, p->tok[i].col, i == 2 ? "expected 'on HOST' "
				"or 'uid N'" : "expected 'uid N'");
	if (p->n < i + 2)
		return error_at(p, p->end_col, "'uid' needs a number");
	c->value_set = true;
	if (parse_long(p, i + 1, 0, 0x7fffffffL, "uid", &c->value) < 0)
		return -1;
	if (p->n == i + 2)
		return 0;
	if (!word_is(p, i + 2, "gid"))
		return usage_error(p, p->tok[i + 2].col);
	if (p->n < i + 4)
		return error_at(p, p->end_col, "'gid' needs a number");
	if (p->n > i + 4)
		return usage_error(p, p->tok[i + 4].col);
	return parse_long(p, i + 3, 0, 0x7fffffffL, "gid", &c->gid);
}

/* host NAME [ADDR[/PREFIX]]... */
int cmdp_host(struct parser *p)
{
	struct command *c = p->cmd;
	char buf[80], msg[160];

	if (want_args(p, 1, 1 + HOST_ADDRS) < 0 ||
	    parse_ref(p, 1, &c->host, "host") < 0)
		return -1;
	if (strlen(c->host.name) > HOST_NAMELEN)
		return error_at(p, c->host.col, "a host's name has at most %d "
				"characters", HOST_NAMELEN);
	for (int i = 2; i < p->n; i++) {
		if (p->tok[i].str || p->tok[i].len >= sizeof(buf))
			return error_at(p, p->tok[i].col, "expected ADDR[/PREFIX]");
		word(p, i, buf, sizeof(buf));
		if (host_addr_parse(buf, &c->haddr[c->nhaddr], msg, sizeof(msg)) < 0)
			return error_at(p, p->tok[i].col, "%s", msg);
		c->nhaddr++;
	}
	return 0;
}

/* wire step [N], dup next [N], drop next [N]: N (at least min) at token
 * i if there. 0 for drop next and dup next takes back what is left of an
 * earlier one. */
static int parse_count(struct parser *p, int i, long min, long *n)
{
	*n = 1;
	if (i >= p->n || !isdigit((unsigned char)p->tok[i].s[0]) || p->tok[i].str)
		return i;
	return parse_long(p, i, min, 1000000, "N", n) < 0 ? -1 : i + 1;
}

static int parse_drop(struct parser *p)
{
	struct command *c = p->cmd;
	char buf[16], *end;
	int i;

	if (word_is(p, 2, "next")) {
		c->wire_op = WIRE_DROP_NEXT;
		if ((i = parse_count(p, 3, 0, &c->value)) < 0)
			return -1;
		if (i < p->n && parse_seg_flags(p, i++, &c->seg_flags) < 0)
			return -1;
		return i < p->n ? usage_error(p, p->tok[i].col) : 0;
	}
	c->wire_op = WIRE_DROP_SHARE;
	c->gid = 1;
	if (p->n < 3 || p->tok[2].str || p->tok[2].len >= sizeof(buf))
		return error_at(p, p->n < 3 ? p->end_col : p->tok[2].col,
				"expected 'drop next [N] [FLAGS]' or 'drop P%%'");
	word(p, 2, buf, sizeof(buf));
	c->value = strtol(buf, &end, 10);
	if (end == buf || strcmp(end, "%") || c->value < 0 || c->value > 100)
		return error_at(p, p->tok[2].col, "expected a share: 0%% to 100%%");
	if (p->n == 3)
		return 0;
	if (!word_is(p, 3, "seed") || p->n != 5)
		return usage_error(p, p->tok[3].col);
	return parse_long(p, 4, 0, 0xffffffffL, "seed", &c->gid);
}

/* wire [hold|release|step [N]|delay DURATION|drop ...|dup next [N]|down|up|
 * unknown icmp|drop] */
int cmdp_wire(struct parser *p)
{
	static const struct { const char *w; int op; } plain[] = {
		{ "hold", WIRE_HOLD }, { "release", WIRE_RELEASE },
		{ "down", WIRE_DOWN }, { "up", WIRE_UP },
	};
	struct command *c = p->cmd;
	int i;

	c->wire_op = WIRE_STATE;
	if (p->n == 1)
		return 0;
	for (size_t k = 0; k < ARRAY_LEN(plain); k++)
		if (word_is(p, 1, plain[k].w)) {
			c->wire_op = plain[k].op;
			return want_args(p, 1, 1);
		}
	if (word_is(p, 1, "step") || (word_is(p, 1, "dup") && word_is(p, 2, "next"))) {
		c->wire_op = word_is(p, 1, "step") ? WIRE_STEP : WIRE_DUP_NEXT;
		if ((i = parse_count(p, c->wire_op == WIRE_STEP ? 2 : 3,
				     c->wire_op == WIRE_STEP ? 1 : 0,
				     &c->value)) < 0)
			return -1;
		return i < p->n ? usage_error(p, p->tok[i].col) : 0;
	}
	if (word_is(p, 1, "delay")) {
		c->wire_op = WIRE_DELAY;
		if (want_args(p, 2, 2) < 0)
			return -1;
		return parse_duration(p, 2, &c->duration_ms);
	}
	if (word_is(p, 1, "drop"))
		return parse_drop(p);
	if (word_is(p, 1, "unknown")) {
		c->wire_op = WIRE_UNKNOWN;
		if (want_args(p, 2, 2) < 0)
			return -1;
		if (!word_is(p, 2, "icmp") && !word_is(p, 2, "drop"))
			return error_at(p, p->tok[2].col, "expected icmp or drop");
		c->value = word_is(p, 2, "icmp");
		return 0;
	}
	return usage_error(p, p->tok[1].col);
}

int cmdp_fork(struct parser *p)
{
	if (want_args(p, 1, 3) < 0 || parse_ref(p, 1, &p->cmd->sock, "process") < 0)
		return -1;
	return parse_as(p, 2);
}

int cmdp_proc_only(struct parser *p)
{
	if (want_args(p, 1, 1) < 0)
		return -1;
	return parse_ref(p, 1, &p->cmd->sock, "process");
}

int cmdp_noargs(struct parser *p)
{
	return want_args(p, 0, 0);
}

int cmdp_wait(struct parser *p)
{
	struct command *c = p->cmd;

	c->duration_ms = -1;
	if (want_args(p, 1, 3) < 0)
		return -1;
	if (p->n == 2) {
		c->frontend = true;	/* a while: front-ends wait */
		if (c->has_expect)
			return error_at(p, c->expect_col, "'wait DURATION' takes "
					"no '=>': only a wait for a state has an "
					"outcome");
		return parse_duration(p, 1, &c->duration_ms);
	}
	if (parse_ref(p, 1, &c->sock, "socket") < 0 || parse_state(p, 2) < 0)
		return -1;
	if (p->n == 4)
		return parse_duration(p, 3, &c->duration_ms);
	return 0;
}

/* FROM or TO of expect segment: a socket, or ADDR:PORT. */
static int parse_seg_end(struct parser *p, int i, struct seg_end *e)
{
	const struct token *t = &p->tok[i];

	e->sock.col = -1;
	e->addr.port = -1;
	if (!t->str && (memchr(t->s, ':', t->len) || t->s[0] == '[' ||
			isdigit((unsigned char)t->s[0])))
		return parse_addr(p, i, true, &e->addr);
	return parse_ref(p, i, &e->sock, "socket");
}

/* "SYN+ACK", "FIN", "rst+ack", or tcpdump's letters: "S.", "F.", "R" */
static int parse_seg_flags(struct parser *p, int i, uint8_t *flags)
{
	static const struct { const char *w; char letter; uint8_t f; } names[] = {
		{ "SYN", 'S', SEG_SYN }, { "FIN", 'F', SEG_FIN },
		{ "RST", 'R', SEG_RST }, { "PSH", 'P', SEG_PSH },
		{ "ACK", '.', SEG_ACK }, { "URG", 'U', SEG_URG },
	};
	char buf[40], *tok, *save = NULL;
	bool letters;

	*flags = 0;
	if (p->tok[i].str || p->tok[i].len >= sizeof(buf))
		goto bad;
	word(p, i, buf, sizeof(buf));
	letters = strspn(buf, "SFRPU.") == strlen(buf);
	for (size_t k = 0; letters && buf[k]; k++)
		for (size_t n = 0; n < ARRAY_LEN(names); n++)
			if (buf[k] == names[n].letter)
				*flags |= names[n].f;
	for (tok = letters ? NULL : strtok_r(buf, "+", &save); tok;
	     tok = strtok_r(NULL, "+", &save)) {
		size_t n;

		for (n = 0; n < ARRAY_LEN(names); n++)
			if (!strcasecmp(tok, names[n].w))
				break;
		if (n == ARRAY_LEN(names))
			goto bad;
		*flags |= names[n].f;
	}
	if (*flags)
		return 0;
bad:
	return error_at(p, p->tok[i].col,
			"expected flags: SYN, SYN+ACK, ACK, FIN, RST, PSH joined "
			"by '+', or tcpdump's letters (S. F. R P.)");
}

/* expect [no] segment FROM -> TO FLAGS, from token i (after "segment") */
static int parse_expect_segment(struct parser *p, int i)
{
	struct command *c = p->cmd;

	c->segment = true;
	if (p->n - i != 4)
		return error_at(p, p->n - i < 4 ? p->end_col : p->tok[i + 4].col,
				"usage: expect [no] segment FROM -> TO FLAGS");
	if (p->tok[i + 1].str || p->tok[i + 1].len != 2 ||
	    memcmp(p->tok[i + 1].s, "->", 2))
		return error_at(p, p->tok[i + 1].col, "expected '->' between FROM and TO");
	if (parse_seg_end(p, i, &c->seg[0]) < 0 ||
	    parse_seg_end(p, i + 2, &c->seg[1]) < 0)
		return -1;
	return parse_seg_flags(p, i + 3, &c->seg_flags);
}

/* ".." somewhere in the first len bytes of s */
static bool has_dots(const char *s, size_t len)
{
	for (size_t i = 1; i < len; i++)
		if (s[i] == '.' && s[i - 1] == '.')
			return true;
	return false;
}

/* sysctl NAME [VALUE]: a per-namespace sysctl, net.*, as sysctl(8)
 * names it (dots); VALUE a word or a quoted string ("32768 60999"). */
int cmdp_sysctl(struct parser *p)
{
	struct command *c = p->cmd;
	const struct token *t;
	size_t n;

	int i = 1;

	if (want_args(p, 1, 3) < 0)
		return -1;
	if (!p->tok[1].str && !memchr(p->tok[1].s, '.', p->tok[1].len)) {
		if (p->n < 3)	/* a word that is not net.*: a HOST? */
			return error_at(p, p->end_col, "expected a network "
					"sysctl's name after the host");
		if (parse_ref(p, 1, &c->host, "host") < 0)
			return -1;
		i = 2;
	} else if (p->n == 4) {
		return usage_error(p, p->tok[3].col);
	}
	t = &p->tok[i];
	if (t->str || t->len >= NAME_MAX_LEN * 4 || t->len < 5 ||
	    strncmp(t->s, "net.", 4) ||
	    strspn(t->s, "abcdefghijklmnopqrstuvwxyz0123456789_.-") < t->len ||
	    t->s[t->len - 1] == '.' || has_dots(t->s, t->len))
		return error_at(p, t->col, "expected a network sysctl's name: "
				"net.ipv4.tcp_syn_retries, net.core.somaxconn ...");
	c->text = xmalloc(t->len + 1);
	memcpy(c->text, t->s, t->len);
	c->text[t->len] = '\0';
	if (p->n == i + 1)
		return 0;
	t = &p->tok[i + 1];
	n = t->str ? t->strlen : t->len;
	if (!n || n > 200 || memchr(t->str ? t->str : t->s, '\0', n) ||
	    memchr(t->str ? t->str : t->s, '\n', n))
		return error_at(p, t->col, "expected a value on one line (at "
				"most 200 characters)");
	c->data = xmalloc(n + 1);
	memcpy(c->data, t->str ? t->str : t->s, n);
	c->data[n] = '\0';
	c->datalen = n;
	return 0;
}

int cmdp_show(struct parser *p)
{
	if (p->n == 2 && word_is(p, 1, "wire")) {
		p->cmd->segment = true;
		return 0;
	}
	if (p->n > 2)
		return usage_error(p, p->tok[2].col);
	if (p->n == 2)
		return parse_ref(p, 1, &p->cmd->host, "host or socket");
	return 0;
}

int cmdp_expect(struct parser *p)
{
	struct command *c = p->cmd;
	int i = 1;

	if ((i = parse_on(p, 1)) < 0)
		return -1;
	if (word_is(p, i, "no")) {
		c->negate = true;
		i++;
	}
	if (word_is(p, i, "segment") && c->host.col >= 0)
		return error_at(p, p->tok[i].col, "a segment crosses the wire "
				"between hosts: expect segment takes no host");
	if (word_is(p, i, "segment"))
		return parse_expect_segment(p, i + 1);
	if (word_is(p, i, "tcp") || word_is(p, i, "udp")) {
		c->expect_proto = word_is(p, i, "tcp") ? IPPROTO_TCP : IPPROTO_UDP;
		i++;
	}
	if (p->n - i < 2 || p->n - i > 3)
		return usage_error(p, p->n - i < 2 ? p->end_col : p->tok[i + 3].col);
	if (parse_state(p, i) < 0 || parse_addr(p, i + 1, true, &c->addr) < 0)
		return -1;
	c->addr_col = p->tok[i + 1].col;
	if (p->n - i == 3)
		return parse_addr(p, i + 2, true, &c->addr2);
	return 0;
}

int cmdp_none(struct parser *p)
{
	(void)p;
	return 0;
}

#define CMD_SYNTAX_ROW(K, word, usage, args, help, call, flags, parse, \
		       exec, explain, gen, errs) \
	[CMD_##K] = { word, usage, parse, \
		      { word, usage, help, call, args, flags, errs } },
static const struct cmd_def cmd_defs[CMD_COUNT] = {
	CMD_TABLE(CMD_SYNTAX_ROW)
};
#undef CMD_SYNTAX_ROW

static const struct cmd_def *current_def(struct parser *p)
{
	return &cmd_defs[p->cmd->kind];
}

/* "=> ok|ERRNO" as the last two tokens */
static int parse_expectation(struct parser *p)
{
	struct command *c = p->cmd;
	char buf[32];
	int i;

	for (i = 0; i < p->n; i++)
		if (!p->tok[i].str && p->tok[i].len == 2 &&
		    memcmp(p->tok[i].s, "=>", 2) == 0)
			break;
	if (i == p->n)
		return 0;
	if (!(cmd_defs[c->kind].info.flags & CF_EXPECT))
		return error_at(p, p->tok[i].col,
				"'%s' takes no '=>' expectation", cmd_defs[c->kind].name);
	if (i + 1 >= p->n)
		return error_at(p, p->end_col, "'=>' needs ok or an errno name");
	if (i + 2 < p->n)
		return error_at(p, p->tok[i + 2].col,
				"nothing may follow the expectation");
	word(p, i + 1, buf, sizeof(buf));
	c->has_expect = true;
	c->expect_col = p->tok[i].col;
	if (strcasecmp(buf, "ok") == 0)
		c->expect_errno = 0;
	else if ((c->expect_errno = explain_errno_parse(buf)) < 0)
		return error_at(p, p->tok[i + 1].col,
				"'%s': not an errno name (EADDRINUSE, ECONNREFUSED, ...)", buf);
	p->n = i;
	p->end_col = p->tok[i].col;
	while (p->end_col > 0 && isspace((unsigned char)p->line[p->end_col - 1]))
		p->end_col--;
	return 0;
}

/* say/title/about: the rest of the line is the text. */
static int parse_text(struct parser *p, const char *rest)
{
	struct command *c = p->cmd;
	size_t n;

	while (isspace((unsigned char)*rest))
		rest++;
	n = strlen(rest);
	while (n && isspace((unsigned char)rest[n - 1]))
		n--;
	if (n >= 2 && (rest[0] == '"' || rest[0] == '\'') && rest[n - 1] == rest[0] &&
	    !memchr(rest + 1, rest[0], n - 2)) {	/* one quoted string only */
		rest++;
		n -= 2;
	}
	if (n == 0)
		return error_at(p, (int)(rest - p->line),
				"%s needs TEXT", cmd_defs[c->kind].name);
	c->text = xmalloc(n + 1);
	memcpy(c->text, rest, n);
	c->text[n] = '\0';
	return 0;
}

static int find_command(struct parser *p, const char *s, size_t len)
{
	enum cmd_kind k = command_lookup(s, len);

	if (k != CMD_NONE)
		return (int)k;
	return error_at(p, (int)(s - p->line), "unknown command '%.*s'",
			(int)(len > 40 ? 40 : len), s);
}

/* An optional "NAME:" prefix; returns where the command word starts. */
static const char *parse_prefix(struct parser *p, const char *s)
{
	const char *e = s;

	while (*e && !isspace((unsigned char)*e) && *e != ':')
		e++;
	if (*e != ':' || e == s || (e[1] && !isspace((unsigned char)e[1])))
		return s;
	if (!valid_name(s, (size_t)(e - s))) {
		error_at(p, (int)(s - p->line), "'%.*s': not a process name",
			 e - s > 40 ? 40 : (int)(e - s), s);
		return NULL;
	}
	if ((size_t)(e - s) > NAME_MAX_LEN) {
		name_too_long(p, (int)(s - p->line), s);
		return NULL;
	}
	memcpy(p->cmd->proc.name, s, (size_t)(e - s));
	p->cmd->proc.name[e - s] = '\0';
	p->cmd->proc.col = (int)(s - p->line);
	for (e++; isspace((unsigned char)*e); e++)
		;
	if (!*e || *e == '#') {
		error_at(p, (int)(e - p->line), "a command must follow '%s:'",
			 p->cmd->proc.name);
		return NULL;
	}
	return e;
}

static void command_init(struct command *cmd)
{
	memset(cmd, 0, sizeof(*cmd));
	cmd->proc.col = cmd->sock.col = cmd->as.col = cmd->host.col = -1;
	cmd->sock2.col = -1;
	cmd->addr_col = -1;
	cmd->state = -1;
	cmd->nbytes = -1;
	cmd->duration_ms = -1;
	cmd->addr.port = cmd->addr2.port = -1;
}

int command_parse(const char *line, struct command *cmd, struct cmd_error *err)
{
	struct parser p = { .line = line, .cmd = cmd, .err = err };
	const char *s = line, *w;
	int kind, rc;

	command_init(cmd);
	err->col = 0;
	err->msg[0] = '\0';
	while (isspace((unsigned char)*s))
		s++;
	if (!*s || *s == '#')
		return 0;
	if (!(s = parse_prefix(&p, s)))
		return -1;
	for (w = s; *w && !isspace((unsigned char)*w); w++)
		;
	if ((kind = find_command(&p, s, (size_t)(w - s))) < 0)
		return -1;
	cmd->kind = (enum cmd_kind)kind;
	cmd->frontend = (cmd_defs[kind].info.flags & CF_FRONT) != 0;
	if (cmd_defs[kind].info.flags & CF_TEXT) {
		if (cmd->proc.col >= 0)
			return error_at(&p, cmd->proc.col, "'%s' takes no process prefix",
					cmd_defs[kind].name);
		return parse_text(&p, w);
	}
	rc = lex(&p, s);
	if (rc == 0)
		rc = parse_expectation(&p);
	if (rc == 0)
		rc = cmd_defs[kind].parse(&p);
	lex_free(&p);
	return rc;
}

void command_copy(struct command *dst, const struct command *src)
{
	*dst = *src;
	dst->data = NULL;
	dst->text = src->text ? xstrdup(src->text) : NULL;
	if (src->data) {
		dst->data = xmalloc(src->datalen + 1);
		memcpy(dst->data, src->data, src->datalen);
		dst->data[src->datalen] = '\0';
	}
}

void command_free(struct command *cmd)
{
	free(cmd->data);
	free(cmd->text);
	cmd->data = cmd->text = NULL;
}

const struct cmd_info *command_info(enum cmd_kind kind)
{
	return kind > CMD_NONE && kind < CMD_COUNT ? &cmd_defs[kind].info : NULL;
}

const char *command_name(enum cmd_kind kind)
{
	return kind > CMD_NONE && kind < CMD_COUNT ? cmd_defs[kind].name : "";
}

const char *command_usage(enum cmd_kind kind)
{
	return kind > CMD_NONE && kind < CMD_COUNT ? cmd_defs[kind].usage : "";
}

enum cmd_kind command_lookup(const char *word, size_t len)
{
	for (int k = 1; k < CMD_COUNT; k++)
		if (strlen(cmd_defs[k].name) == len &&
		    strncasecmp(cmd_defs[k].name, word, len) == 0)
			return (enum cmd_kind)k;
	return CMD_NONE;
}

const char *const *command_names(void)
{
	static const char *list[CMD_COUNT];

	if (!list[0]) {
		int n = 0;

		for (int k = 1; k < CMD_COUNT; k++)
			list[n++] = cmd_defs[k].name;
	}
	return list;
}

