// The allocation-heavy fixture of the overhead benchmark (docs/harness.md,
// harness/bench/overhead.sh): `alloc_heavy R` builds R order records the way
// service code does (string keys, a map index, small vectors, temporaries)
// and drops the index every 1000 records. About 5 allocations per record,
// from both inlined templates (the map, the vectors: the program's own code)
// and libstdc++'s out-of-line std::string members (built without frame
// pointers). Prints a checksum so nothing is optimized away.
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  const long records = argc > 1 ? std::atol(argv[1]) : 1000;
  std::map<std::string, std::vector<int>> index;
  unsigned long checksum = 0;
  for (long i = 0; i < records; ++i) {
    std::string key = "customer-" + std::to_string(i % 997) + "/order-" + std::to_string(i);
    std::vector<int>& lines = index[key];
    for (int k = 0; k < 3; ++k)
      lines.push_back(static_cast<int>(i * 31 + k));
    checksum += key.size() + lines.back();
    if (i % 1000 == 999) {
      checksum += index.size();
      index.clear();
    }
  }
  std::printf("%lu\n", checksum);
  return 0;
}
