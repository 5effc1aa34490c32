// RUN: %check_memlint '--checks=-*,memlint-unbounded-memoization,memlint-unbounded-container-growth' %s

// Memo caches the summaries see: the lookup in one helper and the insert in
// another, and caches that a lambda owns.

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

std::string render(const std::string &name);

// The lookup and the insert in different helpers of one call chain.
class Templates {
public:
  std::string get(const std::string &name) {
    if (std::optional<std::string> hit = find(name))
      return *hit;
    std::string page = render(name);
    store(name, page);
    return page;
  }

private:
  std::optional<std::string> find(const std::string &name) {
    auto it = cache_.find(name);
    if (it == cache_.end())
      return std::nullopt;
    return it->second;
  }
  void store(const std::string &name, const std::string &page) {
    cache_.emplace(name, page);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memo cache 'Templates::cache_' gains an entry here for every distinct input and nothing evicts it [memlint-unbounded-memoization]
    // CHECK-MESSAGES: :[[@LINE+3]]:38: note: 'Templates::cache_' declared here
    // CHECK-MESSAGES: :[[@LINE-9]]:15: note: 'Templates::cache_' is looked up here, in 'Templates::find'
  }
  std::map<std::string, std::string> cache_;
};
Templates g_templates;

// OK: the same, with the eviction in a helper of a helper.
class Pages {
public:
  std::string get(const std::string &name) {
    if (std::optional<std::string> hit = find(name))
      return *hit;
    std::string page = render(name);
    store(name, page);
    return page;
  }

private:
  std::optional<std::string> find(const std::string &name) {
    auto it = cache_.find(name);
    if (it == cache_.end())
      return std::nullopt;
    return it->second;
  }
  void store(const std::string &name, const std::string &page) {
    if (cache_.size() > 1000)
      trim();
    cache_.emplace(name, page);
  }
  void trim() { evict_all(); }
  void evict_all() { cache_.clear(); }
  std::map<std::string, std::string> cache_;
};
Pages g_pages;

// OK: looked up by one caller, filled by an unrelated one: a table, not a
// memo (and it is unbounded-container-growth's to judge).
class Names {
public:
  bool known(int id) const { return names_.count(id) != 0; }
  void learn(int id, const std::string &n) { names_[id] = n; }
  // CHECK-MESSAGES: :[[@LINE-1]]:46: warning: container 'Names::names_' grows here and nothing erases, clears or size-bounds it [memlint-unbounded-container-growth]

private:
  std::map<int, std::string> names_;
};
Names g_names;

int cost(int k);

// A cache the lambda owns (an init-capture), stored in a member.
class Pricer {
public:
  Pricer() {
    price_ = [cache = std::map<int, int>()](int k) mutable {
      auto it = cache.find(k);
      if (it != cache.end())
        return it->second;
      int v = cost(k);
      cache.emplace(k, v);
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: memo cache 'Pricer::Pricer::<lambda>::cache' gains an entry here for every distinct input and nothing evicts it [memlint-unbounded-memoization]
      // CHECK-MESSAGES: :[[@LINE-7]]:15: note: 'Pricer::Pricer::<lambda>::cache' declared here
      // CHECK-MESSAGES: :[[@LINE-7]]:17: note: 'Pricer::Pricer::<lambda>::cache' is looked up here
      // CHECK-MESSAGES: :[[@LINE-4]]:7: note: it grows with the input for as long as the lambda that owns it is kept; bound it (LRU or TTL eviction, or a size cap that evicts)
      return v;
    };
  }
  int price(int k) { return price_(k); }

private:
  std::function<int(int)> price_;
};
Pricer g_pricer;

// A captured shared_ptr to a map, the closure kept in a static.
std::function<int(int)> &memo_cost() {
  static std::function<int(int)> fn = [memo = std::make_shared<std::map<int, int>>()](int k) {
    auto it = memo->find(k);
    if (it != memo->end())
      return it->second;
    int v = cost(k);
    (*memo)[k] = v;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memo cache 'memo_cost::<lambda>::memo' gains an entry here for every distinct input and nothing evicts it [memlint-unbounded-memoization]
    return v;
  };
  return fn;
}

// OK: the closure is a local that dies with the call.
int sum_costs(int n) {
  auto cached = [cache = std::map<int, int>()](int k) mutable {
    auto it = cache.find(k);
    if (it != cache.end())
      return it->second;
    int v = cost(k);
    cache.emplace(k, v);
    return v;
  };
  int total = 0;
  for (int i = 0; i < n; ++i)
    total += cached(i % 7);
  return total;
}
