#include <vector>
static std::vector<int> g_ours;
void ours(int x) { g_ours.push_back(x); }
