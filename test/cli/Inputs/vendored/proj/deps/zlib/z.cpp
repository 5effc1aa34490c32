#include <vector>
static std::vector<int> g_z;
void z(int x) { g_z.push_back(x); }
