/* worker.c - under construction */
#include "worker.h"
