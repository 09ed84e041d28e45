/* SPDX-License-Identifier: GPL-2.0-or-later */
/* pcapng.c - write pcapng files (see pcapng.h): a Section Header Block,
 * Interface Description Blocks, Enhanced Packet Blocks with an optional
 * comment, Interface Statistics Blocks.
 *
 * Each block is made whole in a buffer of the writer's and then handed
 * to stdio in one fwrite: its type, its total length, its body, its
 * options (code, length, value padded to 32 bits, the list ended by
 * opt_endofopt), and its total length again. All numbers little-endian,
 * whatever the host's order, as the section's byte-order magic says. */
#include "pcapng.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

enum {
	BLOCK_SHB = 0x0A0D0D0A,		/* Section Header */
	BLOCK_IDB = 0x00000001,		/* Interface Description */
	BLOCK_ISB = 0x00000005,		/* Interface Statistics */
	BLOCK_EPB = 0x00000006,		/* Enhanced Packet */
	BYTE_ORDER_MAGIC = 0x1A2B3C4D,
	VERSION_MAJOR = 1,
	VERSION_MINOR = 0,
};

/* Option codes (opt_endofopt and opt_comment are every block's). */
enum {
	OPT_ENDOFOPT = 0,
	OPT_COMMENT = 1,
	SHB_USERAPPL = 4,
	IF_NAME = 2,
	IF_TSRESOL = 9,
	ISB_IFDROP = 5,
};

#define OPT_MAX 65535u		/* an option's value, at most (16 bits) */
#define TSRESOL_US 6		/* if_tsresol: 10^-6 s */

struct pcapng {
	FILE *f;
	uint32_t nifaces;
	unsigned char *buf;	/* the block being made */
	size_t len, cap;
	char failed[256];	/* why the file is not whole, or "" */
};

/* ---- failures ----------------------------------------------------------- */

/* The file cannot go on (a write failed): every later call says so. */
static int broken(struct pcapng *w, char *err, size_t errlen, const char *what)
{
	err_printf(w->failed, sizeof(w->failed), "%s the pcapng file: %s", what,
		   strerror(errno ? errno : EIO));
	err_printf(err, errlen, "%s", w->failed);
	return -1;
}

/* The file broke before: -1 with the reason, else 0. */
static int still_whole(const struct pcapng *w, char *err, size_t errlen)
{
	if (!w->failed[0])
		return 0;
	err_printf(err, errlen, "%s", w->failed);
	return -1;
}

/* A call that asks for what the file cannot hold: refused, and the file
 * goes on. */
static int __attribute__((format(printf, 3, 4)))
refuse(char *err, size_t errlen, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	err_printf(err, errlen, "pcapng: %s", msg);
	return -1;
}

/* ---- making a block ------------------------------------------------------- */

static void put(struct pcapng *w, const void *p, size_t n)
{
	if (!n)
		return;
	if (w->len + n > w->cap) {
		while (w->len + n > w->cap)
			w->cap = w->cap ? 2 * w->cap : 512;
		w->buf = xrealloc(w->buf, w->cap);
	}
	if (p)
		memcpy(w->buf + w->len, p, n);
	else
		memset(w->buf + w->len, 0, n);
	w->len += n;
}

static void le32(unsigned char *b, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		b[i] = (unsigned char)(v >> (8 * i));
}

static void put16(struct pcapng *w, uint16_t v)
{
	unsigned char b[2] = { (unsigned char)v, (unsigned char)(v >> 8) };

	put(w, b, 2);
}

static void put32(struct pcapng *w, uint32_t v)
{
	unsigned char b[4];

	le32(b, v);
	put(w, b, 4);
}

static void put64(struct pcapng *w, uint64_t v)
{
	put32(w, (uint32_t)v);
	put32(w, (uint32_t)(v >> 32));
}

/* Zeros up to the next multiple of 32 bits (a block starts at 0). */
static void pad32(struct pcapng *w)
{
	put(w, NULL, (4 - w->len % 4) % 4);
}

/* A timestamp: the high 32 bits, then the low. */
static void put_time(struct pcapng *w, long long us)
{
	put32(w, (uint32_t)((uint64_t)us >> 32));
	put32(w, (uint32_t)us);
}

static void begin(struct pcapng *w, uint32_t type)
{
	w->len = 0;
	put32(w, type);
	put32(w, 0);		/* the total length: known at the end */
}

static void option(struct pcapng *w, uint16_t code, const void *value,
		   uint16_t len)
{
	put16(w, code);
	put16(w, len);
	put(w, value, len);
	pad32(w);
}

static void end_options(struct pcapng *w)
{
	option(w, OPT_ENDOFOPT, NULL, 0);
}

/* The length of s that an option holds: all of it, or cut at OPT_MAX
 * bytes before a character that would not fit whole. */
static uint16_t text_len(const char *s)
{
	size_t n = strlen(s);

	if (n <= OPT_MAX)
		return (uint16_t)n;
	n = OPT_MAX;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;		/* s[n] continues a character: cut before it */
	return (uint16_t)n;
}

static void text_option(struct pcapng *w, uint16_t code, const char *s)
{
	option(w, code, s, text_len(s));
}

/* The block made, its total length at both ends, into the file. */
static int finish(struct pcapng *w, char *err, size_t errlen)
{
	put32(w, 0);
	le32(w->buf + 4, (uint32_t)w->len);
	le32(w->buf + w->len - 4, (uint32_t)w->len);
	errno = 0;
	if (fwrite(w->buf, 1, w->len, w->f) != w->len)
		return broken(w, err, errlen, "writing");
	return 0;
}

/* ---- the blocks ------------------------------------------------------------ */

static int section_header(struct pcapng *w, char *err, size_t errlen)
{
	begin(w, BLOCK_SHB);
	put32(w, BYTE_ORDER_MAGIC);
	put16(w, VERSION_MAJOR);
	put16(w, VERSION_MINOR);
	put64(w, UINT64_MAX);	/* the section's length: not said */
	text_option(w, SHB_USERAPPL, "sockstage " PACKAGE_VERSION);
	end_options(w);
	return finish(w, err, errlen);
}

struct pcapng *pcapng_open(FILE *f, char *err, size_t errlen)
{
	struct pcapng *w;

	if (!f) {
		refuse(err, errlen, "no file");
		return NULL;
	}
	w = xcalloc(1, sizeof(*w));
	w->f = f;
	if (section_header(w, err, errlen) < 0) {
		fclose(f);
		free(w->buf);
		free(w);
		return NULL;
	}
	return w;
}

int pcapng_add_iface(struct pcapng *w, const char *name, uint16_t linktype,
		     uint32_t snaplen, char *err, size_t errlen)
{
	static const unsigned char tsresol = TSRESOL_US;

	if (still_whole(w, err, errlen) < 0)
		return -1;
	if (w->nifaces == INT32_MAX)
		return refuse(err, errlen, "too many interfaces");
	begin(w, BLOCK_IDB);
	put16(w, linktype);
	put16(w, 0);		/* reserved */
	put32(w, snaplen);
	if (name && *name)
		text_option(w, IF_NAME, name);
	option(w, IF_TSRESOL, &tsresol, 1);
	end_options(w);
	if (finish(w, err, errlen) < 0)
		return -1;
	return (int)w->nifaces++;
}

/* Is interface iface there, and us a time the file can say? */
static int check_iface_time(const struct pcapng *w, uint32_t iface,
			    long long us, char *err, size_t errlen)
{
	if (iface >= w->nifaces)
		return refuse(err, errlen, "no interface %u in the file",
			      iface);
	if (us < 0)
		return refuse(err, errlen, "a time before 1970: %lld us", us);
	return 0;
}

int pcapng_write_packet(struct pcapng *w, uint32_t iface, long long us,
			const void *bytes, uint32_t caplen, uint32_t origlen,
			const char *comment, char *err, size_t errlen)
{
	if (still_whole(w, err, errlen) < 0 ||
	    check_iface_time(w, iface, us, err, errlen) < 0)
		return -1;
	if (caplen > origlen)
		return refuse(err, errlen, "%u bytes captured of a packet "
			      "of %u", caplen, origlen);
	if (caplen > PCAPNG_MAX_CAPLEN)
		return refuse(err, errlen, "%u bytes of a packet: more than %u",
			      caplen, PCAPNG_MAX_CAPLEN);
	if (caplen && !bytes)
		return refuse(err, errlen, "a packet without its bytes");
	begin(w, BLOCK_EPB);
	put32(w, iface);
	put_time(w, us);
	put32(w, caplen);
	put32(w, origlen);
	put(w, bytes, caplen);
	pad32(w);
	if (comment && *comment) {
		text_option(w, OPT_COMMENT, comment);
		end_options(w);
	}
	return finish(w, err, errlen);
}

int pcapng_write_ifdrop(struct pcapng *w, uint32_t iface, long long us,
			uint64_t dropped, char *err, size_t errlen)
{
	unsigned char value[8];

	if (still_whole(w, err, errlen) < 0 ||
	    check_iface_time(w, iface, us, err, errlen) < 0)
		return -1;
	le32(value, (uint32_t)dropped);
	le32(value + 4, (uint32_t)(dropped >> 32));
	begin(w, BLOCK_ISB);
	put32(w, iface);
	put_time(w, us);
	option(w, ISB_IFDROP, value, sizeof(value));
	end_options(w);
	return finish(w, err, errlen);
}

int pcapng_flush(struct pcapng *w, char *err, size_t errlen)
{
	if (still_whole(w, err, errlen) < 0)
		return -1;
	errno = 0;
	if (fflush(w->f) != 0)
		return broken(w, err, errlen, "writing");
	return 0;
}

int pcapng_close(struct pcapng *w, char *err, size_t errlen)
{
	int rc;

	if (!w)
		return 0;
	rc = pcapng_flush(w, err, errlen);
	errno = 0;
	if (fclose(w->f) != 0 && rc == 0)
		rc = broken(w, err, errlen, "closing");
	free(w->buf);
	free(w);
	return rc;
}
