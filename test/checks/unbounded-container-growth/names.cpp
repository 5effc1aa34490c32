// RUN: %check_memlint '--checks=-*,memlint-unbounded-container-growth' %s

#include <deque>
#include <map>
#include <set>
#include <string>
#include <vector>

// Members are named Class::field, nested classes by their full class path,
// with no namespaces.
class Outer {
public:
  class Inner {
  public:
    void add(int x) { items_.push_back(x); }
    // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: container 'Outer::Inner::items_' grows here and nothing erases, clears or size-bounds it [memlint-unbounded-container-growth]
    // CHECK-MESSAGES: :[[@LINE+10]]:22: note: 'Outer::Inner::items_' declared here
    // CHECK-MESSAGES: :[[@LINE-3]]:23: note: it grows for as long as its {{.*}} object lives;{{.*}}
    void stash(const std::string &s) {
      static std::vector<std::string> pending;
      pending.push_back(s);
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: container 'Outer::Inner::stash::pending' grows here and nothing erases, clears or size-bounds it [memlint-unbounded-container-growth]
      // CHECK-MESSAGES: :[[@LINE-2]]:7: note: it grows for as long as the program runs;{{.*}}
    }

  private:
    std::vector<int> items_;
  };
};

namespace store {
class Cart {
public:
  void add(const std::string &sku) { lines_.push_back(sku); }
  // CHECK-MESSAGES: :[[@LINE-1]]:38: warning: container 'Cart::lines_' grows here and nothing erases, clears or size-bounds it [memlint-unbounded-container-growth]
  // CHECK-MESSAGES: :[[@LINE-2]]:38: note: it grows for as long as its 'Cart' object lives;{{.*}}

private:
  std::vector<std::string> lines_;
};

// Static locals are named after the function's unqualified name.
void touch(int id) {
  static std::set<int> touched;
  touched.insert(id);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: container 'touch::touched' grows here{{.*}} [memlint-unbounded-container-growth]
  // CHECK-MESSAGES: :[[@LINE-3]]:24: note: 'touch::touched' declared here
}
} // namespace store

// Namespace-scope variables carry their named namespaces; anonymous ones are
// left out.
namespace net {
namespace {
std::deque<int> g_backlog;
} // namespace
void backlog(int fd) { g_backlog.push_back(fd); }
// CHECK-MESSAGES: :[[@LINE-1]]:24: warning: container 'net::g_backlog' grows here{{.*}} [memlint-unbounded-container-growth]
// CHECK-MESSAGES: :[[@LINE-4]]:17: note: 'net::g_backlog' declared here
} // namespace net

namespace a {
namespace b {
std::map<std::string, int> g_ids;
} // namespace b
} // namespace a
void assign_id(const std::string &k, int v) { a::b::g_ids.emplace(k, v); }
// CHECK-MESSAGES: :[[@LINE-1]]:47: warning: container 'a::b::g_ids' grows here{{.*}} [memlint-unbounded-container-growth]

// Near misses.

namespace store {
class Basket { // OK: emptied at checkout
public:
  void add(const std::string &sku) { lines_.push_back(sku); }
  void checkout() { lines_.clear(); }

private:
  std::vector<std::string> lines_;
};
} // namespace store

int lookup(int i) {
  static const std::vector<int> kTable = {1, 2, 3, 5, 8}; // OK: never grown
  return kTable[static_cast<size_t>(i) % kTable.size()];
}

// One macro expansion that grows two containers: two findings at the one
// position, each naming its container.
#define RECORD_BOTH(a, b, v) ((a).push_back(v), (b).push_back(v))
class Twins {
public:
  void add(const std::string &s) { RECORD_BOTH(left_, right_, s); }
  // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: container 'Twins::left_' grows here{{.*}} [memlint-unbounded-container-growth]
  // CHECK-MESSAGES: :[[@LINE-2]]:36: warning: container 'Twins::right_' grows here{{.*}} [memlint-unbounded-container-growth]

private:
  std::vector<std::string> left_;
  std::vector<std::string> right_;
};
