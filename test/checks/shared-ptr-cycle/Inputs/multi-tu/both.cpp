#include "server.h"
#include "session.h"
int both() { return 0; }
