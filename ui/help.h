/* SPDX-License-Identifier: GPL-2.0-or-later */
/* help.h - the help screen's text: every key (from the key table) and
 * every command of the language. Drawn by panel_help. */
#ifndef SOCKSTAGE_UI_HELP_H
#define SOCKSTAGE_UI_HELP_H

#include <stddef.h>

int help_lines(void);
/* Line i of the help into buf. */
void help_line(int i, char *buf, size_t len);

#endif
