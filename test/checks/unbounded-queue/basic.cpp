// RUN: %check_memlint '--checks=-*,memlint-unbounded-queue' %s

#include <condition_variable>
#include <deque>
#include <functional>
#include <list>
#include <mutex>
#include <queue>
#include <string>
#include <utility>
#include <vector>

// The classic shape: a queue guarded by a mutex and a condition variable.
// The consumer waits for work; the producer never waits for room. One
// finding, at the push, with notes at the declaration and the consumer.
class WorkQueue {
public:
  void push(int job) {
    std::lock_guard<std::mutex> lock(mutex_);
    jobs_.push(job);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: queue 'WorkQueue::jobs_' is pushed here with nothing on the push path that waits for room, fails or drops when it is full [memlint-unbounded-queue]
    // CHECK-MESSAGES: :[[@LINE+21]]:19: note: 'WorkQueue::jobs_' declared here
    // CHECK-MESSAGES: :[[@LINE+13]]:5: note: 'WorkQueue::jobs_' is consumed here
    ready_.notify_one();
  }
  void push_urgent(int job) {
    std::lock_guard<std::mutex> lock(mutex_);
    jobs_.emplace(job);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'WorkQueue::jobs_' is also pushed here
    // CHECK-MESSAGES: :[[@LINE-10]]:5: note: 'WorkQueue::pop' consumes it, and when producers outrun the consumer it grows without limit; block the producer on a size limit (condition variable or semaphore), fail the push when full, or drop the oldest entry
  }
  int pop() {
    std::unique_lock<std::mutex> lock(mutex_);
    ready_.wait(lock, [this] { return !jobs_.empty(); });
    int job = jobs_.front();
    jobs_.pop();
    return job;
  }

private:
  std::mutex mutex_;
  std::condition_variable ready_;
  std::queue<int> jobs_;
};

// Every queue-shaped container: deque, list, priority_queue.
class Dispatcher {
public:
  void post(int e) {
    std::lock_guard<std::mutex> lock(mutex_);
    events_.push_back(e);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: queue 'Dispatcher::events_' is pushed here with nothing on the push path that waits for room, fails or drops when it is full [memlint-unbounded-queue]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: 'Dispatcher::next_event' consumes it{{.*}}
  }
  void send(const std::string &m) {
    std::lock_guard<std::mutex> lock(mutex_);
    outbox_.emplace_back(m);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: queue 'Dispatcher::outbox_' is pushed here with nothing on the push path that waits for room, fails or drops when it is full [memlint-unbounded-queue]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: 'Dispatcher::next_message' consumes it{{.*}}
  }
  void schedule(long deadline) {
    std::lock_guard<std::mutex> lock(mutex_);
    timers_.push(deadline);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: queue 'Dispatcher::timers_' is pushed here with nothing on the push path that waits for room, fails or drops when it is full [memlint-unbounded-queue]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: 'Dispatcher::next_timer' consumes it{{.*}}
  }
  int next_event() {
    std::lock_guard<std::mutex> lock(mutex_);
    int e = events_.front();
    events_.pop_front();
    return e;
  }
  std::string next_message() {
    std::lock_guard<std::mutex> lock(mutex_);
    std::string m = outbox_.front();
    outbox_.pop_front();
    return m;
  }
  long next_timer() {
    std::lock_guard<std::mutex> lock(mutex_);
    long t = timers_.top();
    timers_.pop();
    return t;
  }

private:
  std::mutex mutex_;
  std::deque<int> events_;
  std::list<std::string> outbox_;
  std::priority_queue<long> timers_;
};

// A thread pool's task queue.
class ThreadPool {
public:
  void submit(std::function<void()> task) {
    std::lock_guard<std::mutex> lock(mutex_);
    tasks_.push_back(std::move(task));
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: queue 'ThreadPool::tasks_' is pushed here with nothing on the push path that waits for room, fails or drops when it is full [memlint-unbounded-queue]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: 'ThreadPool::worker_loop' consumes it{{.*}}
    cv_.notify_one();
  }
  void worker_loop() {
    for (;;) {
      std::function<void()> task;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        cv_.wait(lock, [this] { return stopping_ || !tasks_.empty(); });
        if (stopping_)
          return;
        task = std::move(tasks_.front());
        tasks_.pop_front();
      }
      task();
    }
  }

private:
  std::mutex mutex_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::deque<std::function<void()>> tasks_;
};

// An async logger: producers append under the lock, the writer thread takes
// the whole backlog at once (swap, move or exchange) and writes it out.
void write_lines(const std::vector<std::string> &lines);
class AsyncLogger {
public:
  void log(const std::string &line) {
    std::lock_guard<std::mutex> lock(mutex_);
    pending_.push_back(line);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: queue 'AsyncLogger::pending_' is pushed here with nothing on the push path that waits for room, fails or drops when it is full [memlint-unbounded-queue]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: 'AsyncLogger::flush' consumes it{{.*}}
  }
  void flush() {
    std::vector<std::string> batch;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      pending_.swap(batch);
    }
    write_lines(batch);
  }

private:
  std::mutex mutex_;
  std::vector<std::string> pending_;
};
class MovingLogger {
public:
  void log(const std::string &line) {
    std::lock_guard<std::mutex> lock(mutex_);
    pending_.push_back(line);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: queue 'MovingLogger::pending_' is pushed here with nothing on the push path that waits for room, fails or drops when it is full [memlint-unbounded-queue]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: 'MovingLogger::drain' consumes it{{.*}}
  }
  std::vector<std::string> drain() {
    std::lock_guard<std::mutex> lock(mutex_);
    return std::exchange(pending_, {});
  }

private:
  std::mutex mutex_;
  std::vector<std::string> pending_;
};
class SwappingLogger {
public:
  void log(const std::string &line) {
    std::lock_guard<std::mutex> lock(mutex_);
    pending_.push_back(line);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: queue 'SwappingLogger::pending_' is pushed here with nothing on the push path that waits for room, fails or drops when it is full [memlint-unbounded-queue]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: 'SwappingLogger::flush' consumes it{{.*}}
  }
  void flush() {
    std::vector<std::string> batch;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      std::swap(pending_, batch);
    }
    write_lines(batch);
  }

private:
  std::mutex mutex_;
  std::vector<std::string> pending_;
};

// Namespace-scope and static-member queues.
std::mutex g_jobs_mutex;
std::deque<std::string> g_jobs;
void enqueue_job(const std::string &job) {
  std::lock_guard<std::mutex> lock(g_jobs_mutex);
  g_jobs.push_back(job);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: queue 'g_jobs' is pushed here with nothing on the push path that waits for room, fails or drops when it is full [memlint-unbounded-queue]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: 'take_job' consumes it, and when producers outrun the consumer it grows without limit;{{.*}}
}
std::string take_job() {
  std::lock_guard<std::mutex> lock(g_jobs_mutex);
  std::string job = g_jobs.front();
  g_jobs.pop_front();
  return job;
}

class EventBus {
public:
  static void publish(int e) {
    std::lock_guard<std::mutex> lock(mutex_);
    events_.push_back(e);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: queue 'EventBus::events_' is pushed here with nothing on the push path that waits for room, fails or drops when it is full [memlint-unbounded-queue]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: 'EventBus::poll' consumes it{{.*}}
  }
  static int poll() {
    std::lock_guard<std::mutex> lock(mutex_);
    int e = events_.front();
    events_.pop_front();
    return e;
  }

private:
  static inline std::mutex mutex_;
  static inline std::deque<int> events_;
};
