// RUN: %check_memlint --real-headers '--checks=-*,memlint-unbounded-container-growth,memlint-unbounded-queue,memlint-capacity-retention,memlint-unbounded-memoization,memlint-whole-collection-load' %s -- -std=c++20

// The std pack (rules/packs/std.yaml) against the real libstdc++ headers:
// containers (through the four entity rules), container functions, the
// std::iota whole load and the std::array bounded type.
#include <algorithm>
#include <array>
#include <condition_variable>
#include <deque>
#include <list>
#include <map>
#include <mutex>
#include <numeric>
#include <queue>
#include <random>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

struct Event {
  int id;
  std::string text;
};
std::string lookup_name(int id);
void ship(const std::vector<Event> &batch);
void write_out(const std::string &s);

//===-- containers: unbounded-container-growth ----------------------------===//

class AuditLog {
public:
  void record(const Event &e) {
    trail_.push_back(e);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: container 'AuditLog::trail_' grows here and nothing erases, clears or size-bounds it{{.*}} [memlint-unbounded-container-growth]
  }
  void tag(const std::string &user, int n) {
    per_user_[user] += n; // map operator[] grows
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: container 'AuditLog::per_user_' grows here and nothing erases{{.*}} [memlint-unbounded-container-growth]
  }
  void seen(long id) {
    ids_.insert(id);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: container 'AuditLog::ids_' grows here and nothing erases{{.*}} [memlint-unbounded-container-growth]
  }
  void note(const std::string &s) {
    journal_ += s; // basic_string operator+=
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: container 'AuditLog::journal_' grows here and nothing erases{{.*}} [memlint-unbounded-container-growth]
  }
  void copy_in(const std::vector<int> &xs) {
    std::copy(xs.begin(), xs.end(), std::back_inserter(samples_)); // container function: grow
    // CHECK-MESSAGES: :[[@LINE-1]]:37: warning: container 'AuditLog::samples_' grows here and nothing erases{{.*}} [memlint-unbounded-container-growth]
  }

private:
  std::vector<Event> trail_;
  std::map<std::string, int> per_user_;
  std::set<long> ids_;
  std::string journal_;
  std::deque<int> samples_;
};
AuditLog g_audit;

// OK: erased by a container function (std::erase_if), moved out
// (std::exchange), swapped away (std::swap), popped, bounded by a size check.
class Bounded {
public:
  void add(int x) { recent_.push_back(x); }
  void expire(int limit) { std::erase_if(recent_, [limit](int v) { return v < limit; }); }

  void log(const std::string &s) { lines_.push_back(s); }
  std::vector<std::string> take() { return std::exchange(lines_, {}); }

  void stage(int x) { staged_.push_front(x); }
  void reset() {
    std::list<int> empty;
    std::swap(staged_, empty);
  }

  void hold(int x) {
    if (held_.size() >= 1024) return;
    held_.emplace(x, x);
  }

private:
  std::vector<int> recent_;
  std::vector<std::string> lines_;
  std::list<int> staged_;
  std::unordered_map<int, int> held_;
};
Bounded g_bounded;

// OK: a std::array member is bounded by its type (bounded_types).
class Histogram {
public:
  void add(unsigned bucket) { counts_[bucket % counts_.size()] += 1; }

private:
  std::array<long, 64> counts_{};
};
Histogram g_histogram;

//===-- containers: unbounded-queue ---------------------------------------===//

class Mailbox {
public:
  void post(Event e) {
    std::lock_guard<std::mutex> lock(mu_);
    inbox_.push(std::move(e));
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: queue 'Mailbox::inbox_' is pushed here with nothing on the push path that waits for room{{.*}} [memlint-unbounded-queue]
    ready_.notify_one();
  }
  Event take() {
    std::unique_lock<std::mutex> lock(mu_);
    ready_.wait(lock, [this] { return !inbox_.empty(); });
    Event e = std::move(inbox_.front());
    inbox_.pop();
    return e;
  }

private:
  std::mutex mu_;
  std::condition_variable ready_;
  std::queue<Event> inbox_;
};
Mailbox g_mailbox;

// OK: the producer waits for room.
class BoundedMailbox {
public:
  void post(Event e) {
    std::unique_lock<std::mutex> lock(mu_);
    room_.wait(lock, [this] { return inbox_.size() < 256; });
    inbox_.push_back(std::move(e));
  }
  Event take() {
    std::lock_guard<std::mutex> lock(mu_);
    Event e = std::move(inbox_.front());
    inbox_.pop_front();
    room_.notify_one();
    return e;
  }

private:
  std::mutex mu_;
  std::condition_variable room_;
  std::deque<Event> inbox_;
};
BoundedMailbox g_bounded_mailbox;

//===-- containers: capacity-retention ------------------------------------===//

class Batcher {
public:
  void add(const Event &e) { batch_.push_back(e); }
  void flush() {
    ship(batch_);
    batch_.clear();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Batcher::batch_' is emptied here but keeps the capacity of its largest fill{{.*}} [memlint-capacity-retention]
  }

private:
  std::vector<Event> batch_;
};
Batcher g_batcher;

// OK: swapped with an empty vector after a burst; a std::deque (not
// contiguous in the pack) frees its blocks.
class ReleasingBatcher {
public:
  void add(const Event &e) { batch_.push_back(e); }
  void flush() {
    ship(batch_);
    std::vector<Event>().swap(batch_);
  }
  void buffer(const std::string &s) { pending_.push_back(s); }
  void drop() { pending_.clear(); }

private:
  std::vector<Event> batch_;
  std::deque<std::string> pending_;
};
ReleasingBatcher g_releasing;

//===-- containers: unbounded-memoization ---------------------------------===//

class NameCache {
public:
  const std::string &name(int id) {
    auto it = names_.find(id);
    if (it != names_.end())
      return it->second;
    return names_.emplace(id, lookup_name(id)).first->second;
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: memo cache 'NameCache::names_' gains an entry here for every distinct input and nothing evicts it{{.*}} [memlint-unbounded-memoization]
  }

private:
  std::unordered_map<int, std::string> names_;
};
NameCache g_names;

// OK: a memo that evicts when full.
class CappedNameCache {
public:
  const std::string &name(int id) {
    auto it = names_.find(id);
    if (it != names_.end())
      return it->second;
    if (names_.size() >= 4096)
      names_.clear();
    return names_.emplace(id, lookup_name(id)).first->second;
  }

private:
  std::unordered_map<int, std::string> names_;
};
CappedNameCache g_capped_names;

//===-- whole_loads: std::iota --------------------------------------------===//

long long sum_of_indices(std::size_t n) {
  std::vector<long long> idx(n);
  std::iota(idx.begin(), idx.end(), 0LL);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: {{.*}}'std::iota'{{.*}} [memlint-whole-collection-load]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: {{.*}}iterate the values directly (a counting loop, or std::views::iota in C++20) instead of storing them all
  long long s = 0;
  for (long long i : idx)
    s += i;
  return s;
}

// OK: the sequence is needed whole (shuffled), or has a constant length.
std::vector<int> permutation(std::size_t n, std::mt19937 &rng) {
  std::vector<int> p(n);
  std::iota(p.begin(), p.end(), 0);
  std::shuffle(p.begin(), p.end(), rng);
  return p;
}
int sum_small() {
  std::vector<int> t(16);
  std::iota(t.begin(), t.end(), 1);
  int s = 0;
  for (int v : t)
    s += v;
  return s;
}
