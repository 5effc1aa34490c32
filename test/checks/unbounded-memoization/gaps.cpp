// RUN: %check_memlint '--checks=-*,memlint-unbounded-memoization' %s -- -std=c++20
//
// Cases found by writing the tests from the spec (helpers, lazy slots,
// derived keys, emptying forms, template specializations, callbacks).
#include <map>
#include <string>
#include <unordered_map>

std::string fetch(const std::string &k);
long slow(long n);

class Slot {
public:
  const std::string &get(const std::string &k) {
    auto &slot = cache_[k];
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: memo cache 'Slot::cache_' gains an entry here for every distinct input{{.*}} [memlint-unbounded-memoization]
    if (slot.empty())
      slot = fetch(k);
    return slot;
  }
private:
  std::unordered_map<std::string, std::string> cache_;
};

class Num {
public:
  long get(long n) {
    long &v = memo_[n];
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: memo cache 'Num::memo_' gains an entry here for every distinct input{{.*}} [memlint-unbounded-memoization]
    if (!v)
      v = slow(n);
    return v;
  }
  long get2(long n) {
    if (memo2_[n] == 0)
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: memo cache 'Num::memo2_' gains an entry here for every distinct input{{.*}} [memlint-unbounded-memoization]
      memo2_[n] = slow(n);
    return memo2_[n];
  }
private:
  std::map<long, long> memo_;
  std::map<long, long> memo2_;
};

void remember(std::map<int, long> &m, int k, long v) { m.emplace(k, v); }
class Helper {
public:
  long get(int k) {
    auto it = memo_.find(k);
    if (it != memo_.end())
      return it->second;
    long v = slow(k);
    remember(memo_, k, v);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memo cache 'Helper::memo_' gains an entry here for every distinct input{{.*}} [memlint-unbounded-memoization]
    return v;
  }
private:
  std::map<int, long> memo_;
};

class Paths {
public:
  std::string stat(const std::string &dir, const std::string &file) {
    std::string key = dir + "/" + file;
    auto it = cache_.find(key);
    if (it != cache_.end())
      return it->second;
    std::string v = fetch(key);
    cache_.emplace(key, v);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memo cache 'Paths::cache_' gains an entry here for every distinct input{{.*}} [memlint-unbounded-memoization]
    return v;
  }
private:
  std::unordered_map<std::string, std::string> cache_;
};
