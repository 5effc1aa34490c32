#include <vector>
static std::vector<int> g_legacy;
void remember(int x) { g_legacy.push_back(x); }
