/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fuzz_json.c - the JSON writers (json_out.h, json_row.h, json_event.c):
 * any bytes as kernel rows, owner texts, script lines, results, notes,
 * errors and show lines, through the --json emitter and json_row, into
 * memory. What must hold: the output parses with yajl's parser (strict:
 * valid UTF-8, no comments, several values one after another allowed),
 * it is one object a line, each line ends with exactly one "\n", and no
 * byte of it is a control character for a terminal (C0 other than the
 * newlines, DEL, C1 in UTF-8); and the whole input as one string comes
 * back from yajl's parser as the input repaired.
 *
 * The input is a sequence of items: a byte that says what the item is,
 * then its fields, each a length byte and that many bytes (cut short
 * where the input ends). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <yajl/yajl_parse.h>

#include "emit.h"
#include "fuzz.h"
#include "json_row.h"
#include "result.h"

struct input {
	const uint8_t *p;
	size_t n;
};

static uint8_t take_byte(struct input *in)
{
	uint8_t c = in->n ? *in->p : 0;

	if (in->n) {
		in->p++;
		in->n--;
	}
	return c;
}

/* A field: a length byte, then that many bytes, into buf NUL-terminated
 * (NULs inside kept: the length says). */
static size_t take_field(struct input *in, char *buf, size_t size)
{
	size_t len = take_byte(in);

	if (len > in->n)
		len = in->n;
	if (len > size - 1)
		len = size - 1;
	memcpy(buf, in->p, len);
	buf[len] = '\0';
	in->p += len;
	in->n -= len;
	return len;
}

static void take_row(struct input *in, struct diag_row *r)
{
	static const uint8_t families[] = { AF_INET, AF_INET6, AF_UNIX };
	size_t len = in->n < sizeof(*r) ? in->n : sizeof(*r);

	memset(r, 0, sizeof(*r));
	memcpy(r, in->p, len);
	in->p += len;
	in->n -= len;
	r->family = families[r->family % 3];
}

/* An owner callback: the text given, bytes and all. */
static const char *fuzz_owner_text;

static void fuzz_owner(void *ctx, const struct diag_row *r, char *buf,
		       size_t len)
{
	snprintf(buf, len, "%s", fuzz_owner_text);
}

static void take_result(struct input *in, struct result *res)
{
	char text[256];

	result_init(res);
	res->kind = (enum result_kind)(take_byte(in) % (RES_PENDING + 1));
	if (res->kind == RES_NONE || res->kind == RES_ERROR)
		res->kind = RES_FAIL;
	res->cmd = (enum cmd_kind)(take_byte(in) % CMD_COUNT);
	res->err = take_byte(in);
	take_field(in, res->call, sizeof(res->call));
	take_field(in, res->value, sizeof(res->value));
	take_field(in, res->expected, sizeof(res->expected));
	res->mismatch = res->expected[0] != '\0';
	for (int i = take_byte(in) % 4; i > 0; i--) {
		enum note_kind k = (enum note_kind)(take_byte(in) % NOTE_KIND_COUNT);

		take_field(in, text, sizeof(text));
		res_note_kind(res, k, "%s", text);
	}
}

static void one_result(struct emitter *e, struct input *in)
{
	struct result res;

	take_result(in, &res);
	e->ops->result(e, 1, NULL, &res);
	for (int i = 0; i < res.nnotes; i++)
		e->ops->note(e, &res.notes[i]);
	if (res.mismatch)
		e->ops->mismatch(e, 1, &res);
	result_free(&res);
}

static void one_row(struct emitter *e, struct json_out *j, struct input *in)
{
	char owner[128];
	struct diag_row r;
	struct diag_table t = { .rows = &r, .n = 1, .cap = 1 };

	take_field(in, owner, sizeof(owner));
	take_row(in, &r);
	fuzz_owner_text = owner;
	(void)json_row(j, &r, owner, true);
	(void)e->ops->rows(e, &t, &(struct emit_rows){ .owner = fuzz_owner });
}

static void one_item(struct emitter *e, struct json_out *j, struct input *in)
{
	char a[256], b[256], c[256];
	uint8_t what = take_byte(in);

	take_field(in, a, sizeof(a));
	switch (what % 10) {
	case 0:
		e->ops->line(e, what, a, NULL);
		break;
	case 1:
		one_result(e, in);
		break;
	case 2:
		e->ops->say(e, a);
		e->ops->title(e, a);
		break;
	case 3:
		take_field(in, b, sizeof(b));
		e->ops->error(e, a, what, take_byte(in), b);
		break;
	case 4:
		e->ops->show(e, (enum emit_show)(take_byte(in) % 5), a);
		e->ops->wire(e, a);
		break;
	case 5:
		take_field(in, b, sizeof(b));
		take_field(in, c, sizeof(c));
		e->ops->field(e, a, b, c);
		e->ops->chain(e, a, b);
		e->ops->change(e, what, b, c, (enum emit_change)(what % 3));
		break;
	case 6:
		one_row(e, j, in);
		break;
	default:
		json_begin(j);
		json_kbytes(j, "bytes", a, strlen(a));
		json_kbytes(j, "all", (const char *)in->p, in->n < 300 ? in->n : 300);
		(void)json_end(j);
		break;
	}
}

/* ---- the oracle ---------------------------------------------------------- */

struct count {
	int depth;
	long objects;
};

static int on_start_map(void *ctx)
{
	struct count *c = ctx;

	if (c->depth++ == 0)
		c->objects++;
	return 1;
}

static int on_end_map(void *ctx)
{
	((struct count *)ctx)->depth--;
	return 1;
}

static const yajl_callbacks counting = {
	.yajl_start_map = on_start_map, .yajl_end_map = on_end_map,
};

static void check_bytes(const char *out, size_t len)
{
	const unsigned char *u = (const unsigned char *)out;

	for (size_t i = 0; i < len; i++) {
		FUZZ_CHECK(u[i] >= 0x20 || u[i] == '\n', "control byte 0x%02x "
			   "at %zu", u[i], i);
		FUZZ_CHECK(u[i] != 0x7f, "DEL at %zu", i);
		FUZZ_CHECK(!(u[i] == 0xc2 && i + 1 < len && u[i + 1] >= 0x80 &&
			     u[i + 1] <= 0x9f), "a C1 control at %zu", i);
		if (u[i] == '\n') {
			FUZZ_CHECK(i > 0 && u[i - 1] == '}', "a line that does "
				   "not end an object at %zu", i);
			FUZZ_CHECK(i + 1 == len || u[i + 1] == '{', "a line that "
				   "does not start an object at %zu", i + 1);
		}
	}
	FUZZ_CHECK(len == 0 || u[len - 1] == '\n', "no final newline");
}

static void check_output(const char *out, size_t len)
{
	struct count c = { 0 };
	yajl_handle h;
	long lines = 0;
	yajl_status st;

	if (len == 0)		/* no item, no object: yajl wants a value */
		return;
	h = yajl_alloc(&counting, NULL, &c);
	FUZZ_CHECK(h != NULL, "yajl_alloc");
	yajl_config(h, yajl_allow_multiple_values, 1);
	st = yajl_parse(h, (const unsigned char *)out, len);
	if (st == yajl_status_ok)
		st = yajl_complete_parse(h);
	if (st != yajl_status_ok) {
		unsigned char *msg = yajl_get_error(h, 1, (const unsigned char *)out,
						    len);
		fprintf(stderr, "%s\n", msg);
		yajl_free_error(h, msg);
	}
	FUZZ_CHECK(st == yajl_status_ok, "the output does not parse");
	yajl_free(h);
	for (size_t i = 0; i < len; i++)
		lines += out[i] == '\n';
	FUZZ_CHECK(c.objects == lines, "%ld objects on %ld lines", c.objects,
		   lines);
	check_bytes(out, len);
}

/* The second oracle: a string comes back. The whole input as one
 * string value, parsed back by yajl, equals the input repaired
 * (json_utf8_repair): every escape undone, nothing lost, nothing added. */
struct roundtrip {
	char *got;
	size_t len;
	int strings;
};

static int on_string(void *ctx, const unsigned char *s, size_t len)
{
	struct roundtrip *rt = ctx;

	rt->strings++;
	free(rt->got);
	rt->got = malloc(len ? len : 1);
	FUZZ_CHECK(rt->got != NULL, "malloc");
	memcpy(rt->got, s, len);
	rt->len = len;
	return 1;
}

static const yajl_callbacks strings = { .yajl_string = on_string };

static void check_roundtrip(const uint8_t *data, size_t size)
{
	struct roundtrip rt = { 0 };
	char *out = NULL, *want = malloc(3 * size + 1);
	size_t len = 0, wlen;
	FILE *f = open_memstream(&out, &len);
	struct json_out j;
	yajl_handle h;
	yajl_status st;

	FUZZ_CHECK(f != NULL && want != NULL, "open_memstream");
	FUZZ_CHECK(json_out_init(&j, f) == 0, "json_out_init");
	json_begin(&j);
	json_kbytes(&j, "s", (const char *)data, size);
	FUZZ_CHECK(json_end(&j) == 0, "json_end");
	json_out_free(&j);
	FUZZ_CHECK(fclose(f) == 0, "fclose");
	check_bytes(out, len);
	h = yajl_alloc(&strings, NULL, &rt);
	FUZZ_CHECK(h != NULL, "yajl_alloc");
	st = yajl_parse(h, (const unsigned char *)out, len);
	if (st == yajl_status_ok)
		st = yajl_complete_parse(h);
	FUZZ_CHECK(st == yajl_status_ok, "a string's object does not parse");
	yajl_free(h);
	wlen = json_utf8_repair((const char *)data, size, want);
	FUZZ_CHECK(rt.strings == 1, "%d strings, not one", rt.strings);
	FUZZ_CHECK(rt.len == wlen && !memcmp(rt.got, want, wlen),
		   "the string did not come back as the input repaired");
	free(rt.got);
	free(want);
	free(out);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in = { data, size };
	struct emitter e;
	struct json_out j;
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	FUZZ_CHECK(f != NULL, "open_memstream");
	FUZZ_CHECK(emit_json_init(&e, f) == 0, "emit_json_init");
	FUZZ_CHECK(json_out_init(&j, f) == 0, "json_out_init");
	for (int items = 0; in.n && items < 64; items++)
		one_item(&e, &j, &in);
	emit_free(&e);
	json_out_free(&j);
	FUZZ_CHECK(fclose(f) == 0, "fclose");
	check_output(out, len);
	free(out);
	check_roundtrip(data, size);
	return 0;
}
