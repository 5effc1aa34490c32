#include "queues.h"
void JobQueue::push(int job) { std::lock_guard<std::mutex> lock(mutex_); push_capped(jobs_, job); }
void EventQueue::post(int e) { std::lock_guard<std::mutex> lock(mutex_); events_.push_back(e); }
