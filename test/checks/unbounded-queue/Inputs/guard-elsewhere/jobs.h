#pragma once
#include <deque>
#include <mutex>

class JobQueue {
public:
  bool push(int job);
  int pop();
  bool full() const;

private:
  mutable std::mutex m_;
  std::deque<int> q_;
};
