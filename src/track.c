/* SPDX-License-Identifier: GPL-2.0-or-later */
/* track.c - rows kept sorted by cookie; each read is sorted the same way
 * and merged against the previous one, so a refresh costs O(n log n) in
 * the rows read, whatever happened in between. */
#include "track.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

static int cmp_entry(const void *a, const void *b)
{
	const struct track_entry *x = a, *y = b;

	return x->cookie < y->cookie ? -1 : x->cookie > y->cookie;
}

static struct track_entry *find(const struct track *tk, uint64_t cookie)
{
	struct track_entry key = { .cookie = cookie };

	if (!tk->n)
		return NULL;
	return bsearch(&key, tk->v, tk->n, sizeof(key), cmp_entry);
}

long long track_since(const struct track *tk, uint64_t cookie)
{
	const struct track_entry *e = find(tk, cookie);

	return e ? e->since_ms : -1;
}

const struct diag_row *track_row(const struct track *tk, uint64_t cookie)
{
	const struct track_entry *e = cookie ? find(tk, cookie) : NULL;

	return e ? &e->row : NULL;
}

static void report(track_fn fn, void *ctx, const struct diag_row *row,
		   int from, int to)
{
	struct track_event ev = { .row = row, .from = from, .to = to };

	if (fn)
		fn(ctx, &ev);
}

/* The new read, as entries sorted by cookie (new states, old times). */
static struct track_entry *entries_of(const struct track *tk,
				      const struct diag_table *t,
				      long long now, size_t *count)
{
	struct track_entry *v = xcalloc(t->n ? t->n : 1, sizeof(*v));
	size_t n = 0;

	for (size_t i = 0; i < t->n; i++) {
		const struct diag_row *r = &t->rows[i];
		const struct track_entry *old;

		if (!r->cookie)
			continue;
		old = find(tk, r->cookie);
		v[n] = (struct track_entry){
			.cookie = r->cookie, .proto = r->proto,
			.state = r->state, .seen = true, .row = *r,
			.since_ms = old && old->state == r->state ?
				    old->since_ms : now,
		};
		n++;
	}
	qsort(v, n, sizeof(*v), cmp_entry);
	*count = n;
	return v;
}

void track_update(struct track *tk, const struct diag_table *t,
		  long long now_ms, track_fn fn, void *ctx)
{
	size_t n, i = 0, j = 0;
	struct track_entry *v = entries_of(tk, t, now_ms, &n);

	/* merge: old entries tk->v[i], new entries v[j], both by cookie */
	while (tk->primed && (i < tk->n || j < n)) {
		if (j == n || (i < tk->n && tk->v[i].cookie < v[j].cookie)) {
			report(fn, ctx, &tk->v[i].row, tk->v[i].state, -1);
			i++;
		} else if (i == tk->n || v[j].cookie < tk->v[i].cookie) {
			j++;
		} else {
			if (tk->v[i].state != v[j].state)
				report(fn, ctx, &v[j].row, tk->v[i].state,
				       v[j].state);
			i++;
			j++;
		}
	}
	free(tk->v);
	tk->v = v;
	tk->n = tk->cap = n;
	tk->primed = true;
}

void track_add_new(struct track *tk, const struct diag_table *t,
		   long long now_ms)
{
	struct track known = *tk;	/* its sorted entries, before these */
	size_t n0 = tk->n;

	for (size_t i = 0; i < t->n; i++) {
		const struct diag_row *r = &t->rows[i];

		known.v = tk->v;	/* (moved by a realloc) */
		if (!r->cookie || find(&known, r->cookie))
			continue;
		if (tk->n == tk->cap) {
			tk->cap = tk->cap ? 2 * tk->cap : 16;
			tk->v = xrealloc(tk->v, tk->cap * sizeof(*tk->v));
		}
		tk->v[tk->n++] = (struct track_entry){
			.cookie = r->cookie, .proto = r->proto, .state = r->state,
			.seen = true, .row = *r, .since_ms = now_ms,
		};
	}
	if (tk->n != n0)
		qsort(tk->v, tk->n, sizeof(*tk->v), cmp_entry);
}

void track_reset(struct track *tk)
{
	free(tk->v);
	memset(tk, 0, sizeof(*tk));
}

void track_free(struct track *tk)
{
	track_reset(tk);
}
