// Findings inside macro expansions, in a header: both front ends put them
// where the macro is used.
#include <string>
#include <vector>

#define RECORD(V, X) (V).push_back(X)
#define RECORD_HDR(X) RECORD(g_hdr, X)
#define EMPTY(V)                                                               \
  do {                                                                         \
    (V).clear();                                                               \
  } while (0)

static std::vector<int> g_hdr;
inline void hdrPut(int X) { RECORD_HDR(X); } // HDR

class Batch {
  std::vector<int> items_;

public:
  void add(int X) { RECORD(items_, X); }
  void flush() { EMPTY(items_); } // FLUSH
};
