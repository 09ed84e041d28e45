/* SPDX-License-Identifier: GPL-2.0-or-later */
/* record.h - --record FILE.cast: an asciicast v2 recording of what the TUI
 * draws. The file is opened before curses starts; while recording, curses
 * draws on a pseudo-terminal whose output a thread copies to the real
 * terminal and, as "o" events, into the file. Every event is one line,
 * flushed when written. The cast ends on the last frame (rec_end). No
 * curses here: cli/main.c includes this too. */
#ifndef SOCKSTAGE_UI_RECORD_H
#define SOCKSTAGE_UI_RECORD_H

#include <stdbool.h>
#include <stdio.h>

struct outfile_input;

/* Create path as src/outfile.h creates files (never over an existing file
 * or through a symbolic link, never over input; with force, an existing
 * regular file of the user's is replaced when the recording ends) and
 * write the header: the size of the terminal on standard output, the
 * time, title, TERM and SHELL. Returns 0, or -1 with a message in err. */
int rec_open(const char *path, const char *title,
	     const struct outfile_input *input, bool force, char *err,
	     size_t errlen);
/* Close the file (after the TUI has ended). Returns 0, or -1 with a
 * message when a write failed (then the recording is removed, and a file
 * it was to replace is left as it was). Idempotent. */
int rec_close(char *err, size_t errlen);
/* Close and remove the recording (the TUI did not start). */
void rec_discard(void);
bool rec_on(void);

/* A marker event ("step 3/9"), after what was drawn so far. */
void rec_marker(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The end: the cast ends on the frame drawn last, its last event at the
 * schedule's time (rec_clock), else now; what is drawn after it (leaving
 * curses clears the screen) is not recorded. */
void rec_end(void);

/* On a schedule (before the terminal starts): the cast holds only the
 * frames between rec_frame_begin and rec_frame_end (a frame drawn whole:
 * each is one "o" event, whatever was drawn before), the markers and the
 * end, at the times rec_clock gives; what is drawn between those frames
 * reaches the terminal only. Two recordings of the same frames at the
 * same times are the same but for the header's timestamp. */
void rec_schedule(void);
/* The schedule's time (ms from the start) of the next frame, marker or
 * end. */
void rec_clock(long long ms);
void rec_frame_begin(void);
void rec_frame_end(void);
/* An "o" event for n bytes of terminal output, as the copying thread
 * records what it reads (a character cut at the end waits for the next
 * call). For tests and fuzzing: no pseudo-terminal needed. */
void rec_output(const void *buf, size_t n);

/* For term.c (term_opts.relay): curses draws on the pseudo-terminal
 * while recording; the real terminal takes the input modes curses sets
 * there, the pseudo-terminal the real terminal's size on SIGWINCH, and
 * nothing more reaches the real terminal on the fatal path. */
struct term_relay;
extern const struct term_relay rec_relay;

#endif
