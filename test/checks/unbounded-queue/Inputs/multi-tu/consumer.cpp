#include "queues.h"
int JobQueue::pop() { std::lock_guard<std::mutex> lock(mutex_); int j = jobs_.front(); jobs_.pop_front(); return j; }
int EventQueue::next() { std::lock_guard<std::mutex> lock(mutex_); int e = events_.front(); events_.pop_front(); return e; }
