// RUN: %check_memlint '--checks=-*,memlint-unbounded-memoization' %s

#include <functional>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>

long compute(int n);
std::string fetch(const std::string &key);

// typedef and using aliases of the cache type.
using PathCache = std::unordered_map<std::string, std::string>;
typedef std::map<int, long> LongMemo;
template <class V> using ByName = std::map<std::string, V>;

class Resolver {
public:
  std::string canonical(const std::string &p) {
    auto it = paths_.find(p);
    if (it != paths_.end())
      return it->second;
    std::string c = fetch(p);
    paths_.emplace(p, c);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memo cache 'Resolver::paths_' gains an entry here for every distinct input and nothing evicts it{{.*}} [memlint-unbounded-memoization]
    return c;
  }
  long cost(int n) {
    if (costs_.count(n))
      return costs_.at(n);
    long c = compute(n);
    costs_[n] = c;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memo cache 'Resolver::costs_' gains an entry here for every distinct input and nothing evicts it{{.*}} [memlint-unbounded-memoization]
    return c;
  }
  int weight(const std::string &name) {
    auto it = weights_.find(name);
    if (it != weights_.end())
      return it->second;
    int w = static_cast<int>(name.size());
    weights_.emplace(name, w);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memo cache 'Resolver::weights_' gains an entry here for every distinct input and nothing evicts it{{.*}} [memlint-unbounded-memoization]
    return w;
  }

private:
  PathCache paths_;
  LongMemo costs_;
  ByName<int> weights_;
};
Resolver g_resolver;

// A generic memoizer: judged through its instantiations, reported once.
template <class K, class V> class Memoized {
public:
  explicit Memoized(std::function<V(const K &)> f) : f_(std::move(f)) {}
  const V &operator()(const K &key) {
    auto it = cache_.find(key);
    if (it != cache_.end())
      return it->second;
    return cache_.emplace(key, f_(key)).first->second;
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: memo cache 'Memoized::cache_' gains an entry here for every distinct input and nothing evicts it [memlint-unbounded-memoization]
    // CHECK-MESSAGES: :[[@LINE-2]]:12: note: it grows with the input for as long as its 'Memoized' object lives;{{.*}}
  }

private:
  std::function<V(const K &)> f_;
  std::map<K, V> cache_;
};
long slow_square(const int &n) { return compute(n) * n; }
std::string slow_lookup(const std::string &k) { return fetch(k); }
Memoized<int, long> g_squares(slow_square);
Memoized<std::string, std::string> g_lookups(slow_lookup);
long use_memoized(int n, const std::string &k) { return g_squares(n) + static_cast<long>(g_lookups(k).size()); }

// The cache type is a template parameter.
template <class Map> class Keyed {
public:
  long get(int k) {
    auto it = m_.find(k);
    if (it != m_.end())
      return it->second;
    long v = compute(k);
    m_.emplace(k, v);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memo cache 'Keyed::m_' gains an entry here for every distinct input and nothing evicts it{{.*}} [memlint-unbounded-memoization]
    return v;
  }

private:
  Map m_;
};
Keyed<std::unordered_map<int, long>> g_keyed;
long use_keyed(int k) { return g_keyed.get(k); }

// A cache reached through a wrapper struct: the entity is the wrapper's field.
struct Cache {
  std::unordered_map<std::string, std::string> entries;
};
class Dns {
public:
  std::string lookup(const std::string &host) {
    auto it = cache_.entries.find(host);
    if (it != cache_.entries.end())
      return it->second;
    std::string ip = fetch(host);
    cache_.entries.emplace(host, ip);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memo cache 'Cache::entries' gains an entry here for every distinct input and nothing evicts it [memlint-unbounded-memoization]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: it grows with the input for as long as its 'Cache' object lives;{{.*}}
    return ip;
  }

private:
  Cache cache_;
};
Dns g_dns;

// A cache reached through a local reference or pointer.
class Thumbnails {
public:
  std::string small(const std::string &img) {
    auto &cache = small_;
    auto it = cache.find(img);
    if (it != cache.end())
      return it->second;
    std::string t = fetch(img);
    cache.emplace(img, t);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memo cache 'Thumbnails::small_' gains an entry here for every distinct input and nothing evicts it{{.*}} [memlint-unbounded-memoization]
    return t;
  }
  std::string large(const std::string &img) {
    std::map<std::string, std::string> *cache = &large_;
    auto it = cache->find(img);
    if (it != cache->end())
      return it->second;
    std::string t = fetch(img);
    cache->emplace(img, t);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memo cache 'Thumbnails::large_' gains an entry here for every distinct input and nothing evicts it{{.*}} [memlint-unbounded-memoization]
    return t;
  }

private:
  std::map<std::string, std::string> small_;
  std::map<std::string, std::string> large_;
};
Thumbnails g_thumbnails;

// A cache in a base class, used through a derived class.
class CachingBase {
protected:
  long cached(int k) {
    auto it = memo_.find(k);
    if (it != memo_.end())
      return it->second;
    long v = compute(k);
    memo_.emplace(k, v);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memo cache 'CachingBase::memo_' gains an entry here for every distinct input and nothing evicts it{{.*}} [memlint-unbounded-memoization]
    return v;
  }

private:
  std::map<int, long> memo_;
};
class TaxTable : public CachingBase {
public:
  long tax(int cents) { return cached(cents); }
};
TaxTable g_tax;
