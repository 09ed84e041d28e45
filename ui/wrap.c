/* wrap.c - text as display columns: decode UTF-8 into characters with
 * their widths (anything unprintable or invalid becomes '?'), and find
 * where rows end when text is wrapped at blanks. */
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "ui.h"

void wline_decode(struct wline *l, const char *s, size_t len)
{
	mbstate_t st;
	size_t i = 0, k;
	wchar_t wc;
	int cw;

	memset(&st, 0, sizeof(st));
	l->n = 0;
	while (i < len && l->n < WLINE_MAX) {
		k = mbrtowc(&wc, s + i, len - i, &st);
		if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
			memset(&st, 0, sizeof(st));
			wc = L'?';
			k = 1;
		}
		cw = wcwidth(wc);
		if (cw < 0 || !iswprint((wint_t)wc)) {
			wc = L'?';
			cw = 1;
		}
		l->c[l->n] = wc;
		l->w[l->n++] = (signed char)cw;
		i += k;
	}
}

int wline_fit(const struct wline *l, int from, int cols)
{
	int i = from, used = 0;

	while (i < l->n && used + l->w[i] <= cols)
		used += l->w[i++];
	return i - from;
}

int wline_row(const struct wline *l, int from, int cols)
{
	int k = wline_fit(l, from, cols), blank = -1;

	if (from + k < l->n && l->c[from + k] != L' ')
		for (int i = from + k - 1; i > from && blank < 0; i--)
			if (l->c[i] == L' ')
				blank = i;
	if (blank > from)
		k = blank - from;
	return k > 0 ? k : 1;
}
