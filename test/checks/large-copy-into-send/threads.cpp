// RUN: %check_memlint '--checks=-*,memlint-large-copy-into-send' %s

#include <array>
#include <deque>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

struct Row {
  long id;
  std::string name;
};
struct Job {
  std::vector<Row> rows;
  int shard;
};
struct Small {
  int a, b;
};
struct Big {
  char bytes[8192];
};

void process(const std::vector<Row> &rows);
long sum(const std::vector<Row> &rows, std::size_t begin, std::size_t end);

// Positives.

// std::thread decay-copies its arguments, even into a const& parameter.
void spawn(const std::vector<Row> &rows) {
  std::thread t(process, rows);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'rows' (a 'std::vector<Row>') is copied whole into the thread [memlint-large-copy-into-send]
  // CHECK-MESSAGES: :[[@LINE-3]]:36: note: 'rows' declared here
  // CHECK-MESSAGES: :[[@LINE-3]]:15: note: it is copied by 'std::thread::thread', which copies its arguments even when the callee takes a reference; share one immutable copy (std::shared_ptr<const T>), pass it by reference (std::cref) and join in this scope, or std::move it if it is not needed afterwards
  t.join();
}

// A fan-out: the same vector captured by value into each task.
long fan_out(const std::vector<Row> &all) {
  std::vector<std::future<long>> parts;
  for (std::size_t s = 0; s < 4; ++s)
    parts.push_back(std::async(std::launch::async, [all, s] { return sum(all, s, s + 1); }));
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'all' (a 'std::vector<Row>') is copied whole into each of the 4 tasks this loop starts [memlint-large-copy-into-send]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: this loop copies it once per iteration
  // CHECK-MESSAGES: :[[@LINE-3]]:21: note: it is copied by the lambda passed to 'std::async', which captures it by value;{{.*}}
  long total = 0;
  for (auto &p : parts) total += p.get();
  return total;
}

// A fan-out with a run-time worker count, and a struct holding a vector.
void workers(const Job &job, unsigned n) {
  std::vector<std::thread> threads;
  for (unsigned i = 0; i < n; ++i)
    threads.emplace_back([job, i] { process(job.rows); (void)i; });
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'job' (a 'Job') is copied whole into every queued task this loop starts (one copy per iteration) [memlint-large-copy-into-send]
  // CHECK-MESSAGES: :[[@LINE-2]]:5: note: it is copied by the lambda passed to 'threads.emplace_back', which captures it by value;{{.*}}
  for (auto &t : threads) t.join();
}

// [=] capturing a container and a reference to one.
void implicit(const std::vector<Row> &rows) {
  const std::vector<Row> &alias = rows;
  auto f = std::async([=] { process(alias); });
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'alias' (a 'std::vector<Row>') is copied whole into the task [memlint-large-copy-into-send]
  // CHECK-MESSAGES: :[[@LINE-2]]:12: note: it is copied by the lambda passed to 'std::async', which captures it by value ([=]);{{.*}}
  f.get();
}

// An init-capture copying a member, and [*this].
class Service {
public:
  void snapshot() {
    std::thread([backlog = history_] { (void)backlog.size(); }).detach();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Service::history_' (a 'std::deque<std::string>') is copied whole into the thread [memlint-large-copy-into-send]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: it is copied by the lambda passed to 'std::thread::thread', whose capture 'backlog' copies it;{{.*}}
    std::thread([*this] { (void)history_.size(); }).detach();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: '*this' (a 'Service') is copied whole into the thread [memlint-large-copy-into-send]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: it is copied by the lambda passed to 'std::thread::thread', which captures '*this' by value;{{.*}}
  }

private:
  std::deque<std::string> history_;
};

// promise::set_value of an lvalue copies it.
void fulfil(std::promise<std::vector<Row>> &p, const std::vector<Row> &rows) {
  p.set_value(rows);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'rows' (a 'std::vector<Row>') is copied whole into the shared state [memlint-large-copy-into-send]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: it is copied by 'std::promise::set_value', which copies an lvalue;{{.*}}
}

// A closure variable copied into a thread copies its captures.
void closure(std::vector<Row> rows) {
  auto task = [rows] { process(rows); };
  std::thread t(task);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'rows' (a 'std::vector<Row>') is copied whole into the thread{{.*}} [memlint-large-copy-into-send]
  t.join();
}

// Big trivially copyable data, over the threshold.
void big_message(const Big &b) {
  std::thread t([b] { (void)b.bytes[0]; });
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'b' (a 'Big') is copied whole into the thread{{.*}} [memlint-large-copy-into-send]
  t.join();
}

// In a template, through its instantiation.
template <typename C> void each_thread(const C &data, int n) {
  for (int i = 0; i < n; ++i)
    std::thread([data] { (void)data.size(); }).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'data' (a 'std::map<int, {{.*}}>') is copied whole into every thread this loop starts (one copy per iteration){{.*}} [memlint-large-copy-into-send]
}
template void each_thread<std::map<int, std::string>>(const std::map<int, std::string> &, int);

// Near misses.

// OK: std::cref, and the thread is joined in this scope.
void by_ref(const std::vector<Row> &rows) {
  std::thread t(process, std::cref(rows));
  t.join();
}

// OK: moved in, or captured by moving.
void moved(std::vector<Row> rows, std::vector<Row> more) {
  std::thread t(process, std::move(rows));
  std::thread u([m = std::move(more)] { process(m); });
  t.join();
  u.join();
}

// OK: shared_ptr<const T> copies a pointer.
void shared(std::shared_ptr<const std::vector<Row>> rows, int n) {
  for (int i = 0; i < n; ++i)
    std::thread([rows] { process(*rows); }).detach();
}

// OK: captured by reference and joined in the same scope.
void ref_capture(const std::vector<Row> &rows) {
  std::thread t([&rows] { process(rows); });
  t.join();
}

// OK: a pointer and an index range.
void ranges(const std::vector<Row> &rows) {
  const Row *base = rows.data();
  std::size_t n = rows.size();
  std::thread t([base, n] { (void)base[n - 1]; });
  t.join();
}

// OK: small trivially copyable messages, a small known-size vector, a
// short string.
void small(Small s) {
  std::vector<int> four(4);
  std::string tag = "worker";
  std::thread t([s, four, tag] { (void)s.a; (void)four.size(); (void)tag.size(); });
  t.join();
}

// OK: a prvalue.
std::vector<Row> load();
void prvalue() {
  std::thread t(process, load());
  t.join();
}

// OK: std::array below the threshold.
void fixed(const std::array<int, 16> &a) {
  std::thread t([a] { (void)a[0]; });
  t.join();
}

// OK: set_value of a moved value.
void fulfil_moved(std::promise<std::vector<Row>> &p, std::vector<Row> rows) { p.set_value(std::move(rows)); }
