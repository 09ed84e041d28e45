/* SPDX-License-Identifier: GPL-2.0-or-later */
/* detail.c - the details of one kernel row: opened on the row under the
 * kernel view's cursor, looked up again (an exact sock_diag request,
 * sockinfo.h) at every read of the kernel while open, until the kernel
 * no longer has the socket: then the last values stay, marked gone. The
 * lines drawn (sockinfo_text.h) are made here, when it is read, with the
 * stage's word on who holds the socket. */
#include <stdio.h>
#include <string.h>

#include "detail.h"
#include "state.h"
#include "util.h"

/* "s3 conn", "held by main, child" */
static void stage_text(const struct tui *t, const struct diag_row *r,
		       char *id, size_t idlen, char *held, size_t heldlen)
{
	const struct stage_sock *s = stage_sock_of_row(&t->st, r);
	char holders[160];

	id[0] = held[0] = '\0';
	if (!s)
		return;
	stage_holders_text(&t->st, s, ", ", holders, sizeof(holders));
	snprintf(id, idlen, "s%d%s%s", s->id, s->name[0] ? " " : "", s->name);
	if (s->nholders)
		snprintf(held, heldlen, "the socket on stage, held by %s", holders);
	else
		snprintf(held, heldlen, "the socket on stage, closed: no process holds it");
}

static void make_lines(struct tui *t)
{
	struct detail *d = &t->detail;
	char stage[80], held[240], owner[160], peer[160], cred[160];
	struct si_who who = { stage, held, owner, peer, cred };

	stage_text(t, &d->row, stage, sizeof(stage), held, sizeof(held));
	stage_owner(&t->st, &d->row, owner, sizeof(owner));
	stage_unix_who(&t->st, &d->row, peer, cred, sizeof(peer));
	sockinfo_text(&d->si, &who, &d->lines);
}

unsigned detail_open(struct tui *t)
{
	struct detail *d = &t->detail;
	struct diag_row tmp;
	const struct diag_row *r = kv_cursor_row(t, &tmp);

	if (!r) {
		log_add(&t->log, ROLE_DIM, "no kernel row to show the details of");
		return R_REDRAW;
	}
	d->open = true;
	d->scroll = 0;
	d->row = *r;
	memset(&d->si, 0, sizeof(d->si));
	d->si.row = *r;
	d->read = d->gone = false;
	d->reads = 0;
	d->err[0] = '\0';
	make_lines(t);
	return R_READ | R_REDRAW;
}

unsigned detail_close(struct tui *t)
{
	t->detail.open = false;
	return R_REDRAW;
}

void detail_refresh(struct tui *t)
{
	struct detail *d = &t->detail;
	struct sockinfo si;
	int rc;

	if (!d->open || d->gone)
		return;
	rc = stage_sockinfo(&t->st, &d->row, &si, d->err, sizeof(d->err));
	d->reads++;
	if (rc < 0)
		return;
	d->err[0] = '\0';
	if (rc == 0) {
		d->gone = true;
	} else {
		d->si = si;
		d->row = si.row;
		d->read = true;
	}
	make_lines(t);
	t->dirty = true;
}

void detail_free(struct detail *d)
{
	si_lines_free(&d->lines);
	memset(d, 0, sizeof(*d));
}
