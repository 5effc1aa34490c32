#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace inventory {

// Fixed-size worker pool. submit() blocks while `capacity` tasks are already
// waiting, so a fast producer cannot run ahead of the workers.
class ThreadPool {
 public:
  ThreadPool(std::size_t threads, std::size_t capacity) : capacity_(capacity), workers_(threads) {
    for (auto& worker : workers_) worker = std::thread([this] { run(); });
  }
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;
  ~ThreadPool() { shutdown(); }

  void submit(std::function<void()> task) {
    {
      std::unique_lock<std::mutex> lk(mu_);
      not_full_.wait(lk, [&] { return tasks_.size() < capacity_; });
      tasks_.push_back(std::move(task));
    }
    not_empty_.notify_one();
  }

  // Blocks until every submitted task has finished.
  void wait_idle() {
    std::unique_lock<std::mutex> lk(mu_);
    idle_.wait(lk, [&] { return tasks_.empty() && active_ == 0; });
  }

  // Runs the remaining tasks, then joins the workers.
  void shutdown() {
    {
      std::lock_guard<std::mutex> lk(mu_);
      if (stopping_) return;
      stopping_ = true;
    }
    not_empty_.notify_all();
    for (auto& worker : workers_) worker.join();
  }

 private:
  void run() {
    for (;;) {
      std::function<void()> task;
      bool wake_producers = false;
      {
        std::unique_lock<std::mutex> lk(mu_);
        not_empty_.wait(lk, [&] { return stopping_ || !tasks_.empty(); });
        if (tasks_.empty()) return;
        task = std::move(tasks_.front());
        tasks_.pop_front();
        ++active_;
        // Wake blocked producers at the low-water mark, not on every pop.
        wake_producers = tasks_.size() == capacity_ / 2;
      }
      if (wake_producers) not_full_.notify_all();
      task();
      std::lock_guard<std::mutex> lk(mu_);
      if (--active_ == 0 && tasks_.empty()) idle_.notify_all();
    }
  }

  const std::size_t capacity_;
  std::mutex mu_;
  std::condition_variable not_empty_;
  std::condition_variable not_full_;
  std::condition_variable idle_;
  std::deque<std::function<void()>> tasks_;
  std::size_t active_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> workers_;  // last: started once the rest exists
};

}  // namespace inventory
