/* SPDX-License-Identifier: GPL-2.0-or-later */
/* stage_diag.c - the stage's sock_diag handles: its own, and each host's,
 * opened in the host's namespace on first use. */
#include "stage.h"

#include "stage_int.h"

struct diag *stage_diag(struct stage *st, char *err, size_t errlen)
{
	if (!st->diag)
		st->diag = diag_open(err, errlen);
	return st->diag;
}

struct diag *stage_host_diag(struct stage *st, int h, int *back, char *err,
			     size_t errlen)
{
	struct stage_host *sh = &st->hosts[h];

	if (host_enter(&sh->h, back, err, errlen) < 0)
		return NULL;
	if (!sh->diag)
		sh->diag = diag_open(err, errlen);
	if (!sh->diag)
		host_leave(*back);
	return sh->diag;
}
