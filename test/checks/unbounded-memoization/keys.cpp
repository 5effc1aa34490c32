// RUN: %check_memlint '--checks=-*,memlint-unbounded-memoization' %s

#include <map>
#include <memory>
#include <string>
#include <unordered_map>

int measure(const void *p);

// Caches keyed by `this`, by a pointer or by a shared_ptr also pin their
// keys: every key object stays alive (or its address stays taken) for as
// long as the cache does.
class Widget {
public:
  int layout_width() {
    static std::unordered_map<const Widget *, int> widths;
    auto it = widths.find(this);
    if (it != widths.end())
      return it->second;
    int w = measure(this);
    widths.emplace(this, w);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memo cache 'Widget::layout_width::widths' gains an entry here for every distinct input and nothing evicts it [memlint-unbounded-memoization]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: it grows with the input for as long as the program runs, and its pointer keys keep every key object alive; bound it (LRU or TTL eviction, or a size cap that evicts)
    return w;
  }
};

struct Node {
  int id;
};
class Layout {
public:
  int height(const Node *n) {
    auto it = heights_.find(n);
    if (it != heights_.end())
      return it->second;
    int h = measure(n);
    heights_.emplace(n, h);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memo cache 'Layout::heights_' gains an entry here for every distinct input and nothing evicts it [memlint-unbounded-memoization]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: it grows with the input for as long as its 'Layout' object lives, and its pointer keys keep every key object alive;{{.*}}
    return h;
  }

private:
  std::map<const Node *, int> heights_;
};
Layout g_layout;

struct Document {
  std::string text;
};
class WordCounts {
public:
  int words(const std::shared_ptr<Document> &doc) {
    auto it = counts_.find(doc);
    if (it != counts_.end())
      return it->second;
    int n = static_cast<int>(doc->text.size());
    counts_.emplace(doc, n);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memo cache 'WordCounts::counts_' gains an entry here for every distinct input and nothing evicts it [memlint-unbounded-memoization]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: it grows with the input for as long as its 'WordCounts' object lives, and its pointer keys keep every key object alive;{{.*}}
    return n;
  }

private:
  std::map<std::shared_ptr<Document>, int> counts_;
};
WordCounts g_counts;

// Keys from a finite domain bound the cache.
enum class Level { Debug, Info, Warn, Error };
enum Color { Red, Green, Blue };

std::string level_name(Level l) { // OK: keyed by a scoped enum
  static std::map<Level, std::string> names;
  auto it = names.find(l);
  if (it != names.end())
    return it->second;
  return names[l] = std::to_string(static_cast<int>(l));
}

class Palette { // OK: keyed by an unscoped enum
public:
  int rgb(Color c) {
    auto it = rgb_.find(c);
    if (it != rgb_.end())
      return it->second;
    int v = measure(&c);
    rgb_.emplace(c, v);
    return v;
  }

private:
  std::unordered_map<Color, int> rgb_;
};
Palette g_palette;

int flag_cost(bool verbose) { // OK: keyed by bool
  static std::map<bool, int> cost;
  if (cost.count(verbose))
    return cost[verbose];
  int c = verbose ? 10 : 1;
  cost.emplace(verbose, c);
  return c;
}

// A registry keyed by a counter is no memo cache, even where one caller
// both looks it up and fills it: each entry gets a fresh id (the next
// value of the object's counter, or of a static one), which no lookup
// can have asked for before. It grows, and unbounded-container-growth
// judges it (test/checks/unbounded-container-growth/keys-loops-ctors.cpp).
// A key the caller chooses is a memo's, as above.
class Sessions { // OK here: keyed by a counter
public:
  int open(const std::string &peer) {
    int id = next_id_++;
    peers_[id] = peer;
    return id;
  }
  int adopt(const std::string &peer) {
    static int last = 0;
    peers_.emplace(++last, peer);
    return last;
  }
  std::string peer(int id) {
    auto it = peers_.find(id);
    return it == peers_.end() ? std::string() : it->second;
  }
  // A key the caller names, filled on a miss: a memo cache.
  std::string pin(int id, const std::string &peer) {
    auto it = pinned_.find(id);
    if (it != pinned_.end())
      return it->second;
    pinned_[id] = peer;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: memo cache 'Sessions::pinned_' gains an entry here for every distinct input and nothing evicts it [memlint-unbounded-memoization]
    return peer;
  }

private:
  int next_id_ = 0;
  std::map<int, std::string> peers_;
  std::map<int, std::string> pinned_;
};
Sessions g_sessions;
std::string serve(int cmd, int id, const std::string &peer) {
  if (cmd == 0)
    return std::to_string(g_sessions.open(peer) + g_sessions.adopt(peer));
  return g_sessions.peer(id) + g_sessions.pin(id, peer);
}
