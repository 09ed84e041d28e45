/* SPDX-License-Identifier: GPL-2.0-or-later */
/* exec.h - the executor: one command against the stage's workers, through
 * the command table (cmdtab.h). stage_exec (stage.h) runs a command;
 * exec_finish finishes a result, at once or when an asynchronous outcome
 * comes back. */
#ifndef SOCKSTAGE_EXEC_H
#define SOCKSTAGE_EXEC_H

#include "stage.h"

/* A call's outcome is known (res->kind RES_OK or RES_FAIL, or an error):
 * add what its errno means and what the kernel shows about it, check the
 * command's expectation, remember it as the socket's last outcome. */
enum result_kind exec_finish(struct stage *st, const struct command *cmd,
			     struct result *res);

#endif
