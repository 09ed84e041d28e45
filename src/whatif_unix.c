/* SPDX-License-Identifier: GPL-2.0-or-later */
/* whatif_unix.c - a UNIX socket's failed bind or connect, explained from
 * what is at its name and tried against the kernel: a probe connect of a
 * datagram socket to the name says whether a socket is bound there
 * (ECONNREFUSED: none, a stale socket file), and which kind (it connects
 * to a datagram socket; EPROTOTYPE: a stream or seqpacket one). A probe
 * never connects to a listener: that would leave a connection in its
 * queue. The file system says which directory is missing or closed, with
 * its owner and mode and the process's uid. */
#include "whatif.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <unistd.h>

#include "stage_int.h"
#include "view.h"

/* What the failed call asked for. */
struct uask {
	struct stage *st;
	int proc;
	const struct stage_sock *s;
	const struct sockaddr_un *sun;
	socklen_t len;
	bool abstract;
	char name[4 * 126 + 8];		/* as the transcript writes it */
	char path[PATH_MAX + 200];	/* a path, as the stage reaches it */
	char rel[110];			/* ... as the line wrote it */
	long uid;
};

static bool ask_of(struct stage *st, struct result *res, struct uask *a)
{
	size_t off = offsetof(struct sockaddr_un, sun_path), n;

	if (res->kind != RES_FAIL || res->sock < 0 || res->proc < 0 ||
	    res->addr.ss_family != AF_UNIX || res->addrlen <= off)
		return false;
	memset(a, 0, sizeof(*a));
	a->st = st;
	a->proc = res->proc;
	a->s = st->socks[res->sock];
	a->sun = (const struct sockaddr_un *)&res->addr;
	a->len = res->addrlen;
	a->abstract = a->sun->sun_path[0] == '\0';
	a->uid = st->procs[res->proc].uid >= 0 ? st->procs[res->proc].uid :
		 (long)geteuid();
	addr_format_sa_len((const struct sockaddr *)&res->addr, res->addrlen,
			   a->name, sizeof(a->name));
	n = a->len - off;
	if (!a->abstract) {
		char *rel = a->rel;

		if (n > sizeof(a->rel) - 1)
			n = sizeof(a->rel) - 1;
		memcpy(rel, a->sun->sun_path, n);
		rel[n] = '\0';
		if (rel[0] == '/' || !sockdir_on(&st->dir))
			snprintf(a->path, sizeof(a->path), "%s", rel);
		else
			snprintf(a->path, sizeof(a->path), "%s/%s", st->dir.path, rel);
	}
	return true;
}

static const char *type_word(int type)
{
	return type == SOCK_STREAM ? "stream" : type == SOCK_DGRAM ? "dgram" :
	       "seqpacket";
}

/* A throwaway socket of type tries a connect to the name, in the process
 * of the failed call: 0 taken, or its errno; -1 when it could not ask. */
static int probe_connect(struct uask *a, int type, struct result *res)
{
	struct worker_req req;
	struct worker_rep rep;

	stage_req_init(&req, WOP_PROBE_CONNECT, -1);
	req.a = type;
	memcpy(&req.addr, a->sun, a->len);
	req.addrlen = a->len;
	if (stage_call(a->st, a->proc, &req, NULL, &rep, NULL, 0, res) < 0)
		return -1;
	return rep.ret == 0 ? 0 : rep.err;
}

/* What is bound at the name, from a datagram probe: SOCK_DGRAM, 0 (a
 * stream or seqpacket socket), or -1: nothing (ECONNREFUSED), or the
 * probe could not tell. */
static int type_there(struct uask *a, struct result *res)
{
	int rc = probe_connect(a, SOCK_DGRAM, res);

	return rc == 0 ? SOCK_DGRAM : rc == EPROTOTYPE ? 0 : -1;
}

/* "a dgram socket", "a stream or seqpacket socket" */
static const char *kind_there(int there, int failed_type, bool mismatch)
{
	if (there == SOCK_DGRAM)
		return "a dgram socket";
	if (mismatch && failed_type == SOCK_STREAM)
		return "a seqpacket socket";
	if (mismatch && failed_type == SOCK_SEQPACKET)
		return "a stream socket";
	return "a stream or seqpacket socket";
}

/* The socket bound at the path (its file's inode and device, as unix_diag
 * reports them for each socket), in the namespace of the process's host,
 * with its owner's text: 1 found, 0 none. */
static int bound_row(struct uask *a, struct diag_row *row, char *owner,
		     size_t len)
{
	struct diag_table t = { 0 };
	struct stat sb;
	char err[160];
	int found = 0;

	if (a->abstract || stat(a->path, &sb) < 0 ||
	    stage_unix_snapshot(a->st, a->st->procs[a->proc].host, &t, err,
				sizeof(err)) < 0) {
		diag_table_free(&t);
		return 0;
	}
	for (size_t i = 0; i < t.n && !found; i++) {
		const struct diag_row *r = &t.rows[i];

		if (r->vfs_ino && r->vfs_ino == (uint32_t)sb.st_ino &&
		    r->vfs_dev >> 20 == major(sb.st_dev) &&
		    (r->vfs_dev & 0xfffff) == minor(sb.st_dev)) {
			*row = *r;
			found = 1;
		}
	}
	if (found) {
		stage_want_owners(a->st, &(struct diag_table){ .rows = row, .n = 1 }, 1);
		stage_owner(a->st, row, owner, len);
	}
	diag_table_free(&t);
	return found;
}

/* "u_str LISTEN (s1)": the socket bound at a path */
static void bound_text(const struct diag_row *r, const char *owner, char *buf,
		       size_t len)
{
	snprintf(buf, len, "%s %s (%s)", view_netid(r), view_state_name(r),
		 owner[0] ? owner : "no owner known");
}

/* "drwxr-xr-x root (0)" of path, or the reason it cannot be read */
static void mode_text(const char *path, char *buf, size_t len)
{
	struct stat sb;

	if (stat(path, &sb) < 0) {
		snprintf(buf, len, "%s", strerror(errno));
		return;
	}
	snprintf(buf, len, "mode %04o, owner uid %u", (unsigned)(sb.st_mode & 07777),
		 (unsigned)sb.st_uid);
}

/* The path's directory ("." for a bare name in the stage's directory) */
static void dir_of(const char *path, char *buf, size_t len)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		snprintf(buf, len, ".");
	else if (slash == path)
		snprintf(buf, len, "/");
	else
		snprintf(buf, len, "%.*s", (int)(slash - path), path);
}

/* ---- bind -------------------------------------------------------------------- */

static void stale_or_live(struct uask *a, struct result *res)
{
	char owner[96], what[160];
	struct diag_row r;
	int there;

	if (bound_row(a, &r, owner, sizeof(owner))) {
		bound_text(&r, owner, what, sizeof(what));
		res_note_kind(res, NOTE_WHY, "a socket is bound at %s: %s; it is "
			      "in use", a->name, what);
		res_note_kind(res, NOTE_ADVICE, "pick another path, or stop the "
			      "socket that has it (unlinking the file would leave it "
			      "running, unreachable by name)");
		return;
	}
	there = type_there(a, res);
	if (there < 0) {
		res_note_kind(res, NOTE_WHY, "%s is a socket file, and nothing "
			      "listens there: a probe connect gets ECONNREFUSED "
			      "(a stale file: its server closed or crashed, and "
			      "nobody removed it)", a->name);
		res_note_kind(res, NOTE_ADVICE, "unlink %s first, then bind (a "
			      "well-written server unlinks its path before bind), or "
			      "use the abstract namespace (@NAME), which needs no "
			      "unlink", a->name);
		return;
	}
	res_note_kind(res, NOTE_WHY, "%s is bound at %s (a probe connect of a "
		      "dgram socket %s): it is in use", kind_there(there, 0, false),
		      a->name, there == SOCK_DGRAM ? "is taken" : "gets EPROTOTYPE");
	res_note_kind(res, NOTE_ADVICE, "pick another path, or stop the socket "
		      "that has it (unlinking the file would leave it running, "
		      "unreachable by name)");
}

static void bind_in_use(struct uask *a, struct result *res)
{
	struct stat sb;

	if (a->abstract) {
		res_note_kind(res, NOTE_WHY, "another socket holds the abstract "
			      "name %s in this network namespace", a->name);
		res_note_kind(res, NOTE_ADVICE, "an abstract name is free again "
			      "when its last socket closes (no file to remove); "
			      "close that socket, or pick another name");
		return;
	}
	if (lstat(a->path, &sb) == 0 && !S_ISSOCK(sb.st_mode)) {
		res_note_kind(res, NOTE_WHY, "%s exists and is no socket: bind "
			      "makes a new file, it never reuses one", a->name);
		res_note_kind(res, NOTE_ADVICE, "pick another path");
		return;
	}
	stale_or_live(a, res);
}

static void no_dir(struct uask *a, struct result *res)
{
	char dir[PATH_MAX + 200];

	dir_of(a->rel, dir, sizeof(dir));
	res_note_kind(res, NOTE_WHY, "the directory of %s does not exist (%s): "
		      "a socket file is made in an existing directory only",
		      a->name, dir);
	res_note_kind(res, NOTE_ADVICE, "make the directory first, or bind a "
		      "path in one that exists");
}

static void no_access(struct uask *a, bool binding, struct result *res)
{
	char dir[PATH_MAX + 200], dmode[80], fmode[80];

	dir_of(a->path, dir, sizeof(dir));
	mode_text(dir, dmode, sizeof(dmode));
	if (binding) {
		res_note_kind(res, NOTE_WHY, "bind makes a file: the process "
			      "(uid %ld) needs write and search permission on its "
			      "directory (%s)", a->uid, dmode);
		res_note_kind(res, NOTE_ADVICE, "bind in a directory that uid %ld "
			      "may write, or run the process as the directory's "
			      "owner", a->uid);
		return;
	}
	mode_text(a->path, fmode, sizeof(fmode));
	res_note_kind(res, NOTE_WHY, "connect needs write permission on the "
		      "socket file (%s) and search permission on its directory "
		      "(%s); the process is uid %ld", fmode, dmode, a->uid);
	res_note_kind(res, NOTE_ADVICE, "the server may open its socket to others "
		      "(chmod the file after bind, or set a umask before it), "
		      "or the client may run as the file's owner");
}

static void too_long(struct uask *a, struct result *res)
{
	size_t n = a->len - offsetof(struct sockaddr_un, sun_path) -
		   (a->abstract ? 1 : 0);

	if (n + (a->abstract ? 1 : 0) <= sizeof(a->sun->sun_path))
		return;
	res_note_kind(res, NOTE_WHY, "the name is %zu bytes: sun_path holds %zu, "
		      "so the kernel refuses the address (C libraries that "
		      "check first say ENAMETOOLONG)", n,
		      sizeof(a->sun->sun_path) - (a->abstract ? 1 : 0));
	res_note_kind(res, NOTE_ADVICE, "use a shorter path: a relative one (the "
		      "process's directory), or an abstract @NAME");
}

void whatif_unix_bind(struct stage *st, struct result *res)
{
	struct uask a;

	if (!ask_of(st, res, &a))
		return;
	switch (res->err) {
	case EADDRINUSE: bind_in_use(&a, res); break;
	case ENOENT: no_dir(&a, res); break;
	case EACCES: no_access(&a, true, res); break;
	case EINVAL: too_long(&a, res); break;
	default: break;
	}
}

/* ---- connect ------------------------------------------------------------------ */

static void refused(struct uask *a, struct result *res)
{
	struct stat sb;

	if (a->abstract) {
		res_note_kind(res, NOTE_WHY, "no socket listens at %s in this "
			      "network namespace", a->name);
		return;
	}
	if (lstat(a->path, &sb) == 0 && S_ISSOCK(sb.st_mode))
		res_note_kind(res, NOTE_WHY, "%s is a socket file, but nothing "
			      "listens there: a stale file, left by a socket that "
			      "was closed (or by a server that crashed)", a->name);
	else if (lstat(a->path, &sb) == 0)
		res_note_kind(res, NOTE_WHY, "%s is no socket: a plain file", a->name);
}

static void no_dir_or_file(struct uask *a, struct result *res)
{
	char dir[PATH_MAX + 200];
	struct stat sb;

	if (a->abstract)
		return;
	dir_of(a->path, dir, sizeof(dir));
	if (stat(dir, &sb) < 0) {
		no_dir(a, res);
		return;
	}
	res_note_kind(res, NOTE_WHY, "there is no file %s: nothing was bound "
		      "there, or its file was unlinked", a->name);
}

static void wrong_type(struct uask *a, struct result *res)
{
	char owner[96], what[160];
	struct diag_row r;
	int there;
	const char *kind;

	if (bound_row(a, &r, owner, sizeof(owner))) {
		bound_text(&r, owner, what, sizeof(what));
		res_note_kind(res, NOTE_WHY, "the socket at %s is %s, a %s socket; "
			      "%s is %s: the types must match", a->name, what,
			      type_word(r.type), stage_sock_netid(a->s),
			      type_word(a->s->type));
		res_note_kind(res, NOTE_ADVICE, "connect from a socket unix %s",
			      type_word(r.type));
		return;
	}
	there = type_there(a, res);
	kind = kind_there(there, a->s->type, true);
	if (there < 0)
		return;
	res_note_kind(res, NOTE_WHY, "the socket at %s is %s; %s is %s: the types "
		      "must match", a->name, kind, stage_sock_netid(a->s),
		      type_word(a->s->type));
	if (strncmp(kind, "a ", 2) == 0 && !strstr(kind, " or "))
		res_note_kind(res, NOTE_ADVICE, "connect from a socket unix %.*s",
			      (int)strcspn(kind + 2, " "), kind + 2);
}

static void backlog_full(struct uask *a, struct result *res)
{
	res_note_kind(res, NOTE_WHY, "the listener at %s has as many connections "
		      "waiting as its backlog allows: a UNIX stream connect does "
		      "not wait in SYN-SENT, a non-blocking one fails at once",
		      a->name);
	res_note_kind(res, NOTE_ADVICE, "accept on the listener (each accept makes "
		      "room for one), or listen with a larger backlog");
}

void whatif_unix_connect(struct stage *st, struct result *res)
{
	struct uask a;

	if (!ask_of(st, res, &a))
		return;
	switch (res->err) {
	case ECONNREFUSED: refused(&a, res); break;
	case ENOENT: no_dir_or_file(&a, res); break;
	case EACCES: no_access(&a, false, res); break;
	case EPROTOTYPE: wrong_type(&a, res); break;
	case EAGAIN: backlog_full(&a, res); break;
	case EINVAL: too_long(&a, res); break;
	default: break;
	}
}
