// RUN: %check_memlint '--checks=-*,memlint-unbounded-queue' %s

// A size check one call up bounds the push: the only caller of the
// function that pushes refuses to publish at a high-water mark.

#include <cstddef>
#include <deque>
#include <string>

class Publisher { // OK: every call of push_waiting() checks the size first
public:
  bool publish(const std::string &m) {
    if (waiting_.size() >= high_water_)
      return false;
    push_waiting(m);
    return true;
  }
  void on_ack() { waiting_.pop_front(); }

private:
  void push_waiting(const std::string &m) { waiting_.push_back(m); }
  std::deque<std::string> waiting_;
  std::size_t high_water_ = 1024;
};

// The same push with a second caller that does not check: reported.
class Resender {
public:
  bool publish(const std::string &m) {
    if (waiting_.size() >= high_water_)
      return false;
    push_waiting(m);
    return true;
  }
  void resend(const std::string &m) { push_waiting(m); }
  void on_ack() { waiting_.pop_front(); }

private:
  void push_waiting(const std::string &m) { waiting_.push_back(m); }
  // CHECK-MESSAGES: :[[@LINE-1]]:45: warning: queue 'Resender::waiting_' is pushed here{{.*}} [memlint-unbounded-queue]
  std::deque<std::string> waiting_;
  std::size_t high_water_ = 1024;
};

Publisher g_publisher;
Resender g_resender;
