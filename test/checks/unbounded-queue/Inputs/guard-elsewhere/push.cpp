#include "jobs.h"
bool JobQueue::push(int job) {
  std::lock_guard<std::mutex> lk(m_);
  if (full())
    return false;
  q_.push_back(job);
  return true;
}
int JobQueue::pop() {
  std::lock_guard<std::mutex> lk(m_);
  int j = q_.front();
  q_.pop_front();
  return j;
}
