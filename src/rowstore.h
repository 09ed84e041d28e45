/* SPDX-License-Identifier: GPL-2.0-or-later */
/* rowstore.h - the kernel's rows kept compactly, for a table of a
 * million sockets (the TUI's all-sockets view): 80 bytes a row, where a
 * struct diag_row takes 200 (its UNIX name alone 108). A TCP or UDP row
 * is the first 80 bytes of its diag_row; a UNIX row keeps its name and
 * pending connections in a pool beside the rows. A row is read by
 * unpacking it into a diag_row (rowstore_get). */
#ifndef SOCKSTAGE_ROWSTORE_H
#define SOCKSTAGE_ROWSTORE_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"

struct rowstore_row;

struct rowstore {
	struct rowstore_row *rows;
	size_t n, cap;
	char *pool;		/* UNIX names and pending inodes */
	size_t pool_used, pool_cap;
};

/* No rows (the memory is kept for the next read), or none and freed. */
void rowstore_clear(struct rowstore *s);
void rowstore_free(struct rowstore *s);

/* A row at the end. */
void rowstore_add(struct rowstore *s, const struct diag_row *r);

/* Row i (< s->n) whole, into r. Returns r. */
struct diag_row *rowstore_get(const struct rowstore *s, size_t i,
			      struct diag_row *r);

/* Fields of row i without unpacking it. */
uint64_t rowstore_cookie(const struct rowstore *s, size_t i);
uint8_t rowstore_family(const struct rowstore *s, size_t i);
uint8_t rowstore_host(const struct rowstore *s, size_t i);

/* Sort the rows by cmp (qsort_r's contract, on rows as they unpack). A
 * TCP or UDP row is handed to cmp with its fields up to its peer's
 * address only: what an order reads. */
void rowstore_sort(struct rowstore *s,
		   int (*cmp)(const void *a, const void *b, void *ctx),
		   void *ctx);

/* Bytes held (rows and pool), for the record. */
size_t rowstore_bytes(const struct rowstore *s);

#endif
