/* diag.c - under construction */
#include "diag.h"
