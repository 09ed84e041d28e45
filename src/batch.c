/* batch.c - under construction */
#include "batch.h"
int batch_run(const struct batch_opts *o, FILE *out) { (void)o; (void)out; return 2; }
