// RUN: %check_memlint --real-headers '--checks=-*,memlint-large-copy-into-send,memlint-unbounded-queue,memlint-unbounded-container-growth' %s -- -std=c++20

// The threading pack (rules/packs/threading.yaml) against the real
// libstdc++ headers: thread, jthread, async, promise and packaged_task sends
// through large-copy-into-send; counting_semaphore as backpressure; thread,
// jthread and async as callables (what a thread's callable owns is
// long-lived: unbounded-container-growth); atomic_flag::test_and_set,
// atomic exchange and getAndSet as run-once guards (what only they reach is
// setup: unbounded-container-growth is silent).
#include <atomic>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <semaphore>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

struct Row {
  long id;
  std::string name;
};
void process(const std::vector<Row> &rows);
long total(const std::vector<Row> &rows);

//===-- sends: large-copy-into-send ---------------------------------------===//

void spawn(const std::vector<Row> &rows) {
  std::thread t(process, rows);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'rows' (a 'std::vector<Row>') is copied whole into the thread [memlint-large-copy-into-send]
  // CHECK-MESSAGES: :[[@LINE-2]]:15: note: it is copied by 'std::thread::thread', which copies its arguments even when the callee takes a reference;{{.*}}
  t.join();
}

void spawn_jthread(const std::vector<Row> &rows) {
  std::jthread t([rows] { process(rows); });
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'rows' (a 'std::vector<Row>') is copied whole into the thread [memlint-large-copy-into-send]
  // CHECK-MESSAGES: :[[@LINE-2]]:16: note: it is copied by the lambda passed to 'std::jthread::jthread', which captures it by value;{{.*}}
}

long fan_out(const std::vector<Row> &all) {
  std::vector<std::future<long>> parts;
  for (int shard = 0; shard < 4; ++shard)
    parts.push_back(std::async(std::launch::async, [all] { return total(all); }));
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'all' (a 'std::vector<Row>') is copied whole into each of the 4 tasks this loop starts [memlint-large-copy-into-send]
  // CHECK-MESSAGES: :[[@LINE-2]]:21: note: it is copied by the lambda passed to 'std::async'{{.*}}
  long sum = 0;
  for (auto &p : parts)
    sum += p.get();
  return sum;
}

void fulfil(std::promise<std::vector<Row>> &p, const std::vector<Row> &rows) {
  p.set_value(rows);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'rows' (a 'std::vector<Row>') is copied whole into the shared state [memlint-large-copy-into-send]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: it is copied by 'std::promise::set_value', which copies an lvalue;{{.*}}
}

std::future<long> deferred(const std::vector<Row> &rows) {
  std::packaged_task<long()> task([rows] { return total(rows); });
  // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: 'rows' (a 'std::vector<Row>') is copied whole into the task [memlint-large-copy-into-send]
  // CHECK-MESSAGES: :[[@LINE-2]]:30: note: it is copied by the lambda passed to 'std::packaged_task::packaged_task'{{.*}}
  std::future<long> f = task.get_future();
  std::thread(std::move(task)).detach();
  return f;
}

// OK: by reference and joined here, moved in, a shared immutable snapshot,
// a prvalue, a small argument.
void by_ref(const std::vector<Row> &rows) {
  std::thread t(process, std::cref(rows));
  t.join();
}
void moved(std::vector<Row> rows, std::promise<std::vector<Row>> &p) {
  std::vector<Row> copy = rows;
  std::jthread t([rows = std::move(rows)] { process(rows); });
  p.set_value(std::move(copy));
}
long shared(std::vector<Row> rows) {
  auto snap = std::make_shared<const std::vector<Row>>(std::move(rows));
  std::vector<std::future<long>> parts;
  for (int shard = 0; shard < 4; ++shard)
    parts.push_back(std::async(std::launch::async, [snap] { return total(*snap); }));
  long sum = 0;
  for (auto &p : parts)
    sum += p.get();
  return sum;
}
std::vector<Row> load();
void fresh() {
  std::thread t(process, load());
  t.join();
  int shard = 3;
  std::thread u([shard] { (void)shard; });
  u.join();
}

//===-- backpressure: counting_semaphore on the push path -----------------===//

class Outbox {
public:
  void send(std::string msg) {
    std::lock_guard<std::mutex> lock(mu_);
    pending_.push_back(std::move(msg));
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: queue 'Outbox::pending_' is pushed here with nothing on the push path that waits for room{{.*}} [memlint-unbounded-queue]
  }
  std::string next() {
    std::lock_guard<std::mutex> lock(mu_);
    std::string m = std::move(pending_.front());
    pending_.pop_front();
    return m;
  }

private:
  std::mutex mu_;
  std::deque<std::string> pending_;
};
Outbox g_outbox;

// OK: the producer acquires a slot first (or drops when none is free).
class BoundedOutbox {
public:
  void send(std::string msg) {
    slots_.acquire();
    std::lock_guard<std::mutex> lock(mu_);
    pending_.push_back(std::move(msg));
  }
  bool try_send(std::string msg) {
    if (!slots_.try_acquire())
      return false;
    std::lock_guard<std::mutex> lock(mu_);
    pending_.push_back(std::move(msg));
    return true;
  }
  std::string next() {
    std::lock_guard<std::mutex> lock(mu_);
    std::string m = std::move(pending_.front());
    pending_.pop_front();
    slots_.release();
    return m;
  }

private:
  std::counting_semaphore<256> slots_{256};
  std::mutex mu_;
  std::deque<std::string> pending_;
};
BoundedOutbox g_bounded_outbox;

//===-- callables: a thread owns its callable -----------------------------===//

// A thread keeps its callable (and what it captured) for as long as it
// runs: a set the thread's loop fills is unbounded growth, as a member
// would be. The same lambda called in place is a local.
struct Feed {
  bool next(long &id);
};
void dedupe(Feed &feed) {
  std::thread t([seen = std::set<long>(), &feed]() mutable {
    long id;
    while (feed.next(id))
      seen.insert(id);
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: container 'dedupe::<lambda>::seen' grows here and nothing erases, clears or size-bounds it [memlint-unbounded-container-growth]
      // CHECK-MESSAGES: :[[@LINE-5]]:18: note: 'dedupe::<lambda>::seen' declared here
      // CHECK-MESSAGES: :[[@LINE-3]]:7: note: it grows for as long as the lambda that owns it is kept{{.*}}
  });
  t.join();
}
void dedupe_jthread(Feed &feed) {
  std::jthread t([seen = std::set<long>(), &feed]() mutable {
    long id;
    while (feed.next(id))
      seen.insert(id);
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: container 'dedupe_jthread::<lambda>::seen' grows here and nothing erases, clears or size-bounds it [memlint-unbounded-container-growth]
      // CHECK-MESSAGES: :[[@LINE-5]]:19: note: 'dedupe_jthread::<lambda>::seen' declared here
      // CHECK-MESSAGES: :[[@LINE-3]]:7: note: it grows for as long as the lambda that owns it is kept{{.*}}
  });
}
long dedupe_async(Feed &feed) {
  auto count = std::async(std::launch::async, [seen = std::set<long>(), &feed]() mutable {
    long id;
    while (feed.next(id))
      seen.insert(id);
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: container 'dedupe_async::<lambda>::seen' grows here and nothing erases, clears or size-bounds it [memlint-unbounded-container-growth]
      // CHECK-MESSAGES: :[[@LINE-5]]:48: note: 'dedupe_async::<lambda>::seen' declared here
      // CHECK-MESSAGES: :[[@LINE-3]]:7: note: it grows for as long as the lambda that owns it is kept{{.*}}
    return static_cast<long>(seen.size());
  });
  return count.get();
}
// OK: called here, the lambda and its set live as long as this call.
long dedupe_here(Feed &feed) {
  auto count = [seen = std::set<long>(), &feed]() mutable {
    long id;
    while (feed.next(id))
      seen.insert(id);
    return static_cast<long>(seen.size());
  };
  return count();
}

//===-- test_and_set: run-once guards -------------------------------------===//

// Each start() tests and sets its flag in one step, so the workers it starts
// are set up once, however often start() is called: the growth it guards is
// setup (low confidence, not shown). Without the pack's entry each of these
// would be reported like Restarter's below.
class Pool {
public:
  void start(int n) {
    if (!started_.exchange(true)) // std::atomic<bool>: std::atomic::exchange
      start_workers(n);
  }

private:
  void start_workers(int n) {
    for (int i = 0; i < n; ++i)
      workers_.push_back(i);
  }
  std::atomic<bool> started_{false};
  std::vector<int> workers_;
};
Pool g_pool;

class Dispatcher {
public:
  void start(int n) {
    // std::atomic<int>: libstdc++'s std::__atomic_base::exchange.
    if (state_.exchange(1))
      return;
    for (int i = 0; i < n; ++i)
      queues_.push_back(i);
  }

private:
  std::atomic<int> state_{0};
  std::vector<int> queues_;
};
Dispatcher g_dispatcher;

class Logger {
public:
  void open(int n) {
    if (!opened_.test_and_set()) // std::atomic_flag: always sets
      for (int i = 0; i < n; ++i)
        sinks_.push_back(i);
  }

private:
  std::atomic_flag opened_ = ATOMIC_FLAG_INIT;
  std::vector<int> sinks_;
};
Logger g_logger;

// A library's atomic wrapper (muduo's AtomicIntegerT): getAndSet stores its
// argument and returns the old value.
class AtomicInt {
public:
  int getAndSet(int v) { return value_.exchange(v); }

private:
  std::atomic<int> value_{0};
};
class Server {
public:
  void start(int n) {
    if (started_.getAndSet(1) == 0)
      for (int i = 0; i < n; ++i)
        loops_.push_back(i);
  }

private:
  AtomicInt started_;
  std::vector<int> loops_;
};
Server g_server;

// No guard: every start() grows the list again.
class Restarter {
public:
  void start(int n) {
    for (int i = 0; i < n; ++i)
      workers_.push_back(i);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: container 'Restarter::workers_' grows here{{.*}} [memlint-unbounded-container-growth]
    // CHECK-MESSAGES: :[[@LINE-2]]:7: note: it grows once per call of 'Restarter::start' (reached from a loop in 'restart_loop')
  }

private:
  std::vector<int> workers_;
};
Restarter g_restarter;
void restart_loop(std::atomic<bool> &stop) {
  while (!stop)
    g_restarter.start(4);
}

// Near miss: exchange(false) clears the flag, it sets nothing; whatever runs
// when it was set runs again after the next resume().
class Pauser {
public:
  void resume() { paused_ = true; }
  void drain(int n) {
    if (paused_.exchange(false))
      for (int i = 0; i < n; ++i)
        drained_.push_back(i);
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: container 'Pauser::drained_' grows here{{.*}} [memlint-unbounded-container-growth]
  }

private:
  std::atomic<bool> paused_{false};
  std::vector<int> drained_;
};
Pauser g_pauser;
