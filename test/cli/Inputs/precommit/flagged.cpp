#ifndef MEMLINT_HOOK_FLAGS
#error "compiled without the hook's --extra-arg flags"
#endif
#include <vector>
static std::vector<int> g_audit;
void audit(int x) { g_audit.push_back(x); }
