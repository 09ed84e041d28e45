/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fuzz_command.c - the command parser (command_parse): the input is a
 * script, each line parsed on its own. Besides the sanitizers' checks: an
 * error points into its line and says something; a parsed command is
 * consistent (names are names, send has data or a count, say has text). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "command.h"
#include "fuzz.h"

#define MAX_LINE 4096

static void check_name(const struct cmd_ref *r, const char *what)
{
	size_t n = strnlen(r->name, sizeof(r->name));

	FUZZ_CHECK(n < sizeof(r->name), "%s name not terminated", what);
	if (r->col < 0)
		return;
	FUZZ_CHECK(n > 0, "empty %s name at column %d", what, r->col);
	for (size_t i = 0; i < n; i++)
		FUZZ_CHECK(isalnum((unsigned char)r->name[i]) ||
			   strchr("_-.", r->name[i]), "%s name '%s'", what,
			   r->name);
}

static void check_parsed(const char *line, const struct command *c)
{
	size_t len = strlen(line);

	FUZZ_CHECK(c->kind >= CMD_NONE && c->kind < CMD_COUNT, "kind %d",
		   (int)c->kind);
	check_name(&c->proc, "process");
	check_name(&c->sock, "socket");
	check_name(&c->as, "as");
	FUZZ_CHECK(c->proc.col < (int)len && c->sock.col < (int)len &&
		   c->as.col < (int)len, "a name's column is past the line");
	if (c->kind == CMD_SEND || c->kind == CMD_SENDTO)
		FUZZ_CHECK(c->data ? c->nbytes == -1 : c->nbytes >= 0,
			   "send: data %p, nbytes %ld", (void *)c->data,
			   c->nbytes);
	if (c->data)
		FUZZ_CHECK(c->data[c->datalen] == '\0',
			   "data not terminated");
	if (c->kind == CMD_SAY || c->kind == CMD_TITLE || c->kind == CMD_ABOUT)
		FUZZ_CHECK(c->text && *c->text, "%s without text",
			   command_name(c->kind));
	if (c->has_expect)
		FUZZ_CHECK(c->expect_errno >= 0 && c->expect_col >= 0 &&
			   c->expect_col < (int)len, "expectation errno %d col %d",
			   c->expect_errno, c->expect_col);
	if (c->kind == CMD_WAIT || c->kind == CMD_EXPECT)
		FUZZ_CHECK(c->state >= -1 && strnlen(c->state_name,
			   sizeof(c->state_name)) < sizeof(c->state_name),
			   "state %d", c->state);
	if (c->kind != CMD_NONE)
		FUZZ_CHECK(*command_name(c->kind) && *command_usage(c->kind),
			   "kind %d has no name or usage", (int)c->kind);
}

static void parse_line(const char *line)
{
	struct command cmd;
	struct cmd_error err;
	size_t len = strlen(line);

	if (command_parse(line, &cmd, &err) < 0) {
		FUZZ_CHECK(err.col >= 0 && (size_t)err.col <= len,
			   "error column %d on a line of %zu bytes", err.col, len);
		FUZZ_CHECK(err.msg[0] != '\0', "an error without a message");
		FUZZ_CHECK(strnlen(err.msg, sizeof(err.msg)) < sizeof(err.msg),
			   "message not terminated");
	} else {
		check_parsed(line, &cmd);
	}
	command_free(&cmd);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t at = 0;

	while (at < size) {
		const uint8_t *nl = memchr(data + at, '\n', size - at);
		size_t n = nl ? (size_t)(nl - (data + at)) : size - at;
		size_t k = strnlen((const char *)data + at, n < MAX_LINE ? n : MAX_LINE);
		char *line = malloc(k + 1);	/* exactly: overreads show */

		if (!line)
			abort();
		memcpy(line, data + at, k);	/* a NUL byte ends it early */
		line[k] = '\0';
		parse_line(line);
		free(line);
		at += n + 1;
	}
	return 0;
}
