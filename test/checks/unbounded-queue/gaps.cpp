// RUN: %check_memlint '--checks=-*,memlint-unbounded-queue' %s -- -std=c++20
//
// Cases found by writing the tests from the spec (helpers, lazy slots,
// derived keys, emptying forms, template specializations, callbacks).
#include <condition_variable>
#include <deque>
#include <mutex>
#include <vector>

class Waiter { // OK: the push path waits for room in a helper
public:
  void push(int x) {
    std::unique_lock<std::mutex> lk(m_);
    wait_for_room(lk);
    q_.push_back(x);
  }
  int pop() {
    std::unique_lock<std::mutex> lk(m_);
    int v = q_.front();
    q_.pop_front();
    not_full_.notify_one();
    return v;
  }

private:
  void wait_for_room(std::unique_lock<std::mutex> &lk) {
    not_full_.wait(lk, [this] { return q_.size() < 64; });
  }
  std::mutex m_;
  std::condition_variable not_full_;
  std::deque<int> q_;
};

class Batcher {
public:
  void add(int x) {
    std::lock_guard<std::mutex> lk(m_);
    pending_.push_back(x);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: queue 'Batcher::pending_' is pushed here with nothing on the push path that wait{{.*}} [memlint-unbounded-queue]
  }
  void flush() {
    std::vector<int> batch;
    {
      std::lock_guard<std::mutex> lk(m_);
      batch.swap(pending_);
    }
  }

private:
  std::mutex m_;
  std::vector<int> pending_;
};
