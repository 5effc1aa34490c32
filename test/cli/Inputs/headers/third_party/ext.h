#include <vector>
static std::vector<int> g_ext;
inline void ext(int x) { g_ext.push_back(x); }
static std::vector<int> g_ext_decl; // grown in the .cpp files
