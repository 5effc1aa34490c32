#include <vector>
std::vector<int> g_c;
void fc(int x) { g_c.push_back(x); }
