#include <vector>
static std::vector<int> g_inc;
inline void inc(int x) { g_inc.push_back(x); }
static std::vector<int> g_decl; // grown in the .cpp files
