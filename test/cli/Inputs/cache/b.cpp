#include "h1.h"
#include "h2.h"
void fb(int x) { remember(twice(x)); }
