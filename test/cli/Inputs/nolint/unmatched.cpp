#include <vector>
static std::vector<int> v, w;
// NOLINTBEGIN(memlint-unbounded-container-growth)
void f(int x) { v.push_back(x); }
// NOLINTEND
void g(int x) { w.push_back(x); }
// NOLINTBEGIN
