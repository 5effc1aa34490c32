// RUN: %check_memlint '--checks=-*,memlint-large-copy-into-send' %s

// A container of threads grown in place: emplace_back(f, args...) and
// emplace(pos, f, args...) construct the std::thread inside the library, so
// no constructor call is seen in the source. The grow method's forwarded
// pack is the constructor's argument list (the std pack says emplace_back
// grows; the threading pack says std::thread's constructor is a send), and
// the thread decay-copies each argument as if it were constructed here.
#include <deque>
#include <functional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

struct Row {
  long id;
  std::string name;
};
struct Small {
  int a, b;
};

void process(const std::vector<Row> &rows);
void work(unsigned shard, const std::vector<Row> &rows);
void tiny(Small s);

// Positives.

void fan_out(const std::vector<Row> &rows, unsigned n) {
  std::vector<std::thread> threads;
  for (unsigned i = 0; i < n; ++i)
    threads.emplace_back(work, i, rows);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'rows' (a 'std::vector<Row>') is copied whole into every thread this loop starts (one copy per iteration) [memlint-large-copy-into-send]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: this loop copies it once per iteration
  // CHECK-MESSAGES: :[[@LINE-6]]:38: note: 'rows' declared here
  // CHECK-MESSAGES: :[[@LINE-4]]:5: note: it is copied by 'threads.emplace_back', which constructs a 'std::thread' from its arguments, copying them even when the callee takes a reference; share one immutable copy (std::shared_ptr<const T>), pass it by reference (std::cref) and join in this scope, or std::move it if it is not needed afterwards
  for (auto &t : threads) t.join();
}

// emplace at a position, and a deque of jthreads.
void positions(const std::vector<Row> &rows) {
  std::vector<std::thread> threads;
  threads.emplace(threads.begin(), process, rows);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'rows' (a 'std::vector<Row>') is copied whole into the thread [memlint-large-copy-into-send]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: it is copied by 'threads.emplace', which constructs a 'std::thread' from its arguments{{.*}}
  std::deque<std::jthread> pool;
  pool.emplace_back(process, rows);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'rows' (a 'std::vector<Row>') is copied whole into the thread [memlint-large-copy-into-send]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: it is copied by 'pool.emplace_back', which constructs a 'std::jthread' from its arguments{{.*}}
  for (auto &t : threads) t.join();
}

// A member container of threads; the local is not used again: std::move.
class Workers {
public:
  void start(unsigned shard) {
    std::vector<Row> rows(static_cast<std::size_t>(shard) * 1000);
    threads_.emplace_back(work, shard, rows);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'rows' (a 'std::vector<Row>') is copied whole into the thread [memlint-large-copy-into-send]
    // CHECK-MESSAGES: :[[@LINE-3]]:22: note: 'rows' declared here
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: it is copied by 'Workers::threads_.emplace_back'{{.*}}
    // CHECK-FIXES: threads_.emplace_back(work, shard, std::move(rows));
  }
  ~Workers() {
    for (auto &t : threads_) t.join();
  }

private:
  std::vector<std::thread> threads_;
};

// Near misses.

// OK: shared by reference, moved, or a prvalue.
std::vector<Row> load();
void handed(std::vector<Row> rows, std::vector<Row> more) {
  std::vector<std::thread> threads;
  threads.emplace_back(process, std::cref(rows));
  threads.emplace_back(process, std::move(more));
  threads.emplace_back(process, load());
  for (auto &t : threads) t.join();
}

// OK: small arguments.
void small(Small s, unsigned n) {
  std::vector<std::thread> threads;
  for (unsigned i = 0; i < n; ++i)
    threads.emplace_back(tiny, s);
  for (auto &t : threads) t.join();
}

// OK: the elements are not threads: a copy into a local container.
std::size_t copies(const std::vector<Row> &rows) {
  std::vector<std::vector<Row>> snapshots;
  snapshots.emplace_back(rows);
  return snapshots.size();
}

// OK: push_back of a thread built here is judged at its construction; a
// moved thread copies nothing.
void built(std::vector<std::thread> &threads, std::thread t) {
  threads.push_back(std::move(t));
}
