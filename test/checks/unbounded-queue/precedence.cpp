// RUN: %check_memlint '--checks=-*,memlint-unbounded-*,memlint-capacity-retention' %s

#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <vector>

// Only the most specific rule reports an entity: a queue that a consumer
// pops is unbounded-queue's, not unbounded-container-growth's (the pop is a
// bound for growth).
class Jobs {
public:
  void submit(int j) {
    std::lock_guard<std::mutex> lock(mutex_);
    jobs_.push_back(j);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: queue 'Jobs::jobs_' is pushed here{{.*}} [memlint-unbounded-queue]
  }
  int take() {
    std::lock_guard<std::mutex> lock(mutex_);
    int j = jobs_.front();
    jobs_.pop_front();
    return j;
  }

private:
  std::mutex mutex_;
  std::deque<int> jobs_;
};
Jobs g_jobs;

// A vector drained by swapping the backlog out: a queue, and never cleared,
// so capacity-retention has nothing to say.
class Lines {
public:
  void log(const std::string &s) {
    std::lock_guard<std::mutex> lock(mutex_);
    lines_.push_back(s);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: queue 'Lines::lines_' is pushed here{{.*}} [memlint-unbounded-queue]
  }
  std::vector<std::string> take_all() {
    std::vector<std::string> out;
    std::lock_guard<std::mutex> lock(mutex_);
    lines_.swap(out);
    return out;
  }

private:
  std::mutex mutex_;
  std::vector<std::string> lines_;
};
Lines g_lines;

// OK: a bounded queue is reported by no rule.
class Bounded {
public:
  void submit(int j) {
    std::unique_lock<std::mutex> lock(mutex_);
    room_.wait(lock, [this] { return jobs_.size() < 64; });
    jobs_.push_back(j);
  }
  int take() {
    std::lock_guard<std::mutex> lock(mutex_);
    int j = jobs_.front();
    jobs_.pop_front();
    room_.notify_one();
    return j;
  }

private:
  std::mutex mutex_;
  std::condition_variable room_;
  std::deque<int> jobs_;
};
Bounded g_bounded;

// OK: pushed and never consumed: unbounded-container-growth's, not a queue.
class History {
public:
  void record(int e) {
    std::lock_guard<std::mutex> lock(mutex_);
    events_.push_back(e);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: container 'History::events_' grows here{{.*}} [memlint-unbounded-container-growth]
  }

private:
  std::mutex mutex_;
  std::deque<int> events_;
};
History g_history;
