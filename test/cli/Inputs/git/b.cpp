#include <vector>
static std::vector<int> g_b;
void b(int x) { g_b.push_back(x); }
