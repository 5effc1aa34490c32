// RUN: %check_memlint %s -- -std=c++20

#include <deque>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

// Only the most specific rule reports an entity. A container that the
// growing function also looks up by its input is a memo cache:
// unbounded-memoization reports it, unbounded-container-growth stays silent.
class Fib { // OK: memo cache (find, then insert)
  std::map<int, long> memo_;

public:
  long fib(int n) {
    auto it = memo_.find(n);
    if (it != memo_.end())
      return it->second;
    long v = n < 2 ? n : fib(n - 1) + fib(n - 2);
    memo_[n] = v;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memo cache 'Fib::memo_' gains an entry here for every distinct input and nothing evicts it{{.*}} [memlint-unbounded-memoization]
    return v;
  }
};
class Resolver { // OK: memo cache (count, then emplace)
  std::unordered_map<std::string, std::string> cache_;

public:
  std::string resolve(const std::string &host) {
    if (cache_.count(host))
      return cache_.at(host);
    std::string ip = "10.0.0." + std::to_string(host.size());
    cache_.emplace(host, ip);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memo cache 'Resolver::cache_' gains an entry here for every distinct input and nothing evicts it{{.*}} [memlint-unbounded-memoization]
    return ip;
  }
};
class Seen { // OK: memo cache (contains, then insert)
  std::set<std::string> seen_;

public:
  bool first_time(const std::string &k) {
    if (seen_.contains(k))
      return false;
    seen_.insert(k);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memo cache 'Seen::seen_' gains an entry here for every distinct input and nothing evicts it{{.*}} [memlint-unbounded-memoization]
    return true;
  }
};

// Popped by a consumer: unbounded-queue reports it. Cleared once consumed:
// only capacity-retention can report it. Both are bounds for
// unbounded-container-growth.
class Jobs { // OK: popped by the consumer
  std::deque<int> jobs_;

public:
  void submit(int j) { jobs_.push_back(j); }
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: queue 'Jobs::jobs_' is pushed here with nothing on the push path that waits for room, fails or drops when it is full [memlint-unbounded-queue]
  // CHECK-MESSAGES: :[[@LINE-2]]:24: note: 'Jobs::run_one' consumes it{{.*}}
  void run_one() {
    if (!jobs_.empty())
      jobs_.pop_front();
  }
};
class Frame { // OK: cleared once consumed
  std::vector<char> bytes_;

public:
  void feed(char c) { bytes_.push_back(c); }
  void consumed() { bytes_.clear(); }
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'Frame::bytes_' is emptied here but keeps the capacity of its largest fill{{.*}} [memlint-capacity-retention]
};

// Near misses: looked up, but not where it grows.
class Index {
  std::map<int, std::string> by_id_;

public:
  bool has(int id) const { return by_id_.count(id) != 0; }
  void add(int id, const std::string &v) { by_id_[id] = v; }
  // CHECK-MESSAGES: :[[@LINE-1]]:44: warning: container 'Index::by_id_' grows here and nothing erases, clears or size-bounds it{{.*}} [memlint-unbounded-container-growth]
};
class Audit {
  std::set<int> allowed_;
  std::vector<int> log_;

public:
  void record(int user) {
    if (allowed_.count(user))
      log_.push_back(user);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: container 'Audit::log_' grows here and nothing erases, clears or size-bounds it{{.*}} [memlint-unbounded-container-growth]
  }
  void allow(int user) {
    if (allowed_.size() < 64)
      allowed_.insert(user);
  }
};
