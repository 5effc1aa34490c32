#include "h1.h"
int broken() { return undeclared_name; }
