// RUN: %check_memlint '--checks=-*,memlint-unbounded-container-growth' %s

// Whole-program summaries in one translation unit (a closed world, so the
// clang-tidy plugin decides the same): containers reached through
// accessors, elements, member pointers, helper chains and virtual calls.

#include <deque>
#include <map>
#include <memory>
#include <string>
#include <vector>

// A Meyers singleton: the accessor hands out the static local.
std::map<std::string, int> &hits() {
  static std::map<std::string, int> counts;
  return counts;
}
void on_request(const std::string &path) {
  hits()[path] += 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: container 'hits::counts' grows here and nothing erases, clears or size-bounds it [memlint-unbounded-container-growth]
  // CHECK-MESSAGES: :[[@LINE-6]]:37: note: 'hits::counts' declared here
}

// OK: the same shape, cleared through the accessor elsewhere.
std::map<std::string, int> &sessions() {
  static std::map<std::string, int> open;
  return open;
}
void on_login(const std::string &user) { sessions()[user] = 1; }
void on_logout(const std::string &user) { sessions().erase(user); }

// An accessor to a member, used through a local reference.
class Store {
public:
  std::vector<std::string> &items() { return items_; }

private:
  std::vector<std::string> items_;
};
Store g_store;
void remember(const std::string &s) {
  auto &v = g_store.items();
  v.push_back(s);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: container 'Store::items_' grows here and nothing erases, clears or size-bounds it [memlint-unbounded-container-growth]
}

// An element of a long-lived container grows the container.
class Topics {
public:
  void publish(const std::string &topic, const std::string &msg) {
    by_topic_[topic].push_back(msg);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: container 'Topics::by_topic_' grows here and nothing erases, clears or size-bounds it [memlint-unbounded-container-growth]
  }

private:
  std::map<std::string, std::vector<std::string>> by_topic_;
};
Topics g_topics;

// OK: each topic's backlog is consumed.
class Mailboxes {
public:
  void post(int box, int msg) { boxes_[box].push_back(msg); }
  int take(int box) {
    int m = boxes_[box].front();
    boxes_[box].pop_front();
    return m;
  }

private:
  std::map<int, std::deque<int>> boxes_;
};
Mailboxes g_mailboxes;

// Through a pointer to a data member.
class Ledger {
public:
  void add(int amount) { (this->*(amount < 0 ? &Ledger::debits_ : &Ledger::credits_)).push_back(amount); }
  // Two containers grow at one position: one finding each.
  // CHECK-MESSAGES: :[[@LINE-2]]:26: warning: container 'Ledger::credits_' grows here and nothing erases, clears or size-bounds it [memlint-unbounded-container-growth]
  // CHECK-MESSAGES: :[[@LINE-3]]:26: warning: container 'Ledger::debits_' grows here and nothing erases, clears or size-bounds it [memlint-unbounded-container-growth]

private:
  std::vector<int> credits_, debits_;
};
Ledger g_ledger;

// A helper chain three calls deep.
void pop_one(std::deque<int> &q) { q.pop_front(); }
void drop_oldest(std::deque<int> &q) { pop_one(q); }
void shrink(std::deque<int> &q) {
  if (q.size() > 100)
    drop_oldest(q);
}
size_t count_of(const std::deque<int> &q) { return q.size(); }
void inspect(std::deque<int> &q) { (void)count_of(q); }
void audit(std::deque<int> &q) { inspect(q); }
class Recorder {
public:
  void record(int x) {
    trimmed_.push_back(x); // OK: shrink() -> drop_oldest() -> pop_one() evicts
    shrink(trimmed_);
    audited_.push_back(x);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: container 'Recorder::audited_' grows here and nothing erases, clears or size-bounds it [memlint-unbounded-container-growth]
    audit(audited_);
  }

private:
  std::deque<int> trimmed_, audited_;
};
Recorder g_recorder;

// Recursion: the fixpoint ends, the growth is found.
void fill(std::vector<int> &v, int n) {
  if (n > 0) {
    v.push_back(n);
    fill(v, n - 1);
  }
}
class Sieve {
public:
  void run(int n) {
    fill(primes_, n);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: container 'Sieve::primes_' grows here and nothing erases, clears or size-bounds it [memlint-unbounded-container-growth]
    // CHECK-MESSAGES: :[[@LINE+5]]:20: note: 'Sieve::primes_' declared here
    // CHECK-MESSAGES: :[[@LINE-10]]:5: note: 'Sieve::primes_' is grown here by 'fill'
  }

private:
  std::vector<int> primes_;
};
Sieve g_sieve;

// A virtual hook: what the overrides do to the container happens to it.
class Evictor {
public:
  virtual ~Evictor() = default;
  virtual void make_room(std::vector<int> &v) = 0;
};
class DropFirst : public Evictor {
public:
  void make_room(std::vector<int> &v) override {
    if (!v.empty())
      v.erase(v.begin());
  }
};
class Watcher {
public:
  virtual ~Watcher() = default;
  virtual void saw(std::vector<int> &v) = 0;
};
class CountOnly : public Watcher {
public:
  void saw(std::vector<int> &v) override { seen_ += v.size(); }

private:
  size_t seen_ = 0;
};
class Window {
public:
  Window() : evictor_(new DropFirst), watcher_(new CountOnly) {}
  void add(int x) {
    bounded_.push_back(x); // OK: the only override of make_room() erases
    evictor_->make_room(bounded_);
    watched_.push_back(x);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: container 'Window::watched_' grows here and nothing erases, clears or size-bounds it [memlint-unbounded-container-growth]
    watcher_->saw(watched_);
  }

private:
  std::unique_ptr<Evictor> evictor_;
  std::unique_ptr<Watcher> watcher_;
  std::vector<int> bounded_, watched_;
};
Window g_window;

// OK: a class template whose clear() nothing instantiates still bounds it.
template <class T> class Batch {
public:
  void add(const T &t) { items_.push_back(t); }
  void reset() { items_.clear(); }

private:
  std::vector<T> items_;
};
Batch<int> g_batch;
void batch(int x) { g_batch.add(x); }
