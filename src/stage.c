/* stage.c - under construction */
#include "stage.h"
