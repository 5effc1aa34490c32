#include <vector>
static std::vector<int> g_log;
void add(int x) { /* héllo 😀 */ g_log.push_back(x); }
