/* command.c - under construction */
#include "command.h"
