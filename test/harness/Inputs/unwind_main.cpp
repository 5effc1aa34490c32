// Allocations whose call stacks a frame-pointer walk alone gets wrong: from
// code built without frame pointers (unwind_nofp.cpp), from inside libstdc++
// and libc (built without frame pointers on Debian), and from a callback that
// libc's qsort calls. Each marked line must be credited with what it keeps.
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "memlint/harness.h"

void* level1(std::size_t n);

static std::vector<void*> g_kept;
static std::vector<char*> g_names;
static std::string g_text;

static int compare(const void* a, const void* b) {
  g_names.push_back(strdup("compared two numbers"));  // COMPARATOR
  return *static_cast<const int*>(a) - *static_cast<const int*>(b);
}

int main(int argc, char** argv) {
  const std::size_t n = std::strtoul(argc > 1 ? argv[1] : "1000", nullptr, 10);
  g_kept.reserve(n);
  g_names.reserve(64 * n);
  for (std::size_t i = 0; i < n; ++i)
    g_kept.push_back(level1(16));
  for (std::size_t i = 0; i < n; ++i)
    g_kept.push_back(strdup("a copy made inside libc by strdup"));  // STRDUP
  for (std::size_t i = 0; i < n; ++i)
    g_text.append("appended through libstdc++ ");  // APPEND
  std::vector<int> numbers(n);
  for (std::size_t i = 0; i < n; ++i)
    numbers[i] = static_cast<int>((i * 7919) % n);
  std::qsort(numbers.data(), numbers.size(), sizeof(int), compare);
  memlint_mark();
  return 0;
}
