#include <vector>
#include "third_party/util/util.h"
#include "shared.h"
static std::vector<int> g_own;
static std::vector<int> g_items;
void on_request(int x) {
  g_own.push_back(x);
  util_append(g_items, x);
  vendored_note(x);
  shared_note(x);
}
