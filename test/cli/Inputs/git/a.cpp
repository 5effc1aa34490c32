#include <vector>
static std::vector<int> g_old;
static std::vector<int> g_log;
void keep(int x) { g_old.push_back(x); }
void log(int x) { g_log.push_back(x); }
