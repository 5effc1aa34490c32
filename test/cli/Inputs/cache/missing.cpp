#include "h1.h"
#include "generated.h"
int use() { return GENERATED; }
