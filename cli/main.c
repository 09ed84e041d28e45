/* SPDX-License-Identifier: GPL-2.0-or-later */
/* main.c - command-line options, then one of the front-ends. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch.h"
#include "capture.h"
#include "diag.h"
#include "lesson.h"
#include "outfile.h"
#include "pace.h"
#include "../ui/record.h"
#include "../ui/term.h"
#include "../ui/tui.h"
#include "sandbox.h"
#include "text.h"
#include "stdfds.h"
#include "util.h"
#include "view.h"
#include "json_row.h"

enum mode { MODE_INTERACTIVE, MODE_RUN, MODE_DUMP, MODE_LIST_LESSONS };

struct options {
	enum mode mode;
	const char *script;
	int sandbox;
	int refresh_ms;
	int no_color;
	int no_mouse;
	int theme;		/* enum term_theme; -1 not given */
	int no_owners;
	const char *lesson;
	int predict;
	int no_sandbox;
	const char *record;
	const char *export_c;
	int wire;
	const char *pcap;
	int autoplay;
	int pause_ms;		/* --autoplay S */
	int wpm;		/* 0: not given */
	int hold_ms;		/* -1: not given */
	int stable;		/* 1 --stable, 0 --no-stable, -1 not given */
	int show_keys;
	int force;
	int json;		/* --json: JSON Lines instead of text */
	struct diag_filter filter;
};

enum {
	OPT_HELP = 'h', OPT_VERSION = 'V', OPT_RUN = 'r', OPT_DUMP = 'd',
	OPT_SANDBOX = 's', OPT_PORT = 'p', OPT_REFRESH = 0x100, OPT_NO_COLOR,
	OPT_NO_OWNERS, OPT_LESSON, OPT_PREDICT, OPT_LIST_LESSONS, OPT_NO_SANDBOX,
	OPT_AUTOPLAY, OPT_SHOW_KEYS, OPT_RECORD, OPT_EXPORT_C, OPT_FORCE,
	OPT_THEME, OPT_NO_MOUSE, OPT_WPM, OPT_HOLD, OPT_STABLE, OPT_NO_STABLE,
	OPT_WIRE, OPT_PCAP, OPT_UNIX, OPT_INET, OPT_JSON,
};

static const struct option long_opts[] = {
	{ "help", no_argument, NULL, OPT_HELP },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ "run", required_argument, NULL, OPT_RUN },
	{ "dump", no_argument, NULL, OPT_DUMP },
	{ "port", required_argument, NULL, OPT_PORT },
	{ "unix", no_argument, NULL, OPT_UNIX },
	{ "inet", no_argument, NULL, OPT_INET },
	{ "sandbox", no_argument, NULL, OPT_SANDBOX },
	{ "refresh", required_argument, NULL, OPT_REFRESH },
	{ "no-color", no_argument, NULL, OPT_NO_COLOR },
	{ "no-mouse", no_argument, NULL, OPT_NO_MOUSE },
	{ "theme", required_argument, NULL, OPT_THEME },
	{ "no-owners", no_argument, NULL, OPT_NO_OWNERS },
	{ "lesson", required_argument, NULL, OPT_LESSON },
	{ "predict", no_argument, NULL, OPT_PREDICT },
	{ "list-lessons", no_argument, NULL, OPT_LIST_LESSONS },
	{ "no-sandbox", no_argument, NULL, OPT_NO_SANDBOX },
	{ "autoplay", required_argument, NULL, OPT_AUTOPLAY },
	{ "wpm", required_argument, NULL, OPT_WPM },
	{ "hold", required_argument, NULL, OPT_HOLD },
	{ "stable", no_argument, NULL, OPT_STABLE },
	{ "no-stable", no_argument, NULL, OPT_NO_STABLE },
	{ "show-keys", no_argument, NULL, OPT_SHOW_KEYS },
	{ "record", required_argument, NULL, OPT_RECORD },
	{ "export-c", required_argument, NULL, OPT_EXPORT_C },
	{ "force", no_argument, NULL, OPT_FORCE },
	{ "wire", no_argument, NULL, OPT_WIRE },
	{ "pcap", required_argument, NULL, OPT_PCAP },
	{ "json", no_argument, NULL, OPT_JSON },
	{ NULL, 0, NULL, 0 },
};

static void usage(FILE *f)
{
	fprintf(f, 
"usage: sockstage [--sandbox] [--refresh MS] [--no-color] [--theme T]\n"
"                 [--stable] [--show-keys] [--record F.cast] [--no-mouse]\n"
"                 [--pcap F.pcap]   the TUI\n"
"       sockstage --lesson NAME|FILE [--predict] [--no-sandbox] [--pcap F]\n"
"       sockstage --lesson NAME|FILE --autoplay S [--wpm N] [--hold S]\n"
"                 [--record F.cast] [--no-stable]   a lesson that plays\n"
"                   by itself (a screencast)\n"
"       sockstage --list-lessons\n"
"       sockstage --run FILE|- [--sandbox] [--export-c F.c] [--wire]\n"
"                 [--pcap F.pcap] [--json]   run a script, print a\n"
"                   transcript\n"
"       sockstage --dump [--inet] [--unix] [--port N]... [--no-owners]\n"
"                 [--json]   the kernel socket table\n"
"       sockstage --help | --version\n"
"\n"
"  -r, --run FILE   run a script of commands ('-' reads standard input);\n"
"                   exit 0 when every expectation held, 1 on a mismatch,\n"
"                   2 on a usage or parse error\n"
"      --export-c F with --run: also write F, a standalone C program that\n"
"                   makes the same calls in the same order and prints the\n"
"                   transcript's call lines (cc -std=c11 F)\n"
"      --wire       with --run: under each call, the segments it caused as\n"
"                   captured on the stage's loopback, and the state\n"
"                   transitions with their causes (needs CAP_NET_RAW:\n"
"                   --sandbox has it)\n"
"      --pcap F     with --run, --lesson or the TUI: every packet captured,\n"
"                   into F (pcapng, for tcpdump -r, tshark and Wireshark;\n"
"                   the first 256 bytes of each, as tcpdump -s 256; a\n"
"                   comment on each packet the wire held, delayed,\n"
"                   dropped or duplicated); at the end, on stderr, how\n"
"                   many, and how many the kernel dropped\n"
"      --json       with --run or --dump: JSON Lines on stdout instead of\n"
"                   text, one object a line: a --run's transcript, event\n"
"                   by event; each socket of a --dump (the fields are in\n"
"                   sockstage(1), JSON OUTPUT)\n"
"  -d, --dump       print TCP and UDP sockets like 'ss -tuan', plus timer\n"
"                   and owner columns, and TCP sockets that are only bound\n"
"      --unix       with --dump: the UNIX-domain sockets, like 'ss -xan'\n"
"                   (u_str, u_dgr, u_seq; Local is the name and the inode,\n"
"                   Peer '*' and the peer's inode); alone, only them\n"
"      --inet       with --dump: the TCP and UDP sockets (the default);\n"
"                   with --unix, both: TCP and UDP first\n"
"  -p, --port N     with --dump: only sockets whose local or peer port is N\n"
"                   (repeatable; filtered in the kernel); TCP and UDP only:\n"
"                   with --unix it needs --inet, and UNIX sockets all show\n"
"      --no-owners  with --dump: no owner column lookup (PID/COMMAND from\n"
"                   /proc, as ss -p finds it); owners show as '-'\n"
"  -s, --sandbox    run in a fresh private network namespace, loopback up\n"
"      --refresh MS the TUI reads the kernel view every MS milliseconds\n"
"                   (default 250, 20-10000)\n"
"      --no-color   the TUI without colors (as does NO_COLOR=1)\n"
"      --no-mouse   the TUI leaves the mouse to the terminal (its own text\n"
"                   selection); without it a click focuses a panel and\n"
"                   selects a row, the wheel scrolls\n"
"      --theme T    the TUI's colors: dark (the default), light (for a light\n"
"                   background), projector (no dim text, states in bold on\n"
"                   strong backgrounds)\n"
"      --lesson L   play lesson L (a name from --list-lessons, its number,\n"
"                   or a file) in the TUI, step by step, in a fresh private\n"
"                   network namespace; Space runs the next step\n"
"      --predict    with --lesson: before each step that asserts a result,\n"
"                   guess it; the score shows at the end\n"
"      --no-sandbox with --lesson: stay in this network namespace\n"
"      --autoplay S with --lesson: step by itself: each step stays for the\n"
"                   time its narration takes to read (--wpm), plus S\n"
"                   seconds (0-600); the end stays until a key, or --hold\n"
"      --wpm N      with --autoplay: the reading speed, words per minute\n"
"                   (%d-%d; default %d)\n"
"      --hold S     with --autoplay: the end stays S seconds (0-3600), then\n"
"                   sockstage quits (a recording needs no hands)\n"
"      --stable     the TUI shows the same in every run: no pids, each\n"
"                   socket's ephemeral port fixed (40000 + its number),\n"
"                   timers by kind; with --autoplay --record (where it is\n"
"                   the default; --no-stable turns it off) the cast's\n"
"                   frames and times follow the schedule, so two\n"
"                   recordings are the same but for the header's time\n"
"      --show-keys  the TUI shows the last keys pressed on a row of their\n"
"                   own (for screencasts)\n"
"      --record F   record the TUI session into F, an asciicast v2 file\n"
"                   (asciinema play F replays it), ending on its last frame\n"
"      --force      --export-c, --record and W may replace a regular file\n"
"                   you own (never a symbolic link, another user's file,\n"
"                   or the script or lesson being run); without it they\n"
"                   only create new files\n"
"      --list-lessons  every lesson: name and title\n"
"  Without --run or --dump, sockstage is a full-screen TUI on a terminal,\n"
"  and reads commands line by line when its input is not a terminal.\n"
"  -h, --help       this text\n"
"  -V, --version    the version\n", PACE_WPM_MIN, PACE_WPM_MAX,
	      PACE_WPM_DEFAULT);
}

static int parse_port(const char *s, uint16_t *port)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 1 || v > 65535)
		return -1;
	*port = (uint16_t)v;
	return 0;
}

static int parse_int(const char *s, int min, int max, int *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < min || v > max)
		return -1;
	*out = (int)v;
	return 0;
}

/* "1.5" seconds into milliseconds, min to max seconds. */
static int parse_seconds(const char *s, double min, double max, int *ms)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || *end || !(v >= min && v <= max))
		return -1;
	*ms = (int)(v * 1000 + 0.5);
	return 0;
}

/* --autoplay's companions, and --stable. Returns -1 to continue, or an
 * exit code. */
static int check_autoplay_args(struct options *o)
{
	if ((o->wpm || o->hold_ms >= 0) && !o->autoplay) {
		fprintf(stderr, "sockstage: %s goes with --autoplay\n",
			o->wpm ? "--wpm" : "--hold");
		return 2;
	}
	if (o->stable >= 0 && o->mode != MODE_INTERACTIVE) {
		fprintf(stderr, "sockstage: --%sstable goes with the TUI\n",
			o->stable ? "" : "no-");
		return 2;
	}
	if (o->stable < 0)	/* a recorded autoplay: the same cast each time */
		o->stable = o->autoplay && o->record;
	if (!o->wpm)
		o->wpm = PACE_WPM_DEFAULT;
	return -1;
}

/* --lesson and its companions. Returns -1 to continue, or an exit code. */
static int check_lesson_args(struct options *o)
{
	int rc;

	if ((o->predict || o->no_sandbox || o->autoplay) && !o->lesson) {
		fprintf(stderr, "sockstage: %s goes with --lesson\n",
			o->predict ? "--predict" : o->no_sandbox ? "--no-sandbox" :
			"--autoplay");
		return 2;
	}
	if ((rc = check_autoplay_args(o)) >= 0)
		return rc;
	if (o->predict && o->autoplay) {
		fputs("sockstage: --predict asks you, --autoplay needs nobody: "
		      "choose one\n", stderr);
		return 2;
	}
	if (o->show_keys && o->mode != MODE_INTERACTIVE) {
		fputs("sockstage: --show-keys goes with the TUI\n", stderr);
		return 2;
	}
	if (o->no_mouse && o->mode != MODE_INTERACTIVE) {
		fputs("sockstage: --no-mouse goes with the TUI\n", stderr);
		return 2;
	}
	if (o->theme >= 0 && o->mode != MODE_INTERACTIVE) {
		fputs("sockstage: --theme goes with the TUI\n", stderr);
		return 2;
	}
	if (!o->lesson)
		return -1;
	if (o->mode != MODE_INTERACTIVE) {
		fputs("sockstage: --lesson plays a lesson in the TUI; to run one "
		      "as a script: --run FILE --sandbox\n", stderr);
		return 2;
	}
	if (o->no_sandbox && o->sandbox) {
		fputs("sockstage: --sandbox and --no-sandbox contradict\n", stderr);
		return 2;
	}
	o->sandbox = !o->no_sandbox;	/* lessons start from a clean slate */
	return -1;
}

/* Returns -1 to continue, or an exit code. */
static int parse_args(int argc, char **argv, struct options *o)
{
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":hVr:dp:s", long_opts, NULL)) != -1) {
		switch (c) {
		case OPT_HELP:
			usage(stdout);
			return 0;
		case OPT_VERSION:
			printf("sockstage %s\n", PACKAGE_VERSION);
			return 0;
		case OPT_RUN:
			o->mode = MODE_RUN;
			o->script = optarg;
			break;
		case OPT_DUMP:
			o->mode = MODE_DUMP;
			break;
		case OPT_PORT:
			if (o->filter.nports == DIAG_MAX_PORTS) {
				fprintf(stderr, "sockstage: at most %d --port options\n",
					DIAG_MAX_PORTS);
				return 2;
			}
			if (parse_port(optarg, &o->filter.ports[o->filter.nports]) < 0) {
				text_fprintf(stderr, "sockstage: --port '%s': not a port number (1-65535)\n",
					optarg);
				return 2;
			}
			o->filter.nports++;
			break;
		case OPT_UNIX:
			o->filter.unix_ = true;
			break;
		case OPT_INET:
			o->filter.inet = true;
			break;
		case OPT_SANDBOX:
			o->sandbox = 1;
			break;
		case OPT_REFRESH:
			if (parse_int(optarg, 20, 10000, &o->refresh_ms) < 0) {
				text_fprintf(stderr, "sockstage: --refresh '%s': milliseconds from 20 to 10000\n",
					optarg);
				return 2;
			}
			break;
		case OPT_NO_COLOR:
			o->no_color = 1;
			break;
		case OPT_NO_MOUSE:
			o->no_mouse = 1;
			break;
		case OPT_THEME:
			if ((o->theme = term_theme_parse(optarg)) < 0) {
				text_fprintf(stderr, "sockstage: --theme '%s': dark, "
					     "light or projector\n", optarg);
				return 2;
			}
			break;
		case OPT_NO_OWNERS:
			o->no_owners = 1;
			break;
		case OPT_LESSON:
			o->lesson = optarg;
			break;
		case OPT_PREDICT:
			o->predict = 1;
			break;
		case OPT_NO_SANDBOX:
			o->no_sandbox = 1;
			break;
		case OPT_LIST_LESSONS:
			o->mode = MODE_LIST_LESSONS;
			break;
		case OPT_AUTOPLAY:
			o->autoplay = 1;
			if (parse_seconds(optarg, 0, 600, &o->pause_ms) < 0) {
				text_fprintf(stderr, "sockstage: --autoplay '%s': the "
					     "pause after each step's reading time, "
					     "seconds from 0 to 600\n", optarg);
				return 2;
			}
			break;
		case OPT_WPM:
			if (parse_int(optarg, PACE_WPM_MIN, PACE_WPM_MAX, &o->wpm) < 0) {
				text_fprintf(stderr, "sockstage: --wpm '%s': a reading "
					     "speed in words per minute, a whole "
					     "number from %d to %d\n", optarg,
					     PACE_WPM_MIN, PACE_WPM_MAX);
				return 2;
			}
			break;
		case OPT_HOLD:
			if (parse_seconds(optarg, 0, 3600, &o->hold_ms) < 0) {
				text_fprintf(stderr, "sockstage: --hold '%s': how long "
					     "the end stays, seconds from 0 to "
					     "3600\n", optarg);
				return 2;
			}
			break;
		case OPT_STABLE:
		case OPT_NO_STABLE:
			o->stable = c == OPT_STABLE;
			break;
		case OPT_SHOW_KEYS:
			o->show_keys = 1;
			break;
		case OPT_RECORD:
			o->record = optarg;
			break;
		case OPT_WIRE:
			o->wire = 1;
			break;
		case OPT_PCAP:
			o->pcap = optarg;
			break;
		case OPT_EXPORT_C:
			o->export_c = optarg;
			break;
		case OPT_FORCE:
			o->force = 1;
			break;
		case OPT_JSON:
			o->json = 1;
			break;
		case ':':
			text_fprintf(stderr, "sockstage: option '%s' needs an argument\n",
				argv[optind - 1]);
			return 2;
		default:
			/* in a group of short options ("-dx") optind has not
			 * moved past the group yet: name the letter */
			if (optopt)
				text_fprintf(stderr, "sockstage: unknown option "
					     "'-%c' (see --help)\n", optopt);
			else
				text_fprintf(stderr, "sockstage: unknown option "
					     "'%s' (see --help)\n", argv[optind - 1]);
			return 2;
		}
	}
	if (optind < argc) {
		text_fprintf(stderr, "sockstage: unexpected argument '%s' (see --help)\n",
			argv[optind]);
		return 2;
	}
	if (o->filter.nports && o->mode != MODE_DUMP) {
		fputs("sockstage: --port goes with --dump\n", stderr);
		return 2;
	}
	if ((o->filter.unix_ || o->filter.inet) && o->mode != MODE_DUMP) {
		fprintf(stderr, "sockstage: --%s goes with --dump\n",
			o->filter.unix_ ? "unix" : "inet");
		return 2;
	}
	if (o->filter.nports && o->filter.unix_ && !o->filter.inet) {
		fputs("sockstage: --port filters TCP and UDP sockets by port; "
		      "UNIX sockets have none: add --inet to see both\n", stderr);
		return 2;
	}
	if (o->no_owners && o->mode != MODE_DUMP) {
		fputs("sockstage: --no-owners goes with --dump\n", stderr);
		return 2;
	}
	if (o->wire && o->mode != MODE_RUN) {
		fputs("sockstage: --wire goes with --run\n", stderr);
		return 2;
	}
	if (o->pcap && o->mode != MODE_RUN && o->mode != MODE_INTERACTIVE) {
		fputs("sockstage: --pcap goes with --run, --lesson or the TUI\n",
		      stderr);
		return 2;
	}
	if (o->export_c && o->mode != MODE_RUN) {
		fputs("sockstage: --export-c goes with --run\n", stderr);
		return 2;
	}
	if (o->json && o->mode != MODE_RUN && o->mode != MODE_DUMP) {
		fputs("sockstage: --json goes with --run or --dump\n", stderr);
		return 2;
	}
	if (o->record && o->mode != MODE_INTERACTIVE) {
		fputs("sockstage: --record records the TUI; it does not go with "
		      "--run, --dump or --list-lessons\n", stderr);
		return 2;
	}
	if (o->force && !o->export_c && !o->pcap && o->mode != MODE_INTERACTIVE) {
		fputs("sockstage: --force goes with --export-c, --pcap, --record or "
		      "the TUI (W)\n", stderr);
		return 2;
	}
	return check_lesson_args(o);
}

/* --record: the file is created (and its header written) first, before
 * anything looks at the terminal. Returns 0, or -1 with a message. */
static int start_recording(const struct options *o, const char *lesson_path)
{
	char title[300], shown[4 * sizeof(title)], err[1024];
	const char *base, *dot;
	struct outfile_input in;
	bool have_in = false;

	if (o->lesson) {
		have_in = outfile_input_of(&in, lesson_path, -1) == 0;
		base = strrchr(lesson_path, '/');
		base = base ? base + 1 : lesson_path;
		dot = strstr(base, ".stage");
		snprintf(title, sizeof(title), "sockstage: lesson %.*s",
			 dot && !dot[6] ? (int)(dot - base) : (int)strlen(base), base);
	} else {
		snprintf(title, sizeof(title), "sockstage");
	}
	/* the file name is anybody's: a player may show the title */
	text_escape(shown, sizeof(shown), title, strlen(title));
	if (rec_open(o->record, shown, have_in ? &in : NULL, o->force, err,
		     sizeof(err)) < 0) {
		text_fprintf(stderr, "sockstage: --record: %s\n", err);
		return -1;
	}
	return 0;
}

/* --lesson and --record need the TUI: a terminal. Returns 0, or -1 with
 * a message. */
static int need_terminal(const struct options *o, const char *lesson_path)
{
	if (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO))
		return 0;
	if (o->lesson)
		text_fprintf(stderr, "sockstage: --lesson needs a terminal; to "
			     "run the lesson as a script: --run %s --sandbox\n",
			     lesson_path);
	else
		fputs("sockstage: --record records the TUI: it needs a "
		      "terminal\n", stderr);
	return -1;
}

/* A standard stream the mode needs was closed when sockstage started
 * (it is on /dev/null now). Returns -1 to continue, or an exit code. */
static int check_closed(const struct options *o, int closed)
{
	bool reads_stdin = o->mode == MODE_INTERACTIVE ||
			   (o->mode == MODE_RUN && strcmp(o->script, "-") == 0);

	if (closed & STDFD_OUT_CLOSED) {
		fputs("sockstage: standard output is closed\n", stderr);
		return 2;
	}
	if ((closed & STDFD_IN_CLOSED) && reads_stdin) {
		fputs("sockstage: standard input is closed\n", stderr);
		return 2;
	}
	return -1;
}

/* --pcap with the TUI: a capture must be possible here (it is opened
 * again with each stage), then the file is made like --export-c's; each
 * stage's capture writes into it (a stage started again goes on in the
 * same file). NULL with a message. */
static struct capture_file *open_pcap(const struct options *o,
				      struct outfile *out)
{
	struct capture *c;
	struct capture_file *f;
	char err[1024];

	if (!o->pcap)
		return NULL;
	if (!(c = capture_open("lo", err, sizeof(err)))) {
		text_fprintf(stderr, "sockstage: --pcap: no capture: %s\n", err);
		return NULL;
	}
	capture_close(c);
	if (outfile_open(out, o->pcap, NULL, o->force, err, sizeof(err)) < 0 ||
	    !(f = capture_file_open(dup(fileno(out->f)), err, sizeof(err)))) {
		text_fprintf(stderr, "sockstage: --pcap: %s\n", err);
		outfile_discard(out);
		return NULL;
	}
	return f;
}

/* After the TUI (its captures closed): the file closed, and what went
 * into it said. Returns 0, or -1 with a message. */
static int close_pcap(const struct options *o, struct outfile *out,
		      struct capture_file *f)
{
	char err[1024];
	int rc = 0;

	unsigned long long packets, dropped;

	if (!f)
		return 0;
	packets = capture_file_packets(f);
	dropped = capture_file_dropped(f);
	if (capture_file_close(f) < 0) {	/* flushed, its copy closed */
		text_fprintf(stderr, "sockstage: --pcap: writing '%s' failed\n",
			     o->pcap);
		rc = -1;
	}
	if (outfile_close(out, err, sizeof(err)) < 0) {
		text_fprintf(stderr, "sockstage: --pcap: %s\n", err);
		return -1;
	}
	text_fprintf(stderr, "sockstage: --pcap: %llu packets into '%s', %llu "
		     "dropped by the kernel\n", packets, o->pcap, dropped);
	return rc;
}

static int run_tui(const struct options *o, const char *lesson_path)
{
	struct outfile pcap_out = { 0 };
	struct capture_file *pcap = open_pcap(o, &pcap_out);
	struct tui_opts to = { .sandbox = o->sandbox,
			       .refresh_ms = o->refresh_ms,
			       .no_color = o->no_color,
			       .no_mouse = o->no_mouse,
			       .theme = o->theme < 0 ? THEME_DARK : o->theme,
			       .lesson = o->lesson ? lesson_path : NULL,
			       .predict = o->predict,
			       .autoplay = o->autoplay,
			       .pause_ms = o->pause_ms,
			       .wpm = o->wpm,
			       .hold_ms = o->hold_ms,
			       .stable = o->stable > 0,
			       .show_keys = o->show_keys,
			       .force = o->force,
			       .pcap = pcap };
	char err[1024];
	int rc;

	if (o->pcap && !pcap) {
		rec_discard();
		return 2;
	}
	rc = tui_main(&to);
	if (close_pcap(o, &pcap_out, pcap) < 0)
		rc = 2;
	if (rec_close(err, sizeof(err)) < 0) {
		text_fprintf(stderr, "sockstage: --record: %s\n", err);
		rc = 2;
	}
	return rc;
}

int main(int argc, char **argv)
{
	struct options o = { .mode = MODE_INTERACTIVE, .refresh_ms = 250,
			     .theme = -1, .hold_ms = -1, .stable = -1 };
	struct batch_opts bo = { 0 };
	char err[1024], lesson_path[PATH_MAX];
	int rc, closed;

	/* first: a closed 0, 1 or 2 must not become a socket's number */
	closed = stdfds_reopen();
	if (closed < 0)
		return 2;
	rc = parse_args(argc, argv, &o);
	if (rc == 0 && (check_closed(&o, closed & STDFD_OUT_CLOSED) >= 0 ||
			stdfds_flush(stdout, "standard output") < 0))
		return 2;	/* --help, --version */
	if (rc >= 0)
		return rc;
	if ((rc = check_closed(&o, closed)) >= 0)
		return rc;
	if (o.mode == MODE_LIST_LESSONS) {
		rc = lesson_list(stdout) ? 0 : 1;
		return stdfds_flush(stdout, "the lesson list") < 0 ? 2 : rc;
	}
	if (o.lesson && lesson_find(o.lesson, lesson_path, sizeof(lesson_path),
				    err, sizeof(err)) < 0) {
		text_fprintf(stderr, "sockstage: --lesson: %s\n", err);
		return 2;
	}
	if (o.record && start_recording(&o, lesson_path) < 0)
		return 2;
	if ((o.lesson || o.record) && need_terminal(&o, lesson_path) < 0) {
		rec_discard();
		return 2;
	}
	if (o.sandbox && sandbox_enter(err, sizeof(err)) < 0) {
		text_fprintf(stderr, "sockstage: --sandbox: %s\n", err);
		rec_discard();
		return 2;
	}
	switch (o.mode) {
	case MODE_DUMP:
		if (o.json)
			return json_row_dump(&o.filter, !o.no_owners, stdout);
		return view_dump(&o.filter, !o.no_owners, stdout);
	case MODE_RUN:
		bo.path = o.script;
		bo.export_c = o.export_c;
		bo.wire = o.wire;
		bo.pcap = o.pcap;
		bo.want_wire = o.sandbox;
		bo.sandbox = o.sandbox;
		bo.force = o.force;
		bo.json = o.json;
		return batch_run(&bo, stdout);
	case MODE_INTERACTIVE:
	default:
		if (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO))
			return run_tui(&o, lesson_path);
		bo.path = "-";
		bo.pcap = o.pcap;
		bo.force = o.force;
		bo.interactive = isatty(STDIN_FILENO);
		bo.pcap = o.pcap;
		bo.want_wire = o.sandbox;
		bo.sandbox = o.sandbox;
		bo.force = o.force;
		return batch_run(&bo, stdout);
	}
}
