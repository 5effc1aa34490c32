#include <vector>
static std::vector<int> g_recent;
void remember(int x) {
  if (g_recent.size() >= 64)
    g_recent.erase(g_recent.begin());
  g_recent.push_back(x);
}
