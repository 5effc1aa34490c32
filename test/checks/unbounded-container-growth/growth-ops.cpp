// RUN: %check_memlint '--checks=-*,memlint-unbounded-container-growth' %s

#include <algorithm>
#include <deque>
#include <forward_list>
#include <iterator>
#include <list>
#include <map>
#include <queue>
#include <set>
#include <stack>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

// Every growing call of every container model.
class Adaptors {
public:
  void send(int m) { outbox_.push(m); }
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: container 'Adaptors::outbox_' grows here and nothing erases, clears or size-bounds it{{.*}} [memlint-unbounded-container-growth]
  void edit(int e) { undo_.emplace(e); }
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: container 'Adaptors::undo_' grows here and nothing erases, clears or size-bounds it{{.*}} [memlint-unbounded-container-growth]
  void arm(long t) { timers_.push(t); }
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: container 'Adaptors::timers_' grows here and nothing erases, clears or size-bounds it{{.*}} [memlint-unbounded-container-growth]

private:
  std::queue<int> outbox_;
  std::stack<int> undo_;
  std::priority_queue<long, std::vector<long>, std::greater<long>> timers_;
};

class Sequences {
public:
  void a(int v) { recent_.push_front(v); }
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: container 'Sequences::recent_' grows here and nothing erases, clears or size-bounds it{{.*}} [memlint-unbounded-container-growth]
  void b(int v) { events_.emplace_front(v); }
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: container 'Sequences::events_' grows here and nothing erases, clears or size-bounds it{{.*}} [memlint-unbounded-container-growth]
  void c(int v) { links_.push_front(v); }
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: container 'Sequences::links_' grows here and nothing erases, clears or size-bounds it{{.*}} [memlint-unbounded-container-growth]
  void d(const std::vector<int> &more) { all_.insert(all_.end(), more.begin(), more.end()); }
  // CHECK-MESSAGES: :[[@LINE-1]]:42: warning: container 'Sequences::all_' grows here and nothing erases, clears or size-bounds it{{.*}} [memlint-unbounded-container-growth]
  void e(int v) { mid_.emplace(mid_.begin(), v); }
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: container 'Sequences::mid_' grows here and nothing erases, clears or size-bounds it{{.*}} [memlint-unbounded-container-growth]

private:
  std::deque<int> recent_;
  std::list<int> events_;
  std::forward_list<int> links_;
  std::vector<int> all_;
  std::vector<int> mid_;
};

class Keyed {
public:
  void a(const std::string &k, int v) { by_name_.try_emplace(k, v); }
  // CHECK-MESSAGES: :[[@LINE-1]]:41: warning: container 'Keyed::by_name_' grows here and nothing erases, clears or size-bounds it{{.*}} [memlint-unbounded-container-growth]
  void b(const std::string &k, int v) { values_.insert_or_assign(k, v); }
  // CHECK-MESSAGES: :[[@LINE-1]]:41: warning: container 'Keyed::values_' grows here and nothing erases, clears or size-bounds it{{.*}} [memlint-unbounded-container-growth]
  void c(const std::string &k) { counts_[k] += 1; }
  // CHECK-MESSAGES: :[[@LINE-1]]:34: warning: container 'Keyed::counts_' grows here and nothing erases, clears or size-bounds it{{.*}} [memlint-unbounded-container-growth]
  void d(int k, int v) { totals_[k] = v; }
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: container 'Keyed::totals_' grows here and nothing erases, clears or size-bounds it{{.*}} [memlint-unbounded-container-growth]
  void e(int k, int v) { routes_.insert({k, v}); }
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: container 'Keyed::routes_' grows here and nothing erases, clears or size-bounds it{{.*}} [memlint-unbounded-container-growth]
  void f(const std::string &t) { topics_.emplace(t); }
  // CHECK-MESSAGES: :[[@LINE-1]]:34: warning: container 'Keyed::topics_' grows here and nothing erases, clears or size-bounds it{{.*}} [memlint-unbounded-container-growth]
  void g(int v) { tags_.insert(v); }
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: container 'Keyed::tags_' grows here and nothing erases, clears or size-bounds it{{.*}} [memlint-unbounded-container-growth]
  void h(int k, int v) { peers_.emplace(k, v); }
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: container 'Keyed::peers_' grows here and nothing erases, clears or size-bounds it{{.*}} [memlint-unbounded-container-growth]

private:
  std::map<std::string, int> by_name_;
  std::map<std::string, int> values_;
  std::unordered_map<std::string, int> counts_;
  std::map<int, int> totals_;
  std::multimap<int, int> routes_;
  std::unordered_set<std::string> topics_;
  std::multiset<int> tags_;
  std::unordered_multimap<int, int> peers_;
};

class Text {
public:
  void a(const std::string &s) { body_.append(s); }
  // CHECK-MESSAGES: :[[@LINE-1]]:34: warning: container 'Text::body_' grows here and nothing erases, clears or size-bounds it{{.*}} [memlint-unbounded-container-growth]
  void b(const std::string &s) { trail_ = trail_ + s + "\n"; }
  // CHECK-MESSAGES: :[[@LINE-1]]:34: warning: container 'Text::trail_' grows here and nothing erases, clears or size-bounds it{{.*}} [memlint-unbounded-container-growth]
  void c(char ch) { chars_.push_back(ch); }
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: container 'Text::chars_' grows here and nothing erases, clears or size-bounds it{{.*}} [memlint-unbounded-container-growth]
  std::string shout() const { return body_ + "!"; } // OK: operator+ builds a new string; body_ is not grown
  void label(const std::string &prefix, const std::string &s) { status_ = prefix + s; } // OK: status_ is replaced, not appended to

private:
  std::string body_;
  std::string trail_;
  std::string chars_;
  std::string status_;
};

class Inserters {
public:
  void a(const std::vector<int> &in) {
    std::copy(in.begin(), in.end(),
              std::back_inserter(sink_));
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: container 'Inserters::sink_' grows here and nothing erases, clears or size-bounds it{{.*}} [memlint-unbounded-container-growth]
  }
  void b(const std::vector<int> &in) {
    std::copy(in.begin(), in.end(),
              std::front_inserter(front_));
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: container 'Inserters::front_' grows here and nothing erases, clears or size-bounds it{{.*}} [memlint-unbounded-container-growth]
  }
  void c(const std::vector<int> &in) {
    std::copy(in.begin(), in.end(),
              std::inserter(uniq_, uniq_.end()));
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: container 'Inserters::uniq_' grows here and nothing erases, clears or size-bounds it{{.*}} [memlint-unbounded-container-growth]
  }
  std::vector<int> copy_out() const {
    std::vector<int> out; // OK: a local grown through back_inserter
    std::copy(sink_.begin(), sink_.end(), std::back_inserter(out));
    return out;
  }
  void prepare(size_t n) { spare_.reserve(n); } // OK: reserve neither grows nor bounds; spare_ never grows

private:
  std::vector<int> sink_;
  std::deque<int> front_;
  std::set<int> uniq_;
  std::vector<int> spare_;
};
