#include "logger.h"

#include <chrono>
#include <stdexcept>
#include <utility>

namespace inventory {

AsyncLogger::AsyncLogger(const std::string& path) : out_(path, std::ios::app) {
  if (!out_) throw std::runtime_error("cannot open log file " + path);
  writer_ = std::thread([this] { run(); });
}

AsyncLogger::~AsyncLogger() {
  {
    std::lock_guard<std::mutex> lk(mu_);
    stopping_ = true;
  }
  wake_.notify_one();
  writer_.join();
}

void AsyncLogger::log(std::string_view level, std::string_view message) {
  const auto now = std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::system_clock::now().time_since_epoch());
  std::string line = std::to_string(now.count());
  line.append(" [").append(level).append("] ").append(message);
  {
    std::lock_guard<std::mutex> lk(mu_);
    queue_.push_back(std::move(line));
  }
  wake_.notify_one();
}

void AsyncLogger::run() {
  std::unique_lock<std::mutex> lk(mu_);
  for (;;) {
    wake_.wait(lk, [this] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) break;  // stopping, and everything is written
    std::uint64_t batch = 0;
    while (!queue_.empty()) {
      write_buf_ += queue_.front();
      write_buf_ += '\n';
      queue_.pop_front();
      ++batch;
    }
    lk.unlock();
    out_.write(write_buf_.data(), static_cast<std::streamsize>(write_buf_.size()));
    out_.flush();
    write_buf_.clear();
    lines_written_ += batch;
    std::this_thread::sleep_for(kFlushInterval);  // let the next batch build up
    lk.lock();
  }
}

}  // namespace inventory
