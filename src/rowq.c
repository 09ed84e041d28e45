/* SPDX-License-Identifier: GPL-2.0-or-later */
/* rowq.c - rows from a reading thread to a formatting one (rowq.h). */
#include "rowq.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

#include "util.h"

#define BATCH	256		/* rows a batch */
#define SLOTS	8		/* batches in the ring */

struct batch {
	bool restart;		/* NULL before its rows */
	size_t n;
	struct diag_row rows[BATCH];
};

struct rowq {
	diag_row_fn fn;
	void *ctx;
	bool threaded;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t changed;
	struct batch *slot;	/* SLOTS of them */
	size_t head, tail;	/* taken, filled: tail - head are queued */
	bool done;		/* no more batches will come */
	struct batch *cur;	/* the one being filled: slot[tail % SLOTS] */
};

static void deliver(struct rowq *q, const struct batch *b)
{
	if (b->restart)
		q->fn(q->ctx, NULL);
	for (size_t i = 0; i < b->n; i++)
		q->fn(q->ctx, &b->rows[i]);
}

static void *consume(void *arg)
{
	struct rowq *q = arg;

	pthread_mutex_lock(&q->lock);
	for (;;) {
		while (q->head == q->tail && !q->done)
			pthread_cond_wait(&q->changed, &q->lock);
		if (q->head == q->tail)
			break;
		pthread_mutex_unlock(&q->lock);
		deliver(q, &q->slot[q->head % SLOTS]);
		pthread_mutex_lock(&q->lock);
		q->head++;
		pthread_cond_broadcast(&q->changed);
	}
	pthread_mutex_unlock(&q->lock);
	return NULL;
}

struct rowq *rowq_new(diag_row_fn fn, void *ctx)
{
	struct rowq *q = xcalloc(1, sizeof(*q));

	q->fn = fn;
	q->ctx = ctx;
	q->slot = xcalloc(SLOTS, sizeof(*q->slot));
	q->cur = &q->slot[0];
	pthread_mutex_init(&q->lock, NULL);
	pthread_cond_init(&q->changed, NULL);
	q->threaded = pthread_create(&q->thread, NULL, consume, q) == 0;
	return q;
}

/* The batch being filled goes to the consumer; the next slot, once the
 * consumer is done with it, is filled next. */
static void hand_over(struct rowq *q)
{
	if (!q->threaded) {
		deliver(q, q->cur);
		q->cur->n = 0;
		q->cur->restart = false;
		return;
	}
	pthread_mutex_lock(&q->lock);
	q->tail++;
	pthread_cond_broadcast(&q->changed);
	while (q->tail - q->head >= SLOTS)
		pthread_cond_wait(&q->changed, &q->lock);
	pthread_mutex_unlock(&q->lock);
	q->cur = &q->slot[q->tail % SLOTS];
	q->cur->n = 0;
	q->cur->restart = false;
}

void rowq_put(void *arg, const struct diag_row *r)
{
	struct rowq *q = arg;

	if (!r) {
		if (q->cur->n || q->cur->restart)
			hand_over(q);
		q->cur->restart = true;
		return;
	}
	q->cur->rows[q->cur->n++] = *r;
	if (q->cur->n == BATCH)
		hand_over(q);
}

void rowq_finish(struct rowq *q)
{
	if (q->cur->n || q->cur->restart) {
		if (q->threaded) {
			pthread_mutex_lock(&q->lock);
			q->tail++;
			pthread_mutex_unlock(&q->lock);
		} else {
			deliver(q, q->cur);
		}
	}
	if (q->threaded) {
		pthread_mutex_lock(&q->lock);
		q->done = true;
		pthread_cond_broadcast(&q->changed);
		pthread_mutex_unlock(&q->lock);
		pthread_join(q->thread, NULL);
	}
	pthread_mutex_destroy(&q->lock);
	pthread_cond_destroy(&q->changed);
	free(q->slot);
	free(q);
}
