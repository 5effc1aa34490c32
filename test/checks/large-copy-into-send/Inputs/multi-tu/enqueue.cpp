#include "channel.h"
void BatchChannel::enqueue(const Batch &b) {
  std::lock_guard<std::mutex> lk(mu_);
  store(b);
}
