// RUN: %check_memlint '--checks=-*,memlint-unbounded-*,memlint-capacity-retention' %s

#include <map>
#include <string>
#include <unordered_map>

std::string fetch(const std::string &key);

// Only the most specific rule reports an entity: a memo cache is
// unbounded-memoization's, not unbounded-container-growth's.
class Profiles {
public:
  std::string get(const std::string &id) {
    auto it = by_id_.find(id);
    if (it != by_id_.end())
      return it->second;
    std::string p = fetch(id);
    by_id_.emplace(id, p);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memo cache 'Profiles::by_id_' gains an entry here{{.*}} [memlint-unbounded-memoization]
    return p;
  }

private:
  std::unordered_map<std::string, std::string> by_id_;
};
Profiles g_profiles;

// OK: a memo cache cleared at a cap is bounded for every rule (and a map
// keeps no capacity).
class Capped {
public:
  std::string get(const std::string &id) {
    auto it = by_id_.find(id);
    if (it != by_id_.end())
      return it->second;
    if (by_id_.size() > 1000)
      by_id_.clear();
    return by_id_[id] = fetch(id);
  }

private:
  std::map<std::string, std::string> by_id_;
};
Capped g_capped;

// A map that grows without being looked up first is not a memo cache:
// unbounded-container-growth reports it.
class Visits {
public:
  void visit(const std::string &page) {
    counts_[page] += 1;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: container 'Visits::counts_' grows here{{.*}} [memlint-unbounded-container-growth]
  }
  int count(const std::string &page) const {
    auto it = counts_.find(page);
    return it == counts_.end() ? 0 : it->second;
  }

private:
  std::map<std::string, int> counts_;
};
Visits g_visits;
