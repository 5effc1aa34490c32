#include "catch.hpp"
#include <vector>
static std::vector<int> g_test_seen;
void test_case(int x) {
  catch_register(x);
  g_test_seen.push_back(x);
}
