// RUN: %check_memlint --real-headers '--checks=-*,memlint-unbounded-container-growth,memlint-unbounded-queue,memlint-capacity-retention,memlint-unbounded-memoization' %s

// The abseil pack (rules/packs/abseil.yaml) against the real Abseil LTS
// 2022-06-23 headers (libabsl-dev; everything is in the inline namespace
// absl::lts_20220623): hash tables, B-trees and InlinedVector through
// unbounded-container-growth, unbounded-queue and unbounded-memoization, and
// as near misses of capacity-retention.
#include <absl/container/btree_map.h>
#include <absl/container/btree_set.h>
#include <absl/container/fixed_array.h>
#include <absl/container/flat_hash_map.h>
#include <absl/container/flat_hash_set.h>
#include <absl/container/inlined_vector.h>
#include <absl/container/node_hash_map.h>

#include <cstdint>
#include <mutex>
#include <string>

std::string resolve(const std::string &host);
void ship(const absl::InlinedVector<int, 8> &batch);

//===-- containers: unbounded-container-growth ----------------------------===//

class Registry {
public:
  void add(const std::string &name, int id) {
    by_name_[name] = id;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: container 'Registry::by_name_' grows here and nothing erases, clears or size-bounds it{{.*}} [memlint-unbounded-container-growth]
  }
  void seen(std::uint64_t h) {
    hashes_.insert(h);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: container 'Registry::hashes_' grows here and nothing erases{{.*}} [memlint-unbounded-container-growth]
  }
  void order(long ts, const std::string &ev) {
    timeline_.emplace(ts, ev);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: container 'Registry::timeline_' grows here and nothing erases{{.*}} [memlint-unbounded-container-growth]
  }
  void tag(int t) {
    tags_.push_back(t);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: container 'Registry::tags_' grows here and nothing erases{{.*}} [memlint-unbounded-container-growth]
  }

private:
  absl::flat_hash_map<std::string, int> by_name_;
  absl::flat_hash_set<std::uint64_t> hashes_;
  absl::btree_multimap<long, std::string> timeline_;
  absl::InlinedVector<int, 4> tags_;
};
Registry g_registry;

// OK: erased by key, trimmed from the front at a size limit, a FixedArray
// (its size is set once).
class Sessions {
public:
  void open(int id, const std::string &user) { open_.try_emplace(id, user); }
  void close(int id) { open_.erase(id); }
  void event(long ts) {
    if (recent_.size() >= 1000)
      recent_.erase(recent_.begin());
    recent_.insert(ts);
  }
  void bump(std::size_t i) { counters_[i % counters_.size()] += 1; }

private:
  absl::node_hash_map<int, std::string> open_;
  absl::btree_set<long> recent_;
  absl::FixedArray<long> counters_{64};
};
Sessions g_sessions;

//===-- containers: unbounded-queue ---------------------------------------===//

class Pending {
public:
  void push(int job) {
    std::lock_guard<std::mutex> lock(mu_);
    jobs_.push_back(job);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: queue 'Pending::jobs_' is pushed here with nothing on the push path that waits for room{{.*}} [memlint-unbounded-queue]
  }
  // The whole backlog taken at once (a pop_back would make it a stack).
  absl::InlinedVector<int, 16> take_all() {
    absl::InlinedVector<int, 16> out;
    std::lock_guard<std::mutex> lock(mu_);
    out.swap(jobs_);
    return out;
  }

private:
  std::mutex mu_;
  absl::InlinedVector<int, 16> jobs_;
};
Pending g_pending;

//===-- containers: capacity-retention ------------------------------------===//

// OK: no Abseil container keeps a burst's capacity when cleared, so none is
// `contiguous` in the pack: InlinedVector::clear() frees its heap storage,
// and the hash tables free theirs past 127 slots.
class Batch {
public:
  void add(int v) { items_.push_back(v); }
  void flush() {
    ship(items_);
    items_.clear();
  }
  void mark(int v) { marks_.insert(v); }
  void reset() { marks_.clear(); }

private:
  absl::InlinedVector<int, 8> items_;
  absl::flat_hash_set<int> marks_;
};
Batch g_batch;

//===-- containers: unbounded-memoization ---------------------------------===//

class Resolver {
public:
  const std::string &address(const std::string &host) {
    auto it = cache_.find(host);
    if (it != cache_.end())
      return it->second;
    return cache_.emplace(host, resolve(host)).first->second;
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: memo cache 'Resolver::cache_' gains an entry here for every distinct input and nothing evicts it{{.*}} [memlint-unbounded-memoization]
  }

private:
  absl::flat_hash_map<std::string, std::string> cache_;
};
Resolver g_resolver;

// OK: a memo that is reset when it reaches its cap.
class CappedResolver {
public:
  const std::string &address(const std::string &host) {
    auto it = cache_.find(host);
    if (it != cache_.end())
      return it->second;
    if (cache_.size() >= 10000)
      cache_.clear();
    return cache_.emplace(host, resolve(host)).first->second;
  }

private:
  absl::btree_map<std::string, std::string> cache_;
};
CappedResolver g_capped_resolver;
