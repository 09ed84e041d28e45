/* SPDX-License-Identifier: GPL-2.0-or-later */
/* replay.c - main() for a fuzzing harness built without libFuzzer: runs
 * LLVMFuzzerTestOneInput once on each file named (each file of a
 * directory named), or, with no argument, on every file of
 * tests/fuzz/corpus/TARGET and tests/fuzz/regress/TARGET under
 * $top_srcdir (TARGET from the program's name, replay_TARGET).
 * Prints TAP: one line a file. Each input is a heap block of exactly its
 * size, so that a sanitizer build catches a read past its end. A problem
 * found aborts, after "# replaying FILE" has named the culprit. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static int ntests;

/* The whole file, in a block of exactly its size (at least 1 byte). */
static uint8_t *slurp(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	struct stat st;

	if (!f)
		return NULL;
	if (fstat(fileno(f), &st) == 0 && st.st_size >= 0 &&
	    (buf = malloc(st.st_size ? (size_t)st.st_size : 1))) {
		*size = fread(buf, 1, (size_t)st.st_size, f);
		if (ferror(f) || *size != (size_t)st.st_size) {
			free(buf);
			buf = NULL;
		}
	}
	fclose(f);
	return buf;
}

static int replay_dir(const char *dir);

static int replay_file(const char *path)
{
	size_t size = 0;
	uint8_t *buf;
	struct stat st;

	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return replay_dir(path);
	buf = slurp(path, &size);

	if (!buf) {
		printf("not ok %d - %s: %s\n", ++ntests, path, strerror(errno));
		return -1;
	}
	printf("# replaying %s\n", path);
	fflush(stdout);
	LLVMFuzzerTestOneInput(buf, size);
	free(buf);
	printf("ok %d - %s (%zu bytes)\n", ++ntests, path, size);
	fflush(stdout);
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every regular file of dir, in name order; a missing dir has none. */
static int replay_dir(const char *dir)
{
	struct dirent *e;
	char **names = NULL, path[4096];
	size_t n = 0, cap = 0;
	int rc = 0;
	DIR *d = opendir(dir);

	if (!d)
		return errno == ENOENT ? 0 : -1;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			names = realloc(names, cap * sizeof(*names));
			if (!names)
				abort();
		}
		if (!(names[n++] = strdup(e->d_name)))
			abort();
	}
	closedir(d);
	qsort(names, n, sizeof(*names), by_name);
	for (size_t i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		if (replay_file(path) < 0)
			rc = -1;
		free(names[i]);
	}
	free(names);
	return rc;
}

/* replay_TARGET -> TARGET */
static const char *target_of(const char *argv0)
{
	const char *base = strrchr(argv0, '/');

	base = base ? base + 1 : argv0;
	return strncmp(base, "replay_", 7) == 0 ? base + 7 : NULL;
}

static int replay_default(const char *argv0)
{
	const char *top = getenv("top_srcdir"), *target = target_of(argv0);
	char dir[4096];
	int rc = 0;

	if (!top || !target) {
		fprintf(stderr, "usage: replay_TARGET FILE...; without files, "
			"$top_srcdir/tests/fuzz/{corpus,regress}/TARGET\n");
		return -1;
	}
	snprintf(dir, sizeof(dir), "%s/tests/fuzz/corpus/%s", top, target);
	if (replay_dir(dir) < 0)
		rc = -1;
	snprintf(dir, sizeof(dir), "%s/tests/fuzz/regress/%s", top, target);
	if (replay_dir(dir) < 0)
		rc = -1;
	if (ntests == 0) {
		printf("not ok 1 - no input in %s/tests/fuzz/corpus/%s\n", top,
		       target);
		ntests = 1;
		rc = -1;
	}
	return rc;
}

int main(int argc, char **argv)
{
	int rc = 0;

	LLVMFuzzerInitialize(&argc, &argv);
	if (argc < 2) {
		rc = replay_default(argv[0]);
	} else {
		for (int i = 1; i < argc; i++)
			if (replay_file(argv[i]) < 0)
				rc = -1;
	}
	printf("1..%d\n", ntests);
	return rc < 0 ? 1 : 0;
}
