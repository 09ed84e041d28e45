/* SPDX-License-Identifier: GPL-2.0-or-later */
/* batch.c - the batch front-end: read lines, run them on the stage, print
 * a transcript: the line, then "CALL = RESULT", notes, and mismatches. */
#include "batch.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "command.h"
#include "emit.h"
#include "export.h"
#include "outfile.h"
#include "runner.h"
#include "sockinfo_text.h"
#include "stage.h"
#include "text.h"
#include "util.h"
#include "view.h"
#include "wire.h"

#define MAX_LINE 4096
#define WIRE_QUIET_MS 30	/* the wire is quiet after a call: no packet */
#define WIRE_MAX_MS 500		/* for this long, or this long in all */

struct batch {
	struct stage st;
	FILE *in, *out;
	const char *name;	/* for messages: the file, or <stdin> */
	int line;
	int errors, mismatches;
	bool interactive;
	struct export *exp;	/* --export-c, or NULL */
	struct runner run;
	struct outfile exp_out;
	int out_errno;		/* writing the transcript failed: why */
	bool wire_lines;	/* --wire: print the segments, the transitions */
	unsigned long long wire_seen;	/* segments printed */
	int8_t *kstate;		/* --wire: each socket's state as the kernel
				   last showed it (by index), -1 no row */
	int nkstate;
	struct outfile pcap_out;
	struct capture_file *pcap;
	struct emitter em;	/* text or JSON */
};

static void print_error(struct batch *b, int col, const char *msg)
{
	b->em.ops->error(&b->em, b->name, b->line, col + 1, msg);
	b->errors++;
}

static void print_notes(struct batch *b, const struct result *res)
{
	for (int i = 0; i < res->nnotes; i++)
		b->em.ops->note(&b->em, &res->notes[i]);
}

static void print_result(struct batch *b, const struct command *cmd,
			 const struct result *res)
{
	switch (res->kind) {
	case RES_OK:
	case RES_INFO:
	case RES_PENDING:
	case RES_FAIL:
		b->em.ops->result(&b->em, b->line, cmd, res);
		break;
	case RES_ERROR:
		print_error(b, res->col, res->msg);
		break;
	case RES_NONE:
		break;
	}
	print_notes(b, res);
	if (res->mismatch) {
		b->em.ops->mismatch(&b->em, b->line, res);
		b->mismatches++;
	}
}

static bool row_stage_sock(void *ctx, const struct diag_row *r, int *id,
			   const char **name)
{
	const struct stage_sock *s = stage_sock_of_row(ctx, r);

	if (!s)
		return false;
	*id = s->id;
	*name = s->name;
	return true;
}

static void print_rows(struct batch *b, const struct diag_table *t)
{
	const struct emit_rows src = { .owner = stage_owner,
				       .inode_name = stage_inode_name,
				       .stage_sock = row_stage_sock,
				       .ctx = &b->st };

	if (t->n == 0) {
		b->em.ops->show(&b->em, EMIT_SHOW_NOTE, "(the kernel shows no "
				"socket on the ports in play)");
	} else {
		stage_want_owners(&b->st, t, t->n);
		b->em.ops->rows(&b->em, t, &src);
	}
}

/* Host h's rows of the table, under its name and addresses. */
static void print_host(struct batch *b, int h)
{
	const struct diag_table *all = &b->st.table;
	struct diag_table t = { .rows = xcalloc(all->n + 1, sizeof(*t.rows)) };
	char addrs[200], line[220];

	for (size_t i = 0; i < all->n; i++)
		if (all->rows[i].host == h)
			t.rows[t.n++] = all->rows[i];
	stage_host_text(&b->st, h, addrs, sizeof(addrs));
	snprintf(line, sizeof(line), "host %s", addrs);
	b->em.ops->show(&b->em, EMIT_SHOW_HOST, line);
	print_rows(b, &t);
	free(t.rows);
}

/* The row of stage socket s in the table just read, or NULL. */
static const struct diag_row *sock_row(const struct batch *b,
				       const struct stage_sock *s)
{
	for (size_t i = 0; i < b->st.table.n; i++)
		if (stage_sock_of_row(&b->st, &b->st.table.rows[i]) == s)
			return &b->st.table.rows[i];
	return NULL;
}

/* show SOCK: all sock_diag tells of it (ss -tiem), as the TUI's details
 * show it: its state, timer, queues, tcp_info's counters ... */
static void show_sock(struct batch *b, int si)
{
	const struct stage_sock *s = b->st.socks[si];
	const struct diag_row *r = NULL;
	struct si_lines lines = { 0 };
	struct sockinfo info;
	char err[200] = "", name[48], owner[96], peer[160], cred[160];
	char line[300];

	if (stage_read_view(&b->st, false, err, sizeof(err)) < 0 ||
	    !(r = sock_row(b, s))) {
		snprintf(line, sizeof(line), "s%d: the kernel shows no socket "
			 "for it%s%s", s->id, err[0] ? ": " : "", err);
		b->em.ops->show(&b->em, EMIT_SHOW_SOCK, line);
		return;
	}
	if (stage_sockinfo(&b->st, r, &info, err, sizeof(err)) <= 0) {
		snprintf(line, sizeof(line), "s%d: %s", s->id,
			 err[0] ? err : "gone");
		b->em.ops->show(&b->em, EMIT_SHOW_SOCK, line);
		return;
	}
	snprintf(name, sizeof(name), "s%d%s%s", s->id, s->name[0] ? " " : "",
		 s->name);
	stage_owner(&b->st, r, owner, sizeof(owner));
	stage_unix_who(&b->st, &info.row, peer, cred, sizeof(peer));
	sockinfo_text(&info, &(struct si_who){ .stage = name, .owner = owner,
					       .peer = peer, .cred = cred },
		      &lines);
	for (int i = 0; i < lines.n; i++) {
		const struct si_line *l = &lines.l[i];

		if (l->kind == SIL_FIELD)
			b->em.ops->field(&b->em, l->label, l->value, l->text);
		else
			b->em.ops->show(&b->em, EMIT_SHOW_SOCK, l->text);
	}
	si_lines_free(&lines);
}

/* show [HOST | SOCK]: the ports in play, each host's apart when there
 * are; or one socket's details. */
static void show_view(struct batch *b, const struct command *cmd)
{
	int host = cmd->host.col >= 0 ? stage_find_host(&b->st, cmd->host.name) : -1;
	char err[200], msg[260];
	int si;

	if (cmd->host.col >= 0 && host < 0) {
		if ((si = stage_find_sock(&b->st, cmd->host.name)) >= 0) {
			show_sock(b, si);
			return;
		}
		snprintf(msg, sizeof(msg), "unknown host or socket '%s'",
			 cmd->host.name);
		print_error(b, cmd->host.col, msg);
		return;
	}
	if (stage_read_view(&b->st, false, err, sizeof(err)) < 0) {
		snprintf(msg, sizeof(msg), "cannot read the kernel view: %s", err);
		b->em.ops->show(&b->em, EMIT_SHOW_ERROR, msg);
		b->errors++;
		return;
	}
	if (!b->st.nports && !b->st.table.n) {
		b->em.ops->show(&b->em, EMIT_SHOW_NOTE, "(no ports in play yet)");
		return;
	}
	if (host >= 0)
		print_host(b, host);
	else if (b->st.nhosts > 1)
		for (int h = 0; h < b->st.nhosts; h++)
			print_host(b, h);
	else
		print_rows(b, &b->st.table);
}

/* ---- the transcript: the runner's sink ------------------------------------ */

/* The transcript repeats each line it runs (a person typing sees it),
 * but not narration, titles and pauses. */
static void on_line(void *ctx, const char *line, const struct command *cmd)
{
	struct batch *b = ctx;
	const struct cmd_info *info = cmd ? command_info(cmd->kind) : NULL;

	if (b->interactive || (cmd && (!info || (info->flags & CF_QUIET))))
		return;
	b->em.ops->line(&b->em, b->line, line + strspn(line, " \t"), cmd);
}

/* ---- --wire: the segments a call caused, and the transitions ------------- */

/* Each stage socket's state in the kernel's table now: -1 for no row. */
static void kernel_states(struct batch *b, int8_t *now)
{
	const struct diag_table *t = &b->st.table;

	for (int i = 0; i < b->st.nsocks; i++)
		now[i] = -1;
	for (size_t r = 0; r < t->n; r++) {
		const struct stage_sock *s = stage_sock_of_row(&b->st, &t->rows[r]);

		/* a socket its process holds after its connection went
		   to TIME-WAIT is two rows of one cookie: CLOSE, and the
		   TIME-WAIT, which is its state */
		for (int i = 0; s && i < b->st.nsocks; i++)
			if (b->st.socks[i] == s &&
			    (now[i] < 0 || t->rows[r].state != KS_CLOSE))
				now[i] = (int8_t)t->rows[r].state;
	}
}

/* A TCP socket without a row is CLOSE to its state machine. */
static int tcp_state(int k)
{
	return k < 0 ? KS_CLOSE : k;
}

static const struct wire_chain *chain_of(const struct wire_chains *c, int id)
{
	for (size_t i = 0; i < c->n; i++)
		if (c->v[i].sock == id)
			return &c->v[i];
	return NULL;
}

/* A change the kernel shows that no segment explains: "s1: CLOSE ->
 * LISTEN (no segment)". */
static void print_quiet_change(struct batch *b, const struct stage_sock *s,
			       int before, int now)
{
	uint8_t proto = s->type == SOCK_STREAM ? IPPROTO_TCP : IPPROTO_UDP;

	if (s->family == AF_UNIX)	/* no segments: the wire is IP's */
		return;
	if (proto == IPPROTO_TCP) {
		before = tcp_state(before);
		now = tcp_state(now);
	} else if (before < 0 || now < 0) {
		return;		/* a datagram socket bound or closed */
	}
	if (before == now)
		return;
	b->em.ops->change(&b->em, s->id, view_state_text(proto, before),
			  view_state_text(proto, now), before == KS_TIME_WAIT ?
			  EMIT_TIMEWAIT_TIMER : EMIT_NO_SEGMENT);
}

/* The chains the segments tell, each checked against the kernel's table;
 * then what changed in the table without a segment. */
/* Whether the kernel's table agrees with where the segments left each
 * stage socket they moved. */
static bool agrees(const struct batch *b, const struct wire_chains *c,
		   const int8_t *now)
{
	for (int i = 0; i < b->st.nsocks; i++) {
		const struct wire_chain *ch = chain_of(c, b->st.socks[i]->id);

		if (ch && b->st.socks[i]->type == SOCK_STREAM &&
		    tcp_state(now[i]) != ch->to)
			return false;
	}
	return true;
}

/* The kernel's table now: read again, a moment later, while it lags
 * behind the segments (a read that held a socket's lock when a segment
 * came: TCP takes it when the lock goes). */
static bool read_states(struct batch *b, const struct wire_chains *c,
			int8_t *now)
{
	char err[200];

	for (int tries = 0; tries < 5; tries++) {
		if (tries)
			usleep(10 * 1000);
		if (stage_read_view(&b->st, false, err, sizeof(err)) < 0)
			return false;
		kernel_states(b, now);
		if (agrees(b, c, now))
			break;
	}
	return true;
}

static void print_transitions(struct batch *b, const struct wire_chains *c)
{
	int8_t *now = xcalloc((size_t)b->st.nsocks + 1, 1);
	bool have_view = read_states(b, c, now);

	for (size_t i = 0; i < c->n; i++)
		b->em.ops->chain(&b->em, c->v[i].who, c->v[i].text);
	for (int i = 0; have_view && i < b->st.nsocks; i++) {
		const struct stage_sock *s = b->st.socks[i];
		/* a socket new on stage (accept's) came in the state it has */
		int before = i < b->nkstate ? b->kstate[i] : now[i];
		const struct wire_chain *ch = chain_of(c, s->id);

		if (ch && s->type == SOCK_STREAM && tcp_state(now[i]) != ch->to)
			b->em.ops->change(&b->em, s->id,
				view_state_text(IPPROTO_TCP, ch->to),
				view_state_text(IPPROTO_TCP, tcp_state(now[i])),
				EMIT_KERNEL_ONLY);
		else if (!ch)
			print_quiet_change(b, s, before, now[i]);
	}
	if (have_view) {
		free(b->kstate);
		b->kstate = now;
		b->nkstate = b->st.nsocks;
	} else {
		free(now);
	}
}

/* What crossed the wire since the last look: with --wire, once it is
 * quiet, under the call that caused it (each segment, then the
 * transitions); else only read (into the ring and the pcap file). */
static void wire_look(struct batch *b)
{
	struct wire *w = b->st.wire;
	struct wire_chains chains = { 0 };
	char line[400];

	if (!w)
		return;
	if (!b->wire_lines) {	/* only kept for expect segment, show wire */
		wire_read(w);
		b->wire_seen = w->total;
		return;
	}
	wire_settle(w, WIRE_QUIET_MS, WIRE_MAX_MS);
	if (b->wire_seen < wire_oldest(w))
		b->wire_seen = wire_oldest(w);
	for (unsigned long long i = b->wire_seen; i < w->total; i++) {
		wire_format(&b->st, wire_entry(w, i), line, sizeof(line));
		b->em.ops->wire(&b->em, line);
	}
	wire_chains(w, &b->st, b->wire_seen, w->total, &chains);
	b->wire_seen = w->total;
	print_transitions(b, &chains);
	wire_chains_free(&chains);
}

static void on_result(void *ctx, const struct command *cmd,
		      const struct result *res)
{
	print_result(ctx, cmd, res);
	wire_look(ctx);
}

static void on_say(void *ctx, const struct command *cmd)
{
	struct batch *b = ctx;

	b->em.ops->say(&b->em, cmd->text);
}

static void on_title(void *ctx, const struct command *cmd)
{
	struct batch *b = ctx;

	b->em.ops->title(&b->em, cmd->text);
}

static void print_wire_line(void *ctx, const char *line)
{
	struct batch *b = ctx;

	b->em.ops->show(&b->em, EMIT_SHOW_WIRE, line);
}

static void on_show(void *ctx, const struct command *cmd)
{
	struct batch *b = ctx;

	if (cmd->segment) {
		wire_look(b);
		stage_wire_show(&b->st, print_wire_line, b);
	} else {
		show_view(b, cmd);
	}
}

static void on_wait(void *ctx, const struct command *cmd)
{
	struct batch *b = ctx;

	fflush(b->out);
	usleep((useconds_t)cmd->duration_ms * 1000);
	b->em.ops->wait(&b->em, cmd->duration_ms);
}

static void on_error(void *ctx, int lineno, int col, const char *msg)
{
	(void)lineno;
	print_error(ctx, col, msg);
}

static const struct run_sink transcript = {
	.on_line = on_line, .on_result = on_result, .on_say = on_say,
	.on_title = on_title, .on_show = on_show, .on_wait = on_wait,
	.on_error = on_error,
};

static void run_line(struct batch *b, char *line, size_t len)
{
	const struct run_opts o = { .exec = EXEC_MODE_SCRIPT };

	while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
		line[--len] = '\0';
	if (strlen(line) != len) {
		print_error(b, (int)strlen(line), "the line contains a NUL byte");
		return;
	}
	if (len > MAX_LINE) {
		print_error(b, MAX_LINE, "the line is too long (at most 4096 characters)");
		return;
	}
	runner_line(&b->run, line, b->line, &o, NULL);
	errno = 0;
	if (fflush(b->out) != 0 || ferror(b->out))
		b->out_errno = errno ? errno : EIO;
}

static int open_input(struct batch *b, const char *path)
{
	struct stat st;

	if (strcmp(path, "-") == 0) {
		b->in = stdin;
		b->name = "<stdin>";
		return 0;
	}
	b->in = fopen(path, "re");
	b->name = path;
	if (!b->in) {
		text_fprintf(stderr, "sockstage: cannot open '%s': %s\n", path,
			strerror(errno));
		return -1;
	}
	if (fstat(fileno(b->in), &st) == 0 && S_ISDIR(st.st_mode)) {
		text_fprintf(stderr, "sockstage: '%s' is a directory\n", path);
		fclose(b->in);
		return -1;
	}
	return 0;
}

/* --export-c: the file is created before the script runs (never over the
 * script, an existing file without --force, or through a link). */
static int open_export(struct batch *b, const char *path, bool force)
{
	struct outfile_input in;
	char err[1024];
	bool have_in;

	if (!path)
		return 0;
	have_in = outfile_input_of(&in, b->in == stdin ? "-" : b->name,
				   fileno(b->in)) == 0;
	if (outfile_open(&b->exp_out, path, have_in ? &in : NULL, force, err,
			 sizeof(err)) < 0) {
		text_fprintf(stderr, "sockstage: --export-c: %s\n", err);
		return -1;
	}
	b->exp = export_new(b->name);
	return 0;
}

/* Write the program; returns 0 or -1 (reported). */
static int close_export(struct batch *b, const char *path)
{
	char err[1024];

	if (!b->exp)
		return 0;
	if (b->out_errno) {		/* the run stopped short: no program */
		outfile_discard(&b->exp_out);
		err[0] = '\0';
	} else if (export_write(b->exp, b->exp_out.f, err, sizeof(err)) < 0) {
		text_fprintf(stderr, "sockstage: --export-c: '%s': %s\n", path, err);
		outfile_discard(&b->exp_out);
	} else if (outfile_close(&b->exp_out, err, sizeof(err)) < 0) {
		text_fprintf(stderr, "sockstage: --export-c: %s\n", err);
	} else {
		err[0] = '\0';
	}
	export_free(b->exp);
	b->exp = NULL;
	return err[0] ? -1 : 0;
}

/* --wire, --pcap: a capture on the stage's loopback; without one (no
 * CAP_NET_RAW) the run goes on and says why. The pcap file is created
 * like --export-c's. Returns 0, or -1 (the pcap file cannot be made). */
static int open_wire(struct batch *b, const struct batch_opts *o)
{
	char err[1024];

	if (!o->wire && !o->pcap && !o->want_wire) {
		str_copy(b->st.wire_err, "a run captures with --sandbox, --wire "
			 "or --pcap", sizeof(b->st.wire_err));
		return 0;
	}
	if (stage_wire_open(&b->st, "lo", NULL) < 0) {
		if (o->wire || o->pcap)
			text_fprintf(stderr, "sockstage: %s: no capture: %s\n",
				     o->wire ? "--wire" : "--pcap", b->st.wire_err);
		return o->pcap ? -1 : 0;
	}
	if (o->pcap && (outfile_open(&b->pcap_out, o->pcap, NULL, o->force, err,
				     sizeof(err)) < 0 ||
			!(b->pcap = capture_file_open(dup(fileno(b->pcap_out.f)),
						      err, sizeof(err))))) {
		text_fprintf(stderr, "sockstage: --pcap: %s\n", err);
		outfile_discard(&b->pcap_out);
		stage_wire_close(&b->st);
		return -1;
	}
	wire_save(b->st.wire, b->pcap);
	b->wire_lines = o->wire;
	return 0;
}

static int close_wire(struct batch *b, const struct batch_opts *o)
{
	unsigned long long packets, dropped;
	char err[1024];
	int rc = 0;

	if (b->st.wire)
		wire_look(b);
	free(b->kstate);
	b->kstate = NULL;
	b->nkstate = 0;
	if (!b->st.wire)
		return 0;
	stage_wire_close(&b->st);	/* its drops counted in the file */
	if (!b->pcap)
		return 0;
	packets = capture_file_packets(b->pcap);
	dropped = capture_file_dropped(b->pcap);
	if (capture_file_close(b->pcap) < 0)	/* flushed, its copy closed */
		text_fprintf(stderr, "sockstage: --pcap: writing '%s' failed\n",
			     o->pcap);
	b->pcap = NULL;
	if (outfile_close(&b->pcap_out, err, sizeof(err)) < 0) {
		text_fprintf(stderr, "sockstage: --pcap: %s\n", err);
		rc = -1;
	} else {
		text_fprintf(stderr, "sockstage: --pcap: %llu packets into '%s', "
			     "%llu dropped by the kernel\n", packets, o->pcap,
			     dropped);
	}
	return rc;
}

/* The transcript's writer: text, or JSON Lines (--json). */
static int open_emitter(struct emitter *em, const struct batch_opts *o,
			FILE *out)
{
	if (!o->json) {
		emit_text_init(em, out);
		return 0;
	}
	if (emit_json_init(em, out) < 0) {
		fputs("sockstage: --json: out of memory\n", stderr);
		return -1;
	}
	return 0;
}

/* The end of the input, or a read error (reported). */
static void input_ended(struct batch *b)
{
	if (ferror(b->in)) {
		text_fprintf(stderr, "sockstage: reading '%s': %s\n", b->name,
			strerror(errno));
		b->errors++;
	}
}

static int run(const struct batch_opts *o, FILE *out,
	       const struct emitter *em)
{
	static struct batch b;
	char err[200], *line = NULL;
	size_t cap = 0;
	ssize_t n;

	memset(&b, 0, sizeof(b));
	b.out = out;
	b.interactive = o->interactive;
	b.em = *em;
	if (open_input(&b, o->path) < 0)
		return BATCH_ERROR;
	if (open_export(&b, o->export_c, o->force) < 0) {
		if (b.in != stdin)
			fclose(b.in);
		return BATCH_ERROR;
	}
	if (stage_init(&b.st, err, sizeof(err)) < 0) {
		text_fprintf(stderr, "sockstage: cannot start the stage: %s\n", err);
		outfile_discard(&b.exp_out);
		export_free(b.exp);
		if (b.in != stdin)
			fclose(b.in);
		return BATCH_ERROR;
	}
	b.st.sandboxed = o->sandbox;
	if (open_wire(&b, o) < 0) {
		stage_free(&b.st);
		outfile_discard(&b.exp_out);
		export_free(b.exp);
		if (b.in != stdin)
			fclose(b.in);
		return BATCH_ERROR;
	}
	runner_init(&b.run, &b.st, &transcript, &b, b.exp);
	if (b.interactive)
		fputs("sockstage: type commands ('show' prints the kernel view; "
		      "Ctrl-D ends)\n", out);
	while (!b.out_errno) {
		if (b.interactive) {
			text_fprintf(out, "%s> ", b.st.procs[b.st.cur].name);
			fflush(out);
		}
		if ((n = getline(&line, &cap, b.in)) < 0) {
			input_ended(&b);
			break;
		}
		b.line++;
		run_line(&b, line, (size_t)n);
	}
	free(line);
	if (close_wire(&b, o) < 0)
		b.errors++;
	runner_free(&b.run);
	stage_free(&b.st);
	if (close_export(&b, o->export_c) < 0)
		b.errors++;
	if (b.in != stdin)
		fclose(b.in);
	if (b.out_errno) {
		fprintf(stderr, "sockstage: writing the transcript: %s\n",
			strerror(b.out_errno));
		return BATCH_ERROR;
	}
	if (b.errors || b.mismatches)
		text_fprintf(stderr, "sockstage: %s: %d error%s, %d mismatch%s\n",
			     b.name, b.errors, b.errors == 1 ? "" : "s",
			     b.mismatches, b.mismatches == 1 ? "" : "es");
	return b.errors ? BATCH_ERROR : b.mismatches ? BATCH_MISMATCH : BATCH_OK;
}

int batch_run(const struct batch_opts *o, FILE *out)
{
	struct emitter em;
	int rc;

	if (open_emitter(&em, o, out) < 0)
		return BATCH_ERROR;
	rc = run(o, out, &em);
	emit_free(&em);
	return rc;
}
