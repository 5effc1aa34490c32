#include "h1.h"
std::vector<int> g_a;
void fa(int x) {
  g_a.push_back(x);
  remember(x);
}
