#include <vector>
static std::vector<int> g_extra;
void extra(int x) { g_extra.push_back(x); }
