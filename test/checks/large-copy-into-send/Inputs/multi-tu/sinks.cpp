#include "channel.h"
void QueueSink::put(const Batch &b) {
  std::lock_guard<std::mutex> lk(mu_);
  pending_.push_back(b);
}
Batch QueueSink::next() {
  std::lock_guard<std::mutex> lk(mu_);
  Batch b = std::move(pending_.front());
  pending_.pop_front();
  return b;
}
void NullSink::put(const Batch &) {}
void SizeCounter::count(const Batch &b) { total_ += b.size(); }
