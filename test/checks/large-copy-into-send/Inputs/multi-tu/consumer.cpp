#include "channel.h"
BatchChannel g_channel;
Batch BatchChannel::pop() {
  std::lock_guard<std::mutex> lk(mu_);
  Batch b = std::move(q_.front());
  q_.pop_front();
  return b;
}
