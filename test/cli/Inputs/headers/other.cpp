#include "include/inc.h"
#include "third_party/ext.h"
void other(int x) { inc(x); ext(x); }
