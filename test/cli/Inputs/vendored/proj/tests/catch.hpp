// Stands in for Catch2's single-header amalgamation.
#include <vector>
static std::vector<int> g_catch_registry;
inline void catch_register(int x) { g_catch_registry.push_back(x); }
