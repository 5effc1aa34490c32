#include "util.h"
static std::vector<int> g_util_cache;
void util_append(std::vector<int> &v, int x) {
  v.push_back(x);
  g_util_cache.push_back(x);
}
