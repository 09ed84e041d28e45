/* sandbox.c - under construction */
#include "sandbox.h"
int sandbox_enter(char *err, size_t errlen) { (void)err; (void)errlen; return -1; }
