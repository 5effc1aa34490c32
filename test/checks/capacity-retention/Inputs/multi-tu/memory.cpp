#include "buffers.h"
void release_capacity(std::vector<char> &v) { v.shrink_to_fit(); }
