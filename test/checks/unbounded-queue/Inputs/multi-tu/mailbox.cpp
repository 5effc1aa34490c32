#include "queues.h"
void Mailbox::deliver(const std::string &m) { std::lock_guard<std::mutex> lock(mutex_); inbox_.push(m); ready_.notify_one(); }
std::string Mailbox::receive() {
  std::unique_lock<std::mutex> lock(mutex_);
  ready_.wait(lock, [this] { return !inbox_.empty(); });
  std::string m = inbox_.front();
  inbox_.pop();
  return m;
}
void Bus::publish(int e) { std::lock_guard<std::mutex> lock(mutex); pending.push_back(e); }
int Bus::take() { std::lock_guard<std::mutex> lock(mutex); int e = pending.front(); pending.pop_front(); return e; }
