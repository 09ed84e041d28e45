/* SPDX-License-Identifier: GPL-2.0-or-later */
/* lesson.c - load a lesson and split it into steps; find lessons by name
 * among the installed and in-tree ones; the choices of predict mode. */
#include "lesson.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "explain.h"
#include "text.h"
#include "util.h"

#ifndef LESSONDIR
#define LESSONDIR "/usr/local/share/sockstage/lessons"
#endif

#define LINE_MAX_LEN 4096
#define MAX_DIRS 4
#define MAX_LESSONS 256

/* ---- loading -------------------------------------------------------------- */

static void add_line(struct lesson *l, int *cap, int lineno, const char *text,
		     const struct command *cmd)
{
	struct lesson_line *ln;

	if (l->nlines == *cap) {
		*cap = *cap ? *cap * 2 : 32;
		l->lines = xrealloc(l->lines, (size_t)*cap * sizeof(*l->lines));
	}
	ln = &l->lines[l->nlines++];
	memset(ln, 0, sizeof(*ln));	/* every field, beat too, set below or 0 */
	ln->lineno = lineno;
	command_copy(&ln->cmd, cmd);
	ln->cmd.line = lineno;
	ln->text = xstrdup(text);
	ln->question = xstrdup(text);
	if (cmd->has_expect && cmd->expect_col >= 0 &&
	    (size_t)cmd->expect_col <= strlen(text)) {
		size_t n = (size_t)cmd->expect_col;

		while (n && (text[n - 1] == ' ' || text[n - 1] == '\t'))
			n--;
		ln->question[n] = '\0';
	}
	ln->kind = cmd->kind;
	ln->has_expect = cmd->has_expect;
	ln->expect_errno = cmd->expect_errno;
	ln->say = cmd->kind == CMD_SAY ? xstrdup(cmd->text) : NULL;
	ln->wait_ms = cmd->kind == CMD_WAIT && cmd->state < 0 ?
		      cmd->duration_ms : -1;
	ln->until_ms = cmd->kind != CMD_WAIT || cmd->state < 0 ? -1 :
		       cmd->duration_ms >= 0 ? cmd->duration_ms : 5000;
}

/* The line predict mode would ask about: the first that expects an
 * error, or else the last asserted one. */
static int ask_default(const struct lesson *l, int first, int n)
{
	int last = -1;

	for (int i = first; i < first + n; i++) {
		if (!l->lines[i].has_expect)
			continue;
		if (l->lines[i].expect_errno)
			return i;
		last = i;
	}
	return last;
}

static bool same_question(const struct lesson *l, int a, int b)
{
	return a >= 0 && b >= 0 &&
	       !strcmp(l->lines[a].question, l->lines[b].question);
}

/* The line the step asks about, never the question asked last (prev):
 * then another asserted line of the step, one that no narration after an
 * earlier result of the step comes before (that narration tends to
 * answer it), or none: the step asks nothing. */
static int ask_line(const struct lesson *l, int first, int n, int prev)
{
	int want = ask_default(l, first, n);
	bool result = false, told = false;

	if (!same_question(l, want, prev))
		return want;
	for (int i = first; i < first + n; i++) {
		const struct lesson_line *ln = &l->lines[i];

		if (ln->say && result)
			told = true;
		if (!ln->has_expect)
			continue;
		if (!told && !same_question(l, i, prev))
			return i;
		result = true;
	}
	return -1;
}

/* Mark the says that begin a beat of the step; returns how many beats. */
static int mark_beats(struct lesson *l, int first, int n)
{
	bool called = false;
	int beats = 1, pending = -1;

	for (int i = first; i < first + n; i++) {
		struct lesson_line *ln = &l->lines[i];

		if (ln->say) {
			if (called && pending < 0)
				pending = i;
			continue;
		}
		if (pending >= 0) {
			l->lines[pending].beat = true;
			beats++;
			pending = -1;
		}
		called = true;
	}
	return beats;
}

/* End the step that started at line first (if it has any line). */
static void end_step(struct lesson *l, int *cap, int first)
{
	struct lesson_step *s;

	if (l->nlines == first)
		return;
	if (l->nsteps == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		l->steps = xrealloc(l->steps, (size_t)*cap * sizeof(*l->steps));
	}
	s = &l->steps[l->nsteps++];
	s->first = first;
	s->n = l->nlines - first;
	s->prev_ask = -1;
	for (int k = l->nsteps - 2; k >= 0 && s->prev_ask < 0; k--)
		s->prev_ask = l->steps[k].ask;
	s->ask = ask_line(l, first, s->n, s->prev_ask);
	s->nbeats = mark_beats(l, first, s->n);
}

/* One line of the file into the lesson: header, step end, or a line to
 * run. Returns 0, or -1 with the message in err. */
static int take_line(struct lesson *l, const char *text, int lineno,
		     int *lcap, int *scap, int *first, char *err, size_t errlen)
{
	struct command cmd;
	struct cmd_error ce;
	int rc = 0;

	if (!strncmp(text, "# needs: root", 13))
		l->needs_root = true;
	if (command_parse(text, &cmd, &ce) < 0) {
		snprintf(err, errlen, "%s:%d:%d: error: %s", l->path, lineno,
			 ce.col + 1, ce.msg);
		rc = -1;
	} else if (cmd.kind == CMD_TITLE || cmd.kind == CMD_ABOUT) {
		char **field = cmd.kind == CMD_TITLE ? &l->title : &l->about;

		free(*field);
		*field = xstrdup(cmd.text);
	} else if (cmd.kind == CMD_PAUSE) {
		end_step(l, scap, *first);
		*first = l->nlines;
	} else if (cmd.kind != CMD_NONE) {
		add_line(l, lcap, lineno, text, &cmd);
	}
	command_free(&cmd);
	return rc;
}

static void name_of(const char *path, char *name, size_t len)
{
	const char *base = strrchr(path, '/');
	size_t n;

	base = base ? base + 1 : path;
	n = strlen(base);
	if (n > 6 && !strcmp(base + n - 6, ".stage"))
		n -= 6;
	snprintf(name, len, "%.*s", (int)n, base);
}

/* A file that cannot be a lesson, told from its first bytes: binary (a
 * NUL byte), or JSON such as an asciicast recording (a lesson line never
 * starts with '{' or '['). Returns 0, or -1 with the message. Only a
 * regular file is looked at (it is read again from its start). */
static int not_a_lesson(FILE *f, const char *path, char *err, size_t errlen)
{
	unsigned char buf[512];
	struct stat st;
	size_t n, i = 0;

	if (fstat(fileno(f), &st) < 0 || !S_ISREG(st.st_mode))
		return 0;
	n = fread(buf, 1, sizeof(buf), f);
	rewind(f);
	if (memchr(buf, '\0', n)) {
		snprintf(err, errlen, "'%s' is not a lesson: it is not a text "
			 "file", path);
		return -1;
	}
	if (n >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
		i = 3;		/* a UTF-8 byte order mark */
	while (i < n && strchr(" \t\r\n", buf[i]))
		i++;
	if (i < n && (buf[i] == '{' || buf[i] == '[')) {
		snprintf(err, errlen, "'%s' is not a lesson: it is JSON (an "
			 "asciicast recording? asciinema play replays it); a "
			 "lesson is a file of commands", path);
		return -1;
	}
	return 0;
}

/* Refuse a file given as a lesson that is not one, before any terminal
 * is set up. Returns 0, or -1 with the message. */
static int check_file(const char *path, char *err, size_t errlen)
{
	FILE *f = fopen(path, "re");
	int rc;

	if (!f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	rc = not_a_lesson(f, path, err, errlen);
	fclose(f);
	return rc;
}

int lesson_read(FILE *f, const char *path, struct lesson *l, char *err,
		size_t errlen)
{
	char buf[LINE_MAX_LEN + 2];
	int lineno = 0, lcap = 0, scap = 0, first = 0, rc = 0;

	memset(l, 0, sizeof(*l));
	l->path = xstrdup(path);
	name_of(path, l->name, sizeof(l->name));
	while (rc == 0 && fgets(buf, sizeof(buf), f)) {
		size_t n = strlen(buf);

		lineno++;
		if (n && buf[n - 1] != '\n' && !feof(f)) {
			snprintf(err, errlen, "%s:%d:1: error: line longer than %d "
				 "characters", path, lineno, LINE_MAX_LEN);
			rc = -1;
			break;
		}
		buf[strcspn(buf, "\r\n")] = '\0';
		rc = take_line(l, buf, lineno, &lcap, &scap, &first, err, errlen);
	}
	if (rc == 0 && ferror(f)) {
		snprintf(err, errlen, "%s: %s", path, errno == EISDIR ?
			 "is a directory" : "read error");
		rc = -1;
	}
	if (rc == 0)
		end_step(l, &scap, first);
	if (rc == 0 && !l->nsteps) {
		snprintf(err, errlen, "%s: no step to run", path);
		rc = -1;
	}
	if (rc < 0)
		lesson_free(l);
	return rc;
}

int lesson_load(const char *path, struct lesson *l, char *err, size_t errlen)
{
	FILE *f = fopen(path, "re");
	int rc;

	memset(l, 0, sizeof(*l));
	if (!f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (not_a_lesson(f, path, err, errlen) < 0) {
		fclose(f);
		return -1;
	}
	rc = lesson_read(f, path, l, err, errlen);
	fclose(f);
	return rc;
}

void lesson_free(struct lesson *l)
{
	for (int i = 0; i < l->nlines; i++) {
		command_free(&l->lines[i].cmd);
		free(l->lines[i].text);
		free(l->lines[i].question);
		free(l->lines[i].say);
	}
	free(l->lines);
	free(l->steps);
	free(l->path);
	free(l->title);
	free(l->about);
	memset(l, 0, sizeof(*l));
}

/* ---- finding ------------------------------------------------------------------ */

/* Add dir to the nd directories, unless it is one of them already: the
 * same name, or the same directory by another route (a symbolic link, a
 * trailing '/', a build tree that is the source tree). Returns the new
 * count. */
static int add_dir(char dirs[MAX_DIRS][PATH_MAX], int nd, const char *dir)
{
	struct stat st, other;
	bool known = stat(dir, &st) == 0;

	for (int i = 0; i < nd; i++)
		if (!strcmp(dirs[i], dir) ||
		    (known && stat(dirs[i], &other) == 0 &&
		     st.st_dev == other.st_dev && st.st_ino == other.st_ino))
			return nd;
	snprintf(dirs[nd], PATH_MAX, "%s", dir);
	return nd + 1;
}

/* The directories to look in, in order: $SOCKSTAGE_LESSONS; beside the
 * program; the source tree's when the program runs from its build tree
 * (an installed copy never looks there); the installed lessons. Each
 * directory once. */
static int lesson_dirs(char dirs[MAX_DIRS][PATH_MAX])
{
	const char *env = getenv("SOCKSTAGE_LESSONS");
	char exe[PATH_MAX - 16] = "", dir[PATH_MAX];
	ssize_t n;
	int nd = 0;

	if (env && *env)
		nd = add_dir(dirs, nd, env);
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		char *slash;

		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')))
			*slash = '\0';
		snprintf(dir, sizeof(dir), "%s/lessons", exe);
		nd = add_dir(dirs, nd, dir);
	}
#if defined(SRCLESSONDIR) && defined(TOPBUILDDIR)
	if (n > 0 && !strcmp(exe, TOPBUILDDIR))
		nd = add_dir(dirs, nd, SRCLESSONDIR);
#endif
	return add_dir(dirs, nd, LESSONDIR);
}

/* Does file name (without .stage) answer to what: "01-first-server",
 * "first-server" (after the number), or "1"/"01" (the number)? */
static bool name_matches(const char *name, const char *what)
{
	char *end;
	long num = strtol(name, &end, 10);

	if (!strcmp(name, what))
		return true;
	if (end == name || *end != '-')
		return false;
	if (!strcmp(end + 1, what))
		return true;
	if (what[strspn(what, "0123456789")] == '\0' && *what)
		return strtol(what, NULL, 10) == num;
	return false;
}

/* Entry e of directory d is a lesson: NAME.stage, not hidden, not a
 * directory. */
static bool is_lesson_file(DIR *d, const struct dirent *e, char *name,
			   size_t len)
{
	const char *file = e->d_name;
	size_t n = strlen(file);
	struct stat st;

	if (n <= 6 || strcmp(file + n - 6, ".stage") || file[0] == '.')
		return false;
	if (e->d_type == DT_DIR || (e->d_type == DT_UNKNOWN &&
	    fstatat(dirfd(d), file, &st, 0) == 0 && S_ISDIR(st.st_mode)))
		return false;
	snprintf(name, len, "%.*s", (int)(n - 6), file);
	return true;
}

static int find_in(const char *dir, const char *what, char *path, size_t len)
{
	struct dirent *e;
	char name[LESSON_NAME_MAX];
	DIR *d = opendir(dir);
	int found = -1;

	if (!d)
		return -1;
	while (found < 0 && (e = readdir(d)))
		if (is_lesson_file(d, e, name, sizeof(name)) &&
		    name_matches(name, what) &&
		    snprintf(path, len, "%s/%s", dir, e->d_name) < (int)len)
			found = 0;
	closedir(d);
	return found;
}

int lesson_find(const char *what, char *path, size_t len, char *err,
		size_t errlen)
{
	char dirs[MAX_DIRS][PATH_MAX];
	int nd = lesson_dirs(dirs);
	size_t off;

	if (strchr(what, '/') || (strlen(what) > 6 &&
				  !strcmp(what + strlen(what) - 6, ".stage"))) {
		struct stat st;

		if (access(what, R_OK) < 0) {
			snprintf(err, errlen, "%s: %s", what, strerror(errno));
			return -1;
		}
		if (stat(what, &st) == 0 && S_ISDIR(st.st_mode)) {
			snprintf(err, errlen, "'%s' is a directory", what);
			return -1;
		}
		if (check_file(what, err, errlen) < 0)
			return -1;
		snprintf(path, len, "%s", what);
		return 0;
	}
	for (int i = 0; i < nd; i++)
		if (find_in(dirs[i], what, path, len) == 0)
			return 0;
	off = (size_t)snprintf(err, errlen, "no lesson '%s' (--list-lessons lists "
			       "them; looked in", what);
	for (int i = 0; i < nd && off < errlen; i++)
		off += (size_t)snprintf(err + off, errlen - off, "%s %s",
					i ? "," : "", dirs[i]);
	if (off < errlen)
		snprintf(err + off, errlen - off, ")");
	return -1;
}

/* ---- listing ---------------------------------------------------------------------- */

struct found {
	char name[LESSON_NAME_MAX];
	char path[PATH_MAX + LESSON_NAME_MAX + 8];
};

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct found *)a)->name,
		      ((const struct found *)b)->name);
}

/* Every lesson file of dir not already in f (earlier dirs win). */
static int gather(const char *dir, struct found *f, int n)
{
	struct dirent *e;
	char name[LESSON_NAME_MAX];
	DIR *d = opendir(dir);

	if (!d)
		return n;
	while (n < MAX_LESSONS && (e = readdir(d))) {
		int i;

		if (!is_lesson_file(d, e, name, sizeof(name)))
			continue;
		for (i = 0; i < n && strcmp(f[i].name, name); i++)
			;
		if (i < n)
			continue;
		str_copy(f[n].name, name, sizeof(f[n].name));
		if (snprintf(f[n].path, sizeof(f[n].path), "%s/%s", dir,
			     e->d_name) < (int)sizeof(f[n].path))
			n++;
	}
	closedir(d);
	return n;
}

int lesson_list(FILE *out)
{
	static struct found f[MAX_LESSONS];
	char dirs[MAX_DIRS][PATH_MAX], err[512];
	int nd = lesson_dirs(dirs), n = 0;

	for (int i = 0; i < nd; i++)
		n = gather(dirs[i], f, n);
	qsort(f, (size_t)n, sizeof(f[0]), by_name);
	for (int i = 0; i < n; i++) {
		char name[4 * LESSON_NAME_MAX];
		struct lesson l;

		/* escaped first: the padding counts what shows */
		text_escape(name, sizeof(name), f[i].name, strlen(f[i].name));
		if (lesson_load(f[i].path, &l, err, sizeof(err)) < 0) {
			text_fprintf(out, "%-22s (cannot load: %s)\n", name, err);
			continue;
		}
		text_fprintf(out, "%-22s %s%s\n", name,
			     l.title ? l.title : "(no title)",
			     l.needs_root ? " [needs root]" : "");
		lesson_free(&l);
	}
	if (!n)
		fprintf(stderr, "sockstage: no lessons found (set SOCKSTAGE_LESSONS "
			"to a directory of .stage files)\n");
	return n;
}

/* ---- predict mode ---------------------------------------------------------------- */

int lesson_choices(const struct lesson *l, int i, int *out, int max)
{
	const struct lesson_line *ln = &l->lines[i];
	const struct cmd_info *info = command_info(ln->kind);
	static const int none[] = { 0 };
	const int *p = info ? info->errnos : none;
	int n = 0, want = ln->has_expect ? ln->expect_errno : 0;
	bool have = want == 0;

	if (max < 2)
		return 0;
	out[n++] = 0;
	for (; *p && n < max; p++) {
		out[n++] = *p;
		have |= *p == want;
	}
	if (!have)
		out[n - 1] = want;	/* the real answer is always offered */
	return n;
}

/* "l2 (server2)": a name and the process written before it */
static void who(const struct command *c, const struct cmd_ref *r, char *buf,
		size_t len)
{
	if (c->proc.col >= 0 && c->proc.name[0])
		snprintf(buf, len, "%s (%s)", r->name, c->proc.name);
	else
		snprintf(buf, len, "%s", r->name);
}

/* What line ln changed, in a few words, or false: nothing to say (a
 * failure, narration, a look at the kernel...). */
static bool change_of(const struct lesson_line *ln, char *buf, size_t len)
{
	const struct command *c = &ln->cmd;
	const struct sockopt_def *opt;
	const char *addr = c->addr_col >= 0 &&
			   (size_t)c->addr_col < strlen(ln->question) ?
			   ln->question + c->addr_col : "";
	char name[2 * NAME_MAX_LEN + 8];

	if (ln->has_expect && ln->expect_errno)
		return false;	/* a call that fails changes nothing */
	who(c, c->kind == CMD_SOCKET ? &c->as : &c->sock, name, sizeof(name));
	switch (c->kind) {
	case CMD_SOCKET:
		snprintf(buf, len, "%s is a new socket", c->as.name[0] ? name :
			 "an unnamed one");
		break;
	case CMD_SET:
		opt = sockopt_get(c->opt);
		snprintf(buf, len, "%s has %s %s", name, opt && opt->kind ==
			 SOV_BOOL && !c->value ? "cleared" : "set", opt ? opt->cname :
			 "an option");
		break;
	case CMD_BIND:
		snprintf(buf, len, "%s is bound to %s", name, addr);
		break;
	case CMD_LISTEN:
		snprintf(buf, len, "%s listens", name);
		break;
	case CMD_CONNECT:
		snprintf(buf, len, "%s has connected to %s", name, addr);
		break;
	case CMD_ACCEPT:
		snprintf(buf, len, "%s has accepted %s", name, c->as.name[0] ?
			 c->as.name : "a connection");
		break;
	case CMD_SEND:
	case CMD_SENDTO:
		snprintf(buf, len, "%s has sent", name);
		break;
	case CMD_RECV:
		snprintf(buf, len, "%s has received", name);
		break;
	case CMD_SHUTDOWN:
		snprintf(buf, len, "%s is shut down", name);
		break;
	case CMD_CLOSE:
		snprintf(buf, len, "%s is closed", name);
		break;
	case CMD_JOIN:
	case CMD_LEAVE:
		snprintf(buf, len, "%s has %s a group", name,
			 c->kind == CMD_JOIN ? "joined" : "left");
		break;
	case CMD_SPAWN:
		snprintf(buf, len, "%s is a new process", c->sock.name);
		break;
	case CMD_FORK:
		snprintf(buf, len, "%s has forked%s%s", c->sock.name,
			 c->as.name[0] ? " " : "", c->as.name);
		break;
	case CMD_EXIT:
		snprintf(buf, len, "%s has exited", c->sock.name);
		break;
	case CMD_KILL:
		snprintf(buf, len, "%s was killed", c->sock.name);
		break;
	default:
		return false;
	}
	return true;
}

int lesson_since(const struct lesson *l, int from, int to, int max, char *buf,
		 size_t len)
{
	char one[256];
	int total = 0, skip, seen = 0;
	size_t off = 0;

	if (len)
		buf[0] = '\0';
	from = from < 0 ? 0 : from;
	to = to > l->nlines ? l->nlines : to;
	for (int i = from; i < to; i++)
		total += change_of(&l->lines[i], one, sizeof(one));
	skip = total > max ? total - max : 0;
	if (skip && len)
		off = (size_t)snprintf(buf, len, "%d earlier call%s, then ", skip,
				       skip == 1 ? "" : "s");
	for (int i = from; i < to && off < len; i++) {
		if (!change_of(&l->lines[i], one, sizeof(one)) || seen++ < skip)
			continue;
		off += (size_t)snprintf(buf + off, len - off, "%s%s",
					seen > skip + 1 ? "; " : "", one);
	}
	return total;
}
