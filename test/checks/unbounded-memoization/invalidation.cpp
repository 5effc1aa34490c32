// RUN: %check_memlint '--checks=-*,memlint-unbounded-memoization' %s

#include <map>
#include <string>
#include <unordered_map>

std::string fetch(const std::string &key);
long compute(int n);

// An erase of the one key a caller names (an invalidate or remove API) is
// invalidation: entries nobody invalidates stay forever. Still reported,
// with a note naming the invalidation.
class Pages {
public:
  std::string render(const std::string &page) {
    auto it = pages_.find(page);
    if (it != pages_.end())
      return it->second;
    return pages_.try_emplace(page, fetch(page)).first->second;
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: memo cache 'Pages::pages_' gains an entry here for every distinct input and nothing evicts it [memlint-unbounded-memoization]
    // CHECK-MESSAGES: :[[@LINE-5]]:15: note: 'Pages::pages_' is looked up here
    // CHECK-MESSAGES: :[[@LINE+3]]:45: note: 'Pages::on_change' drops only the entry its caller names: invalidation, not eviction
    // CHECK-MESSAGES: :[[@LINE-4]]:12: note: it grows with the input for as long as its 'Pages' object lives{{.*}}
  }
  void on_change(const std::string &page) { pages_.erase(page); }

private:
  std::unordered_map<std::string, std::string> pages_;
};
Pages g_pages;

// OK: eviction. A sweep erases by iterator in a loop; a cap erases the
// oldest key when the cache is full.
class Swept {
public:
  long get(int k) {
    auto it = memo_.find(k);
    if (it != memo_.end())
      return it->second;
    return memo_[k] = compute(k);
  }
  void sweep(long limit) {
    for (auto it = memo_.begin(); it != memo_.end();)
      if (it->second > limit)
        it = memo_.erase(it);
      else
        ++it;
  }

private:
  std::map<int, long> memo_;
};
Swept g_swept;

class Capped {
public:
  long get(int k) {
    auto it = memo_.find(k);
    if (it != memo_.end())
      return it->second;
    if (memo_.size() > 1000)
      memo_.erase(memo_.begin());
    return memo_[k] = compute(k);
  }

private:
  std::map<int, long> memo_;
};
Capped g_capped;
