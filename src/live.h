/* SPDX-License-Identifier: GPL-2.0-or-later */
/* live.h - the stage's kernel view kept live whatever the size of the
 * kernel's table. The stage's own TCP and UDP sockets (and the ends of
 * their connections on this machine) are read by exact lookups, one
 * sock_diag request each, every time; the other sockets on the ports in
 * play come from a dump that costs a walk of every socket of the
 * namespace, so it runs when a CPU budget allows (at once on a small
 * table) and its rows are kept in between. */
#ifndef SOCKSTAGE_LIVE_H
#define SOCKSTAGE_LIVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"

struct stage;
struct live;

struct live *live_new(void);
void live_free(struct live *lv);

/* Read the view into st->table as stage_read_view does (the ports in
 * play, then the stage's UNIX sockets). The dump runs when it is due, or
 * when force, or when the ports in play changed; otherwise the stage's
 * rows are looked up and the others are the last dump's. With hosts,
 * every read is a dump. Returns 1 when it dumped, 0 when it looked up,
 * or -1 with a message in err. */
int live_read(struct live *lv, struct stage *st, bool force, char *err,
	      size_t errlen);

/* When the last dump of the ports in play ended (now_ms), 0 never. */
long long live_dumped_ms(const struct live *lv);

/* The kernel destroyed this socket (the sock_diag destroy groups): the
 * next read looks it up instead of keeping the dump's row of it. NULL:
 * some were lost; the next read dumps. */
void live_gone(struct live *lv, const struct diag_row *r);

/* The share of a core dumps may take while nothing else happens; a
 * dump that costs less CPU than LIVE_DUMP_FREE_MS (a small table: some
 * ten thousand sockets or fewer) runs at every read. */
#define LIVE_DUMP_BUDGET 0.006
#define LIVE_DUMP_FREE_MS 3.0

#endif
