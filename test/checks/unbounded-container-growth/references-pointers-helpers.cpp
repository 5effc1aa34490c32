// RUN: %check_memlint '--checks=-*,memlint-unbounded-container-growth' %s

#include <deque>
#include <map>
#include <string>
#include <vector>

using Sink = std::vector<int>;

// Helpers that take a container by non-const reference or pointer and grow
// it: the growth is reported where they are called.
void append_to(std::vector<std::string> &out, const std::string &s) { out.push_back(s); }
void add_ptr(std::deque<int> *d, int x) { d->push_back(x); }
void bump(std::map<std::string, int> &m, const std::string &k) { m[k] += 1; }

class Registry {
public:
  void by_ref(int x) {
    auto &v = items_;
    v.push_back(x);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: container 'Registry::items_' grows here and nothing erases, clears or size-bounds it{{.*}} [memlint-unbounded-container-growth]
    // CHECK-MESSAGES: :[[@LINE+15]]:20: note: 'Registry::items_' declared here
  }
  void by_ptr(int x) {
    Sink *s = &sink_;
    s->push_back(x);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: container 'Registry::sink_' grows here and nothing erases, clears or size-bounds it{{.*}} [memlint-unbounded-container-growth]
  }
  void log(const std::string &s) { append_to(lines_, s); }
  // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: container 'Registry::lines_' grows here and nothing erases, clears or size-bounds it{{.*}} [memlint-unbounded-container-growth]
  void enqueue(int x) { add_ptr(&backlog_, x); }
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: container 'Registry::backlog_' grows here and nothing erases, clears or size-bounds it{{.*}} [memlint-unbounded-container-growth]
  void count(const std::string &k) { bump(freq_, k); }
  // CHECK-MESSAGES: :[[@LINE-1]]:38: warning: container 'Registry::freq_' grows here and nothing erases, clears or size-bounds it{{.*}} [memlint-unbounded-container-growth]

private:
  std::vector<int> items_;
  Sink sink_;
  std::vector<std::string> lines_;
  std::deque<int> backlog_;
  std::map<std::string, int> freq_;
};

// A helper called for two containers reports each at its own call.
std::vector<std::string> g_errors;
std::vector<std::string> g_warnings;
void error(const std::string &s) { append_to(g_errors, s); }
// CHECK-MESSAGES: :[[@LINE-1]]:36: warning: container 'g_errors' grows here and nothing erases, clears or size-bounds it{{.*}} [memlint-unbounded-container-growth]
void warn(const std::string &s) { append_to(g_warnings, s); }
// CHECK-MESSAGES: :[[@LINE-1]]:35: warning: container 'g_warnings' grows here and nothing erases, clears or size-bounds it{{.*}} [memlint-unbounded-container-growth]

// Near misses.

// OK: the helper takes a copy, so queue_ itself never grows.
void add_copy(std::vector<int> v, int x) { v.push_back(x); }
class Copier {
public:
  void add(int x) { add_copy(queue_, x); }

private:
  std::vector<int> queue_;
};

// OK: grown through a reference, emptied through a helper.
void reset_all(std::vector<int> &v) { v.clear(); }
class Resetter {
public:
  void add(int x) {
    auto &r = pending_;
    r.push_back(x);
  }
  void reset() { reset_all(pending_); }

private:
  std::vector<int> pending_;
};

// OK: grown through a pointer, erased through the same kind of alias.
class Pruner {
public:
  void add(int k) { by_key_[k] = k; }
  void prune(int k) {
    std::map<int, int> *m = &by_key_;
    m->erase(k);
  }

private:
  std::map<int, int> by_key_;
};

// OK: the reference aliases a local container.
int local_alias(int n) {
  std::vector<int> tmp;
  auto &r = tmp;
  for (int i = 0; i < n; ++i)
    r.push_back(i);
  return static_cast<int>(tmp.size());
}

// OK: handed by non-const reference to a function whose body is not visible.
void drain_elsewhere(std::deque<std::string> &q);
class Producer {
public:
  void produce(const std::string &s) { out_.push_back(s); }
  void hand_off() { drain_elsewhere(out_); }

private:
  std::deque<std::string> out_;
};
