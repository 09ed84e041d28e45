/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ui.h - what the ui/ modules share: the TUI's state, and the functions
 * each module offers the others (tui.c: the loop and actions; draw.c: the
 * screen; keys.c: keys and prompts; help.c: the help screen; log.c: the
 * log; why.c: the explanations of the recent failed calls and their
 * overlay). Not seen outside ui/. */
#ifndef SOCKSTAGE_UI_UI_H
#define SOCKSTAGE_UI_UI_H

#include <stdbool.h>
#include <sys/socket.h>
#include <wchar.h>

#include "diag.h"
#include "export.h"
#include "lesson.h"
#include "prompt.h"
#include "runner.h"
#include "stage.h"
#include "term.h"
#include "track.h"
#include "tui.h"

#define LOG_LINES 300
#define LOG_WIDTH 240
#define MIN_COLS 80
#define MIN_ROWS 24
#define WIDE_COLS 160

struct log_line {
	char text[LOG_WIDTH];
	enum term_role role;
	int sock_id;		/* a transition line of this socket, or 0 */
	long long at_ms;
	bool why_hint;		/* drawn ending in " (y: why)", never cut off */
};

struct log {
	struct log_line lines[LOG_LINES];
	int head;		/* index of the oldest */
	int n;
};

#define WHY_KEEP 16	/* explanations kept: the last failed calls */

/* A failed call and everything the stage said about it. */
struct why_entry {
	char call[200];		/* bind(s2, 0.0.0.0:3459) */
	int err;
	char *notes;		/* its notes ("means: ...\n"...), or NULL */
};

/* The ring of explanations, and the overlay that shows one (key y). */
struct why {
	struct why_entry e[WHY_KEEP];
	int head;		/* index of the oldest */
	int n;
	bool open;		/* the overlay is on screen */
	int at;			/* the one shown: 0 = the oldest kept */
	int scroll;		/* its first row on screen */
};

/* A lesson being played (--lesson). */
struct play {
	bool on;		/* a lesson is loaded */
	bool predict;		/* ask before each step that asserts */
	struct lesson l;
	int step;		/* steps begun: the one on screen is step */
	int line;		/* the next line of the running step; -1 idle */
	long long resume_ms;	/* a wait DURATION in the step ends then */
	long long until_ms;	/* a wait SOCK STATE gives up then; 0 none */
	bool again;		/* the line is not done: run it again */
	long long auto_ms;	/* --autoplay: the next step (or the end) is due */
	char caption[1200];	/* the narration of the step on screen */
	int mismatches;		/* expectations that did not hold */
	/* predict mode */
	bool asking;		/* a question is open */
	int choices[LESSON_MAX_CHOICES], nchoices;
	int answer;		/* the chosen outcome (0 success, errno); -1 */
	int asked, right;	/* the score */
	char verdict[200];	/* the last answer, checked */
};

/* --show-keys: the last keys, by name */
#define KEYSHOW_KEYS 6
struct keyshow {
	char names[KEYSHOW_KEYS][16];
	int n;
	long long last_ms;
};

enum focus { FOCUS_STAGE, FOCUS_PROCS, FOCUS_KERNEL, FOCUS_COUNT };

/* What a prompt is for: the command it will run when Enter is pressed. */
struct pending_prompt {
	char cmd_prefix[96];	/* "bind s1 " - the typed text follows */
	bool raw;		/* the ':' line: the text is the command */
	bool filter;		/* the '/' filter */
	bool step;		/* G: the lesson step to go to */
	bool export_c;		/* W: the file to write the session to */
};

/* Where a failure asked to be: rows that overlap it are marked. */
/* The kernel rows behind the last failure: those its explanation named
 * (by cookie), or else those whose address overlaps what it asked for. */
struct cause_mark {
	bool active;
	int proto;
	bool v6only;
	struct sockaddr_storage addr;
	uint64_t self;		/* the failing socket's cookie: never a cause */
	uint64_t rows[RESULT_WHY_ROWS];
	int nrows;
};

/* "wait SOCK STATE [TIMEOUT]" typed at the ':' line: the screen stays
 * live while the kernel is looked at every 100 ms. */
struct live_wait {
	bool on;
	char line[256];		/* the line, run for its result at the end */
	long long until_ms;	/* give up then */
	long long next_ms;	/* look again then */
};

/* Keys that came while a call waited for a worker, handled after it. */
#define KEYQ_MAX 64
struct queued_key {
	bool is_key;
	unsigned key;
};
struct keyq {
	struct queued_key k[KEYQ_MAX];
	int n;
};

struct tui {
	struct tui_opts opts;
	struct stage st;
	struct track track;
	struct diag_table all;		/* the whole table (all-sockets view) */
	struct log log;

	bool quit;
	bool paused;
	bool all_view;
	bool help;
	int help_scroll;
	char filter[64];
	enum focus focus;
	int sel;			/* selected socket: index into st.socks */
	int psel;			/* selected process: index into st.procs */
	int kscroll;			/* kernel view: first row shown */
	long long last_read_ms;
	double read_cost_ms;		/* CPU a read costs (smoothed) */
	int interval_ms;		/* the refresh in effect */
	char view_err[200];		/* the kernel could not be read */
	int owner_err;			/* /proc could not be read: errno */

	bool prompting;
	struct prompt prompt;
	struct pending_prompt pp;
	struct prompt_history history;

	struct cause_mark cause;
	struct why why;			/* recent failures, explained in full */
	struct play play;		/* the lesson, with --lesson */
	struct live_wait wait;		/* a ':wait SOCK STATE' under way */
	struct keyq keyq;		/* keys read while a call waited */
	long long idle_drawn_ms;	/* the screen drawn during that wait */
	struct keyshow keyshow;		/* --show-keys */
	struct export *export;		/* the session so far, as C (W) */
	struct runner run;		/* runs every line */
	const char *running_line;	/* the line the runner runs now */
	bool running_script;		/* ... a lesson's line, or a look */
	int export_lineno;
	int script_expect_ms;		/* expect's wait in lesson lines */
	char last_bind[80];		/* default address for bind */
	char last_listen[80];		/* default address for connect */
	bool dirty;			/* redraw needed */
};

/* tui.c */
void tui_run_line(struct tui *t, const char *line);
/* A lesson line, run as a script runs it (outcomes waited for, within the
 * stage's bounds); logged unless quiet. Returns 0 when the call
 * succeeded, its errno when it failed, -1 for anything else; *mismatch:
 * its expectation did not hold. */
int tui_run_script_line(struct tui *t, const char *line, bool quiet,
			bool *mismatch);
/* The same for "wait SOCK STATE", looking once (no waiting). */
int tui_run_wait_once(struct tui *t, const char *line, bool quiet,
		      bool *mismatch);
/* Start the stage (again): workers, async mode, empty views. */
int tui_stage_start(struct tui *t, char *err, size_t errlen);
/* A line the stage does not run (say...) into the session's C program. */
void tui_export_line(struct tui *t, const char *line);
/* W: write the session so far as a C program to path. */
void tui_export_write(struct tui *t, const char *path);
void tui_read_kernel(struct tui *t);
/* The sockets some process holds, into idx (NULL: only count them), at
 * most max; returns how many. */
int tui_live_socks(const struct tui *t, int *idx, int max);
int tui_live_procs(const struct tui *t, int *idx, int max);
/* "wait SOCK STATE" without freezing the screen: look once, quietly;
 * true when the state is there or until_ms has passed (then run the line
 * for its result), false: look again later (about 100 ms). */
bool tui_wait_looked(struct tui *t, const char *line, long long until_ms);
/* A ':wait SOCK STATE' under way: look again when due, finish it. */
void tui_wait_tick(struct tui *t);
int tui_wait_timeout(const struct tui *t);	/* ms until due, -1 none */

/* keys.c */
void keys_handle(struct tui *t, bool is_key, unsigned key);
void keys_ask_step(struct tui *t);	/* G: which lesson step */

/* play.c */
int play_start(struct tui *t, const char *path, char *err, size_t errlen);
void play_free(struct play *p);
bool play_running(const struct play *p);
void play_next(struct tui *t);		/* Space: the next step */
void play_restart(struct tui *t);	/* R */
void play_jump(struct tui *t, int step);	/* G: 1-based */
void play_tick(struct tui *t);		/* run the next line when due */
int play_timeout(const struct tui *t);	/* ms until then, -1 idle */
bool play_key(struct tui *t, bool is_key, unsigned key);

/* keyshow.c: --show-keys */
void keyshow_add(struct tui *t, bool is_key, unsigned key);
int keyshow_timeout(const struct tui *t);	/* ms until it goes, or -1 */
void keyshow_draw(struct tui *t, int y, int cols);

/* wrap.c: text by display columns */
#define WLINE_MAX 1024		/* characters of one line; the rest is cut */
struct wline {
	wchar_t c[WLINE_MAX];
	signed char w[WLINE_MAX];
	int n;
};
void wline_decode(struct wline *l, const char *s, size_t len);
/* how many characters from 'from' fit in cols columns */
int wline_fit(const struct wline *l, int from, int cols);
/* the characters of the row that starts at 'from' when wrapping at
 * blanks: as many as fit, ended at the last blank when a word would be
 * cut; at least one */
int wline_row(const struct wline *l, int from, int cols);

/* draw.c */
void draw_screen(struct tui *t);

/* help.c */
void help_draw(struct tui *t, int rows, int cols);
int help_lines(void);

/* why.c */
void why_add(struct why *w, const struct result *res);	/* a RES_FAIL */
void why_free(struct why *w);
void why_open(struct tui *t);	/* the newest; or says there is none */
void why_key(struct tui *t, bool is_key, unsigned key);
void why_draw(struct tui *t, int rows, int cols);

/* log.c */
void log_add(struct log *l, enum term_role role, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
struct log_line *log_last(struct log *l);
const struct log_line *log_get(const struct log *l, int i); /* 0 = oldest */

#endif
