/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sockopt.c - the option table (SOCKOPT_TABLE in sockopt.h) as data, and
 * reading an option back from the kernel by its row. */
#include "sockopt.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "util.h"

#define SOCKOPT_ROW(id, word, lv, on, lv6, on6, kind, takes, badge, rb, \
		    help) \
	{ OPT_##id, word, lv, on, lv6, on6, #lv, #on, #lv6, #on6, kind, \
	  takes, badge, rb == RB_YES, help },

static const struct sockopt_def defs[] = {
	SOCKOPT_TABLE(SOCKOPT_ROW)
};

const struct sockopt_def *sockopt_get(enum sock_opt id)
{
	if (id <= OPT_NONE || id >= OPT_COUNT)
		return NULL;
	return &defs[id - 1];
}

const struct sockopt_def *sockopt_find(const char *name)
{
	for (size_t k = 0; k < ARRAY_LEN(defs); k++)
		if (strcasecmp(defs[k].name, name) == 0)
			return &defs[k];
	return NULL;
}

const char *const *sockopt_names(void)
{
	static const char *list[ARRAY_LEN(defs) + 1];

	for (size_t k = 0; k < ARRAY_LEN(defs); k++)
		list[k] = defs[k].name;
	return list;
}

void sockopt_list(const char *sep, char *buf, size_t len)
{
	size_t at = 0;

	if (!len)
		return;
	buf[0] = '\0';
	for (size_t k = 0; k < ARRAY_LEN(defs) && at < len; k++) {
		int n = snprintf(buf + at, len - at, "%s%s", k ? sep : "",
				 defs[k].name);

		if (n < 0)
			return;
		at += (size_t)n;
	}
}

int sockopt_level(const struct sockopt_def *d, int family)
{
	return family == AF_INET6 ? d->level6 : d->level;
}

int sockopt_optname(const struct sockopt_def *d, int family)
{
	return family == AF_INET6 ? d->optname6 : d->optname;
}

const char *sockopt_clevel(const struct sockopt_def *d, int family)
{
	return family == AF_INET6 ? d->clevel6 : d->clevel;
}

const char *sockopt_cname(const struct sockopt_def *d, int family)
{
	return family == AF_INET6 ? d->cname6 : d->cname;
}

void sockopt_badges(unsigned opts, char *buf, size_t len)
{
	size_t at = 0;
	int slots = 0;

	if (!len)
		return;
	buf[0] = '\0';
	for (size_t k = 0; k < ARRAY_LEN(defs) && at + 4 < len; k++) {
		const struct sockopt_def *d = &defs[k];
		bool on = (opts & (1u << d->id)) != 0;

		if (!d->badge || (slots >= SOCKOPT_SLOTS && !on))
			continue;
		at += (size_t)snprintf(buf + at, len - at, "%s%s", at ? " " : "",
				       on ? d->badge : "  ");
		slots++;
	}
}

bool sockopt_is_on(const struct sockopt_def *d, const struct sockopt_val *v)
{
	if (!v->known)
		return false;
	switch (d->kind) {
	case SOV_LINGER:
		return v->i >= 0;
	case SOV_IFNAME:
		return v->s[0] != '\0';
	default:
		return v->i != 0;
	}
}

static void read_linger(int fd, struct sockopt_val *v)
{
	struct linger lg = { 0 };
	socklen_t len = sizeof(lg);

	if (getsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, &len) == 0) {
		v->known = 1;
		v->i = lg.l_onoff ? lg.l_linger : -1;
	}
}

void sockopt_read(int fd, int family, const struct sockopt_def *d,
		  struct sockopt_val *v)
{
	int level = sockopt_level(d, family), name = sockopt_optname(d, family);
	socklen_t len;

	memset(v, 0, sizeof(*v));
	switch (d->kind) {
	case SOV_LINGER:
		read_linger(fd, v);
		return;
	case SOV_IFNAME:
		len = sizeof(v->s);	/* the kernel wants IFNAMSIZ */
		if (getsockopt(fd, level, name, v->s, &len) == 0) {
			v->known = 1;
			v->s[len < sizeof(v->s) ? len : sizeof(v->s) - 1] = '\0';
		}
		return;
	case SOV_ADDR4: {
		struct in_addr a = { 0 };

		len = sizeof(a);
		if (getsockopt(fd, level, name, &a, &len) == 0) {
			v->known = 1;
			v->i = (int32_t)a.s_addr;
		}
		return;
	}
	default: {
		int x = 0;

		len = sizeof(x);
		if (getsockopt(fd, level, name, &x, &len) == 0) {
			v->known = 1;
			v->i = x;
		}
		return;
	}
	}
}
