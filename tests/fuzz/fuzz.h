/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fuzz.h - what every fuzzing harness in tests/fuzz defines: the libFuzzer
 * entry points. The same harness links two ways: with clang and
 * -fsanitize=fuzzer (make fuzz: libFuzzer's main drives it), and with the
 * project's compiler and replay.c's main (make check: every file of the
 * seed corpus and of the regressions, once). */
#ifndef SOCKSTAGE_FUZZ_H
#define SOCKSTAGE_FUZZ_H

#include <stddef.h>
#include <stdint.h>

/* Once, before the first input. Returns 0. */
int LLVMFuzzerInitialize(int *argc, char ***argv);
/* One input: returns 0; any problem found aborts the process. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A finding: print what went wrong, then abort() (libFuzzer saves the
 * input; the replay test fails). */
#define FUZZ_CHECK(cond, ...) do {					\
	if (!(cond)) {							\
		fprintf(stderr, "fuzz check failed: %s (%s:%d)\n",	\
			#cond, __FILE__, __LINE__);			\
		fprintf(stderr, "  " __VA_ARGS__);			\
		fputc('\n', stderr);					\
		abort();						\
	}								\
} while (0)

#endif
