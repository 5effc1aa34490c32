// RUN: %check_memlint '--checks=-*,memlint-unbounded-queue' %s

#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

// A queue the class owns through a raw pointer member is the queue itself:
// `pending_->emplace_back(f)` pushes it, `pending_->swap(batch)` consumes
// it, `pending_ = new ...` (here in a helper of the constructor) builds it
// and `delete pending_` in the destructor tears it down.
class EventLoop {
public:
  using Functor = std::function<void()>;
  EventLoop() { Init(); }
  ~EventLoop() {
    delete pending_;
    pending_ = nullptr;
  }
  void QueueInLoop(const Functor &cb) {
    std::lock_guard<std::mutex> lock(mutex_);
    pending_->emplace_back(cb);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: queue 'EventLoop::pending_' is pushed here with nothing on the push path that waits for room, fails or drops when it is full [memlint-unbounded-queue]
    // CHECK-MESSAGES: :[[@LINE+17]]:25: note: 'EventLoop::pending_' declared here
    // CHECK-MESSAGES: :[[@LINE+7]]:7: note: 'EventLoop::pending_' is consumed here
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: 'EventLoop::DoPendingFunctors' consumes it, and when producers outrun the consumer it grows without limit; block the producer on a size limit (condition variable or semaphore), fail the push when full, or drop the oldest entry
  }
  void DoPendingFunctors() {
    std::vector<Functor> functors;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      pending_->swap(functors);
    }
    for (Functor &f : functors)
      f();
  }

private:
  void Init() { pending_ = new std::vector<Functor>(); }
  std::mutex mutex_;
  std::vector<Functor> *pending_;
};

// Built in the member initializer, popped through `(*jobs_)`.
class Jobs {
public:
  Jobs() : jobs_(new std::deque<int>()) {}
  ~Jobs() { delete jobs_; }
  void push(int job) {
    std::lock_guard<std::mutex> lock(mutex_);
    jobs_->push_back(job);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: queue 'Jobs::jobs_' is pushed here with nothing on the push path that waits for room, fails or drops when it is full [memlint-unbounded-queue]
    // CHECK-MESSAGES: :[[@LINE+13]]:20: note: 'Jobs::jobs_' declared here
    // CHECK-MESSAGES: :[[@LINE+6]]:5: note: 'Jobs::jobs_' is consumed here
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: 'Jobs::pop' consumes it, and when producers outrun the consumer it grows without limit; block the producer on a size limit (condition variable or semaphore), fail the push when full, or drop the oldest entry
  }
  int pop() {
    std::lock_guard<std::mutex> lock(mutex_);
    int job = jobs_->front();
    (*jobs_).pop_front();
    return job;
  }

private:
  std::mutex mutex_;
  std::deque<int> *jobs_;
};

// A smart pointer given its queue in the constructor's body: its
// construction, not a consumer.
class Smart {
public:
  Smart() { jobs_ = std::make_unique<std::deque<int>>(); }
  void push(int job) {
    std::lock_guard<std::mutex> lock(mutex_);
    jobs_->push_back(job);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: queue 'Smart::jobs_' is pushed here with nothing on the push path that waits for room, fails or drops when it is full [memlint-unbounded-queue]
    // CHECK-MESSAGES: :[[@LINE+13]]:36: note: 'Smart::jobs_' declared here
    // CHECK-MESSAGES: :[[@LINE+6]]:5: note: 'Smart::jobs_' is consumed here
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: 'Smart::pop' consumes it, and when producers outrun the consumer it grows without limit; block the producer on a size limit (condition variable or semaphore), fail the push when full, or drop the oldest entry
  }
  int pop() {
    std::lock_guard<std::mutex> lock(mutex_);
    int job = jobs_->front();
    jobs_->pop_front();
    return job;
  }

private:
  std::mutex mutex_;
  std::unique_ptr<std::deque<int>> jobs_;
};

// Near misses.

constexpr std::size_t kMaxJobs = 1024;

// OK: the owned queue is bounded: the push fails when it is full.
class BoundedJobs {
public:
  BoundedJobs() : jobs_(new std::deque<int>()) {}
  ~BoundedJobs() { delete jobs_; }
  bool push(int job) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (jobs_->size() >= kMaxJobs)
      return false;
    jobs_->push_back(job);
    return true;
  }
  int pop() {
    std::lock_guard<std::mutex> lock(mutex_);
    int job = jobs_->front();
    jobs_->pop_front();
    return job;
  }

private:
  std::mutex mutex_;
  std::deque<int> *jobs_;
};

// OK: the member points to a queue some other object owns: it is judged
// where it lives (here: a queue whose owner hands it over, so what is done
// with it is not seen there either).
class Worker {
public:
  explicit Worker(std::deque<int> *jobs) : jobs_(jobs) {}
  void push(int job) {
    std::lock_guard<std::mutex> lock(mutex_);
    jobs_->push_back(job);
  }
  int pop() {
    std::lock_guard<std::mutex> lock(mutex_);
    int job = jobs_->front();
    jobs_->pop_front();
    return job;
  }

private:
  std::mutex mutex_;
  std::deque<int> *jobs_;
};

class Pool {
public:
  Pool() : worker_(&jobs_) {}
  void submit(int job) {
    std::lock_guard<std::mutex> lock(mutex_);
    jobs_.push_back(job);
  }

private:
  std::mutex mutex_;
  std::deque<int> jobs_;
  Worker worker_;
};

// OK: allocated by the class, but also pointed at a queue it is handed: it
// may not own what it points to.
class Relay {
public:
  Relay() : jobs_(new std::deque<int>()) {}
  void attach(std::deque<int> &shared) { jobs_ = &shared; }
  void push(int job) {
    std::lock_guard<std::mutex> lock(mutex_);
    jobs_->push_back(job);
  }
  int pop() {
    std::lock_guard<std::mutex> lock(mutex_);
    int job = jobs_->front();
    jobs_->pop_front();
    return job;
  }

private:
  std::mutex mutex_;
  std::deque<int> *jobs_;
};
