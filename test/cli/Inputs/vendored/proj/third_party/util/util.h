#include <vector>
void util_append(std::vector<int> &v, int x);
static std::vector<int> g_util_log;
inline void vendored_note(int x) { g_util_log.push_back(x); }
