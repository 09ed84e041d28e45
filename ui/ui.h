/* ui.h - what the ui/ modules share: the TUI's state, and the functions
 * each module offers the others (tui.c: the loop and actions; draw.c: the
 * screen; keys.c: keys and prompts; help.c: the help screen; log.c: the
 * log; why.c: the explanations of the recent failed calls and their
 * overlay). Not seen outside ui/. */
#ifndef SOCKSTAGE_UI_UI_H
#define SOCKSTAGE_UI_UI_H

#include <stdbool.h>
#include <sys/socket.h>

#include "diag.h"
#include "prompt.h"
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

enum focus { FOCUS_STAGE, FOCUS_PROCS, FOCUS_KERNEL, FOCUS_COUNT };

/* What a prompt is for: the command it will run when Enter is pressed. */
struct pending_prompt {
	char cmd_prefix[96];	/* "bind s1 " - the typed text follows */
	bool raw;		/* the ':' line: the text is the command */
	bool filter;		/* the '/' filter */
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

	bool prompting;
	struct prompt prompt;
	struct pending_prompt pp;
	struct prompt_history history;

	struct cause_mark cause;
	struct why why;			/* recent failures, explained in full */
	char last_bind[80];		/* default address for bind */
	char last_listen[80];		/* default address for connect */
	bool dirty;			/* redraw needed */
};

/* tui.c */
void tui_run_line(struct tui *t, const char *line);
void tui_read_kernel(struct tui *t);
int tui_live_socks(const struct tui *t, int *idx, int max);
int tui_live_procs(const struct tui *t, int *idx, int max);

/* keys.c */
void keys_handle(struct tui *t, bool is_key, unsigned key);

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
