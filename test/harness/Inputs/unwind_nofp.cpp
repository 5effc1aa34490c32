// Built with -O2 -fomit-frame-pointer -fno-optimize-sibling-calls (see
// tracker-unwind.test): a chain of calls whose frames a frame-pointer walk
// cannot see. The tracker must still put level2's line on the stack.
#include <cstddef>
#include <vector>

static volatile int g_calls;

__attribute__((noinline)) void* level3(std::size_t n) {
  g_calls = g_calls + 1;
  return new std::vector<long>(n);
}

__attribute__((noinline)) void* level2(std::size_t n) {
  void* p = level3(n);  // LEVEL2
  g_calls = g_calls + 1;
  return p;
}

__attribute__((noinline)) void* level1(std::size_t n) {
  void* p = level2(n);
  g_calls = g_calls + 1;
  return p;
}
