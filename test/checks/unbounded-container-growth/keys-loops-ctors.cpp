// RUN: %check_memlint '--checks=-*,memlint-unbounded-container-growth' %s

#include <map>
#include <string>
#include <unordered_map>
#include <vector>

enum class Level { Debug, Info, Warn, Error };
enum Color { Red, Green, Blue };
constexpr int kSlots = 8;

// Growth only in constructors.
class Table { // OK: filled only by its constructor
  std::vector<std::string> rows_;

public:
  explicit Table(const std::vector<std::string> &in) {
    for (const auto &r : in)
      rows_.push_back(r);
  }
  size_t size() const { return rows_.size(); }
};

// Growth only in loops with a compile-time constant trip count.
class Wheel { // OK: the loop runs 16 times
  std::vector<int> spokes_;

public:
  void init() {
    for (int i = 0; i < 16; ++i)
      spokes_.push_back(i);
  }
};
class Slots { // OK: the loop bound is a constexpr constant
  std::vector<int> slots_;

public:
  void init() {
    for (int i = 0; i < kSlots; ++i)
      slots_.emplace_back(i);
  }
};

// Associative containers keyed by a finite domain.
class ByLevel { // OK: keyed by an enum
  std::map<Level, int> counts_;

public:
  void count(Level l) { counts_[l] += 1; }
};
class ByColor { // OK: keyed by an unscoped enum
  std::unordered_map<Color, std::string> names_;

public:
  void name(Color c, const std::string &n) { names_.insert_or_assign(c, n); }
};
class ByFlag { // OK: keyed by bool
  std::map<bool, std::vector<int>> split_;

public:
  void put(bool b, const std::vector<int> &v) { split_.emplace(b, v); }
};

// Near misses: reported.
class Series {
  std::vector<int> points_;

public:
  Series() { points_.push_back(0); }
  void add(int v) { points_.push_back(v); }
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: container 'Series::points_' grows here and nothing erases, clears or size-bounds it{{.*}} [memlint-unbounded-container-growth]
};
class Ramp {
  std::vector<int> steps_;

public:
  void init(int n) {
    for (int i = 0; i < n; ++i)
      steps_.push_back(i);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: container 'Ramp::steps_' grows here and nothing erases, clears or size-bounds it{{.*}} [memlint-unbounded-container-growth]
  }
};
class Mixed {
  std::vector<int> v_;

public:
  void init() {
    for (int i = 0; i < 4; ++i)
      v_.push_back(i);
  }
  void add(int x) { v_.push_back(x); }
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: container 'Mixed::v_' grows here and nothing erases, clears or size-bounds it{{.*}} [memlint-unbounded-container-growth]
};
class ByUser {
  std::map<int, Level> levels_;

public:
  void set(int user, Level l) { levels_[user] = l; }
  // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: container 'ByUser::levels_' grows here and nothing erases, clears or size-bounds it{{.*}} [memlint-unbounded-container-growth]
};
class ByName {
  std::unordered_map<std::string, Color> colors_;

public:
  void set(const std::string &n, Color c) { colors_.emplace(n, c); }
  // CHECK-MESSAGES: :[[@LINE-1]]:45: warning: container 'ByName::colors_' grows here and nothing erases, clears or size-bounds it{{.*}} [memlint-unbounded-container-growth]
};
class ListOfLevels {
  std::vector<Level> seen_;

public:
  void saw(Level l) { seen_.push_back(l); }
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: container 'ListOfLevels::seen_' grows here and nothing erases, clears or size-bounds it{{.*}} [memlint-unbounded-container-growth]
};

// Keyed by a counter: every entry is new, so the registry grows with each
// registration however its entries are looked up later (the memo rule
// leaves it here: test/checks/unbounded-memoization/keys.cpp).
class Registry {
public:
  int add(const std::string &what) {
    int id = next_++;
    items_[id] = what;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: container 'Registry::items_' grows here and nothing erases, clears or size-bounds it{{.*}} [memlint-unbounded-container-growth]
    return id;
  }
  std::string get(int id) {
    auto it = items_.find(id);
    return it == items_.end() ? std::string() : it->second;
  }

private:
  int next_ = 0;
  std::map<int, std::string> items_;
};
