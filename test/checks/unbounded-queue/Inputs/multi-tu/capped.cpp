#include "queues.h"
void push_capped(std::deque<int> &q, int job) {
  if (q.size() >= 1024)
    q.pop_front();
  q.push_back(job);
}
