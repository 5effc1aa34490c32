#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <fstream>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace inventory {

// Request-path logging that never blocks the caller: lines are queued and a
// background writer appends them to the log file every kFlushInterval.
class AsyncLogger {
 public:
  static constexpr std::chrono::milliseconds kFlushInterval{5};

  explicit AsyncLogger(const std::string& path);
  ~AsyncLogger();
  AsyncLogger(const AsyncLogger&) = delete;
  AsyncLogger& operator=(const AsyncLogger&) = delete;

  void log(std::string_view level, std::string_view message);
  std::uint64_t lines_written() const { return lines_written_.load(); }

 private:
  void run();

  std::ofstream out_;
  std::mutex mu_;
  std::condition_variable wake_;
  std::deque<std::string> queue_;
  bool stopping_ = false;
  std::string write_buf_;  // touched by the writer thread only
  std::atomic<std::uint64_t> lines_written_{0};
  std::thread writer_;
};

}  // namespace inventory
