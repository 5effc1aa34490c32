#include <vector>
static std::vector<int> g_seen;
void record(int x) { g_seen.push_back(x); }
