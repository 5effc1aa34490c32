#include "store.h"

// Grown only by a test's task, which the worker could run as any other.
class Ledger {
public:
  void add(const std::string &e) { entries_.push_back(e); }

private:
  std::vector<std::string> entries_;
};
