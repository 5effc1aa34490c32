// RUN: %check_memlint '--checks=-*,memlint-unbounded-memoization' %s -- -std=c++20

#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>

long compute(int n);
std::string fetch(const std::string &key);

// A static local looked up by the input and filled on a miss: the cache
// gains an entry for every distinct input and never loses one. One finding,
// at the insertion, with notes at the declaration and the lookup.
long fib(int n) {
  static std::map<int, long> memo;
  auto it = memo.find(n);
  if (it != memo.end())
    return it->second;
  long v = n < 2 ? n : fib(n - 1) + fib(n - 2);
  memo.emplace(n, v);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: memo cache 'fib::memo' gains an entry here for every distinct input and nothing evicts it [memlint-unbounded-memoization]
  // CHECK-MESSAGES: :[[@LINE-7]]:30: note: 'fib::memo' declared here
  // CHECK-MESSAGES: :[[@LINE-7]]:13: note: 'fib::memo' is looked up here
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: it grows with the input for as long as the program runs; bound it (LRU or TTL eviction, or a size cap that evicts)
  return v;
}

// A member: count, then operator[]. The operator[] behind the count only
// reads a key that is there; the one after it fills the cache.
class UserDirectory {
public:
  std::string display_name(const std::string &id) {
    if (names_.count(id))
      return names_[id];
    std::string v = fetch(id);
    names_[id] = v;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memo cache 'UserDirectory::names_' gains an entry here for every distinct input and nothing evicts it [memlint-unbounded-memoization]
    // CHECK-MESSAGES: :[[@LINE+7]]:48: note: 'UserDirectory::names_' declared here
    // CHECK-MESSAGES: :[[@LINE-6]]:9: note: 'UserDirectory::names_' is looked up here
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: it grows with the input for as long as its 'UserDirectory' object lives; bound it (LRU or TTL eviction, or a size cap that evicts)
    return v;
  }

private:
  std::unordered_map<std::string, std::string> names_;
};
UserDirectory g_users;

// A namespace-scope cache: contains, then insert_or_assign.
namespace geo {
std::map<std::string, std::string> g_country_of;
std::string country(const std::string &ip) {
  if (g_country_of.contains(ip))
    return g_country_of.at(ip);
  std::string c = fetch(ip);
  g_country_of.insert_or_assign(ip, c);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: memo cache 'geo::g_country_of' gains an entry here for every distinct input and nothing evicts it [memlint-unbounded-memoization]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: it grows with the input for as long as the program runs;{{.*}}
  return c;
}
} // namespace geo

// try_emplace whose result says whether the entry is new.
class Templates {
public:
  const std::string &compiled(const std::string &src) {
    auto [it, fresh] = cache_.try_emplace(src);
    // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: memo cache 'Templates::cache_' gains an entry here for every distinct input and nothing evicts it{{.*}} [memlint-unbounded-memoization]
    if (fresh)
      it->second = fetch(src);
    return it->second;
  }

private:
  std::unordered_map<std::string, std::string> cache_;
};
Templates g_templates;

// insert whose result is used, after a lookup.
class Interner {
public:
  const std::string &intern(const std::string &s) {
    auto it = pool_.find(s);
    if (it != pool_.end())
      return *it;
    return *pool_.insert(s).first;
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: memo cache 'Interner::pool_' gains an entry here for every distinct input and nothing evicts it{{.*}} [memlint-unbounded-memoization]
  }

private:
  std::unordered_set<std::string> pool_;
};
Interner g_interner;

// A thread_local cache lives as long as its thread, usually the program.
std::string normalized(const std::string &path) {
  thread_local std::unordered_map<std::string, std::string> memo;
  auto it = memo.find(path);
  if (it != memo.end())
    return it->second;
  return memo[path] = fetch(path);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: memo cache 'normalized::memo' gains an entry here for every distinct input and nothing evicts it [memlint-unbounded-memoization]
  // CHECK-MESSAGES: :[[@LINE-2]]:10: note: it grows with the input for as long as the program runs;{{.*}}
}

// A static data member.
class Prices {
public:
  static long price(int sku) {
    auto it = by_sku_.find(sku);
    if (it != by_sku_.end())
      return it->second;
    long p = compute(sku);
    by_sku_.emplace(sku, p);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memo cache 'Prices::by_sku_' gains an entry here for every distinct input and nothing evicts it [memlint-unbounded-memoization]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: it grows with the input for as long as the program runs;{{.*}}
    return p;
  }

private:
  static inline std::map<int, long> by_sku_;
};

// A set of inputs already handled (contains, then insert).
class Deduper {
public:
  bool first_time(const std::string &event_id) {
    if (seen_.contains(event_id))
      return false;
    seen_.insert(event_id);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memo cache 'Deduper::seen_' gains an entry here for every distinct input and nothing evicts it{{.*}} [memlint-unbounded-memoization]
    return true;
  }

private:
  std::set<std::string> seen_;
};
Deduper g_deduper;

// Clearing in the destructor evicts nothing while the object lives.
class Session {
public:
  ~Session() { tokens_.clear(); }
  long token(int user) {
    auto it = tokens_.find(user);
    if (it != tokens_.end())
      return it->second;
    long t = compute(user);
    tokens_.emplace(user, t);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memo cache 'Session::tokens_' gains an entry here for every distinct input and nothing evicts it{{.*}} [memlint-unbounded-memoization]
    return t;
  }

private:
  std::map<int, long> tokens_;
};
Session g_session;
