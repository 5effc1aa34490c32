#include <vector>
static std::vector<int> g_shared;
inline void shared_note(int x) { g_shared.push_back(x); }
