// RUN: %check_memlint '--checks=-*,memlint-unbounded-queue' %s

#include <condition_variable>
#include <cstddef>
#include <cstdio>
#include <deque>
#include <mutex>
#include <queue>
#include <string>
#include <vector>

// Things that look like a bound but do not stop the producer.

// A capacity member that the push path never reads.
class Configured {
public:
  explicit Configured(std::size_t capacity) : capacity_(capacity) {}
  void push(int job) {
    std::lock_guard<std::mutex> lock(mutex_);
    jobs_.push_back(job);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: queue 'Configured::jobs_' is pushed here with nothing on the push path that waits for room, fails or drops when it is full [memlint-unbounded-queue]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: 'Configured::pop' consumes it{{.*}}
  }
  int pop() {
    std::lock_guard<std::mutex> lock(mutex_);
    int job = jobs_.front();
    jobs_.pop_front();
    return job;
  }
  std::size_t capacity() const { return capacity_; }

private:
  std::mutex mutex_;
  std::size_t capacity_;
  std::deque<int> jobs_;
};
Configured g_configured(128);

// A size check that only logs.
class Warned {
public:
  void push(const std::string &m) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (messages_.size() > 10000)
      std::fprintf(stderr, "backlog of %zu messages\n", messages_.size());
    messages_.push_back(m);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: queue 'Warned::messages_' is pushed here with nothing on the push path that waits for room, fails or drops when it is full [memlint-unbounded-queue]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: 'Warned::pop' consumes it{{.*}}
  }
  std::string pop() {
    std::lock_guard<std::mutex> lock(mutex_);
    std::string m = messages_.front();
    messages_.pop_front();
    return m;
  }

private:
  std::mutex mutex_;
  std::deque<std::string> messages_;
};

// The producer waits, but for something other than room.
class WaitsForStart {
public:
  void push(int job) {
    std::unique_lock<std::mutex> lock(mutex_);
    started_cv_.wait(lock, [this] { return started_; });
    jobs_.push(job);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: queue 'WaitsForStart::jobs_' is pushed here with nothing on the push path that waits for room, fails or drops when it is full [memlint-unbounded-queue]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: 'WaitsForStart::pop' consumes it{{.*}}
  }
  int pop() {
    std::lock_guard<std::mutex> lock(mutex_);
    int job = jobs_.front();
    jobs_.pop();
    return job;
  }

private:
  std::mutex mutex_;
  std::condition_variable started_cv_;
  bool started_ = false;
  std::queue<int> jobs_;
};

// Only the consumer looks at the size.
class ConsumerCounts {
public:
  void push(int job) {
    std::lock_guard<std::mutex> lock(mutex_);
    jobs_.push_back(job);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: queue 'ConsumerCounts::jobs_' is pushed here with nothing on the push path that waits for room, fails or drops when it is full [memlint-unbounded-queue]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: 'ConsumerCounts::pop_batch' consumes it{{.*}}
  }
  int pop_batch() {
    std::lock_guard<std::mutex> lock(mutex_);
    int n = 0;
    while (!jobs_.empty() && n < 32) {
      jobs_.pop_front();
      ++n;
    }
    return n;
  }
  bool overloaded() const { return jobs_.size() > 1000; }

private:
  std::mutex mutex_;
  std::deque<int> jobs_;
};

// One producer checks for room, another does not: the unchecked push is
// reported.
class TwoProducers {
public:
  bool offer(int job) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (jobs_.size() >= 256)
      return false;
    jobs_.push_back(job);
    return true;
  }
  void force(int job) {
    std::lock_guard<std::mutex> lock(mutex_);
    jobs_.push_front(job);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: queue 'TwoProducers::jobs_' is pushed here with nothing on the push path that waits for room, fails or drops when it is full [memlint-unbounded-queue]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: 'TwoProducers::pop' consumes it{{.*}}
  }
  int pop() {
    std::lock_guard<std::mutex> lock(mutex_);
    int job = jobs_.front();
    jobs_.pop_front();
    return job;
  }

private:
  std::mutex mutex_;
  std::deque<int> jobs_;
};

// Reserving room is not a bound.
class Reserved {
public:
  Reserved() { jobs_.reserve(1024); }
  void push(int job) {
    std::lock_guard<std::mutex> lock(mutex_);
    jobs_.push_back(job);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: queue 'Reserved::jobs_' is pushed here with nothing on the push path that waits for room, fails or drops when it is full [memlint-unbounded-queue]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: 'Reserved::take_all' consumes it{{.*}}
  }
  std::vector<int> take_all() {
    std::vector<int> out;
    std::lock_guard<std::mutex> lock(mutex_);
    out.swap(jobs_);
    return out;
  }

private:
  std::mutex mutex_;
  std::vector<int> jobs_;
};
