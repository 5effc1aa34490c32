// `scaled [N] [mode [K]]` for the confirm CLI tests; N from argv[1] or
// MEMLINT_N. Every mode keeps 100 bytes per unit of N at GROWS and uses a
// flat 4 KiB scratch buffer at FLAT; then:
//   crash K   aborts when N >= K          sleep K   sleeps 30 s when N >= K
//   mb        also allocates and touches N MiB     exit K    exits with K
//   bounded   the fixed program: GROWS keeps at most 64 items
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

static std::vector<std::string> g_items;

int main(int argc, char** argv) {
  const char* text = argc > 1 ? argv[1] : std::getenv("MEMLINT_N");
  const long n = text ? std::atol(text) : 0;
  const char* mode = argc > 2 ? argv[2] : "grow";
  const long k = argc > 3 ? std::atol(argv[3]) : 0;
  if (n <= 0)
    return 2;
  if (!std::strcmp(mode, "crash") && n >= k)
    std::abort();
  if (!std::strcmp(mode, "sleep") && n >= k)
    sleep(30);
  std::vector<char*> blocks;
  if (!std::strcmp(mode, "mb"))
    for (long i = 0; i < n; ++i) {
      char* block = static_cast<char*>(std::malloc(1 << 20));  // MB
      if (!block)
        return 4;
      std::memset(block, 1, 1 << 20);
      blocks.push_back(block);
    }
  long sum = 0;
  for (long i = 0; i < n; ++i) {
    g_items.push_back(std::string(100, static_cast<char>('a' + i % 26)));  // GROWS
    if (!std::strcmp(mode, "bounded") && g_items.size() > 64)
      g_items.erase(g_items.begin());
    std::vector<char> scratch(4096, 1);  // FLAT
    sum += scratch[static_cast<std::size_t>(i) % 4096];
  }
  std::printf("n=%ld sum=%ld\n", n, sum);
  if (!std::strcmp(mode, "exit"))
    return static_cast<int>(k);
  return 0;
}
