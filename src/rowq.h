/* SPDX-License-Identifier: GPL-2.0-or-later */
/* rowq.h - rows handed from the thread that reads the kernel's replies to
 * a thread that formats them, so that on two cores the kernel's walk of
 * its table and the formatting overlap (--dump). Rows go in batches
 * through a bounded ring: memory stays a few hundred kilobytes however
 * big the table. */
#ifndef SOCKSTAGE_ROWQ_H
#define SOCKSTAGE_ROWQ_H

#include "diag.h"

struct rowq;

/* A queue whose rows (and NULL, diag_row_fn's "start over") go to fn,
 * in order, in a thread of its own; where no thread can be made, in the
 * caller's, at once. */
struct rowq *rowq_new(diag_row_fn fn, void *ctx);
/* A diag_row_fn: ctx is the queue. */
void rowq_put(void *q, const struct diag_row *r);
/* Every row handed to fn; the thread ended; the queue freed. */
void rowq_finish(struct rowq *q);

#endif
