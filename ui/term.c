/* SPDX-License-Identifier: GPL-2.0-or-later */
/* term.c - the terminal layer: curses start and end, the attribute that
 * gives each role its look (colors, or bold/underline/reverse/dim without
 * them), stderr captured while curses owns the screen, and signals.
 *
 * Whatever happens the terminal is left usable:
 *  - SIGINT, SIGTERM, SIGHUP set a flag and write to a self-pipe; the main
 *    loop sees the pipe readable, quits and calls term_end. A second one
 *    before that takes the fatal path below (the loop may be stuck).
 *  - SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGQUIT: the handler does
 *    only async-signal-safe things: the terminal's own sequences that
 *    reset the attributes, show the cursor, leave keypad mode, turn the
 *    mouse reports off and leave the alternate screen (read from
 *    terminfo at start, written with
 *    write(2)), the saved termios (tcsetattr), stderr put back and what it
 *    captured replayed; the registered on_fatal function (it kills the
 *    workers); then the signal is raised again with the disposition it
 *    had before (default: the exit status and the core dump are the
 *    signal's; a sanitizer's handler: its report).
 *  - term_end is idempotent, registered with atexit, and does nothing in
 *    a forked child (workers inherit the handlers and the atexit list).
 *  - SIGWINCH and SIGTSTP are ncurses' own (KEY_RESIZE; endwin on
 *    suspend); SIGWINCH also wakes the main loop through the self-pipe. */
#define NCURSES_WIDECHAR 1
#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <termios.h>
#include <unistd.h>

#include "term.h"
#include "text.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static const int quit_signals[] = { SIGINT, SIGTERM, SIGHUP };
static const int fatal_signals[] = {
	SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGQUIT,
};

static bool started;
static pid_t owner;			/* the process that runs curses */
static SCREEN *screen;

/* termios of stdin and stdout as they were at start */
static struct termios saved_tio[2];
static bool have_tio[2];

/* the self-pipe, and which quit signal arrived */
static int sig_pipe[2] = { -1, -1 };
static volatile sig_atomic_t quit_sig;
static void (*on_fatal)(void);
static const struct term_relay *relay;	/* term_opts.relay */

/* dispositions before ours, restored by term_end and on the fatal path */
static struct sigaction old_act[NSIG];
static bool installed[NSIG];
static char alt_stack[64 * 1024];
static bool alt_stack_set;

/* stderr while curses runs: fd 2 is a temporary file; the real one is
 * kept in saved_err */
static int saved_err = -1, err_file = -1;

/* what the fatal path writes to the terminal */
static char reset_seq[256];
static size_t reset_len;

static int role_attr[ROLE_COUNT];
static bool attrs_ready;

/* ---- roles --------------------------------------------------------------------- */

/* Without colors every role still reads: the selected row is reverse,
 * cause rows bold and underlined, changed rows bold and reverse, the
 * selected socket's kernel rows bold. States carry their names. The
 * projector theme dims nothing: secondary text is as readable as the
 * rest, and the states that matter are bold. */
static void mono_attrs(enum term_theme theme)
{
	memset(role_attr, 0, sizeof(role_attr));
	role_attr[ROLE_HEADER] = A_REVERSE | A_BOLD;
	role_attr[ROLE_KEYBAR] = A_REVERSE;
	role_attr[ROLE_TITLE] = A_BOLD;
	role_attr[ROLE_SELECTED] = A_REVERSE;
	role_attr[ROLE_MINE] = A_BOLD;
	role_attr[ROLE_CAUSE] = A_BOLD | A_UNDERLINE;
	role_attr[ROLE_CHANGED] = A_BOLD | A_REVERSE;
	role_attr[ROLE_FAIL] = A_BOLD;
	role_attr[ROLE_DIM] = theme == THEME_PROJECTOR ? A_NORMAL : A_DIM;
	role_attr[ROLE_BADGE] = A_BOLD;
	role_attr[ROLE_ST_LISTEN] = A_BOLD;
	if (theme == THEME_PROJECTOR) {
		role_attr[ROLE_ST_TIMEWAIT] = A_BOLD | A_UNDERLINE;
		role_attr[ROLE_ST_ESTAB] = A_BOLD;
	}
	attrs_ready = true;
}

#define DEFAULT_COLOR (-1)

/* The roles that have a color, per theme: foreground, background, extra
 * attributes. dark: no color on a color background but the cause
 * marking, bold where the color is weak. light: no yellow or cyan text,
 * which a white background washes out. projector: every state a word on
 * a saturated background, in bold, readable on light and dark screens
 * and through a washed-out projector. */
struct color_role {
	enum term_role role;
	short fg, bg;
	int extra;
};

static const struct color_role dark[] = {
	{ ROLE_CAUSE, COLOR_WHITE, COLOR_RED, A_BOLD },
	{ ROLE_OK, COLOR_GREEN, DEFAULT_COLOR, 0 },
	{ ROLE_FAIL, COLOR_RED, DEFAULT_COLOR, A_BOLD },
	{ ROLE_ST_LISTEN, COLOR_GREEN, DEFAULT_COLOR, 0 },
	{ ROLE_ST_ESTAB, COLOR_CYAN, DEFAULT_COLOR, 0 },
	{ ROLE_ST_TIMEWAIT, COLOR_YELLOW, DEFAULT_COLOR, A_BOLD },
	{ ROLE_ST_SYNSENT, COLOR_MAGENTA, DEFAULT_COLOR, 0 },
	{ ROLE_ST_CLOSEWAIT, COLOR_RED, DEFAULT_COLOR, 0 },
	{ ROLE_ST_CLOSING, COLOR_BLUE, DEFAULT_COLOR, A_BOLD },
	{ -1, 0, 0, 0 },
};

static const struct color_role light[] = {
	{ ROLE_CAUSE, COLOR_WHITE, COLOR_RED, A_BOLD },
	{ ROLE_OK, COLOR_GREEN, DEFAULT_COLOR, A_BOLD },
	{ ROLE_FAIL, COLOR_RED, DEFAULT_COLOR, A_BOLD },
	{ ROLE_ST_LISTEN, COLOR_GREEN, DEFAULT_COLOR, A_BOLD },
	{ ROLE_ST_ESTAB, COLOR_BLUE, DEFAULT_COLOR, A_BOLD },
	{ ROLE_ST_TIMEWAIT, COLOR_MAGENTA, DEFAULT_COLOR, A_BOLD },
	{ ROLE_ST_SYNSENT, COLOR_MAGENTA, DEFAULT_COLOR, 0 },
	{ ROLE_ST_CLOSEWAIT, COLOR_RED, DEFAULT_COLOR, 0 },
	{ ROLE_ST_CLOSING, COLOR_BLUE, DEFAULT_COLOR, 0 },
	{ -1, 0, 0, 0 },
};

static const struct color_role projector[] = {
	{ ROLE_CAUSE, COLOR_WHITE, COLOR_RED, A_BOLD | A_UNDERLINE },
	{ ROLE_OK, COLOR_WHITE, COLOR_GREEN, A_BOLD },
	{ ROLE_FAIL, COLOR_WHITE, COLOR_RED, A_BOLD },
	{ ROLE_ST_LISTEN, COLOR_WHITE, COLOR_GREEN, A_BOLD },
	{ ROLE_ST_ESTAB, COLOR_WHITE, COLOR_BLUE, A_BOLD },
	{ ROLE_ST_TIMEWAIT, COLOR_BLACK, COLOR_YELLOW, A_BOLD },
	{ ROLE_ST_SYNSENT, COLOR_WHITE, COLOR_MAGENTA, A_BOLD },
	{ ROLE_ST_CLOSEWAIT, COLOR_WHITE, COLOR_RED, A_BOLD },
	{ ROLE_ST_CLOSING, COLOR_BLACK, COLOR_CYAN, A_BOLD },
	{ -1, 0, 0, 0 },
};

int term_theme_parse(const char *name)
{
	static const char *const names[THEME_COUNT] = {
		[THEME_DARK] = "dark", [THEME_LIGHT] = "light",
		[THEME_PROJECTOR] = "projector",
	};

	for (int i = 0; name && i < THEME_COUNT; i++)
		if (strcmp(name, names[i]) == 0)
			return i;
	return -1;
}

static bool no_color_env(void)
{
	const char *v = getenv("NO_COLOR");

	return v && *v;		/* set and not empty: no-color.org */
}

static void color_attrs(const struct term_opts *o)
{
	enum term_theme theme = o ? o->theme : THEME_DARK;
	const struct color_role *c = theme == THEME_LIGHT ? light :
				     theme == THEME_PROJECTOR ? projector : dark;
	short fg_default = DEFAULT_COLOR, bg_default = DEFAULT_COLOR, fg, bg;
	int n = 0;

	mono_attrs(theme);
	while (c[n].role != (enum term_role)-1)
		n++;
	if ((o && o->no_color) || no_color_env() || !has_colors())
		return;
	if (start_color() == ERR || COLORS < 8 || COLOR_PAIRS <= n)
		return;
	if (use_default_colors() == ERR) {
		fg_default = COLOR_WHITE;
		bg_default = COLOR_BLACK;
	}
	for (int i = 0; i < n; i++) {
		fg = c[i].fg == DEFAULT_COLOR ? fg_default : c[i].fg;
		bg = c[i].bg == DEFAULT_COLOR ? bg_default : c[i].bg;
		if (init_pair((short)(i + 1), fg, bg) == ERR)
			continue;	/* this role keeps its monochrome look */
		role_attr[c[i].role] = (int)COLOR_PAIR(i + 1) | c[i].extra;
	}
}

int term_attr(enum term_role role)
{
	if (!attrs_ready)
		mono_attrs(THEME_DARK);
	if ((int)role < 0 || role >= ROLE_COUNT)
		return A_NORMAL;
	return role_attr[role];
}

bool term_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs && (strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "UTF8") == 0);
}

/* ---- async-signal-safe pieces ---------------------------------------------------- */

void term_write_all(int fd, const void *buf, size_t n)
{
	const char *s = buf;
	ssize_t k;

	while (n > 0) {
		k = write(fd, s, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return;
		s += k;
		n -= (size_t)k;
	}
}

static void restore_tty(int how)
{
	for (int fd = 0; fd < 2; fd++)
		if (have_tio[fd])
			tcsetattr(fd, how, &saved_tio[fd]);
}

/* Put the real stderr back on fd 2 and copy what was captured to it. */
static void release_stderr(void)
{
	char buf[4096];
	ssize_t n;

	if (saved_err < 0)
		return;
	dup2(saved_err, STDERR_FILENO);
	close(saved_err);
	saved_err = -1;
	if (err_file < 0)
		return;
	if (lseek(err_file, 0, SEEK_SET) == 0)
		while ((n = read(err_file, buf, sizeof(buf))) > 0)
			term_write_all(STDERR_FILENO, buf, (size_t)n);
	close(err_file);
	err_file = -1;
}

/* What endwin does, the way a signal handler may. */
static void emergency_restore(void)
{
	if (relay && relay->fatal)
		relay->fatal();	/* --record: the copying stops reaching it */
	term_write_all(STDOUT_FILENO, reset_seq, reset_len);
	restore_tty(TCSANOW);
	release_stderr();
}

/* A byte in the self-pipe: the main loop's poll returns. */
static void wake(void)
{
	if (sig_pipe[1] >= 0 && write(sig_pipe[1], "s", 1) < 0) {
		/* full: the main loop has a wake-up pending anyway */
	}
}

/* Call the handler that was there before ours, if there was one. */
static void chain(int sig, siginfo_t *si, void *uc)
{
	struct sigaction *old = &old_act[sig];

	if (old->sa_flags & SA_SIGINFO) {
		if (old->sa_sigaction)
			old->sa_sigaction(sig, si, uc);
	} else if (old->sa_handler != SIG_DFL && old->sa_handler != SIG_IGN) {
		old->sa_handler(sig);
	}
}

/* End with signal sig as the disposition before ours would have: the
 * default action (status, core dump), or the handler that was there (a
 * sanitizer's, which reports and exits). */
static void die_by(int sig, siginfo_t *si, void *uc)
{
	sigset_t set;

	if (installed[sig]) {
		sigaction(sig, &old_act[sig], NULL);
		chain(sig, si, uc);
	}
	signal(sig, SIG_DFL);
	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(sig);
	_exit(128 + sig);
}

static void fatal(int sig, siginfo_t *si, void *uc)
{
	static volatile sig_atomic_t busy;

	if (getpid() == owner && !busy) {
		busy = 1;
		/* the terminal first: on_fatal reads state that may be what
		 * crashed */
		emergency_restore();
		if (on_fatal)
			on_fatal();
	}
	die_by(sig, si, uc);
}

static void fatal_handler(int sig, siginfo_t *si, void *uc)
{
	int e = errno;

	fatal(sig, si, uc);
	errno = e;
}

/* SIGWINCH stays ncurses' (get_wch returns KEY_RESIZE after it); this
 * only wakes the main loop, which would otherwise sleep in poll through a
 * resize until the next key or timeout. */
static void winch_handler(int sig, siginfo_t *si, void *uc)
{
	int e = errno;

	if (getpid() == owner) {
		if (relay && relay->winch)
			relay->winch();	/* --record: the pseudo-terminal's size */
		wake();
	}
	chain(sig, si, uc);
	errno = e;
}

static void quit_handler(int sig, siginfo_t *si, void *uc)
{
	int e = errno;

	if (getpid() != owner || quit_sig) {
		/* a worker that kept our handler, or a second request
		 * while the main loop did not get to the first */
		fatal(sig, si, uc);
	} else {
		quit_sig = sig;
		wake();
	}
	errno = e;
}

/* ---- installing the handlers ----------------------------------------------------- */

static void set_alt_stack(void)
{
	stack_t ss, old;

	/* a stack overflow's SIGSEGV needs a stack to run the handler on;
	 * keep one that is there already (a sanitizer's) */
	if (sigaltstack(NULL, &old) == 0 && !(old.ss_flags & SS_DISABLE))
		return;
	ss.ss_sp = alt_stack;
	ss.ss_size = sizeof(alt_stack);
	ss.ss_flags = 0;
	alt_stack_set = sigaltstack(&ss, NULL) == 0;
}

static void install(int sig, void (*fn)(int, siginfo_t *, void *), int flags,
		    bool keep_ignored)
{
	struct sigaction sa;

	if (sigaction(sig, NULL, &old_act[sig]) < 0)
		return;
	if (keep_ignored && old_act[sig].sa_handler == SIG_IGN)
		return;		/* nohup, or a background job: leave it */
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = fn;
	sa.sa_flags = SA_SIGINFO | flags;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < ARRAY_SIZE(quit_signals); i++)
		sigaddset(&sa.sa_mask, quit_signals[i]);
	installed[sig] = sigaction(sig, &sa, NULL) == 0;
}

static void install_handlers(void)
{
	set_alt_stack();
	for (size_t i = 0; i < ARRAY_SIZE(quit_signals); i++)
		install(quit_signals[i], quit_handler, SA_RESTART, true);
	for (size_t i = 0; i < ARRAY_SIZE(fatal_signals); i++)
		install(fatal_signals[i], fatal_handler, SA_ONSTACK,
			fatal_signals[i] == SIGQUIT);
}

static void uninstall_handlers(void)
{
	stack_t ss = { .ss_flags = SS_DISABLE };

	for (int sig = 1; sig < NSIG; sig++)
		if (installed[sig]) {
			sigaction(sig, &old_act[sig], NULL);
			installed[sig] = false;
		}
	if (alt_stack_set) {
		ss.ss_size = sizeof(alt_stack);
		sigaltstack(&ss, NULL);
		alt_stack_set = false;
	}
}

/* ---- the signal pipe ---------------------------------------------------------------- */

static int open_signal_pipe(void)
{
	if (pipe2(sig_pipe, O_CLOEXEC | O_NONBLOCK) < 0) {
		sig_pipe[0] = sig_pipe[1] = -1;
		return -1;
	}
	return 0;
}

static void close_signal_pipe(void)
{
	for (int i = 0; i < 2; i++)
		if (sig_pipe[i] >= 0) {
			close(sig_pipe[i]);
			sig_pipe[i] = -1;
		}
}

int term_signal_fd(void)
{
	return sig_pipe[0];
}

void term_signal_drain(void)
{
	char buf[64];

	if (sig_pipe[0] < 0)
		return;
	while (read(sig_pipe[0], buf, sizeof(buf)) > 0)
		;
}

int term_quit_requested(void)
{
	return quit_sig;
}

void term_quit_clear(void)
{
	quit_sig = 0;
}

void term_on_fatal(void (*fn)(void))
{
	on_fatal = fn;
}

/* ---- stderr -------------------------------------------------------------------------- */

/* An unnamed temporary file: O_TMPFILE, else mkstemp and unlink. */
static int temp_file(void)
{
	const char *dir = getenv("TMPDIR");
	char path[4096];
	int fd;

	if (!dir || !*dir)
		dir = "/tmp";
	fd = open(dir, O_TMPFILE | O_RDWR | O_APPEND | O_CLOEXEC, 0600);
	if (fd >= 0)
		return fd;
	if (snprintf(path, sizeof(path), "%s/sockstage-stderr.XXXXXX", dir) >=
	    (int)sizeof(path))
		return -1;
	fd = mkostemp(path, O_APPEND | O_CLOEXEC);
	if (fd >= 0)
		unlink(path);
	return fd;
}

/* fd 2 into a temporary file until release_stderr. Forked workers
 * inherit it, so their messages are kept too. */
static void capture_stderr(void)
{
	fflush(stderr);
	err_file = temp_file();
	if (err_file < 0)
		return;		/* messages will smear the screen, not be lost */
	saved_err = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3);
	if (saved_err < 0 || dup2(err_file, STDERR_FILENO) < 0) {
		if (saved_err >= 0)
			close(saved_err);
		close(err_file);
		saved_err = err_file = -1;
	}
}

/* ---- start and end ---------------------------------------------------------------- */

/* A terminfo string without its padding ("$<5>"), appended to reset_seq.
 * Returns false when the terminal does not have it. */
static bool add_cap(const char *name)
{
	const char *s = tigetstr(name);

	if (!s || s == (const char *)-1)
		return false;
	for (; *s; s++) {
		if (s[0] == '$' && s[1] == '<' && strchr(s, '>')) {
			s = strchr(s, '>');
			continue;
		}
		if (reset_len + 1 < sizeof(reset_seq))
			reset_seq[reset_len++] = *s;
	}
	return true;
}

/* The mouse reports off, on a terminal that has them (the xterm way,
 * which ncurses uses when terminfo has no XM). */
static void add_mouse_off(void)
{
	static const char off[] = "\033[?1000l";
	const char *kmous = tigetstr("kmous");

	if (!kmous || kmous == (const char *)-1 ||
	    reset_len + sizeof(off) > sizeof(reset_seq))
		return;
	memcpy(reset_seq + reset_len, off, sizeof(off) - 1);
	reset_len += sizeof(off) - 1;
}

/* The fatal path's endwin: attributes, cursor, keypad, the mouse,
 * alternate screen; without an alternate screen, a fresh line for the
 * shell's prompt. */
static void prepare_reset(void)
{
	reset_len = 0;
	add_cap("sgr0");
	add_cap("cnorm");
	add_cap("rmkx");
	add_mouse_off();
	if (!add_cap("rmcup") && reset_len + 2 < sizeof(reset_seq)) {
		memcpy(reset_seq + reset_len, "\r\n", 2);
		reset_len += 2;
	}
}

static void save_tty(void)
{
	for (int fd = 0; fd < 2; fd++)
		have_tio[fd] = tcgetattr(fd, &saved_tio[fd]) == 0;
}

/* newterm failed: for want of a terminfo entry, unless no file could be
 * opened at all (too many open files): then the entry was never read.
 * (newterm's errno is that of its last try, not of the one that mattered:
 * a descriptor opened here tells.) */
static void say_newterm_failed(const char *term)
{
	int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		text_fprintf(stderr, "sockstage: cannot use the terminal "
			     "(TERM=%s): cannot read its terminfo entry: %s\n",
			     term, strerror(errno));
		return;
	}
	close(fd);
	text_fprintf(stderr, "sockstage: cannot use the terminal: no terminfo "
		     "entry for TERM=%s\n", term);
}

static int open_screen(void)
{
	const char *term = getenv("TERM");
	const char *cup;
	FILE *out = NULL;	/* --record: a pseudo-terminal */

	if (relay && relay->open && relay->open(&out) < 0)
		return -1;
	if (!term || !*term) {
		fprintf(stderr, "sockstage: TERM is not set: cannot drive the terminal\n");
		return -1;
	}
	screen = newterm(NULL, out ? out : stdout, stdin);
	if (!screen) {
		say_newterm_failed(term);
		return -1;
	}
	cup = tigetstr("cup");
	if (!cup || cup == (const char *)-1) {
		endwin();
		delscreen(screen);
		screen = NULL;
		text_fprintf(stderr, "sockstage: the terminal (TERM=%s) cannot move "
			"the cursor: the interactive stage needs one that can "
			"(or use --run FILE)\n", term);
		return -1;
	}
	return 0;
}

/* The mouse: a press of the first button and the wheel, reported at
 * once (no click made of a press and a release). Off, the terminal does
 * not report (its own selection works), and a report that comes anyway
 * (sent by hand, or a terminal left reporting) is still read whole as
 * one KEY_MOUSE, never as keys: the mouse is set up, then turned off. */
static void set_mouse(bool on)
{
	mmask_t want = BUTTON1_PRESSED | BUTTON1_CLICKED;

#ifdef BUTTON5_PRESSED
	want |= BUTTON4_PRESSED | BUTTON5_PRESSED;
#endif
	mousemask(want, NULL);
	if (on)
		mouseinterval(0);
	else
		mousemask(0, NULL);
}

static void set_modes(const struct term_opts *o)
{
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	set_mouse(o->mouse);
	color_attrs(o);
	if (relay && relay->modes)
		relay->modes();	/* --record: keys come from the real terminal */
}

int term_start(const struct term_opts *o)
{
	static bool registered;

	if (started)
		return 0;
	setlocale(LC_ALL, "");
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "sockstage: the interactive stage needs a terminal "
			"(standard %s is not one); to run a script, use "
			"--run FILE\n", isatty(STDIN_FILENO) ? "output" : "input");
		return -1;
	}
	if (!registered) {
		atexit(term_end);
		registered = true;
	}
	owner = getpid();
	quit_sig = 0;
	save_tty();
	if (open_signal_pipe() < 0) {
		fprintf(stderr, "sockstage: pipe: %s\n", strerror(errno));
		return -1;
	}
	/* ours before newterm: ncurses then leaves SIGINT/SIGTERM alone */
	install_handlers();
	relay = o->relay;
	if (open_screen() < 0) {
		if (relay && relay->end)
			relay->end();
		uninstall_handlers();
		close_signal_pipe();
		restore_tty(TCSADRAIN);
		return -1;
	}
	/* after newterm: ncurses' own SIGWINCH handler is in place */
	install(SIGWINCH, winch_handler, SA_RESTART, false);
	prepare_reset();
	started = true;
	set_modes(o);
	capture_stderr();
	return 0;
}

void term_end(void)
{
	if (!started || getpid() != owner)
		return;
	started = false;
	endwin();
	delscreen(screen);
	screen = NULL;
	if (relay && relay->end)
		relay->end();	/* --record: what endwin wrote, copied */
	restore_tty(TCSADRAIN);
	uninstall_handlers();
	close_signal_pipe();
	fflush(stderr);
	release_stderr();
}
