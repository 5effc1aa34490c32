#include <vector>
static std::vector<int> g_seen;
void record(int x) { g_seen.push_back(x); }
static std::vector<long> g_log;
void log(long x) { g_log.push_back(x); }
void log_twice(long x) { g_log.push_back(x); }
