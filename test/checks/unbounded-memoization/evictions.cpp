// RUN: %check_memlint '--checks=-*,memlint-unbounded-memoization' %s -- -std=c++20

#include <chrono>
#include <cstddef>
#include <list>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>

constexpr std::size_t kMaxEntries = 4096;
long compute(int n);
std::string fetch(const std::string &key);

// Memo caches that something evicts from: none is reported.

class LruCache { // OK: LRU, evicts the least recently used entry when full
public:
  std::string get(const std::string &key) {
    auto it = index_.find(key);
    if (it != index_.end())
      return it->second;
    if (index_.size() >= kMaxEntries) {
      index_.erase(order_.back());
      order_.pop_back();
    }
    std::string v = fetch(key);
    index_.emplace(key, v);
    order_.push_front(key);
    return v;
  }

private:
  std::unordered_map<std::string, std::string> index_;
  std::list<std::string> order_;
};
LruCache g_lru;

class TtlCache { // OK: a sweep method expires old entries
public:
  std::string get(const std::string &key, long now) {
    auto it = entries_.find(key);
    if (it != entries_.end())
      return it->second.first;
    std::string v = fetch(key);
    entries_.emplace(key, std::make_pair(v, now));
    return v;
  }
  void sweep(long now) {
    std::erase_if(entries_, [now](const auto &kv) { return now - kv.second.second > 60; });
  }

private:
  std::map<std::string, std::pair<std::string, long>> entries_;
};
TtlCache g_ttl;

class IteratorSweep { // OK: a sweep method erases expired entries by iterator
public:
  long get(int k) {
    auto it = entries_.find(k);
    if (it != entries_.end())
      return it->second;
    return entries_[k] = compute(k);
  }
  void sweep() {
    for (auto it = entries_.begin(); it != entries_.end();)
      if (it->second < 0)
        it = entries_.erase(it);
      else
        ++it;
  }

private:
  std::map<int, long> entries_;
};
IteratorSweep g_sweep;

void evict_one(std::map<int, long> &m) {
  if (!m.empty())
    m.erase(m.begin());
}
class HelperEviction { // OK: a helper evicts, called on the insertion path
public:
  long get(int k) {
    auto it = memo_.find(k);
    if (it != memo_.end())
      return it->second;
    if (memo_.size() >= kMaxEntries)
      evict_one(memo_);
    long v = compute(k);
    memo_.emplace(k, v);
    return v;
  }

private:
  std::map<int, long> memo_;
};
HelperEviction g_helper_eviction;

class ArbitraryCap { // OK: drops everything at a cap (evicts arbitrarily)
public:
  long get(int k) {
    auto it = memo_.find(k);
    if (it != memo_.end())
      return it->second;
    if (memo_.size() >= kMaxEntries)
      memo_.clear();
    long v = compute(k);
    memo_.emplace(k, v);
    return v;
  }

private:
  std::unordered_map<int, long> memo_;
};
ArbitraryCap g_arbitrary;

// An erase of one named key is invalidation, not eviction: invalidation.cpp.

class StopsFilling { // OK: once full, misses are computed but not cached
public:
  long get(int k) {
    auto it = memo_.find(k);
    if (it != memo_.end())
      return it->second;
    long v = compute(k);
    if (memo_.size() < kMaxEntries)
      memo_.emplace(k, v);
    return v;
  }

private:
  std::map<int, long> memo_;
};
StopsFilling g_stops;

class Reset { // OK: the whole cache is dropped on a reload
public:
  std::string get(const std::string &k) {
    if (config_.contains(k))
      return config_.at(k);
    return config_[k] = fetch(k);
  }
  void reload() { config_ = {}; }

private:
  std::map<std::string, std::string> config_;
};
Reset g_reset;

// Not an eviction: erasing, through the iterator its lookup returned, the
// key about to be added again (a replace).
class Latest {
public:
  void put(const std::string &key, int v) {
    auto it = values_.find(key);
    if (it != values_.end())
      values_.erase(it);
    values_.emplace(key, v);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memo cache 'Latest::values_' gains an entry here for every distinct input and nothing evicts it{{.*}} [memlint-unbounded-memoization]
  }
  int get(const std::string &key) const {
    auto it = values_.find(key);
    return it == values_.end() ? 0 : it->second;
  }

private:
  std::map<std::string, int> values_;
};
Latest g_latest;

class Rotating { // OK: the iterator of another key's lookup erases that key
public:
  void put(const std::string &key, const std::string &old, int v) {
    auto it = values_.find(old);
    if (it != values_.end())
      values_.erase(it);
    values_.emplace(key, v);
  }

private:
  std::map<std::string, int> values_;
};
Rotating g_rotating;
