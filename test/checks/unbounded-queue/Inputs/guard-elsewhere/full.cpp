#include "jobs.h"
bool JobQueue::full() const { return q_.size() >= 64; }
