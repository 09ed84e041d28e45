/* SPDX-License-Identifier: GPL-2.0-or-later */
/* batch.h - the batch front-end: run a script, print a transcript. */
#ifndef SOCKSTAGE_BATCH_H
#define SOCKSTAGE_BATCH_H

#include <stdio.h>

struct batch_opts {
	const char *path;	/* script file, or "-" for stdin */
	int interactive;	/* prompt for lines (a terminal) */
	const char *export_c;	/* --export-c: write the script as a C
				   program there, or NULL */
	int force;		/* --export-c may replace a file of the user's */
	int wire;		/* --wire: under each call, its segments */
	const char *pcap;	/* --pcap: every packet into this file */
	int want_wire;		/* capture anyway, quietly (a sandbox: expect
				   segment, show wire need it) */
	int sandbox;		/* in a private namespace (--sandbox) */
	int json;		/* --json: the transcript as JSON Lines */
};

/* Exit codes of a run. */
enum {
	BATCH_OK = 0,		/* every expectation held */
	BATCH_MISMATCH = 1,	/* an expectation failed */
	BATCH_ERROR = 2,	/* usage, parse or line error */
};

/* Run the script, transcript on out, problems on stderr. Returns BATCH_*. */
int batch_run(const struct batch_opts *o, FILE *out);

#endif
