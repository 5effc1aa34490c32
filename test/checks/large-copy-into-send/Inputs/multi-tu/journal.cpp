#include "channel.h"
Journal g_journal;
void Journal::append(const Batch &b) {
  std::lock_guard<std::mutex> lk(mu_);
  entries_.push_back(b);
}
