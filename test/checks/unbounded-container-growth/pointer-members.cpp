// RUN: %check_memlint '--checks=-*,memlint-unbounded-container-growth' %s

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

// A container the class owns through a raw pointer member is the
// container itself: what `names_->push_back(s)` and `(*index_)[k]` do is
// done to it. `names_ = new ...` builds it (no clear), wherever it is;
// `delete names_` in the destructor tears it down.
class Names {
public:
  Names() { names_ = new std::vector<std::string>(); }
  ~Names() { delete names_; }
  void add(const std::string &s) { names_->push_back(s); }
  // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: container 'Names::names_' grows here and nothing erases, clears or size-bounds it [memlint-unbounded-container-growth]
  // CHECK-MESSAGES: :[[@LINE+3]]:29: note: 'Names::names_' declared here

private:
  std::vector<std::string> *names_;
};

class Index {
public:
  ~Index() { delete index_; }
  void put(const std::string &k, int v) { (*index_)[k] = v; }
  // CHECK-MESSAGES: :[[@LINE-1]]:43: warning: container 'Index::index_' grows here and nothing erases, clears or size-bounds it [memlint-unbounded-container-growth]

private:
  std::map<std::string, int> *index_ = new std::map<std::string, int>();
};

// Allocated lazily, on first use: still its construction, not a clear.
class Seen {
public:
  void see(int id) {
    if (!seen_)
      seen_ = new std::set<int>();
    seen_->insert(id);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: container 'Seen::seen_' grows here and nothing erases, clears or size-bounds it [memlint-unbounded-container-growth]
  }

private:
  std::set<int> *seen_ = nullptr;
};

// A smart pointer given its container by a helper of the constructor (a
// builder): its construction, not a clear.
class Smart {
public:
  Smart() { Init(); }
  void add(int x) { items_->push_back(x); }
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: container 'Smart::items_' grows here and nothing erases, clears or size-bounds it [memlint-unbounded-container-growth]

private:
  void Init() { items_.reset(new std::vector<int>()); }
  std::unique_ptr<std::vector<int>> items_;
};

// Near misses.

// OK: deleted and allocated again: what it held is gone.
class Resettable {
public:
  Resettable() : names_(new std::vector<std::string>()) {}
  ~Resettable() { delete names_; }
  void add(const std::string &s) { names_->push_back(s); }
  void reset() {
    delete names_;
    names_ = new std::vector<std::string>();
  }

private:
  std::vector<std::string> *names_;
};

// OK: the member points to a container another object owns; it is judged
// where it lives, and there it is handed to this object, which empties it.
class Sink {
public:
  explicit Sink(std::vector<int> *out) : out_(out) {}
  void add(int x) { out_->push_back(x); }
  void flush() { out_->clear(); }

private:
  std::vector<int> *out_;
};

class Collector {
public:
  Collector() : sink_(&results_) {}
  void record(int x) { results_.push_back(x); }

private:
  std::vector<int> results_;
  Sink sink_;
};

// OK: its address is handed out, so anything may be stored into it.
void create(std::vector<int> **out);
class Created {
public:
  Created() { create(&items_); }
  void add(int x) { items_->push_back(x); }

private:
  std::vector<int> *items_;
};

// OK: an array of containers is not one container.
class Rows {
public:
  Rows() : rows_(new std::vector<int>[8]) {}
  ~Rows() { delete[] rows_; }
  void add(int x) { rows_->push_back(x); }

private:
  std::vector<int> *rows_;
};

// OK: a smart pointer's own methods: reset() outside the object's
// construction destroys what it held; release() hands it to the caller.
class SmartReset {
public:
  SmartReset() : items_(new std::vector<int>()) {}
  void add(int x) { items_->push_back(x); }
  void clear() { items_.reset(new std::vector<int>()); }

private:
  std::unique_ptr<std::vector<int>> items_;
};

class SmartRelease {
public:
  SmartRelease() : items_(new std::vector<int>()) {}
  void add(int x) { items_->push_back(x); }
  std::vector<int> *take() { return items_.release(); }

private:
  std::unique_ptr<std::vector<int>> items_;
};
