/* SPDX-License-Identifier: GPL-2.0-or-later */
/* logview.c - the log panel's scrolling, over the lines that show (log.h):
 * positions are a line and a row of it, moved a row, a line or a page at
 * a time; a frame is placed from its top when scrolled back, from the
 * newest line up otherwise. Only the lines near the view are laid out. */
#include "logview.h"

static int cmp(struct log_pos a, struct log_pos b)
{
	if (a.seq != b.seq)
		return a.seq < b.seq ? -1 : 1;
	return a.row < b.row ? -1 : a.row > b.row;
}

/* One past the newest row. */
static struct log_pos end_pos(const struct log *l)
{
	return (struct log_pos){ log_end(l), 0 };
}

static struct log_pos first_pos(const struct log *l)
{
	return (struct log_pos){ log_next(l, log_first(l) - 1), 0 };
}

/* k rows on from p, at most to the end. */
static struct log_pos forward(const struct log *l, int cols, struct log_pos p,
			      int k)
{
	while (k > 0 && p.seq < log_end(l)) {
		int left = log_rows(l, p.seq, cols) - 1 - p.row;

		if (k <= left) {
			p.row += k;
			return p;
		}
		k -= left + 1;
		p = (struct log_pos){ log_next(l, p.seq), 0 };
	}
	return p;
}

/* k rows back from p, at most to the first row. */
static struct log_pos backward(const struct log *l, int cols, struct log_pos p,
			       int k)
{
	while (k > 0) {
		long long prev;

		if (p.row >= k) {
			p.row -= k;
			return p;
		}
		k -= p.row;
		if ((prev = log_prev(l, p.seq)) < 0) {
			p.row = 0;
			return p;
		}
		k--;
		p = (struct log_pos){ prev, log_rows(l, prev, cols) - 1 };
	}
	return p;
}

/* p on a row that shows: lines gone from the ring or hidden since give
 * way to the next line that shows; a row past a line's end (narrower
 * rows) to its last. */
static struct log_pos settle(const struct log *l, int cols, struct log_pos p)
{
	int rows;

	if (p.seq < log_first(l))
		return first_pos(l);
	if (!log_rows(l, p.seq, cols))
		return (struct log_pos){ log_next(l, p.seq), 0 };
	rows = log_rows(l, p.seq, cols);
	if (p.row >= rows)
		p.row = rows - 1;
	return p;
}

/* The lines after p's line that show, and p's own when rows of it are
 * after p. */
static int lines_after(const struct log *l, int cols, struct log_pos p)
{
	int n = p.seq < log_end(l) && p.row < log_rows(l, p.seq, cols) - 1;

	for (long long s = log_next(l, p.seq); s < log_end(l); s = log_next(l, s))
		n++;
	return n;
}

void logview_frame(const struct log_view *v, const struct log *l, int cols,
		   int h, struct log_frame *f)
{
	struct log_pos end_top, last;

	if (h < 1)
		h = 1;
	end_top = backward(l, cols, end_pos(l), h);
	f->top = end_top;
	f->back = false;
	if (v->back) {
		struct log_pos top = settle(l, cols, v->top);

		if (cmp(top, end_top) < 0) {
			f->top = top;
			f->back = true;
		}
	}
	f->rows = 0;
	for (struct log_pos p = f->top; f->rows < h && p.seq < log_end(l);
	     p = forward(l, cols, p, 1))
		f->rows++;
	last = forward(l, cols, f->top, h - 1);
	f->newer = f->back ? lines_after(l, cols, last) : 0;
}

/* Up: a line back (the start of the line at the top first); a line
 * taller than the panel a row at a time. Down the same way on. */
static struct log_pos step_line(const struct log *l, int cols, int h,
				struct log_pos p, int dir)
{
	int rows = log_rows(l, p.seq, cols);
	long long prev;

	if (dir > 0) {
		if (rows - p.row > h)
			p.row++;
		else
			p = (struct log_pos){ log_next(l, p.seq), 0 };
		return p;
	}
	if (p.row > 0) {
		p.row = rows > h ? p.row - 1 : 0;
		return p;
	}
	if ((prev = log_prev(l, p.seq)) < 0)
		return p;
	rows = log_rows(l, prev, cols);
	return (struct log_pos){ prev, rows > h ? rows - h : 0 };
}

void logview_scroll(struct log_view *v, const struct log *l, int cols, int h,
		    enum scroll_by how)
{
	struct log_frame f;
	struct log_pos p, end_top;
	int page = h > 1 ? h - 1 : 1;

	if (h < 1)
		return;
	logview_frame(v, l, cols, h, &f);
	p = f.top;
	switch (how) {
	case SCROLL_UP: p = step_line(l, cols, h, p, -1); break;
	case SCROLL_DOWN: p = step_line(l, cols, h, p, 1); break;
	case SCROLL_PGUP: p = backward(l, cols, p, page); break;
	case SCROLL_PGDN: p = forward(l, cols, p, page); break;
	case SCROLL_HOME: p = first_pos(l); break;
	case SCROLL_END: p = end_pos(l); break;
	}
	end_top = backward(l, cols, end_pos(l), h);
	v->back = cmp(p, end_top) < 0;
	v->top = v->back ? p : end_top;
}

void logview_fit(struct log_view *v, const struct log *l, int cols, int h)
{
	struct log_frame f;

	if (!v->back)
		return;
	logview_frame(v, l, cols, h, &f);
	v->back = f.back;
	v->top = f.top;
}
