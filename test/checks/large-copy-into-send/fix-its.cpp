// RUN: %check_memlint '--checks=-*,memlint-large-copy-into-send' %s

#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

void process(const std::vector<std::string> &rows);
std::vector<std::string> load();

// A local's last use: std::move hands it over instead of copying it.
void run_once() {
  std::vector<std::string> rows = load();
  std::thread t(process, rows);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'rows' (a 'std::vector<std::string>') is copied whole into the thread{{.*}} [memlint-large-copy-into-send]
  // CHECK-FIXES: {{^  }}std::thread t(process, std::move(rows));{{$}}
  t.join();
}

struct Message {
  std::string topic;
  std::vector<char> body;
};

class Outbox {
public:
  void publish(const std::string &topic, std::size_t n) {
    Message m{topic, std::vector<char>(n)};
    std::lock_guard<std::mutex> lock(mu_);
    queue_.push_back(m);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'm' (a 'Message') is copied whole into the queue{{.*}} [memlint-large-copy-into-send]
    // CHECK-FIXES: {{^    }}queue_.push_back(std::move(m));{{$}}
  }
  Message take() {
    std::lock_guard<std::mutex> lock(mu_);
    Message m = std::move(queue_.front());
    queue_.pop_front();
    return m;
  }

private:
  std::mutex mu_;
  std::deque<Message> queue_;
};

// Used afterwards, but the thread is joined first in this block and nothing
// touches rows meanwhile: std::cref shares it instead of copying it.
std::size_t run_and_count() {
  std::vector<std::string> rows = load();
  std::thread t(process, rows);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'rows' (a 'std::vector<std::string>') is copied whole into the thread{{.*}} [memlint-large-copy-into-send]
  // CHECK-FIXES: {{^  }}std::thread t(process, std::cref(rows));{{$}}
  t.join();
  return rows.size();
}

// Changed while the thread may still read it: no safe fix, a suggestion.
std::size_t run_and_change() {
  std::vector<std::string> rows = load();
  std::thread t(process, rows);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'rows' (a 'std::vector<std::string>') is copied whole into the thread{{.*}} [memlint-large-copy-into-send]
  // CHECK-FIXES: {{^  }}std::thread t(process, rows);{{$}}
  rows.clear();
  t.join();
  return rows.size();
}

// Never joined in this scope (detached): no safe fix.
void run_detached(std::vector<std::string> &keep) {
  std::vector<std::string> rows = load();
  std::thread t(process, rows);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'rows' (a 'std::vector<std::string>') is copied whole into the thread{{.*}} [memlint-large-copy-into-send]
  // CHECK-FIXES: {{^  }}std::thread t(process, rows);{{$}}
  t.detach();
  keep = rows;
}

// The callee takes an rvalue reference: a reference_wrapper would not bind.
void consume(std::vector<std::string> &&rows);
std::size_t run_consume() {
  std::vector<std::string> rows = load();
  std::thread t(consume, rows);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'rows' (a 'std::vector<std::string>') is copied whole into the thread{{.*}} [memlint-large-copy-into-send]
  // CHECK-FIXES: {{^  }}std::thread t(consume, rows);{{$}}
  t.join();
  return rows.size();
}
