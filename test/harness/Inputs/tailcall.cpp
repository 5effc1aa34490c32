// `tailcall N`: Store::add's push_back is the finding (x by reference, so
// nothing of add's frame is needed after the call). At -O2 its slow path
// (_M_realloc_insert, where the vector's buffer grows) is the last call in
// add() and compiles to a jump, a sibling call: add's own frame is gone by
// the time operator new runs, and the growth is seen from main's call of
// add. -fno-optimize-sibling-calls keeps the frame.
#include <cstdlib>
#include <vector>

struct Store {
  std::vector<long> items_;
  __attribute__((noinline)) void add(const long& x);
};

void Store::add(const long& x) {
  items_.push_back(x);  // TAIL
}

int main(int argc, char** argv) {
  const long n = argc > 1 ? std::atol(argv[1]) : 1000;
  Store s;
  for (long i = 0; i < n; ++i)
    s.add(i);  // CALLER
  if (n < 0)
    s.items_.resize(static_cast<std::size_t>(-n));  // NEVER
  return s.items_.size() == static_cast<unsigned long>(n) ? 0 : 1;
}
