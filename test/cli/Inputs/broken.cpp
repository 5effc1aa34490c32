#include <vector>
static std::vector<int> g_items;
void add(int x) { g_items.push_back(x) }
