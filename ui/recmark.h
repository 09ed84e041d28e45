/* SPDX-License-Identifier: GPL-2.0-or-later */
/* recmark.h - marks in the stream curses writes to while recording: the
 * TUI writes them into the pseudo-terminal between curses' own output,
 * so that the copying thread meets them in order with what was drawn
 * (a frame begins, a frame ends, a step's marker, the end), and takes
 * them out of the stream before it reaches the terminal. A mark is an
 * APC string, which neither curses nor the TUI's text (escaped by
 * src/text.c) ever writes:
 *
 *	ESC _ sockstage:KIND:US:HEX ESC \
 *
 * KIND one letter, US a time in µs from the recording's start (-1:
 * none), HEX the text's bytes in hex. No curses here. */
#ifndef SOCKSTAGE_UI_RECMARK_H
#define SOCKSTAGE_UI_RECMARK_H

#include <stdbool.h>
#include <stddef.h>

#define RECMARK_TEXT_MAX 200		/* with its NUL */
#define RECMARK_MAX (32 + 2 * RECMARK_TEXT_MAX)	/* a mark's bytes */

enum recmark_kind {
	RECMARK_FRAME = 'F',	/* a frame to record whole begins */
	RECMARK_SHOWN = 'S',	/* ... and ends: it was shown at US */
	RECMARK_MARKER = 'M',	/* a marker event, TEXT */
	RECMARK_END = 'Z',	/* the end: nothing after it is recorded */
};

struct recmark {
	enum recmark_kind kind;
	long long us;
	char text[RECMARK_TEXT_MAX];
};

/* The mark's bytes into buf; their length, or 0 when buf is too small.
 * text may be NULL; it is cut to RECMARK_TEXT_MAX - 1 bytes. */
size_t recmark_encode(const struct recmark *m, char *buf, size_t len);

/* A stream being split into output and marks. */
struct recmark_scan {
	unsigned char held[RECMARK_MAX];	/* the start of a mark, cut */
	size_t nheld;
};

typedef void recmark_data_fn(void *ctx, const unsigned char *buf, size_t n);
typedef void recmark_mark_fn(void *ctx, const struct recmark *m);

/* The next n bytes of the stream: the output between marks to data, each
 * mark to mark, in their order. What may be the start of a mark cut by
 * the end of buf waits for the next call. */
void recmark_feed(struct recmark_scan *sc, const unsigned char *buf, size_t n,
		  recmark_data_fn *data, recmark_mark_fn *mark, void *ctx);
/* The stream ended: a cut start of a mark was output after all. */
void recmark_flush(struct recmark_scan *sc, recmark_data_fn *data, void *ctx);

#endif
