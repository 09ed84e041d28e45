/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sandbox.h - a fresh private network namespace with loopback up. */
#ifndef SOCKSTAGE_SANDBOX_H
#define SOCKSTAGE_SANDBOX_H

#include <stddef.h>

/* Move this process into a new network namespace (CLONE_NEWNET as root or
 * with CAP_SYS_ADMIN; otherwise a new user namespace mapping the current
 * uid/gid, plus a network namespace) and bring "lo" up through rtnetlink.
 * Must run before any worker is started. Returns 0, or -1 with a message
 * in err that says why and how to run without --sandbox. */
int sandbox_enter(char *err, size_t errlen);

/* Bring the loopback interface up in the current namespace (rtnetlink,
 * libmnl). Returns 0 or -1 with a message. */
int sandbox_lo_up(char *err, size_t errlen);

#endif
