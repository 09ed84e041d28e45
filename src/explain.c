/* explain.c - under construction */
#include "explain.h"
