/* explain.h - what an errno means, by name and in words. */
#ifndef SOCKSTAGE_EXPLAIN_H
#define SOCKSTAGE_EXPLAIN_H

/* "EADDRINUSE" for EADDRINUSE; "E123" style for unknown numbers (static
 * buffer for those: not reentrant). */
const char *explain_errname(int err);
/* Parse "EADDRINUSE" (case-insensitive; EWOULDBLOCK accepted for EAGAIN).
 * Returns the errno, or -1. */
int explain_errno_parse(const char *name);
/* Every known errno name, NULL-terminated. */
const char *const *explain_errnames(void);

#endif
