#include <vector>
class Store {
public:
  void add(int x) { items_.push_back(x); } // NOLINT(memlint-unbounded-container-growth)
  void log(int x) { log_.push_back(x); }

private:
  std::vector<int> items_;
  std::vector<int> log_;
};
