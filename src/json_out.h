/* SPDX-License-Identifier: GPL-2.0-or-later */
/* json_out.h - JSON Lines on a stream: one object a line, compact (no
 * blank between tokens), each ended by exactly one "\n".
 *
 * Strings may hold any bytes (script text, file names, kernel strings).
 * They follow one rule, so that every line is valid JSON and nothing in
 * it is a control character for a terminal:
 *
 *   valid UTF-8 stays as it is, except that these come out as \uXXXX
 *   escapes (upper-case hex digits): C0 controls (\b \f \n \r \t for
 *   those that have one), DEL, C1
 *   controls (U+0080-U+009F), the bidirectional formatting characters
 *   (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069) and the line
 *   and paragraph separators (U+2028, U+2029); '"' and '\' are escaped
 *   as JSON requires;
 *   each byte that is not part of valid UTF-8 (a stray continuation
 *   byte, a sequence cut short, an overlong form, a surrogate, anything
 *   above U+10FFFF) becomes U+FFFD, one for each such byte: the same
 *   bytes that the text transcript shows as \xNN (text.h).
 *
 * Writing errors are kept: json_end returns -1 from the first failed
 * write on, and ferror() on the stream says so too. */
#ifndef SOCKSTAGE_JSON_OUT_H
#define SOCKSTAGE_JSON_OUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define JSON_DEPTH_MAX	16	/* maps and arrays inside each other */

struct json_out {
	FILE *f;
	int depth;		/* maps and arrays open */
	unsigned count[JSON_DEPTH_MAX];	/* items in each so far */
	bool after_key;		/* a key was written, its value not yet */
	int bad;		/* unbalanced or too deep: EINVAL */
	int err;		/* the first write error's errno, or 0 */
	char *buf;		/* the object being written: it goes out
				   whole, in one write, with its "\n" */
	size_t used, cap;
};

/* Start writing objects to f. Returns 0, or -1 (no memory). */
int json_out_init(struct json_out *j, FILE *f);
void json_out_free(struct json_out *j);

/* One object: json_begin, its fields, json_end (which writes the "\n").
 * json_end returns 0, or -1 when the object was not written whole. */
void json_begin(struct json_out *j);
int json_end(struct json_out *j);

/* Fields of the open object (or of a nested one). A key is the
 * program's own ASCII, written as it is; any other string is repaired
 * (json_utf8_repair) first. */
void json_key(struct json_out *j, const char *key);
void json_str(struct json_out *j, const char *s);		/* NUL-ended */
void json_bytes(struct json_out *j, const char *s, size_t len);	/* any */
void json_int(struct json_out *j, long long v);
void json_uint(struct json_out *j, unsigned long long v);
void json_bool(struct json_out *j, bool v);
void json_null(struct json_out *j);
void json_map_open(struct json_out *j);
void json_map_close(struct json_out *j);
void json_array_open(struct json_out *j);
void json_array_close(struct json_out *j);

/* key and value at once */
void json_kstr(struct json_out *j, const char *key, const char *s);
void json_kbytes(struct json_out *j, const char *key, const char *s,
		 size_t len);
void json_kint(struct json_out *j, const char *key, long long v);
void json_kuint(struct json_out *j, const char *key, unsigned long long v);
void json_kbool(struct json_out *j, const char *key, bool v);

/* len bytes of s as valid UTF-8 by the rule above (invalid bytes as
 * U+FFFD), into out (at least 3 * len + 1 bytes), NUL-terminated (a NUL
 * of s is copied as such: use the length). Returns the length written. */
size_t json_utf8_repair(const char *s, size_t len, char *out);

#endif
