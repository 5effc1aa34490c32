// RUN: %check_memlint '--checks=-*,memlint-unbounded-container-growth' %s

#include <map>
#include <set>
#include <string>
#include <vector>

// One finding per container, at its first growth site; every other growth
// site is a note after the declaration note.
class Service {
public:
  void handle(int x) {
    items_.push_back(x);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: container 'Service::items_' grows here and nothing erases, clears or size-bounds it [memlint-unbounded-container-growth]
    // CHECK-MESSAGES: :[[@LINE+9]]:20: note: 'Service::items_' declared here
    // CHECK-MESSAGES: :[[@LINE+4]]:5: note: 'Service::items_' also grows here
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: it grows for as long as its 'Service' object lives; cap it (evict or drop at a size limit) or clear it once its contents are consumed
  }
  void retry(int x) {
    items_.emplace_back(x);
  }

private:
  std::vector<int> items_;
};

class Journal {
public:
  void note(const std::string &s) {
    this->entries_.push_back(s);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: container 'Journal::entries_' grows here and nothing erases, clears or size-bounds it [memlint-unbounded-container-growth]
    // CHECK-MESSAGES: :[[@LINE+5]]:28: note: 'Journal::entries_' declared here
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: it grows for as long as its 'Journal' object lives;{{.*}}
  }

private:
  std::vector<std::string> entries_;
};

class Registry {
public:
  static void add(const std::string &name) {
    names_.insert(name);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: container 'Registry::names_' grows here and nothing erases, clears or size-bounds it [memlint-unbounded-container-growth]
    // CHECK-MESSAGES: :[[@LINE+3]]:39: note: 'Registry::names_' declared here
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: it grows for as long as the program runs; cap it (evict or drop at a size limit) or clear it once its contents are consumed
  }
  static inline std::set<std::string> names_;
};

namespace app {
std::string g_log;
void trace(const std::string &s) {
  g_log += s;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: container 'app::g_log' grows here and nothing erases, clears or size-bounds it [memlint-unbounded-container-growth]
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: 'app::g_log' declared here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: it grows for as long as the program runs;{{.*}}
}
} // namespace app

namespace {
std::vector<int> g_samples;
} // namespace
void sample(int v) {
  g_samples.push_back(v);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: container 'g_samples' grows here and nothing erases, clears or size-bounds it [memlint-unbounded-container-growth]
  // CHECK-MESSAGES: :[[@LINE-5]]:18: note: 'g_samples' declared here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: it grows for as long as the program runs;{{.*}}
}

std::map<int, int> g_hits;
void hit(int page) {
  g_hits.emplace(page, 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: container 'g_hits' grows here and nothing erases, clears or size-bounds it [memlint-unbounded-container-growth]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: it grows for as long as the program runs;{{.*}}
}

void record(int id) {
  static std::set<int> seen;
  seen.insert(id);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: container 'record::seen' grows here and nothing erases, clears or size-bounds it [memlint-unbounded-container-growth]
  // CHECK-MESSAGES: :[[@LINE-3]]:24: note: 'record::seen' declared here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: it grows for as long as the program runs;{{.*}}
}

thread_local std::vector<std::string> t_scratch;
void scribble(const std::string &s) {
  t_scratch.push_back(s);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: container 't_scratch' grows here and nothing erases, clears or size-bounds it [memlint-unbounded-container-growth]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: it grows for as long as the program runs;{{.*}}
}

class Parser {
public:
  void intern(const std::string &s) {
    static std::vector<std::string> pool;
    pool.push_back(s);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: container 'Parser::intern::pool' grows here and nothing erases, clears or size-bounds it [memlint-unbounded-container-growth]
    // CHECK-MESSAGES: :[[@LINE-3]]:37: note: 'Parser::intern::pool' declared here
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: it grows for as long as the program runs;{{.*}}
  }
};

// Near misses.

int build_local(int n) {
  std::vector<int> tmp; // OK: a local dies with its function
  for (int i = 0; i < n; ++i)
    tmp.push_back(i);
  return static_cast<int>(tmp.size());
}

class Slots {
public:
  void put(int i, int v) { slots_[static_cast<size_t>(i)] = v; } // OK: operator[] on a vector does not grow it
  int get(int i) const { return slots_.at(static_cast<size_t>(i)); }

private:
  std::vector<int> slots_ = std::vector<int>(64);
};

class Dictionary {
public:
  bool known(const std::string &w) const { return words_.count(w) != 0; } // OK: only read, never grown
  size_t size() const { return words_.size(); }

private:
  std::set<std::string> words_;
};

class Batch {
public:
  void add(int v) { rows_.push_back(v); } // OK: flush() clears it
  void flush() { rows_.clear(); }

private:
  std::vector<int> rows_;
};
