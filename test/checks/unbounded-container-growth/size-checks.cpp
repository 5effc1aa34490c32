// RUN: %check_memlint '--checks=-*,memlint-unbounded-container-growth' %s

#include <cstdio>
#include <deque>
#include <set>
#include <string>
#include <vector>

constexpr size_t kMax = 1000;

// A size check on the growth path bounds the container.
class Guarded { // OK: grows only inside an if that reads size()
  std::deque<int> q_;
  void add(int x) {
    if (q_.size() < kMax)
      q_.push_back(x);
  }
};
class Dropping { // OK: an earlier if on size() returns
  std::vector<int> v_;
  void add(int x) {
    if (v_.size() >= kMax)
      return;
    v_.push_back(x);
  }
};
class Throwing { // OK: an earlier if on length() throws
  std::string log_;
  void add(const std::string &s) {
    if (log_.length() + s.length() > kMax)
      throw 1;
    log_ += s;
  }
};
class ThroughHelper { // OK: the condition reads size() through a member function
  std::deque<int> q_;
  bool full() const { return q_.size() >= kMax; }
  void add(int x) {
    if (full())
      return;
    q_.push_back(x);
  }
};
class Breaking { // OK: an earlier if on size() breaks out of the loop
  std::vector<int> batch_;
  void take(const std::vector<int> &in) {
    for (int x : in) {
      if (batch_.size() >= kMax)
        break;
      batch_.push_back(x);
    }
  }
};
class Skipping { // OK: an earlier if on size() continues
  std::set<int> seen_;
  void take(const std::vector<int> &in) {
    for (int x : in) {
      if (seen_.size() > kMax)
        continue;
      seen_.insert(x);
    }
  }
};
class LoopCondition { // OK: grows inside a loop whose condition reads size()
  std::vector<int> ring_;
  void top_up() {
    while (ring_.size() < kMax)
      ring_.push_back(0);
  }
};

// Not bounds.
class LogsOnly {
  std::vector<int> v_;
  void add(int x) {
    if (v_.size() > kMax)
      std::fprintf(stderr, "v_ is large\n");
    v_.push_back(x);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: container 'LogsOnly::v_' grows here and nothing erases, clears or size-bounds it{{.*}} [memlint-unbounded-container-growth]
  }
};
class UnusedCapacity {
  size_t capacity_ = 100;
  std::deque<int> q_;
  void add(int x) { q_.push_back(x); }
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: container 'UnusedCapacity::q_' grows here and nothing erases, clears or size-bounds it{{.*}} [memlint-unbounded-container-growth]
  size_t capacity() const { return capacity_; }
};
class OtherSize {
  std::vector<int> items_;
  std::vector<int> limits_;
  void add(int x) {
    if (limits_.size() < kMax)
      items_.push_back(x);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: container 'OtherSize::items_' grows here and nothing erases, clears or size-bounds it{{.*}} [memlint-unbounded-container-growth]
  }
};
class SizeElsewhere {
  std::vector<int> v_;
  size_t count() const { return v_.size(); }
  void add(int x) { v_.push_back(x); }
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: container 'SizeElsewhere::v_' grows here and nothing erases, clears or size-bounds it{{.*}} [memlint-unbounded-container-growth]
};
class CheckedAfter {
  std::vector<int> v_;
  void add(int x) {
    v_.push_back(x);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: container 'CheckedAfter::v_' grows here and nothing erases, clears or size-bounds it{{.*}} [memlint-unbounded-container-growth]
    if (v_.size() > kMax)
      return;
  }
};
class OneGuardedOneNot {
  std::vector<int> v_;
  void add(int x) {
    if (v_.size() < kMax)
      v_.push_back(x);
  }
  void force(int x) { v_.push_back(x); }
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: container 'OneGuardedOneNot::v_' grows here and nothing erases, clears or size-bounds it{{.*}} [memlint-unbounded-container-growth]
};
