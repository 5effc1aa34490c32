// RUN: %check_memlint '--checks=-*,memlint-unbounded-queue,memlint-capacity-retention,memlint-unbounded-container-growth' %s

// Queues the summaries see: consumers in templates nothing instantiates,
// in helpers and overrides, and consumers that take the whole backlog.

#include <deque>
#include <mutex>
#include <string>
#include <vector>

void send_all(const std::vector<std::string> &lines);

// A channel template: only push() is instantiated, yet pop() drains it.
template <class T> class Channel {
public:
  void push(const T &v) {
    std::lock_guard<std::mutex> lock(mutex_);
    items_.push_back(v);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: queue 'Channel::items_' is pushed here with nothing on the push path that waits for room, fails or drops when it is full [memlint-unbounded-queue]
    // CHECK-MESSAGES: :[[@LINE+13]]:17: note: 'Channel::items_' declared here
    // CHECK-MESSAGES: :[[@LINE+6]]:5: note: 'Channel::items_' is consumed here
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: 'Channel::pop' consumes it, and when producers outrun the consumer it grows without limit; {{.*}}
  }
  T pop() {
    std::lock_guard<std::mutex> lock(mutex_);
    T v = items_.front();
    items_.pop_front();
    return v;
  }

private:
  std::mutex mutex_;
  std::deque<T> items_;
};
Channel<int> g_ints;
void produce(int x) { g_ints.push(x); }

// A consumer that takes the whole backlog and then empties it drains a
// queue: unbounded-queue reports the push side, not capacity-retention the
// clear.
class Outbox {
public:
  void add(const std::string &line) {
    std::lock_guard<std::mutex> lock(mutex_);
    lines_.push_back(line);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: queue 'Outbox::lines_' is pushed here with nothing on the push path that waits for room, fails or drops when it is full [memlint-unbounded-queue]
  }
  void flush() {
    std::lock_guard<std::mutex> lock(mutex_);
    send_all(lines_);
    lines_.clear();
  }

private:
  std::mutex mutex_;
  std::vector<std::string> lines_;
};
Outbox g_outbox;

// OK: the same with a bound on the push path; and no capacity-retention,
// since a consumer takes the backlog.
class BoundedOutbox {
public:
  bool add(const std::string &line) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (lines_.size() >= 1024)
      return false;
    lines_.push_back(line);
    return true;
  }
  void flush() {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const std::string &l : lines_)
      send_all({l});
    lines_.clear();
  }

private:
  std::mutex mutex_;
  std::vector<std::string> lines_;
};
BoundedOutbox g_bounded_outbox;

// Without threads a buffer written out and emptied is no queue: it keeps
// its capacity.
class Writer {
public:
  void add(const std::string &line) { lines_.push_back(line); }
  void flush() {
    send_all(lines_);
    lines_.clear();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Writer::lines_' is emptied here but keeps the capacity of its largest fill [memlint-capacity-retention]
  }

private:
  std::vector<std::string> lines_;
};
Writer g_writer;

// The consumer in a helper of a helper.
void take_one(std::deque<int> &q) { q.pop_front(); }
void take_front(std::deque<int> &q) { take_one(q); }
class Jobs {
public:
  void submit(int job) {
    std::lock_guard<std::mutex> lock(mutex_);
    jobs_.push_back(job);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: queue 'Jobs::jobs_' is pushed here with nothing on the push path that waits for room, fails or drops when it is full [memlint-unbounded-queue]
  }
  void work() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!jobs_.empty())
      take_front(jobs_);
  }

private:
  std::mutex mutex_;
  std::deque<int> jobs_;
};
Jobs g_jobs;
